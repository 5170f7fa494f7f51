//! `cairn coverage <file.pathway>`: which sentences of the guideline the pathway accounts for,
//! as text, JSON or Markdown, failing under a threshold.

use std::path::PathBuf;
use std::process::ExitCode;

use cairn_compiler::backend::coverage::{to_markdown, to_text};

use crate::output::{ErrorFormat, print_diagnostics, print_json};

/// Output formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    #[default]
    Text,
    /// For CI and tools.
    Json,
    /// For review documents.
    Markdown,
}

/// Arguments of `cairn coverage`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Exit 1 when fewer than this percentage of statements are accounted for.
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    fail_under: Option<f64>,
    /// How to print diagnostics when the pathway does not check.
    #[arg(long, value_enum, default_value_t)]
    error_format: ErrorFormat,
}

/// A percentage from 0 to 100, with or without `%`. Clap prefixes the error with the value
/// and the option, so the message only says what was expected.
fn parse_percent(text: &str) -> Result<f64, String> {
    match text.strip_suffix('%').unwrap_or(text).parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err("expected a percentage from 0 to 100, such as 95 or 97.5".to_string()),
    }
}

/// Exit 0 when covered enough, 1 under `--fail-under` or when the pathway has errors (2 for a
/// bad `--fail-under`, from clap).
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let compilation = cairn_compiler::driver::compile_file_in(&args.file, allowed_dirs);
    let Some((_, analysis)) = compilation.checked() else {
        print_diagnostics(&compilation, args.error_format);
        return ExitCode::FAILURE;
    };
    let report = &analysis.coverage;
    match args.format {
        Format::Text => print!("{}", to_text(report)),
        Format::Json => print_json(report),
        Format::Markdown => print!("{}", to_markdown(report)),
    }
    if let Some(threshold) = args.fail_under {
        if !report.meets(threshold) {
            let uncovered = match report.uncovered {
                1 => "1 statement is".to_string(),
                n => format!("{n} statements are"),
            };
            eprintln!(
                "error: coverage of {:.2}% is under the threshold of {threshold}%: {uncovered} not accounted for",
                report.percent
            );
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
