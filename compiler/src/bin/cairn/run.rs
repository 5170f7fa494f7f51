//! `cairn run <file.pathway> --facts <file|->`: evaluates the pathway in the interpreter and
//! prints the plan as JSON; `--batch <file|->` does it for every line of a JSON Lines stream
//! (see `batch.rs`).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn_compiler::driver::SourceError;
use cairn_compiler::driver::read_text;
use cairn_compiler::interp;
use cairn_runtime::FactsError;

use crate::batch;
use crate::output::{ErrorFormat, print_diagnostics, print_json};

/// The largest facts document read, in bytes.
const MAX_FACTS_BYTES: u64 = 16 << 20;

/// Arguments of `cairn run`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// The facts as JSON: a file, or `-` for standard input.
    #[arg(
        long,
        value_name = "FILE|-",
        required_unless_present = "batch",
        conflicts_with = "batch"
    )]
    facts: Option<PathBuf>,
    /// Facts as JSON Lines (one facts object per line): a file, or `-` for standard input.
    /// Prints one plan per line, compact, in input order; a refused line prints
    /// `{"line": N, "error": {...}}` instead and the rest go on. Blank lines are skipped (they
    /// still count in line numbers). Exit 1 if any line was refused.
    #[arg(long, value_name = "FILE|-")]
    batch: Option<PathBuf>,
    /// With `--batch`: stop at the first refused line, after printing its error line.
    #[arg(long)]
    fail_fast: bool,
    /// How to print errors: the pathway's diagnostics, and refused facts (in JSON, on stdout:
    /// `{"error": "invalid", "message": ...}` or `{"error": "inconsistent", "constraint": ...,
    /// "description": ...}`).
    #[arg(long, value_enum, default_value_t)]
    error_format: ErrorFormat,
}

/// Exit 0 with a plan on stdout (with `--batch`: every line gave one); 1 when the pathway has
/// errors or facts are refused; 2 for `--fail-fast` without `--batch`.
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    // A usage error, checked here because clap's `requires` does not hold a flag to it.
    if args.fail_fast && args.batch.is_none() {
        eprintln!("error: `--fail-fast` needs `--batch`");
        return ExitCode::from(2);
    }
    let compilation = cairn_compiler::driver::compile_file_in(&args.file, allowed_dirs);
    let Some((pathway, _)) = compilation.checked() else {
        print_diagnostics(&compilation, args.error_format);
        return ExitCode::FAILURE;
    };
    let facts_path = match (&args.batch, &args.facts) {
        (Some(input), _) => {
            return batch::run(pathway, input, batch::Options { fail_fast: args.fail_fast });
        }
        (None, Some(path)) => path,
        // clap requires one of the two.
        (None, None) => return ExitCode::from(2),
    };
    let facts = match read_facts(facts_path) {
        Ok(text) => text,
        Err(message) => {
            // Not "invalid facts": they could not even be read.
            let human = message.clone();
            return refuse(args.error_format, &human, &FactsError::Invalid { message });
        }
    };
    match interp::run_json(pathway, &facts) {
        Ok(plan) => {
            print_json(&plan);
            ExitCode::SUCCESS
        }
        Err(error) => refuse(args.error_format, &error.to_string(), &error),
    }
}

/// Prints why the facts were refused, in words on stderr or as the error's JSON on stdout.
fn refuse(format: ErrorFormat, human: &str, error: &FactsError) -> ExitCode {
    match format {
        ErrorFormat::Human => eprintln!("error: {human}"),
        ErrorFormat::Json => print_json(error),
    }
    ExitCode::FAILURE
}

/// The facts document as text, from a file or standard input, at most [`MAX_FACTS_BYTES`]; a
/// leading byte order mark (which some Windows tools write) is dropped, as JSON forbids it.
fn read_facts(path: &Path) -> Result<String, String> {
    let text = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_FACTS_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read the facts from standard input: {e}"))?;
        if bytes.len() as u64 > MAX_FACTS_BYTES {
            return Err(format!(
                "the facts on standard input are larger than the limit of {MAX_FACTS_BYTES} bytes"
            ));
        }
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "the facts on standard input are not UTF-8 text: invalid byte at offset {}",
                e.utf8_error().valid_up_to()
            )
        })?
    } else {
        read_text(path, MAX_FACTS_BYTES).map_err(|error| match error {
            SourceError::Unreadable { path, reason } => {
                format!("cannot read the facts file `{path}`: {reason}")
            }
            SourceError::TooLarge { path, size, limit } => {
                format!("the facts file `{path}` is {size} bytes, more than the limit of {limit}")
            }
            SourceError::InvalidUtf8 { path, offset } => {
                format!(
                    "the facts file `{path}` is not UTF-8 text: invalid byte at offset {offset}"
                )
            }
            other => other.to_string(),
        })?
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}
