//! Tests of the `cairn check` command as a user runs it: the built binary, its exit codes (0 clean
//! or warnings only, 1 errors, 2 usage), the JSON form of its diagnostics, and hostile inputs
//! (empty, binary, invalid UTF-8, huge, deeply nested, endless junk) that must each end in a
//! diagnostic and exit 1, never a panic or a hang.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a run may take before the test calls it a hang. Generous on purpose: this guards
/// against a hang, it does not measure speed.
const HANG: Duration = Duration::from_secs(120);

/// What a run of `cairn` gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `cairn` with `args` in the crate folder (so the committed UI inputs are at
/// `tests/ui/...`), killing it if it hangs.
fn cairn(args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on threads, so a child that writes a lot does not block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        out.read_to_string(&mut text).unwrap();
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        err.read_to_string(&mut text).unwrap();
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let hung = started.elapsed() > HANG;
        if hung {
            child.kill().unwrap();
        }
        assert!(!hung, "`cairn {}` did not finish within {HANG:?}", args.join(" "));
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        // A signal (a stack overflow's abort) has no code: -1 fails every assertion below.
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "`cairn {}` panicked:\n{}",
        args.join(" "),
        run.stderr
    );
    run
}

/// The committed UI inputs name `../guideline.txt`, one folder above their own: the folder
/// they may read must be allowed on the command line.
const ALLOW_UI: [&str; 2] = ["--allow-dir", "tests/ui"];

/// `cairn check <path>`, with the UI folder allowed.
fn check(path: &Path) -> Run {
    cairn(&[&ALLOW_UI[..], &["check", path.to_str().unwrap()]].concat())
}

/// A temporary folder holding `input.pathway` with `bytes`, beside the UI guideline.
fn write_input(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let guideline = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/guideline.txt");
    std::fs::copy(guideline, dir.path().join("guideline.txt")).unwrap();
    let path = dir.path().join("input.pathway");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// The header and two recommendations that make a valid pathway over the UI guideline.
const VALID: &str = r#"pathway tea {
  title "Tea for visitors"
  guideline "guideline.txt"
}
fact hungry: bool
recommend tea: offer "Offer tea" when true cites "Offer tea to every visitor."
recommend biscuits: consider "Biscuits" when hungry cites "Consider biscuits..."
"#;

/// Asserts a hostile input ends in exit 1 with the diagnostic `code` on stderr.
fn assert_refused(bytes: &[u8], code: &str) {
    let (_dir, path) = write_input(bytes);
    let run = check(&path);
    assert_eq!(run.code, 1, "exit code for an input that should give `{code}`:\n{}", run.stderr);
    assert!(run.stderr.contains(code), "stderr lacks `{code}`:\n{}", run.stderr);
    assert!(run.stderr.contains("error"), "no error summary:\n{}", run.stderr);
}

