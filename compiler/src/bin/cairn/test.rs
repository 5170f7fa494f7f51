//! `cairn test <file.pathway> [CASES...]`: runs conformance cases through the interpreter,
//! prints one line per case and a diff for each failure, and ends with `N passed, N failed`;
//! `--coverage` adds what the cases exercised, joined with guideline coverage.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cairn_compiler::cases::report::{CaseRun, TestCoverage, test_coverage, to_text};
use cairn_compiler::cases::{self, Case, JsonCaseError, Verdict};
use cairn_compiler::driver::SourceError;
use cairn_compiler::driver::read_text;
use cairn_runtime::{FactsError, Plan};

use crate::output::{ErrorFormat, WIDTH, print_diagnostics, print_json};

/// The largest case file read, in bytes.
const MAX_CASE_BYTES: u64 = 1 << 20;

/// Output formats of `cairn test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// One line per case, diffs and diagnostics, for people.
    #[default]
    Text,
    /// One JSON document, for machines.
    Json,
}

/// Arguments of `cairn test`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// Case files, or folders of them (every `*.toml` inside). Without any, the pathway's
    /// folder under `conformance/cases/` of the workspace, else `cases/` beside the pathway.
    cases: Vec<PathBuf>,
    /// A folder of cases, instead of the default one.
    #[arg(long = "cases", value_name = "DIR", conflicts_with = "cases")]
    cases_dir: Option<PathBuf>,
    /// Also report what the cases exercise: recommendations fired and not, conditions true
    /// and false, constraints broken, and the passing cases behind each guideline sentence.
    #[arg(long)]
    coverage: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// How to print diagnostics when the pathway does not check.
    #[arg(long, value_enum, default_value_t)]
    error_format: ErrorFormat,
}

/// What happened to one case file.
enum Outcome {
    /// The file could not be read or checked.
    Malformed { human: String, json: Vec<JsonCaseError> },
    /// It ran.
    Ran { case: Box<Case>, result: Result<Plan<'static>, FactsError>, verdict: Verdict },
}

/// One case file and its outcome.
struct Entry {
    name: String,
    file: String,
    outcome: Outcome,
}

impl Entry {
    fn passed(&self) -> bool {
        matches!(&self.outcome, Outcome::Ran { verdict, .. } if verdict.passed())
    }
}

/// Exit 0 when every case passes; 1 when one fails, a case file is malformed or the pathway
/// has errors; 2 when no cases can be found.
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let compilation = cairn_compiler::driver::compile_file_in(&args.file, allowed_dirs);
    let Some((pathway, analysis)) = compilation.checked() else {
        print_diagnostics(&compilation, args.error_format);
        return ExitCode::FAILURE;
    };
    let files = match case_files(args) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let entries: Vec<Entry> = files
        .iter()
        .map(|file| {
            let name = file.file_stem().map_or_else(
                || file.display().to_string(),
                |stem| stem.to_string_lossy().into_owned(),
            );
            let shown = file.display().to_string();
            let outcome = match read_text(file, MAX_CASE_BYTES) {
                Err(error) => {
                    let error =
                        cases::CaseError::Unreadable { path: shown.clone(), reason: reason(error) };
                    Outcome::Malformed {
                        human: cases::render_human(std::slice::from_ref(&error), &shown, "", WIDTH),
                        json: cases::to_json(&[error], &shown, ""),
                    }
                }
                Ok(text) => match cases::check_case(&name, &text, pathway) {
                    Err(errors) => Outcome::Malformed {
                        human: cases::render_human(&errors, &shown, &text, WIDTH),
                        json: cases::to_json(&errors, &shown, &text),
                    },
                    Ok(case) => {
                        let (result, verdict) = cases::run_case(pathway, &case);
                        Outcome::Ran { case: Box::new(case), result, verdict }
                    }
                },
            };
            Entry { name, file: shown, outcome }
        })
        .collect();

    let coverage = args.coverage.then(|| {
        let runs: Vec<CaseRun<'_>> = entries
            .iter()
            .filter_map(|entry| match &entry.outcome {
                Outcome::Ran { case, result, verdict } => {
                    Some(CaseRun { case, result, passed: verdict.passed() })
                }
                Outcome::Malformed { .. } => None,
            })
            .collect();
        let mut report = test_coverage(pathway, analysis, &runs);
        // Malformed files are cases too, failed ones.
        report.cases = entries.len();
        report
    });

