//! The typed intermediate representation: a checked pathway in which every reference is an id
//! into a table, every node keeps its span, and every citation names a guideline statement.
//! `sema` builds it; analyses, the interpreter and the backends read it, and nothing after
//! `sema` changes it. This module sits below all of them, with what they share: fact values
//! (`value`) and how a facts document is read into them (`facts`), the meaning of an
//! expression (`eval`, the evaluator of the interpreter, of the analyses' oracle and of the
//! witness check), its rendering in pathway syntax (`render`), and the explanation of a
//! recommendation (`explain`: its conjuncts, reasons and citations).

pub mod eval;
pub mod explain;
pub mod facts;
mod render;
pub mod value;

use cairn_runtime::{Decimal, Dose, DrugDose, Strength, Timing};

use crate::guideline::{Guideline, StatementId};
use crate::span::{Node, Span};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the pathway's table.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// An enum of the pathway.
    EnumId
);
id_type!(
    /// A value of an enum: its position in the enum.
    VariantId
);
id_type!(
    /// A fact (an input) of the pathway.
    FactId
);
id_type!(
    /// A named condition.
    ConditionId
);
id_type!(
    /// A recommendation.
    RecId
);
id_type!(
    /// A cross-reference.
    XRefId
);
id_type!(
    /// A constraint.
    ConstraintId
);
id_type!(
    /// An assertion (a property `cairn analyse` proves).
    AssertId
);
id_type!(
    /// A declaration of intended overlap (`together` or `alternatives`).
    OverlapId
);
id_type!(
    /// A scope: inputs for which some recommendation must apply.
    ScopeId
);
id_type!(
    /// A score: a named sum of weighted criteria.
    ScoreId
);

/// How the recommendations of an overlap declaration go together.
pub use crate::syntax::ast::OverlapKind;

/// A checked pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct Pathway {
    /// Machine name, such as `spinal_metastases`.
    pub name: Node<String>,
    /// Human title.
    pub title: String,
    /// Path of the guideline text, as written in the header (relative to the pathway file).
    pub guideline_path: String,
    /// Who published the guideline.
    pub publisher: Option<String>,
    /// Which version of the guideline.
    pub version: Option<String>,
    /// The enums, by `EnumId`.
    pub enums: Vec<Enum>,
    /// The facts, by `FactId`, in source order.
    pub facts: Vec<Fact>,
    /// The constraints, by `ConstraintId`.
    pub constraints: Vec<Constraint>,
    /// The named conditions, by `ConditionId`, in source order.
    pub conditions: Vec<Condition>,
    /// The recommendations, by `RecId`, in source order (which is the order of a plan).
    pub recommendations: Vec<Recommendation>,
    /// The cross-references, by `XRefId`.
    pub xrefs: Vec<XRef>,
    /// Sentences declared informational.
    pub informational: Vec<Informational>,
    /// The assertions, by `AssertId`, in source order.
    pub asserts: Vec<Assert>,
    /// The declarations of intended overlap, by `OverlapId`, in source order.
    pub overlaps: Vec<Overlap>,
    /// The scopes, by `ScopeId`, in source order.
    pub scopes: Vec<Scope>,
    /// The scores, by `ScoreId`, in source order.
    pub scores: Vec<Score>,
    /// The guideline, segmented into statements.
    pub guideline: Guideline,
    /// Every condition, each after the conditions it uses (`conditions_in_dependency_order`),
    /// computed once so evaluators need not.
    pub condition_order: Vec<ConditionId>,
}

/// An enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Its name.
    pub name: Node<String>,
    /// Its values, by `VariantId`.
    pub variants: Vec<Node<String>>,
}

/// The type of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactType {
    /// true or false.
    Bool,
    /// One value of an enum.
    Enum(EnumId),
    /// Any subset of an enum's values.
    Set(EnumId),
    /// A whole or decimal number with a unit and a range.
    Number(NumberType),
}

