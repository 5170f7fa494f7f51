//! The error a pathway returns when it refuses a set of facts.
//!
//! Part of `cairn-runtime`: generated engines and the interpreter return the same
//! [`FactsError`], so embedders handle one error type.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a pathway refused a set of facts.
///
/// JSON: `{"error": "inconsistent", "constraint": ..., "description": ...}` or
/// `{"error": "invalid", "message": ...}`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "lowercase")]
pub enum FactsError {
    /// The facts break a constraint of the pathway.
    Inconsistent {
        /// The name of the broken constraint, as declared in the pathway source.
        constraint: Cow<'static, str>,
        /// What the constraint requires, in words.
        description: Cow<'static, str>,
    },
    /// The facts JSON was malformed or did not match the pathway's facts.
    Invalid {
        /// What was wrong: names the fact and what was expected.
        message: String,
    },
}

impl fmt::Display for FactsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactsError::Inconsistent { constraint, description } => {
                write!(f, "inconsistent facts: constraint `{constraint}` is broken: {description}")
            }
            FactsError::Invalid { message } => write!(f, "invalid facts: {message}"),
        }
    }
}

impl std::error::Error for FactsError {}
