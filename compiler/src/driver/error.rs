//! Errors of the driver about the input files themselves, before any parsing: a file that
//! cannot be read, is not UTF-8 or is too large, and a guideline the pathway may not read
//! (`Refusal`). Codes `cairn::driver::*`.

use std::fmt;

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

    /// The guideline named in the header is outside the folders a pathway may read, or is not
    /// a regular file. The file is never opened, so nothing of it is shown.
    #[error("refused to read the guideline `{path}`: {why}")]
    #[diagnostic(
        code(cairn::driver::guideline_refused),
        help(
            "name a text file inside the pathway's folder, such as `guideline \"guideline.txt\"`; \
             to share a guideline between pathways, pass `--allow-dir DIR` on the command line"
        )
    )]
    GuidelineRefused {
        /// The path as the header names it, made safe to show.
        path: String,
        /// Why it was refused.
        why: Refusal,
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

/// Why a file that a pathway names was refused before it was opened: a pathway may come from
/// anyone (a pull request), so it may read only regular files inside its own folder, or inside
/// a folder the user allowed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The path is absolute.
    Absolute,
    /// The path, after `..` and symbolic links, leads outside the allowed folders.
    OutsideFolder,
    /// The path leads to a folder, a device, a pipe or a socket.
    NotAFile,
    /// The path leads into `/proc` or `/sys`, whose files describe the running system.
    SystemFile,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Absolute => "an absolute path; a pathway names its guideline relative to its own folder",
            Refusal::OutsideFolder => "it leads outside the pathway's folder and any `--allow-dir` (through `..` or a symbolic link)",
            Refusal::NotAFile => "it is not a regular file",
            Refusal::SystemFile => "it is a file of the running system (`/proc` or `/sys`)",
        })
    }
}

impl SourceError {
    /// Why the file could not be used, without its path: for a message that names the path
    /// itself, such as the one about the guideline.
    pub fn reason(&self) -> String {
        match self {
            SourceError::Unreadable { reason, .. }
            | SourceError::GuidelineUnreadable { reason, .. } => reason.clone(),
            SourceError::GuidelineRefused { why, .. } => why.to_string(),
            SourceError::InvalidUtf8 { offset, .. } => {
                format!("it is not UTF-8 text (invalid byte at offset {offset})")
            }
            SourceError::TooLarge { size, limit, .. } => {
                format!("it is {size} bytes, more than the limit of {limit}")
            }
        }
    }
}
