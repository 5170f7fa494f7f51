//! The abstract syntax tree: what the author wrote, with a span on every node, before any name
//! is resolved. Produced by `syntax::parse`, consumed only by `sema`.

use crate::span::{Node, Span};

/// A name as written, such as a fact or recommendation id.
pub type Ident = Node<String>;
/// A string literal with its escapes resolved; the span covers the quotes.
pub type Str = Node<String>;

/// A parsed pathway file: its items in source order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    /// Every item, in the order written.
    pub items: Vec<Item>,
}

/// One top-level item.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `pathway name { ... }`
    Header(Header),
    /// `enum name { a, b }`
    Enum(EnumDecl),
    /// `fact name: type "description"`
    Fact(FactDecl),
    /// `constraint name "description": expr`
    Constraint(ConstraintDecl),
    /// `condition name: expr cites ...`
    Condition(ConditionDecl),
    /// `xref name: "title" url "..." cites ...`
    XRef(XRefDecl),
    /// `recommend id: strength "text" clauses...`
    Recommend(RecommendDecl),
    /// `informational "sentence" because "reason"`
    Informational(InformationalDecl),
    /// `assert name "description": expr`
    Assert(AssertDecl),
    /// `together name "why": a, b` or `alternatives name "why": a, b`
    Overlap(OverlapDecl),
    /// `scope name "description": expr`
    Scope(ScopeDecl),
    /// `score name "description": criterion, 2 for criterion`
    Score(ScoreDecl),
}

/// The pathway header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The pathway's machine name.
    pub name: Ident,
    /// `title`, `guideline`, `publisher`, `version` fields, in the order written.
    pub fields: Vec<HeaderField>,
    /// The whole header.
    pub span: Span,
}

/// One `key "value"` line of the header.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderField {
    /// Which field.
    pub key: Node<HeaderKey>,
    /// Its value.
    pub value: Str,
}

/// The fields a header may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderKey {
    /// The human title.
    Title,
    /// Path of the guideline text, relative to the pathway file.
    Guideline,
    /// Who published the guideline.
    Publisher,
    /// Which version of the guideline.
    Version,
}

impl HeaderKey {
    /// The keyword as written.
    pub fn as_str(self) -> &'static str {
        match self {
            HeaderKey::Title => "title",
            HeaderKey::Guideline => "guideline",
            HeaderKey::Publisher => "publisher",
            HeaderKey::Version => "version",
        }
    }
}

/// An enum declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDecl {
    /// The enum's name.
    pub name: Ident,
    /// Its values, in order.
    pub variants: Vec<Ident>,
    /// The whole declaration.
    pub span: Span,
}

/// The type of a fact as written.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    /// `bool`
    Bool,
    /// An enum, by name.
    Enum(Ident),
    /// `set of <enum>`
    SetOf(Ident),
    /// `whole years in 0 to 130`, `decimal mmol/L in 0 to 100`
    Number {
        /// `whole` or `decimal`.
        kind: Node<NumberKind>,
        /// The unit, as written; checked against the unit table by `sema`.
        unit: Node<String>,
        /// The lowest value, as written.
        low: Node<String>,
        /// The highest value, as written.
        high: Node<String>,
    },
}

/// Whether a numeric fact takes whole numbers or decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberKind {
    /// `whole`: integers only; a fraction is refused.
    Whole,
    /// `decimal`: exact decimals.
    Decimal,
}

impl NumberKind {
    /// The keyword as written.
    pub fn as_str(self) -> &'static str {
        match self {
            NumberKind::Whole => "whole",
            NumberKind::Decimal => "decimal",
        }
    }
}

/// A fact declaration: one input of the pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct FactDecl {
    /// The fact's name, which is also its JSON key.
    pub name: Ident,
    /// Its type.
    pub ty: Node<TypeExpr>,
    /// Where `optional` is written, when the fact may be `null` (not known).
    pub optional: Option<Span>,
    /// What it means, for documents.
    pub description: Option<Str>,
    /// The whole declaration.
    pub span: Span,
}

/// A constraint between facts.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintDecl {
    /// The constraint's name, used in the error for inconsistent facts.
    pub name: Ident,
    /// What it means in words.
    pub description: Option<Str>,
    /// The condition every input must satisfy.
    pub expr: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// A named derived condition.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionDecl {
    /// The condition's name.
    pub name: Ident,
    /// What it means in words.
    pub description: Option<Str>,
    /// Its definition.
    pub expr: Expr,
    /// Guideline sentences it implements.
    pub cites: Vec<Str>,
    /// The whole declaration.
    pub span: Span,
}

