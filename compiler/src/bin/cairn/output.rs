//! What every subcommand shares: the `--error-format` choice (human, JSON, SARIF) and printing
//! a compilation's diagnostics in it.

use std::io::Write;

use cairn_compiler::Compilation;
use cairn_compiler::driver::{render_human, to_json};
use cairn_compiler::sarif::to_sarif;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ErrorFormat {
    /// Source lines with carets, for people (on stderr).
    #[default]
    Human,
    /// One JSON document, for machines (on stdout).
    Json,
}

/// How the diagnostics of `cairn check` and `cairn gate` are printed: the error formats, and
/// SARIF for code scanning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiagnosticFormat {
    /// Source lines with carets, for people (on stderr).
    #[default]
    Human,
    /// One JSON document, for machines (on stdout).
    Json,
    /// SARIF 2.1.0, for code-scanning services (on stdout).
    Sarif,
}

impl From<ErrorFormat> for DiagnosticFormat {
    fn from(format: ErrorFormat) -> Self {
        match format {
            ErrorFormat::Human => DiagnosticFormat::Human,
            ErrorFormat::Json => DiagnosticFormat::Json,
        }
    }
}

/// Width at which human diagnostics wrap; fixed so output is the same on every terminal.
pub const WIDTH: usize = 100;

/// Prints the compilation's diagnostics; in JSON always (an empty list too), in human form only
/// when there are some.
pub fn print_diagnostics(compilation: &Compilation, format: impl Into<DiagnosticFormat>) {
    match format.into() {
        DiagnosticFormat::Human => {
            if !compilation.diagnostics.is_empty() {
                eprint!("{}", render_human(&compilation.diagnostics, compilation.sources(), WIDTH));
            }
        }
        DiagnosticFormat::Json => {
            let json = serde_json::json!({
                "file": compilation.path.display().to_string(),
                "errors": compilation.diagnostics.iter().filter(|d| d.is_error()).count(),
                "warnings": compilation.diagnostics.iter().filter(|d| !d.is_error()).count(),
                "diagnostics": to_json(&compilation.diagnostics, compilation.sources()),
            });
            print_json(&json);
        }
        DiagnosticFormat::Sarif => {
            print_json(&to_sarif(&compilation.diagnostics, compilation.sources()));
        }
    }
}

/// Prints a value as pretty JSON and a newline on stdout. A closed pipe is not an error worth
/// a panic: the reader has gone.
pub fn print_json(value: &impl serde::Serialize) {
    let text =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
}
