//! What the `cairn analyse` tests share: compiling a pathway from text, and holding the
//! symbolic engine's report against brute-force enumeration.

// Allowed: shared by several binaries, each of which uses only part of it.
#![allow(dead_code)]

use cairn_compiler::Compilation;
use cairn_compiler::analysis::behaviour::BehaviourReport;
use cairn_compiler::analysis::enumerate::{Enumeration, enumerate};
use cairn_compiler::ir::Pathway;

/// The guideline every small test pathway names: one sentence, left uncovered (a warning of
/// `cairn check`, not of `cairn analyse`).
pub const GUIDELINE: &str = "A test guideline.\n";

/// Compiles a pathway from its text as if it were `tests/analyse/<name>.pathway`.
pub fn compile(name: &str, source: &str) -> Compilation {
    cairn_compiler::compile_source(&format!("tests/analyse/{name}.pathway"), source, GUIDELINE)
}

/// Asserts that the symbolic report and enumeration agree on every count: consistent inputs,
/// each recommendation, each pair, each assertion and each scope.
pub fn assert_agrees(pathway: &Pathway, report: &BehaviourReport) {
    let found = enumerate(pathway, 1 << 26).expect("small enough to enumerate");
    assert_agrees_with(&found, pathway, report);
}

/// `assert_agrees` with an enumeration already made.
pub fn assert_agrees_with(found: &Enumeration, pathway: &Pathway, report: &BehaviourReport) {
    assert!(report.analysed, "the symbolic engine did not analyse the pathway");
    assert_eq!(report.raw_inputs.0, found.raw_inputs, "raw inputs");
    assert_eq!(report.consistent_inputs.0, found.consistent_inputs, "consistent inputs");
    let applies = found.applies(pathway.recommendations.len());
    for (index, rec) in report.recommendations.iter().enumerate() {
        assert_eq!(rec.inputs.0, applies[index], "inputs of `{}`", rec.name);
    }
    let names: Vec<&str> = pathway.recommendations.iter().map(|r| r.name.node.as_str()).collect();
    for (i, first) in names.iter().enumerate() {
        for (j, second) in names.iter().enumerate().skip(i + 1) {
            let symbolic = report
                .overlaps
                .iter()
                .find(|o| o.first == *first && o.second == *second)
                .map_or(0, |o| o.inputs.0);
            assert_eq!(symbolic, found.together(i, j), "inputs of `{first}` with `{second}`");
        }
    }
    for (index, property) in report.properties.iter().enumerate() {
        let failures = found.assert_failures[index];
        assert_eq!(property.counterexamples.0, failures, "counterexamples of `{}`", property.name);
        assert_eq!(property.holds, failures == 0, "whether `{}` holds", property.name);
    }
    if found.consistent_inputs > 0 {
        for (index, scope) in report.scopes.iter().enumerate() {
            assert_eq!(
                scope.inputs.0, found.scope_inputs[index],
                "inputs of scope `{}`",
                scope.name
            );
            assert_eq!(
                scope.uncovered.0, found.scope_gaps[index],
                "gaps of scope `{}`",
                scope.name
            );
        }
    }
}
