//! Type checking of expressions: resolves the bare names of the AST to facts, conditions and
//! enum values, and builds the typed IR expression, or reports why it cannot.

use super::Checker;
use super::error::SemaError;
use super::names::Definition;
use crate::ir::{self, EnumId, FactId, FactType, VariantId};
use crate::span::{Node, Span};
use crate::suggest::{did_you_mean, unknown_help};
use crate::syntax::ast::{self, BinaryOp, ExprKind, UnaryOp};

/// What a bare name or sub-expression turned out to be, before it is used.
pub(super) enum Operand {
    /// A fact of any type.
    Fact(FactId, FactType, Span),
    /// A name that is neither a fact nor a condition: perhaps an enum value.
    Unresolved(String, Span),
    /// A set literal `{ a, b }`.
    SetLiteral(Vec<ast::Ident>, Span),
    /// Anything boolean: a condition, a literal, or a compound expression.
    Bool(ir::Expr),
    /// A score.
    Score(ir::ScoreId, Span),
    /// A number as written, with its unit when one is written.
    Literal(Node<String>, Option<ast::Ident>, Span),
}

impl Checker<'_> {
    /// Checks an expression that must be a condition (true or false).
    pub(super) fn check_bool(&mut self, expr: &ast::Expr) -> Option<ir::Expr> {
        let span = expr.span;
        match &expr.node {
            ExprKind::Bool(b) => Some(Node::new(ir::ExprKind::Const(*b), span)),
            ExprKind::Name(_) | ExprKind::Set(_) | ExprKind::Number { .. } => {
                let operand = self.operand(expr)?;
                self.operand_as_bool(operand)
            }
            ExprKind::Range { low, low_op, subject, high_op, high } => {
                self.check_range(low, low_op.node, subject, high_op.node, high, span)
            }
            ExprKind::Unary(op, inner) => match op.node {
                UnaryOp::Not => {
                    let inner = self.check_bool(inner)?;
                    Some(Node::new(ir::ExprKind::Not(Box::new(inner)), span))
                }
                UnaryOp::IsEmpty | UnaryOp::IsNotEmpty => {
                    let fact = self.set_fact(inner, op.node.as_str())?;
                    let empty = Node::new(ir::ExprKind::SetEmpty(fact), span);
                    Some(if op.node == UnaryOp::IsEmpty {
                        empty
                    } else {
                        Node::new(ir::ExprKind::Not(Box::new(empty)), span)
                    })
                }
                UnaryOp::IsKnown => self.check_known(inner, false, span),
                UnaryOp::IsUnknown => self.check_known(inner, true, span),
            },
            ExprKind::Binary(op, lhs, rhs) => self.check_binary(op.node, lhs, rhs, span),
        }
    }

    fn check_binary(
        &mut self,
        op: BinaryOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        span: Span,
    ) -> Option<ir::Expr> {
        let negate = |e: ir::Expr| Node::new(ir::ExprKind::Not(Box::new(e)), span);
        match op {
            BinaryOp::And | BinaryOp::Or => {
                // Check both sides even when the first fails, so every error is reported.
                let mut operands = Vec::new();
                self.flatten(op, lhs, &mut operands);
                self.flatten(op, rhs, &mut operands);
                let checked: Vec<Option<ir::Expr>> =
                    operands.into_iter().map(|e| self.check_bool(e)).collect();
                let items: Vec<ir::Expr> = checked.into_iter().collect::<Option<_>>()?;
                let kind = if op == BinaryOp::And {
                    ir::ExprKind::And(items)
                } else {
                    ir::ExprKind::Or(items)
                };
                Some(Node::new(kind, span))
            }
            BinaryOp::Implies | BinaryOp::Iff => {
                let (a, b) = (self.check_bool(lhs), self.check_bool(rhs));
                let (a, b) = (Box::new(a?), Box::new(b?));
                let kind = if op == BinaryOp::Implies {
                    ir::ExprKind::Implies(a, b)
                } else {
                    ir::ExprKind::Iff(a, b)
                };
                Some(Node::new(kind, span))
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                self.check_comparison(op, lhs, rhs, span)
            }
            BinaryOp::Eq | BinaryOp::Ne if self.is_numeric(lhs) || self.is_numeric(rhs) => {
                self.check_comparison(op, lhs, rhs, span)
            }
            BinaryOp::Eq => self.check_equality(op, lhs, rhs, span),
            BinaryOp::Ne => self.check_equality(op, lhs, rhs, span).map(negate),
            BinaryOp::In => self.check_membership(op, lhs, rhs, span),
            BinaryOp::NotIn => self.check_membership(op, lhs, rhs, span).map(negate),
        }
    }

    /// Collects the operands of a chain of the same operator, `a and b and c`, into one list,
    /// so the IR has one n-ary node instead of a deep tree.
    fn flatten<'e>(&self, op: BinaryOp, expr: &'e ast::Expr, out: &mut Vec<&'e ast::Expr>) {
        match &expr.node {
            ExprKind::Binary(inner, l, r) if inner.node == op => {
                self.flatten(op, l, out);
                self.flatten(op, r, out);
            }
            _ => out.push(expr),
        }
    }

    /// Classifies a name or sub-expression without yet requiring a type.
    pub(super) fn operand(&mut self, expr: &ast::Expr) -> Option<Operand> {
        match &expr.node {
            ExprKind::Name(name) => Some(match self.scope.get(name) {
                Some(Definition::Fact(id)) => {
                    // A fact whose type did not resolve was reported already.
                    Operand::Fact(id, self.fact_types[id.index()]?, expr.span)
                }
                Some(Definition::Condition(id)) => {
                    Operand::Bool(Node::new(ir::ExprKind::Condition(id), expr.span))
                }
                Some(Definition::Recommendation(id)) if self.recommendations_allowed => {
                    Operand::Bool(Node::new(ir::ExprKind::Recommendation(id), expr.span))
                }
                Some(Definition::Score(id)) => return self.score_operand(id, name, expr.span),
                Some(Definition::Recommendation(_)) => {
                    self.errors.push(SemaError::RecommendationOutsideAssert {
                        name: name.clone(),
                        at: expr.span.into(),
                    });
                    return None;
                }
                Some(other) => {
                    self.errors.push(SemaError::NotBoolean {
                        name: name.clone(),
                        found: other.kind().to_string(),
                        help: "expressions use facts, conditions and enum values".to_string(),
                        at: expr.span.into(),
                    });
                    return None;
                }
                None => Operand::Unresolved(name.clone(), expr.span),
            }),
            ExprKind::Set(members) => Some(Operand::SetLiteral(members.clone(), expr.span)),
            ExprKind::Number { value, unit } => {
                // The digits' span: the literal's start, as long as the digits.
                let digits = Span::new(expr.span.start, expr.span.start + value.len());
                Some(Operand::Literal(Node::new(value.clone(), digits), unit.clone(), expr.span))
            }
            _ => self.check_bool(expr).map(Operand::Bool),
        }
    }

    fn operand_as_bool(&mut self, operand: Operand) -> Option<ir::Expr> {
        match operand {
            Operand::Bool(e) => Some(e),
            Operand::Fact(id, FactType::Bool, span) => {
                Some(Node::new(ir::ExprKind::Fact(id), span))
            }
            Operand::Fact(id, ty, span) => {
                let name = self.fact_names[id.index()].clone();
                let help = match ty {
                    FactType::Number(_) => {
                        format!("compare it with a number, such as `{name} >= 1`")
                    }
                    FactType::Enum(e) => format!(
                        "compare it with one of its values, such as `{name} == {}`",
                        self.first_variant(e)
                    ),
                    _ => format!(
                        "test it, such as `{name} is not empty` or `{} in {name}`",
                        self.first_variant(self.enum_of_type(ty))
                    ),
                };
                self.errors.push(SemaError::NotBoolean {
                    name,
                    found: self.describe_type(ty),
                    help,
                    at: span.into(),
                });
                None
            }
            Operand::Unresolved(name, span) => {
                self.unknown_in_expression(&name, span);
                None
            }
            Operand::Score(id, span) => {
                let name = self.scores[id.index()]
                    .as_ref()
                    .map(|s| s.name.node.clone())
                    .unwrap_or_default();
                self.errors.push(SemaError::NotBoolean {
                    help: format!("compare it with a number, such as `{name} >= 1`"),
                    name,
                    found: "a score".to_string(),
                    at: span.into(),
                });
                None
            }
            Operand::Literal(text, _, span) => {
                self.errors.push(SemaError::NotBoolean {
                    name: text.node,
                    found: "a number".to_string(),
                    help: "compare a numeric fact or a score with it, such as `age >= 65`"
                        .to_string(),
                    at: span.into(),
                });
                None
            }
            Operand::SetLiteral(_, span) => {
                self.errors.push(SemaError::NotBoolean {
                    name: "{ ... }".to_string(),
                    found: "a set of values".to_string(),
                    help: "sets of values go on the right of `in`: `fact in { a, b }`".to_string(),
                    at: span.into(),
                });
                None
            }
        }
    }

    /// `a == b`: two booleans, an enum fact and one of its values, or two facts of one enum.
    fn check_equality(
        &mut self,
        op: BinaryOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        span: Span,
    ) -> Option<ir::Expr> {
        let op = op.as_str();
        let (left, right) = (self.operand(lhs), self.operand(rhs));
        let (left, right) = (left?, right?);
        match (left, right) {
            (Operand::Fact(f, FactType::Enum(e), _), Operand::Unresolved(value, at))
            | (Operand::Unresolved(value, at), Operand::Fact(f, FactType::Enum(e), _)) => {
                let variant = self.variant(e, &value, at)?;
                Some(Node::new(ir::ExprKind::EnumIn(f, vec![variant]), span))
            }
            (Operand::Fact(f, FactType::Enum(e1), _), Operand::Fact(g, FactType::Enum(e2), at)) => {
                if e1 == e2 {
                    Some(Node::new(ir::ExprKind::FactsEqual(f, g), span))
                } else {
                    self.errors.push(SemaError::DifferentEnums {
                        op,
                        left: self.enum_name(e1).to_string(),
                        right: self.enum_name(e2).to_string(),
                        at: at.into(),
                    });
                    None
                }
            }
            (Operand::Fact(_, FactType::Enum(e), _), other)
            | (other, Operand::Fact(_, FactType::Enum(e), _)) => {
                let (found, at) = self.describe_operand(&other);
                self.errors.push(SemaError::NotAValue {
                    expected: self.enum_name(e).to_string(),
                    values: self.values_list(e),
                    found,
                    at: at.into(),
                });
                None
            }
            (Operand::Fact(_, FactType::Set(e), at), _)
            | (_, Operand::Fact(_, FactType::Set(e), at)) => {
                self.errors.push(SemaError::SetCompared {
                    op,
                    set_of: self.enum_name(e).to_string(),
                    example: self.first_variant(e),
                    at: at.into(),
                });
                None
            }
            (left, right) => {
                let a = self.operand_as_bool(left);
                let b = self.operand_as_bool(right);
                Some(Node::new(ir::ExprKind::Iff(Box::new(a?), Box::new(b?)), span))
            }
        }
    }

    /// `value in set_fact` or `enum_fact in { a, b }`.
    fn check_membership(
        &mut self,
        op: BinaryOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        span: Span,
    ) -> Option<ir::Expr> {
        let op = op.as_str();
        let (left, right) = (self.operand(lhs), self.operand(rhs));
        let (left, right) = (left?, right?);
        match (left, right) {
            (Operand::Unresolved(value, at), Operand::Fact(f, FactType::Set(e), _)) => {
                let variant = self.variant(e, &value, at)?;
                Some(Node::new(ir::ExprKind::SetContains(f, variant), span))
            }
            (Operand::Fact(f, FactType::Enum(e), _), Operand::SetLiteral(members, _)) => {
                let mut variants = Vec::new();
                let mut ok = true;
                for member in &members {
                    match self.variant(e, &member.node, member.span) {
                        Some(v) if !variants.contains(&v) => variants.push(v),
                        Some(_) => {}
                        None => ok = false,
                    }
                }
                variants.sort();
                ok.then(|| Node::new(ir::ExprKind::EnumIn(f, variants), span))
            }
            (left, Operand::Fact(_, FactType::Set(e), _)) => {
                let (found, at) = self.describe_operand(&left);
                self.errors.push(SemaError::MemberNotAValue {
                    op,
                    expected: self.enum_name(e).to_string(),
                    values: self.values_list(e),
                    found,
                    at: at.into(),
                });
                None
            }
            (left, Operand::SetLiteral(_, _)) => {
                let (found, at) = self.describe_operand(&left);
                self.errors.push(SemaError::ChoicesNeedEnumFact { op, found, at: at.into() });
                None
            }
            (_, right) => {
                let (found, at) = self.describe_operand(&right);
                self.errors.push(SemaError::MembershipNeedsSet { op, found, at: at.into() });
                None
            }
        }
    }

    /// The operand of `is empty`, which must be a set fact.
    fn set_fact(&mut self, expr: &ast::Expr, op: &'static str) -> Option<FactId> {
        match self.operand(expr)? {
            Operand::Fact(id, FactType::Set(_), _) => Some(id),
            other => {
                let (found, at) = self.describe_operand(&other);
                self.errors.push(SemaError::EmptyNeedsSet { op, found, at: at.into() });
                None
            }
        }
    }

    /// Resolves `value` as a value of enum `e`.
    fn variant(&mut self, e: EnumId, value: &str, at: Span) -> Option<VariantId> {
        let variants = &self.enums[e.index()];
        if let Some(i) = variants.iter().position(|v| v == value) {
            return Some(VariantId(i as u32));
        }
        let suggestion = did_you_mean(value, variants.iter().map(String::as_str));
        let values = self.values_list(e);
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? the values are {values}"),
            None => format!("the values are {values}"),
        };
        self.errors.push(SemaError::UnknownValue {
            value: value.to_string(),
            enum_name: self.enum_name(e),
            help,
            at: at.into(),
        });
        None
    }

    fn unknown_in_expression(&mut self, name: &str, at: Span) {
        // A bare enum value used as a condition is defined, just not as a condition: say so, and
        // show the comparison with a fact of its enum that was likely meant.
        if let Some(e) = self.enums.iter().position(|variants| variants.iter().any(|v| v == name)) {
            let e = EnumId(e as u32);
            let example = self
                .fact_types
                .iter()
                .zip(&self.fact_names)
                .find_map(|(ty, fact)| match ty {
                    Some(FactType::Enum(of)) if *of == e => Some(format!("`{fact} == {name}`")),
                    Some(FactType::Set(of)) if *of == e => Some(format!("`{name} in {fact}`")),
                    _ => None,
                })
                .unwrap_or_else(|| format!("`<fact> == {name}`"));
            self.errors.push(SemaError::NotBoolean {
                name: name.to_string(),
                found: format!("a value of `{}`", self.enum_name(e)),
                help: format!("compare a fact with it, such as {example}"),
                at: at.into(),
            });
            return;
        }
        let allowed = self.recommendations_allowed;
        let candidates = self.scope.names_where(|d| {
            matches!(d, Definition::Fact(_) | Definition::Condition(_))
                || (allowed && matches!(d, Definition::Recommendation(_)))
        });
        self.errors.push(SemaError::UnknownName {
            kind: "fact or condition",
            name: name.to_string(),
            help: unknown_help(name, "fact or condition", &candidates),
            at: at.into(),
        });
    }

    pub(super) fn describe_operand(&self, operand: &Operand) -> (String, Span) {
        match operand {
            Operand::Fact(_, ty, span) => (self.describe_type(*ty), *span),
            Operand::Unresolved(name, span) => (format!("the name `{name}`"), *span),
            Operand::SetLiteral(_, span) => ("a set of values".to_string(), *span),
            Operand::Bool(e) => ("a condition (true or false)".to_string(), e.span),
            Operand::Score(_, span) => ("a score".to_string(), *span),
            Operand::Literal(text, _, span) => (format!("the number {}", text.node), *span),
        }
    }

    /// A type in words: "a condition (true or false)", "a value of `x`", "a set of `x`".
    pub(super) fn describe_type(&self, ty: FactType) -> String {
        match ty {
            FactType::Bool => "a condition (true or false)".to_string(),
            FactType::Enum(e) => format!("a value of `{}`", self.enum_name(e)),
            FactType::Set(e) => format!("a set of `{}`", self.enum_name(e)),
            FactType::Number(n) => format!("a number in {}", n.unit),
        }
    }

    fn enum_of_type(&self, ty: FactType) -> EnumId {
        match ty {
            FactType::Enum(e) | FactType::Set(e) => e,
            FactType::Bool | FactType::Number(_) => EnumId(0),
        }
    }

    fn first_variant(&self, e: EnumId) -> String {
        self.enums
            .get(e.index())
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_else(|| "value".to_string())
    }

    fn values_list(&self, e: EnumId) -> String {
        let values: Vec<String> =
            self.enums.get(e.index()).into_iter().flatten().map(|v| format!("`{v}`")).collect();
        values.join(", ")
    }
}
