//! Diagnostics from every stage in one list (`Diagnostic`), each knowing which file it points
//! into, and the compilation's two renderings through the one renderer of `crate::diagnostics`:
//! human (`render_human`) and JSON (`to_json`). The driver owns this list because it is the one
//! place that chains the stages.

use miette::Diagnostic as _;
use thiserror::Error;

use super::SourceError;
use crate::analysis::Finding;
use crate::diagnostics::json::{FileKind, JsonDiagnostic};
use crate::diagnostics::{self, Source};
use crate::guideline::GuidelineError;
use crate::sema::SemaError;
use crate::syntax::SyntaxError;

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
        diagnostics::is_error(self)
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
    /// The source of a kind of file.
    pub fn for_file(&self, file: FileKind) -> Source<'a> {
        let (path, text) = match file {
            FileKind::Guideline => self.guideline.unwrap_or(("<guideline>", "")),
            FileKind::Pathway | FileKind::Case => self.pathway,
        };
        Source { path, text }
    }
}

/// Renders diagnostics for people, each against the file it points into (see
/// [`diagnostics::render_human`]).
pub fn render_human(diagnostics: &[Diagnostic], sources: Sources<'_>, width: usize) -> String {
    diagnostics::render_human(diagnostics.iter().map(|d| (d, sources.for_file(d.file()))), width)
}

/// Converts diagnostics to the JSON schema (see [`diagnostics::json`]).
pub fn to_json(diagnostics: &[Diagnostic], sources: Sources<'_>) -> Vec<JsonDiagnostic> {
    diagnostics
        .iter()
        .map(|d| diagnostics::json::to_json(d, sources.for_file(d.file()), d.file()))
        .collect()
}
