//! Tests of conformance case files (`cairn_compiler::cases`): every malformed case in
//! `tests/case_files/` (one problem each, the file name says which) is checked against the NICE
//! pathway and its diagnostics snapshotted beside the source; the judge's verdicts and diffs;
//! and the coverage a set of cases gives.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use cairn_compiler::cases::report::{CaseRun, test_coverage, to_text};
use cairn_compiler::cases::{Case, Verdict, check_case, judge, render_human, run_case, to_json};
use cairn_compiler::ir::Pathway;
use cairn_compiler::{Compilation, compile_file};
use cairn_runtime::FactsError;

const NICE: &str = "../pathways/spinal-metastases/spinal-metastases.pathway";

fn nice() -> Compilation {
    let compilation = compile_file(Path::new(NICE));
    assert!(compilation.checked().is_some(), "the NICE pathway checks");
    compilation
}

fn pathway(compilation: &Compilation) -> &Pathway {
    compilation.checked().unwrap().0
}

/// A valid case: facts and expectations appended to the NICE base facts.
fn case(pathway: &Pathway, changes: &[(&str, &str)], expect: &str) -> Case {
    let mut facts = String::from(BASE);
    for (key, value) in changes {
        let start = facts.find(&format!("\n{key} = ")).unwrap() + 1;
        let end = start + facts[start..].find('\n').unwrap();
        facts.replace_range(start..end, &format!("{key} = {value}"));
    }
    let text = format!("description = \"d\"\nrationale = \"r\"\n{facts}\n[expect]\n{expect}");
    check_case("inline", &text, pathway)
        .unwrap_or_else(|errors| panic!("{}", render_human(&errors, "inline.toml", &text, 100)))
}

const BASE: &str = r#"
[facts]
cancer_history = "current"
primary_cancer = "breast"
primary_cancer_confirmed = true
box1_pain_features = ["progressive_back_pain"]
neuro_symptoms_or_signs = false
cancer_suspected = false
pain_severity = "mild"
pain_associated_with_movement = false
spinal_metastases_confirmed = false
mri_contraindicated = false
recent_ct_available = false
spinal_stability_assessment = "not_assessed"
conventional_analgesia_controls_pain = true
admitted_to_hospital = false
"#;

#[test]
fn malformed_case_files() {
    let compilation = nice();
    let pathway = pathway(&compilation);
    let mut files: Vec<_> = std::fs::read_dir("tests/case_files")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20);
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = format!("case_files/{name}.toml");
        let errors = match check_case(&name, &text, pathway) {
            Ok(_) => panic!("{shown} checked, but every file there has a problem"),
            Err(errors) => errors,
        };
        let codes: Vec<String> = to_json(&errors, &shown, &text)
            .iter()
            .map(|e| format!("{} at {}:{}", e.code, e.line, e.column))
            .collect();
        let snapshot = format!(
            "{text}\n----- {} error(s): {}\n\n{}",
            errors.len(),
            codes.join(", "),
            render_human(&errors, &shown, &text, 100)
        );
        insta::assert_snapshot!(format!("case_file_{name}"), snapshot);
    }
}

#[test]
fn a_passing_case_passes() {
    let compilation = nice();
    let pathway = pathway(&compilation);
    let case = case(
        pathway,
        &[],
        r#"exactly = ["seek_mscc_coordinator_advice_24h", "pain_assessment_and_plan", "ensure_adequate_analgesia", "mri_within_1_week"]
excludes = ["consider_corticosteroids"]

[[expect.why]]
recommendation = "mri_within_1_week"
sentences = ["Carry out MRI within 1 week...", "Past or current cancer diagnosis"]
not_sentences = ["severe pain, or"]
conditions = ["main_branch", "spinal_metastases_suspected", "not mri_contraindicated"]

[[expect.details]]
recommendation = "mri_within_1_week"
strength = "do"
timing = "within 1 week"
dose = "none"
see = []
"#,
    );
    let (result, verdict) = run_case(pathway, &case);
    assert!(result.is_ok());
    assert_eq!(verdict, Verdict::Pass);
}

