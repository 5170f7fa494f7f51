//! Tests of `cairn run` on the NICE spinal metastases pathway, through the binary: plans for
//! clinical cases of the contract (pathways/spinal-metastases/interface.md), facts from standard
//! input, and every way facts are refused (exit 1, a message naming the fact and what was
//! expected, never a panic).

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
/// The limit on a facts document in `cairn run`.
const MAX_FACTS_BYTES: usize = 16 << 20;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}.json")
}

/// The facts of a fixture as JSON, to edit.
fn facts(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(workspace().join(fixture(name))).unwrap())
        .unwrap()
}

/// `cairn run PATHWAY --facts <file>` from the workspace root.
fn run_file(facts_path: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["run", PATHWAY, "--facts", facts_path])
        .current_dir(workspace())
        .output()
        .unwrap()
}

/// `cairn run PATHWAY --facts -` with `input` on standard input. The writer runs in a thread
/// and ignores a closed pipe, since `cairn` stops reading at the size limit.
fn run_stdin(input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["run", PATHWAY, "--facts", "-"])
        .current_dir(workspace())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn run_value(facts: &Value) -> Output {
    run_stdin(facts.to_string().as_bytes())
}

/// The plan of a successful run.
fn plan(output: &Output) -> Value {
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty());
    serde_json::from_slice(&output.stdout).unwrap()
}

fn ids(plan: &Value) -> Vec<&str> {
    plan["recommendations"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect()
}

fn recommendation<'p>(plan: &'p Value, id: &str) -> &'p Value {
    plan["recommendations"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap()
}

/// The message of a refusal, after checking that it is one: exit 1, nothing on stdout, one
/// `error:` message on stderr, no panic.
fn refusal(output: &Output) -> String {
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty(), "no plan with an error");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// Main branch, spinal metastases suspected, confirmed myeloma, moderate pain on movement.
#[test]
fn main_branch_with_suspected_metastases_and_myeloma() {
    let plan = plan(&run_file(&fixture("suspected-myeloma-main-branch")));
    assert_eq!(plan["pathway"], "spinal_metastases");
    assert_eq!(
        ids(&plan),
        [
            "consider_immobilisation",
            "seek_mscc_coordinator_advice_24h",
            "pain_assessment_and_plan",
            "ensure_adequate_analgesia",
            "consider_corticosteroids",
            "offer_dexamethasone_16mg",
            "mri_within_1_week",
        ]
    );
    let mri = recommendation(&plan, "mri_within_1_week");
    assert_eq!(mri["strength"], "do");
    assert_eq!(mri["timing"], "within 1 week");
    assert_eq!(mri["text"], "Carry out MRI within 1 week at the local hospital");
    assert_eq!(
        mri["citations"],
        json!([{
            "id": "s-05c991",
            "text": "Carry out MRI within 1 week at the local hospital if spinal metastases are suspected"
        }])
    );
    let dexamethasone = recommendation(&plan, "offer_dexamethasone_16mg");
    assert_eq!(dexamethasone["strength"], "offer");
    assert_eq!(dexamethasone["timing"], "as soon as possible");
    assert_eq!(
        dexamethasone["dose"],
        json!({"amount": "16", "unit": "mg", "note": "oral, or equivalent parenteral dose"})
    );
}

#[test]
fn the_plan_reads_the_same_from_a_file_and_from_standard_input() {
    let path = fixture("suspected-myeloma-main-branch");
    let from_file = run_file(&path);
    let from_stdin = run_stdin(&std::fs::read(workspace().join(&path)).unwrap());
    assert_eq!(plan(&from_file), plan(&from_stdin));
    assert_eq!(from_file.stdout, from_stdin.stdout, "byte for byte");
    // A byte order mark, as some Windows tools write, is not an error.
    let mut with_bom = "\u{feff}".as_bytes().to_vec();
    with_bom.extend(std::fs::read(workspace().join(&path)).unwrap());
    assert_eq!(run_stdin(&with_bom).stdout, from_file.stdout);
}

