//! Renderings of a coverage report for people: a terminal table and a Markdown table. (The JSON
//! rendering is the report's own serde form.)

use std::fmt::Write as _;

use super::escape::markdown_inline;
use crate::analysis::{CoverageReport, Status};

/// The report as a terminal table.
pub fn to_text(report: &CoverageReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "coverage of `{}` by pathway `{}`: {} of {} statements accounted for ({:.2}%)",
        report.guideline,
        report.pathway,
        report.implemented + report.informational,
        report.total,
        report.percent
    );
    let _ = writeln!(
        out,
        "  implemented {}, informational {}, uncovered {}\n",
        report.implemented, report.informational, report.uncovered
    );
    for sentence in &report.sentences {
        let detail = match sentence.status {
            Status::Implemented => format!("by {}", sentence.recommendations.join(", ")),
            Status::Informational => sentence.reason.clone().unwrap_or_default(),
            Status::Uncovered => "NOT ACCOUNTED FOR".to_string(),
        };
        let _ = writeln!(
            out,
            "{}  L{:<4} {:<13}  {}\n{:>26}{}",
            sentence.id,
            sentence.line,
            sentence.status.as_str(),
            excerpt(&sentence.text, 72),
            "-> ",
            detail
        );
    }
    out
}

/// The report as a Markdown section with a table.
pub fn to_markdown(report: &CoverageReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "**{} of {} statements accounted for ({:.2}%)**: {} implemented, {} informational, {} uncovered.\n",
        report.implemented + report.informational,
        report.total,
        report.percent,
        report.implemented,
        report.informational,
        report.uncovered
    );
    out.push_str("| Statement | Line | Text | Status | Accounted for by |\n");
    out.push_str("|---|---:|---|---|---|\n");
    for sentence in &report.sentences {
        let by = match sentence.status {
            Status::Implemented => sentence
                .recommendations
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", "),
            Status::Informational => markdown_inline(sentence.reason.as_deref().unwrap_or("")),
            Status::Uncovered => "**not accounted for**".to_string(),
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            sentence.id,
            sentence.line,
            markdown_inline(&sentence.text),
            sentence.status.as_str(),
            by
        );
    }
    out
}

fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}...", text.chars().take(max - 3).collect::<String>())
    }
}
