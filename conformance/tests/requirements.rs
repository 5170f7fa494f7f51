//! What the suites must be, checked: the NICE suite has at least 60 cases, each naming the
//! guideline sentences it checks; every recommendation is seen fired and not fired, every
//! condition true and false, every constraint broken; every part of the entry gate is
//! exercised; a quarter or more assert why; malformed facts of every kind are refused. The
//! language suite has at least 80 cases, a quarter or more expecting a refusal, and a README
//! entry for every pathway. The pneumonia suite has at least 80 cases, each naming its
//! sentences, sees every recommendation fired and not fired, every condition true and false,
//! the constraint broken, and every threshold of the contract just below, at and just above.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cairn_compiler::cases::report::{CaseRun, test_coverage};
use cairn_compiler::cases::{Expect, RefusalExpect, judge};
use cairn_conformance::engine;
use cairn_conformance::suite::{self, Suite};
use cairn_runtime::{FactsError, Plan};

fn suites() -> Vec<Suite> {
    suite::load_all().unwrap_or_else(|problems| panic!("{problems}"))
}

fn nice(suites: &[Suite]) -> &Suite {
    suites
        .iter()
        .find(|s| s.source.relative == "pathways/spinal-metastases/spinal-metastases.pathway")
        .expect("the NICE pathway")
}

/// Every case of a suite with the interpreter's result.
fn results(suite: &Suite) -> Vec<Result<Plan<'static>, FactsError>> {
    suite.cases.iter().map(|c| engine::interpret(suite.pathway(), &c.case.facts_json)).collect()
}

#[test]
fn nice_suite_is_large_enough_and_names_its_sentences() {
    let suites = suites();
    let nice = nice(&suites);
    assert!(nice.cases.len() >= 60, "only {} NICE cases", nice.cases.len());
    for loaded in &nice.cases {
        let invalid = matches!(loaded.case.expect, Expect::Refused(RefusalExpect::Invalid { .. }));
        // Malformed input is checked against the contract, which has no guideline sentence.
        assert!(
            invalid || !loaded.case.checks.is_empty(),
            "{}: a pathway case names the guideline sentences it checks in `checks`",
            loaded.file.display()
        );
    }
    let why = nice
        .cases
        .iter()
        .filter(|c| matches!(&c.case.expect, Expect::Plan(plan) if !plan.why.is_empty()))
        .count();
    assert!(
        why * 4 >= nice.cases.len(),
        "only {why} of {} NICE cases assert why",
        nice.cases.len()
    );
}

#[test]
fn nice_suite_exercises_every_recommendation_condition_and_constraint() {
    let suites = suites();
    let nice = nice(&suites);
    let results = results(nice);
    let runs: Vec<CaseRun<'_>> = nice
        .cases
        .iter()
        .zip(&results)
        .map(|(loaded, result)| CaseRun {
            case: &loaded.case,
            result,
            passed: judge(&loaded.case, result).passed(),
        })
        .collect();
    let report = test_coverage(nice.pathway(), nice.analysis(), &runs);
    assert_eq!(report.passing, report.cases, "every NICE case passes");
    let one_way: Vec<&str> =
        report.recommendations.iter().filter(|r| !r.both).map(|r| r.name.as_str()).collect();
    assert!(one_way.is_empty(), "recommendations not seen both fired and not fired: {one_way:?}");
    assert_eq!(report.recommendations.len(), 23, "the contract has 23 recommendations");
    let one_way: Vec<&str> =
        report.conditions.iter().filter(|c| !c.both).map(|c| c.name.as_str()).collect();
    assert!(one_way.is_empty(), "conditions not seen both true and false: {one_way:?}");
    let unbroken: Vec<&str> = report
        .constraints
        .iter()
        .filter(|c| c.broken_by.is_empty())
        .map(|c| c.name.as_str())
        .collect();
    assert!(unbroken.is_empty(), "constraints no case breaks: {unbroken:?}");
    assert_eq!(report.constraints.len(), 4, "the contract has 4 constraints");
    assert_eq!(
        report.sentences_exercised, report.sentences_implemented,
        "every implemented sentence is exercised by a passing case"
    );
}

