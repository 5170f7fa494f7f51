//! Expressions of the IR as Rust: each operator transcribed, with the fewest parentheses that
//! keep the meaning (a binding `Level` per piece of code, as the precedence of the pathway
//! language is in `ir::render`).

use cairn_runtime::Decimal;

use super::Code;
use crate::ir::{CmpOp, ExprKind, FactId, FactType, NumForm, NumTest, Numeric, VariantId};

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

    /// Whether a fact may be `null`: its field is an `Option`.
    fn optional(&self, fact: FactId) -> bool {
        self.pathway.facts.get(fact.index()).is_some_and(|f| f.optional)
    }

    /// A value of the fact's type as it compares with the field: `Some(..)` when optional.
    fn some(&self, fact: FactId, value: String) -> String {
        if self.optional(fact) { format!("Some({value})") } else { value }
    }

    /// A numeric test as Rust: on a fact's value (`value` is its code) or a score's sum.
    fn number(&self, test: &NumTest) -> (String, Level) {
        match &test.subject {
            Numeric::Fact(f) => {
                let whole = matches!(self.pathway.fact(*f).ty, FactType::Number(n) if n.whole);
                if self.optional(*f) {
                    let (code, _) = number_test("v", whole, 0, test.form);
                    (format!("{}.is_some_and(|v| {code})", self.field(*f)), Level::Atom)
                } else {
                    number_test(&self.field(*f), whole, 0, test.form)
                }
            }
            Numeric::Score(_, terms) => {
                // Every weight and constant scaled to whole numbers, so the sum is exact
                // integer arithmetic: 1.5 and 3 with `> 2` become 15, 30 and `> 20`.
                let scale = terms
                    .iter()
                    .map(|t| t.weight.scale())
                    .chain(test.form.constants().iter().map(|c| c.scale()))
                    .max()
                    .unwrap_or(0);
                let factor = Decimal::from_parts(10i128.pow(scale), 0);
                let parts: Vec<String> = terms
                    .iter()
                    .map(|term| {
                        let holds = self.expr(&term.expr.node).0;
                        let weight = term.weight.checked_mul(factor).unwrap_or(Decimal::ZERO);
                        if weight.mantissa() == 1 && weight.scale() == 0 {
                            format!("i128::from({holds})")
                        } else {
                            format!("{} * i128::from({holds})", weight.mantissa())
                        }
                    })
                    .collect();
                let sum = if parts.is_empty() { "0i128".to_string() } else { parts.join(" + ") };
                number_test(&format!("({sum})"), true, scale, test.form)
            }
        }
    }

    pub(super) fn wrap(&self, (code, level): (String, Level), at_least: Level) -> String {
        if level < at_least { format!("({code})") } else { code }
    }

    /// The expression as Rust, conditions read from their locals.
    pub(super) fn expr(&self, kind: &ExprKind) -> (String, Level) {
        match kind {
            ExprKind::Const(b) => (b.to_string(), Level::Atom),
            ExprKind::Fact(f) if self.optional(*f) => {
                (format!("{} == Some(true)", self.field(*f)), Level::Compare)
            }
            ExprKind::Fact(f) => (self.field(*f), Level::Atom),
            ExprKind::Known(f) => (format!("{}.is_some()", self.field(*f)), Level::Atom),
            ExprKind::Number(test) => self.number(test),
            ExprKind::Condition(c) => {
                (self.names.conditions.get(c.index()).cloned().unwrap_or_default(), Level::Atom)
            }
            ExprKind::EnumIn(f, variants) if distinct(variants).len() != 1 => {
                match distinct(variants).as_slice() {
                    [] => ("false".to_string(), Level::Atom),
                    many => {
                        let patterns: Vec<String> =
                            many.iter().map(|v| self.variant(*f, *v)).collect();
                        let patterns = self.some(*f, patterns.join(" | "));
                        let code = format!("matches!({}, {patterns})", self.field(*f));
                        (code, Level::Atom)
                    }
                }
            }
            ExprKind::EnumIn(..) | ExprKind::FactsEqual(..) | ExprKind::Iff(..) => {
                let (a, b) = self.sides(kind);
                (format!("{a} == {b}"), Level::Compare)
            }
            ExprKind::SetContains(f, v) if self.optional(*f) => (
                format!("{}.is_some_and(|s| s.contains({}))", self.field(*f), self.variant(*f, *v)),
                Level::Atom,
            ),
            ExprKind::SetEmpty(f) if self.optional(*f) => {
                (format!("{}.is_some_and(|s| s.is_empty())", self.field(*f)), Level::Atom)
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
                (self.field(*f), self.some(*f, value.unwrap_or_default()))
            }
            // An optional fact's field is an `Option`: compare the other side as one too.
            ExprKind::FactsEqual(a, b) => match (self.optional(*a), self.optional(*b)) {
                (true, false) => (self.field(*a), format!("Some({})", self.field(*b))),
                (false, true) => (format!("Some({})", self.field(*a)), self.field(*b)),
                _ => (self.field(*a), self.field(*b)),
            },
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
            ExprKind::Known(f) => (format!("{}.is_none()", self.field(*f)), Level::Atom),
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

/// A test of a number against constants, as Rust: `value` is the code of the number, an `i64`
/// for a whole number (or an `i128` scaled by 10^`scale` for a score), else a
/// `cairn_runtime::Decimal`.
fn number_test(value: &str, whole: bool, scale: u32, form: NumForm) -> (String, Level) {
    let constant = |c: Decimal| -> Option<String> {
        if whole {
            let scaled = c.checked_mul(Decimal::from_parts(10i128.pow(scale), 0))?;
            scaled.is_whole().then(|| scaled.mantissa().to_string())
        } else {
            Some(format!("cairn_runtime::Decimal::from_parts({}, {})", c.mantissa(), c.scale()))
        }
    };
    // A whole number compared with a fraction: compare it as a decimal instead.
    let fractional = form.constants().into_iter().any(|c| constant(c).is_none());
    let (value, constant): (String, Box<dyn Fn(Decimal) -> String>) = if fractional {
        (
            format!("cairn_runtime::Decimal::of({value})"),
            Box::new(|c: Decimal| {
                format!("cairn_runtime::Decimal::from_parts({}, {})", c.mantissa(), c.scale())
            }),
        )
    } else {
        (value.to_string(), Box::new(move |c| constant(c).unwrap_or_default()))
    };
    match form {
        NumForm::Compare(op, c) => {
            let op = match op {
                CmpOp::Lt => "<",
                CmpOp::Le => "<=",
                CmpOp::Gt => ">",
                CmpOp::Ge => ">=",
                CmpOp::Eq => "==",
                CmpOp::Ne => "!=",
            };
            (format!("{value} {op} {}", constant(c)), Level::Compare)
        }
        // What clippy asks for when the lower end is included.
        NumForm::Between { low, low_included: true, high, high_included } => {
            let dots = if high_included { "..=" } else { ".." };
            (format!("({}{dots}{}).contains(&{value})", constant(low), constant(high)), Level::Atom)
        }
        NumForm::Between { low, low_included, high, high_included } => {
            let op = |included: bool| if included { "<=" } else { "<" };
            (
                format!(
                    "{} {} {value} && {value} {} {}",
                    constant(low),
                    op(low_included),
                    op(high_included),
                    constant(high)
                ),
                Level::And,
            )
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
