//! Findings of the analyses: warnings about unused items and disagreeing strengths, and errors
//! for constraints no input can satisfy. Each has a stable code.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::behaviour::BehaviourFinding;

/// A finding of an analysis of a checked pathway.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq, Eq)]
pub enum Finding {
    /// A numeric test that no value in the declared range passes (or that every value does).
    #[error("`{test}` is {verdict} within the range of `{subject}`, {range}")]
    #[diagnostic(code(cairn::analysis::number_out_of_range), severity(Warning), help("{help}"))]
    NumberOutOfRange {
        /// The test, as written.
        test: String,
        /// "never true" or "always true".
        verdict: &'static str,
        /// The fact or score tested.
        subject: String,
        /// Its range in words: "0 to 130".
        range: String,
        /// How to fix it.
        help: String,
        /// The test.
        #[label("{verdict}")]
        at: SourceSpan,
    },

    /// A fact that nothing reads.
    #[error("fact `{name}` is never used")]
    #[diagnostic(
        code(cairn::analysis::unused_fact),
        severity(Warning),
        help("use it in a condition, constraint or recommendation, or remove it")
    )]
    UnusedFact {
        /// The fact.
        name: String,
        /// Where it is declared.
        #[label("declared here")]
        at: SourceSpan,
    },

    /// A condition that no recommendation, condition or constraint uses.
    #[error("condition `{name}` is never used")]
    #[diagnostic(
        code(cairn::analysis::unused_condition),
        severity(Warning),
        help(
            "use it in a `when` clause or another condition, or remove it; the sentences it cites count as covered only through a recommendation"
        )
    )]
    UnusedCondition {
        /// The condition.
        name: String,
        /// Where it is declared.
        #[label("declared here")]
        at: SourceSpan,
    },

    /// An enum that no fact has as its type.
    #[error("enum `{name}` is never used")]
    #[diagnostic(
        code(cairn::analysis::unused_enum),
        severity(Warning),
        help("give a fact this type, or remove it")
    )]
    UnusedEnum {
        /// The enum.
        name: String,
        /// Where it is declared.
        #[label("declared here")]
        at: SourceSpan,
    },

    /// A cross-reference that no recommendation carries.
    #[error("cross-reference `{name}` is never used")]
    #[diagnostic(
        code(cairn::analysis::unused_xref),
        severity(Warning),
        help("add `see {name}` to a recommendation, or remove it")
    )]
    UnusedXRef {
        /// The cross-reference.
        name: String,
        /// Where it is declared.
        #[label("declared here")]
        at: SourceSpan,
    },

    /// A constraint that no input satisfies, so every input would be refused.
    #[error("no input can satisfy constraint `{name}`")]
    #[diagnostic(
        code(cairn::analysis::unsatisfiable_constraint),
        help(
            "every set of facts would be refused as inconsistent; the constraint contradicts itself"
        )
    )]
    UnsatisfiableConstraint {
        /// The constraint.
        name: String,
        /// Where it is declared.
        #[label("always false")]
        at: SourceSpan,
    },

    /// Constraints that are satisfiable one by one but not together.
    #[error("no input can satisfy all the constraints together")]
    #[diagnostic(
        code(cairn::analysis::contradictory_constraints),
        help("each constraint can hold alone, but together they refuse every input: {names}")
    )]
    ContradictoryConstraints {
        /// The constraints.
        names: String,
        /// The last of them.
        #[label("together with the others, always false")]
        at: SourceSpan,
    },

    /// A strength that disagrees with the verb of the sentence it implements.
    #[error("`{id}` is `{strength}`, but the sentence it cites says `{verb}`")]
    #[diagnostic(
        code(cairn::analysis::strength_mismatch),
        severity(Warning),
        help(
            "the sentence reads: \"{sentence}\"; NICE's verbs carry the strength of a recommendation, so match it (`{verb}`) or cite another sentence"
        )
    )]
    StrengthMismatch {
        /// The recommendation.
        id: String,
        /// Its strength.
        strength: String,
        /// The strength the sentence's verb implies.
        verb: String,
        /// The sentence.
        sentence: String,
        /// The strength in the source.
        #[label(primary, "strength here")]
        at: SourceSpan,
        /// The citation.
        #[label("cites this sentence")]
        cited: SourceSpan,
    },

    /// A statement of the guideline that nothing accounts for.
    #[error("statement {id} is not accounted for: \"{text}\"")]
    #[diagnostic(
        code(cairn::analysis::uncovered),
        severity(Warning),
        help(
            "cite it from the recommendation or condition that implements it, or declare it `informational \"...\" because \"...\"`"
        )
    )]
    Uncovered {
        /// The statement id.
        id: String,
        /// Its text.
        text: String,
        /// Where it is in the guideline.
        #[label("in the guideline")]
        at: SourceSpan,
    },

    /// An error of the behavioural analysis (`cairn analyse`), which `cairn check` reports too.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Behaviour(#[from] BehaviourFinding),
}
