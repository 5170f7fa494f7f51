//! Renderings of a behaviour report (`cairn analyse`): text for people (the properties, the
//! scopes, then each finding drawn like a compiler diagnostic with its witness) and JSON for
//! machines (the report's counts and results, each finding as `{code, severity, message, line,
//! column, count, help, witness}`).

use std::fmt::Write as _;

use miette::{Diagnostic as _, Severity};
use serde::Serialize;

use crate::analysis::behaviour::{BehaviourReport, Count, Witness};
use crate::analysis::{BehaviourFinding, Finding};
use crate::diagnostics::{Diagnostic, Sources, render_human};
use crate::span::line_col;

/// The report for people, at a fixed width; `sources` are the texts the findings point into.
pub fn to_text(path: &str, report: &BehaviourReport, sources: Sources<'_>, width: usize) -> String {
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
    let diagnostics: Vec<Diagnostic> = report
        .findings
        .iter()
        .cloned()
        .map(|f: BehaviourFinding| Diagnostic::Analysis(Finding::Behaviour(f)))
        .collect();
    out.push('\n');
    out.push_str(&render_human(&diagnostics, sources, width));
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
    /// Stable code, such as `cairn::analysis::assert_fails`.
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

/// The report as JSON; `source` is the pathway text the findings' spans point into.
pub fn to_json<'r>(report: &'r BehaviourReport, file: &str, source: &str) -> JsonReport<'r> {
    let findings: Vec<JsonFinding<'r>> = report
        .findings
        .iter()
        .map(|finding| {
            let offset = finding.labels().into_iter().flatten().next().map_or(0, |l| l.offset());
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
        report,
        errors,
        warnings: findings.len() - errors,
        findings,
    }
}
