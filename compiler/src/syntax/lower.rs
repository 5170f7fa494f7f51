//! Lowering from pest pairs to the AST: one `lower_<rule>` function per grammar rule. What the
//! grammar guarantees is an `unreachable!` naming the rule; what the author can get wrong is a
//! `SyntaxError` pushed to the list, never a panic.

use std::sync::LazyLock;

use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::ast::*;
use super::error::SyntaxError;
use super::parser::Rule;
use crate::span::{Node, Span};

/// Operator precedence, lowest first: `implies`, `iff`, `or`, `and`, prefix `not`, the
/// comparisons, then the postfix emptiness tests. `not a == b` is `not (a == b)`.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_implies, Assoc::Right))
        .op(Op::infix(Rule::op_iff, Assoc::Left))
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_not_in, Assoc::Left))
        .op(Op::postfix(Rule::op_is_empty)
            | Op::postfix(Rule::op_is_not_empty)
            | Op::postfix(Rule::op_is_known)
            | Op::postfix(Rule::op_is_unknown))
});

/// Collects the errors found while lowering.
#[derive(Default)]
pub struct Lowerer {
    /// Errors found so far.
    pub errors: Vec<SyntaxError>,
}

/// The span of a pair without trailing whitespace and comments. pest skips the trivia before
/// an optional part it then does not find (the note of `dose 2 g`), and keeps it in the span;
/// a label would then run on to the next line.
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let span = pair.as_span();
    let text = pair.as_str();
    // Trivia can only follow the last child: before it, everything belongs to the pair.
    let last_child_end =
        pair.clone().into_inner().last().map_or(0, |child| child.as_span().end() - span.start());
    let mut end = text.len();
    loop {
        let tail = &text[last_child_end.min(end)..end];
        let trimmed = tail.trim_end();
        // Strings are children, so a `//` after the last child starts a comment.
        let cut = trimmed.find("//").unwrap_or(trimmed.len());
        let new_end = last_child_end.min(end) + trimmed[..cut].trim_end().len();
        if new_end == end {
            break;
        }
        end = new_end;
    }
    Span::new(span.start(), span.start() + end)
}

/// The next child of a pair, which the grammar guarantees is there.
fn next<'i>(pairs: &mut Pairs<'i, Rule>, parent: Rule) -> Pair<'i, Rule> {
    match pairs.next() {
        Some(pair) => pair,
        None => unreachable!("grammar rule `{parent:?}` always has this child"),
    }
}

impl Lowerer {
    /// `file = { SOI ~ item* ~ EOI }`
    pub fn lower_file(&mut self, pair: Pair<'_, Rule>) -> File {
        let mut items = Vec::new();
        for item in pair.into_inner() {
            let lowered = match item.as_rule() {
                Rule::header => Item::Header(self.lower_header(item)),
                Rule::enum_decl => Item::Enum(self.lower_enum_decl(item)),
                Rule::fact_decl => Item::Fact(self.lower_fact_decl(item)),
                Rule::constraint_decl => Item::Constraint(self.lower_constraint_decl(item)),
                Rule::condition_decl => Item::Condition(self.lower_condition_decl(item)),
                Rule::xref_decl => Item::XRef(self.lower_xref_decl(item)),
                Rule::recommend_decl => Item::Recommend(self.lower_recommend_decl(item)),
                Rule::informational_decl => {
                    Item::Informational(self.lower_informational_decl(item))
                }
                Rule::assert_decl => Item::Assert(self.lower_assert_decl(item)),
                Rule::together_decl => {
                    Item::Overlap(self.lower_overlap_decl(item, OverlapKind::Together))
                }
                Rule::alternatives_decl => {
                    Item::Overlap(self.lower_overlap_decl(item, OverlapKind::Alternatives))
                }
                Rule::scope_decl => Item::Scope(self.lower_scope_decl(item)),
                Rule::score_decl => Item::Score(self.lower_score_decl(item)),
                Rule::EOI => break,
                other => unreachable!("grammar rule `file` has no child `{other:?}`"),
            };
            items.push(lowered);
        }
        File { items }
    }