/// The type of a numeric fact: `whole years in 0 to 130`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumberType {
    /// Whole numbers only (a fraction is refused).
    pub whole: bool,
    /// The unit, as the unit table spells it.
    pub unit: &'static str,
    /// The lowest value, included.
    pub low: Decimal,
    /// The highest value, included.
    pub high: Decimal,
}

/// A fact: one input of the pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Its name, which is its JSON key.
    pub name: Node<String>,
    /// Its type.
    pub ty: FactType,
    /// Whether its JSON value may be `null` ("not known").
    pub optional: bool,
    /// For a numeric fact, the constants the pathway compares it with, in its unit, sorted and
    /// without repeats: where the answer of some test can change (see `value::regions`).
    pub points: Vec<Decimal>,
    /// What it means.
    pub description: Option<String>,
}

/// A score: the sum of the weights of its criteria that hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Its name.
    pub name: Node<String>,
    /// What it means.
    pub description: Option<String>,
    /// Its criteria, in source order.
    pub terms: Vec<ScoreTerm>,
    /// The sum of its weights: the highest value it can take (the lowest is 0).
    pub max: Decimal,
}

/// One criterion of a score.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScoreTerm {
    /// What it adds when it holds (positive).
    pub weight: Decimal,
    /// The criterion.
    pub expr: Expr,
}

/// What a numeric test reads: a numeric fact or a score.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Numeric {
    /// A numeric fact.
    Fact(FactId),
    /// A score, with its criteria copied in, so that every walk of an expression (the
    /// conditions and facts it uses, cycles, evaluation) sees what the score reads.
    Score(ScoreId, Vec<ScoreTerm>),
}

/// A comparison operator against a constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

impl CmpOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
        }
    }

    /// The operator with its sides swapped: `3 < x` is `x > 3`.
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            CmpOp::Eq | CmpOp::Ne => self,
        }
    }
}

/// What a numeric test asks of its value, in the subject's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumForm {
    /// `x op constant`.
    Compare(CmpOp, Decimal),
    /// `low < x <= high` and the like: each end included or not.
    Between {
        /// The lower end.
        low: Decimal,
        /// Whether the lower end is included (`<=`).
        low_included: bool,
        /// The upper end.
        high: Decimal,
        /// Whether the upper end is included (`<=`).
        high_included: bool,
    },
}

impl NumForm {
    /// Whether a value passes the test.
    pub fn holds(self, value: Decimal) -> bool {
        match self {
            NumForm::Compare(op, c) => match op {
                CmpOp::Lt => value < c,
                CmpOp::Le => value <= c,
                CmpOp::Gt => value > c,
                CmpOp::Ge => value >= c,
                CmpOp::Eq => value == c,
                CmpOp::Ne => value != c,
            },
            NumForm::Between { low, low_included, high, high_included } => {
                (if low_included { value >= low } else { value > low })
                    && (if high_included { value <= high } else { value < high })
            }
        }
    }

    /// The constants it compares with: where its answer can change.
    pub fn constants(self) -> Vec<Decimal> {
        match self {
            NumForm::Compare(_, c) => vec![c],
            NumForm::Between { low, high, .. } => vec![low, high],
        }
    }
}

/// A test of a number: `urea > 7`, `1 <= crb65 <= 2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumTest {
    /// What is tested.
    pub subject: Numeric,
    /// How.
    pub form: NumForm,
}

/// A constraint every input must satisfy.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// Its name.
    pub name: Node<String>,
    /// What it means.
    pub description: Option<String>,
    /// The condition.
    pub expr: Expr,
}

/// A named derived condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// Its name.
    pub name: Node<String>,
    /// What it means.
    pub description: Option<String>,
    /// Its definition.
    pub expr: Expr,
    /// The statements it implements.
    pub citations: Vec<Citation>,
}

