//! JUnit XML from `cairn test --format junit`, read back by an independent JUnit reader,
//! `junitparser` from PyPI (`.ci/run` installs it in a virtual environment under
//! `target/ci-tools/venv`): a suite per pathway, a test case per case file, the diff of a
//! failure in its body, a malformed case file as an error, and times. Without the reader the
//! test fails under `CI=true` and, elsewhere, says loudly that it did not read the XML.
//! Structure is compared exactly; times only for being real numbers.

// A test fails loudly on what it did not expect; clippy's allow-unwrap-in-tests covers
// `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const NICE: &str = "pathways/spinal-metastases/spinal-metastases.pathway";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cairn(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).current_dir(root()).output().unwrap()
}

/// A folder of three NICE cases: one that passes, one whose expectation is wrong, and one
/// naming a value that does not exist.
fn cases() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(
        root().join("conformance/cases/spinal-metastases/main_01_suspected_baseline.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("a_good.toml"), &good).unwrap();
    let wrong = good.replace("mri_contraindicated = false", "mri_contraindicated = true");
    assert_ne!(wrong, good);
    std::fs::write(dir.path().join("b_wrong.toml"), wrong).unwrap();
    let malformed = good.replace("pain_severity = \"mild\"", "pain_severity = \"agony\"");
    assert_ne!(malformed, good);
    std::fs::write(dir.path().join("c_malformed.toml"), malformed).unwrap();
    dir
}

/// The Python of the virtual environment `.ci/run` makes, if junitparser is importable in it.
fn reader() -> Option<PathBuf> {
    let python = std::env::var_os("CAIRN_JUNIT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/ci-tools/venv/bin/python"));
    let works = Command::new(&python)
        .args(["-c", "import junitparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    works.then_some(python)
}

/// What junitparser reads in the file, as JSON.
const READ: &str = r#"
import json, sys
from junitparser import JUnitXml, TestSuite, Failure, Error
xml = JUnitXml.fromfile(sys.argv[1])
suites = [xml] if isinstance(xml, TestSuite) else list(xml)
out = []
for suite in suites:
    cases = []
    for case in suite:
        cases.append({
            "name": case.name,
            "classname": case.classname,
            "time": case.time,
            "results": [
                {"kind": type(r).__name__, "message": r.message, "type": r.type, "text": r.text}
                for r in case.result
            ],
        })
    out.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                "errors": suite.errors, "time": suite.time, "cases": cases})
print(json.dumps(out))
"#;

#[test]
fn junit_is_read_back_by_junitparser() {
    let dir = cases();
    let shown = dir.path().display().to_string();
    let output = cairn(&["test", NICE, "--cases", &shown, "--format", "junit"]);
    assert_eq!(output.status.code(), Some(1), "a case failed");
    let xml = String::from_utf8(output.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "), "{xml}");

    let Some(python) = reader() else {
        let message = "junitparser is not installed (`bash .ci/run` installs it under target/ci-tools/venv, or set CAIRN_JUNIT_PYTHON): the JUnit XML was NOT read by an independent reader";
        assert!(std::env::var("CI").map_or(true, |ci| ci != "true"), "{message}");
        eprintln!("\n!!!!!!!!!! {message} !!!!!!!!!!\n");
        return;
    };
    let file = dir.path().join("report.xml");
    std::fs::write(&file, &xml).unwrap();
    let read = Command::new(python).args(["-c", READ]).arg(&file).output().unwrap();
    assert!(read.status.success(), "{}", String::from_utf8_lossy(&read.stderr));
    let mut suites: Value = serde_json::from_slice(&read.stdout).unwrap();

    // Times are real: non-negative, and the suite's is the sum of its cases'.
    let suite_time = suites[0]["time"].as_f64().unwrap();
    let case_times: Vec<f64> = suites[0]["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["time"].as_f64().unwrap())
        .collect();
    assert!(
        case_times.iter().all(|t| *t >= 0.0) && case_times.iter().any(|t| *t > 0.0),
        "{case_times:?}"
    );
    assert!(
        (suite_time - case_times.iter().sum::<f64>()).abs() < 1e-5,
        "{suite_time} {case_times:?}"
    );
    suites[0]["time"] = Value::Null;
    for case in suites[0]["cases"].as_array_mut().unwrap() {
        case["time"] = Value::Null;
    }

    let [suite] = &suites.as_array().unwrap()[..] else { panic!("one suite: {suites}") };
    assert_eq!(suite["name"], "spinal_metastases");
    assert_eq!(
        (suite["tests"].as_u64(), suite["failures"].as_u64(), suite["errors"].as_u64()),
        (Some(3), Some(1), Some(1))
    );
    let cases = suite["cases"].as_array().unwrap();
    let names: Vec<&str> = cases.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["a_good", "b_wrong", "c_malformed"]);
    assert!(cases.iter().all(|c| c["classname"] == "spinal_metastases"));
    assert_eq!(cases[0]["results"], serde_json::json!([]), "a pass has no result element");

    let failure = &cases[1]["results"][0];
    assert_eq!(failure["kind"], "Failure");
    assert_eq!(failure["type"], "expectation");
    let description = std::fs::read_to_string(dir.path().join("b_wrong.toml")).unwrap();
    let description =
        description.lines().next().unwrap().trim_start_matches("description = ").trim_matches('"');
    assert_eq!(failure["message"], description);
    let body = failure["text"].as_str().unwrap();
    assert!(body.starts_with("--- expected\n+++ actual\n"), "{body}");
    assert!(
        body.lines().any(|l| l.starts_with("- ")) && body.lines().any(|l| l.starts_with("+ ")),
        "{body}"
    );

    let error = &cases[2]["results"][0];
    assert_eq!(error["kind"], "Error");
    assert_eq!(error["message"], "the case file has 1 error");
    assert!(error["text"].as_str().unwrap().contains("cairn::cases::unknown_value"), "{error}");
}

#[test]
fn junit_is_deterministic_but_for_times() {
    let dir = cases();
    let shown = dir.path().display().to_string();
    let without_times = || {
        let xml = String::from_utf8(
            cairn(&["test", NICE, "--cases", &shown, "--format", "junit"]).stdout,
        )
        .unwrap();
        let mut out = String::new();
        // Every ` time="..."` attribute, whatever its value, becomes ` time=""`.
        let mut rest = xml.as_str();
        while let Some(at) = rest.find(" time=\"") {
            out.push_str(&rest[..at + 7]);
            rest = &rest[at + 7..];
            let end = rest.find('"').unwrap();
            assert!(rest[..end].parse::<f64>().is_ok(), "{}", &rest[..end]);
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    };
    let first = without_times();
    assert_eq!(first.matches(" time=\"\"").count(), 5, "the suites and each case");
    assert_eq!(without_times(), first);
}
