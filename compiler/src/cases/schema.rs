//! The case file format as TOML reads it: every key spanned, unknown keys refused. `check.rs`
//! turns this raw form into a [`super::Case`] checked against its pathway.
//!
//! ```toml
//! description = "MRI within a week when spinal metastases are suspected"
//! rationale = "the flow without neurological symptoms, for a suspected metastasis"
//! checks = ["Carry out MRI within 1 week..."]
//!
//! [facts]
//! cancer_history = "current"
//! # ... every fact of the pathway
//!
//! [expect]
//! includes = ["mri_within_1_week"]
//! excludes = ["ct_if_mri_contraindicated"]
//!
//! [[expect.why]]
//! recommendation = "mri_within_1_week"
//! sentences = ["Past or current cancer diagnosis"]
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The `[facts]` table: each fact's name and value, with their places in the file.
pub type FactsTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// A case file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    /// What the case checks, in a line.
    pub description: Spanned<String>,
    /// Why the expectation is right: for a pathway case, the guideline sentence it checks.
    pub rationale: Spanned<String>,
    /// The guideline sentences the case checks (quotes, prefixes ending in `...`, or ids).
    #[serde(default)]
    pub checks: Vec<Spanned<String>>,
    /// The facts, one key per fact.
    pub facts: Option<Spanned<FactsTable>>,
    /// The facts as raw JSON text, for malformed input TOML cannot write (duplicate keys,
    /// `null`, not an object).
    pub facts_json: Option<Spanned<String>>,
    /// What must happen.
    pub expect: Spanned<RawExpect>,
}

/// The `[expect]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    /// Recommendations that must be in the plan.
    #[serde(default)]
    pub includes: Vec<Spanned<String>>,
    /// Recommendations that must not be in the plan.
    #[serde(default)]
    pub excludes: Vec<Spanned<String>>,
    /// The whole plan, in order.
    pub exactly: Option<Spanned<Vec<Spanned<String>>>>,
    /// That the facts are refused, and how.
    pub error: Option<Spanned<RawErrorKind>>,
    /// The constraint an inconsistent input breaks.
    pub constraint: Option<Spanned<String>>,
    /// Text the refusal's message must contain.
    pub message_contains: Option<Spanned<String>>,
    /// Sentences that must justify a recommendation.
    #[serde(default)]
    pub why: Vec<Spanned<RawWhy>>,
    /// Fields of a recommendation in the plan.
    #[serde(default)]
    pub details: Vec<Spanned<RawDetails>>,
}

/// `error = "inconsistent"` or `error = "invalid"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawErrorKind {
    /// The facts break a constraint.
    Inconsistent,
    /// The facts do not fit the pathway's facts.
    Invalid,
}

/// One `[[expect.why]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhy {
    /// The recommendation explained.
    pub recommendation: Spanned<String>,
    /// Sentences among its citations and the citations of its reasons.
    #[serde(default)]
    pub sentences: Vec<Spanned<String>>,
    /// Sentences that must not be among them.
    #[serde(default)]
    pub not_sentences: Vec<Spanned<String>>,
    /// The conditions of its reasons, exactly and in order, as the pathway renders them.
    pub conditions: Option<Vec<Spanned<String>>>,
}

/// One `[[expect.details]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetails {
    /// The recommendation described; it must be in the plan.
    pub recommendation: Spanned<String>,
    /// Its strength, e.g. `"do not offer"`.
    pub strength: Option<Spanned<String>>,
    /// Its timing, e.g. `"within 24 hours"`, or `"none"`.
    pub timing: Option<Spanned<String>>,
    /// Its dose as displayed, e.g. `"16 mg (oral)"` or, for dose schedules, each drug's in
    /// words joined by `; ` (`"oral amoxicillin 500 mg three times a day for 5 days"`), or
    /// `"none"`.
    pub dose: Option<Spanned<String>>,
    /// Its display text.
    pub text: Option<Spanned<String>>,
    /// Its cross-references' ids, in order.
    pub see: Option<Vec<Spanned<String>>>,
}

/// Reads the raw case, or the TOML reader's error with its span.
pub fn parse(text: &str) -> Result<RawCase, toml::de::Error> {
    toml::from_str(text)
}
