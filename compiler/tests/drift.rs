//! Drift: what `cairn check` and `cairn coverage` say when the NICE guideline text changes under
//! the pathway, as a new revision would. Each test copies the pathway into a temporary folder
//! beside an edited copy of the NICE text (the real one is never touched) and runs the binary.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const PATHWAY_FILE: &str = "spinal-metastases.pathway";
const GUIDELINE_FILE: &str = "ng234-spinal-metastases-summary.txt";
const LOCK_FILE: &str = "spinal-metastases.lock";

fn nice_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../pathways/spinal-metastases")
}

fn nice_text() -> String {
    std::fs::read_to_string(nice_folder().join(GUIDELINE_FILE)).unwrap()
}

/// A temporary folder holding the NICE pathway, its lock file, and `guideline` as its guideline
/// text.
fn folder_with(guideline: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(nice_folder().join(PATHWAY_FILE), dir.path().join(PATHWAY_FILE)).unwrap();
    std::fs::copy(nice_folder().join(LOCK_FILE), dir.path().join(LOCK_FILE)).unwrap();
    std::fs::write(dir.path().join(GUIDELINE_FILE), guideline).unwrap();
    dir
}

/// `text` with `old` replaced once by `new`; fails if `old` is not there.
fn edit(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "the NICE text holds {old:?}");
    text.replacen(old, new, 1)
}

