//! Diagnostics from every stage in one list, and their two renderings: human (miette's
//! graphical report, source line and caret, like rustc) and JSON for machines.

use std::fmt;

use miette::{
    Diagnostic as _, GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents,
    Severity, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;
use thiserror::Error;

use crate::analysis::Finding;
use crate::driver::SourceError;
use crate::guideline::GuidelineError;
use crate::sema::SemaError;
use crate::span::line_col;
use crate::syntax::SyntaxError;

/// Which file a diagnostic points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// The pathway source.
    Pathway,
    /// The guideline text the pathway implements.
    Guideline,
}

/// Any diagnostic of the toolchain.
#[derive(Debug, Clone, Error, miette::Diagnostic)]
pub enum Diagnostic {
    /// About reading the files.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(#[from] SourceError),
    /// From the parser.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] SyntaxError),
    /// From segmenting the guideline.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Guideline(#[from] GuidelineError),
    /// From name resolution and type checking.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Sema(#[from] SemaError),
    /// From the analyses: lints, unused items, unsatisfiable constraints, coverage.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Analysis(#[from] Finding),
    /// From comparing the citations with the lock file.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Lock(#[from] crate::lock::LockError),
    /// From the backends: names that cannot become Rust names.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Backend(#[from] crate::backend::BackendError),
}

impl Diagnostic {
    /// The file the spans point into.
    pub fn file(&self) -> FileKind {
        match self {
            Diagnostic::Guideline(_) | Diagnostic::Analysis(Finding::Uncovered { .. }) => {
                FileKind::Guideline
            }
            _ => FileKind::Pathway,
        }
    }

    /// Whether it stops the build (warnings and advice do not).
    pub fn is_error(&self) -> bool {
        matches!(self.severity().unwrap_or(Severity::Error), Severity::Error)
    }

    /// The stable code, such as `cairn::sema::unknown_name`.
    pub fn code_string(&self) -> String {
        self.code().map(|c| c.to_string()).unwrap_or_default()
    }
}

/// The text of the files diagnostics point into, for rendering.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// Path and text of the pathway.
    pub pathway: (&'a str, &'a str),
    /// Path and text of the guideline, when it was read.
    pub guideline: Option<(&'a str, &'a str)>,
}

impl<'a> Sources<'a> {
    fn for_file(&self, file: FileKind) -> (&'a str, &'a str) {
        match file {
            FileKind::Pathway => self.pathway,
            FileKind::Guideline => self.guideline.unwrap_or(("<guideline>", "")),
        }
    }
}

/// Renders diagnostics like rustc: the source line, a caret, the label and help, no colour, at a
/// fixed width so the output is the same on every terminal.
pub fn render_human(diagnostics: &[Diagnostic], sources: Sources<'_>, width: usize) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(width)
        .with_links(false);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let (path, text) = sources.for_file(diagnostic.file());
        let report = miette::Report::new(diagnostic.clone())
            .with_source_code(CharColumns { name: path.to_string(), text: text.to_string() });
        if handler.render_report(&mut out, report.as_ref()).is_err() {
            out.push_str(&diagnostic.to_string());
        }
        out.push('\n');
    }
    out.push_str(&summary(diagnostics));
    without_control_characters(&out)
}

/// The text with control characters (other than line ends) shown as U+FFFD: a source line of
/// binary garbage or a quote holding an escape sequence must not drive the terminal it is
/// printed on.
fn without_control_characters(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' { '\u{FFFD}' } else { c }).collect()
}

/// A named source whose `file:line:column` header counts the column in characters, as the
/// JSON rendering and editors do; miette alone counts bytes, so a line that starts with a
/// bullet `•` would be two columns off.
#[derive(Debug)]
struct CharColumns {
    name: String,
    text: String,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self.text.read_span(span, context_lines_before, context_lines_after)?;
        // miette reads the column only of a span read without context: the header's position.
        let column = if context_lines_before == 0 {
            line_col(&self.text, span.offset()).1 - 1
        } else {
            contents.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

/// "2 errors, 1 warning" (or "no problems").
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no problems found\n".to_string(),
        _ => format!("{}, {}\n", plural(errors, "error"), plural(warnings, "warning")),
    }
}

/// One diagnostic in the JSON rendering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonDiagnostic {
    /// Stable code.
    pub code: String,
    /// `error`, `warning` or `advice`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// The path of the file.
    pub file: String,
    /// Which file, `pathway` or `guideline`.
    pub file_kind: FileKind,
    /// 1-based line of the primary label (0 when there is no span).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range of the primary label.
    pub span: Option<JsonSpan>,
    /// Every label.
    pub labels: Vec<JsonLabel>,
    /// The help, if any.
    pub help: Option<String>,
}

/// A byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JsonSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A labelled span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonLabel {
    /// The label's text.
    pub message: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Byte range.
    pub span: JsonSpan,
}

/// Converts diagnostics to their JSON form.
pub fn to_json(diagnostics: &[Diagnostic], sources: Sources<'_>) -> Vec<JsonDiagnostic> {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let (path, text) = sources.for_file(diagnostic.file());
            let labels: Vec<JsonLabel> = diagnostic
                .labels()
                .into_iter()
                .flatten()
                .map(|label| {
                    let (line, column) = line_col(text, label.offset());
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
                code: diagnostic.code_string(),
                severity: match diagnostic.severity().unwrap_or(Severity::Error) {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Advice => "advice",
                },
                message: diagnostic.to_string(),
                file: path.to_string(),
                file_kind: diagnostic.file(),
                line: primary.map_or(0, |l| l.line),
                column: primary.map_or(0, |l| l.column),
                span: primary.map(|l| l.span),
                labels,
                help: diagnostic.help().map(|h| h.to_string()),
            }
        })
        .collect()
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Pathway => "pathway",
            FileKind::Guideline => "guideline",
        })
    }
}
