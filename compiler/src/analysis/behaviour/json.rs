//! The JSON form of a behaviour report, as `cairn analyse --format json` prints it: the report's
//! counts and results, and each finding as `{code, severity, message, line, column, count,
//! help, witness}`.

use miette::{Diagnostic as _, Severity};
use serde::Serialize;

use super::{BehaviourReport, Witness};
use crate::span::line_col;

/// The whole JSON document.
#[derive(Debug, Clone, Serialize)]
pub struct JsonReport<'r> {
    /// The pathway file, as given.
    pub file: String,
    /// The report's counts and per-item results, flattened into this object.
    #[serde(flatten)]
    pub report: &'r BehaviourReport,
    /// How many findings are errors.
    pub errors: usize,
    /// How many are warnings.
    pub warnings: usize,
    /// Every finding.
    pub findings: Vec<JsonFinding<'r>>,
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct JsonFinding<'r> {
    /// Stable code, such as `cairn::analyse::assert_fails`.
    pub code: String,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// 1-based line of what it is about in the pathway file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// How many consistent inputs it is about, when it is about some.
    pub count: Option<u128>,
    /// The help, which repeats the witness in words.
    pub help: Option<String>,
    /// An input for which it holds, confirmed by the interpreter.
    pub witness: Option<&'r Witness>,
}

impl BehaviourReport {
    /// The report as JSON; `source` is the pathway text the findings' spans point into.
    pub fn to_json<'r>(&'r self, file: &str, source: &str) -> JsonReport<'r> {
        let findings: Vec<JsonFinding<'r>> = self
            .findings
            .iter()
            .map(|finding| {
                let offset =
                    finding.labels().into_iter().flatten().next().map_or(0, |l| l.offset());
                let (line, column) = line_col(source, offset);
                JsonFinding {
                    code: finding.code().map(|c| c.to_string()).unwrap_or_default(),
                    severity: match finding.severity().unwrap_or(Severity::Error) {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Advice => "advice",
                    },
                    message: finding.to_string(),
                    line,
                    column,
                    count: finding.count(),
                    help: finding.help().map(|h| h.to_string()),
                    witness: finding.witness(),
                }
            })
            .collect();
        let errors = findings.iter().filter(|f| f.severity == "error").count();
        JsonReport {
            file: file.to_string(),
            report: self,
            errors,
            warnings: findings.len() - errors,
            findings,
        }
    }
}