/// Runs `cairn` in `dir` (so the paths it prints are the relative ones given).
fn cairn(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).current_dir(dir).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The JSON diagnostics of `cairn check`.
fn diagnostics(dir: &Path) -> Vec<Value> {
    let output = cairn(dir, &["check", PATHWAY_FILE, "--error-format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["diagnostics"].as_array().unwrap().clone()
}

/// The JSON coverage report.
fn coverage(dir: &Path) -> Value {
    let output = cairn(dir, &["coverage", PATHWAY_FILE, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Each statement's text by id.
fn texts_by_id(report: &Value) -> BTreeMap<String, String> {
    report["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), s["text"].as_str().unwrap().to_string()))
        .collect()
}

/// The NICE text as delivered: every statement covered, so the baseline of every comparison.
#[test]
fn the_delivered_text_checks_clean() {
    let dir = folder_with(&nice_text());
    let output = cairn(dir.path(), &["check", PATHWAY_FILE]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "spinal-metastases.pathway: no problems found\n");
    assert_eq!(coverage(dir.path())["percent"].as_f64(), Some(100.0));
}

#[test]
fn a_changed_cited_sentence_is_an_error_naming_the_nearest_new_one() {
    let changed = edit(
        &nice_text(),
        "Carry out MRI within 1 week at the local hospital",
        "Carry out MRI within 2 weeks at the local hospital",
    );
    let dir = folder_with(&changed);
    let output = cairn(dir.path(), &["check", PATHWAY_FILE]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&output));

    let found = diagnostics(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    let error = &found[0];
    assert_eq!(error["code"], "cairn::sema::citation_not_found");
    assert_eq!(error["severity"], "error");
    assert_eq!(
        error["message"],
        "no statement of the guideline matches `Carry out MRI within 1 week at the local hospital if spinal metastases are suspected`"
    );
    // The nearest statement is the changed one, by the id it has now.
    let new_id = texts_by_id_of(&changed)
        .into_iter()
        .find(|(_, text)| text.starts_with("Carry out MRI within 2 weeks"))
        .unwrap()
        .0;
    let help = error["help"].as_str().unwrap();
    assert!(
        help.starts_with(&format!(
            "the nearest statement is {new_id}: \"Carry out MRI within 2 weeks at the local hospital if spinal metastases are suspected\""
        )),
        "{help}"
    );
    // The label points at the quote in the pathway.
    assert_eq!(error["file_kind"], "pathway");
    assert_eq!(error["labels"][0]["message"], "matches no statement");
}

#[test]
fn a_removed_cited_sentence_is_an_error_that_says_it_may_have_been_removed() {
    let removed = edit(
        &nice_text(),
        "• Carry out MRI within 1 week at the local hospital if spinal\nmetastases are suspected\n\n",
        "",
    );
    let dir = folder_with(&removed);
    let output = cairn(dir.path(), &["check", PATHWAY_FILE]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&output));

    let found = diagnostics(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "cairn::sema::citation_not_found");
    assert!(found[0]["message"].as_str().unwrap().contains("Carry out MRI within 1 week"));
    // Nothing left is close, so the help says the sentence may be gone rather than pointing at
    // an unrelated statement as if it were the changed one.
    assert!(found[0]["help"].as_str().unwrap().starts_with(
        "no statement is close to it, so the sentence may have been removed from the guideline"
    ));
    // The pathway no longer checks, so there is no coverage report to mislead.
    let report = cairn(dir.path(), &["coverage", PATHWAY_FILE]);
    assert_eq!(report.status.code(), Some(1));
    assert!(report.stdout.is_empty());
}

#[test]
fn every_changed_citation_is_reported_in_one_run() {
    let text = edit(&nice_text(), "Localised tenderness", "Local tenderness");
    let text = edit(&text, "Carry out a holistic needs assessment", "Carry out a needs assessment");
    let dir = folder_with(&text);
    let found = diagnostics(dir.path());
    let quotes: Vec<&str> = found
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "cairn::sema::citation_not_found");
            d["message"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        quotes,
        [
            "no statement of the guideline matches `Localised tenderness`",
            "no statement of the guideline matches `Carry out a holistic needs assessment`",
        ]
    );
}

/// Segments a guideline text the way the compiler does, for ids to compare against.
fn texts_by_id_of(text: &str) -> BTreeMap<String, String> {
    cairn_compiler::guideline::segment(text)
        .unwrap()
        .statements
        .into_iter()
        .map(|s| (s.id.to_string(), s.text))
        .collect()
}

#[test]
fn a_new_statement_is_uncovered_and_every_other_keeps_its_id() {
    let inserted = edit(
        &nice_text(),
        "\nCarry out a pain assessment",
        "\nReassess pain at every contact.\n\nCarry out a pain assessment",
    );
    let dir = folder_with(&inserted);

    // `check` passes (coverage is a warning) and points into the guideline text.
    let output = cairn(dir.path(), &["check", PATHWAY_FILE]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stderr(&output));
    let found = diagnostics(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "cairn::analysis::uncovered");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["file_kind"], "guideline");
    assert_eq!(found[0]["line"], 18);
    // `--deny-warnings` turns it into a failure, for CI.
    assert_eq!(
        cairn(dir.path(), &["check", PATHWAY_FILE, "--deny-warnings"]).status.code(),
        Some(1)
    );

    let original = folder_with(&nice_text());
    let before = texts_by_id(&coverage(original.path()));
    let report = coverage(dir.path());
    let after = texts_by_id(&report);
    assert_eq!(report["total"], 43);
    assert_eq!(report["uncovered"], 1);
    assert_eq!(report["percent"].as_f64(), Some(97.67));
    let uncovered: Vec<&Value> = report["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "uncovered")
        .collect();
    assert_eq!(uncovered.len(), 1);
    assert_eq!(uncovered[0]["text"], "Reassess pain at every contact.");
    assert_eq!(uncovered[0]["by"], serde_json::json!([]));
    for (id, text) in &before {
        assert_eq!(after.get(id), Some(text), "{id} kept its id");
    }
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn reordered_statements_stay_fully_covered() {
    let text = nice_text();
    // Box 1 moves to the top, and two bullets of "From diagnosis onwards" swap.
    let box1_start = text.find("Box 1 Pain characteristics").unwrap();
    let box1_end = text.find("If a person without a past").unwrap();
    let box1 = &text[box1_start..box1_end];
    let moved = format!("{box1}{}{}", &text[..box1_start], &text[box1_end..]);
    let reordered = edit(
        &moved,
        "• Carry out a holistic needs assessment\n• Offer opportunities to discuss advance care planning\n",
        "• Offer opportunities to discuss advance care planning\n• Carry out a holistic needs assessment\n",
    );
    let dir = folder_with(&reordered);
    let output = cairn(dir.path(), &["check", PATHWAY_FILE]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "spinal-metastases.pathway: no problems found\n");

    let report = coverage(dir.path());
    assert_eq!(report["percent"].as_f64(), Some(100.0));
    assert_eq!(
        report["sentences"][0]["text"],
        "Box 1 Pain characteristics suggesting spinal metastases:"
    );
    let original = folder_with(&text);
    assert_eq!(
        texts_by_id(&report),
        texts_by_id(&coverage(original.path())),
        "the same statements under the same ids"
    );
}

#[test]
fn a_new_extraction_with_other_line_breaks_changes_nothing() {
    // A re-extraction that breaks lines elsewhere, or drops the non-breaking spaces, is the
    // same guideline: no id moves and every citation still resolves.
    let text = nice_text();
    let rewrapped = edit(
        &text,
        "If the person has neurological symptoms or signs contact the \nMSCC\u{a0}coordinator immediately",
        "If the person has neurological symptoms or signs \ncontact the MSCC coordinator immediately",
    );
    let rewrapped = edit(&rewrapped, "within 24\u{a0}hours", "within 24 hours");
    let rewrapped =
        edit(&rewrapped, "recent or new CT images  to assess", "recent or new CT images to assess");
    let dir = folder_with(&rewrapped);
    assert_eq!(cairn(dir.path(), &["check", PATHWAY_FILE]).status.code(), Some(0));
    let original = folder_with(&text);
    assert_eq!(texts_by_id(&coverage(dir.path())), texts_by_id(&coverage(original.path())));
}
