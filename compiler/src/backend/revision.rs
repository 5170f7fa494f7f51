//! Renderings of a revision report (`cairn revise`) for people: a terminal summary and
//! Markdown for a pull-request comment. (The JSON rendering is the report's own serde form.)
//! Every statement changed, removed or added, with the word diff and what rests on it.

use std::fmt::Write as _;

use super::escape::{code_span, markdown_inline};
use crate::analysis::revision::{Change, RevisionReport, StatementChange};
use crate::analysis::{Resting, Status};
use crate::text::{WordRun, for_terminal, word_runs};

/// The heading line of a change: how, and where in each revision.
fn heading(change: &StatementChange) -> String {
    let at = |side: &Option<crate::analysis::revision::Side>| {
        side.as_ref().map(|s| format!("{} (line {})", s.id, s.line))
    };
    match change.change {
        Change::Changed => format!(
            "changed: {} -> {}",
            at(&change.old).unwrap_or_default(),
            at(&change.new).unwrap_or_default()
        ),
        Change::Removed => format!("removed: {}", at(&change.old).unwrap_or_default()),
        Change::Added => format!("added: {}", at(&change.new).unwrap_or_default()),
    }
}

/// What rests on a statement, in words, with the cases.
fn resting_words(change: &StatementChange) -> String {
    let mut out = match change.status {
        Status::Uncovered if change.change == Change::Added => {
            "nothing yet: cite it or declare it informational".to_string()
        }
        Status::Uncovered => "nothing (it was not accounted for)".to_string(),
        _ => change.resting.describe(),
    };
    if !change.cases.is_empty() {
        let _ = write!(
            out,
            "; {} case{}: {}",
            change.cases.len(),
            if change.cases.len() == 1 { "" } else { "s" },
            change.cases.join(", ")
        );
    }
    out
}

/// The one-line verdict.
fn verdict(report: &RevisionReport) -> String {
    let count = |kind| report.changes.iter().filter(|c| c.change == kind).count();
    format!(
        "{} changed, {} removed, {} added, {} unchanged; {} of them cited by the pathway",
        count(Change::Changed),
        count(Change::Removed),
        count(Change::Added),
        report.unchanged,
        report.cited_changes
    )
}

/// The report for the terminal.
pub fn to_text(report: &RevisionReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "revision of `{}` for pathway `{}`: `{}`",
        for_terminal(&report.old_guideline),
        for_terminal(&report.pathway),
        for_terminal(&report.new_guideline)
    );
    let _ = writeln!(out, "  {}", verdict(report));
    for change in &report.changes {
        let _ =
            writeln!(out, "\n{}{}", if change.cited() { "CITED " } else { "" }, heading(change));
        match (&change.diff, &change.old, &change.new) {
            (Some(diff), _, _) => {
                let _ = writeln!(out, "  {}", for_terminal(diff));
            }
            (None, Some(side), _) | (None, None, Some(side)) => {
                let _ = writeln!(out, "  {}", for_terminal(&side.text));
            }
            (None, None, None) => {}
        }
        let _ = writeln!(out, "  rests on it: {}", for_terminal(&resting_words(change)));
    }
    out
}

/// The report as Markdown, for a pull-request comment.
pub fn to_markdown(report: &RevisionReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Guideline revision: {} for pathway {}\n",
        code_span(&report.new_guideline),
        code_span(&report.pathway)
    );
    let _ = writeln!(out, "Against {}: {}.\n", code_span(&report.old_guideline), verdict(report));
    if report.cited_changes > 0 {
        let _ = writeln!(
            out,
            "**{} change{} rest{} under the pathway: review the logic against the new text before adopting it.**\n",
            report.cited_changes,
            if report.cited_changes == 1 { "" } else { "s" },
            if report.cited_changes == 1 { "s" } else { "" },
        );
    }
    for change in &report.changes {
        let _ = writeln!(
            out,
            "### {}{}\n",
            if change.cited() { "Cited, " } else { "" },
            heading(change)
        );
        match (&change.old, &change.new) {
            (Some(old), Some(new)) => {
                let _ = writeln!(out, "{}\n", markdown_diff(&old.text, &new.text));
            }
            (Some(side), None) | (None, Some(side)) => {
                let _ = writeln!(out, "> {}\n", markdown_inline(&side.text));
            }
            (None, None) => {}
        }
        let _ = writeln!(out, "Rests on it: {}\n", markdown_resting(change));
    }
    out
}

/// A word diff in Markdown: removed words struck through, added ones in bold.
fn markdown_diff(old: &str, new: &str) -> String {
    let runs: Vec<String> = word_runs(old, new)
        .into_iter()
        .map(|(kind, words)| match kind {
            WordRun::Same => markdown_inline(&words),
            WordRun::Removed => format!("~~{}~~", markdown_inline(&words)),
            WordRun::Added => format!("**{}**", markdown_inline(&words)),
        })
        .collect();
    format!("> {}", runs.join(" "))
}

/// What rests on a statement, names as code.
fn markdown_resting(change: &StatementChange) -> String {
    let Resting { recommendations, conditions, xrefs, informational } = &change.resting;
    let names = |kind: &str, list: &[String]| {
        (!list.is_empty()).then(|| {
            format!("{kind} {}", list.iter().map(|n| code_span(n)).collect::<Vec<_>>().join(", "))
        })
    };
    let mut parts: Vec<String> = [
        names("recommendations", recommendations),
        names("conditions", conditions),
        names("cross-references", xrefs),
        informational.then(|| "its informational declaration".to_string()),
        names("cases", &change.cases),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        parts.push(match change.change {
            Change::Added => "nothing yet: cite it or declare it informational".to_string(),
            _ => "nothing".to_string(),
        });
    }
    parts.join("; ")
}