/// A cross-reference to another document.
#[derive(Debug, Clone, PartialEq)]
pub struct XRefDecl {
    /// The cross-reference's id.
    pub name: Ident,
    /// The title of what it points to.
    pub title: Str,
    /// Where it is, if known.
    pub url: Option<Str>,
    /// Guideline sentences that point there.
    pub cites: Vec<Str>,
    /// The whole declaration.
    pub span: Span,
}

/// How strongly a recommendation is made.
pub use cairn_runtime::Strength;

/// When a recommendation applies, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum TimingExpr {
    /// `immediately`
    Immediately,
    /// `within <amount> <unit>` or `within <amount> to <to> <unit>`; the unit is checked to be
    /// a time by `sema`.
    Within {
        /// How many units (the start of a range), as written.
        amount: Node<String>,
        /// The end of a range, as written, if it is one.
        to: Option<Node<String>>,
        /// The unit, as written.
        unit: Node<String>,
    },
    /// `after <amount> <unit>` or `after <amount> to <to> <unit>`.
    After {
        /// How many units (the start of a range), as written.
        amount: Node<String>,
        /// The end of a range, as written, if it is one.
        to: Option<Node<String>>,
        /// The unit, as written.
        unit: Node<String>,
    },
    /// `as soon as possible`
    AsSoonAsPossible,
    /// `on admission`
    OnAdmission,
    /// `from diagnosis onwards`
    FromDiagnosisOnwards,
    /// `urgent`
    Urgent,
}

/// A dose as written: `dose 16 mg "note"`.
#[derive(Debug, Clone, PartialEq)]
pub struct DoseExpr {
    /// The amount, as written.
    pub amount: Node<String>,
    /// The unit, as written; checked to be a mass or volume by `sema`.
    pub unit: Node<String>,
    /// Free text such as the route.
    pub note: Option<Str>,
}

/// One step of a dose schedule as written: `500 mg three times a day for 5 days`.
#[derive(Debug, Clone, PartialEq)]
pub struct DoseStepExpr {
    /// The amount of each administration, as written.
    pub amount: Node<String>,
    /// Its unit, as written; checked to be a mass, a volume or units by `sema`.
    pub unit: Node<String>,
    /// Administrations a day: 1 for `once`, 2 for `twice`, 3 and 4 for `three`/`four times`,
    /// or the number of `N times`, as written.
    pub times_per_day: Node<String>,
    /// How long, as written.
    pub duration: Node<String>,
    /// The unit of `duration`, as written; checked to be days by `sema`.
    pub duration_unit: Node<String>,
}

/// A drug's dose schedule as written:
/// `dose "doxycycline" oral: 200 mg once a day for 1 day, then 100 mg once a day for 4 days`.
#[derive(Debug, Clone, PartialEq)]
pub struct DoseScheduleExpr {
    /// The drug's name.
    pub drug: Str,
    /// The route, as written; checked against the fixed list by `sema`.
    pub route: Ident,
    /// The steps, in order; at least one.
    pub steps: Vec<Node<DoseStepExpr>>,
}

/// One clause of a recommendation; they may come in any order and `sema` checks for repeats.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `when <expr>`
    When(Expr),
    /// `cites "..."`
    Cites(Vec<Str>),
    /// `see a, b`
    See(Vec<Ident>),
    /// `dose 16 mg ...`
    Dose(Node<DoseExpr>),
    /// `dose "drug" route: steps`; a recommendation may have several, one per drug.
    DoseSchedule(Node<DoseScheduleExpr>),
    /// A timing.
    Timing(Node<TimingExpr>),
    /// `forbids a, b`: what a "do not" recommendation forbids.
    Forbids(Vec<Ident>),
}

/// A recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendDecl {
    /// Its id, stable for embedders.
    pub name: Ident,
    /// How strongly it is made.
    pub strength: Node<Strength>,
    /// The text shown to the clinician.
    pub text: Str,
    /// Its clauses, in the order written.
    pub clauses: Vec<Clause>,
    /// The whole declaration.
    pub span: Span,
}

/// A guideline sentence that carries no logic, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct InformationalDecl {
    /// The sentence, quoted (or a prefix ending in `...`).
    pub quote: Str,
    /// Why it carries no logic.
    pub reason: Str,
    /// The whole declaration.
    pub span: Span,
}

