//! The one JSON schema of a diagnostic, for machines: `cairn check --error-format json`, the
//! errors of case files in `cairn test --format json`, and anything built on top (an editor, a
//! SARIF converter). Every diagnostic of the toolchain converts to a [`JsonDiagnostic`] through
//! [`to_json`], whatever stage reported it.

use std::fmt;

use miette::{Diagnostic, Severity};
use serde::Serialize;

use super::Source;
use crate::span::line_col;

/// Which kind of file a diagnostic points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// The pathway source.
    Pathway,
    /// The guideline text the pathway implements.
    Guideline,
    /// A conformance case file (TOML).
    Case,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Pathway => "pathway",
            FileKind::Guideline => "guideline",
            FileKind::Case => "case",
        })
    }
}

/// One diagnostic for machines. Positions are 1-based; columns count characters, not bytes;
/// spans are byte ranges into the file. Serialised with its fields in this order.
///
/// ```json
/// {"code": "cairn::sema::unknown_name", "severity": "error",
///  "message": "unknown fact or condition `nuero`", "file": "demo.pathway",
///  "file_kind": "pathway", "line": 8, "column": 35, "span": {"start": 120, "end": 125},
///  "labels": [{"message": "not defined", "line": 8, "column": 35,
///              "span": {"start": 120, "end": 125}}],
///  "help": "did you mean `neuro`?"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonDiagnostic {
    /// The stable code, `cairn::<module>::<what>`.
    pub code: String,
    /// `error`, `warning` or `advice`.
    pub severity: &'static str,
    /// The message, one line.
    pub message: String,
    /// The path of the file, as given.
    pub file: String,
    /// Which kind of file it is.
    pub file_kind: FileKind,
    /// Line of the primary (first) label; 0 when the diagnostic has no label.
    pub line: usize,
    /// Column of the primary label, in characters; 0 without a label.
    pub column: usize,
    /// Byte range of the primary label.
    pub span: Option<JsonSpan>,
    /// Every label, primary first.
    pub labels: Vec<JsonLabel>,
    /// How to fix it, if the diagnostic says.
    pub help: Option<String>,
}

/// A byte range of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JsonSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A labelled span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonLabel {
    /// The label's text, if any.
    pub message: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range.
    pub span: JsonSpan,
}

/// A diagnostic in the JSON schema, against the file it points into.
pub fn to_json(
    diagnostic: &(impl Diagnostic + ?Sized),
    source: Source<'_>,
    file_kind: FileKind,
) -> JsonDiagnostic {
    let labels: Vec<JsonLabel> = diagnostic
        .labels()
        .into_iter()
        .flatten()
        .map(|label| {
            let (line, column) = line_col(source.text, label.offset());
            JsonLabel {
                message: label.label().map(str::to_string),
                line,
                column,
                span: JsonSpan { start: label.offset(), end: label.offset() + label.len() },
            }
        })
        .collect();
    let primary = labels.first();
    JsonDiagnostic {
        code: diagnostic.code().map(|c| c.to_string()).unwrap_or_default(),
        severity: match diagnostic.severity().unwrap_or(Severity::Error) {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        },
        message: diagnostic.to_string(),
        file: source.path.to_string(),
        file_kind,
        line: primary.map_or(0, |l| l.line),
        column: primary.map_or(0, |l| l.column),
        span: primary.map(|l| l.span),
        labels,
        help: diagnostic.help().map(|h| h.to_string()),
    }
}
