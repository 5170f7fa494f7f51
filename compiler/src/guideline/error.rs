//! Errors of guideline segmentation, the first stage of guideline coverage: what can be wrong
//! with a guideline text before any statement in it can be cited.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A malformed guideline text. Spans are byte ranges into the guideline text; attach it with
/// `miette::Report::new(error).with_source_code(text)` to render them.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum GuidelineError {
    /// The text holds no statement at all.
    #[error("the guideline text is empty")]
    #[diagnostic(
        code(cairn::guideline::empty),
        help(
            "check that the guideline file is the extracted text and not an empty or binary file"
        )
    )]
    Empty,

    /// A NUL or other C0 control character (other than tab, line feed, vertical tab, form feed and
    /// carriage return, which are whitespace).
    #[error("control character `{shown}` on line {line} of the guideline text")]
    #[diagnostic(
        code(cairn::guideline::control_character),
        help("remove it; control characters usually mean a broken extraction or a binary file")
    )]
    ControlCharacter {
        /// The character as `U+XXXX`.
        shown: String,
        /// 1-based line of the character.
        line: usize,
        /// Where the character is.
        #[label("this character")]
        span: SourceSpan,
    },

    /// A statement over the length limit, usually a missing sentence end or bullet.
    #[error("the statement `{excerpt}` on line {line} has {chars} characters, more than {max}")]
    #[diagnostic(
        code(cairn::guideline::statement_too_long),
        help(
            "statements are split at bullets, sentence ends and lines that do not continue one another; check the text for a lost line break or full stop"
        )
    )]
    StatementTooLong {
        /// The start of the statement's text.
        excerpt: String,
        /// 1-based line where the statement starts.
        line: usize,
        /// Length of the statement's normalised text in characters.
        chars: usize,
        /// The limit.
        max: usize,
        /// The statement.
        #[label("this statement")]
        span: SourceSpan,
    },

    /// More statements than any guideline summary plausibly has.
    #[error("the guideline text has more than {max} statements")]
    #[diagnostic(
        code(cairn::guideline::too_many_statements),
        help("split the guideline into several files, or check that this is the intended text")
    )]
    TooManyStatements {
        /// The limit.
        max: usize,
        /// The first statement over the limit.
        #[label("the first statement over the limit")]
        span: SourceSpan,
    },
}
