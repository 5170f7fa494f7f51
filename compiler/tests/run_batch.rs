//! Tests of `cairn run <pathway> --batch <file|->` through the binary, on the NICE pathway:
//! one compact plan per JSON Lines record in input order, error lines that name their line and
//! do not stop the rest (unless `--fail-fast`), blank lines skipped but counted, over-long and
//! non-UTF-8 lines refused one by one, the exit codes, and nothing on stderr in a pipe (no
//! progress bar).

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

/// The pathway, relative to the workspace root, where the tests run.
const PATHWAY: &str = "pathways/spinal-metastases/spinal-metastases.pathway";
/// The facts fixtures, relative to the workspace root.
const FIXTURES: &str = "compiler/tests/fixtures/run";
/// The fixtures, each a consistent set of facts with a different plan.
const NAMES: [&str; 4] = [
    "diagnosed-breast-admitted",
    "neurological-lymphoma",
    "no-cancer-history-suspected",
    "suspected-myeloma-main-branch",
];
/// The limit on one line.
const MAX_LINE_BYTES: usize = 16 << 20;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A fixture's facts, on one line.
fn facts(name: &str) -> String {
    let path = workspace().join(format!("{FIXTURES}/{name}.json"));
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value.to_string()
}

/// The plan of one fixture from `cairn run --facts`, with the whitespace between JSON tokens
/// taken out: the compact form, byte for byte, keys in the same order.
fn single_plan(name: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["run", PATHWAY, "--facts", &format!("{FIXTURES}/{name}.json")])
        .current_dir(workspace())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let pretty = String::from_utf8(output.stdout).unwrap();
    let (mut compact, mut in_string, mut escaped) = (String::new(), false, false);
    for c in pretty.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c.is_ascii_whitespace() {
            continue;
        }
        compact.push(c);
    }
    compact
}

/// `cairn run PATHWAY --batch - <extra>` with `input` on standard input; stderr is a pipe.
fn batch_stdin(input: &[u8], extra: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["run", PATHWAY, "--batch", "-"])
        .args(extra)
        .current_dir(workspace())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // `--fail-fast` may stop reading early: a closed pipe is not the test's concern.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// `cairn run PATHWAY --batch <file>` on `input` written to a temporary file.
fn batch_file(input: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.jsonl");
    std::fs::write(&path, input).unwrap();
    Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["run", PATHWAY, "--batch"])
        .arg(&path)
        .current_dir(workspace())
        .output()
        .unwrap()
}

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone()).unwrap().lines().map(str::to_string).collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn plans_come_one_per_line_compact_in_input_order() {
    // 200 records cycling through four fixtures with different plans, so a reordering shows.
    let order: Vec<&str> = (0..200).map(|i| NAMES[(i * 7 + i / 3) % NAMES.len()]).collect();
    let input: String = order.iter().map(|name| facts(name) + "\n").collect();
    let output = batch_stdin(input.as_bytes(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "nothing on stderr in a pipe: no progress bar");
    let plans: Vec<String> = NAMES.iter().map(|name| single_plan(name)).collect();
    let expected: Vec<&String> =
        order.iter().map(|name| &plans[NAMES.iter().position(|n| n == name).unwrap()]).collect();
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 200);
    for (line, expected) in lines.iter().zip(expected) {
        // Byte for byte the compact form of `cairn run --facts`'s plan.
        assert_eq!(line, expected);
    }
}

#[test]
fn a_file_and_standard_input_give_the_same_output() {
    let input: String = NAMES.iter().map(|name| facts(name) + "\n").collect();
    let from_file = batch_file(input.as_bytes());
    let from_stdin = batch_stdin(input.as_bytes(), &[]);
    assert_eq!(from_file.status.code(), Some(0));
    assert_eq!(from_file.stdout, from_stdin.stdout);
    assert_eq!(stdout_lines(&from_file).len(), 4);
}