/// A citation resolved to a statement of the guideline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The statement.
    pub statement: StatementId,
    /// The quote as written in the source.
    pub quote: String,
    /// Where the quote is.
    pub span: Span,
}

/// A cross-reference to another document.
#[derive(Debug, Clone, PartialEq)]
pub struct XRef {
    /// Its id.
    pub name: Node<String>,
    /// The title of the document.
    pub title: String,
    /// Where it is.
    pub url: Option<String>,
    /// Statements that point to it.
    pub citations: Vec<Citation>,
}

/// A recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// Its id.
    pub name: Node<String>,
    /// How strongly it is made.
    pub strength: Node<Strength>,
    /// The display text.
    pub text: String,
    /// When it applies in time.
    pub timing: Option<Node<Timing>>,
    /// Its dose, in the single-amount form (`dose 16 mg`).
    pub dose: Option<Node<Dose>>,
    /// Its dose schedules, one per drug, in the order written.
    pub doses: Vec<Node<DrugDose>>,
    /// When it applies.
    pub when: Expr,
    /// The statements it implements.
    pub citations: Vec<Citation>,
    /// The cross-references it carries.
    pub see: Vec<XRefId>,
    /// What a "do not" recommendation forbids: applying together with any of these is an error
    /// of `cairn analyse`. Each keeps the span of its name in the `forbids` clause.
    pub forbids: Vec<Node<RecId>>,
}

/// A property that must hold for every consistent input.
#[derive(Debug, Clone, PartialEq)]
pub struct Assert {
    /// Its name.
    pub name: Node<String>,
    /// What it says.
    pub description: Option<String>,
    /// The property, over facts, conditions and recommendations (`ExprKind::Recommendation`).
    pub expr: Expr,
}

/// Recommendations declared to apply together on purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// The group's name.
    pub name: Node<String>,
    /// `together` or `alternatives`.
    pub kind: OverlapKind,
    /// Why they go together.
    pub reason: String,
    /// The recommendations, with groups named as members expanded, sorted; the left side when
    /// `with` is present.
    pub members: Vec<RecId>,
    /// The right side of `with`, expanded and sorted; empty when the declaration pairs every two
    /// of `members`.
    pub with: Vec<RecId>,
}

impl Overlap {
    /// Whether this declaration covers the pair `a`, `b` (in either order).
    pub fn declares(&self, a: RecId, b: RecId) -> bool {
        if a == b {
            return false;
        }
        if self.with.is_empty() {
            self.members.contains(&a) && self.members.contains(&b)
        } else {
            (self.members.contains(&a) && self.with.contains(&b))
                || (self.members.contains(&b) && self.with.contains(&a))
        }
    }

    /// Every recommendation the declaration names, on either side, sorted.
    pub fn recommendations(&self) -> Vec<RecId> {
        let mut all: Vec<RecId> = self.members.iter().chain(&self.with).copied().collect();
        all.sort();
        all.dedup();
        all
    }
}

/// Inputs for which at least one recommendation must apply.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// Its name.
    pub name: Node<String>,
    /// What it covers.
    pub description: Option<String>,
    /// The inputs it covers, over facts and conditions.
    pub expr: Expr,
}

/// A sentence that carries no logic.
#[derive(Debug, Clone, PartialEq)]
pub struct Informational {
    /// The statement.
    pub citation: Citation,
    /// Why it carries no logic.
    pub reason: String,
}

/// A typed boolean expression.
pub type Expr = Node<ExprKind>;

