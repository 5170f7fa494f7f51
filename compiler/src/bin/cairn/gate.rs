//! `cairn gate <file.pathway>`: the one command CI runs. It fails on anything `cairn check` or
//! `cairn analyse` would report, errors and warnings alike: syntax and type errors, a cited
//! statement whose text changed since the lock file, a missing lock file, uncovered statements,
//! unused items, and the analysis's undeclared overlaps, scope gaps and failed assertions.
//! The same as `cairn check --analyse --deny-warnings`.

use std::path::PathBuf;
use std::process::ExitCode;

use cairn_compiler::driver::{add_analyse_warnings, compile_file_locked};

use crate::output::{DiagnosticFormat, print_diagnostics};

/// Arguments of `cairn gate`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t)]
    error_format: DiagnosticFormat,
}

/// Exit 0 when nothing at all is reported, 1 otherwise.
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let mut compilation = compile_file_locked(&args.file, allowed_dirs);
    add_analyse_warnings(&mut compilation);
    print_diagnostics(&compilation, args.error_format);
    if !compilation.diagnostics.is_empty() {
        return ExitCode::FAILURE;
    }
    if args.error_format == DiagnosticFormat::Human {
        let coverage = compilation.analysis.as_ref().map(|a| &a.coverage);
        eprintln!(
            "{}: gate passed: no errors, no warnings, {} of {} guideline statements accounted for, every cited statement as locked",
            args.file.display(),
            coverage.map_or(0, |c| c.implemented + c.informational),
            coverage.map_or(0, |c| c.total),
        );
    }
    ExitCode::SUCCESS
}