/// The neurological branch leaves this summary for the MSCC pathway: the coordinator contact
/// and, for a confirmed haematological malignancy, dexamethasone; nothing of the main branch.
#[test]
fn neurological_branch_with_lymphoma() {
    let plan = plan(&run_file(&fixture("neurological-lymphoma")));
    assert_eq!(ids(&plan), ["contact_mscc_coordinator_immediately", "offer_dexamethasone_16mg"]);
    let contact = recommendation(&plan, "contact_mscc_coordinator_immediately");
    assert_eq!(contact["timing"], "immediately");
    assert_eq!(contact["see"][0]["id"], "mscc_visual_summary");
    assert_eq!(
        contact["why"],
        json!([{"condition": "neurological_branch", "citations": recommendation(&plan, "offer_dexamethasone_16mg")["why"][0]["citations"]}]),
        "the neurological branch rests on the entry gate's sentences"
    );

    // The same person with an unconfirmed lymphoma: no dexamethasone.
    let mut unconfirmed = facts("neurological-lymphoma");
    unconfirmed["primary_cancer_confirmed"] = json!(false);
    assert_eq!(ids(&plan_of(&unconfirmed)), ["contact_mscc_coordinator_immediately"]);
}

fn plan_of(facts: &Value) -> Value {
    plan(&run_value(facts))
}

/// Diagnosed breast cancer, admitted, stability likely: the main branch, everything "from
/// diagnosis onwards", discharge planning, and both bone-targeted agents (a bisphosphonate for
/// breast, denosumab for a solid tumour other than prostate); no MRI, as metastases are
/// confirmed.
#[test]
fn diagnosed_breast_cancer_in_hospital() {
    let plan = plan(&run_file(&fixture("diagnosed-breast-admitted")));
    assert_eq!(
        ids(&plan),
        [
            "consider_immobilisation",
            "seek_mscc_coordinator_advice_24h",
            "pain_assessment_and_plan",
            "ensure_adequate_analgesia",
            "consider_corticosteroids",
            "consider_validated_scoring_system",
            "graded_sitting_then_weight_bearing",
            "discuss_diagnosis_and_treatment_options",
            "holistic_needs_assessment",
            "offer_advance_care_planning_discussion",
            "advise_on_accessing_support",
            "personalised_care_plan",
            "offer_support_and_rehabilitation",
            "start_discharge_planning",
            "offer_supportive_care_for_complications",
            "bisphosphonate",
            "denosumab",
        ]
    );
    assert_eq!(recommendation(&plan, "start_discharge_planning")["timing"], "on admission");
    assert_eq!(
        recommendation(&plan, "discuss_diagnosis_and_treatment_options")["see"][0]["id"],
        "radiotherapy_visual_summary"
    );
}

/// Prostate cancer: a bisphosphonate only when conventional analgesia does not control the
/// pain, and never denosumab.
#[test]
fn prostate_cancer_and_bone_targeted_agents() {
    let mut prostate = facts("diagnosed-breast-admitted");
    prostate["primary_cancer"] = json!("prostate");
    prostate["conventional_analgesia_controls_pain"] = json!(false);
    let uncontrolled = plan_of(&prostate);
    assert!(ids(&uncontrolled).contains(&"bisphosphonate"));
    assert!(!ids(&uncontrolled).contains(&"denosumab"));
    prostate["conventional_analgesia_controls_pain"] = json!(true);
    let controlled = plan_of(&prostate);
    assert!(!ids(&controlled).contains(&"bisphosphonate"));
    assert!(!ids(&controlled).contains(&"denosumab"));
}