    fn lower_ident(&mut self, pair: Pair<'_, Rule>) -> Ident {
        debug_assert_eq!(pair.as_rule(), Rule::ident);
        Node::new(pair.as_str().to_string(), span_of(&pair))
    }

    /// `string = ${ "\"" ~ string_inner ~ "\"" }`: resolves the escapes.
    fn lower_string(&mut self, pair: Pair<'_, Rule>) -> Str {
        let span = span_of(&pair);
        let inner = next(&mut pair.into_inner(), Rule::string);
        let raw = inner.as_str();
        let inner_start = inner.as_span().start();
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                value.push(c);
                continue;
            }
            match chars.next() {
                Some((_, '"')) => value.push('"'),
                Some((_, '\\')) => value.push('\\'),
                Some((_, 'u')) => {
                    // The grammar guarantees `{`, 1 to 6 hex digits and `}`.
                    let rest = &raw[i + 2..];
                    let close = rest.find('}').unwrap_or(rest.len());
                    let digits = rest.get(1..close).unwrap_or("");
                    match u32::from_str_radix(digits, 16).ok().and_then(char::from_u32) {
                        Some(ch) => value.push(ch),
                        None => self.errors.push(SyntaxError::InvalidEscape {
                            code: digits.to_string(),
                            at: Span::new(inner_start + i, inner_start + i + 2 + close + 1).into(),
                        }),
                    }
                    for _ in 0..close + 1 {
                        chars.next();
                    }
                }
                _ => unreachable!("grammar rule `string` allows only these escapes"),
            }
        }
        Node::new(value, span)
    }

    fn lower_description(&mut self, pair: Pair<'_, Rule>) -> Str {
        self.lower_string(next(&mut pair.into_inner(), Rule::description))
    }

    /// `header = { "pathway" ~ ident ~ "{" ~ header_field* ~ "}" }`
    fn lower_header(&mut self, pair: Pair<'_, Rule>) -> Header {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, Rule::header));
        let fields = inner.map(|field| self.lower_header_field(field)).collect();
        Header { name, fields, span }
    }

    fn lower_header_field(&mut self, pair: Pair<'_, Rule>) -> HeaderField {
        let mut inner = pair.into_inner();
        let key_pair = next(&mut inner, Rule::header_field);
        let key = match key_pair.as_str() {
            "title" => HeaderKey::Title,
            "guideline" => HeaderKey::Guideline,
            "publisher" => HeaderKey::Publisher,
            "version" => HeaderKey::Version,
            other => unreachable!("grammar rule `header_key` has no keyword `{other}`"),
        };
        let key = Node::new(key, span_of(&key_pair));
        let value = self.lower_string(next(&mut inner, Rule::header_field));
        HeaderField { key, value }
    }

    /// `enum_decl = { "enum" ~ ident ~ "{" ~ ident ~ ("," ~ ident)* ~ ","? ~ "}" }`
    fn lower_enum_decl(&mut self, pair: Pair<'_, Rule>) -> EnumDecl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, Rule::enum_decl));
        let variants = inner.map(|v| self.lower_ident(v)).collect();
        EnumDecl { name, variants, span }
    }

    /// `fact_decl = { "fact" ~ ident ~ ":" ~ optional? ~ fact_type ~ description? }`
    fn lower_fact_decl(&mut self, pair: Pair<'_, Rule>) -> FactDecl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner().peekable();
        let name = self.lower_ident(next_peekable(&mut inner, Rule::fact_decl));
        let optional = match inner.peek() {
            Some(child) if child.as_rule() == Rule::optional => {
                let span = span_of(child);
                inner.next();
                Some(span)
            }
            _ => None,
        };
        let ty = self.lower_fact_type(next_peekable(&mut inner, Rule::fact_decl));
        let description = inner.next().map(|d| self.lower_description(d));
        FactDecl { name, ty, optional, description, span }
    }

    fn lower_fact_type(&mut self, pair: Pair<'_, Rule>) -> Node<TypeExpr> {
        let span = span_of(&pair);
        let ty = match pair.as_rule() {
            Rule::type_bool => TypeExpr::Bool,
            Rule::type_set => {
                TypeExpr::SetOf(self.lower_ident(next(&mut pair.into_inner(), Rule::type_set)))
            }
            Rule::type_enum => {
                TypeExpr::Enum(self.lower_ident(next(&mut pair.into_inner(), Rule::type_enum)))
            }
            Rule::type_number => self.lower_type_number(pair),
            other => unreachable!("grammar rule `fact_type` has no child `{other:?}`"),
        };
        Node::new(ty, span)
    }

    /// `type_number = { (number_whole | number_decimal) ~ fact_unit ~ "in" ~ number ~ "to" ~
    /// number }`
    fn lower_type_number(&mut self, pair: Pair<'_, Rule>) -> TypeExpr {
        let mut inner = pair.into_inner();
        let kind = next(&mut inner, Rule::type_number);
        let kind = Node::new(
            match kind.as_rule() {
                Rule::number_whole => NumberKind::Whole,
                _ => NumberKind::Decimal,
            },
            span_of(&kind),
        );
        let text = |pair: Pair<'_, Rule>| Node::new(pair.as_str().to_string(), span_of(&pair));
        let unit = text(next(&mut inner, Rule::type_number));
        let low = text(next(&mut inner, Rule::type_number));
        let high = text(next(&mut inner, Rule::type_number));
        TypeExpr::Number { kind, unit, low, high }
    }

    /// `score_decl = { "score" ~ ident ~ description? ~ ":" ~ score_term ~ ("," ~ score_term)* }`
    fn lower_score_decl(&mut self, pair: Pair<'_, Rule>) -> ScoreDecl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, Rule::score_decl));
        let mut description = None;
        let mut terms = Vec::new();
        for child in inner {
            match child.as_rule() {
                Rule::description => description = Some(self.lower_description(child)),
                Rule::score_term => terms.push(self.lower_score_term(child)),
                other => unreachable!("grammar rule `score_decl` has no child `{other:?}`"),
            }
        }
        ScoreDecl { name, description, terms, span }
    }

    /// `score_term = { (number ~ "for")? ~ expr }`
    fn lower_score_term(&mut self, pair: Pair<'_, Rule>) -> ScoreTerm {
        let mut weight = None;
        let mut expr = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::number => {
                    weight = Some(Node::new(child.as_str().to_string(), span_of(&child)));
                }
                Rule::expr => expr = Some(self.lower_expr(child)),
                other => unreachable!("grammar rule `score_term` has no child `{other:?}`"),
            }
        }
        let Some(expr) = expr else {
            unreachable!("grammar rule `score_term` always has an `expr`")
        };
        ScoreTerm { weight, expr }
    }

    /// `constraint_decl = { "constraint" ~ ident ~ description? ~ ":" ~ expr }`
    fn lower_constraint_decl(&mut self, pair: Pair<'_, Rule>) -> ConstraintDecl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, Rule::constraint_decl));
        let mut description = None;
        let mut expr = None;
        for child in inner {
            match child.as_rule() {
                Rule::description => description = Some(self.lower_description(child)),
                Rule::expr => expr = Some(self.lower_expr(child)),
                other => unreachable!("grammar rule `constraint_decl` has no child `{other:?}`"),
            }
        }
        let Some(expr) = expr else {
            unreachable!("grammar rule `constraint_decl` always has an `expr`")
        };
        ConstraintDecl { name, description, expr, span }
    }

    /// `condition_decl = { "condition" ~ ident ~ description? ~ ":" ~ expr ~ cites* }`
    fn lower_condition_decl(&mut self, pair: Pair<'_, Rule>) -> ConditionDecl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, Rule::condition_decl));
        let mut description = None;
        let mut expr = None;
        let mut cites = Vec::new();
        for child in inner {
            match child.as_rule() {
                Rule::description => description = Some(self.lower_description(child)),
                Rule::expr => expr = Some(self.lower_expr(child)),
                Rule::cites => cites.extend(self.lower_cites(child)),
                other => unreachable!("grammar rule `condition_decl` has no child `{other:?}`"),
            }
        }
        let Some(expr) = expr else {
            unreachable!("grammar rule `condition_decl` always has an `expr`")
        };
        ConditionDecl { name, description, expr, cites, span }
    }

    /// `cites = { "cites" ~ string ~ ("," ~ string)* }`
    fn lower_cites(&mut self, pair: Pair<'_, Rule>) -> Vec<Str> {
        pair.into_inner().map(|s| self.lower_string(s)).collect()
    }

    /// `xref_decl = { "xref" ~ ident ~ ":" ~ string ~ url? ~ cites* }`
    fn lower_xref_decl(&mut self, pair: Pair<'_, Rule>) -> XRefDecl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, Rule::xref_decl));
        let title = self.lower_string(next(&mut inner, Rule::xref_decl));
        let mut url = None;
        let mut cites = Vec::new();
        for child in inner {
            match child.as_rule() {
                Rule::url => {
                    url = Some(self.lower_string(next(&mut child.into_inner(), Rule::url)))
                }
                Rule::cites => cites.extend(self.lower_cites(child)),
                other => unreachable!("grammar rule `xref_decl` has no child `{other:?}`"),
            }
        }
        XRefDecl { name, title, url, cites, span }
    }

    /// `recommend_decl = { "recommend" ~ ident ~ ":" ~ strength ~ string ~ rec_clause* }`
    fn lower_recommend_decl(&mut self, pair: Pair<'_, Rule>) -> RecommendDecl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, Rule::recommend_decl));
        let strength = self.lower_strength(next(&mut inner, Rule::recommend_decl));
        let text = self.lower_string(next(&mut inner, Rule::recommend_decl));
        let clauses = inner.map(|clause| self.lower_rec_clause(clause)).collect();
        RecommendDecl { name, strength, text, clauses, span }
    }

    fn lower_rec_clause(&mut self, pair: Pair<'_, Rule>) -> Clause {
        match pair.as_rule() {
            Rule::when_clause => {
                Clause::When(self.lower_expr(next(&mut pair.into_inner(), Rule::when_clause)))
            }
            Rule::cites => Clause::Cites(self.lower_cites(pair)),
            Rule::see => Clause::See(pair.into_inner().map(|i| self.lower_ident(i)).collect()),
            Rule::dose => Clause::Dose(self.lower_dose(pair)),
            Rule::dose_schedule => Clause::DoseSchedule(self.lower_dose_schedule(pair)),
            Rule::timing => Clause::Timing(self.lower_timing(pair)),
            Rule::forbids => {
                Clause::Forbids(pair.into_inner().map(|i| self.lower_ident(i)).collect())
            }
            other => unreachable!("grammar rule `rec_clause` has no child `{other:?}`"),
        }
    }

    /// `strength = { strength_do_not_offer | ... | strength_refer }`
    fn lower_strength(&mut self, pair: Pair<'_, Rule>) -> Node<Strength> {
        let span = span_of(&pair);
        let choice = next(&mut pair.into_inner(), Rule::strength);
        let strength = match choice.as_rule() {
            Rule::strength_do_not_offer => Strength::DoNotOffer,
            Rule::strength_do_not_consider => Strength::DoNotConsider,
            Rule::strength_do_not => Strength::DoNot,
            Rule::strength_do => Strength::Do,
            Rule::strength_offer => Strength::Offer,
            Rule::strength_consider => Strength::Consider,
            Rule::strength_ensure => Strength::Ensure,
            Rule::strength_refer => Strength::Refer,
            other => unreachable!("grammar rule `strength` has no child `{other:?}`"),
        };
        Node::new(strength, span)
    }

    /// `timing = { timing_immediately | timing_within | ... }`
    fn lower_timing(&mut self, pair: Pair<'_, Rule>) -> Node<TimingExpr> {
        let span = span_of(&pair);
        let choice = next(&mut pair.into_inner(), Rule::timing);
        let timing = match choice.as_rule() {
            Rule::timing_immediately => TimingExpr::Immediately,
            Rule::timing_within => {
                let (amount, to, unit) = lower_time_amounts(choice, Rule::timing_within);
                TimingExpr::Within { amount, to, unit }
            }
            Rule::timing_after_clause => {
                let (amount, to, unit) = lower_time_amounts(choice, Rule::timing_after_clause);
                TimingExpr::After { amount, to, unit }
            }
            Rule::timing_asap => TimingExpr::AsSoonAsPossible,
            Rule::timing_on_admission => TimingExpr::OnAdmission,
            Rule::timing_from_diagnosis => TimingExpr::FromDiagnosisOnwards,
            Rule::timing_urgent => TimingExpr::Urgent,
            other => unreachable!("grammar rule `timing` has no child `{other:?}`"),
        };
        Node::new(timing, span)
    }

    /// `dose = { "dose" ~ decimal ~ unit ~ string? }`
    fn lower_dose(&mut self, pair: Pair<'_, Rule>) -> Node<DoseExpr> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let amount = next(&mut inner, Rule::dose);
        let unit = next(&mut inner, Rule::dose);
        let note = inner.next().map(|s| self.lower_string(s));
        Node::new(
            DoseExpr {
                amount: Node::new(amount.as_str().to_string(), span_of(&amount)),
                unit: Node::new(unit.as_str().to_string(), span_of(&unit)),
                note,
            },
            span,
        )
    }

    /// `dose_schedule = { "dose" ~ string ~ ident ~ ":" ~ dose_step ~ (dose_then ~ dose_step)* }`
    fn lower_dose_schedule(&mut self, pair: Pair<'_, Rule>) -> Node<DoseScheduleExpr> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let drug = self.lower_string(next(&mut inner, Rule::dose_schedule));
        let route = self.lower_ident(next(&mut inner, Rule::dose_schedule));
        let steps = inner.map(lower_dose_step).collect();
        Node::new(DoseScheduleExpr { drug, route, steps }, span)
    }

    /// `informational_decl = { "informational" ~ string ~ "because" ~ string }`
    fn lower_informational_decl(&mut self, pair: Pair<'_, Rule>) -> InformationalDecl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let quote = self.lower_string(next(&mut inner, Rule::informational_decl));
        let reason = self.lower_string(next(&mut inner, Rule::informational_decl));
        InformationalDecl { quote, reason, span }
    }

    /// `assert_decl = { "assert" ~ ident ~ description? ~ ":" ~ expr }`
    fn lower_assert_decl(&mut self, pair: Pair<'_, Rule>) -> AssertDecl {
        let span = span_of(&pair);
        let (name, description, expr) = self.lower_named_expr(pair, Rule::assert_decl);
        AssertDecl { name, description, expr, span }
    }

    /// `scope_decl = { "scope" ~ ident ~ description? ~ ":" ~ expr }`
    fn lower_scope_decl(&mut self, pair: Pair<'_, Rule>) -> ScopeDecl {
        let span = span_of(&pair);
        let (name, description, expr) = self.lower_named_expr(pair, Rule::scope_decl);
        ScopeDecl { name, description, expr, span }
    }

    /// The `ident ~ description? ~ ":" ~ expr` shape that asserts and scopes share.
    fn lower_named_expr(&mut self, pair: Pair<'_, Rule>, rule: Rule) -> (Ident, Option<Str>, Expr) {
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, rule));
        let mut description = None;
        let mut expr = None;
        for child in inner {
            match child.as_rule() {
                Rule::description => description = Some(self.lower_description(child)),
                Rule::expr => expr = Some(self.lower_expr(child)),
                other => unreachable!("grammar rule `{rule:?}` has no child `{other:?}`"),
            }
        }
        let Some(expr) = expr else { unreachable!("grammar rule `{rule:?}` always has an `expr`") };
        (name, description, expr)
    }

    /// `together_decl = { "together" ~ ident ~ description ~ ":" ~ member_list ~ (with_sides ~
    /// member_list)? }` and `alternatives_decl = { "alternatives" ~ ident ~ description ~ ":" ~
    /// member_list }`
    fn lower_overlap_decl(&mut self, pair: Pair<'_, Rule>, kind: OverlapKind) -> OverlapDecl {
        let span = span_of(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        let name = self.lower_ident(next(&mut inner, rule));
        let reason = self.lower_description(next(&mut inner, rule));
        let members = self.lower_member_list(next(&mut inner, rule));
        let mut with = None;
        for child in inner {
            match child.as_rule() {
                Rule::with_sides => {}
                Rule::member_list => with = Some(self.lower_member_list(child)),
                other => unreachable!("grammar rule `{rule:?}` has no child `{other:?}`"),
            }
        }
        OverlapDecl { kind, name, reason, members, with, span }
    }

    /// `member_list = { ident ~ ("," ~ ident)* }`
    fn lower_member_list(&mut self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        pair.into_inner().map(|i| self.lower_ident(i)).collect()
    }

    /// `expr = { term ~ (infix_op ~ term)* }`, climbed by the Pratt parser.
    fn lower_expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        // The Pratt parser's closures cannot borrow `self` mutably more than once, so string-free
        // operands are lowered without it: expressions contain no strings, hence no escapes.
        PRATT
            .map_primary(lower_operand)
            .map_prefix(|op, rhs| {
                let span = span_of(&op).to(rhs.span);
                Node::new(
                    ExprKind::Unary(Node::new(UnaryOp::Not, span_of(&op)), Box::new(rhs)),
                    span,
                )
            })
            .map_postfix(|lhs, op| {
                let unary = match op.as_rule() {
                    Rule::op_is_empty => UnaryOp::IsEmpty,
                    Rule::op_is_not_empty => UnaryOp::IsNotEmpty,
                    Rule::op_is_known => UnaryOp::IsKnown,
                    Rule::op_is_unknown => UnaryOp::IsUnknown,
                    other => unreachable!("grammar rule `postfix_op` has no child `{other:?}`"),
                };
                let span = lhs.span.to(span_of(&op));
                Node::new(ExprKind::Unary(Node::new(unary, span_of(&op)), Box::new(lhs)), span)
            })
            .map_infix(|lhs, op, rhs| {
                let binary = match op.as_rule() {
                    Rule::op_implies => BinaryOp::Implies,
                    Rule::op_iff => BinaryOp::Iff,
                    Rule::op_or => BinaryOp::Or,
                    Rule::op_and => BinaryOp::And,
                    Rule::op_eq => BinaryOp::Eq,
                    Rule::op_ne => BinaryOp::Ne,
                    Rule::op_lt => BinaryOp::Lt,
                    Rule::op_le => BinaryOp::Le,
                    Rule::op_gt => BinaryOp::Gt,
                    Rule::op_ge => BinaryOp::Ge,
                    Rule::op_in => BinaryOp::In,
                    Rule::op_not_in => BinaryOp::NotIn,
                    other => unreachable!("grammar rule `infix_op` has no child `{other:?}`"),
                };
                let span = lhs.span.to(rhs.span);
                let op = Node::new(binary, span_of(&op));
                match range_start(&lhs, binary) {
                    Some(()) => {
                        let ExprKind::Binary(low_op, low, subject) = lhs.node else {
                            unreachable!("`range_start` matched a comparison")
                        };
                        Node::new(
                            ExprKind::Range {
                                low,
                                low_op,
                                subject,
                                high_op: op,
                                high: Box::new(rhs),
                            },
                            span,
                        )
                    }
                    None => Node::new(ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span),
                }
            })
            .parse(pair.into_inner())
    }
}

