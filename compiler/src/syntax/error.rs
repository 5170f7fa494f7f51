//! Errors of the syntax stage: what the parser and the lowering to the AST can find wrong with
//! the text of a pathway file.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A syntax error in a pathway file.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq, Eq)]
pub enum SyntaxError {
    /// The parser met something it did not expect.
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(cairn::syntax::unexpected), help("{help}"))]
    Unexpected {
        /// What would have been accepted, in words.
        expected: String,
        /// What was there instead, in words.
        found: String,
        /// A hint about the usual cause.
        help: String,
        /// Where.
        #[label("{found} here")]
        at: SourceSpan,
    },

    /// Text outside any declaration.
    #[error("text outside any declaration")]
    #[diagnostic(
        code(cairn::syntax::stray_text),
        help(
            "every declaration starts at the beginning of a line with `pathway`, `enum`, `fact`, `constraint`, `condition`, `xref`, `recommend` or `informational`"
        )
    )]
    StrayText {
        /// Where.
        #[label("this belongs to no declaration")]
        at: SourceSpan,
    },

    /// A `\u{...}` escape that names no character.
    #[error("`\\u{{{code}}}` is not a character")]
    #[diagnostic(
        code(cairn::syntax::invalid_escape),
        help("use a Unicode scalar value, such as `\\u{{00A0}}` for a non-breaking space")
    )]
    InvalidEscape {
        /// The hex digits as written.
        code: String,
        /// Where.
        #[label("not a Unicode scalar value")]
        at: SourceSpan,
    },

    /// A string that does not end on the line it starts.
    #[error("this string is not closed")]
    #[diagnostic(
        code(cairn::syntax::unterminated_string),
        help("strings end on the line they start: close it with `\"`")
    )]
    UnterminatedString {
        /// From the opening quote to the end of the line.
        #[label("no closing `\"` on this line")]
        at: SourceSpan,
    },

    /// Parentheses or braces nested deeper than the parser allows.
    #[error("nesting is deeper than {limit} levels")]
    #[diagnostic(
        code(cairn::syntax::too_deep),
        help("split the expression into named conditions with `condition name: ...`")
    )]
    TooDeep {
        /// The limit.
        limit: usize,
        /// Where the limit was passed.
        #[label("level {limit} is passed here")]
        at: SourceSpan,
    },

    /// An expression with more operators than the parser allows.
    #[error("this declaration has more than {limit} operators")]
    #[diagnostic(
        code(cairn::syntax::too_complex),
        help("split the expression into named conditions with `condition name: ...`")
    )]
    TooComplex {
        /// The limit.
        limit: usize,
        /// The declaration.
        #[label("too many operators")]
        at: SourceSpan,
    },

    /// More syntax errors than are worth showing.
    #[error("{count} more syntax errors are not shown")]
    #[diagnostic(
        code(cairn::syntax::too_many_errors),
        help("fix the errors above first; is this file a pathway?")
    )]
    TooManyErrors {
        /// How many were left out.
        count: usize,
    },
}
