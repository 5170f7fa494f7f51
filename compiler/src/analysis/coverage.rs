//! Analysis: guideline coverage. Every statement of the guideline is implemented (cited by a
//! recommendation, or by a condition or cross-reference that a recommendation uses),
//! informational (declared, with a reason), or uncovered.

use serde::Serialize;

use super::error::Finding;
use crate::guideline::StatementId;
use crate::sema::ir::{Citation, Pathway};
use crate::span::Span;

/// How a statement is accounted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A recommendation implements it.
    Implemented,
    /// Declared to carry no logic.
    Informational,
    /// Nothing accounts for it.
    Uncovered,
}

impl Status {
    /// The status as a word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::Informational => "informational",
            Status::Uncovered => "uncovered",
        }
    }
}

/// One statement's coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceCoverage {
    /// The statement's stable id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its line in the guideline text.
    pub line: usize,
    /// How it is accounted for.
    pub status: Status,
    /// The items that cite it directly (recommendations, conditions, cross-references).
    pub by: Vec<String>,
    /// The recommendations that implement it, directly or through what they use.
    pub recommendations: Vec<String>,
    /// Why it is informational.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The coverage of a whole guideline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageReport {
    /// The pathway's name.
    pub pathway: String,
    /// The path of the guideline text, as named in the header.
    pub guideline: String,
    /// How many statements.
    pub total: usize,
    /// How many are implemented.
    pub implemented: usize,
    /// How many are informational.
    pub informational: usize,
    /// How many are uncovered.
    pub uncovered: usize,
    /// Implemented and informational, as a percentage of the total, rounded down to two
    /// decimals (100 for a guideline without statements).
    pub percent: f64,
    /// Every statement in document order.
    pub sentences: Vec<SentenceCoverage>,
}

impl CoverageReport {
    /// Whether at least `threshold` percent of the statements are accounted for, compared
    /// exactly rather than through the rounded [`CoverageReport::percent`].
    pub fn meets(&self, threshold: f64) -> bool {
        let accounted = (self.implemented + self.informational) as f64;
        self.total == 0 || accounted * 100.0 >= threshold * self.total as f64
    }
}

/// Computes the coverage of the pathway's guideline.
pub fn coverage(pathway: &Pathway) -> CoverageReport {
    let mut sentences = Vec::with_capacity(pathway.guideline.statements.len());
    for statement in &pathway.guideline.statements {
        let id = &statement.id;
        let by = direct_citers(pathway, id);
        let recommendations = implementing_recommendations(pathway, id);
        let informational = pathway.informational.iter().find(|i| i.citation.statement == *id);
        let status = if !recommendations.is_empty() {
            Status::Implemented
        } else if informational.is_some() {
            Status::Informational
        } else {
            Status::Uncovered
        };
        sentences.push(SentenceCoverage {
            id: id.to_string(),
            text: statement.text.clone(),
            line: statement.line,
            status,
            by,
            recommendations,
            reason: informational.map(|i| i.reason.clone()),
        });
    }
    let count = |status| sentences.iter().filter(|s| s.status == status).count();
    let (implemented, informational, uncovered) =
        (count(Status::Implemented), count(Status::Informational), count(Status::Uncovered));
    let total = sentences.len();
    let percent = percent(implemented + informational, total);
    CoverageReport {
        pathway: pathway.name.node.clone(),
        guideline: pathway.guideline_path.clone(),
        total,
        implemented,
        informational,
        uncovered,
        percent,
        sentences,
    }
}

/// `part` of `total` as a percentage rounded down to two decimals, in integers: a report must
/// never say 100.00% while a statement is uncovered (1 of 20,000 would round up to it).
fn percent(part: usize, total: usize) -> f64 {
    match part.saturating_mul(10_000).checked_div(total) {
        Some(hundredths) => hundredths as f64 / 100.0,
        None => 100.0,
    }
}

fn cites(citations: &[Citation], id: &StatementId) -> bool {
    citations.iter().any(|c| c.statement == *id)
}

fn direct_citers(pathway: &Pathway, id: &StatementId) -> Vec<String> {
    let recs = pathway.recommendations.iter().filter(|r| cites(&r.citations, id)).map(|r| &r.name);
    let conditions = pathway.conditions.iter().filter(|c| cites(&c.citations, id)).map(|c| &c.name);
    let xrefs = pathway.xrefs.iter().filter(|x| cites(&x.citations, id)).map(|x| &x.name);
    recs.chain(conditions).chain(xrefs).map(|name| name.node.clone()).collect()
}

/// Recommendations that cite the statement, use a condition that cites it, or carry a
/// cross-reference that cites it.
fn implementing_recommendations(pathway: &Pathway, id: &StatementId) -> Vec<String> {
    pathway
        .recommendations
        .iter()
        .filter(|rec| {
            cites(&rec.citations, id)
                || pathway
                    .conditions_used(&rec.when)
                    .into_iter()
                    .any(|c| cites(&pathway.condition(c).citations, id))
                || rec.see.iter().any(|x| cites(&pathway.xref(*x).citations, id))
        })
        .map(|rec| rec.name.node.clone())
        .collect()
}

/// A warning for each uncovered statement, pointing into the guideline text.
pub fn uncovered(pathway: &Pathway, report: &CoverageReport) -> Vec<Finding> {
    report
        .sentences
        .iter()
        .zip(&pathway.guideline.statements)
        .filter(|(s, _)| s.status == Status::Uncovered)
        .map(|(s, statement)| Finding::Uncovered {
            id: s.id.clone(),
            text: s.text.clone(),
            at: Span::from(statement.span.clone()).into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(implemented: usize, informational: usize, uncovered: usize) -> CoverageReport {
        let total = implemented + informational + uncovered;
        CoverageReport {
            pathway: "p".into(),
            guideline: "g.txt".into(),
            total,
            implemented,
            informational,
            uncovered,
            percent: percent(implemented + informational, total),
            sentences: Vec::new(),
        }
    }

    #[test]
    fn percent_rounds_down_so_only_full_coverage_is_100() {
        assert_eq!(percent(0, 0), 100.0);
        assert_eq!(percent(42, 42), 100.0);
        assert_eq!(percent(41, 42), 97.61);
        assert_eq!(percent(1, 3), 33.33);
        assert_eq!(percent(2, 3), 66.66);
        assert_eq!(percent(19_999, 20_000), 99.99);
    }

    #[test]
    fn meets_compares_exact_counts() {
        assert!(report(40, 2, 0).meets(100.0));
        assert!(!report(19_998, 1, 1).meets(100.0));
        assert!(report(19_998, 1, 1).meets(99.995), "99.995% exactly, though shown as 99.99");
        assert!(report(1, 0, 2).meets(100.0 / 3.0 - 1e-9));
        assert!(!report(1, 0, 2).meets(33.34));
        assert!(report(0, 0, 0).meets(100.0));
        assert!(report(0, 0, 1).meets(0.0));
    }
}