/// The facts of a case, as JSON.
fn facts(json: &str) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::from_str(json) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

#[test]
fn nice_suite_exercises_every_part_of_the_entry_gate() {
    let suites = suites();
    let nice = nice(&suites);
    let results = results(nice);
    // In the pathway: the plan has the first item of either branch.
    let in_pathway = |result: &Result<Plan, FactsError>| {
        result.as_ref().is_ok_and(|plan| {
            plan.contains("contact_mscc_coordinator_immediately")
                || plan.contains("seek_mscc_coordinator_advice_24h")
        })
    };
    let cases: Vec<_> =
        nice.cases.iter().zip(&results).map(|(c, r)| (facts(&c.case.facts_json), r)).collect();
    let box1 = nice.pathway().enums.iter().find(|e| e.name.node == "box1_feature").unwrap();
    for feature in &box1.variants {
        let alone = serde_json::json!([feature.node]);
        assert!(
            cases.iter().any(|(f, r)| f.get("box1_pain_features") == Some(&alone) && in_pathway(r)),
            "no case brings a person into the pathway with `{}` alone",
            feature.node
        );
    }
    for history in ["past", "current"] {
        assert!(
            cases
                .iter()
                .any(|(f, r)| f.get("cancer_history") == Some(&history.into()) && in_pathway(r)),
            "no case in the pathway with a {history} cancer"
        );
    }
    assert!(
        cases.iter().any(|(f, r)| f.get("cancer_history") == Some(&"none".into())
            && f.get("box1_pain_features").is_some_and(|b| b != &serde_json::json!([]))
            && r.as_ref().is_ok_and(|p| p.recommendations.is_empty())),
        "no case with box 1 pain and no cancer that stays outside the pathway"
    );
    assert!(
        cases.iter().any(|(f, r)| f.get("box1_pain_features") == Some(&serde_json::json!([]))
            && f.get("cancer_history") != Some(&"none".into())
            && r.as_ref().is_ok_and(|p| p.recommendations.is_empty())),
        "no case with a cancer and no box 1 pain that stays outside the pathway"
    );
}

#[test]
fn nice_suite_refuses_every_kind_of_malformed_facts() {
    let suites = suites();
    let nice = nice(&suites);
    let messages: Vec<String> = results(nice)
        .into_iter()
        .filter_map(|r| match r {
            Err(error @ FactsError::Invalid { .. }) => Some(error.to_string()),
            _ => None,
        })
        .collect();
    for (kind, needle) in [
        ("an unknown key", "unknown fact"),
        ("a missing key", "missing fact"),
        ("a wrong type", "must be true or false, found"),
        ("a value outside an enum", "must be one of"),
        ("a set value outside its enum", "must be an array of values from"),
    ] {
        assert!(
            messages.iter().any(|m| m.contains(needle)),
            "no NICE case refuses {kind} (a message with {needle:?})"
        );
    }
}

#[test]
fn language_suite_is_large_enough_and_documented() {
    let suites = suites();
    let language: Vec<&Suite> = suites.iter().filter(|s| s.source.language).collect();
    let cases: usize = language.iter().map(|s| s.cases.len()).sum();
    let refused: usize = language
        .iter()
        .flat_map(|s| &s.cases)
        .filter(|c| matches!(c.case.expect, Expect::Refused(_)))
        .count();
    assert!(cases >= 80, "only {cases} language cases");
    assert!(refused * 4 >= cases, "only {refused} of {cases} language cases expect a refusal");
    let readme = std::fs::read_to_string(
        cairn_conformance::workspace_root().join("conformance/language/README.md"),
    )
    .expect("conformance/language/README.md");
    for suite in &language {
        assert!(!suite.cases.is_empty(), "{} has no cases", suite.source.relative);
        let folder = suite.source.relative.trim_start_matches("conformance/language/");
        let folder = folder.split('/').next().unwrap_or_default();
        assert!(
            readme.contains(&format!("`{folder}/`")),
            "the README does not describe `{folder}/`"
        );
    }
}

