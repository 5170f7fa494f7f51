//! SARIF 2.1.0 from `cairn check`, `cairn gate`, `cairn coverage` and `cairn analyse`:
//! structure (one rule per code, tool name and version, positions in the guideline for
//! uncovered statements, a witness for analysis findings), fingerprints that do not move when
//! unrelated lines move, and validity by Microsoft's SARIF multitool (`.ci/run` installs it
//! under `target/ci-tools/`). Without the multitool the validity test fails under `CI=true`
//! and, elsewhere, says loudly that it did not validate.

// A test fails loudly on what it did not expect; clippy's allow-unwrap-in-tests covers
// `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod drinks;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use drinks::{GUIDELINE, cairn};
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sarif(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)))
}

/// The drinks pathway with a fact nothing reads: it checks with a warning (`cold` is unused)
/// and its analysis warns that tea and coffee come together.
fn drinks_pathway() -> String {
    drinks::DRINKS.replace(
        "fact thirsty: bool \"The visitor is thirsty\"\n",
        "fact thirsty: bool \"The visitor is thirsty\"\nfact cold: bool \"The visitor is cold\"\n",
    )
}

fn drinks() -> tempfile::TempDir {
    drinks::locked(&drinks_pathway())
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

fn rule_ids(log: &Value) -> Vec<String> {
    log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_gate_gives_one_rule_per_code_and_a_result_per_diagnostic() {
    let dir = drinks();
    let output = cairn(dir.path(), &["gate", "drinks.pathway", "--error-format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let log = sarif(&output);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "cairn");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    assert_eq!(
        rule_ids(&log),
        ["cairn::analysis::undeclared_overlap", "cairn::analysis::unused_fact"]
    );
    for rule in driver["rules"].as_array().unwrap() {
        assert!(rule["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(rule["fullDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{rule}");
        assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    }
    let results = results(&log);
    assert_eq!(results.len(), 2);
    let unused = &results[0];
    assert_eq!(unused["ruleId"], "cairn::analysis::unused_fact");
    assert_eq!(unused["ruleIndex"], 1);
    assert_eq!(unused["level"], "warning");
    let location = &unused["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "drinks.pathway");
    assert_eq!(location["region"]["startLine"], 6);
    assert_eq!(location["region"]["startColumn"], 6);
    assert_eq!(location["region"]["endColumn"], 10, "the name `cold`");
    // The overlap carries its witness, confirmed by the interpreter.
    let overlap = &results[1];
    assert_eq!(overlap["ruleId"], "cairn::analysis::undeclared_overlap");
    assert_eq!(overlap["properties"]["witness"]["facts"]["thirsty"], true, "{overlap}");
    assert!(overlap["message"]["text"].as_str().unwrap().contains("help: "));
}

#[test]
fn coverage_locates_uncovered_statements_in_the_guideline() {
    let dir = drinks();
    std::fs::write(
        dir.path().join("guideline.txt"),
        format!("{GUIDELINE}\nOffer “cake” to every visitor.\n"),
    )
    .unwrap();
    let output = cairn(dir.path(), &["coverage", "drinks.pathway", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(0));
    let log = sarif(&output);
    assert_eq!(rule_ids(&log), ["cairn::analysis::uncovered"]);
    let [result] = &results(&log)[..] else { panic!("one uncovered statement: {log}") };
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "guideline.txt");
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 31}),
        "columns count characters: the quotes are one each"
    );
}

#[test]
fn analyse_and_check_give_sarif_too() {
    let dir = drinks();
    let analyse = cairn(dir.path(), &["analyse", "drinks.pathway", "--format", "sarif"]);
    assert_eq!(analyse.status.code(), Some(0));
    assert_eq!(rule_ids(&sarif(&analyse)), ["cairn::analysis::undeclared_overlap"]);
    std::fs::write(
        dir.path().join("drinks.pathway"),
        drinks_pathway().replace("when thirsty", "when thirsy"),
    )
    .unwrap();
    let check = cairn(dir.path(), &["check", "drinks.pathway", "--error-format", "sarif"]);
    assert_eq!(check.status.code(), Some(1));
    let log = sarif(&check);
    assert_eq!(rule_ids(&log), ["cairn::sema::unknown_name"]);
    assert_eq!(results(&log).len(), 2);
    assert_eq!(results(&log)[0]["level"], "error");
    // Same code, same message, same text: told apart by their order, not their lines.
    assert_ne!(results(&log)[0]["partialFingerprints"], results(&log)[1]["partialFingerprints"]);
}

/// The fingerprints of the gate's results, by rule.
fn fingerprints(dir: &Path) -> Vec<(String, String)> {
    let log = sarif(&cairn(dir, &["gate", "drinks.pathway", "--error-format", "sarif"]));
    results(&log)
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["cairnFingerprint/v1"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_do_not_move_when_unrelated_lines_move() {
    let dir = drinks();
    let before = fingerprints(dir.path());
    assert_eq!(before.len(), 2);
    let moved = drinks_pathway()
        .replace("fact thirsty", "// a comment\n\n// that moves every line below\nfact thirsty");
    std::fs::write(dir.path().join("drinks.pathway"), &moved).unwrap();
    let log = sarif(&cairn(dir.path(), &["gate", "drinks.pathway", "--error-format", "sarif"]));
    assert_eq!(
        results(&log)[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        9,
        "the result moved"
    );
    assert_eq!(fingerprints(dir.path()), before, "its fingerprint did not");
    // A different finding has a different fingerprint.
    std::fs::write(dir.path().join("drinks.pathway"), moved.replace("fact cold", "fact chilly"))
        .unwrap();
    let after = fingerprints(dir.path());
    assert_eq!(after[1], before[1], "the overlap is the same");
    assert_ne!(after[0], before[0], "the unused fact is another");
}

/// The SARIF multitool, if installed: `CAIRN_SARIF_MULTITOOL`, or where `.ci/run` puts it.
fn multitool() -> Option<PathBuf> {
    let installed = workspace().join("target/ci-tools/npm/node_modules/.bin/sarif-multitool");
    std::env::var_os("CAIRN_SARIF_MULTITOOL")
        .map(PathBuf::from)
        .or(Some(installed))
        .filter(|p| p.exists())
}

/// The results of the multitool's `validate` on `file` at level error.
fn validation_errors(tool: &Path, file: &Path) -> Vec<String> {
    let out = file.with_extension("validation.sarif");
    let run = Command::new(tool)
        .args(["validate", "--log", "ForceOverwrite", "--output"])
        .arg(&out)
        .arg(file)
        .output()
        .unwrap();
    assert!(run.status.success(), "the multitool failed: {}", String::from_utf8_lossy(&run.stdout));
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    results(&log)
        .iter()
        .filter(|r| r["level"] == "error")
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
        .collect()
}

#[test]
fn every_sarif_output_passes_the_multitool() {
    let Some(tool) = multitool() else {
        let message = "the SARIF multitool is not installed (`bash .ci/run` installs it under target/ci-tools/, or set CAIRN_SARIF_MULTITOOL): SARIF output was NOT validated";
        assert!(std::env::var("CI").map_or(true, |ci| ci != "true"), "{message}");
        eprintln!("\n!!!!!!!!!! {message} !!!!!!!!!!\n");
        return;
    };
    let dir = drinks();
    let nice = workspace().join("pathways/spinal-metastases/spinal-metastases.pathway");
    let nice = nice.to_str().unwrap();
    let mut outputs: Vec<(&str, Vec<u8>)> = vec![
        ("gate", cairn(dir.path(), &["gate", "drinks.pathway", "--error-format", "sarif"]).stdout),
        ("analyse", cairn(dir.path(), &["analyse", "drinks.pathway", "--format", "sarif"]).stdout),
        ("nice-check", cairn(dir.path(), &["check", nice, "--error-format", "sarif"]).stdout),
        ("nice-analyse", cairn(dir.path(), &["analyse", nice, "--format", "sarif"]).stdout),
    ];
    std::fs::write(dir.path().join("guideline.txt"), format!("{GUIDELINE}\nOffer cake.\n"))
        .unwrap();
    outputs.push((
        "coverage",
        cairn(dir.path(), &["coverage", "drinks.pathway", "--format", "sarif"]).stdout,
    ));
    std::fs::write(
        dir.path().join("drinks.pathway"),
        drinks_pathway().replace("when thirsty", "when (thirsy"),
    )
    .unwrap();
    outputs.push((
        "syntax",
        cairn(dir.path(), &["check", "drinks.pathway", "--error-format", "sarif"]).stdout,
    ));
    for (name, bytes) in &outputs {
        let file = dir.path().join(format!("{name}.sarif"));
        std::fs::write(&file, bytes).unwrap();
        assert_eq!(validation_errors(&tool, &file), Vec::<String>::new(), "{name}");
    }
    // The harness itself can fail: a log without its tool is an error to the multitool.
    let broken = dir.path().join("broken.sarif");
    std::fs::write(&broken, r#"{"version":"2.1.0","runs":[{"results":[]}]}"#).unwrap();
    assert_eq!(validation_errors(&tool, &broken).len(), 1);
}