/// Boolean expressions over facts and conditions; every leaf is typed by construction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ExprKind {
    /// A constant.
    Const(bool),
    /// A boolean fact.
    Fact(FactId),
    /// A named condition.
    Condition(ConditionId),
    /// A recommendation applies. Only assertions use it: sema refuses it in conditions,
    /// constraints, `when` clauses and scopes, so recommendations never depend on each other.
    Recommendation(RecId),
    /// An enum fact has one of these values (one value for `==`).
    EnumIn(FactId, Vec<VariantId>),
    /// A set fact contains this value.
    SetContains(FactId, VariantId),
    /// A set fact is empty.
    SetEmpty(FactId),
    /// Two facts of the same type have the same value.
    FactsEqual(FactId, FactId),
    /// A numeric fact or a score passes a test against constants.
    Number(Box<NumTest>),
    /// An optional fact has a value (it is not `null`).
    Known(FactId),
    /// Negation.
    Not(Box<Expr>),
    /// All of these (at least two).
    And(Vec<Expr>),
    /// Any of these (at least two).
    Or(Vec<Expr>),
    /// If the first, then the second.
    Implies(Box<Expr>, Box<Expr>),
    /// Both or neither.
    Iff(Box<Expr>, Box<Expr>),
}

impl Pathway {
    /// Every expression the pathway states, each once: constraints, conditions, score criteria,
    /// `when` clauses, assertions and scopes. What walks all of them (guards, numeric points,
    /// range lints) starts here, so a new place that holds an expression is added once.
    pub fn expressions(&self) -> impl Iterator<Item = &Expr> {
        self.constraints
            .iter()
            .map(|c| &c.expr)
            .chain(self.conditions.iter().map(|c| &c.expr))
            .chain(self.scores.iter().flat_map(|s| s.terms.iter().map(|t| &t.expr)))
            .chain(self.recommendations.iter().map(|r| &r.when))
            .chain(self.asserts.iter().map(|a| &a.expr))
            .chain(self.scopes.iter().map(|s| &s.expr))
    }

    /// The fact with this id.
    pub fn fact(&self, id: FactId) -> &Fact {
        &self.facts[id.index()]
    }

    /// The enum with this id.
    pub fn enum_(&self, id: EnumId) -> &Enum {
        &self.enums[id.index()]
    }

    /// The condition with this id.
    pub fn condition(&self, id: ConditionId) -> &Condition {
        &self.conditions[id.index()]
    }

    /// The recommendation with this id.
    pub fn recommendation(&self, id: RecId) -> &Recommendation {
        &self.recommendations[id.index()]
    }

    /// The cross-reference with this id.
    pub fn xref(&self, id: XRefId) -> &XRef {
        &self.xrefs[id.index()]
    }

    /// The name of a value of an enum.
    pub fn variant_name(&self, enum_id: EnumId, variant: VariantId) -> &str {
        &self.enums[enum_id.index()].variants[variant.index()].node
    }

    /// The enum behind an enum or set fact.
    pub fn enum_of(&self, fact: FactId) -> Option<EnumId> {
        match self.fact(fact).ty {
            FactType::Enum(e) | FactType::Set(e) => Some(e),
            FactType::Bool | FactType::Number(_) => None,
        }
    }

    /// The score with this id.
    pub fn score(&self, id: ScoreId) -> &Score {
        &self.scores[id.index()]
    }

    /// Ids of the conditions an expression refers to directly, in order of appearance.
    pub fn direct_conditions(expr: &Expr, out: &mut Vec<ConditionId>) {
        expr.node.visit(&mut |e| {
            if let ExprKind::Condition(c) = e {
                if !out.contains(c) {
                    out.push(*c);
                }
            }
        });
    }

    /// Ids of every condition an expression depends on, directly or through other conditions,
    /// in order of first appearance (depth first).
    pub fn conditions_used(&self, expr: &Expr) -> Vec<ConditionId> {
        let mut seen = Vec::new();
        // Membership by set: a `Vec` search made a long chain of conditions quadratic.
        let mut known = std::collections::HashSet::new();
        let mut stack = Vec::new();
        Self::direct_conditions(expr, &mut stack);
        stack.reverse();
        while let Some(c) = stack.pop() {
            if !known.insert(c) {
                continue;
            }
            seen.push(c);
            let mut next = Vec::new();
            Self::direct_conditions(&self.condition(c).expr, &mut next);
            next.reverse();
            stack.extend(next);
        }
        seen
    }
}

