//! Errors of the driver about the input files themselves, before any parsing: a file that
//! cannot be read, is not UTF-8 or is too large. Codes `cairn::driver::*`.

use miette::SourceSpan;
use thiserror::Error;

/// Errors about the input files themselves, before any parsing.
#[derive(Debug, Clone, Error, miette::Diagnostic, PartialEq, Eq)]
pub enum SourceError {
    /// The file could not be read.
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(cairn::driver::unreadable), help("check the path and its permissions"))]
    Unreadable {
        /// The path.
        path: String,
        /// What the operating system said.
        reason: String,
    },

    /// The guideline named in the header could not be read.
    #[error("cannot read the guideline `{path}`: {reason}")]
    #[diagnostic(
        code(cairn::driver::guideline_unreadable),
        help("the path is relative to the pathway file; keep the guideline text beside it")
    )]
    GuidelineUnreadable {
        /// The path, as resolved.
        path: String,
        /// What the operating system said.
        reason: String,
        /// The header field.
        #[label("named here")]
        at: Option<SourceSpan>,
    },

    /// The file is not UTF-8 text.
    #[error("`{path}` is not UTF-8 text: invalid byte at offset {offset}")]
    #[diagnostic(
        code(cairn::driver::invalid_utf8),
        help("save the file as UTF-8; is it a pathway or guideline text at all?")
    )]
    InvalidUtf8 {
        /// The path.
        path: String,
        /// Where the first invalid byte is.
        offset: usize,
    },

    /// The file is larger than the compiler reads.
    #[error("`{path}` is {size} bytes, more than the limit of {limit}")]
    #[diagnostic(
        code(cairn::driver::too_large),
        help("a pathway is a few hundred lines; split a larger one into several pathways")
    )]
    TooLarge {
        /// The path.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl SourceError {
    /// Why the file could not be used, without its path: for a message that names the path
    /// itself, such as the one about the guideline.
    pub fn reason(&self) -> String {
        match self {
            SourceError::Unreadable { reason, .. }
            | SourceError::GuidelineUnreadable { reason, .. } => reason.clone(),
            SourceError::InvalidUtf8 { offset, .. } => {
                format!("it is not UTF-8 text (invalid byte at offset {offset})")
            }
            SourceError::TooLarge { size, limit, .. } => {
                format!("it is {size} bytes, more than the limit of {limit}")
            }
        }
    }
}
