//! Differential tests of the pneumonia severity pathway: random facts, the interpreter against
//! the generated engine, byte for byte as JSON. The values are drawn across each fact's range
//! and around every threshold the pathway compares with (so both sides of each boundary are
//! hit), `null` for the optional facts, and, in the second test, outside the contract too
//! (fractions for whole numbers, numbers outside their range, `null` on a required fact, a
//! string for a number): both must make the same plan or refuse alike.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cairn_compiler::ir::Pathway;
use cairn_conformance::agree::disagreement;
use cairn_conformance::engine::{self, Engine};
use cairn_conformance::suite::{self, Suite};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value, json};

/// Inputs per test.
const CASES: u32 = 5_000;

fn pneumonia() -> (Suite, &'static Engine) {
    let source = cairn_conformance::discover::pathways(&cairn_conformance::workspace_root())
        .unwrap()
        .into_iter()
        .find(|s| s.relative == "pathways/pneumonia-severity/pneumonia-severity.pathway")
        .expect("the pneumonia pathway");
    let suite = suite::load(source).unwrap_or_else(|problems| panic!("{problems}"));
    let engine = engine::generated(&suite.source.relative).expect("its generated engine");
    (suite, engine)
}

fn runner() -> TestRunner {
    TestRunner::new(Config { cases: CASES, failure_persistence: None, ..Config::default() })
}

/// A whole number in `0..=high`, or one of `near - 1`, `near`, `near + 1` for a threshold.
fn whole(high: u64, near: &'static [u64]) -> BoxedStrategy<Value> {
    let nearby = proptest::sample::select(near)
        .prop_flat_map(move |n| (n.saturating_sub(1)..=(n + 1).min(high)).prop_map(|v| json!(v)));
    prop_oneof![(0..=high).prop_map(|v| json!(v)), nearby].boxed()
}

/// A decimal with up to two digits after the point in `0..=high`, often next to a threshold
/// (`6.99`, `7`, `7.01`).
fn decimal(high: u64, near: &'static [u64]) -> BoxedStrategy<Value> {
    let hundredths = prop_oneof![
        0..=high * 100,
        proptest::sample::select(near)
            .prop_flat_map(move |n| (n * 100).saturating_sub(1)..=(n * 100 + 1).min(high * 100)),
    ];
    hundredths
        .prop_map(|h| serde_json::from_str(&format!("{}.{:02}", h / 100, h % 100)).unwrap())
        .boxed()
}

fn optional(values: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![1 => Just(Value::Null), 4 => values].boxed()
}

fn flag() -> BoxedStrategy<Value> {
    any::<bool>().prop_map(Value::Bool).boxed()
}

fn word(words: &'static [&'static str]) -> BoxedStrategy<Value> {
    proptest::sample::select(words).prop_map(|w| json!(w)).boxed()
}

/// Facts as the contract allows them (the constraint may still be broken).
fn facts() -> impl Strategy<Value = Map<String, Value>> {
    let fields: Vec<(&'static str, BoxedStrategy<Value>)> = vec![
        ("setting", word(&["community", "hospital"])),
        ("age", whole(130, &[18, 65])),
        ("pneumonia_diagnosed", flag()),
        ("new_confusion", flag()),
        ("urea", optional(decimal(100, &[7]))),
        ("respiratory_rate", whole(100, &[30])),
        ("systolic_bp", whole(300, &[90])),
        ("diastolic_bp", whole(250, &[60])),
        ("oxygen_saturation", optional(whole(100, &[92]))),
        ("crp", optional(decimal(1000, &[20, 100]))),
        ("penicillin_allergy", flag()),
        ("pregnant", flag()),
        ("atypical_pathogen_suspected", flag()),
        ("days_since_antibiotic_started", optional(whole(60, &[3]))),
        ("symptom_course", word(&["not_assessed", "improving", "not_improving", "worsening"])),
    ];
    let (names, values): (Vec<_>, Vec<_>) = fields.into_iter().unzip();
    values.prop_map(move |values| {
        names.iter().map(|n| n.to_string()).zip(values).collect::<Map<String, Value>>()
    })
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
fn pneumonia_facts_give_the_same_plan_or_refusal() {
    let (suite, engine) = pneumonia();
    let pathway = suite.pathway();
    let planned = std::cell::Cell::new(0u32);
    runner()
        .run(&facts(), |facts| {
            let json = Value::Object(facts).to_string();
            planned.set(planned.get() + u32::from(engine::interpret(pathway, &json).is_ok()));
            compare(pathway, engine, &json)
        })
        .unwrap();
    // Most inputs keep the constraint, so both engines really make plans.
    assert!(planned.get() * 2 > CASES, "only {} of {CASES} inputs were planned", planned.get());
}

/// A value no fact of the contract takes: a fraction, a negative or too large number, `null`,
/// a string, a boolean.
fn spoilt() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(json!(0.5)),
        Just(json!(-1)),
        Just(json!(1001)),
        Just(json!(100000)),
        Just(Value::Null),
        Just(json!("12")),
        Just(json!(true)),
        Just(json!(1e300)),
    ]
    .boxed()
}

#[test]
fn spoilt_pneumonia_facts_are_refused_alike() {
    let (suite, engine) = pneumonia();
    let pathway = suite.pathway();
    let names: Vec<String> = pathway.facts.iter().map(|f| f.name.node.clone()).collect();
    let strategy = (facts(), proptest::sample::select(names), spoilt());
    runner()
        .run(&strategy, |(mut facts, name, value)| {
            facts.insert(name, value);
            compare(pathway, engine, &Value::Object(facts).to_string())
        })
        .unwrap();
}
