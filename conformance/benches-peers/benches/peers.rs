//! The NICE pathway on the same 10,000 seeded random consistent patients as
//! `conformance/benches/nice.rs` (it includes that bench's `common` module): the hand-written
//! reference, the generated engine, the interpreter (plain and prepared), datalogic-rs 5.4.0
//! (a JSONLogic rule) and zen-engine 2.1.6 (a JDM decision graph), all checked to agree on
//! every patient (ids in order) before anything is timed, then timed in the same run; after
//! divan's tables, a summary times each engine once more and prints the target ratios.
//! `cargo bench --manifest-path conformance/benches-peers/Cargo.toml`. Each benchmark
//! evaluates all 10,000 patients per iteration: ns per evaluation is the time / 10,000.

// Allowed: a bench binary, whose items are not an API and whose setup fails loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../../benches/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use cairn_benches_peers::{jdm_graph, jdm_ids, jsonlogic_rule};
use cairn_compiler::interp;
use cairn_conformance::engine::generated::spinal_metastases as generated;
use common::{PATIENTS, fixture, handwritten_mask, pass};
use datalogic_rs::{Engine, Logic, ParsedData};
use divan::Bencher;
use divan::counter::ItemsCount;
use zen_engine::Decision;
use zen_engine::Variable;

/// The peers' inputs, parsed once like the Cairn engines' typed facts.
struct Peers {
    engine: Engine,
    rule: Logic,
    parsed: Vec<ParsedData>,
    decision: Decision,
    variables: Vec<Variable>,
}

/// The peers and their inputs. zen-engine's `Variable` is not `Sync` (it holds `Rc`s), so
/// this is built per benchmark (outside the timing) rather than kept in a static.
fn peers() -> Peers {
    {
        let fixture = fixture();
        let engine = Engine::new();
        let rule = engine.compile(jsonlogic_rule().to_string().as_str()).unwrap();
        let parsed = fixture.json.iter().map(|j| ParsedData::from_json(j).unwrap()).collect();
        let content: zen_engine::model::GraphContent = serde_json::from_value(jdm_graph()).unwrap();
        let mut decision = Decision::from(Arc::new(content));
        decision.compile();
        let variables = fixture
            .json
            .iter()
            .map(|j| serde_json::from_str::<serde_json::Value>(j).unwrap().into())
            .collect();
        Peers { engine, rule, parsed, decision, variables }
    }
}

/// Panics unless datalogic-rs and zen-engine give the generated engine's ids on every patient
/// (the Cairn engines and the hand-written function were checked by `common::fixture`).
fn check(peers: &Peers) {
    let fixture = fixture();
    let mut session = peers.engine.session();
    for (i, json) in fixture.json.iter().enumerate() {
        let plan = generated::evaluate(&fixture.typed[i]).unwrap();
        let expected: Vec<&str> = plan.ids().collect();
        let result = session.eval_borrowed(&peers.rule, &peers.parsed[i]).unwrap();
        let logic: Vec<&str> =
            result.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(logic, expected, "datalogic-rs on {json}");
        session.reset();
        let response =
            pollster::block_on(peers.decision.evaluate(peers.variables[i].clone())).unwrap();
        assert_eq!(jdm_ids(&response.result.to_value()), expected, "zen-engine on {json}");
        let mask = handwritten_mask(&fixture.hand[i]).unwrap();
        assert_eq!(mask.count_ones() as usize, expected.len());
    }
}

fn main() {
    let peers = peers();
    check(&peers);
    divan::main();
    summary(&peers);
}

