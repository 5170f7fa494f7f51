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
    /// Implemented and informational, as a percentage of the total (two decimals).
    pub percent: f64,
    /// Every statement in document order.
    pub sentences: Vec<SentenceCoverage>,
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
    let percent = if total == 0 {
        100.0
    } else {
        ((implemented + informational) as f64 * 10_000.0 / total as f64).round() / 100.0
    };
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
