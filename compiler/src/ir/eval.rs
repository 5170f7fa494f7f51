//! Evaluation of IR expressions over fact values: the meaning of the language. Conditions are
//! evaluated on demand and remembered, so each is computed at most once per input, as the
//! generated code does. The interpreter, the brute-force oracle of the analyses and their
//! witness check all evaluate through this one `Evaluator`.

use std::borrow::Cow;

use cairn_runtime::{Decimal, FactsError};

use super::value::Value;
use super::{ConditionId, Expr, ExprKind, NumForm, Numeric, Pathway, RecId, ScoreTerm};

/// Evaluates expressions for one input.
pub struct Evaluator<'p> {
    pathway: &'p Pathway,
    facts: &'p [Value],
    /// Memo of named conditions, by `ConditionId`.
    conditions: Vec<Option<bool>>,
    /// Memo of whether each recommendation applies, by `RecId`, for assertions that name them.
    recommendations: Vec<Option<bool>>,
    /// Memo of each score's value, by `ScoreId`.
    scores: Vec<Option<Decimal>>,
}

/// Whether a numeric fact's value passes a test; an unknown value passes none (sema makes sure
/// no test of an optional fact decides anything unless `is known` guards it).
pub fn number_holds(value: Option<&Value>, form: NumForm) -> bool {
    match value {
        Some(Value::Number(v)) => form.holds(*v),
        _ => false,
    }
}

impl<'p> Evaluator<'p> {
    /// An evaluator for one set of fact values (one per `FactId`).
    pub fn new(pathway: &'p Pathway, facts: &'p [Value]) -> Self {
        Evaluator {
            pathway,
            facts,
            conditions: vec![None; pathway.conditions.len()],
            recommendations: vec![None; pathway.recommendations.len()],
            scores: vec![None; pathway.scores.len()],
        }
    }

    /// A score's value: the sum of the weights of its criteria that hold.
    fn score(&mut self, id: super::ScoreId, terms: &[ScoreTerm]) -> Decimal {
        if let Some(Some(known)) = self.scores.get(id.index()) {
            return *known;
        }
        let mut sum = Decimal::ZERO;
        for term in terms {
            if self.eval(&term.expr) {
                // Sema checked that the sum of every weight fits.
                sum = sum.checked_add(term.weight).unwrap_or(sum);
            }
        }
        if let Some(slot) = self.scores.get_mut(id.index()) {
            *slot = Some(sum);
        }
        sum
    }

    /// Checks the constraints, in source order, and refuses the input with the first broken
    /// one, as the generated engine does. Every condition is evaluated first, each after those
    /// it uses, so evaluation never recurses down a long chain of conditions.
    pub fn consistent(&mut self) -> Result<(), FactsError> {
        for &id in &self.pathway.condition_order {
            self.condition(id);
        }
        let pathway = self.pathway;
        for constraint in &pathway.constraints {
            if !self.eval(&constraint.expr) {
                return Err(FactsError::Inconsistent {
                    constraint: Cow::Owned(constraint.name.node.clone()),
                    description: Cow::Owned(
                        constraint
                            .description
                            .clone()
                            .unwrap_or_else(|| pathway.render(&constraint.expr.node)),
                    ),
                });
            }
        }
        Ok(())
    }

    /// The value of a named condition.
    pub fn condition(&mut self, id: ConditionId) -> bool {
        if let Some(Some(known)) = self.conditions.get(id.index()) {
            return *known;
        }
        // Sema refuses cyclic conditions, so this recursion ends.
        let value = self.eval(&self.pathway.condition(id).expr);
        if let Some(slot) = self.conditions.get_mut(id.index()) {
            *slot = Some(value);
        }
        value
    }

    /// Whether a recommendation applies (its `when`).
    pub fn recommendation(&mut self, id: RecId) -> bool {
        if let Some(Some(known)) = self.recommendations.get(id.index()) {
            return *known;
        }
        // Only assertions name recommendations, and no `when` does, so this cannot recurse
        // forever.
        let value = match self.pathway.recommendations.get(id.index()) {
            Some(rec) => self.eval(&rec.when),
            None => false,
        };
        if let Some(slot) = self.recommendations.get_mut(id.index()) {
            *slot = Some(value);
        }
        value
    }

    /// The value of an expression.
    pub fn eval(&mut self, expr: &Expr) -> bool {
        match &expr.node {
            ExprKind::Const(b) => *b,
            ExprKind::Fact(f) => matches!(self.facts.get(f.index()), Some(Value::Bool(true))),
            ExprKind::Condition(c) => self.condition(*c),
            ExprKind::Recommendation(r) => self.recommendation(*r),
            ExprKind::EnumIn(f, variants) => match self.facts.get(f.index()) {
                Some(Value::Enum(v)) => variants.contains(v),
                _ => false,
            },
            ExprKind::SetContains(f, v) => match self.facts.get(f.index()) {
                Some(Value::Set(bits)) => bits.checked_shr(v.0).is_some_and(|b| b & 1 != 0),
                _ => false,
            },
            ExprKind::SetEmpty(f) => matches!(self.facts.get(f.index()), Some(Value::Set(0))),
            ExprKind::FactsEqual(a, b) => self.facts.get(a.index()) == self.facts.get(b.index()),
            ExprKind::Number(test) => match &test.subject {
                Numeric::Fact(f) => number_holds(self.facts.get(f.index()), test.form),
                Numeric::Score(id, terms) => {
                    let value = self.score(*id, terms);
                    test.form.holds(value)
                }
            },
            ExprKind::Known(f) => !matches!(self.facts.get(f.index()), Some(Value::Unknown) | None),
            ExprKind::Not(inner) => !self.eval(inner),
            ExprKind::And(items) => items.iter().all(|item| self.eval(item)),
            ExprKind::Or(items) => items.iter().any(|item| self.eval(item)),
            ExprKind::Implies(a, b) => !self.eval(a) || self.eval(b),
            ExprKind::Iff(a, b) => self.eval(a) == self.eval(b),
        }
    }
}