#[test]
fn a_clean_pathway_exits_0() {
    let run = check(Path::new("../pathways/spinal-metastases/spinal-metastases.pathway"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("no problems found"), "{}", run.stderr);
}

#[test]
fn warnings_are_printed_and_exit_0() {
    let run = check(Path::new("tests/ui/analysis/unused_fact.pathway"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("cairn::analysis::unused_fact"), "{}", run.stderr);
    assert!(run.stderr.contains("0 errors, 1 warning"), "{}", run.stderr);
}

#[test]
fn deny_warnings_turns_warnings_into_exit_1() {
    let run = cairn(
        &[&ALLOW_UI[..], &["check", "--deny-warnings", "tests/ui/analysis/unused_fact.pathway"]]
            .concat(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cairn::analysis::unused_fact"), "{}", run.stderr);
}

#[test]
fn errors_exit_1() {
    let run = check(Path::new("tests/ui/sema/unknown_fact_with_suggestion.pathway"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cairn::sema::unknown_name"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `hungry`?"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "human diagnostics go to stderr: {}", run.stdout);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["check"][..],
        &["check", "--frobnicate", "tests/ui/sema/empty_file.pathway"][..],
        &["check", "--error-format", "xml", "tests/ui/sema/empty_file.pathway"][..],
        &["chek", "tests/ui/sema/empty_file.pathway"][..],
    ] {
        let run = cairn(args);
        assert_eq!(run.code, 2, "`cairn {}`:\n{}", args.join(" "), run.stderr);
        assert!(run.stderr.contains("error"), "`cairn {}`:\n{}", args.join(" "), run.stderr);
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in [&["--help"][..], &["check", "--help"][..], &["--version"][..]] {
        let run = cairn(args);
        assert_eq!(run.code, 0, "`cairn {}`:\n{}", args.join(" "), run.stderr);
        assert!(!run.stdout.is_empty(), "`cairn {}` printed nothing", args.join(" "));
    }
}

#[test]
fn json_diagnostics_have_code_message_severity_file_line_column_and_span() {
    let path = "tests/ui/sema/unknown_fact_with_suggestion.pathway";
    let run = cairn(&[&ALLOW_UI[..], &["check", "--error-format", "json", path]].concat());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "JSON output leaves stderr empty: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["file"], path);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 0);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "cairn::sema::unknown_name");
    assert_eq!(diagnostic["message"], "unknown fact or condition `hungy`");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(diagnostic["file"], path);
    assert_eq!(diagnostic["help"], "did you mean `hungry`?");
    // Line, column and span agree with each other and with the source.
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let start = diagnostic["span"]["start"].as_u64().unwrap() as usize;
    let end = diagnostic["span"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&source[start..end], "hungy");
    let line = diagnostic["line"].as_u64().unwrap() as usize;
    let column = diagnostic["column"].as_u64().unwrap() as usize;
    let line_text = source.lines().nth(line - 1).unwrap();
    assert_eq!(&line_text[column - 1..column - 1 + "hungy".len()], "hungy");
}

#[test]
fn json_of_a_warning_in_the_guideline_names_the_guideline() {
    let run = cairn(&[
        "--allow-dir",
        "tests/ui",
        "check",
        "--error-format",
        "json",
        "tests/ui/coverage/uncovered_statement.pathway",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["code"], "cairn::analysis::uncovered");
    assert_eq!(diagnostic["severity"], "warning");
    assert_eq!(diagnostic["file_kind"], "guideline");
    assert!(diagnostic["file"].as_str().unwrap().ends_with("guideline.txt"));
    assert_eq!(diagnostic["line"], 2);
}

#[test]
fn json_of_a_clean_pathway_is_an_empty_list() {
    let run = cairn(&[
        "check",
        "--error-format",
        "json",
        "../pathways/spinal-metastases/spinal-metastases.pathway",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    assert_eq!(json["errors"], 0);
}

#[test]
fn a_missing_file_is_a_diagnostic_not_a_usage_error() {
    let run = check(Path::new("tests/ui/no_such_file.pathway"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cairn::driver::unreadable"), "{}", run.stderr);
}

#[test]
fn an_empty_file_is_refused() {
    assert_refused(b"", "cairn::sema::missing_header");
}

#[test]
fn binary_garbage_is_refused() {
    // Every byte below 128, ten times: valid UTF-8, but control characters and punctuation.
    let garbage: Vec<u8> = (0u8..128).cycle().take(1280).collect();
    assert_refused(&garbage, "cairn::syntax::stray_text");
}

#[test]
fn binary_garbage_inside_a_declaration_is_refused() {
    let mut bytes = b"fact ".to_vec();
    bytes.extend((0u8..32).chain(127..128));
    assert_refused(&bytes, "cairn::syntax::unexpected");
}

#[test]
fn invalid_utf8_is_refused() {
    let mut bytes = VALID.as_bytes().to_vec();
    bytes.splice(8..8, [0xC3, 0x28, 0xFF]);
    assert_refused(&bytes, "cairn::driver::invalid_utf8");
}

#[test]
fn a_10_mb_file_is_refused() {
    let mut text = VALID.to_string();
    let line = format!("// {}\n", "x".repeat(97));
    while text.len() < 10 << 20 {
        text.push_str(&line);
    }
    assert_refused(text.as_bytes(), "cairn::driver::too_large");
}

#[test]
fn twenty_thousand_nested_parentheses_are_refused() {
    let text = format!("{VALID}condition c: {}hungry{}\n", "(".repeat(20_000), ")".repeat(20_000));
    assert_refused(text.as_bytes(), "cairn::syntax::too_deep");
}

#[test]
fn twenty_thousand_unclosed_parentheses_are_refused() {
    let text = format!("{VALID}condition c: {}hungry\n", "(".repeat(20_000));
    assert_refused(text.as_bytes(), "cairn::syntax::too_deep");
}

#[test]
fn twenty_thousand_nots_are_refused() {
    let text = format!("{VALID}condition c: {}hungry\n", "not ".repeat(20_000));
    assert_refused(text.as_bytes(), "cairn::syntax::too_complex");
}

#[test]
fn a_5000_deep_implies_chain_is_refused() {
    let text = format!("{VALID}condition c: {}hungry\n", "hungry implies ".repeat(5_000));
    assert_refused(text.as_bytes(), "cairn::syntax::too_complex");
}

#[test]
fn fifty_thousand_lines_of_junk_are_refused() {
    // Every third line starts like a declaration, so the parser meets thousands of broken items.
    let keywords = ["fact", "enum", "recommend", "condition", "pathway", "xref", "constraint"];
    let mut text = String::new();
    for i in 0..50_000 {
        let start = if i % 3 == 0 { keywords[i % keywords.len()] } else { "junk" };
        writeln!(text, "{start} ({{:\"!{i}").unwrap();
    }
    assert_refused(text.as_bytes(), "cairn::syntax::too_many_errors");
}

#[test]
fn a_cycle_through_5000_conditions_is_one_error() {
    let mut text = VALID.replace("when hungry", "when c0");
    for i in 0..5_000 {
        writeln!(text, "condition c{i}: c{} or hungry", (i + 1) % 5_000).unwrap();
    }
    let (_dir, path) = write_input(text.as_bytes());
    let run = check(&path);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("cairn::sema::cyclic_condition").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("(4993 more)"), "{}", run.stderr);
}

#[test]
fn a_chain_of_5000_conditions_checks() {
    // Not an error: a long chain of named conditions is deep, but every stage walks it.
    let mut text = VALID.replace("when hungry", "when c5000");
    text.push_str("condition c0: hungry\n");
    for i in 1..=5_000 {
        writeln!(text, "condition c{i}: c{} implies hungry", i - 1).unwrap();
    }
    let (_dir, path) = write_input(text.as_bytes());
    let run = check(&path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("no problems found"), "{}", run.stderr);
}

#[test]
fn a_thousand_constraints_over_22_facts_finish() {
    // Each alone asks for 2^22 combinations; the analysis shares one budget among them, and
    // leaves what it cannot afford undecided instead of running for hours.
    let mut text = String::from(VALID);
    for i in 0..22 {
        writeln!(text, "fact f{i}: bool").unwrap();
    }
    let all: Vec<String> = (0..22).map(|i| format!("f{i}")).collect();
    for k in 0..1_000 {
        writeln!(text, "constraint c{k}: {}", all.join(" and ")).unwrap();
    }
    let (_dir, path) = write_input(text.as_bytes());
    let run = check(&path);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_with_the_size_read() {
    let run = check(Path::new("/dev/zero"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cairn::driver::too_large"), "{}", run.stderr);
    assert!(!run.stderr.contains("is 0 bytes"), "{}", run.stderr);
}

#[test]
fn a_folder_is_unreadable() {
    let run = check(Path::new("tests/ui"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cairn::driver::unreadable"), "{}", run.stderr);
}