#[test]
fn a_failing_plan_shows_a_diff() {
    let compilation = nice();
    let pathway = pathway(&compilation);
    let case = case(
        pathway,
        &[("mri_contraindicated", "true")],
        r#"exactly = ["seek_mscc_coordinator_advice_24h", "pain_assessment_and_plan", "ensure_adequate_analgesia", "mri_within_1_week"]
includes = ["mri_within_1_week"]
excludes = ["ct_if_mri_contraindicated"]

[[expect.why]]
recommendation = "mri_within_1_week"
sentences = ["Carry out MRI within 1 week..."]

[[expect.details]]
recommendation = "seek_mscc_coordinator_advice_24h"
timing = "within 1 week"
"#,
    );
    let Verdict::Fail { diff, .. } = run_case(pathway, &case).1 else {
        panic!("the case expects MRI although it is contraindicated")
    };
    insta::assert_snapshot!(diff, @r#"
    --- expected
    +++ actual
      recommends exactly:
        seek_mscc_coordinator_advice_24h
        pain_assessment_and_plan
        ensure_adequate_analgesia
    -   mri_within_1_week
    - recommends mri_within_1_week
    - does not recommend ct_if_mri_contraindicated
    - mri_within_1_week: why cites s-05c991 "Carry out MRI within 1 week..."
    - seek_mscc_coordinator_advice_24h: timing within 1 week
    +   ct_if_mri_contraindicated
    +   consider_multiplanar_ct_review
    + does not recommend mri_within_1_week
    + recommends ct_if_mri_contraindicated
    + mri_within_1_week: not recommended
    + seek_mscc_coordinator_advice_24h: timing within 24 hours
    "#);
}

#[test]
fn a_refusal_is_judged_by_kind_constraint_and_message() {
    let compilation = nice();
    let pathway = pathway(&compilation);
    let inconsistent = case(
        pathway,
        &[("cancer_history", r#""none""#)],
        "error = \"inconsistent\"\nconstraint = \"mechanical_pain_moves\"\nmessage_contains = \"primary\"\n",
    );
    let Verdict::Fail { diff, .. } = run_case(pathway, &inconsistent).1 else {
        panic!("the wrong constraint is named")
    };
    insta::assert_snapshot!(diff, @r#"
    --- expected
    +++ actual
      refused as inconsistent
    - broken constraint: `mechanical_pain_moves`
    + broken constraint: `history_matches_primary`
      message contains "primary"
    "#);

    // A plan where a refusal was expected, and the other way round.
    let refusal_expected = case(pathway, &[], "error = \"invalid\"\n");
    let Verdict::Fail { diff, .. } = run_case(pathway, &refusal_expected).1 else {
        panic!("valid facts are not refused")
    };
    insta::assert_snapshot!(diff, @r"
    --- expected
    +++ actual
    - refused as invalid
    + not refused: recommends seek_mscc_coordinator_advice_24h, pain_assessment_and_plan, ensure_adequate_analgesia, mri_within_1_week
    ");
    let plan_expected = case(pathway, &[], "includes = [\"mri_within_1_week\"]\n");
    let refused = Err(FactsError::Invalid { message: "fact `a` is\ntwice wrong".into() });
    let Verdict::Fail { diff, .. } = judge(&plan_expected, &refused) else {
        panic!("a refusal is not a plan")
    };
    insta::assert_snapshot!(diff, @r"
    --- expected
    +++ actual
    - recommends mri_within_1_week
    + refused: invalid facts: fact `a` is; twice wrong
    ");
}

#[test]
fn coverage_counts_passing_cases_only() {
    let compilation = nice();
    let (pathway, analysis) = compilation.checked().unwrap();
    let neuro = case(
        pathway,
        &[("neuro_symptoms_or_signs", "true")],
        "exactly = [\"contact_mscc_coordinator_immediately\"]\n",
    );
    let main = case(pathway, &[], "includes = [\"mri_within_1_week\"]\n");
    let wrong = case(pathway, &[], "excludes = [\"mri_within_1_week\"]\n");
    let broken = case(
        pathway,
        &[("primary_cancer", r#""none""#)],
        "error = \"inconsistent\"\nconstraint = \"history_matches_primary\"\n",
    );
    let cases = [&neuro, &main, &wrong, &broken];
    let results: Vec<_> = cases.iter().map(|c| run_case(pathway, c)).collect();
    let runs: Vec<CaseRun<'_>> = cases
        .iter()
        .zip(&results)
        .map(|(case, (result, verdict))| CaseRun { case, result, passed: verdict.passed() })
        .collect();
    let report = test_coverage(pathway, analysis, &runs);
    assert_eq!((report.cases, report.passing), (4, 3));
    let contact = &report.recommendations[0];
    assert_eq!(contact.name, "contact_mscc_coordinator_immediately");
    assert_eq!(
        (contact.yes.clone(), contact.no.clone()),
        (vec!["inline".to_string()], vec!["inline".to_string()])
    );
    assert!(contact.both);
    let mri = report.recommendations.iter().find(|r| r.name == "mri_within_1_week").unwrap();
    assert_eq!((mri.yes.len(), mri.no.len()), (1, 1), "the failing case does not count");
    assert_eq!(report.constraints_broken, 1);
    assert_eq!(report.recommendations_both_ways, 5, "contact, seek, pain plan, analgesia, MRI");
    let main_branch = report.conditions.iter().find(|c| c.name == "main_branch").unwrap();
    assert!(main_branch.both);
    let text = to_text(&report);
    assert!(text.starts_with("test coverage of pathway `spinal_metastases`: 3 of 4 cases passed"));
    assert!(text.contains("\n! consider_immobilisation "), "{text}");
    assert!(text.contains("\nconstraints broken: 1 of 4\n"), "{text}");
}
