//! Renderings of a behaviour report (`cairn analyse`): text for people (the properties, the
//! scopes, then each finding drawn like a compiler diagnostic with its witness) and JSON for
//! machines (the report's counts and results, each finding in the toolchain's one JSON schema
//! of a diagnostic, `crate::diagnostics::json`, with its `count` and `witness`).

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::behaviour::{BehaviourReport, Count, Witness};
use crate::diagnostics::json::{FileKind, JsonDiagnostic, to_json as diagnostic_json};
use crate::diagnostics::{Source, render_human};

/// The report for people, at a fixed width; `sources` are the texts the findings point into.
pub fn to_text(path: &str, report: &BehaviourReport, source: Source<'_>, width: usize) -> String {
    let mut out = String::new();
    if report.analysed {
        let _ = writeln!(
            out,
            "{path}: {} (of {} of the facts)",
            report.consistent_inputs.of("consistent input", "consistent inputs"),
            report.raw_inputs.of("combination", "combinations")
        );
    } else {
        let _ = writeln!(out, "{path}: not analysed");
    }
    if !report.properties.is_empty() {
        let holding = report.properties.iter().filter(|p| p.holds).count();
        let _ = writeln!(
            out,
            "\nproperties: {holding} of {} hold over every consistent input",
            report.properties.len()
        );
        for property in &report.properties {
            let verdict = if !property.holds {
                format!("FAILS for {}", property.counterexamples.inputs())
            } else if property.vacuous {
                "holds vacuously".to_string()
            } else {
                "holds".to_string()
            };
            let _ = writeln!(out, "  {}: {verdict}", property.name);
            if let Some(description) = &property.description {
                let _ = writeln!(out, "      {description}");
            }
        }
    }
    if !report.scopes.is_empty() {
        let _ = writeln!(out, "\nscopes:");
        for scope in &report.scopes {
            let _ = writeln!(
                out,
                "  {}: {}, {} without a recommendation",
                scope.name,
                scope.inputs.inputs(),
                scope.uncovered
            );
        }
    }
    let declared = report.overlaps.iter().filter(|o| o.declared_by.is_some()).count();
    if report.analysed {
        let _ = writeln!(
            out,
            "\noverlaps: {} of recommendations can apply together, {declared} of them declared",
            Count(report.overlaps.len() as u128).of("pair", "pairs")
        );
    }
    out.push('\n');
    out.push_str(&render_human(report.findings.iter().map(|f| (f, source)), width));
    out
}

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
    /// The finding in the toolchain's one JSON schema of a diagnostic (its fields inline).
    #[serde(flatten)]
    pub diagnostic: JsonDiagnostic,
    /// How many consistent inputs it is about, when it is about some.
    pub count: Option<u128>,
    /// An input for which it holds, confirmed by the interpreter.
    pub witness: Option<&'r Witness>,
}

/// The report as JSON; `source` is the pathway text the findings' spans point into.
pub fn to_json<'r>(report: &'r BehaviourReport, file: &str, source: &str) -> JsonReport<'r> {
    let findings: Vec<JsonFinding<'r>> = report
        .findings
        .iter()
        .map(|finding| JsonFinding {
            diagnostic: diagnostic_json(
                finding,
                Source { path: file, text: source },
                FileKind::Pathway,
            ),
            count: finding.count(),
            witness: finding.witness(),
        })
        .collect();
    let errors = findings.iter().filter(|f| f.diagnostic.severity == "error").count();
    JsonReport {
        file: file.to_string(),
        report,
        errors,
        warnings: findings.len() - errors,
        findings,
    }
}
