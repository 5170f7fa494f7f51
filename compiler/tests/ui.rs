//! UI tests of the diagnostics, gleam and rust-analyzer style: every `tests/ui/<stage>/*.pathway`
//! holds one mistake, its file name says which, and its snapshot shows the source with line
//! numbers beside the diagnostics `cairn check` prints (rendered without colour at width 100).
//! Inputs too big or too odd to commit (a 1 MB file, invalid UTF-8, a missing file, guidelines
//! of 20,000 statements) are generated in a temporary folder and snapshotted with their
//! diagnostics only. A last test fails when a diagnostic code of the compiler has no snapshot.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use cairn_compiler::Compilation;
use cairn_compiler::diagnostics::{self, Diagnostic};
use cairn_compiler::driver::SourceError;

/// The folder of UI inputs, relative to the crate (the working directory of integration tests),
/// so the paths in the snapshots are the same on every machine.
const UI_DIR: &str = "tests/ui";
/// The width diagnostics are rendered at, as `cairn check` does.
const WIDTH: usize = 100;

/// One snapshot: its name and what it shows.
struct Case {
    name: String,
    content: String,
}

/// Every `.pathway` file under `dir`, sorted so runs are deterministic.
fn pathway_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut entries: Vec<PathBuf> =
        fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            found.extend(pathway_files(&path));
        } else if path.extension().is_some_and(|e| e == "pathway") {
            found.push(path);
        }
    }
    found
}

/// Control characters other than line ends would make a snapshot a binary file: show them as
/// `<U+0000>`.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                format!("<U+{:04X}>", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn numbered(source: &str) -> String {
    let mut out = String::new();
    for (i, line) in source.lines().enumerate() {
        let line = format!("{:>3} | {line}", i + 1);
        writeln!(out, "{}", line.trim_end()).unwrap();
    }
    out
}

fn render(compilation: &Compilation) -> String {
    diagnostics::render_human(&compilation.diagnostics, compilation.sources(), WIDTH)
}

/// The snapshot of a committed input: the source with line numbers, then the diagnostics.
fn committed_case(path: &Path) -> Case {
    let relative = path.strip_prefix(UI_DIR).unwrap();
    let name = relative.with_extension("").to_string_lossy().replace(['/', '\\'], "__");
    let compilation = cairn_compiler::driver::compile_file_in(path, &ui_root());
    let mut content = String::new();
    writeln!(content, "input: {}", path.display()).unwrap();
    writeln!(content, "----- source -----").unwrap();
    content.push_str(&numbered(&compilation.source));
    writeln!(content, "----- diagnostics -----").unwrap();
    content.push_str(&render(&compilation));
    Case { name, content: visible(&content) }
}

/// The committed inputs share `tests/ui/guideline.txt`, one folder above their own, so the UI
/// folder is allowed as a CLI user would allow it with `--allow-dir tests/ui`.
fn ui_root() -> [PathBuf; 1] {
    [PathBuf::from(UI_DIR)]
}

fn committed_cases() -> Vec<Case> {
    pathway_files(Path::new(UI_DIR)).iter().map(|path| committed_case(path)).collect()
}

/// A header naming the committed guideline, for generated pathways.
fn header(guideline: &str) -> String {
    format!("pathway tea {{\n  title \"Tea for visitors\"\n  guideline \"{guideline}\"\n}}\n")
}

/// The recommendations that account for both statements of `tests/ui/guideline.txt`.
const TEA: &str = "fact hungry: bool\n\
    recommend tea: offer \"Offer tea\" when true cites \"Offer tea to every visitor.\"\n\
    recommend biscuits: consider \"Biscuits\" when hungry cites \"Consider biscuits...\"\n";

