//! Differential tests: random facts, the interpreter against the generated engine, byte for
//! byte as JSON.
//!
//! - consistent facts for the NICE pathway (all 14 facts drawn at random, kept when the
//!   interpreter accepts them): `CAIRN_DIFF_CASES` of them, 10,000 by default; a long run is
//!   `CAIRN_DIFF_CASES=1000000 cargo test --release -p cairn-conformance --test differential`;
//! - any facts, consistent or not: both make the same plan or refuse alike, naming the same
//!   constraint;
//! - malformed facts (a key left out, an unknown key, a value of the wrong type or outside its
//!   enum): both refuse them as invalid;
//! - every input of every language pathway, enumerated whole (a numeric fact's inputs being one
//!   value per region of its range);
//! - random numbers anywhere in their ranges (not only the regions' values) and `null`s, in
//!   every language pathway with numeric or optional facts.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cairn_compiler::ir::{FactType, Pathway};
use cairn_conformance::agree::disagreement;
use cairn_conformance::engine::{self, Engine};
use cairn_conformance::facts::{consistent, domains, nth, space, to_json};
use cairn_conformance::suite::{self, Suite};
use cairn_runtime::FactsError;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Consistent NICE inputs per run unless `CAIRN_DIFF_CASES` says otherwise.
const DEFAULT_CASES: u32 = 10_000;
/// Language pathways with at most this many inputs are enumerated whole.
const MAX_ENUMERATED: u128 = 1 << 16;

fn diff_cases() -> u32 {
    match std::env::var("CAIRN_DIFF_CASES") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("CAIRN_DIFF_CASES={text} is not a number")),
        Err(_) => DEFAULT_CASES,
    }
}

fn nice() -> (Suite, &'static Engine) {
    let source = cairn_conformance::discover::pathways(&cairn_conformance::workspace_root())
        .unwrap()
        .into_iter()
        .find(|s| s.relative == "pathways/spinal-metastases/spinal-metastases.pathway")
        .expect("the NICE pathway");
    let suite = suite::load(source).unwrap_or_else(|problems| panic!("{problems}"));
    let engine = engine::generated(&suite.source.relative).expect("its generated engine");
    (suite, engine)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        // Roughly a third of random NICE facts are consistent; the rest are drawn again, and
        // each redraw counts as a local reject.
        max_local_rejects: cases.saturating_mul(20),
        max_global_rejects: cases.saturating_mul(20),
        failure_persistence: None,
        ..Config::default()
    })
}

/// One value index per fact, each within its fact's domain.
fn any_facts(pathway: &Pathway) -> impl Strategy<Value = Vec<u128>> + use<> {
    domains(pathway).into_iter().map(|size| 0..size).collect::<Vec<_>>()
}

/// Both engines on one input; a failure when they disagree.
fn compare(pathway: &Pathway, engine: &Engine, json: &str) -> Result<(), TestCaseError> {
    let interpreted = engine::interpret(pathway, json);
    let generated = (engine.evaluate)(json);
    match disagreement(&interpreted, &generated) {
        None => Ok(()),
        Some(difference) => Err(TestCaseError::fail(format!("facts {json}\n{difference}"))),
    }
}

#[test]
fn consistent_nice_facts_give_the_same_plan() {
    let (suite, engine) = nice();
    let pathway = suite.pathway();
    let strategy =
        any_facts(pathway).prop_filter("consistent facts", |indices| consistent(pathway, indices));
    let cases = diff_cases();
    let compared = std::cell::Cell::new(0u32);
    runner(cases)
        .run(&strategy, |indices| {
            let json = to_json(pathway, &indices);
            // The quick test of consistency and the interpreter's agree.
            prop_assert!(engine::interpret(pathway, &json).is_ok(), "refused: {json}");
            compared.set(compared.get() + 1);
            compare(pathway, engine, &json)
        })
        .unwrap();
    assert_eq!(compared.get(), cases, "every drawn input is compared");
}