/// MRI contraindicated while metastases are suspected: a CT scan within a week instead of the
/// MRI, and multiplanar review of the new CT images.
#[test]
fn mri_contraindicated() {
    let mut contraindicated = facts("suspected-myeloma-main-branch");
    contraindicated["mri_contraindicated"] = json!(true);
    let plan = plan_of(&contraindicated);
    let ids = ids(&plan);
    assert!(!ids.contains(&"mri_within_1_week"));
    assert!(ids.ends_with(&["ct_if_mri_contraindicated", "consider_multiplanar_ct_review"]));
    assert_eq!(recommendation(&plan, "ct_if_mri_contraindicated")["timing"], "within 1 week");
}

/// No cancer history, box 1 pain and cancer suspected: the urgent referral and the link to the
/// suspected cancer guideline, and nothing of the pathway itself.
#[test]
fn no_cancer_history_with_suspected_cancer() {
    let plan = plan(&run_file(&fixture("no-cancer-history-suspected")));
    assert_eq!(ids(&plan), ["refer_urgent_oncology_assessment"]);
    let refer = recommendation(&plan, "refer_urgent_oncology_assessment");
    assert_eq!(refer["strength"], "refer");
    assert_eq!(refer["timing"], "urgent");
    assert_eq!(refer["see"][0]["id"], "suspected_cancer_guideline");

    let mut not_suspected = facts("no-cancer-history-suspected");
    not_suspected["cancer_suspected"] = json!(false);
    assert_eq!(ids(&plan_of(&not_suspected)), Vec::<&str>::new());
}

/// Without a box 1 feature the person is not in the pathway, whatever else is true.
#[test]
fn no_box1_pain_is_an_empty_plan() {
    let mut no_pain = facts("diagnosed-breast-admitted");
    no_pain["box1_pain_features"] = json!([]);
    no_pain["pain_associated_with_movement"] = json!(false);
    let plan = plan_of(&no_pain);
    assert_eq!(plan, json!({"pathway": "spinal_metastases", "recommendations": []}));
}

/// A set lists each value once; a repeat is the same set, as in the generated engine.
#[test]
fn a_repeated_set_value_is_the_same_set() {
    let mut repeated = facts("suspected-myeloma-main-branch");
    repeated["box1_pain_features"] = json!(["progressive_back_pain", "progressive_back_pain"]);
    let mut once = facts("suspected-myeloma-main-branch");
    once["box1_pain_features"] = json!(["progressive_back_pain"]);
    assert_eq!(plan_of(&repeated), plan_of(&once));
}

