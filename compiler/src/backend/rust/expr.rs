//! Expressions of the IR as Rust: each operator transcribed, with the fewest parentheses that
//! keep the meaning (a binding `Level` per piece of code, as the precedence of the pathway
//! language is in `ir::render`).

use super::Code;
use crate::ir::{ExprKind, FactId, VariantId};

/// How tightly a piece of generated Rust binds, to decide on parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Level {
    /// `a || b`.
    Or,
    /// `a && b`.
    And,
    /// `a == b`, `a != b`.
    Compare,
    /// `!a`.
    Unary,
    /// Names, calls, literals, macros.
    Atom,
}

impl Code<'_> {
    pub(super) fn field(&self, fact: FactId) -> String {
        format!("facts.{}", self.names.fields.get(fact.index()).map_or("_", String::as_str))
    }

    pub(super) fn enum_type(&self, fact: FactId) -> String {
        self.pathway
            .enum_of(fact)
            .and_then(|e| self.names.enums.get(e.index()).cloned().flatten())
            .unwrap_or_default()
    }

    pub(super) fn variant(&self, fact: FactId, variant: VariantId) -> String {
        let name = self
            .pathway
            .enum_of(fact)
            .and_then(|e| self.names.variants.get(e.index()))
            .and_then(|variants| variants.get(variant.index()))
            .map_or("_", String::as_str);
        format!("{}::{name}", self.enum_type(fact))
    }

    pub(super) fn wrap(&self, (code, level): (String, Level), at_least: Level) -> String {
        if level < at_least { format!("({code})") } else { code }
    }

    /// The expression as Rust, conditions read from their locals.
    pub(super) fn expr(&self, kind: &ExprKind) -> (String, Level) {
        match kind {
            ExprKind::Const(b) => (b.to_string(), Level::Atom),
            ExprKind::Fact(f) => (self.field(*f), Level::Atom),
            ExprKind::Condition(c) => {
                (self.names.conditions.get(c.index()).cloned().unwrap_or_default(), Level::Atom)
            }
            ExprKind::EnumIn(f, variants) if distinct(variants).len() != 1 => {
                match distinct(variants).as_slice() {
                    [] => ("false".to_string(), Level::Atom),
                    many => {
                        let patterns: Vec<String> =
                            many.iter().map(|v| self.variant(*f, *v)).collect();
                        let code =
                            format!("matches!({}, {})", self.field(*f), patterns.join(" | "));
                        (code, Level::Atom)
                    }
                }
            }
            ExprKind::EnumIn(..) | ExprKind::FactsEqual(..) | ExprKind::Iff(..) => {
                let (a, b) = self.sides(kind);
                (format!("{a} == {b}"), Level::Compare)
            }
            ExprKind::SetContains(f, v) => {
                (format!("{}.contains({})", self.field(*f), self.variant(*f, *v)), Level::Atom)
            }
            ExprKind::SetEmpty(f) => (format!("{}.is_empty()", self.field(*f)), Level::Atom),
            ExprKind::Not(inner) => self.not(&inner.node),
            ExprKind::And(items) => {
                let parts: Vec<String> =
                    items.iter().map(|i| self.wrap(self.expr(&i.node), Level::And)).collect();
                (parts.join(" && "), Level::And)
            }
            ExprKind::Or(items) => {
                // `a && b || c` is correct Rust, but parentheses say it to the reader.
                let parts: Vec<String> =
                    items.iter().map(|i| self.wrap(self.expr(&i.node), Level::Compare)).collect();
                (parts.join(" || "), Level::Or)
            }
            ExprKind::Recommendation(_) => {
                unreachable!("sema allows recommendations in `assert` only, which is not generated")
            }
            ExprKind::Implies(a, b) => {
                let (a, b) = (
                    self.wrap(self.not(&a.node), Level::Compare),
                    self.wrap(self.expr(&b.node), Level::Compare),
                );
                (format!("{a} || {b}"), Level::Or)
            }
        }
    }

    /// The two sides of a comparison: a one-value `in`, `==` between facts, or `iff`.
    pub(super) fn sides(&self, kind: &ExprKind) -> (String, String) {
        match kind {
            ExprKind::EnumIn(f, variants) => {
                let value = distinct(variants).first().map(|v| self.variant(*f, *v));
                (self.field(*f), value.unwrap_or_default())
            }
            ExprKind::FactsEqual(a, b) => (self.field(*a), self.field(*b)),
            ExprKind::Iff(a, b) => (
                self.wrap(self.expr(&a.node), Level::Unary),
                self.wrap(self.expr(&b.node), Level::Unary),
            ),
            other => (self.expr(other).0, "true".to_string()),
        }
    }

    /// The negation of the expression as Rust, pushing the `!` inwards where Rust has a
    /// direct form (`!=`, `a && !b`), which is also what clippy asks for.
    pub(super) fn not(&self, kind: &ExprKind) -> (String, Level) {
        match kind {
            ExprKind::Const(b) => ((!b).to_string(), Level::Atom),
            ExprKind::Not(inner) => self.expr(&inner.node),
            ExprKind::EnumIn(_, variants) if distinct(variants).len() != 1 => {
                let inner = self.expr(kind);
                if inner.0 == "false" {
                    ("true".to_string(), Level::Atom)
                } else {
                    (format!("!{}", self.wrap(inner, Level::Unary)), Level::Unary)
                }
            }
            ExprKind::EnumIn(..) | ExprKind::FactsEqual(..) | ExprKind::Iff(..) => {
                let (a, b) = self.sides(kind);
                (format!("{a} != {b}"), Level::Compare)
            }
            ExprKind::Implies(a, b) => {
                let (a, b) = (
                    self.wrap(self.expr(&a.node), Level::And),
                    self.wrap(self.not(&b.node), Level::And),
                );
                (format!("{a} && {b}"), Level::And)
            }
            _ => {
                let inner = self.expr(kind);
                (format!("!{}", self.wrap(inner, Level::Unary)), Level::Unary)
            }
        }
    }
}

/// The values of an `in`, each once, in order (a repeated pattern would be unreachable code).
pub(super) fn distinct(variants: &[VariantId]) -> Vec<VariantId> {
    let mut out: Vec<VariantId> = Vec::new();
    for v in variants {
        if !out.contains(v) {
            out.push(*v);
        }
    }
    out
}
