//! `cairn analyse <file.pathway>`: what the pathway does over every input its constraints allow:
//! the assertions proven or refuted, scopes, overlaps, and every finding with its witness.

use std::path::PathBuf;
use std::process::ExitCode;

use cairn_compiler::analysis::Finding;
use cairn_compiler::backend::behaviour::{to_json, to_text};
use cairn_compiler::diagnostics::Diagnostic;

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
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let compilation = cairn_compiler::driver::compile_file_in(&args.file, allowed_dirs);
    // Errors of `analyse` itself are the report; any other error means there is nothing to
    // analyse.
    let other_errors = compilation
        .diagnostics
        .iter()
        .any(|d| d.is_error() && !matches!(d, Diagnostic::Analysis(Finding::Behaviour(_))));
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
        Format::Json => print_json(&to_json(report, &path, &compilation.source)),
        Format::Text => print!("{}", to_text(&path, report, compilation.sources(), WIDTH)),
    }
    if report.errors().next().is_some() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
