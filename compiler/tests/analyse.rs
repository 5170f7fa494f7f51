//! UI tests of `cairn analyse`: each `tests/analyse/*.pathway` holds one finding (or one error
//! of the language it adds), and its snapshot shows the source and what `cairn analyse` prints,
//! at a fixed width without colour. Every compiled case is also held against enumeration, and
//! every witness is pasted into the interpreter.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cairn_compiler::Compilation;
use cairn_compiler::analysis::{BehaviourFinding, Finding};
use cairn_compiler::backend::behaviour::{to_json, to_text};
use cairn_compiler::diagnostics::json::FileKind;
use cairn_compiler::driver::{Diagnostic, render_human};
use cairn_compiler::interp;

use common::{assert_agrees, compile};

const WIDTH: usize = 100;

fn cases() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/analyse");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pathway"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_str().unwrap().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Whether the compilation failed for a reason other than the analysis itself.
fn other_errors(compilation: &Compilation) -> bool {
    compilation.pathway.is_none()
        || compilation
            .diagnostics
            .iter()
            .any(|d| d.is_error() && !matches!(d, Diagnostic::Analysis(Finding::Behaviour(_))))
}

/// What `cairn analyse` prints for a case: the report, or the errors that stop it.
fn render(name: &str, compilation: &Compilation) -> String {
    if other_errors(compilation) {
        let errors: Vec<Diagnostic> =
            compilation.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
        return render_human(&errors, compilation.sources(), WIDTH);
    }
    let report = &compilation.analysis.as_ref().unwrap().behaviour;
    let source = compilation.sources().for_file(FileKind::Pathway);
    to_text(&format!("tests/analyse/{name}.pathway"), report, source, WIDTH)
}

#[test]
fn every_case_matches_its_snapshot() {
    let cases = cases();
    assert!(cases.len() >= 10, "only {} cases", cases.len());
    for (name, source) in cases {
        let compilation = compile(&name, &source);
        let output = render(&name, &compilation);
        insta::assert_snapshot!(name, format!("{source}\n----- cairn analyse -----\n{output}"));
    }
}

#[test]
fn every_finding_code_has_a_case() {
    let mut seen = BTreeSet::new();
    for (name, source) in cases() {
        let compilation = compile(&name, &source);
        if let Some(analysis) = &compilation.analysis {
            for finding in &analysis.behaviour.findings {
                seen.insert(
                    Diagnostic::Analysis(Finding::Behaviour(finding.clone())).code_string(),
                );
            }
        }
    }
    // `unconfirmed_witness` needs a wrong encoding, which only the engine's unit tests can
    // build (see `analysis::behaviour::tests`).
    let expected: BTreeSet<String> = [
        "never_applies",
        "always_applies",
        "undeclared_overlap",
        "forbidden_together",
        "scope_gap",
        "assert_fails",
        "vacuous_assert",
        "too_complex",
    ]
    .iter()
    .map(|code| format!("cairn::analysis::{code}"))
    .collect();
    assert_eq!(seen, expected);
}

#[test]
fn the_symbolic_engine_agrees_with_enumeration_on_every_case() {
    let mut checked = 0;
    for (name, source) in cases() {
        let compilation = compile(&name, &source);
        let (Some(pathway), Some(analysis)) = (&compilation.pathway, &compilation.analysis) else {
            continue;
        };
        if !analysis.behaviour.analysed {
            continue;
        }
        assert_agrees(pathway, &analysis.behaviour);
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} cases were compared");
}

#[test]
fn every_witness_can_be_pasted_into_cairn_run() {
    let mut witnesses = 0;
    for (name, source) in cases() {
        let compilation = compile(&name, &source);
        let (Some(pathway), Some(analysis)) = (&compilation.pathway, &compilation.analysis) else {
            continue;
        };
        for finding in &analysis.behaviour.findings {
            let Some(witness) = finding.witness() else { continue };
            let json = serde_json::to_string(&witness.facts).unwrap();
            let plan = interp::run_json(pathway, &json).unwrap();
            let ids: Vec<&str> = plan.recommendations.iter().map(|r| r.id.as_ref()).collect();
            match finding {
                BehaviourFinding::UndeclaredOverlap { first, second, .. } => {
                    assert!(ids.contains(&first.as_str()) && ids.contains(&second.as_str()));
                }
                BehaviourFinding::ForbiddenTogether { rec, forbidden, .. } => {
                    assert!(ids.contains(&rec.as_str()) && ids.contains(&forbidden.as_str()));
                }
                BehaviourFinding::ScopeGap { .. } => assert!(ids.is_empty()),
                _ => {}
            }
            assert!(witness.inputs.0 >= 1);
            witnesses += 1;
        }
    }
    assert!(witnesses >= 5, "only {witnesses} witnesses");
}

#[test]
fn json_report_has_the_documented_shape() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/analyse/assert_fails.pathway"),
    )
    .unwrap();
    let compilation = compile("assert_fails", &source);
    let report = &compilation.analysis.as_ref().unwrap().behaviour;
    let json = serde_json::to_value(to_json(report, "assert_fails.pathway", &source)).unwrap();
    assert_eq!(json["consistent_inputs"], 32);
    assert_eq!(json["raw_inputs"], 32);
    let properties = json["properties"].as_array().unwrap();
    let verdicts: Vec<(&str, bool)> = properties
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["holds"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("dexamethasone_needs_confirmation", false),
            ("denosumab_only_for_breast", true),
            ("something_for_night_pain", false),
        ]
    );
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    for finding in findings {
        assert_eq!(finding["code"], "cairn::analysis::assert_fails");
        assert_eq!(finding["severity"], "error");
        assert!(finding["message"].as_str().unwrap().starts_with("assertion `"));
        let witness = &finding["witness"];
        assert!(witness["facts"].is_object());
        assert!(witness["deciding"].is_array());
        assert!(witness["inputs"].as_u64().unwrap() >= 1);
        assert!(finding["line"].as_u64().unwrap() > 1);
    }
    assert_eq!(json["errors"], 2);
}

fn cairn(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).output().unwrap()
}

#[test]
fn cli_json_on_the_nice_pathway_proves_every_property() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../pathways/spinal-metastases/spinal-metastases.pathway");
    let output = cairn(&["analyse", path.to_str().unwrap(), "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["consistent_inputs"], 6_045_696);
    assert_eq!(json["raw_inputs"], 19_464_192);
    let properties = json["properties"].as_array().unwrap();
    assert!(properties.len() >= 10);
    assert!(properties.iter().all(|p| p["holds"] == true && p["vacuous"] == false));
    assert_eq!(json["findings"], serde_json::json!([]));
}

#[test]
fn cli_exits_1_when_an_assertion_fails() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/analyse/assert_fails.pathway"),
    )
    .unwrap();
    let path = dir.path().join("assert_fails.pathway");
    std::fs::write(&path, source).unwrap();
    std::fs::write(dir.path().join("guideline.txt"), common::GUIDELINE).unwrap();
    let output = cairn(&["analyse", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("properties: 1 of 3 hold"), "{text}");
    // `cairn check` reports the same errors.
    let check = cairn(&["check", path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8(check.stderr).unwrap();
    assert_eq!(stderr.matches("cairn::analysis::assert_fails").count(), 2, "{stderr}");
}