/// Replaces the temporary folder in the paths a diagnostic names, before rendering, so line
/// wrapping does not depend on where the temporary folder is.
fn relocate(diagnostic: Diagnostic, dir: &str) -> Diagnostic {
    let short = |path: String| path.replace(dir, "$TMP");
    match diagnostic {
        Diagnostic::Source(SourceError::Unreadable { path, reason }) => {
            SourceError::Unreadable { path: short(path), reason }.into()
        }
        Diagnostic::Source(SourceError::GuidelineUnreadable { path, reason, at }) => {
            SourceError::GuidelineUnreadable { path: short(path), reason, at }.into()
        }
        Diagnostic::Source(SourceError::InvalidUtf8 { path, offset }) => {
            SourceError::InvalidUtf8 { path: short(path), offset }.into()
        }
        Diagnostic::Source(SourceError::TooLarge { path, size, limit }) => {
            SourceError::TooLarge { path: short(path), size, limit }.into()
        }
        other => other,
    }
}

/// Compiles `file` of the temporary folder `dir` and renders only its diagnostics, with the
/// folder shown as `$TMP`; of many diagnostics, only the last `keep` are shown.
fn generated_case(name: &str, what: &str, dir: &Path, file: &str, keep: usize) -> Case {
    let prefix = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
    let mut compilation = cairn_compiler::compile_file(&dir.join(file));
    compilation.path = PathBuf::from(compilation.path.display().to_string().replace(&prefix, ""));
    compilation.guideline_path = compilation
        .guideline_path
        .map(|p| PathBuf::from(p.display().to_string().replace(&prefix, "")));
    compilation.diagnostics = compilation
        .diagnostics
        .into_iter()
        .map(|d| relocate(d, &dir.display().to_string()))
        .collect();
    let mut content = String::new();
    writeln!(content, "input (generated): {what}").unwrap();
    let total = compilation.diagnostics.len();
    if total > keep {
        compilation.diagnostics.drain(..total - keep);
        writeln!(content, "----- the last {keep} of {total} diagnostics -----").unwrap();
    } else {
        writeln!(content, "----- diagnostics -----").unwrap();
    }
    content.push_str(&render(&compilation));
    Case { name: format!("generated__{name}"), content: visible(&content) }
}

/// Inputs written by the test into a temporary folder, each beside its guideline text.
fn generated_cases() -> Vec<Case> {
    let guideline = fs::read_to_string(Path::new(UI_DIR).join("guideline.txt")).unwrap();
    let valid = format!("{}{TEA}", header("guideline.txt"));
    let mut cases = Vec::new();
    // `pathway` is `None` for a path that names no file.
    let mut case =
        |name: &str, what: &str, pathway: Option<Vec<u8>>, guideline_text: Option<String>| {
            // Only the 60 syntax errors are worth cutting short.
            let keep = if name == "syntax_too_many_errors" { 2 } else { usize::MAX };
            let dir = tempfile::tempdir().unwrap();
            if let Some(bytes) = pathway {
                fs::write(dir.path().join("input.pathway"), bytes).unwrap();
            }
            if let Some(text) = guideline_text {
                fs::write(dir.path().join("guideline.txt"), text).unwrap();
            }
            cases.push(generated_case(name, what, dir.path(), "input.pathway", keep));
        };

    case("source_unreadable", "a pathway path that names no file", None, None);
    let mut invalid = valid.clone().into_bytes();
    invalid.splice(9..9, [0xff, 0xfe]);
    case(
        "source_invalid_utf8",
        "the bytes 0xFF 0xFE inside the pathway name",
        Some(invalid),
        Some(guideline.clone()),
    );
    let mut large = valid.clone();
    while large.len() <= (1 << 20) {
        large.push_str("// padding: a comment line that makes the file larger than the limit\n");
    }
    case(
        "source_too_large",
        "a valid pathway padded with comments to over 1 MiB",
        Some(large.into_bytes()),
        Some(guideline.clone()),
    );

    let mut errors = header("guideline.txt");
    for i in 0..60 {
        writeln!(errors, "fact broken_{i} bool").unwrap();
    }
    case(
        "syntax_too_many_errors",
        "60 facts, each missing the `:` before its type",
        Some(errors.into_bytes()),
        Some(guideline.clone()),
    );
    let nots = "  not\n".repeat(1_001);
    case(
        "syntax_too_complex",
        "a condition of 1,001 `not`s, one a line",
        Some(
            format!("{}{TEA}condition c:\n{nots}  hungry\n", header("guideline.txt")).into_bytes(),
        ),
        Some(guideline.clone()),
    );

    case(
        "guideline_statement_too_long",
        "a guideline whose one statement runs over 50 lines without a full stop",
        Some(valid.clone().into_bytes()),
        Some(format!(
            "• Offer tea to every visitor.\n• Consider biscuits if the visitor is hungry\n{}",
            "and then keep talking about biscuits and tea and cake and more for a long while\n"
                .repeat(50)
        )),
    );
    case(
        "guideline_too_many_statements",
        "a guideline of 20,002 statements",
        Some(valid.clone().into_bytes()),
        Some(format!(
            "• Offer tea to every visitor.\n• Consider biscuits if the visitor is hungry.\n{}",
            (0..20_000).map(|i| format!("• Statement number {i}.\n")).collect::<String>()
        )),
    );
    cases
}

