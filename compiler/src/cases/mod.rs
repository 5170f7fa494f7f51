//! Conformance cases: one TOML file per case, holding facts and what a pathway must do with
//! them. A case is checked against its pathway before it runs ([`check_case`]: every fact,
//! value, recommendation and sentence must exist), then run on an engine and judged
//! ([`run_case`] for the interpreter, [`judge`] for any engine's result), and the results of a
//! suite measure how well the cases exercise the pathway ([`report::test_coverage`]).
//!
//! The library does no IO: the `cairn test` command and the conformance crate read the files.
//! The format is described in `schema.rs` and in `conformance/README.md`.

mod check;
mod error;
pub mod report;
mod run;
mod schema;

use cairn_runtime::{Strength, Timing};

pub use check::check_case;
pub use error::{CaseError, render_human, to_json};
pub use run::{Verdict, diff, judge, run_case};

use crate::guideline::StatementId;

/// A case checked against its pathway, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Its name: the file name without `.toml`.
    pub name: String,
    /// What it checks, in a line.
    pub description: String,
    /// Why the expectation is right.
    pub rationale: String,
    /// The guideline sentences it says it checks.
    pub checks: Vec<Sentence>,
    /// The facts as JSON text, the engines' input.
    pub facts_json: String,
    /// What must happen.
    pub expect: Expect,
}

/// A guideline sentence named in a case, resolved to its statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The statement.
    pub id: StatementId,
    /// The sentence as the case wrote it (a quote, a prefix or the id).
    pub written: String,
}

/// What a case expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// A plan, of which these things hold.
    Plan(PlanExpect),
    /// That the facts are refused.
    Refused(RefusalExpect),
}

/// Expectations about a plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanExpect {
    /// The whole list of recommendation ids, in order.
    pub exactly: Option<Vec<String>>,
    /// Ids that must be in the plan.
    pub includes: Vec<String>,
    /// Ids that must not be in the plan.
    pub excludes: Vec<String>,
    /// Justifications.
    pub why: Vec<WhyExpect>,
    /// Fields of recommendations.
    pub details: Vec<DetailsExpect>,
}

/// The sentences that must, or must not, justify a recommendation: its own citations and the
/// citations of the reasons in its `why`.
#[derive(Debug, Clone, PartialEq)]
pub struct WhyExpect {
    /// The recommendation.
    pub recommendation: String,
    /// Sentences that must be among them.
    pub sentences: Vec<Sentence>,
    /// Sentences that must not be among them.
    pub not_sentences: Vec<Sentence>,
    /// The conditions of its reasons, exactly and in order.
    pub conditions: Option<Vec<String>>,
}

/// Fields a recommendation in the plan must have. `Some(None)` expects the field absent.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailsExpect {
    /// The recommendation.
    pub recommendation: String,
    /// Its strength.
    pub strength: Option<Strength>,
    /// Its timing, or none.
    pub timing: Option<Option<Timing>>,
    /// Its dose as displayed, or none.
    pub dose: Option<Option<String>>,
    /// Its display text.
    pub text: Option<String>,
    /// Its cross-references' ids, in order.
    pub see: Option<Vec<String>>,
}

/// How the facts must be refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalExpect {
    /// As not fitting the pathway's facts.
    Invalid {
        /// Text the message must contain.
        message_contains: Option<String>,
    },
    /// As breaking a constraint.
    Inconsistent {
        /// The constraint that must be reported.
        constraint: Option<String>,
        /// Text the message must contain.
        message_contains: Option<String>,
    },
}

impl Case {
    /// What the case rests on, for the impact of a guideline revision: the statements it names
    /// and the recommendations it expects anything of.
    pub fn rests_on(&self) -> crate::analysis::revision::CaseRefs {
        let mut statements: Vec<StatementId> = self.checks.iter().map(|s| s.id.clone()).collect();
        let mut recommendations = Vec::new();
        if let Expect::Plan(plan) = &self.expect {
            recommendations.extend(plan.exactly.iter().flatten().cloned());
            recommendations.extend(plan.includes.iter().cloned());
            recommendations.extend(plan.excludes.iter().cloned());
            recommendations.extend(plan.details.iter().map(|d| d.recommendation.clone()));
            for why in &plan.why {
                recommendations.push(why.recommendation.clone());
                statements
                    .extend(why.sentences.iter().chain(&why.not_sentences).map(|s| s.id.clone()));
            }
        }
        crate::analysis::revision::CaseRefs { name: self.name.clone(), statements, recommendations }
    }

    /// Whether the case expects the facts to be refused.
    pub fn expects_refusal(&self) -> bool {
        matches!(self.expect, Expect::Refused(_))
    }
}
