//! Analysis: the impact of a new revision of the guideline, before it is adopted. The
//! pathway's guideline and the new text are compared statement by statement: statements only
//! in the new text are added, statements only in the old one removed, and a removed and an
//! added statement similar enough to be one sentence reworded are paired as changed. Each
//! comes with what rests on it (recommendations, conditions, cross-references, an
//! informational declaration) and the conformance cases that name it or expect one of those
//! recommendations. `cairn revise` renders it; cited statements that changed or vanished fail.

use std::collections::BTreeMap;

use serde::Serialize;

use super::coverage::{CoverageReport, Resting, Status, resting_on};
use crate::guideline::{Guideline, SIMILAR_ENOUGH, Statement, StatementId};
use crate::ir::Pathway;
use crate::text::word_diff;

/// What a conformance case rests on, as the revision needs it: the statements it names (in
/// `checks` or a `why`) and the recommendations it expects anything of. The case runner builds
/// it (`Case::rests_on`), so this analysis does not depend on case files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseRefs {
    /// The case's name.
    pub name: String,
    /// The statements it names.
    pub statements: Vec<StatementId>,
    /// The recommendations it expects something of (included, excluded, listed, explained,
    /// detailed).
    pub recommendations: Vec<String>,
}

/// How a statement differs between the two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in the new text.
    Added,
    /// Only in the old text.
    Removed,
    /// Reworded: an old statement and its nearest new one.
    Changed,
}

/// A statement in one revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// Its id in that revision.
    pub id: String,
    /// Its line in that revision's text.
    pub line: usize,
    /// Its text.
    pub text: String,
}

impl From<&Statement> for Side {
    fn from(statement: &Statement) -> Self {
        Side { id: statement.id.to_string(), line: statement.line, text: statement.text.clone() }
    }
}

/// One statement added, removed or changed, and what rests on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementChange {
    /// How it differs.
    pub change: Change,
    /// The statement in the pathway's guideline (not for an added one).
    pub old: Option<Side>,
    /// The statement in the new text (not for a removed one).
    pub new: Option<Side>,
    /// For a changed statement, old against new, word by word (`[-old-]{+new+}`).
    pub diff: Option<String>,
    /// How the pathway accounts for the old statement (`uncovered` for an added one).
    pub status: Status,
    /// What rests on the old statement.
    pub resting: Resting,
    /// The conformance cases that rest on it, by name.
    pub cases: Vec<String>,
}

impl StatementChange {
    /// Whether the pathway cites the statement (or declares it informational): a change the
    /// pathway's author must review.
    pub fn cited(&self) -> bool {
        self.status != Status::Uncovered
    }
}

/// The impact of a new revision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionReport {
    /// The pathway's name.
    pub pathway: String,
    /// The guideline the pathway names.
    pub old_guideline: String,
    /// The new text, as given.
    pub new_guideline: String,
    /// Statements in the same words in both.
    pub unchanged: usize,
    /// How many changes the pathway cites: the revision cannot be adopted without review.
    pub cited_changes: usize,
    /// Every change: the changed and removed statements in the old text's order, then the
    /// added ones in the new text's order.
    pub changes: Vec<StatementChange>,
}