/// Nanoseconds per evaluation: the median over `rounds` of one pass over every patient.
fn ns_per_evaluation(rounds: usize, mut pass: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            pass();
            start.elapsed().as_secs_f64() * 1e9 / PATIENTS as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Times every engine again, one after the other, and prints the ratios the issue sets as
/// targets, so that they come from one run (divan's tables above give the detail).
fn summary(peers: &Peers) {
    let fixture = fixture();
    let prepared = interp::Prepared::new(fixture.pathway());
    let hand_plan = ns_per_evaluation(15, || pass::handwritten_plan(fixture));
    let hand_ids = ns_per_evaluation(15, || pass::handwritten_ids(fixture));
    let generated = ns_per_evaluation(15, || pass::generated(fixture));
    let plan = ns_per_evaluation(15, || pass::prepared_plan(fixture, &prepared));
    let decision = ns_per_evaluation(15, || pass::prepared_decision(fixture, &prepared));
    let mut session = peers.engine.session();
    let datalogic = ns_per_evaluation(15, || datalogic_pass(peers, &mut session));
    let zen = ns_per_evaluation(5, || zen_pass(peers));
    let verdict = |met: bool| if met { "met" } else { "NOT met" };
    println!();
    println!(
        "Same-run summary: median ns per evaluation over 10,000 patients (15 passes; 5 for zen-engine)"
    );
    for (name, ns) in [
        ("hand-written, ids only", hand_ids),
        ("hand-written, full plan", hand_plan),
        ("Cairn generated engine (full plan)", generated),
        ("Cairn interpreter, prepared (full plan)", plan),
        ("Cairn interpreter, prepared (decision: ids)", decision),
        ("datalogic-rs (ids)", datalogic),
        ("zen-engine (23 booleans)", zen),
    ] {
        println!("  {name:<46} {ns:>10.1} ns   zen-engine / this: {:>7.1}x", zen / ns);
    }
    println!("Targets:");
    // Issue 12: with plans that borrow their static data, the full plan costs a small multiple
    // of the decision.
    let of_decision = generated / hand_ids;
    println!(
        "  generated full plan within 3x of the hand-written ids-only function: {of_decision:.2}x  {}",
        verdict(of_decision <= 3.0)
    );
    let within = generated / hand_plan;
    println!(
        "  generated within 1.2x of the hand-written plan builder: {within:.2}x  {}",
        verdict(within <= 1.2)
    );
    println!(
        "  interpreter faster than datalogic-rs: prepared plan {:.1}x, decision {:.1}x faster  {}",
        datalogic / plan,
        datalogic / decision,
        verdict(plan < datalogic)
    );
    for (name, ns) in [
        ("generated", generated),
        ("interpreter, full plan", plan),
        ("interpreter, decision", decision),
    ] {
        let speedup = zen / ns;
        println!(
            "  {name} more than 100x faster than zen-engine: {speedup:.0}x  {}",
            verdict(speedup > 100.0)
        );
    }
}

/// One pass of datalogic-rs over every patient: pre-parsed input (`ParsedData`, zero cost per
/// call), a reused session reset after each evaluation, its fastest documented path.
fn datalogic_pass(peers: &Peers, session: &mut datalogic_rs::Session<'_>) {
    for data in &peers.parsed {
        let _ = black_box(session.eval_borrowed(&peers.rule, black_box(data)));
        session.reset();
    }
}

/// One pass of zen-engine over every patient: pre-converted input (`Variable`), the decision
/// compiled once, driven by pollster's minimal executor (evaluation is async but never waits).
fn zen_pass(peers: &Peers) {
    for variable in &peers.variables {
        let _ = black_box(pollster::block_on(peers.decision.evaluate(variable.clone())));
    }
}

#[divan::bench]
fn handwritten_ids(bencher: Bencher) {
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::handwritten_ids(fixture()));
}

#[divan::bench]
fn handwritten_plan(bencher: Bencher) {
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::handwritten_plan(fixture()));
}

#[divan::bench]
fn cairn_generated(bencher: Bencher) {
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::generated(fixture()));
}

#[divan::bench]
fn cairn_interpreter(bencher: Bencher) {
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::interpreter(fixture()));
}

#[divan::bench]
fn cairn_interpreter_prepared(bencher: Bencher) {
    let prepared = interp::Prepared::new(fixture().pathway());
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::prepared_plan(fixture(), &prepared));
}

/// The prepared interpreter deciding only which recommendations apply (ids, no plan), as
/// the peers answer.
#[divan::bench]
fn cairn_interpreter_decision(bencher: Bencher) {
    let prepared = interp::Prepared::new(fixture().pathway());
    bencher
        .counter(ItemsCount::new(PATIENTS))
        .bench(|| pass::prepared_decision(fixture(), &prepared));
}

#[divan::bench]
fn datalogic_rs(bencher: Bencher) {
    let peers = peers();
    let mut session = peers.engine.session();
    bencher.counter(ItemsCount::new(PATIENTS)).bench_local(|| datalogic_pass(&peers, &mut session));
}

#[divan::bench(sample_count = 20)]
fn zen_engine(bencher: Bencher) {
    let peers = peers();
    bencher.counter(ItemsCount::new(PATIENTS)).bench_local(|| zen_pass(&peers));
}