#[test]
fn any_nice_facts_give_the_same_plan_or_refusal() {
    let (suite, engine) = nice();
    let pathway = suite.pathway();
    runner(diff_cases() / 5)
        .run(&any_facts(pathway), |indices| compare(pathway, engine, &to_json(pathway, &indices)))
        .unwrap();
}

/// How to spoil one fact of a well-formed input.
#[derive(Debug, Clone, Copy)]
enum Spoil {
    /// Leave the fact out.
    Remove,
    /// Add a key no pathway declares.
    Unknown,
    /// Give the fact a value of another JSON type.
    WrongType(u8),
    /// Give an enum fact, or a member of a set fact, a name outside its enum.
    OutsideEnum,
}

fn spoil() -> impl Strategy<Value = Spoil> {
    prop_oneof![
        Just(Spoil::Remove),
        Just(Spoil::Unknown),
        (0u8..5).prop_map(Spoil::WrongType),
        Just(Spoil::OutsideEnum),
    ]
}

fn spoiled(pathway: &Pathway, indices: &[u128], fact: usize, how: Spoil) -> String {
    let mut object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&to_json(pathway, indices)).unwrap();
    let declared = &pathway.facts[fact];
    let name = declared.name.node.clone();
    match how {
        Spoil::Remove => {
            object.remove(&name);
        }
        Spoil::Unknown => {
            object.insert(format!("{name}_unknown"), serde_json::Value::Bool(true));
        }
        Spoil::WrongType(choice) => {
            let candidates = [
                serde_json::Value::Null,
                serde_json::json!(1),
                serde_json::json!("yes"),
                serde_json::json!([true]),
                serde_json::json!({"value": true}),
            ];
            // A candidate of the fact's own type would be no spoil: skip to the next one.
            let fits = |v: &serde_json::Value| match declared.ty {
                _ if declared.optional && v.is_null() => true,
                FactType::Bool => v.is_boolean(),
                // A number in range would be no spoil; 1 may be one.
                FactType::Number(_) => v.is_number(),
                FactType::Enum(_) => v.is_string(),
                FactType::Set(_) => v.is_array() && v.as_array().is_some_and(Vec::is_empty),
            };
            let start = usize::from(choice) % candidates.len();
            let value = (0..candidates.len())
                .map(|i| &candidates[(start + i) % candidates.len()])
                .find(|v| !fits(v))
                .cloned()
                .unwrap_or(serde_json::Value::Null);
            object.insert(name, value);
        }
        Spoil::OutsideEnum => {
            let value = match declared.ty {
                FactType::Bool => serde_json::json!("maybe"),
                FactType::Enum(_) => serde_json::json!("not_a_value"),
                FactType::Set(_) => serde_json::json!(["not_a_value"]),
                // Outside every range a fact can declare (below 1e18).
                FactType::Number(_) => serde_json::json!(1e30),
            };
            object.insert(name, value);
        }
    }
    serde_json::Value::Object(object).to_string()
}

#[test]
fn malformed_nice_facts_are_refused_by_both() {
    let (suite, engine) = nice();
    let pathway = suite.pathway();
    let facts = pathway.facts.len();
    let strategy = (any_facts(pathway), 0..facts, spoil());
    runner(diff_cases() / 10)
        .run(&strategy, |(indices, fact, how)| {
            let json = spoiled(pathway, &indices, fact, how);
            let interpreted = engine::interpret(pathway, &json);
            let generated = (engine.evaluate)(&json);
            prop_assert!(
                matches!(interpreted, Err(FactsError::Invalid { .. })),
                "the interpreter accepted {json}: {interpreted:?}"
            );
            prop_assert!(
                matches!(generated, Err(FactsError::Invalid { .. })),
                "the generated engine accepted {json}: {generated:?}"
            );
            Ok(())
        })
        .unwrap();
}

