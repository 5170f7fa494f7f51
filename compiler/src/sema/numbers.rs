//! Type checking of numbers: numeric fact types (unit and range), scores, and the comparisons
//! and ranges that test them against constants, with every constant converted exactly into the
//! unit of what it is compared with (see `crate::units`).

use cairn_runtime::{Decimal, DecimalError};

use super::Checker;
use super::error::SemaError;
use super::exprs::Operand;
use super::names::Definition;
use crate::ir::{self, CmpOp, FactType, NumForm, NumTest, NumberType, Numeric, ScoreId};
use crate::span::{Node, Span};
use crate::suggest::did_you_mean;
use crate::syntax::ast::{self, BinaryOp, Item, NumberKind};
use crate::units::{self, ConversionError};

/// The unit of a score: a count of points.
pub const SCORE_UNIT: &str = "points";

/// What a number is compared in: its name, unit and range.
struct Subject {
    numeric: Numeric,
    name: String,
    unit: &'static str,
}

/// Records on each numeric fact the constants it is compared with anywhere in the pathway.
pub(super) fn collect_points(pathway: &mut ir::Pathway) {
    let mut points: Vec<Vec<Decimal>> = vec![Vec::new(); pathway.facts.len()];
    let mut collect = |kind: &ir::ExprKind| {
        if let ir::ExprKind::Number(test) = kind {
            if let Numeric::Fact(f) = test.subject {
                if let Some(slot) = points.get_mut(f.index()) {
                    slot.extend(test.form.constants());
                }
            }
        }
    };
    let roots = pathway.expressions();
    for root in roots {
        root.node.visit(&mut collect);
    }
    for (fact, mut found) in pathway.facts.iter_mut().zip(points) {
        found.sort();
        found.dedup();
        fact.points = found;
    }
}

