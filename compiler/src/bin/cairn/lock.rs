//! `cairn lock <file.pathway>`: records, after review, the full text of every guideline
//! statement the pathway cites or declares informational, in the lock file beside it (see
//! `cairn_compiler::lock`), so that `cairn check` fails when that text changes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn_compiler::driver::Diagnostic;
use cairn_compiler::driver::{compile_file_locked, lock_path};
use cairn_compiler::lock::{self, LockError};

use crate::build::{report, write_all};
use crate::output::{ErrorFormat, print_diagnostics};

/// Arguments of `cairn lock`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// How to print diagnostics when the pathway does not check.
    #[arg(long, value_enum, default_value_t)]
    error_format: ErrorFormat,
}

/// Exit 0 when the lock file was written, 1 when the pathway has errors (other than its lock
/// file's) or the file could not be written.
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let compilation = compile_file_locked(&args.file, allowed_dirs);
    let (lock_findings, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        compilation.diagnostics.iter().partition(|d| matches!(d, Diagnostic::Lock(_)));
    let Some(pathway) =
        compilation.pathway.as_ref().filter(|_| !others.iter().any(|d| d.is_error()))
    else {
        let errors: Vec<Diagnostic> =
            others.into_iter().filter(|d| d.is_error()).cloned().collect();
        print_diagnostics(
            &cairn_compiler::Compilation { diagnostics: errors, ..compilation },
            args.error_format,
        );
        return ExitCode::FAILURE;
    };
    let target = lock_path(&args.file);
    let name = target.file_name().map(PathBuf::from).unwrap_or_else(|| target.clone());
    let folder = match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let pathway_name = args
        .file
        .file_name()
        .map_or_else(|| args.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let recorded = lock::record(pathway);
    let text = lock::render(&recorded, &pathway_name);
    if let Err(error) = write_all(folder, &[(name, text)]) {
        return report(&error, &args.file, args.error_format);
    }
    let count = |f: fn(&LockError) -> bool| {
        lock_findings.iter().filter(|d| matches!(d, Diagnostic::Lock(e) if f(e))).count()
    };
    let changed = count(|e| matches!(e, LockError::Changed { .. }));
    let added = count(|e| matches!(e, LockError::Unlocked { .. }));
    let dropped = count(|e| matches!(e, LockError::Stale { .. }));
    eprintln!(
        "wrote {}: {} citations ({changed} changed, {added} new, {dropped} dropped since the last lock)",
        target.display(),
        recorded.entries.len()
    );
    ExitCode::SUCCESS
}