    let passed = entries.iter().filter(|e| e.passed()).count();
    let failed = entries.len() - passed;
    match args.format {
        Format::Text => print_text(&entries, coverage.as_ref(), passed, failed),
        Format::Json => {
            print_json(&json_report(
                &pathway.name.node,
                &entries,
                coverage.as_ref(),
                passed,
                failed,
            ));
        }
    }
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn print_text(entries: &[Entry], coverage: Option<&TestCoverage>, passed: usize, failed: usize) {
    let mut stdout = std::io::stdout().lock();
    for entry in entries {
        // A closed pipe is not worth a panic: the reader has gone.
        let _ = match &entry.outcome {
            Outcome::Ran { verdict: Verdict::Pass, .. } => writeln!(stdout, "ok    {}", entry.name),
            Outcome::Ran { verdict: Verdict::Fail { diff, .. }, case, .. } => {
                let indented: String = diff.lines().map(|line| format!("      {line}\n")).collect();
                writeln!(
                    stdout,
                    "FAIL  {} ({})\n      {}\n{indented}",
                    entry.name, entry.file, case.description
                )
            }
            Outcome::Malformed { human, json } => {
                let _ = stdout.flush();
                eprint!("{human}");
                writeln!(
                    stdout,
                    "FAIL  {} ({}): the case file has {} error{}",
                    entry.name,
                    entry.file,
                    json.len(),
                    if json.len() == 1 { "" } else { "s" }
                )
            }
        };
    }
    if let Some(report) = coverage {
        let _ = writeln!(stdout, "\n{}", to_text(report));
    }
    let _ = writeln!(stdout, "{passed} passed, {failed} failed");
}

fn json_report(
    pathway: &str,
    entries: &[Entry],
    coverage: Option<&TestCoverage>,
    passed: usize,
    failed: usize,
) -> serde_json::Value {
    let cases: Vec<serde_json::Value> = entries
        .iter()
        .map(|entry| match &entry.outcome {
            Outcome::Ran { case, result, verdict } => {
                let mut value = serde_json::json!({
                    "name": entry.name,
                    "file": entry.file,
                    "status": if verdict.passed() { "passed" } else { "failed" },
                    "description": case.description,
                });
                if let Verdict::Fail { expected, actual, diff } = verdict {
                    value["expected"] = expected.as_str().into();
                    value["actual"] = actual.as_str().into();
                    value["diff"] = diff.as_str().into();
                    value["result"] = match result {
                        Ok(plan) => serde_json::to_value(plan).unwrap_or_default(),
                        Err(error) => serde_json::to_value(error).unwrap_or_default(),
                    };
                }
                value
            }
            Outcome::Malformed { json, .. } => serde_json::json!({
                "name": entry.name,
                "file": entry.file,
                "status": "malformed",
                "diagnostics": json,
            }),
        })
        .collect();
    let mut report = serde_json::json!({
        "pathway": pathway,
        "cases": cases,
        "passed": passed,
        "failed": failed,
    });
    if let Some(coverage) = coverage {
        report["coverage"] = serde_json::to_value(coverage).unwrap_or_default();
    }
    report
}

/// Why a file could not be read, without its path (the message names it already).
fn reason(error: SourceError) -> String {
    match error {
        SourceError::Unreadable { reason, .. } => reason,
        SourceError::InvalidUtf8 { offset, .. } => {
            format!("it is not UTF-8 text: invalid byte at offset {offset}")
        }
        SourceError::TooLarge { size, limit, .. } => {
            format!("it is {size} bytes, more than the limit of {limit}")
        }
        other => other.to_string(),
    }
}

/// The case files to run, sorted within each folder.
fn case_files(args: &Args) -> Result<Vec<PathBuf>, String> {
    let roots: Vec<PathBuf> = if !args.cases.is_empty() {
        args.cases.clone()
    } else if let Some(dir) = &args.cases_dir {
        vec![dir.clone()]
    } else {
        vec![default_cases(&args.file)?]
    };
    let mut files = Vec::new();
    for root in roots {
        if root.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&root)
                .map_err(|e| format!("cannot read the folder `{}`: {e}", root.display()))?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "toml"))
                .collect();
            if found.is_empty() {
                return Err(format!("no case files (`*.toml`) in `{}`", root.display()));
            }
            found.sort();
            files.extend(found);
        } else if root.exists() {
            files.push(root);
        } else {
            return Err(format!("no such case file or folder: `{}`", root.display()));
        }
    }
    Ok(files)
}

/// `conformance/cases/<pathway folder>/` of the workspace holding the pathway (the nearest
/// folder above it that has a `conformance/` folder); else `cases/` beside the pathway. Shown
/// relative to the current folder when it is inside it, so that output does not depend on
/// where the checkout is.
fn default_cases(pathway: &Path) -> Result<PathBuf, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let absolute = cwd.join(pathway);
    let folder = absolute.parent().unwrap_or(&cwd);
    let mut candidates = Vec::new();
    if let Some(name) = folder.file_name() {
        if let Some(root) = folder.ancestors().find(|dir| dir.join("conformance").is_dir()) {
            candidates.push(root.join("conformance").join("cases").join(name));
        }
    }
    candidates.push(folder.join("cases"));
    let relative =
        |path: &PathBuf| path.strip_prefix(&cwd).map_or_else(|_| path.clone(), Path::to_path_buf);
    candidates.iter().find(|dir| dir.is_dir()).map(relative).ok_or_else(|| {
        let tried: Vec<String> =
            candidates.iter().map(|c| format!("`{}`", relative(c).display())).collect();
        format!(
            "no cases for `{}`: tried {}; name case files or a folder, or use --cases DIR",
            pathway.display(),
            tried.join(" and ")
        )
    })
}
