//! Errors in conformance case files: a file that is not valid TOML or breaks the case schema,
//! and a case that does not fit its pathway (an unknown fact, a value outside its enum, an
//! unknown recommendation or sentence). Spans are byte ranges into the case file; each variant
//! has a stable `cairn::cases::*` code.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::diagnostics::json::{self, FileKind, JsonDiagnostic};
use crate::diagnostics::{self, Source};

/// A problem with one case file.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq, Eq)]
pub enum CaseError {
    /// The file could not be read.
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(cairn::cases::unreadable), help("check the path and its permissions"))]
    Unreadable {
        /// The path.
        path: String,
        /// What the operating system said.
        reason: String,
    },

    /// Not TOML, or not the case schema (an unknown key, a missing key, a wrong type).
    #[error("the case is malformed: {message}")]
    #[diagnostic(
        code(cairn::cases::malformed),
        help(
            "a case has `description`, `rationale`, optional `checks`, a `[facts]` table (or `facts_json`) and an `[expect]` table; see conformance/README.md"
        )
    )]
    Malformed {
        /// What the TOML reader said.
        message: String,
        /// Where, when it knows.
        #[label("here")]
        at: Option<SourceSpan>,
    },

    /// A required text is empty.
    #[error("`{field}` is empty")]
    #[diagnostic(code(cairn::cases::empty_text), help("{help}"))]
    EmptyText {
        /// The key.
        field: &'static str,
        /// What it should say.
        help: &'static str,
        /// The value.
        #[label("empty")]
        at: SourceSpan,
    },

    /// A fact the pathway does not declare.
    #[error("unknown fact `{name}`")]
    #[diagnostic(code(cairn::cases::unknown_fact), help("{help}"))]
    UnknownFact {
        /// The key as written.
        name: String,
        /// A suggestion or the list of facts.
        help: String,
        /// The key.
        #[label("not a fact of this pathway")]
        at: SourceSpan,
    },

    /// A fact the pathway declares but the case leaves out.
    #[error("missing fact `{name}`: expected {expected}")]
    #[diagnostic(
        code(cairn::cases::missing_fact),
        help(
            "a case gives every fact; to test that incomplete facts are refused, expect `error = \"invalid\"`"
        )
    )]
    MissingFact {
        /// The fact.
        name: String,
        /// What it takes.
        expected: String,
        /// The `[facts]` table.
        #[label("in these facts")]
        at: SourceSpan,
    },

    /// A value of the wrong type for its fact.
    #[error("fact `{name}` must be {expected}, found {found}")]
    #[diagnostic(
        code(cairn::cases::wrong_type),
        help(
            "enums are strings, sets are arrays of strings, booleans are true or false; to test that such facts are refused, expect `error = \"invalid\"`"
        )
    )]
    WrongType {
        /// The fact.
        name: String,
        /// What it takes.
        expected: String,
        /// What was given.
        found: String,
        /// The value.
        #[label("here")]
        at: SourceSpan,
    },

    /// A value outside its fact's enum.
    #[error("`{value}` is not a value of fact `{name}`")]
    #[diagnostic(code(cairn::cases::unknown_value), help("{help}"))]
    UnknownValue {
        /// The fact.
        name: String,
        /// The value as written.
        value: String,
        /// A suggestion or the list of values.
        help: String,
        /// The value.
        #[label("not in the enum")]
        at: SourceSpan,
    },

    /// A recommendation id the pathway does not declare.
    #[error("unknown recommendation `{name}`")]
    #[diagnostic(code(cairn::cases::unknown_recommendation), help("{help}"))]
    UnknownRecommendation {
        /// The id as written.
        name: String,
        /// A suggestion or the list of recommendations.
        help: String,
        /// The id.
        #[label("not a recommendation of this pathway")]
        at: SourceSpan,
    },

    /// A constraint name the pathway does not declare.
    #[error("unknown constraint `{name}`")]
    #[diagnostic(code(cairn::cases::unknown_constraint), help("{help}"))]
    UnknownConstraint {
        /// The name as written.
        name: String,
        /// A suggestion or the list of constraints.
        help: String,
        /// The name.
        #[label("not a constraint of this pathway")]
        at: SourceSpan,
    },

    /// A cross-reference id the pathway does not declare.
    #[error("unknown cross-reference `{name}`")]
    #[diagnostic(code(cairn::cases::unknown_xref), help("{help}"))]
    UnknownXRef {
        /// The id as written.
        name: String,
        /// A suggestion or the list of cross-references.
        help: String,
        /// The id.
        #[label("not a cross-reference of this pathway")]
        at: SourceSpan,
    },

    /// A sentence (quote or statement id) that matches no statement of the guideline.
    #[error("no statement of the guideline matches `{quote}`")]
    #[diagnostic(code(cairn::cases::unknown_sentence), help("{help}"))]
    UnknownSentence {
        /// The sentence as written (shortened).
        quote: String,
        /// The nearest statement.
        help: String,
        /// The sentence.
        #[label("no such sentence")]
        at: SourceSpan,
    },

    /// A prefix quote that matches several statements.
    #[error("`{quote}` matches {count} statements of the guideline")]
    #[diagnostic(code(cairn::cases::ambiguous_sentence), help("{help}"))]
    AmbiguousSentence {
        /// The sentence as written (shortened).
        quote: String,
        /// How many statements it matches.
        count: usize,
        /// The candidates.
        help: String,
        /// The sentence.
        #[label("ambiguous")]
        at: SourceSpan,
    },

    /// A strength, timing or other fixed word that the runtime does not know.
    #[error("`{value}` is not a {what}")]
    #[diagnostic(code(cairn::cases::unknown_word), help("{help}"))]
    UnknownWord {
        /// What kind of word (a strength, a timing).
        what: &'static str,
        /// The value as written.
        value: String,
        /// The words there are.
        help: &'static str,
        /// The value.
        #[label("here")]
        at: SourceSpan,
    },

    /// Neither or both of `[facts]` and `facts_json`.
    #[error("{message}")]
    #[diagnostic(
        code(cairn::cases::facts),
        help(
            "give the facts as a `[facts]` table; `facts_json` (raw JSON text) is for facts TOML cannot write: malformed facts, with `error = \"invalid\"`, or a `null` for an optional fact"
        )
    )]
    Facts {
        /// What is wrong.
        message: &'static str,
        /// Where.
        #[label("here")]
        at: SourceSpan,
    },

    /// An `[expect]` table that asserts nothing.
    #[error("the case expects nothing")]
    #[diagnostic(
        code(cairn::cases::no_expectation),
        help(
            "say what must happen: `includes`, `excludes`, `exactly`, `[[expect.why]]`, `[[expect.details]]`, or `error = \"inconsistent\"` / `\"invalid\"`"
        )
    )]
    NoExpectation {
        /// The `[expect]` table.
        #[label("this table")]
        at: SourceSpan,
    },

    /// Expectations that cannot all hold, or that do not go together.
    #[error("{message}")]
    #[diagnostic(code(cairn::cases::conflicting_expectation), help("{help}"))]
    Conflicting {
        /// What conflicts.
        message: String,
        /// How to fix it.
        help: &'static str,
        /// Where.
        #[label("here")]
        at: SourceSpan,
        /// The other side, when there is one.
        #[label("and here")]
        other: Option<SourceSpan>,
    },
}

impl CaseError {
    /// The byte offset of the first label, for sorting errors into file order.
    pub fn offset(&self) -> usize {
        self.labels().and_then(|mut labels| labels.next()).map_or(0, |label| label.offset())
    }
}

/// A case file's errors for people, drawn by the toolchain's one renderer like every other
/// diagnostic (without the summary line: they are one part of `cairn test`'s report).
pub fn render_human(errors: &[CaseError], path: &str, text: &str, width: usize) -> String {
    diagnostics::render_reports(errors.iter().map(|e| (e, Source { path, text })), width)
}

/// A case file's errors for machines, in the toolchain's one JSON schema of a diagnostic.
pub fn to_json(errors: &[CaseError], path: &str, text: &str) -> Vec<JsonDiagnostic> {
    errors.iter().map(|e| json::to_json(e, Source { path, text }, FileKind::Case)).collect()
}
