//! The one diagnostic renderer of the toolchain, generic over `miette::Diagnostic`: every stage's
//! errors, the analyses' findings and the errors of case files are drawn by [`render_human`]
//! (miette's graphical report without colour, at a fixed width, like rustc) and converted by
//! [`json::to_json`] to the one JSON schema for machines. A low layer: it knows no stage.
//!
//! What reaches a terminal from a pathway, a guideline or a case file is made safe here, once:
//! control characters (the escape that starts a terminal sequence) and the marks that reorder or
//! hide text (bidirectional controls such as U+202E) are shown as U+FFFD.

pub mod json;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, Severity, SourceCode, SourceSpan, SpanContents,
};

use crate::span::line_col;
use crate::text::is_unsafe_to_show;

/// A file a diagnostic points into: the path it is shown by, and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source<'a> {
    /// The path, as shown in the report's header.
    pub path: &'a str,
    /// The file's text, which the diagnostic's spans index.
    pub text: &'a str,
}

/// Whether a diagnostic stops the build (warnings and advice do not).
pub fn is_error(diagnostic: &(impl Diagnostic + ?Sized)) -> bool {
    matches!(diagnostic.severity().unwrap_or(Severity::Error), Severity::Error)
}

/// Renders diagnostics like rustc, each against its own source: the source line, a caret, the
/// label and help, no colour, at a fixed width so the output is the same on every terminal;
/// then a summary ("2 errors, 1 warning"). Nothing unsafe to show reaches the result.
pub fn render_human<'a, D>(
    diagnostics: impl IntoIterator<Item = (&'a D, Source<'a>)>,
    width: usize,
) -> String
where
    D: Diagnostic + ?Sized + 'a,
{
    let (mut errors, mut warnings) = (0, 0);
    let mut out = render_reports(
        diagnostics.into_iter().inspect(|(diagnostic, _)| {
            if is_error(*diagnostic) {
                errors += 1;
            } else {
                warnings += 1;
            }
        }),
        width,
    );
    out.push_str(&summary(errors, warnings));
    out
}

/// The reports of [`render_human`] without the summary, for a list that is one part of a
/// larger report (a case file's errors among the results of `cairn test`).
pub fn render_reports<'a, D>(
    diagnostics: impl IntoIterator<Item = (&'a D, Source<'a>)>,
    width: usize,
) -> String
where
    D: Diagnostic + ?Sized + 'a,
{
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(width)
        .with_links(false);
    let mut out = String::new();
    for (diagnostic, source) in diagnostics {
        let source = CharColumns { name: source.path, text: source.text };
        let with_source = WithSource { inner: diagnostic, source: &source };
        if handler.render_report(&mut out, &with_source).is_err() {
            out.push_str(&diagnostic.to_string());
        }
        out.push('\n');
    }
    safe_for_terminal(&out)
}

/// "2 errors, 1 warning" (or "no problems found"), with a line end.
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no problems found\n".to_string(),
        _ => format!("{}, {}\n", plural(errors, "error"), plural(warnings, "warning")),
    }
}

/// The text with every character unsafe to show (a control character other than a line end, a
/// bidirectional or invisible mark) as U+FFFD: a source line of binary garbage, a quote holding
/// an escape sequence or a right-to-left override must not drive or deceive the terminal.
pub fn safe_for_terminal(text: &str) -> String {
    text.chars().map(|c| if c != '\n' && is_unsafe_to_show(c) { '\u{FFFD}' } else { c }).collect()
}

/// A diagnostic with the source it points into, for miette's handler: everything else is the
/// diagnostic's own.
struct WithSource<'a, D: ?Sized> {
    inner: &'a D,
    source: &'a CharColumns<'a>,
}

impl<D: Diagnostic + ?Sized> std::fmt::Debug for WithSource<'_, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.inner, f)
    }
}

impl<D: Diagnostic + ?Sized> std::fmt::Display for WithSource<'_, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.inner, f)
    }
}

impl<D: Diagnostic + ?Sized> std::error::Error for WithSource<'_, D> {}

impl<D: Diagnostic + ?Sized> Diagnostic for WithSource<'_, D> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.inner.code()
    }

    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.inner.help()
    }

    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.inner.labels()
    }
}

/// A named source whose `file:line:column` header counts the column in characters, as the
/// JSON rendering and editors do; miette alone counts bytes, so a line that starts with a
/// bullet `•` would be two columns off.
#[derive(Debug)]
struct CharColumns<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for CharColumns<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let contents = self.text.read_span(span, context_lines_before, context_lines_after)?;
        // miette reads the column only of a span read without context: the header's position.
        let column = if context_lines_before == 0 {
            line_col(self.text, span.offset()).1 - 1
        } else {
            contents.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidirectional_marks_never_reach_the_terminal() {
        let shown = safe_for_terminal("a\u{1b}[2Jb\u{202E}c\u{2066}d\u{200F}e\u{061C}f\tg\nh");
        assert_eq!(shown, "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\nh");
    }
}