#[test]
fn refused_lines_give_error_lines_that_name_them_and_the_rest_go_on() {
    let good = facts("suspected-myeloma-main-branch");
    let mut unknown: Value = serde_json::from_str(&good).unwrap();
    unknown["shoe_size"] = json!(42);
    let mut inconsistent: Value = serde_json::from_str(&good).unwrap();
    inconsistent["cancer_history"] = json!("none");
    let input = format!("{good}\n{{not json\n{good}\n{unknown}\n{inconsistent}\n{good}\n");
    let output = batch_stdin(input.as_bytes(), &[]);
    assert_eq!(output.status.code(), Some(1), "a refused line fails the run");
    assert_eq!(stderr(&output), "error: 3 of 6 records were refused\n");
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 6, "every line has an output line");
    let plan = single_plan("suspected-myeloma-main-branch");
    assert_eq!([&lines[0], &lines[2], &lines[5]], [&plan, &plan, &plan]);
    let errors: Vec<Value> =
        [1, 3, 4].iter().map(|&i| serde_json::from_str(&lines[i]).unwrap()).collect();
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(errors[0]["error"]["error"], "invalid");
    assert!(errors[0]["error"]["message"].as_str().unwrap().contains("not valid JSON"));
    assert_eq!(errors[1]["line"], 4);
    assert!(errors[1]["error"]["message"].as_str().unwrap().contains("shoe_size"));
    assert_eq!(errors[2]["line"], 5);
    assert_eq!(errors[2]["error"]["error"], "inconsistent");
    assert!(errors[2]["error"]["constraint"].is_string());
    // Exactly two keys: the line and the refusal's own JSON.
    assert_eq!(errors[0].as_object().unwrap().len(), 2);
}

#[test]
fn fail_fast_stops_at_the_first_refused_line() {
    let good = facts("neurological-lymphoma");
    let input = format!("{good}\n{good}\n[1, 2]\n{good}\n{{\n");
    let output = batch_stdin(input.as_bytes(), &["--fail-fast"]);
    assert_eq!(output.status.code(), Some(1));
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 3, "two plans and the error line, nothing after: {lines:?}");
    let error: Value = serde_json::from_str(&lines[2]).unwrap();
    assert_eq!(error["line"], 3);
    assert_eq!(error["error"]["error"], "invalid");
    // Without --fail-fast the same input goes to the end.
    let all = batch_stdin(input.as_bytes(), &[]);
    assert_eq!(stdout_lines(&all).len(), 5);
}

#[test]
fn blank_lines_are_skipped_but_counted_and_crlf_is_accepted() {
    let good = facts("no-cancer-history-suspected");
    let input = format!("\n{good}\r\n   \n\t\r\n{good}\n{{\n\n");
    let output = batch_file(input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 3, "{lines:?}");
    let plan = single_plan("no-cancer-history-suspected");
    assert_eq!([&lines[0], &lines[1]], [&plan, &plan]);
    let error: Value = serde_json::from_str(&lines[2]).unwrap();
    assert_eq!(error["line"], 6, "line numbers are those of the input, blank lines included");
}

#[test]
fn a_byte_order_mark_may_start_the_first_line_only() {
    let good = facts("diagnosed-breast-admitted");
    let input = format!("\u{feff}{good}\n\u{feff}{good}\n");
    let output = batch_stdin(input.as_bytes(), &[]);
    let lines = stdout_lines(&output);
    assert_eq!(lines[0], single_plan("diagnosed-breast-admitted"));
    let error: Value = serde_json::from_str(&lines[1]).unwrap();
    assert_eq!(error["line"], 2);
}

#[test]
fn a_line_over_the_limit_and_a_line_not_utf8_are_error_lines() {
    let good = facts("diagnosed-breast-admitted");
    let mut input = Vec::new();
    input.extend_from_slice(b"\"");
    input.resize(MAX_LINE_BYTES + 10, b'a');
    input.extend_from_slice(b"\"\n");
    input.extend_from_slice(b"{\"cancer_history\": \"\xff\"}\n");
    input.extend_from_slice(good.as_bytes());
    input.push(b'\n');
    let output = batch_stdin(&input, &[]);
    assert_eq!(output.status.code(), Some(1));
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 3);
    let long: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(long["line"], 1);
    assert!(long["error"]["message"].as_str().unwrap().contains("longer than the limit"));
    let bytes: Value = serde_json::from_str(&lines[1]).unwrap();
    assert_eq!(bytes["line"], 2);
    assert!(bytes["error"]["message"].as_str().unwrap().contains("not UTF-8"));
    assert_eq!(lines[2], single_plan("diagnosed-breast-admitted"));
}

#[test]
fn exit_codes() {
    // Empty input: no records, nothing refused.
    let empty = batch_stdin(b"", &[]);
    assert_eq!(empty.status.code(), Some(0));
    assert!(empty.stdout.is_empty() && empty.stderr.is_empty());
    // A batch file that cannot be read.
    let missing = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["run", PATHWAY, "--batch", "no/such/file.jsonl"])
        .current_dir(workspace())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).starts_with("error: cannot read the batch file"));
    // Usage errors: --facts with --batch, --fail-fast without --batch, neither input.
    for args in
        [&["--batch", "-", "--facts", "-"][..], &["--facts", "-", "--fail-fast"][..], &[][..]]
    {
        let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
            .args(["run", PATHWAY])
            .args(args)
            .current_dir(workspace())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}