impl Checker<'_> {
    /// `whole years in 0 to 130`: the unit must be in the table, both ends numbers, the lower
    /// not above the upper, and whole for a whole-number fact.
    pub(super) fn check_number_type(
        &mut self,
        fact: &ast::Ident,
        kind: NumberKind,
        unit: &Node<String>,
        low: &Node<String>,
        high: &Node<String>,
        span: Span,
    ) -> Option<NumberType> {
        let known = units::lookup(&unit.node);
        if known.is_none() {
            let names = units::UNITS.iter().map(|u| u.name);
            let help = match did_you_mean(&unit.node, names) {
                Some(close) => format!("did you mean `{close}`?"),
                None => {
                    let all: Vec<String> =
                        units::UNITS.iter().map(|u| format!("`{}`", u.name)).collect();
                    format!("the units are {}", all.join(", "))
                }
            };
            self.errors.push(SemaError::UnknownUnit {
                unit: unit.node.clone(),
                help,
                at: unit.span.into(),
            });
        }
        let (low_value, high_value) = (self.decimal(low), self.decimal(high));
        let (unit, low_value, high_value) = (known?, low_value?, high_value?);
        let whole = kind == NumberKind::Whole;
        if whole && !(low_value.is_whole() && high_value.is_whole()) {
            self.errors.push(SemaError::BadRange {
                fact: fact.node.clone(),
                problem: "not whole, for a whole number".to_string(),
                help: "a whole-number fact takes whole numbers: write whole ends, or declare it `decimal`".to_string(),
                at: span.into(),
            });
            return None;
        }
        if low_value > high_value {
            self.errors.push(SemaError::BadRange {
                fact: fact.node.clone(),
                problem: format!("empty: {low_value} is above {high_value}"),
                help: format!("write the lower end first: `in {high_value} to {low_value}`"),
                at: span.into(),
            });
            return None;
        }
        Some(NumberType { whole, unit: unit.name, low: low_value, high: high_value })
    }

    /// A number as written, or a diagnostic saying why it cannot be held exactly.
    pub(super) fn decimal(&mut self, text: &Node<String>) -> Option<Decimal> {
        match Decimal::parse(&text.node) {
            Ok(value) => Some(value),
            Err(error) => {
                let reason = match error {
                    DecimalError::TooPrecise => "it has more than 18 decimal places",
                    DecimalError::TooLarge => "it is 1e18 or more",
                    DecimalError::TooLong => "it has more than 18 significant digits",
                    _ => "it is not a number",
                };
                self.errors.push(SemaError::BadNumber {
                    value: text.node.clone(),
                    reason: reason.to_string(),
                    at: text.span.into(),
                });
                None
            }
        }
    }

    /// Checks every score in source order; a score may use the scores declared before it.
    pub(super) fn check_scores(&mut self, file: &ast::File) {
        for item in &file.items {
            let Item::Score(decl) = item else { continue };
            let id = ScoreId(self.scores.len() as u32);
            if !self.owns(&decl.name, Definition::Score(id)) {
                continue;
            }
            self.current_score = Some(id);
            let mut terms = Vec::new();
            let mut ok = true;
            let mut max = Decimal::ZERO;
            for term in &decl.terms {
                let weight = match &term.weight {
                    None => Some(Decimal::parse("1").unwrap_or(Decimal::ZERO)),
                    Some(text) => match self.decimal(text) {
                        Some(w) if w > Decimal::ZERO => Some(w),
                        Some(_) => {
                            self.errors.push(SemaError::ScoreWeight {
                                weight: text.node.clone(),
                                at: text.span.into(),
                            });
                            None
                        }
                        None => None,
                    },
                };
                let expr = self.check_bool(&term.expr);
                match (weight, expr) {
                    (Some(weight), Some(expr)) => {
                        match max.checked_add(weight) {
                            Some(sum) => max = sum,
                            None => {
                                self.errors.push(SemaError::BadNumber {
                                    value: decl.name.node.clone(),
                                    reason: "the sum of its weights is 1e18 or more".to_string(),
                                    at: decl.name.span.into(),
                                });
                                ok = false;
                            }
                        }
                        terms.push(ir::ScoreTerm { weight, expr });
                    }
                    _ => ok = false,
                }
            }
            self.current_score = None;
            self.scores.push(ok.then(|| ir::Score {
                name: decl.name.clone(),
                description: decl.description.as_ref().map(|d| d.node.clone()),
                terms,
                max,
            }));
        }
    }

    /// A score named in an expression, if it can be used there.
    pub(super) fn score_operand(&mut self, id: ScoreId, name: &str, span: Span) -> Option<Operand> {
        if let Some(current) = self.current_score {
            if id >= current {
                let score = self.scores_name(current);
                self.errors.push(SemaError::ScoreOrder {
                    score,
                    used: name.to_string(),
                    at: span.into(),
                });
                return None;
            }
        }
        // A score that failed to check was reported already.
        self.scores.get(id.index()).cloned().flatten()?;
        Some(Operand::Score(id, span))
    }

    fn scores_name(&self, id: ScoreId) -> String {
        // The score being checked is not in the table yet: find its name in the scope.
        self.scope
            .names_where(|d| d == Definition::Score(id))
            .first()
            .map(|n| n.to_string())
            .unwrap_or_default()
    }

    /// What a numeric operand is compared in, or `None` for an operand that is no number.
    fn subject(&self, operand: &Operand) -> Option<Subject> {
        match operand {
            Operand::Fact(id, FactType::Number(ty), _) => Some(Subject {
                numeric: Numeric::Fact(*id),
                name: self.fact_names[id.index()].clone(),
                unit: ty.unit,
            }),
            Operand::Score(id, _) => {
                let score = self.scores.get(id.index()).cloned().flatten()?;
                Some(Subject {
                    numeric: Numeric::Score(*id, score.terms),
                    name: score.name.node,
                    unit: SCORE_UNIT,
                })
            }
            _ => None,
        }
    }

    /// Whether an expression is a number: a numeric fact, a score or a literal.
    pub(super) fn is_numeric(&self, expr: &ast::Expr) -> bool {
        match &expr.node {
            ast::ExprKind::Number { .. } => true,
            ast::ExprKind::Name(name) => match self.scope.get(name) {
                Some(Definition::Fact(id)) => {
                    matches!(self.fact_types.get(id.index()), Some(Some(FactType::Number(_))))
                }
                Some(Definition::Score(_)) => true,
                _ => false,
            },
            _ => false,
        }
    }

    /// `x op constant` or `constant op x`.
    pub(super) fn check_comparison(
        &mut self,
        op: BinaryOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        span: Span,
    ) -> Option<ir::Expr> {
        let cmp = match op {
            BinaryOp::Lt => CmpOp::Lt,
            BinaryOp::Le => CmpOp::Le,
            BinaryOp::Gt => CmpOp::Gt,
            BinaryOp::Ge => CmpOp::Ge,
            BinaryOp::Eq => CmpOp::Eq,
            _ => CmpOp::Ne,
        };
        let (left, right) = (self.operand(lhs), self.operand(rhs));
        let (left, right) = (left?, right?);
        let (subject, literal, cmp) = match (&left, &right) {
            (Operand::Literal(..), Operand::Literal(..)) => {
                self.errors.push(SemaError::NotAComparison {
                    op: op.as_str(),
                    found: "two constants".to_string(),
                    help: "compare a numeric fact or a score with a constant, such as `age >= 65`"
                        .to_string(),
                    at: span.into(),
                });
                return None;
            }
            (other, Operand::Literal(..)) => (self.numeric_side(op, other)?, right, cmp),
            (Operand::Literal(..), other) => (self.numeric_side(op, other)?, left, cmp.flipped()),
            (a, b) => {
                let (sa, sb) = (self.subject(a), self.subject(b));
                let (found, help, at) = match (sa, sb) {
                    (Some(x), Some(y)) => (
                        "two numbers".to_string(),
                        format!(
                            "compare each with a constant: comparing `{}` with `{}` is not in the language",
                            x.name, y.name
                        ),
                        span,
                    ),
                    (Some(_), None) => {
                        let (found, at) = self.describe_operand(b);
                        (found, "compare it with a constant, such as `65`".to_string(), at)
                    }
                    _ => {
                        let (found, at) = self.describe_operand(a);
                        (found, "compare a numeric fact or a score with a constant".to_string(), at)
                    }
                };
                self.errors.push(SemaError::NotAComparison {
                    op: op.as_str(),
                    found,
                    help,
                    at: at.into(),
                });
                return None;
            }
        };
        let value = self.literal_in(&literal, &subject)?;
        let test = NumTest { subject: subject.numeric, form: NumForm::Compare(cmp, value) };
        Some(Node::new(ir::ExprKind::Number(Box::new(test)), span))
    }

    /// The operand compared with a constant, which must be a number.
    fn numeric_side(&mut self, op: BinaryOp, operand: &Operand) -> Option<Subject> {
        if let Some(subject) = self.subject(operand) {
            return Some(subject);
        }
        let (found, at) = self.describe_operand(operand);
        self.errors.push(SemaError::NotAComparison {
            op: op.as_str(),
            found,
            help: "compare a numeric fact or a score with a constant, such as `age >= 65`"
                .to_string(),
            at: at.into(),
        });
        None
    }

    /// A literal's value in the subject's unit, converted exactly.
    fn literal_in(&mut self, literal: &Operand, subject: &Subject) -> Option<Decimal> {
        let Operand::Literal(text, unit, _) = literal else { return None };
        let value = self.decimal(text)?;
        let Some(unit) = unit else { return Some(value) };
        let from = units::lookup(&unit.node);
        let to = units::lookup(subject.unit);
        let (Some(from), Some(to)) = (from, to) else {
            // The grammar reads only the table's units, and facts are checked against it.
            self.errors.push(SemaError::UnknownUnit {
                unit: unit.node.clone(),
                help: "use a unit of the table".to_string(),
                at: unit.span.into(),
            });
            return None;
        };
        match from.convert(value, to) {
            Ok(converted) => Some(converted),
            Err(ConversionError::Dimension) => {
                self.errors.push(SemaError::UnitMismatch {
                    subject: subject.name.clone(),
                    expected: to.name.to_string(),
                    expected_dimension: to.dimension.describe(),
                    found: from.name.to_string(),
                    found_dimension: from.dimension.describe(),
                    at: text.span.to(unit.span).into(),
                });
                None
            }
            Err(ConversionError::Inexact) => {
                self.errors.push(SemaError::InexactConversion {
                    value: text.node.clone(),
                    from: from.name.to_string(),
                    to: to.name.to_string(),
                    subject: subject.name.clone(),
                    at: text.span.to(unit.span).into(),
                });
                None
            }
        }
    }

    /// `low op x op high`, each `op` being `<` or `<=`.
    pub(super) fn check_range(
        &mut self,
        low: &ast::Expr,
        low_op: BinaryOp,
        subject: &ast::Expr,
        high_op: BinaryOp,
        high: &ast::Expr,
        span: Span,
    ) -> Option<ir::Expr> {
        let operands = (self.operand(low), self.operand(subject), self.operand(high));
        let (low, middle, high) = (operands.0?, operands.1?, operands.2?);
        let subject = self.numeric_side(low_op, &middle)?;
        let end = |this: &mut Self, operand: &Operand, op: BinaryOp| match operand {
            Operand::Literal(..) => this.literal_in(operand, &subject),
            other => {
                let (found, at) = this.describe_operand(other);
                this.errors.push(SemaError::NotAComparison {
                    op: op.as_str(),
                    found,
                    help: "the ends of a range are constants, such as `20 <= crp <= 100`"
                        .to_string(),
                    at: at.into(),
                });
                None
            }
        };
        let (low_value, high_value) = (end(self, &low, low_op), end(self, &high, high_op));
        let form = NumForm::Between {
            low: low_value?,
            low_included: low_op == BinaryOp::Le,
            high: high_value?,
            high_included: high_op == BinaryOp::Le,
        };
        let test = NumTest { subject: subject.numeric, form };
        Some(Node::new(ir::ExprKind::Number(Box::new(test)), span))
    }

    /// `x is known` (or `is unknown` when `unknown`): `x` must be an optional fact.
    pub(super) fn check_known(
        &mut self,
        inner: &ast::Expr,
        unknown: bool,
        span: Span,
    ) -> Option<ir::Expr> {
        let operand = self.operand(inner)?;
        match operand {
            Operand::Fact(id, _, _) if self.fact_optional.get(id.index()) == Some(&true) => {
                let known = Node::new(ir::ExprKind::Known(id), span);
                Some(if unknown {
                    Node::new(ir::ExprKind::Not(Box::new(known)), span)
                } else {
                    known
                })
            }
            Operand::Fact(id, _, at) => {
                let name = self.fact_names[id.index()].clone();
                self.errors.push(SemaError::KnownOnRequired {
                    help: format!(
                        "only an optional fact may be null: declare it `fact {name}: optional ...`, or leave out the test"
                    ),
                    name,
                    found: "a fact that is not optional".to_string(),
                    at: at.into(),
                });
                None
            }
            other => {
                let (found, at) = self.describe_operand(&other);
                self.errors.push(SemaError::KnownOnRequired {
                    name: self.source_name(inner),
                    found,
                    help: "`is known` and `is unknown` test an optional fact".to_string(),
                    at: at.into(),
                });
                None
            }
        }
    }

    /// The name written, or `...` for an expression.
    fn source_name(&self, expr: &ast::Expr) -> String {
        match &expr.node {
            ast::ExprKind::Name(name) => name.clone(),
            ast::ExprKind::Number { value, .. } => value.clone(),
            _ => "...".to_string(),
        }
    }
}