/// Whether `lhs op ...` continues a range `low < x <= high`: `lhs` is an unparenthesised `<` or
/// `<=` comparison (its span ends with its right operand, not with a `)`), and `op` is one too.
fn range_start(lhs: &Expr, op: BinaryOp) -> Option<()> {
    let ascending = |op: BinaryOp| matches!(op, BinaryOp::Lt | BinaryOp::Le);
    match &lhs.node {
        ExprKind::Binary(inner, _, right)
            if ascending(inner.node) && ascending(op) && right.span.end == lhs.span.end =>
        {
            Some(())
        }
        _ => None,
    }
}

/// The next child of a peekable list of pairs, which the grammar guarantees is there.
fn next_peekable<'i>(
    pairs: &mut std::iter::Peekable<Pairs<'i, Rule>>,
    parent: Rule,
) -> Pair<'i, Rule> {
    match pairs.next() {
        Some(pair) => pair,
        None => unreachable!("grammar rule `{parent:?}` always has this child"),
    }
}

/// `operand = _{ bool_literal | paren_expr | set_literal | number_literal | ident }`
fn lower_operand(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    match pair.as_rule() {
        Rule::bool_literal => Node::new(ExprKind::Bool(pair.as_str().starts_with('t')), span),
        Rule::ident => Node::new(ExprKind::Name(pair.as_str().to_string()), span),
        Rule::number_literal => {
            let mut inner = pair.into_inner();
            let value = next(&mut inner, Rule::number_literal).as_str().to_string();
            let unit = inner.next().map(|u| Node::new(u.as_str().to_string(), span_of(&u)));
            Node::new(ExprKind::Number { value, unit }, span)
        }
        Rule::set_literal => {
            let members =
                pair.into_inner().map(|i| Node::new(i.as_str().to_string(), span_of(&i))).collect();
            Node::new(ExprKind::Set(members), span)
        }
        Rule::paren_expr => {
            let inner = next(&mut pair.into_inner(), Rule::paren_expr);
            let mut lowerer = Lowerer::default();
            let mut expr = lowerer.lower_expr(inner);
            // The parentheses belong to the span, so diagnostics underline them too.
            expr.span = span;
            expr
        }
        other => unreachable!("grammar rule `operand` has no child `{other:?}`"),
    }
}

