//! Analysis: guideline coverage. Every statement of the guideline is implemented (cited by a
//! recommendation, or by a condition or cross-reference that a recommendation uses),
//! informational (declared, with a reason), or uncovered.

use std::collections::HashMap;

use serde::Serialize;

use super::error::Finding;
use crate::guideline::StatementId;
use crate::ir::Pathway;
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
    let index = Citers::new(pathway);
    let mut sentences = Vec::with_capacity(pathway.guideline.statements.len());
    for statement in &pathway.guideline.statements {
        let id = &statement.id;
        let by = index.direct(pathway, id);
        let recommendations = index.implementing(pathway, id);
        let informational = index.informational.get(id).and_then(|&i| pathway.informational.get(i));
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

/// What rests on one statement: the items whose logic a change of its text may invalidate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Resting {
    /// Recommendations implementing it, directly or through a condition or cross-reference.
    pub recommendations: Vec<String>,
    /// Conditions citing it.
    pub conditions: Vec<String>,
    /// Cross-references citing it.
    pub xrefs: Vec<String>,
    /// Whether it is declared informational.
    pub informational: bool,
}

impl Resting {
    /// In words: "recommendations `a`, `b`; condition `c`", or "nothing" for an uncovered
    /// statement.
    pub fn describe(&self) -> String {
        let list = |one: &str, many: &str, names: &[String]| match names {
            [] => None,
            [name] => Some(format!("{one} `{name}`")),
            names => Some(format!(
                "{many} {}",
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            )),
        };
        let parts: Vec<String> = [
            list("recommendation", "recommendations", &self.recommendations),
            list("condition", "conditions", &self.conditions),
            list("cross-reference", "cross-references", &self.xrefs),
            self.informational.then(|| "its informational declaration".to_string()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() { "nothing".to_string() } else { parts.join("; ") }
    }
}

/// What rests on the statement `id`, from the pathway and its coverage report.
pub fn resting_on(pathway: &Pathway, report: &CoverageReport, id: &StatementId) -> Resting {
    let cites = |citations: &[crate::ir::Citation]| citations.iter().any(|c| &c.statement == id);
    Resting {
        recommendations: report
            .sentences
            .iter()
            .find(|s| s.id == id.as_str())
            .map(|s| s.recommendations.clone())
            .unwrap_or_default(),
        conditions: pathway
            .conditions
            .iter()
            .filter(|c| cites(&c.citations))
            .map(|c| c.name.node.clone())
            .collect(),
        xrefs: pathway
            .xrefs
            .iter()
            .filter(|x| cites(&x.citations))
            .map(|x| x.name.node.clone())
            .collect(),
        informational: pathway.informational.iter().any(|i| &i.citation.statement == id),
    }
}

/// Who cites each statement, built in one pass over the pathway so that coverage is linear in
/// its size (asking every item about every statement was quadratic: 3 s at 10,000
/// statements). Every list holds item indices in declaration order, each item once.
struct Citers<'p> {
    /// Recommendations, conditions and cross-references citing the statement directly.
    direct: HashMap<&'p StatementId, [Vec<usize>; 3]>,
    /// Recommendations implementing the statement, directly or through what they use.
    implementing: HashMap<&'p StatementId, Vec<usize>>,
    /// The first informational declaration of the statement.
    informational: HashMap<&'p StatementId, usize>,
}

impl<'p> Citers<'p> {
    fn new(pathway: &'p Pathway) -> Self {
        let mut direct: HashMap<&StatementId, [Vec<usize>; 3]> = HashMap::new();
        let kinds = [
            pathway.recommendations.iter().map(|r| r.citations.as_slice()).collect::<Vec<_>>(),
            pathway.conditions.iter().map(|c| c.citations.as_slice()).collect(),
            pathway.xrefs.iter().map(|x| x.citations.as_slice()).collect(),
        ];
        for (kind, items) in kinds.iter().enumerate() {
            for (item, citations) in items.iter().enumerate() {
                for citation in *citations {
                    push_once(&mut direct.entry(&citation.statement).or_default()[kind], item);
                }
            }
        }
        let mut implementing: HashMap<&StatementId, Vec<usize>> = HashMap::new();
        for (index, rec) in pathway.recommendations.iter().enumerate() {
            let used = pathway.conditions_used(&rec.when);
            let citations = rec
                .citations
                .iter()
                .chain(used.iter().flat_map(|c| &pathway.condition(*c).citations))
                .chain(rec.see.iter().flat_map(|x| &pathway.xref(*x).citations));
            for citation in citations {
                push_once(implementing.entry(&citation.statement).or_default(), index);
            }
        }
        let mut informational = HashMap::new();
        for (index, info) in pathway.informational.iter().enumerate() {
            informational.entry(&info.citation.statement).or_insert(index);
        }
        Citers { direct, implementing, informational }
    }

    fn direct(&self, pathway: &Pathway, id: &StatementId) -> Vec<String> {
        let Some([recs, conditions, xrefs]) = self.direct.get(id) else {
            return Vec::new();
        };
        let recs = recs.iter().filter_map(|&i| pathway.recommendations.get(i)).map(|r| &r.name);
        let conditions =
            conditions.iter().filter_map(|&i| pathway.conditions.get(i)).map(|c| &c.name);
        let xrefs = xrefs.iter().filter_map(|&i| pathway.xrefs.get(i)).map(|x| &x.name);
        recs.chain(conditions).chain(xrefs).map(|name| name.node.clone()).collect()
    }

    fn implementing(&self, pathway: &Pathway, id: &StatementId) -> Vec<String> {
        self.implementing
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&i| pathway.recommendations.get(i))
            .map(|rec| rec.name.node.clone())
            .collect()
    }
}

/// Appends `item` unless it is already the last: items are visited in order, so an item's
/// repeated citations of one statement are adjacent.
fn push_once(list: &mut Vec<usize>, item: usize) {
    if list.last() != Some(&item) {
        list.push(item);
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
