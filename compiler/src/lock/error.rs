//! Errors of the lock check: what `cairn check` reports when the guideline text a pathway cites
//! is not the text recorded in its lock file. Spans point into the pathway source (the quote).

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A difference between the pathway's citations and its lock file, or a lock file that cannot
/// be used.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum LockError {
    /// The statement a quote resolves to has a different full text from the one recorded.
    #[error("the statement cited as \"{quote}\" changed since it was locked")]
    #[diagnostic(
        code(cairn::lock::changed),
        help(
            "word diff, [-locked-]{{+now+}}: {diff}\nresting on it: {resting}\nreview them against the new text, then run `cairn lock` on the pathway to record it"
        )
    )]
    Changed {
        /// The quote as written (shortened).
        quote: String,
        /// The locked text against the current one, word by word.
        diff: String,
        /// The recommendations and conditions that rest on the statement, in words.
        resting: String,
        /// The quote.
        #[label("this statement's full text differs from the lock file")]
        at: SourceSpan,
    },

    /// A quote that the lock file does not record, so its full text was never reviewed.
    #[error("the citation \"{quote}\" is not in the lock file")]
    #[diagnostic(
        code(cairn::lock::unlocked),
        help(
            "it resolves to: \"{text}\"; check that this is the statement meant, then run `cairn lock` on the pathway to record it"
        )
    )]
    Unlocked {
        /// The quote as written (shortened).
        quote: String,
        /// The full text it resolves to.
        text: String,
        /// The quote.
        #[label("not recorded")]
        at: SourceSpan,
    },

    /// An entry of the lock file that no citation uses any more.
    #[error("the lock file records \"{quote}\", which the pathway no longer cites")]
    #[diagnostic(
        code(cairn::lock::stale),
        severity(Warning),
        help("run `cairn lock` on the pathway to drop it")
    )]
    Stale {
        /// The recorded quote (shortened).
        quote: String,
    },

    /// No lock file beside the pathway.
    #[error("no lock file `{path}`: the full text of the cited statements is not pinned")]
    #[diagnostic(
        code(cairn::lock::missing),
        severity(Warning),
        help(
            "run `cairn lock` on the pathway and commit the file beside it, so that a changed statement fails `cairn check`"
        )
    )]
    Missing {
        /// Where the lock file was looked for.
        path: String,
    },

    /// A lock file that cannot be read as one.
    #[error("the lock file `{path}` is malformed: {reason}")]
    #[diagnostic(
        code(cairn::lock::malformed),
        help(
            "the lock file is written by `cairn lock`; restore it from version control or write it again"
        )
    )]
    Malformed {
        /// The lock file.
        path: String,
        /// What is wrong.
        reason: String,
    },
}