/// Compares the pathway's guideline with `new` (segmented); `cases` are the pathway's
/// conformance cases.
pub fn revision(
    pathway: &Pathway,
    coverage: &CoverageReport,
    new: &Guideline,
    new_path: &str,
    cases: &[CaseRefs],
) -> RevisionReport {
    let old = &pathway.guideline;
    // Statements are matched by text, each text as many times as it occurs.
    let mut new_by_text: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, statement) in new.statements.iter().enumerate().rev() {
        new_by_text.entry(statement.text.as_str()).or_default().push(i);
    }
    let mut new_matched = vec![false; new.statements.len()];
    let mut removed: Vec<usize> = Vec::new();
    let mut unchanged = 0;
    for (i, statement) in old.statements.iter().enumerate() {
        match new_by_text.get_mut(statement.text.as_str()).and_then(Vec::pop) {
            Some(j) => {
                unchanged += 1;
                if let Some(m) = new_matched.get_mut(j) {
                    *m = true;
                }
            }
            None => removed.push(i),
        }
    }
    let added: Vec<usize> = (0..new.statements.len()).filter(|&j| !new_matched[j]).collect();
    // Pair removed and added statements, most similar first.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &removed {
        for &j in &added {
            let score =
                strsim::normalized_levenshtein(&old.statements[i].text, &new.statements[j].text);
            if score >= SIMILAR_ENOUGH {
                pairs.push((score, i, j));
            }
        }
    }
    // Highest score first; ties in document order, so the pairing is deterministic.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut old_pair: BTreeMap<usize, usize> = BTreeMap::new();
    let mut new_paired = vec![false; new.statements.len()];
    for (_, i, j) in pairs {
        if !old_pair.contains_key(&i) && !new_paired[j] {
            old_pair.insert(i, j);
            new_paired[j] = true;
        }
    }

    let impact = |statement: &Statement| {
        let resting = resting_on(pathway, coverage, &statement.id);
        let status = coverage
            .sentences
            .iter()
            .find(|s| s.id == statement.id.as_str())
            .map_or(Status::Uncovered, |s| s.status);
        let cases = cases_resting(cases, statement, &resting);
        (status, resting, cases)
    };
    let mut changes = Vec::new();
    for &i in &removed {
        let statement = &old.statements[i];
        let (status, resting, cases) = impact(statement);
        let new_side = old_pair.get(&i).map(|&j| &new.statements[j]);
        changes.push(StatementChange {
            change: if new_side.is_some() { Change::Changed } else { Change::Removed },
            old: Some(statement.into()),
            new: new_side.map(Side::from),
            diff: new_side.map(|n| word_diff(&statement.text, &n.text)),
            status,
            resting,
            cases,
        });
    }
    for &j in added.iter().filter(|&&j| !new_paired[j]) {
        changes.push(StatementChange {
            change: Change::Added,
            old: None,
            new: Some((&new.statements[j]).into()),
            diff: None,
            status: Status::Uncovered,
            resting: Resting::default(),
            cases: Vec::new(),
        });
    }
    RevisionReport {
        pathway: pathway.name.node.clone(),
        old_guideline: pathway.guideline_path.clone(),
        new_guideline: new_path.to_string(),
        unchanged,
        cited_changes: changes.iter().filter(|c| c.cited()).count(),
        changes,
    }
}

/// The cases that name the statement or expect something of a recommendation resting on it.
fn cases_resting(cases: &[CaseRefs], statement: &Statement, resting: &Resting) -> Vec<String> {
    cases
        .iter()
        .filter(|case| {
            case.statements.contains(&statement.id)
                || case.recommendations.iter().any(|r| resting.recommendations.contains(r))
        })
        .map(|case| case.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile_source;
    use crate::guideline::segment;

    const GUIDELINE: &str =
        "Offer tea to every visitor who asks\n\nOffer cake on birthdays\n\nThis is a summary \n";
    const PATHWAY: &str = r#"pathway p {
  title "T"
  guideline "g.txt"
}
fact birthday: bool "Birthday"
condition celebrating "a birthday": birthday cites "Offer cake on birthdays"
recommend tea: offer "Offer tea" when true cites "Offer tea to every visitor who asks"
recommend cake: offer "Offer cake" when celebrating
informational "This is a summary..." because "the footer"
"#;

    #[test]
    fn added_removed_and_changed_with_what_rests_on_them() {
        let compilation = compile_source("p.pathway", PATHWAY, GUIDELINE);
        let (pathway, analysis) = compilation.checked().expect("checks");
        let new = segment(
            "Offer tea to every visitor who asks for it\n\nThis is a summary \n\nOffer coffee to the tired\n",
        )
        .unwrap();
        let report = revision(pathway, &analysis.coverage, &new, "new.txt", &[]);
        assert_eq!(report.unchanged, 1);
        assert_eq!(report.cited_changes, 2);
        let kinds: Vec<Change> = report.changes.iter().map(|c| c.change).collect();
        assert_eq!(kinds, [Change::Changed, Change::Removed, Change::Added]);
        let tea = &report.changes[0];
        assert_eq!(tea.diff.as_deref(), Some("Offer tea to every visitor who asks {+for it+}"));
        assert_eq!(tea.resting.recommendations, ["tea"]);
        let cake = &report.changes[1];
        assert_eq!(cake.resting.conditions, ["celebrating"]);
        assert_eq!(cake.resting.recommendations, ["cake"]);
        assert!(cake.new.is_none());
        let coffee = &report.changes[2];
        assert_eq!(coffee.new.as_ref().map(|s| s.line), Some(5));
        assert!(!coffee.cited());
    }
}
