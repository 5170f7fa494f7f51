//! `cairn gate`, the one command CI runs: it fails on anything `cairn check` or `cairn analyse`
//! would report. Tested on a pathway that passes `cairn check --deny-warnings` while
//! `cairn analyse` warns, and on the NICE pathway, which passes.

// A test fails loudly on what it did not expect; clippy's allow-unwrap-in-tests covers
// `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod drinks;

use std::path::Path;
use std::process::Output;

use drinks::{DRINKS, GUIDELINE, cairn};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A locked copy of the drinks pathway in a temporary folder.
fn drinks() -> tempfile::TempDir {
    drinks::locked(DRINKS)
}

#[test]
fn the_gate_fails_on_analyse_warnings_that_check_passes() {
    let dir = drinks();
    let check = cairn(dir.path(), &["check", "--deny-warnings", "drinks.pathway"]);
    assert_eq!(check.status.code(), Some(0), "check passes: {}", stderr(&check));
    let analyse = cairn(dir.path(), &["analyse", "drinks.pathway"]);
    assert_eq!(analyse.status.code(), Some(0), "only warnings: {}", stderr(&analyse));
    assert!(
        String::from_utf8_lossy(&analyse.stdout).contains("undeclared_overlap")
            || String::from_utf8_lossy(&analyse.stdout).contains("can apply together"),
        "{}",
        String::from_utf8_lossy(&analyse.stdout)
    );

    let gate = cairn(dir.path(), &["gate", "drinks.pathway"]);
    assert_eq!(gate.status.code(), Some(1), "{}", stderr(&gate));
    assert!(stderr(&gate).contains("cairn::analysis::undeclared_overlap"), "{}", stderr(&gate));
    assert!(stderr(&gate).contains("0 errors, 1 warning"), "{}", stderr(&gate));
    // The same as the flags.
    let flags = cairn(dir.path(), &["check", "--analyse", "--deny-warnings", "drinks.pathway"]);
    assert_eq!(flags.status.code(), Some(1));
    assert_eq!(stderr(&flags), stderr(&gate));

    // Declaring the overlap clears it, and the gate passes.
    let mut declared = DRINKS.to_string();
    declared.push_str("alternatives hot_drink \"the visitor chooses\": tea, coffee\n");
    std::fs::write(dir.path().join("drinks.pathway"), declared).unwrap();
    let gate = cairn(dir.path(), &["gate", "drinks.pathway"]);
    assert_eq!(gate.status.code(), Some(0), "{}", stderr(&gate));
    assert!(stderr(&gate).contains("gate passed"), "{}", stderr(&gate));
}

#[test]
fn the_gate_fails_on_every_kind_of_warning_and_error() {
    let dir = drinks();
    // An uncovered statement (a warning of check), a missing lock file, an error.
    std::fs::write(dir.path().join("guideline.txt"), format!("{GUIDELINE}• Offer cake.\n"))
        .unwrap();
    let gate = cairn(dir.path(), &["gate", "drinks.pathway"]);
    assert_eq!(gate.status.code(), Some(1));
    assert!(stderr(&gate).contains("cairn::analysis::uncovered"), "{}", stderr(&gate));
    std::fs::write(dir.path().join("guideline.txt"), GUIDELINE).unwrap();
    std::fs::remove_file(dir.path().join("drinks.lock")).unwrap();
    let gate = cairn(dir.path(), &["gate", "drinks.pathway"]);
    assert_eq!(gate.status.code(), Some(1));
    assert!(stderr(&gate).contains("cairn::lock::missing"), "{}", stderr(&gate));
    std::fs::write(
        dir.path().join("drinks.pathway"),
        DRINKS.replace("when thirsty", "when thrsty"),
    )
    .unwrap();
    let gate = cairn(dir.path(), &["gate", "drinks.pathway", "--error-format", "json"]);
    assert_eq!(gate.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&gate.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "cairn::sema::unknown_name");
}

#[test]
fn the_nice_pathway_passes_the_gate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let gate = cairn(&root, &["gate", "pathways/spinal-metastases/spinal-metastases.pathway"]);
    assert_eq!(gate.status.code(), Some(0), "{}", stderr(&gate));
    assert_eq!(
        stderr(&gate),
        "pathways/spinal-metastases/spinal-metastases.pathway: gate passed: no errors, no warnings, 42 of 42 guideline statements accounted for, every cited statement as locked\n"
    );
}
