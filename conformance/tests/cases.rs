//! Every case of every suite, run on the interpreter and on the pathway's generated engine:
//! both must meet the case's expectations, and they must agree with each other (the same plan
//! byte for byte as JSON, or the same kind of refusal and the same broken constraint).

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cairn_compiler::cases::{Verdict, judge};
use cairn_conformance::{agree, engine, suite};

/// Cases the generated engine is known to fail, each with the generator bug behind it. The
/// test fails when one of them passes, so that the entry is removed with the fix.
/// Cases the generated engine is known to fail, each with why; empty now, and a case listed
/// here that passes fails the suite, so the list cannot go stale.
const KNOWN_GENERATOR_BUGS: &[(&str, &str)] = &[];

/// Runs the suites of one kind; returns how many cases ran and a report of each failure.
fn run(language: bool) -> (usize, Vec<String>) {
    let suites = suite::load_all().unwrap_or_else(|problems| panic!("{problems}"));
    let root = cairn_conformance::workspace_root();
    let mut ran = 0;
    let mut failures = Vec::new();
    for suite in suites.iter().filter(|s| s.source.language == language) {
        let generated = engine::generated(&suite.source.relative)
            .unwrap_or_else(|| panic!("no generated engine for {}", suite.source.relative));
        for loaded in &suite.cases {
            ran += 1;
            let case = &loaded.case;
            let interpreted = engine::interpret(suite.pathway(), &case.facts_json);
            let compiled = (generated.evaluate)(&case.facts_json);
            let relative = loaded.file.strip_prefix(&root).unwrap_or(&loaded.file);
            let file = relative.display().to_string();
            if let Verdict::Fail { diff, .. } = judge(case, &interpreted) {
                failures.push(format!("{file}: the interpreter fails the case:\n{diff}"));
            }
            // The two engines word their refusals differently, but each must meet the case's
            // `message_contains` (which names the fact or value concerned, as both mention it).
            let generated_fails = !judge(case, &compiled).passed()
                || agree::disagreement(&interpreted, &compiled).is_some();
            let known = KNOWN_GENERATOR_BUGS.iter().find(|(known, _)| *known == file);
            match (known, generated_fails) {
                (Some(_), true) | (None, false) => {}
                (Some((_, bug)), false) => failures.push(format!(
                    "{file}: passes on the generated engine now; remove it from KNOWN_GENERATOR_BUGS ({bug})"
                )),
                (None, true) => {
                    if let Verdict::Fail { diff, .. } = judge(case, &compiled) {
                        failures.push(format!("{file}: the generated engine fails the case:\n{diff}"));
                    }
                    if let Some(difference) = agree::disagreement(&interpreted, &compiled) {
                        failures.push(format!("{file}: the engines disagree: {difference}"));
                    }
                }
            }
        }
    }
    (ran, failures)
}

fn check(language: bool) {
    let (ran, failures) = run(language);
    assert!(ran > 0, "no cases ran");
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn pathway_cases_pass_on_both_engines() {
    check(false);
}

#[test]
fn language_cases_pass_on_both_engines() {
    check(true);
}

#[test]
fn known_generator_bugs_name_existing_cases() {
    let root = cairn_conformance::workspace_root();
    for (file, bug) in KNOWN_GENERATOR_BUGS {
        assert!(root.join(file).is_file(), "{file} does not exist ({bug})");
        assert!(bug.starts_with("FIXME(generator): "), "{file}: say what the bug is");
    }
}