fn pneumonia(suites: &[Suite]) -> &Suite {
    suites
        .iter()
        .find(|s| s.source.relative == "pathways/pneumonia-severity/pneumonia-severity.pathway")
        .expect("the pneumonia pathway")
}

#[test]
fn pneumonia_suite_is_large_enough_names_its_sentences_and_exercises_everything() {
    let suites = suites();
    let pneumonia = pneumonia(&suites);
    assert!(pneumonia.cases.len() >= 80, "only {} pneumonia cases", pneumonia.cases.len());
    for loaded in &pneumonia.cases {
        assert!(
            !loaded.case.checks.is_empty(),
            "{}: a pathway case names the guideline sentences it checks in `checks`",
            loaded.file.display()
        );
    }
    let results = results(pneumonia);
    let runs: Vec<CaseRun<'_>> = pneumonia
        .cases
        .iter()
        .zip(&results)
        .map(|(loaded, result)| CaseRun {
            case: &loaded.case,
            result,
            passed: judge(&loaded.case, result).passed(),
        })
        .collect();
    let report = test_coverage(pneumonia.pathway(), pneumonia.analysis(), &runs);
    assert_eq!(report.passing, report.cases, "every pneumonia case passes");
    assert_eq!(report.recommendations.len(), 20, "the contract has 20 recommendations");
    let one_way: Vec<&str> =
        report.recommendations.iter().filter(|r| !r.both).map(|r| r.name.as_str()).collect();
    assert!(one_way.is_empty(), "recommendations not seen both fired and not fired: {one_way:?}");
    let one_way: Vec<&str> =
        report.conditions.iter().filter(|c| !c.both).map(|c| c.name.as_str()).collect();
    assert!(one_way.is_empty(), "conditions not seen both true and false: {one_way:?}");
    assert!(report.constraints.iter().all(|c| !c.broken_by.is_empty()), "the constraint is broken");
    assert_eq!(
        report.sentences_exercised, report.sentences_implemented,
        "every implemented sentence is exercised by a passing case"
    );
}

/// Every threshold of the contract's reading, with the step of its fact: a whole number
/// steps by 1, a decimal by 0.1.
const PNEUMONIA_THRESHOLDS: [(&str, f64, f64); 10] = [
    ("age", 18.0, 1.0),
    ("age", 65.0, 1.0),
    ("urea", 7.0, 0.1),
    ("respiratory_rate", 30.0, 1.0),
    ("systolic_bp", 90.0, 1.0),
    ("diastolic_bp", 60.0, 1.0),
    ("oxygen_saturation", 92.0, 1.0),
    ("crp", 20.0, 0.1),
    ("crp", 100.0, 0.1),
    ("days_since_antibiotic_started", 3.0, 1.0),
];

#[test]
fn pneumonia_suite_tests_every_threshold_below_at_and_above() {
    let suites = suites();
    let pneumonia = pneumonia(&suites);
    let planned: Vec<serde_json::Map<String, serde_json::Value>> = pneumonia
        .cases
        .iter()
        .filter(|c| matches!(c.case.expect, Expect::Plan(_)))
        .map(|c| facts(&c.case.facts_json))
        .collect();
    for (fact, threshold, step) in PNEUMONIA_THRESHOLDS {
        for value in [threshold - step, threshold, threshold + step] {
            let seen = planned.iter().any(|facts| {
                facts
                    .get(fact)
                    .and_then(serde_json::Value::as_f64)
                    .is_some_and(|v| (v - value).abs() < 1e-9)
            });
            assert!(seen, "no planned case has `{fact}` = {value} (threshold {threshold})");
        }
    }
}