#[test]
fn every_input_of_every_language_pathway_agrees() {
    let suites = suite::load_all().unwrap_or_else(|problems| panic!("{problems}"));
    let mut checked = 0u128;
    for suite in suites.iter().filter(|s| s.source.language) {
        let pathway = suite.pathway();
        let engine = engine::generated(&suite.source.relative).expect("a generated engine");
        let total = space(pathway).filter(|n| *n <= MAX_ENUMERATED);
        let total = total.unwrap_or_else(|| {
            panic!("{} has too many inputs to enumerate", suite.source.relative)
        });
        let domains = domains(pathway);
        for n in 0..total {
            let json = to_json(pathway, &nth(&domains, n));
            if let Err(failure) = compare(pathway, engine, &json) {
                panic!("{}: {failure}", suite.source.relative);
            }
        }
        checked += total;
    }
    assert!(checked > 0, "no language pathway was enumerated");
}

/// A random JSON value for a fact: for a number, any value of its range with up to three
/// decimal places (whole for a whole number), not only the regions' values; `null` a quarter
/// of the time for an optional fact; else a value of its domain.
fn random_value(
    pathway: &Pathway,
    fact: &cairn_compiler::ir::Fact,
    pick: u64,
    fraction: u64,
) -> serde_json::Value {
    if fact.optional && pick % 4 == 0 {
        return serde_json::Value::Null;
    }
    match fact.ty {
        FactType::Number(n) => {
            let (low, high) = (n.low.mantissa(), n.high.mantissa());
            let (low, high) = if n.whole {
                (low, high)
            } else {
                // In thousandths: both ends of a decimal range, at scale 3.
                let at3 = |d: cairn_runtime::Decimal| {
                    d.checked_mul(cairn_runtime::Decimal::from_parts(1000, 0))
                        .map_or(0, |x| x.mantissa())
                };
                (at3(n.low), at3(n.high))
            };
            let span = u64::try_from(high - low).unwrap_or(0) + 1;
            let offset = i128::from(pick.wrapping_add(fraction) % span);
            let scale = if n.whole { 0 } else { 3 };
            let value = cairn_runtime::Decimal::new(low + offset, scale).unwrap();
            cairn_compiler::ir::value::number_json(value)
        }
        _ => {
            let size = cairn_compiler::ir::value::domain_size(pathway, fact).max(1);
            let index = u128::from(pick) % size;
            let json: serde_json::Value =
                serde_json::from_str(&to_json(pathway, &single(pathway, fact, index))).unwrap();
            json.get(&fact.name.node).cloned().unwrap_or(serde_json::Value::Null)
        }
    }
}

/// Indices with `index` for `fact` and 0 for every other fact.
fn single(pathway: &Pathway, fact: &cairn_compiler::ir::Fact, index: u128) -> Vec<u128> {
    pathway.facts.iter().map(|f| if f.name.node == fact.name.node { index } else { 0 }).collect()
}

#[test]
fn random_numbers_in_language_pathways_agree() {
    let suites = suite::load_all().unwrap_or_else(|problems| panic!("{problems}"));
    let numeric: Vec<_> = suites
        .iter()
        .filter(|s| s.source.language)
        .filter(|s| {
            s.pathway().facts.iter().any(|f| matches!(f.ty, FactType::Number(_)) || f.optional)
        })
        .collect();
    assert!(numeric.len() >= 5, "the numeric language pathways are missing");
    for suite in numeric {
        let pathway = suite.pathway();
        let engine = engine::generated(&suite.source.relative).expect("a generated engine");
        let strategy = prop::collection::vec((any::<u64>(), any::<u64>()), pathway.facts.len());
        runner(diff_cases() / 10)
            .run(&strategy, |picks| {
                let mut object = serde_json::Map::new();
                for (fact, (pick, fraction)) in pathway.facts.iter().zip(picks) {
                    object.insert(
                        fact.name.node.clone(),
                        random_value(pathway, fact, pick, fraction),
                    );
                }
                compare(pathway, engine, &serde_json::Value::Object(object).to_string())
            })
            .unwrap_or_else(|failure| panic!("{}: {failure}", suite.source.relative));
    }
}