impl Pathway {
    /// Every condition, each after the conditions it uses. Stages that compute all conditions
    /// walk this order so no computation recurses through a chain of conditions: a chain of
    /// thousands would otherwise overflow the stack. Sema refuses cycles, so the order exists.
    pub fn conditions_in_dependency_order(&self) -> Vec<ConditionId> {
        // 0: not seen, 1: its uses are being placed, 2: placed. The middle state makes the walk
        // end even on a cyclic pathway, which sema reports but still builds.
        let mut state = vec![0u8; self.conditions.len()];
        let mut order = Vec::with_capacity(self.conditions.len());
        for root in 0..self.conditions.len() {
            // Iterative post-order depth-first search.
            let mut stack: Vec<(ConditionId, bool)> = vec![(ConditionId(root as u32), false)];
            while let Some((id, uses_placed)) = stack.pop() {
                if uses_placed {
                    state[id.index()] = 2;
                    order.push(id);
                    continue;
                }
                if state[id.index()] != 0 {
                    continue;
                }
                state[id.index()] = 1;
                stack.push((id, true));
                let mut uses = Vec::new();
                Self::direct_conditions(&self.condition(id).expr, &mut uses);
                stack.extend(
                    uses.into_iter().rev().filter(|u| state[u.index()] == 0).map(|u| (u, false)),
                );
            }
        }
        order
    }

    /// Every fact an expression reads, directly or through the conditions it uses, sorted.
    pub fn facts_used(&self, expr: &Expr) -> Vec<FactId> {
        let mut facts = expr.node.facts();
        for condition in self.conditions_used(expr) {
            facts.extend(self.condition(condition).expr.node.facts());
        }
        facts.sort();
        facts.dedup();
        facts
    }
}

impl ExprKind {
    /// Calls `f` on this node and every node below it, parents first.
    pub fn visit(&self, f: &mut impl FnMut(&ExprKind)) {
        f(self);
        match self {
            ExprKind::Not(inner) => inner.node.visit(f),
            ExprKind::And(items) | ExprKind::Or(items) => {
                for item in items {
                    item.node.visit(f);
                }
            }
            ExprKind::Implies(a, b) | ExprKind::Iff(a, b) => {
                a.node.visit(f);
                b.node.visit(f);
            }
            ExprKind::Number(test) => {
                if let Numeric::Score(_, terms) = &test.subject {
                    for term in terms {
                        term.expr.node.visit(f);
                    }
                }
            }
            ExprKind::Known(_)
            | ExprKind::Const(_)
            | ExprKind::Fact(_)
            | ExprKind::Condition(_)
            | ExprKind::Recommendation(_)
            | ExprKind::EnumIn(..)
            | ExprKind::SetContains(..)
            | ExprKind::SetEmpty(_)
            | ExprKind::FactsEqual(..) => {}
        }
    }

    /// The facts this node reads itself (not its children, not through conditions).
    pub fn facts_here(&self) -> Vec<FactId> {
        match self {
            ExprKind::Fact(f)
            | ExprKind::EnumIn(f, _)
            | ExprKind::SetContains(f, _)
            | ExprKind::SetEmpty(f)
            | ExprKind::Known(f) => vec![*f],
            ExprKind::Number(test) => match test.subject {
                Numeric::Fact(f) => vec![f],
                Numeric::Score(..) => Vec::new(),
            },
            ExprKind::FactsEqual(a, b) => vec![*a, *b],
            _ => Vec::new(),
        }
    }

    /// The facts an expression reads directly (not through conditions), sorted.
    pub fn facts(&self) -> Vec<FactId> {
        let mut facts = Vec::new();
        self.visit(&mut |e| facts.extend(e.facts_here()));
        facts.sort();
        facts.dedup();
        facts
    }
}