/// Every refusal, each with the message `cairn run` prints, in one snapshot to review.
#[test]
fn refusals() {
    let base = facts("suspected-myeloma-main-branch");
    let with = |edit: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut facts = base.clone();
        edit(facts.as_object_mut().unwrap());
        facts.to_string()
    };
    let base_text = base.to_string();
    let cases: Vec<(&str, String)> = vec![
        (
            "unknown key, close to a fact",
            with(&|f| {
                let value = f.remove("admitted_to_hospital").unwrap();
                f.insert("admited_to_hospital".into(), value);
            }),
        ),
        (
            "unknown key, close to nothing",
            with(&|f| {
                f.insert("age".into(), json!(70));
            }),
        ),
        (
            "missing key",
            with(&|f| {
                f.remove("mri_contraindicated");
            }),
        ),
        (
            "wrong type: a string for a boolean",
            with(&|f| {
                f.insert("mri_contraindicated".into(), json!("no"));
            }),
        ),
        (
            "wrong type: null for an enum",
            with(&|f| {
                f.insert("pain_severity".into(), Value::Null);
            }),
        ),
        (
            "wrong type: a string for a set",
            with(&|f| {
                f.insert("box1_pain_features".into(), json!("progressive_back_pain"));
            }),
        ),
        (
            "wrong type: a number in a set",
            with(&|f| {
                f.insert("box1_pain_features".into(), json!([1]));
            }),
        ),
        (
            "value outside its enum",
            with(&|f| {
                f.insert("pain_severity".into(), json!("very bad"));
            }),
        ),
        (
            "value outside its enum, close to one",
            with(&|f| {
                f.insert("pain_severity".into(), json!("Severe"));
            }),
        ),
        (
            "value outside the enum of a set",
            with(&|f| {
                f.insert("box1_pain_features".into(), json!(["progressive_back_pian"]));
            }),
        ),
        (
            "several problems at once",
            with(&|f| {
                f.remove("cancer_history");
                f.insert("pain_severity".into(), json!(3));
                f.insert("notes".into(), json!("seen in clinic"));
            }),
        ),
        ("malformed JSON: cut short", base_text[..base_text.len() / 2].to_string()),
        ("malformed JSON: trailing text", format!("{base_text} and more")),
        ("malformed JSON: a comment", format!("// facts\n{base_text}")),
        (
            "duplicate key",
            base_text.replacen(
                "\"admitted_to_hospital\":false",
                "\"admitted_to_hospital\":false,\"admitted_to_hospital\":true",
                1,
            ),
        ),
        ("not an object: an array", format!("[{base_text}]")),
        ("not an object: null", "null".to_string()),
        ("not an object: a string", "\"facts.json\"".to_string()),
        ("empty", String::new()),
        ("only whitespace", " \n\t ".to_string()),
        (
            "deeply nested",
            format!("{{\"cancer_history\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "inconsistent: history_matches_primary",
            with(&|f| {
                f.insert("cancer_history".into(), json!("none"));
            }),
        ),
        (
            "inconsistent: no_metastases_without_cancer",
            with(&|f| {
                f.insert("cancer_history".into(), json!("none"));
                f.insert("primary_cancer".into(), json!("none"));
                f.insert("primary_cancer_confirmed".into(), json!(false));
                f.insert("spinal_metastases_confirmed".into(), json!(true));
            }),
        ),
        (
            "inconsistent: severe_unremitting_pain_is_severe",
            with(&|f| {
                f.insert("box1_pain_features".into(), json!(["severe_unremitting_back_pain"]));
                f.insert("pain_severity".into(), json!("moderate"));
            }),
        ),
        (
            "inconsistent: mechanical_pain_moves",
            with(&|f| {
                f.insert("box1_pain_features".into(), json!(["mechanical_pain"]));
                f.insert("pain_associated_with_movement".into(), json!(false));
            }),
        ),
    ];
    let mut report = String::new();
    for (name, input) in &cases {
        let message = refusal(&run_stdin(input.as_bytes()));
        report.push_str(&format!("## {name}\n{message}\n"));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn control_characters_in_the_input_are_not_echoed() {
    let message = refusal(&run_stdin(b"{\"\\u001b[2J\": 1}"));
    assert!(!message.contains('\u{1b}'), "{message:?}");
    assert!(message.contains("unknown fact `\\u{1b}[2J`"), "{message}");
}

#[test]
fn facts_that_are_not_utf8_are_refused() {
    let message = refusal(&run_stdin(b"{\"cancer_history\": \"\xff\"}"));
    insta::assert_snapshot!(message, @"error: the facts on standard input are not UTF-8 text: invalid byte at offset 20");
}

#[test]
fn an_unreadable_facts_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pathway = workspace().join(PATHWAY);
    let run_in_dir = |facts: &str| {
        Command::new(env!("CARGO_BIN_EXE_cairn"))
            .args(["run", pathway.to_str().unwrap(), "--facts", facts])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    std::fs::create_dir(dir.path().join("a-folder")).unwrap();
    let missing = refusal(&run_in_dir("missing.json"));
    let folder = refusal(&run_in_dir("a-folder"));
    // The operating system's words differ between systems; the start is ours.
    assert!(missing.starts_with("error: cannot read the facts file `missing.json`: "), "{missing}");
    assert!(folder.starts_with("error: cannot read the facts file `a-folder`: "), "{folder}");
}

#[test]
fn a_facts_document_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A valid JSON object, one byte over the limit.
    let padding = MAX_FACTS_BYTES + 1 - "{\"notes\": \"\"}".len();
    let huge = format!("{{\"notes\": \"{}\"}}", "x".repeat(padding));
    assert_eq!(huge.len(), MAX_FACTS_BYTES + 1);
    let path = dir.path().join("huge.json");
    std::fs::write(&path, &huge).unwrap();

    let from_file = refusal(&run_file(path.to_str().unwrap()));
    assert_eq!(
        from_file,
        format!(
            "error: the facts file `{}` is 16777217 bytes, more than the limit of 16777216\n",
            path.display()
        )
    );
    let from_stdin = refusal(&run_stdin(huge.as_bytes()));
    assert_eq!(
        from_stdin,
        "error: the facts on standard input are larger than the limit of 16777216 bytes\n"
    );
    // At the limit exactly, the document is read (and refused for what it says).
    let at_limit = format!("{{\"notes\": \"{}\"}}", "x".repeat(padding - 1));
    assert_eq!(at_limit.len(), MAX_FACTS_BYTES);
    let message = refusal(&run_stdin(at_limit.as_bytes()));
    assert!(message.contains("unknown fact `notes`"), "{}", &message[..200.min(message.len())]);
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
fn the_readme_shows_real_output_of_run() {
    let block = readme_block_after("$ cairn run spinal-metastases.pathway --facts - <<'EOF'\n");
    let (input, shown) = block.split_once("\nEOF\n").unwrap();
    let fixture =
        std::fs::read_to_string(workspace().join(fixture("no-cancer-history-suspected"))).unwrap();
    assert_eq!(input, fixture.trim_end(), "the README runs a fixture");
    let output = run_stdin(input.as_bytes());
    assert_eq!(shown, String::from_utf8(output.stdout).unwrap().trim_end());

    // The two refusals it shows.
    let refusals = readme_block_after("$ cairn run spinal-metastases.pathway --facts facts.json\n");
    let shown: Vec<&str> = refusals.lines().filter(|l| l.starts_with("error: ")).collect();
    let mut severe = facts("suspected-myeloma-main-branch");
    severe["pain_severity"] = json!("Severe");
    let mut still = facts("suspected-myeloma-main-branch");
    still["box1_pain_features"] = json!(["mechanical_pain"]);
    still["pain_associated_with_movement"] = json!(false);
    let real: Vec<String> =
        [severe, still].iter().map(|f| refusal(&run_value(f)).trim_end().to_string()).collect();
    assert_eq!(shown, real);
}

#[test]
fn refusals_in_json_for_tools() {
    let run_json = |input: &Value, facts_path: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
            .args(["run", PATHWAY, "--facts", facts_path, "--error-format", "json"])
            .current_dir(workspace())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // When the facts come from a file, `cairn` may exit before reading stdin.
        let _ = child.stdin.take().unwrap().write_all(input.to_string().as_bytes());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert!(output.stderr.is_empty());
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let mut inconsistent = facts("suspected-myeloma-main-branch");
    inconsistent["cancer_history"] = json!("none");
    assert_eq!(
        run_json(&inconsistent, "-"),
        json!({
            "error": "inconsistent",
            "constraint": "history_matches_primary",
            "description": "cancer history is none exactly when primary cancer is none",
        })
    );
    let mut invalid = facts("suspected-myeloma-main-branch");
    invalid["pain_severity"] = json!("Severe");
    assert_eq!(
        run_json(&invalid, "-"),
        json!({
            "error": "invalid",
            "message": "fact `pain_severity` must be one of \"mild\", \"moderate\", \"severe\", found \"Severe\" (did you mean \"severe\"?)",
        })
    );
    let unreadable = run_json(&json!({}), "compiler/tests/fixtures/run/missing.json");
    assert_eq!(unreadable["error"], "invalid");
    assert!(
        unreadable["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot read the facts file `compiler/tests/fixtures/run/missing.json`: ")
    );
}
