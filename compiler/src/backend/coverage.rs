//! Renderings of a coverage report for people: a terminal table and a Markdown table. (The JSON
//! rendering is the report's own serde form, and the only one that lists every recommendation
//! behind a statement; these two summarise, so that a lead-in used by every recommendation
//! stays one readable line.)

use std::fmt::Write as _;

use super::escape::markdown_inline;
use crate::analysis::{CoverageReport, SentenceCoverage, Status};

/// Characters of a statement shown in the terminal table before it is cut with `...`.
const TEXT_COLUMN: usize = 72;
/// Direct citers named before the rest are counted ("a, b, c and 2 more").
const MAX_NAMES: usize = 3;
/// Recommendations reached through a condition or cross-reference, named up to this many;
/// more are only counted.
const MAX_INDIRECT_NAMES: usize = 2;

/// The report as a terminal table: a header with the counts, then one row per statement with
/// its id, line, status and text, and below it what accounts for it.
pub fn to_text(report: &CoverageReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "coverage of `{}` by pathway `{}`: {} of {} statements accounted for ({:.2}%)",
        crate::text::for_terminal(&report.guideline),
        crate::text::for_terminal(&report.pathway),
        report.implemented + report.informational,
        report.total,
        report.percent
    );
    let _ = writeln!(
        out,
        "  implemented {}, informational {}, uncovered {}",
        report.implemented, report.informational, report.uncovered
    );
    // Ids are 8 characters, longer on a hash collision or a repeated sentence: the column
    // takes the longest so the table stays aligned.
    let id_width = report.sentences.iter().map(|s| s.id.chars().count()).max().unwrap_or(0).max(9);
    let line_width =
        report.sentences.iter().map(|s| s.line.to_string().len() + 1).max().unwrap_or(0).max(4);
    let indent = id_width + line_width + 13 + 6;
    let _ = writeln!(
        out,
        "\n{:<id_width$}  {:<line_width$}  {:<13}  text, and what accounts for it",
        "statement", "line", "status"
    );
    for sentence in &report.sentences {
        let detail = match sentence.status {
            Status::Implemented => accounted_for_by(sentence, &|name| name.to_string()),
            Status::Informational => {
                format!(
                    "because {}",
                    crate::text::for_terminal(sentence.reason.as_deref().unwrap_or(""))
                )
            }
            Status::Uncovered => {
                "NOT ACCOUNTED FOR: cite it, or declare it informational with a reason".to_string()
            }
        };
        let _ = writeln!(
            out,
            "{:<id_width$}  {:<line_width$}  {:<13}  {}\n{:indent$}{}",
            sentence.id,
            format!("L{}", sentence.line),
            sentence.status.as_str(),
            crate::text::for_terminal(&excerpt(&sentence.text, TEXT_COLUMN)),
            "",
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
            Status::Implemented => accounted_for_by(sentence, &|name| format!("`{name}`")),
            Status::Informational => {
                format!("because {}", markdown_inline(sentence.reason.as_deref().unwrap_or("")))
            }
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

/// What accounts for an implemented statement, in a few words: the items that cite it
/// ("by in_pathway"), then the recommendations that implement it through them, named when
/// there are few and counted when there are many ("used in 22 recommendations").
fn accounted_for_by(sentence: &SentenceCoverage, name: &dyn Fn(&str) -> String) -> String {
    let mut out = format!("by {}", names(&sentence.by, MAX_NAMES, name));
    // Recommendations that cite the statement themselves are already named above.
    let through: Vec<&String> =
        sentence.recommendations.iter().filter(|r| !sentence.by.contains(r)).collect();
    match through.len() {
        0 => {}
        n if n <= MAX_INDIRECT_NAMES => {
            let _ = write!(out, ", used in {}", names(&through, n, name));
        }
        n => {
            let _ = write!(out, ", used in {n} recommendations");
        }
    }
    out
}

/// "a", "a and b", "a, b and c", or "a, b, c and 4 more" past `max` names.
fn names<S: AsRef<str>>(items: &[S], max: usize, name: &dyn Fn(&str) -> String) -> String {
    let shown: Vec<String> = items.iter().take(max).map(|item| name(item.as_ref())).collect();
    let rest = items.len().saturating_sub(max);
    match (shown.split_last(), rest) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, init)), 0) => format!("{} and {last}", init.join(", ")),
        (Some(_), rest) => format!("{} and {rest} more", shown.join(", ")),
    }
}

/// The first `max` characters of `text`, with `...` when it is cut.
fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}...", text.chars().take(max.saturating_sub(3)).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(by: &[&str], recommendations: &[&str]) -> SentenceCoverage {
        SentenceCoverage {
            id: "s-000001".into(),
            text: "Offer tea".into(),
            line: 1,
            status: Status::Implemented,
            by: by.iter().map(|s| s.to_string()).collect(),
            recommendations: recommendations.iter().map(|s| s.to_string()).collect(),
            reason: None,
        }
    }

    fn plain(name: &str) -> String {
        name.to_string()
    }

    #[test]
    fn names_are_listed_then_counted() {
        assert_eq!(names::<&str>(&[], 3, &plain), "");
        assert_eq!(names(&["a"], 3, &plain), "a");
        assert_eq!(names(&["a", "b"], 3, &plain), "a and b");
        assert_eq!(names(&["a", "b", "c"], 3, &plain), "a, b and c");
        assert_eq!(names(&["a", "b", "c", "d", "e"], 3, &plain), "a, b, c and 2 more");
    }

    #[test]
    fn accounted_for_by_names_citers_and_counts_what_uses_them() {
        assert_eq!(accounted_for_by(&sentence(&["tea"], &["tea"]), &plain), "by tea");
        assert_eq!(
            accounted_for_by(&sentence(&["adult"], &["tea", "coffee"]), &plain),
            "by adult, used in tea and coffee"
        );
        assert_eq!(
            accounted_for_by(&sentence(&["adult", "tea"], &["tea", "coffee", "milk"]), &plain),
            "by adult and tea, used in coffee and milk"
        );
        assert_eq!(
            accounted_for_by(&sentence(&["adult"], &["tea", "coffee", "milk"]), &plain),
            "by adult, used in 3 recommendations"
        );
    }

    #[test]
    fn terminal_text_cannot_carry_escape_sequences() {
        assert_eq!(
            crate::text::for_terminal("a\u{1b}[2Jb\u{9b}c\u{202e}d"),
            "a\\u{1b}[2Jb\\u{9b}c\\u{202e}d"
        );
        assert_eq!(
            crate::text::for_terminal("Seek advice within 24 hours"),
            "Seek advice within 24 hours"
        );
    }

    #[test]
    fn excerpts_cut_long_text() {
        assert_eq!(excerpt("abcdef", 6), "abcdef");
        assert_eq!(excerpt("abcdefg", 6), "abc...");
    }
}
