//! The strength lint (`cairn::analysis::strength_mismatch`) on the NICE pathway: silent on the
//! pathway as written, a warning quoting the sentence when a recommendation's strength is
//! changed so that it contradicts the verb of the sentence it cites.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const PATHWAY_FILE: &str = "spinal-metastases.pathway";
const GUIDELINE_FILE: &str = "ng234-spinal-metastases-summary.txt";
const LOCK_FILE: &str = "spinal-metastases.lock";

fn nice_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../pathways/spinal-metastases")
}

/// A temporary folder with the NICE guideline text, its lock file, and the pathway edited by
/// `old` -> `new`.
fn folder_with_pathway_edit(old: &str, new: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in [GUIDELINE_FILE, LOCK_FILE] {
        std::fs::copy(nice_folder().join(file), dir.path().join(file)).unwrap();
    }
    let source = std::fs::read_to_string(nice_folder().join(PATHWAY_FILE)).unwrap();
    assert_eq!(source.matches(old).count(), 1, "the pathway holds {old:?} once");
    std::fs::write(dir.path().join(PATHWAY_FILE), source.replacen(old, new, 1)).unwrap();
    dir
}

fn cairn(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).current_dir(dir).output().unwrap()
}

fn json_diagnostics(dir: &Path) -> Vec<Value> {
    let output = cairn(dir, &["check", PATHWAY_FILE, "--error-format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["diagnostics"].as_array().unwrap().clone()
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[test]
fn the_nice_pathway_has_no_strength_mismatch() {
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["check", "spinal-metastases.pathway", "--error-format", "json"])
        .current_dir(nice_folder())
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["diagnostics"], serde_json::json!([]), "no finding at all");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn offer_implemented_by_consider_is_a_warning_quoting_the_sentence() {
    let dir = folder_with_pathway_edit(
        "recommend offer_dexamethasone_16mg: offer",
        "recommend offer_dexamethasone_16mg: consider",
    );
    let output = cairn(dir.path(), &["check", PATHWAY_FILE]);
    assert_eq!(output.status.code(), Some(0), "a warning does not fail the check");
    insta::assert_snapshot!(String::from_utf8(output.stderr).unwrap());

    let found = json_diagnostics(dir.path());
    assert_eq!(codes(&found), ["cairn::analysis::strength_mismatch"]);
    let warning = &found[0];
    assert_eq!(warning["severity"], "warning");
    assert_eq!(
        warning["message"],
        "`offer_dexamethasone_16mg` is `consider`, but the sentence it cites says `offer`"
    );
    assert!(warning["help"].as_str().unwrap().contains(
        "\"Offer 16 mg of oral dexamethasone (or equivalent parenteral dose) for confirmed haematological malignancy as soon as possible\""
    ));
    let labels: Vec<&str> = warning["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["message"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["strength here", "cites this sentence"]);
    assert_eq!(
        cairn(dir.path(), &["check", PATHWAY_FILE, "--deny-warnings"]).status.code(),
        Some(1)
    );
}

#[test]
fn other_contradicting_strengths_are_caught() {
    // A `do` sentence ("Carry out ...") implemented as an offer, a `consider` as a `do`, and
    // the "If ..., start ..." sentence whose verb follows commas inside its `if` clause.
    for (old, new, verb) in [
        ("recommend mri_within_1_week: do", "recommend mri_within_1_week: offer", "do"),
        (
            "recommend consider_immobilisation: consider",
            "recommend consider_immobilisation: do",
            "consider",
        ),
        (
            "recommend graded_sitting_then_weight_bearing: do",
            "recommend graded_sitting_then_weight_bearing: consider",
            "do",
        ),
        (
            "recommend refer_urgent_oncology_assessment: refer",
            "recommend refer_urgent_oncology_assessment: do",
            "refer",
        ),
    ] {
        let dir = folder_with_pathway_edit(old, new);
        let found = json_diagnostics(dir.path());
        assert_eq!(codes(&found), ["cairn::analysis::strength_mismatch"], "{new}");
        assert!(
            found[0]["message"].as_str().unwrap().ends_with(&format!("says `{verb}`")),
            "{}",
            found[0]["message"]
        );
    }
}

#[test]
fn sentences_without_a_verb_do_not_constrain_the_strength() {
    // `bisphosphonate` cites a lead-in ("Ensure ...:") and a limb with no verb; only the
    // lead-in's verb counts, so `ensure` -> `offer` is one warning, not two.
    let dir = folder_with_pathway_edit(
        "recommend bisphosphonate: ensure",
        "recommend bisphosphonate: offer",
    );
    let found = json_diagnostics(dir.path());
    assert_eq!(codes(&found), ["cairn::analysis::strength_mismatch"]);
    assert!(
        found[0]["help"].as_str().unwrap().contains("\"Ensure adequate pain relief, including:\"")
    );
}
