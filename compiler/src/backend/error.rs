//! Errors of the backends: pathway names that cannot become Rust names, and failures of the
//! backends themselves. Each variant has a stable code and points at the pathway source.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// Why a backend could not generate its output.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq, Eq)]
pub enum BackendError {
    /// Two names of the pathway become the same Rust name.
    #[error("{kind} `{name}` and {other} both become `{rust}` in the generated Rust")]
    #[diagnostic(
        code(cairn::backend::name_collision),
        help(
            "Rust names are derived by case conversion (CamelCase for enums and their values, snake_case for facts and conditions, UPPER_CASE for constants); rename one of them"
        )
    )]
    NameCollision {
        /// What the name belongs to.
        kind: &'static str,
        /// The name in the pathway.
        name: String,
        /// The other name, with what it belongs to: "enum `pain_kind`".
        other: String,
        /// The Rust name both become.
        rust: String,
        /// Where the name is declared.
        #[label("becomes `{rust}`")]
        at: SourceSpan,
        /// Where the other name is declared.
        #[label("so does this")]
        other_at: SourceSpan,
    },

    /// A name that becomes a Rust name the generated code already uses.
    #[error("{kind} `{name}` becomes `{rust}` in the generated Rust, which is taken by {taken_by}")]
    #[diagnostic(code(cairn::backend::reserved_name), help("rename it"))]
    ReservedName {
        /// What the name belongs to.
        kind: &'static str,
        /// The name in the pathway.
        name: String,
        /// The Rust name.
        rust: String,
        /// What the generated code uses that name for.
        taken_by: &'static str,
        /// Where the name is declared.
        #[label("becomes `{rust}`")]
        at: SourceSpan,
    },

    /// A name whose Rust form is not a Rust identifier at all.
    #[error("{kind} `{name}` becomes `{rust}`, which cannot be a Rust name")]
    #[diagnostic(
        code(cairn::backend::invalid_identifier),
        help(
            "rename it so that it starts with a letter and is not `self`, `Self`, `super` or `crate`"
        )
    )]
    InvalidIdentifier {
        /// What the name belongs to.
        kind: &'static str,
        /// The name in the pathway.
        name: String,
        /// What the case conversion made of it.
        rust: String,
        /// Where the name is declared.
        #[label("not a Rust name")]
        at: SourceSpan,
    },

    /// A recommendation whose `when` has so many `or` alternatives that the static explanations
    /// for every combination would be too many.
    #[error(
        "recommendation `{name}` has {count} combinations of `or` alternatives, more than the {limit} the generated Rust explains"
    )]
    #[diagnostic(
        code(cairn::backend::too_many_explanations),
        help(
            "the generated engine keeps one static explanation per combination; move some `or`s into named conditions"
        )
    )]
    TooManyExplanations {
        /// The recommendation.
        name: String,
        /// How many combinations.
        count: u128,
        /// The most allowed.
        limit: u128,
        /// Its `when` clause.
        #[label("this condition")]
        at: SourceSpan,
    },

    /// An enum used as a set with more values than a set holds.
    #[error("enum `{name}` has {count} values, but a set of enum values holds at most {max}")]
    #[diagnostic(
        code(cairn::backend::set_too_large),
        help("the generated engine keeps a set in one 128-bit word; split the enum")
    )]
    SetTooLarge {
        /// The enum.
        name: String,
        /// How many values it has.
        count: usize,
        /// The most a set holds (`cairn_runtime::MAX_SET_VALUES`).
        max: usize,
        /// Where it is declared.
        #[label("used as a set")]
        at: SourceSpan,
    },

    /// A template failed to render: a bug in Cairn, not in the pathway.
    #[error("the `{template}` template failed to render: {message}")]
    #[diagnostic(
        code(cairn::backend::template),
        help("this is a bug in cairn; please report it with the pathway that triggers it")
    )]
    Template {
        /// The template.
        template: &'static str,
        /// What went wrong.
        message: String,
    },
}
