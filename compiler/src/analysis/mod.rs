//! The analyses: read-only passes over a checked pathway, one per file, each with one entry
//! point and stable finding codes. They never change the IR.

pub mod behaviour;
pub mod coverage;
pub mod enumerate;
pub mod error;
pub mod numbers;
pub mod revision;
pub mod satisfiable;
pub mod strength;
pub mod symbolic;
pub mod unused;

pub use behaviour::{BehaviourFinding, BehaviourReport};
pub use coverage::{CoverageReport, Resting, SentenceCoverage, Status, resting_on};
pub use error::Finding;

use crate::ir::Pathway;

/// What the analyses found about a pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Guideline coverage.
    pub coverage: CoverageReport,
    /// Findings in a fixed order: unsatisfiable constraints, unused items, strength lints,
    /// uncovered statements, then the errors of the behavioural analysis.
    pub findings: Vec<Finding>,
    /// What the pathway does over every consistent input: assertions, overlaps, scopes, and
    /// every finding of `cairn analyse` (warnings too).
    pub behaviour: BehaviourReport,
}

/// Runs every analysis.
pub fn analyse(pathway: &Pathway) -> Analysis {
    let coverage = coverage::coverage(pathway);
    let mut findings = satisfiable::unsatisfiable(pathway);
    findings.extend(unused::unused(pathway));
    findings.extend(numbers::out_of_range(pathway));
    findings.extend(strength::strength_mismatches(pathway));
    findings.extend(coverage::uncovered(pathway, &coverage));
    let behaviour = behaviour::behaviour(pathway);
    findings.extend(behaviour.errors().cloned().map(Finding::Behaviour));
    Analysis { coverage, findings, behaviour }
}
