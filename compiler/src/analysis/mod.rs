//! The analyses: read-only passes over a checked pathway, one per file, each with one entry
//! point and stable finding codes. They never change the IR.

pub mod coverage;
pub mod error;
pub mod satisfiable;
pub mod strength;
pub mod unused;

pub use coverage::{CoverageReport, SentenceCoverage, Status};
pub use error::Finding;

use crate::sema::ir::Pathway;

/// What the analyses found about a pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Guideline coverage.
    pub coverage: CoverageReport,
    /// Findings in a fixed order: unsatisfiable constraints, unused items, strength lints,
    /// uncovered statements.
    pub findings: Vec<Finding>,
}

/// Runs every analysis.
pub fn analyse(pathway: &Pathway) -> Analysis {
    let coverage = coverage::coverage(pathway);
    let mut findings = satisfiable::unsatisfiable(pathway);
    findings.extend(unused::unused(pathway));
    findings.extend(strength::strength_mismatches(pathway));
    findings.extend(coverage::uncovered(pathway, &coverage));
    Analysis { coverage, findings }
}