fn all_cases() -> Vec<Case> {
    let mut cases = committed_cases();
    cases.extend(generated_cases());
    cases
}

fn snapshot(case: &Case) {
    insta::with_settings!({ prepend_module_to_snapshot => true, omit_expression => true }, {
        insta::assert_snapshot!(case.name.clone(), case.content);
    });
}

#[test]
fn ui_snapshots() {
    let cases = committed_cases();
    assert!(cases.len() > 50, "only {} UI inputs found under {UI_DIR}", cases.len());
    for case in &cases {
        snapshot(case);
    }
}

#[test]
fn generated_snapshots() {
    for case in &generated_cases() {
        snapshot(case);
    }
}

/// Two inputs in the JSON form of `cairn check --error-format json`: one with labels in the
/// pathway, one pointing into the guideline.
#[test]
fn json_snapshots() {
    for name in ["sema/unknown_fact_with_suggestion", "coverage/uncovered_statement"] {
        let path = Path::new(UI_DIR).join(format!("{name}.pathway"));
        let compilation = cairn_compiler::driver::compile_file_in(&path, &ui_root());
        let json = diagnostics::to_json(&compilation.diagnostics, compilation.sources());
        let text = serde_json::to_string_pretty(&json).unwrap();
        let snapshot_name = format!("json__{}", name.replace('/', "__"));
        insta::with_settings!({ omit_expression => true, input_file => &path }, {
            insta::assert_snapshot!(snapshot_name, text);
        });
    }
}

/// The human header `[file:line:column]` and the JSON form agree on where each diagnostic is,
/// columns counted in characters (the guideline's lines start with a three-byte bullet).
#[test]
fn human_and_json_agree_on_positions() {
    let mut checked = 0;
    for path in pathway_files(Path::new(UI_DIR)) {
        let compilation = cairn_compiler::driver::compile_file_in(&path, &ui_root());
        let json = diagnostics::to_json(&compilation.diagnostics, compilation.sources());
        for (diagnostic, json) in compilation.diagnostics.iter().zip(&json) {
            if json.span.is_none() {
                continue;
            }
            let human = diagnostics::render_human(
                std::slice::from_ref(diagnostic),
                compilation.sources(),
                WIDTH,
            );
            let position = format!("{}:{}:{}]", json.file, json.line, json.column);
            assert!(human.contains(&position), "{} is not at {position}:\n{human}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} diagnostics had a position");
}

/// The text of every insta snapshot below `dir`, except the UI snapshots themselves.
fn snapshots_in(dir: &Path, out: &mut String) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            snapshots_in(&path, out);
        } else if path.extension().is_some_and(|e| e == "snap")
            && !path.file_name().unwrap().to_string_lossy().starts_with("ui__")
        {
            out.push_str(&fs::read_to_string(&path).unwrap());
        }
    }
}

