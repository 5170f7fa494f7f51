//! Findings of `cairn analyse`, each decided over every consistent input, with a stable code
//! under `cairn::analysis::`. A finding about some inputs carries a witness the interpreter has
//! confirmed; its help shows the witness (the facts that decide it and a complete facts JSON).

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::witness::{Count, Witness};

/// A finding of the behavioural analysis of a pathway.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq, Eq)]
pub enum BehaviourFinding {
    /// A recommendation that no consistent input triggers.
    #[error("recommendation `{name}` never applies")]
    #[diagnostic(
        code(cairn::analysis::never_applies),
        help(
            "no input that satisfies the constraints makes `{when}` true; correct its `when` clause or the constraints"
        )
    )]
    NeverApplies {
        /// The recommendation.
        name: String,
        /// Its `when`, rendered.
        when: String,
        /// Its name in the source.
        #[label("never applies")]
        at: SourceSpan,
    },

    /// A recommendation that every consistent input triggers.
    #[error("recommendation `{name}` applies to every consistent input ({})", .count.inputs())]
    #[diagnostic(
        code(cairn::analysis::always_applies),
        severity(Warning),
        help(
            "`{when}` holds whenever the constraints do; if that is meant, write `when true`, otherwise a condition is missing"
        )
    )]
    AlwaysApplies {
        /// The recommendation.
        name: String,
        /// Its `when`, rendered.
        when: String,
        /// How many inputs (all of them).
        count: Count,
        /// Its name in the source.
        #[label("always applies")]
        at: SourceSpan,
    },

    /// Two recommendations that can apply together, which no declaration says is meant.
    #[error("`{first}` and `{second}` can apply together ({}), and nothing declares it", .count.inputs())]
    #[diagnostic(code(cairn::analysis::undeclared_overlap), severity(Warning))]
    UndeclaredOverlap {
        /// The first recommendation in source order.
        first: String,
        /// The second.
        second: String,
        /// How many consistent inputs get both.
        count: Count,
        /// The first's name in the source.
        #[label("applies together with `{second}`")]
        at: SourceSpan,
        /// What to do, and the witness.
        #[help]
        help: String,
        /// An input that gets both, confirmed by the interpreter.
        witness: Box<Witness>,
    },

    /// A "do not" recommendation and what it forbids, applying together.
    #[error("`{rec}` forbids `{forbidden}`, but both apply to {}", .count.inputs())]
    #[diagnostic(code(cairn::analysis::forbidden_together))]
    ForbiddenTogether {
        /// The "do not" recommendation.
        rec: String,
        /// What it forbids.
        forbidden: String,
        /// How many consistent inputs get both.
        count: Count,
        /// The name in the `forbids` clause.
        #[label("forbidden here, yet both apply")]
        at: SourceSpan,
        /// What to do, and the witness.
        #[help]
        help: String,
        /// An input that gets both, confirmed by the interpreter.
        witness: Box<Witness>,
    },

    /// Inputs inside a scope for which no recommendation applies.
    #[error("scope `{scope}` holds {} that no recommendation applies to", .count.inputs())]
    #[diagnostic(code(cairn::analysis::scope_gap), severity(Warning))]
    ScopeGap {
        /// The scope.
        scope: String,
        /// How many consistent inputs.
        count: Count,
        /// The scope's name.
        #[label("some inputs here get an empty plan")]
        at: SourceSpan,
        /// What to do, and the witness.
        #[help]
        help: String,
        /// An input inside the scope with an empty plan, confirmed by the interpreter.
        witness: Box<Witness>,
    },

    /// An assertion that some consistent input breaks.
    #[error("assertion `{name}` fails for {count} of {total} consistent inputs")]
    #[diagnostic(code(cairn::analysis::assert_fails))]
    AssertFails {
        /// The assertion.
        name: String,
        /// How many inputs break it.
        count: Count,
        /// How many consistent inputs there are.
        total: Count,
        /// The assertion's name.
        #[label("does not hold")]
        at: SourceSpan,
        /// The counterexample.
        #[help]
        help: String,
        /// An input that breaks it, confirmed by the interpreter.
        witness: Box<Witness>,
    },

    /// An assertion `a implies b` whose `a` no consistent input satisfies.
    #[error("assertion `{name}` holds only because `{premise}` never does")]
    #[diagnostic(
        code(cairn::analysis::vacuous_assert),
        severity(Warning),
        help(
            "no input that satisfies the constraints makes the left of `implies` true, so the assertion proves nothing; check the premise"
        )
    )]
    VacuousAssert {
        /// The assertion.
        name: String,
        /// The premise, rendered.
        premise: String,
        /// The premise in the source.
        #[label("never true")]
        at: SourceSpan,
    },

    /// A witness the interpreter did not confirm: the finding is withheld, because reporting it
    /// could be wrong.
    #[error("the analysis could not confirm its witness that {claim}")]
    #[diagnostic(
        code(cairn::analysis::unconfirmed_witness),
        help(
            "the interpreter disagrees: {reason}; this is a bug in cairn's symbolic engine, so the finding is withheld rather than reported; please report it with this pathway"
        )
    )]
    UnconfirmedWitness {
        /// What the finding claimed.
        claim: String,
        /// What the interpreter found instead.
        reason: String,
        /// What the finding was about.
        #[label("about this")]
        at: SourceSpan,
    },

    /// A pathway beyond the engine's limits.
    #[error("the pathway is too large to analyse over every input")]
    #[diagnostic(code(cairn::analysis::too_complex), severity(Warning), help("{reason}"))]
    TooComplex {
        /// Why.
        reason: String,
        /// The pathway's name.
        #[label("not analysed")]
        at: SourceSpan,
    },
}

impl BehaviourFinding {
    /// The confirmed witness of a finding about some inputs.
    pub fn witness(&self) -> Option<&Witness> {
        match self {
            BehaviourFinding::UndeclaredOverlap { witness, .. }
            | BehaviourFinding::ForbiddenTogether { witness, .. }
            | BehaviourFinding::ScopeGap { witness, .. }
            | BehaviourFinding::AssertFails { witness, .. } => Some(witness),
            _ => None,
        }
    }

    /// How many consistent inputs the finding is about, when it is about some.
    pub fn count(&self) -> Option<u128> {
        match self {
            BehaviourFinding::AlwaysApplies { count, .. }
            | BehaviourFinding::UndeclaredOverlap { count, .. }
            | BehaviourFinding::ForbiddenTogether { count, .. }
            | BehaviourFinding::ScopeGap { count, .. }
            | BehaviourFinding::AssertFails { count, .. } => Some(count.0),
            _ => None,
        }
    }

    /// Whether the finding is an error (the others are warnings).
    pub fn is_error(&self) -> bool {
        matches!(self.severity().unwrap_or(miette::Severity::Error), miette::Severity::Error)
    }
}
