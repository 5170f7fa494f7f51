//! Tests of `cairn coverage` on the NICE spinal metastases pathway, through the binary: the
//! text, JSON and Markdown reports (snapshots, and the JSON's shape checked field by field), and
//! the exit codes of `--fail-under`.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The pathway, relative to the workspace root (the tests run from there, so printed paths
/// do not depend on the machine).
const PATHWAY: &str = "pathways/spinal-metastases/spinal-metastases.pathway";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Runs `cairn` with these arguments in `dir`.
fn cairn_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).current_dir(dir).output().unwrap()
}

fn cairn(args: &[&str]) -> Output {
    cairn_in(&workspace(), args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A copy of the NICE pathway in a temporary folder, beside a guideline text edited by `edit`.
fn edited_copy(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = workspace().join("pathways/spinal-metastases");
    std::fs::copy(
        source.join("spinal-metastases.pathway"),
        dir.path().join("spinal-metastases.pathway"),
    )
    .unwrap();
    let text = std::fs::read_to_string(source.join("ng234-spinal-metastases-summary.txt")).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit applied");
    std::fs::write(dir.path().join("ng234-spinal-metastases-summary.txt"), edited).unwrap();
    dir
}

/// The NICE text with one new statement, which nothing cites.
fn with_new_statement(text: &str) -> String {
    text.replacen(
        "\nCarry out a pain assessment",
        "\nReassess pain daily.\n\nCarry out a pain assessment",
        1,
    )
}

#[test]
fn text_report() {
    let output = cairn(&["coverage", PATHWAY]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn text_is_the_default_format() {
    assert_eq!(
        stdout(&cairn(&["coverage", PATHWAY])),
        stdout(&cairn(&["coverage", PATHWAY, "--format", "text"]))
    );
}

#[test]
fn markdown_report() {
    let output = cairn(&["coverage", PATHWAY, "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn json_report() {
    let output = cairn(&["coverage", PATHWAY, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn json_report_has_the_promised_shape() {
    let output = cairn(&["coverage", PATHWAY, "--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["pathway"], "spinal_metastases");
    assert_eq!(json["guideline"], "ng234-spinal-metastases-summary.txt");
    assert_eq!(json["total"], 42);
    assert_eq!(json["implemented"], 40);
    assert_eq!(json["informational"], 2);
    assert_eq!(json["uncovered"], 0);
    assert_eq!(json["percent"].as_f64(), Some(100.0));

    let sentences = json["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 42);
    let mut ids = HashSet::new();
    for sentence in sentences {
        let id = sentence["id"].as_str().unwrap();
        assert!(id.starts_with("s-") && ids.insert(id), "{id} is a fresh statement id");
        assert!(!sentence["text"].as_str().unwrap().is_empty());
        let by: Vec<&str> =
            sentence["by"].as_array().unwrap().iter().map(|b| b.as_str().unwrap()).collect();
        match sentence["status"].as_str().unwrap() {
            "implemented" => {
                assert!(!by.is_empty(), "{id} is implemented by something");
                assert!(!sentence["recommendations"].as_array().unwrap().is_empty());
            }
            "informational" => {
                assert!(by.is_empty(), "{id} is informational and cited");
                assert!(!sentence["reason"].as_str().unwrap().is_empty());
            }
            other => panic!("{id} has status {other}"),
        }
    }

    let find = |text: &str| sentences.iter().find(|s| s["text"] == text).unwrap();
    // Informational only for the title and the footer.
    let informational: Vec<&str> = sentences
        .iter()
        .filter(|s| s["status"] == "informational")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(informational[0], "Spinal metastases: initial assessment and management");
    assert!(informational[1].starts_with("This is a summary of key recommendations"));
    // `by` names the direct citers; `recommendations` every recommendation behind them, in full.
    let lead_in = find("Person presenting with:");
    assert_eq!(lead_in["by"], serde_json::json!(["in_pathway"]));
    assert_eq!(lead_in["recommendations"].as_array().unwrap().len(), 22);
    let box1 = find("Localised tenderness");
    assert_eq!(box1["by"], serde_json::json!(["has_box1_pain"]));
    assert_eq!(box1["recommendations"].as_array().unwrap().len(), 23);
    let limb = find("severe pain, or");
    assert_eq!(limb["by"], serde_json::json!(["severe_pain"]));
    assert_eq!(limb["recommendations"], serde_json::json!(["consider_corticosteroids"]));
    let shared = find("Ensure adequate pain relief, including:");
    assert_eq!(shared["by"], serde_json::json!(["bisphosphonate", "denosumab"]));
}

#[test]
fn fail_under_passes_at_and_below_the_coverage() {
    for threshold in ["100", "100%", "99.5", "0"] {
        let output = cairn(&["coverage", PATHWAY, "--format", "json", "--fail-under", threshold]);
        assert_eq!(output.status.code(), Some(0), "--fail-under {threshold}");
        assert_eq!(stderr(&output), "");
    }
}

#[test]
fn fail_under_fails_above_the_coverage() {
    // 42 of 43 statements: 97.67%.
    let dir = edited_copy(with_new_statement);
    let run = |threshold: &str| {
        cairn_in(
            dir.path(),
            &[
                "coverage",
                "spinal-metastases.pathway",
                "--format",
                "json",
                "--fail-under",
                threshold,
            ],
        )
    };
    let under = run("100");
    assert_eq!(under.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&under.stdout).unwrap();
    assert_eq!(json["percent"].as_f64(), Some(97.67), "the report is printed all the same");
    insta::assert_snapshot!(stderr(&under), @"error: coverage of 97.67% is under the threshold of 100%: 1 statement is not accounted for");
    assert_eq!(run("97.7").status.code(), Some(1));
    assert_eq!(run("97.67").status.code(), Some(0), "42/43 is 97.674...%");
    assert_eq!(run("90").status.code(), Some(0));
}

#[test]
fn fail_under_refuses_a_bad_percentage_with_usage_status() {
    for bad in ["abc", "101", "-1", "NaN", "inf", "", "50%%"] {
        let output = cairn(&["coverage", PATHWAY, &format!("--fail-under={bad}")]);
        assert_eq!(output.status.code(), Some(2), "--fail-under {bad:?}");
        assert_eq!(stdout(&output), "", "no report for a usage error");
        assert!(
            stderr(&output).starts_with(&format!(
                "error: invalid value '{bad}' for '--fail-under <PERCENT>': expected a percentage from 0 to 100, such as 95 or 97.5\n"
            )),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn uncovered_statement_shows_in_every_format() {
    let dir = edited_copy(with_new_statement);
    let run = |format: &str| {
        let output =
            cairn_in(dir.path(), &["coverage", "spinal-metastases.pathway", "--format", format]);
        assert_eq!(output.status.code(), Some(0), "no threshold, no failure");
        stdout(&output)
    };
    let text = run("text");
    let row = text.lines().skip_while(|l| !l.contains("Reassess pain daily.")).take(2);
    insta::assert_snapshot!(row.collect::<Vec<_>>().join("\n"), @r"
    s-8e02c5   L18   uncovered      Reassess pain daily.
                                    NOT ACCOUNTED FOR: cite it, or declare it informational with a reason
    ");
    assert!(text.contains("42 of 43 statements accounted for (97.67%)"));
    assert!(run("markdown").contains(
        "| `s-8e02c5` | 18 | Reassess pain daily. | uncovered | **not accounted for** |"
    ));
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["uncovered"], 1);
    let row = json["sentences"].as_array().unwrap().iter().find(|s| s["id"] == "s-8e02c5").unwrap();
    assert_eq!(row["status"], "uncovered");
    assert_eq!(row["by"], serde_json::json!([]));
}

#[test]
fn a_pathway_with_errors_has_no_report() {
    let dir = edited_copy(|text| text.replacen("Carry out a holistic needs assessment", "", 1));
    let output = cairn_in(dir.path(), &["coverage", "spinal-metastases.pathway"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("cairn::sema::citation_not_found"));
}

/// The text between `start` and the end of its code block in the pathway's README.
fn readme_block_after(start: &str) -> String {
    let readme =
        std::fs::read_to_string(workspace().join("pathways/spinal-metastases/README.md")).unwrap();
    let from = readme.find(start).unwrap() + start.len();
    let len = readme[from..].find("\n```").unwrap();
    readme[from..from + len].to_string()
}

#[test]
fn the_readme_shows_real_output_of_check_and_coverage() {
    let dir = workspace().join("pathways/spinal-metastases");
    let check = cairn_in(&dir, &["check", "spinal-metastases.pathway"]);
    assert_eq!(
        readme_block_after("$ cairn check spinal-metastases.pathway\n"),
        stderr(&check).trim_end()
    );

    let shown = readme_block_after("$ cairn coverage spinal-metastases.pathway --fail-under 100\n");
    let coverage =
        cairn_in(&dir, &["coverage", "spinal-metastases.pathway", "--fail-under", "100"]);
    assert_eq!(coverage.status.code(), Some(0));
    let output = stdout(&coverage);
    let first_lines: Vec<&str> = output.lines().take(shown.lines().count()).collect();
    assert_eq!(shown, first_lines.join("\n"), "the README's rows are the report's first rows");
}