/// A token as written, with its span.
fn text_node(pair: &Pair<'_, Rule>) -> Node<String> {
    Node::new(pair.as_str().to_string(), span_of(pair))
}

/// The amounts and unit of `timing_within` or `timing_after_clause`:
/// `{ ("within" | timing_after) ~ integer ~ timing_to? ~ unit }`.
fn lower_time_amounts(
    pair: Pair<'_, Rule>,
    parent: Rule,
) -> (Node<String>, Option<Node<String>>, Node<String>) {
    let mut inner = pair.into_inner();
    let mut first = next(&mut inner, parent);
    if first.as_rule() == Rule::timing_after {
        first = next(&mut inner, parent);
    }
    let amount = text_node(&first);
    let mut following = next(&mut inner, parent);
    let mut to = None;
    if following.as_rule() == Rule::timing_to {
        to = Some(text_node(&next(&mut following.into_inner(), Rule::timing_to)));
        following = next(&mut inner, parent);
    }
    (amount, to, text_node(&following))
}

/// `dose_step = { decimal ~ unit ~ frequency ~ "for" ~ integer ~ unit }`
fn lower_dose_step(pair: Pair<'_, Rule>) -> Node<DoseStepExpr> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let amount = text_node(&next(&mut inner, Rule::dose_step));
    let unit = text_node(&next(&mut inner, Rule::dose_step));
    let frequency = next(&mut inner, Rule::dose_step);
    let frequency_span = span_of(&frequency);
    let word = next(&mut frequency.into_inner(), Rule::frequency);
    let times = match word.as_rule() {
        Rule::freq_once => "1".to_string(),
        Rule::freq_twice => "2".to_string(),
        Rule::freq_three => "3".to_string(),
        Rule::freq_four => "4".to_string(),
        Rule::freq_n => next(&mut word.into_inner(), Rule::freq_n).as_str().to_string(),
        other => unreachable!("grammar rule `frequency` has no child `{other:?}`"),
    };
    let duration = text_node(&next(&mut inner, Rule::dose_step));
    let duration_unit = text_node(&next(&mut inner, Rule::dose_step));
    Node::new(
        DoseStepExpr {
            amount,
            unit,
            times_per_day: Node::new(times, frequency_span),
            duration,
            duration_unit,
        },
        span,
    )
}
