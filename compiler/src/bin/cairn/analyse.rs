//! `cairn analyse <file.pathway>`: what the pathway does over every input its constraints allow:
//! the assertions proven or refuted, scopes, overlaps, and every finding with its witness.

use std::path::PathBuf;
use std::process::ExitCode;

use cairn_compiler::analysis::{AnalyseFinding, BehaviourReport, Finding};
use cairn_compiler::diagnostics::{Diagnostic, render_human};

use crate::output::{ErrorFormat, WIDTH, print_diagnostics, print_json};

/// Output formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: the properties, then each finding with its source line and witness.
    #[default]
    Text,
    /// For CI and tools.
    Json,
}

/// Arguments of `cairn analyse`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// How to print diagnostics when the pathway does not check.
    #[arg(long, value_enum, default_value_t)]
    error_format: ErrorFormat,
}

/// Exit 0 when the analysis finds no error (warnings are printed), 1 when it finds one or the
/// pathway does not check.
pub fn run(args: &Args) -> ExitCode {
    let compilation = cairn_compiler::compile_file(&args.file);
    // Errors of `analyse` itself are the report; any other error means there is nothing to
    // analyse.
    let other_errors = compilation
        .diagnostics
        .iter()
        .any(|d| d.is_error() && !matches!(d, Diagnostic::Analysis(Finding::Analyse(_))));
    let (Some(_), Some(analysis), false) =
        (&compilation.pathway, &compilation.analysis, other_errors)
    else {
        let errors: Vec<Diagnostic> =
            compilation.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
        let only_errors = cairn_compiler::Compilation { diagnostics: errors, ..compilation };
        print_diagnostics(&only_errors, args.error_format);
        return ExitCode::FAILURE;
    };
    let report = &analysis.behaviour;
    let path = args.file.display().to_string();
    match args.format {
        Format::Json => print_json(&report.to_json(&path, &compilation.source)),
        Format::Text => {
            let sources = compilation.sources();
            print!("{}", to_text(&path, report, |findings| render_human(findings, sources, WIDTH)));
        }
    }
    if report.errors().next().is_some() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The report for people; `render` draws the findings as diagnostics.
fn to_text(
    path: &str,
    report: &BehaviourReport,
    render: impl FnOnce(&[Diagnostic]) -> String,
) -> String {
    let mut out = String::new();
    if report.analysed {
        out.push_str(&format!(
            "{path}: {} consistent inputs (of {} combinations of the facts)\n",
            report.consistent_inputs, report.raw_inputs
        ));
    }
    if !report.properties.is_empty() {
        out.push_str("\nproperties:\n");
        for property in &report.properties {
            let verdict = if !property.holds {
                format!("fails ({} counterexamples)", property.counterexamples)
            } else if property.vacuous {
                "holds vacuously".to_string()
            } else {
                "holds".to_string()
            };
            let description =
                property.description.as_deref().map(|d| format!(": {d}")).unwrap_or_default();
            out.push_str(&format!("  {verdict:<8} {}{description}\n", property.name));
        }
    }
    if !report.scopes.is_empty() {
        out.push_str("\nscopes:\n");
        for scope in &report.scopes {
            out.push_str(&format!(
                "  {}: {} inputs, {} without a recommendation\n",
                scope.name, scope.inputs, scope.uncovered
            ));
        }
    }
    let diagnostics: Vec<Diagnostic> = report
        .findings
        .iter()
        .cloned()
        .map(|f: AnalyseFinding| Diagnostic::Analysis(Finding::Analyse(f)))
        .collect();
    out.push('\n');
    out.push_str(&render(&diagnostics));
    out
}
