//! The flow-sensitive check of optional facts: a test that reads an optional fact's value must
//! sit where `is known` guards it on that path, as in a null-safe language. The left of `and`
//! guards its right, the negation of the left of `or` guards its right, the left of `implies`
//! guards its right; a named condition guards as its definition does.

use std::collections::HashSet;

use super::Checker;
use super::error::SemaError;
use crate::ir::{self, ConditionId, ExprKind, FactId, Numeric, Pathway};

/// How deep `known_when` follows named conditions; sema reports cycles elsewhere, and a chain
/// this deep guards nothing more.
const MAX_DEPTH: usize = 64;

impl Checker<'_> {
    /// Reports every read of an optional fact that no guard covers, in every expression.
    pub(super) fn check_guards(&mut self, pathway: &Pathway) {
        if !pathway.facts.iter().any(|f| f.optional) {
            return;
        }
        let roots = pathway.expressions();
        for root in roots {
            self.guard(pathway, root, &HashSet::new());
        }
    }

    fn guard(&mut self, pathway: &Pathway, expr: &ir::Expr, known: &HashSet<FactId>) {
        let unguarded = |this: &mut Self, fact: FactId| {
            if pathway.fact(fact).optional && !known.contains(&fact) {
                let name = pathway.fact(fact).name.node.clone();
                let guard = format!("{name} is known and {}", pathway.render(&expr.node));
                this.errors.push(SemaError::UnguardedOptional {
                    fact: name,
                    guard,
                    at: expr.span.into(),
                });
            }
        };
        match &expr.node {
            ExprKind::And(items) | ExprKind::Or(items) => {
                let and = matches!(expr.node, ExprKind::And(_));
                let mut on_path = known.clone();
                for item in items {
                    self.guard(pathway, item, &on_path);
                    on_path.extend(known_when(pathway, item, and, 0));
                }
            }
            ExprKind::Implies(a, b) => {
                self.guard(pathway, a, known);
                let mut on_path = known.clone();
                on_path.extend(known_when(pathway, a, true, 0));
                self.guard(pathway, b, &on_path);
            }
            ExprKind::Iff(a, b) => {
                self.guard(pathway, a, known);
                self.guard(pathway, b, known);
            }
            ExprKind::Not(inner) => self.guard(pathway, inner, known),
            ExprKind::Fact(f)
            | ExprKind::EnumIn(f, _)
            | ExprKind::SetContains(f, _)
            | ExprKind::SetEmpty(f) => unguarded(self, *f),
            ExprKind::FactsEqual(a, b) => {
                unguarded(self, *a);
                unguarded(self, *b);
            }
            ExprKind::Number(test) => {
                // A score's criteria are checked once, with the score.
                if let Numeric::Fact(f) = test.subject {
                    unguarded(self, f);
                }
            }
            ExprKind::Known(_)
            | ExprKind::Const(_)
            | ExprKind::Condition(_)
            | ExprKind::Recommendation(_) => {}
        }
    }
}

/// The facts known to have a value whenever `expr` evaluates to `value`.
fn known_when(pathway: &Pathway, expr: &ir::Expr, value: bool, depth: usize) -> Vec<FactId> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let all = |items: &[ir::Expr], v: bool| -> Vec<FactId> {
        items.iter().flat_map(|item| known_when(pathway, item, v, depth + 1)).collect()
    };
    match &expr.node {
        ExprKind::Known(f) if value => vec![*f],
        ExprKind::Not(inner) => known_when(pathway, inner, !value, depth + 1),
        ExprKind::And(items) if value => all(items, true),
        ExprKind::Or(items) if !value => all(items, false),
        ExprKind::Implies(a, b) if !value => {
            let mut facts = known_when(pathway, a, true, depth + 1);
            facts.extend(known_when(pathway, b, false, depth + 1));
            facts
        }
        ExprKind::Condition(ConditionId(c)) => match pathway.conditions.get(*c as usize) {
            Some(condition) => known_when(pathway, &condition.expr, value, depth + 1),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}
