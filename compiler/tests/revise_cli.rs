//! `cairn revise <pathway> --guideline NEW.txt` on revisions of the NICE text: what it says
//! changed, was removed or added, what rests on each, in text, Markdown and JSON, and its exit
//! code (1 when anything the pathway cites changed or vanished).

// A test fails loudly on what it did not expect; clippy's allow-unwrap-in-tests covers
// `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn nice_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../pathways/spinal-metastases")
}

fn nice_text() -> String {
    std::fs::read_to_string(nice_folder().join("ng234-spinal-metastases-summary.txt")).unwrap()
}

/// Runs `cairn revise` on the NICE pathway with `new` as the new text (written as `new.txt`
/// in a temporary folder, where it runs).
fn revise(new: &str, format: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("new.txt"), new).unwrap();
    let pathway = nice_folder().join("spinal-metastases.pathway");
    Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["revise".as_ref(), pathway.as_os_str()])
        .args(["--guideline", "new.txt", "--format", format])
        .current_dir(dir.path())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The MRI sentence reworded, a box 1 bullet deleted, a paragraph added.
fn revised() -> String {
    let mut text = nice_text();
    for (old, new) in [
        ("within 1 week at the local hospital", "within 2 weeks at the local hospital"),
        ("• Localised tenderness\n", ""),
        ("\nBox 1", "\nReview the plan every month\n\nBox 1"),
    ] {
        assert!(text.contains(old), "the NICE text holds {old:?}");
        text = text.replacen(old, new, 1);
    }
    text
}

#[test]
fn a_revision_names_each_change_and_what_rests_on_it() {
    let output = revise(&revised(), "json");
    assert_eq!(output.status.code(), Some(1), "cited statements changed");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["pathway"], "spinal_metastases");
    assert_eq!(report["new_guideline"], "new.txt");
    assert_eq!(report["unchanged"], 40);
    assert_eq!(report["cited_changes"], 2);
    let changes = report["changes"].as_array().unwrap();
    let kinds: Vec<&str> = changes.iter().map(|c| c["change"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["changed", "removed", "added"]);

    let mri = &changes[0];
    assert_eq!(
        mri["diff"],
        "Carry out MRI within [-1 week-]{+2 weeks+} at the local hospital if spinal metastases are suspected"
    );
    assert_eq!(mri["status"], "implemented");
    assert_eq!(mri["resting"]["recommendations"], serde_json::json!(["mri_within_1_week"]));
    let cases = mri["cases"].as_array().unwrap();
    assert!(cases.iter().any(|c| c == "main_01_suspected_baseline"), "{cases:?}");
    assert!(!cases.iter().any(|c| c == "imaging_02_mri_possible_no_ct"), "{cases:?}");

    let tenderness = &changes[1];
    assert_eq!(tenderness["old"]["text"], "Localised tenderness");
    assert_eq!(tenderness["new"], Value::Null);
    assert!(
        tenderness["resting"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "has_box1_pain"),
        "{tenderness}"
    );
    assert!(
        tenderness["cases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "gate_06_localised_tenderness_alone")
    );

    let added = &changes[2];
    assert_eq!(added["new"]["text"], "Review the plan every month");
    assert_eq!(added["status"], "uncovered");
}

#[test]
fn text_and_markdown_show_the_word_diff() {
    let text = stdout(&revise(&revised(), "text"));
    assert!(text.starts_with("revision of `ng234-spinal-metastases-summary.txt` for pathway `spinal_metastases`: `new.txt`\n  1 changed, 1 removed, 1 added, 40 unchanged; 2 of them cited by the pathway\n"), "{text}");
    assert!(text.contains("\nCITED changed: s-05c991 (line 32) -> s-ec5660 (line 32)\n  Carry out MRI within [-1 week-]{+2 weeks+} at"), "{text}");
    assert!(text.contains("\nadded: "), "{text}");
    let markdown = stdout(&revise(&revised(), "markdown"));
    assert!(
        markdown.starts_with("## Guideline revision: `new.txt` for pathway `spinal_metastases`\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("> Carry out MRI within ~~1 week~~ **2 weeks** at the local hospital"),
        "{markdown}"
    );
    assert!(markdown.contains("**2 changes rest under the pathway: review"), "{markdown}");
}

#[test]
fn a_revision_that_touches_nothing_cited_exits_0() {
    let same = revise(&nice_text(), "text");
    assert_eq!(same.status.code(), Some(0));
    assert!(stdout(&same).contains("0 changed, 0 removed, 0 added, 42 unchanged; 0 of them cited"));
    let added = revise(&format!("{}\n\nA new paragraph\n", nice_text()), "json");
    assert_eq!(added.status.code(), Some(0), "an added statement is the coverage gate's to catch");
    let report: Value = serde_json::from_slice(&added.stdout).unwrap();
    assert_eq!(report["changes"][0]["change"], "added");
    let broken = revise("Title\n\u{1}\n", "text");
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("cairn::guideline::control_character")
    );
}
