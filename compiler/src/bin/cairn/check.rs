//! `cairn check <file.pathway>`: type-checks a pathway, compares its citations with its lock
//! file, and reports every diagnostic.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::output::{DiagnosticFormat, print_diagnostics};

/// Arguments of `cairn check`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t)]
    error_format: DiagnosticFormat,
    /// Treat warnings as errors (exit 1 when there is any).
    #[arg(long)]
    deny_warnings: bool,
    /// Also report the warnings of `cairn analyse` (its errors are always reported).
    #[arg(long)]
    analyse: bool,
}

/// Exit 0 without errors (warnings are printed), 1 with errors.
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let mut compilation = cairn_compiler::driver::compile_file_locked(&args.file, allowed_dirs);
    if args.analyse {
        cairn_compiler::driver::add_analyse_warnings(&mut compilation);
    }
    print_diagnostics(&compilation, args.error_format);
    let failed =
        compilation.has_errors() || (args.deny_warnings && !compilation.diagnostics.is_empty());
    if args.error_format == DiagnosticFormat::Human && compilation.diagnostics.is_empty() {
        eprintln!("{}: no problems found", args.file.display());
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
