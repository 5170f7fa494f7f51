//! The `cairn test` command end to end: default case discovery, a line per case, a diff for a
//! failure, diagnostics for a malformed case file, the closing `N passed, N failed` line, the
//! exit codes, and the JSON report with coverage.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

const NICE: &str = "pathways/spinal-metastases/spinal-metastases.pathway";

/// Runs `cairn` from the workspace root, so that paths in its output are relative.
fn cairn(args: &[&str]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).current_dir(root).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn the_nice_suite_passes_by_default() {
    let output = cairn(&["test", NICE]);
    let text = stdout(&output);
    let cases = std::fs::read_dir("../conformance/cases/spinal-metastases").unwrap().count();
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(text.starts_with("ok    bone_01_myeloma\n"), "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("ok    ")).count(), cases);
    assert!(text.ends_with(&format!("\n{cases} passed, 0 failed\n")), "{text}");
}

#[test]
fn a_language_pathway_finds_the_cases_beside_it() {
    let output = cairn(&["test", "conformance/language/and/and.pathway"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).ends_with("\n6 passed, 0 failed\n"), "{}", stdout(&output));
}

#[test]
fn failures_and_malformed_files_fail_with_a_diff_and_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(
        "../conformance/cases/spinal-metastases/main_01_suspected_baseline.toml",
    )
    .unwrap();
    std::fs::write(dir.path().join("a_good.toml"), &good).unwrap();
    let wrong = good.replace("exactly = [", "excludes = [\"mri_within_1_week\"]\nexactly = [");
    std::fs::write(dir.path().join("b_wrong.toml"), wrong).unwrap();
    let malformed = good.replace("pain_severity = \"mild\"", "pain_severity = \"agony\"");
    std::fs::write(dir.path().join("c_malformed.toml"), malformed).unwrap();

    let shown = dir.path().display().to_string();
    let output = cairn(&["test", NICE, "--cases", &shown]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output).replace(&shown, "<dir>");
    // Excluding what `exactly` lists and what `details` describe contradicts both, so the case
    // is malformed; it is broken another way below to see a diff.
    assert!(
        text.contains("FAIL  b_wrong (<dir>/b_wrong.toml): the case file has 2 errors"),
        "{text}"
    );
    assert!(text.contains("FAIL  c_malformed (<dir>/c_malformed.toml): the case file has 1 error"));
    assert!(stderr(&output).contains("cairn::cases::unknown_value"), "{}", stderr(&output));
    assert!(text.ends_with("\n1 passed, 2 failed\n"), "{text}");

    let wrong = good.replace("mri_contraindicated = false", "mri_contraindicated = true");
    assert_ne!(wrong, good);
    std::fs::write(dir.path().join("b_wrong.toml"), wrong).unwrap();
    std::fs::remove_file(dir.path().join("c_malformed.toml")).unwrap();
    let output = cairn(&["test", NICE, "--cases", &shown]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output).replace(&shown, "<dir>");
    insta::assert_snapshot!(text, @r#"
    ok    a_good
    FAIL  b_wrong (<dir>/b_wrong.toml)
          without neurological signs, spinal metastases suspected: coordinator advice in 24 hours, pain plan, analgesia, MRI in a week
          --- expected
          +++ actual
            recommends exactly:
              seek_mscc_coordinator_advice_24h
              pain_assessment_and_plan
              ensure_adequate_analgesia
          -   mri_within_1_week
          +   ct_if_mri_contraindicated
          +   consider_multiplanar_ct_review
            seek_mscc_coordinator_advice_24h: why cites s-7fe91e "Seek advice through the MSCC coordinator within 24 hours"
            seek_mscc_coordinator_advice_24h: why cites s-b6a365 "Pain characteristics suggesting spinal metastases (see box 1) and"
            ensure_adequate_analgesia: why cites s-c420fd "Ensure adequate pain relief, including non-opioid or opioid analgesic medication, individually or in combination"
            seek_mscc_coordinator_advice_24h: strength do
            seek_mscc_coordinator_advice_24h: timing within 24 hours
            pain_assessment_and_plan: strength do
            pain_assessment_and_plan: no timing
            ensure_adequate_analgesia: strength ensure
            ensure_adequate_analgesia: no timing
          - mri_within_1_week: strength do
          - mri_within_1_week: timing within 1 week
          - mri_within_1_week: text "Carry out MRI within 1 week at the local hospital"
          + mri_within_1_week: not recommended
          + mri_within_1_week: not recommended
          + mri_within_1_week: not recommended

    1 passed, 1 failed
    "#);
}

#[test]
fn one_case_file_runs_alone() {
    let output = cairn(&[
        "test",
        NICE,
        "conformance/cases/spinal-metastases/imaging_01_mri_contraindicated.toml",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "ok    imaging_01_mri_contraindicated\n1 passed, 0 failed\n");
}

#[test]
fn an_unreadable_case_file_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.toml");
    std::fs::write(&file, b"description = \"caf\xe9\"\n").unwrap();
    let shown = file.display().to_string();
    let output = cairn(&["test", NICE, &shown]);
    assert_eq!(output.status.code(), Some(1));
    let shown_dir = dir.path().display().to_string();
    assert_eq!(
        stdout(&output).replace(&shown_dir, "<dir>"),
        "FAIL  latin1 (<dir>/latin1.toml): the case file has 1 error\n0 passed, 1 failed\n"
    );
    assert!(stderr(&output).starts_with("cairn::cases::unreadable\n"), "{}", stderr(&output));
    let output = cairn(&["test", NICE, &shown, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let case = &report["cases"][0];
    assert_eq!(case["status"], "malformed");
    assert_eq!(case["diagnostics"][0]["code"], "cairn::cases::unreadable");
    assert_eq!(
        case["diagnostics"][0]["message"].as_str().unwrap().replace(&shown_dir, "<dir>"),
        "cannot read `<dir>/latin1.toml`: it is not UTF-8 text: invalid byte at offset 18"
    );
}

#[test]
fn no_cases_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().display().to_string();
    let output = cairn(&["test", NICE, "--cases", &shown]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).replace(&shown, "<dir>"),
        "error: no case files (`*.toml`) in `<dir>`\n"
    );
    let output = cairn(&["test", NICE, "conformance/cases/spinal-metastases/no_such_case.toml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn json_with_coverage() {
    let output = cairn(&["test", NICE, "--coverage", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["pathway"], "spinal_metastases");
    assert_eq!(report["failed"], 0);
    assert_eq!(
        report["cases"].as_array().unwrap().len(),
        report["passed"].as_u64().unwrap() as usize
    );
    let coverage = &report["coverage"];
    assert_eq!(coverage["recommendations_both_ways"], 23);
    assert_eq!(coverage["constraints_broken"], 4);
    assert_eq!(coverage["sentences_exercised"], coverage["sentences_implemented"]);
    let sentence = coverage["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "severe pain, or")
        .unwrap();
    assert_eq!(sentence["recommendations"], serde_json::json!(["consider_corticosteroids"]));
    assert!(
        sentence["exercised_by"].as_array().unwrap().iter().any(|c| c == "cortico_01_severe_pain")
    );
    assert!(sentence["named_by"].as_array().unwrap().iter().any(|c| c == "cortico_01_severe_pain"));
}
