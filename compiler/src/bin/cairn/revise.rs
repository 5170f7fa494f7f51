//! `cairn revise <file.pathway> --guideline NEW.txt`: the impact of a new revision of the
//! guideline before it is adopted: statements added, removed and changed (word diff), and for
//! each the recommendations, conditions and conformance cases that rest on it; as text,
//! Markdown (for a pull-request comment) or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use cairn_compiler::analysis::revision::revision;
use cairn_compiler::backend::revision::{to_markdown, to_text};
use cairn_compiler::cases::{self, Case};
use cairn_compiler::driver::{Diagnostic, Sources, render_human};
use cairn_compiler::driver::{MAX_GUIDELINE_BYTES, read_text};
use cairn_compiler::guideline;

use crate::output::{ErrorFormat, WIDTH, print_diagnostics, print_json};
use crate::test::{MAX_CASE_BYTES, default_cases};

/// Output formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For the terminal.
    #[default]
    Text,
    /// For a pull-request comment.
    Markdown,
    /// For CI and tools.
    Json,
}

/// Arguments of `cairn revise`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// The new revision of the guideline text.
    #[arg(long, value_name = "NEW.txt")]
    guideline: PathBuf,
    /// The pathway's conformance cases, to name the ones resting on each change. By default
    /// the folder `cairn test` uses; none when there is none.
    #[arg(long, value_name = "DIR")]
    cases: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// How to print diagnostics when the pathway or the new text has errors.
    #[arg(long, value_enum, default_value_t)]
    error_format: ErrorFormat,
}

/// Exit 0 when nothing the pathway cites (or declares informational) changed or vanished; 1
/// when something did, or the pathway or the new text has errors; 2 for a cases folder that
/// cannot be read.
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let compilation = cairn_compiler::driver::compile_file_in(&args.file, allowed_dirs);
    let Some((pathway, analysis)) = compilation.checked() else {
        print_diagnostics(&compilation, args.error_format);
        return ExitCode::FAILURE;
    };
    let new_path = args.guideline.display().to_string();
    let text = match read_text(&args.guideline, MAX_GUIDELINE_BYTES) {
        Ok(text) => text,
        Err(error) => {
            let diagnostics = [Diagnostic::from(error)];
            eprint!("{}", render_human(&diagnostics, compilation.sources(), WIDTH));
            return ExitCode::FAILURE;
        }
    };
    let new = match guideline::segment(&text) {
        Ok(new) => new,
        Err(errors) => {
            let diagnostics: Vec<Diagnostic> = errors.into_iter().map(Diagnostic::from).collect();
            let sources = Sources { guideline: Some((&new_path, &text)), ..compilation.sources() };
            eprint!("{}", render_human(&diagnostics, sources, WIDTH));
            return ExitCode::FAILURE;
        }
    };
    let cases = match load_cases(args, pathway) {
        Ok(cases) => cases,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let refs: Vec<_> = cases.iter().map(Case::rests_on).collect();
    let report = revision(pathway, &analysis.coverage, &new, &new_path, &refs);
    match args.format {
        Format::Text => print!("{}", to_text(&report)),
        Format::Markdown => print!("{}", to_markdown(&report)),
        Format::Json => print_json(&report),
    }
    if report.cited_changes > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The cases that check against the pathway; malformed ones are left out with a note (`cairn
/// test` reports them).
fn load_cases(args: &Args, pathway: &cairn_compiler::ir::Pathway) -> Result<Vec<Case>, String> {
    let folder = match &args.cases {
        Some(folder) => folder.clone(),
        None => match default_cases(&args.file) {
            Ok(folder) => folder,
            Err(_) => return Ok(Vec::new()),
        },
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| format!("cannot read the folder `{}`: {e}", folder.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut cases = Vec::with_capacity(files.len());
    let mut skipped = 0;
    for file in &files {
        let name = file.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        match read_text(file, MAX_CASE_BYTES)
            .ok()
            .and_then(|text| cases::check_case(&name, &text, pathway).ok())
        {
            Some(case) => cases.push(case),
            None => skipped += 1,
        }
    }
    if skipped > 0 {
        eprintln!(
            "note: {skipped} case file{} in `{}` left out: run `cairn test` to see why",
            if skipped == 1 { "" } else { "s" },
            folder.display()
        );
    }
    Ok(cases)
}