/// A property `cairn analyse` proves over every consistent input.
#[derive(Debug, Clone, PartialEq)]
pub struct AssertDecl {
    /// The property's name.
    pub name: Ident,
    /// What it says in words.
    pub description: Option<Str>,
    /// The property; recommendation ids in it stand for "it applies".
    pub expr: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// How the recommendations of an overlap declaration go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OverlapKind {
    /// `together`: they complement each other and all apply.
    Together,
    /// `alternatives`: they apply together as options, of which one is chosen.
    Alternatives,
}

impl OverlapKind {
    /// The keyword as written.
    pub fn as_str(self) -> &'static str {
        match self {
            OverlapKind::Together => "together",
            OverlapKind::Alternatives => "alternatives",
        }
    }
}

/// A declaration that some recommendations are meant to apply together.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlapDecl {
    /// `together` or `alternatives`.
    pub kind: OverlapKind,
    /// The group's name.
    pub name: Ident,
    /// Why they go together.
    pub reason: Str,
    /// The members (recommendations or groups), or the left side of `with`.
    pub members: Vec<Ident>,
    /// The right side of `with`, when the declaration only pairs across it.
    pub with: Option<Vec<Ident>>,
    /// The whole declaration.
    pub span: Span,
}

/// A region of inputs for which at least one recommendation must apply.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeDecl {
    /// The scope's name.
    pub name: Ident,
    /// What it covers in words.
    pub description: Option<Str>,
    /// The inputs it covers.
    pub expr: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// A score: a named sum of weighted criteria.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreDecl {
    /// The score's name.
    pub name: Ident,
    /// What it means in words.
    pub description: Option<Str>,
    /// Its criteria, in the order written.
    pub terms: Vec<ScoreTerm>,
    /// The whole declaration.
    pub span: Span,
}

/// One criterion of a score: `2 for x`, or `x` alone for weight 1.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreTerm {
    /// The weight as written, when there is one.
    pub weight: Option<Node<String>>,
    /// The criterion.
    pub expr: Expr,
}

/// An expression with its span.
pub type Expr = Node<ExprKind>;

/// Expressions, before names are resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `true` or `false`.
    Bool(bool),
    /// A bare name: a fact, a condition or an enum value, decided by `sema`.
    Name(String),
    /// `{ a, b }`
    Set(Vec<Ident>),
    /// A prefix or postfix operator.
    Unary(Node<UnaryOp>, Box<Expr>),
    /// An infix operator.
    Binary(Node<BinaryOp>, Box<Expr>, Box<Expr>),
    /// A number as written, with its unit when one is written: `30`, `0.1 g/L`.
    Number {
        /// The digits, as written.
        value: String,
        /// The unit, when written.
        unit: Option<Ident>,
    },
    /// A range: `low op subject op high`, each `op` being `<` or `<=`.
    Range {
        /// The lower end.
        low: Box<Expr>,
        /// `<` or `<=` after the lower end.
        low_op: Node<BinaryOp>,
        /// What is compared.
        subject: Box<Expr>,
        /// `<` or `<=` before the upper end.
        high_op: Node<BinaryOp>,
        /// The upper end.
        high: Box<Expr>,
    },
}

/// Prefix and postfix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not x`
    Not,
    /// `x is empty`
    IsEmpty,
    /// `x is not empty`
    IsNotEmpty,
    /// `x is known`: an optional fact has a value.
    IsKnown,
    /// `x is unknown`: an optional fact is `null`.
    IsUnknown,
}

/// Infix operators, lowest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `a implies b` (right-associative)
    Implies,
    /// `a iff b`
    Iff,
    /// `a or b`
    Or,
    /// `a and b`
    And,
    /// `a == b`
    Eq,
    /// `a != b`
    Ne,
    /// `a < b`
    Lt,
    /// `a <= b`
    Le,
    /// `a > b`
    Gt,
    /// `a >= b`
    Ge,
    /// `a in b`
    In,
    /// `a not in b`
    NotIn,
}

impl BinaryOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Implies => "implies",
            BinaryOp::Iff => "iff",
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
        }
    }
}

impl UnaryOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            UnaryOp::Not => "not",
            UnaryOp::IsEmpty => "is empty",
            UnaryOp::IsNotEmpty => "is not empty",
            UnaryOp::IsKnown => "is known",
            UnaryOp::IsUnknown => "is unknown",
        }
    }
}
