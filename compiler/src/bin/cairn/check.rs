//! `cairn check <file.pathway>`: type-checks a pathway and reports every diagnostic.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::output::{ErrorFormat, print_diagnostics};

/// Arguments of `cairn check`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t)]
    error_format: ErrorFormat,
    /// Treat warnings as errors (exit 1 when there is any).
    #[arg(long)]
    deny_warnings: bool,
}

/// Exit 0 without errors (warnings are printed), 1 with errors.
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let compilation = cairn_compiler::driver::compile_file_in(&args.file, allowed_dirs);
    print_diagnostics(&compilation, args.error_format);
    let failed =
        compilation.has_errors() || (args.deny_warnings && !compilation.diagnostics.is_empty());
    if args.error_format == ErrorFormat::Human && compilation.diagnostics.is_empty() {
        eprintln!("{}: no problems found", args.file.display());
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