/// Every `code(cairn::...)` written in the compiler's sources.
fn codes_in_sources(dir: &Path, codes: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            codes_in_sources(&path, codes);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for (at, _) in text.match_indices("code(cairn::") {
            let rest = &text[at + "code(".len()..];
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'));
            codes.insert(rest[..end.unwrap_or(rest.len())].to_string());
        }
    }
}

/// Codes that guard against failures no input can cause, and why none can.
const NO_INPUT_PRODUCES: [(&str, &str); 3] = [
    ("cairn::backend::set_too_large", "sema refuses such sets first (cairn::sema::set_too_large)"),
    ("cairn::backend::template", "the templates are compiled into the binary and tested"),
    ("cairn::build::io", "a disk that fails while writing; root ignores permissions in tests"),
];

#[test]
fn every_diagnostic_code_has_a_ui_test() {
    let mut codes = BTreeSet::new();
    codes_in_sources(Path::new("src"), &mut codes);
    // The walk must have found the codes of every stage, or it is not looking in the right place.
    for stage in ["driver", "syntax", "guideline", "sema", "analysis"] {
        assert!(
            codes.iter().any(|c| c.starts_with(&format!("cairn::{stage}::"))),
            "no code of stage `{stage}` found in src: {codes:?}"
        );
    }
    let cases = all_cases();
    // Stages with inputs of their own have their own harnesses, each a folder of inputs with
    // one snapshot of the rendered diagnostics per input: `cairn analyse` findings
    // (tests/analyse.rs), backend refusals (tests/backend_*.rs), malformed case files
    // (tests/case_files.rs), and one unit snapshot of the finding only a faulty engine can
    // produce. Their snapshots count too.
    let mut other_snapshots = String::new();
    snapshots_in(Path::new("tests/snapshots"), &mut other_snapshots);
    snapshots_in(Path::new("src"), &mut other_snapshots);
    // `cairn build` refusals depend on the file system and the installed Graphviz, not on a
    // pathway: tests/backend_cli.rs produces each (a symlinked --out, a fake failing `dot`, ...)
    // and asserts its code.
    let build_cli = fs::read_to_string("tests/backend_cli.rs").unwrap();
    // Likewise a case file that cannot be read at all (tests/cli_test.rs).
    let test_cli = fs::read_to_string("tests/cli_test.rs").unwrap();
    let missing: Vec<&String> = codes
        .iter()
        .filter(|code| {
            let shown = format!("{code}\n");
            let by_build_cli =
                code.starts_with("cairn::build::") && build_cli.contains(&format!("\"{code}\""));
            let by_test_cli =
                *code == "cairn::cases::unreadable" && test_cli.contains(&format!("\"{code}"));
            !cases.iter().any(|case| case.content.contains(&shown))
                && !other_snapshots.contains(&shown)
                && !by_build_cli
                && !by_test_cli
                && !NO_INPUT_PRODUCES.iter().any(|(c, _)| c == code)
        })
        .collect();
    assert!(missing.is_empty(), "diagnostic codes without a UI test: {missing:?}");
}

#[test]
fn no_snapshot_is_left_without_its_input() {
    let names: BTreeSet<String> = all_cases().into_iter().map(|case| case.name).collect();
    let mut stale = Vec::new();
    for entry in fs::read_dir("tests/snapshots").unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(name) = file.strip_prefix("ui__").and_then(|f| f.strip_suffix(".snap")) else {
            continue;
        };
        if !name.starts_with("json__") && !names.contains(name) {
            stale.push(file);
        }
    }
    assert!(stale.is_empty(), "snapshots whose input is gone: {stale:?}");
}
