//! The NICE pathway on the same 10,000 seeded random consistent patients as
//! `conformance/benches/nice.rs` (it includes that bench's `common` module): the hand-written
//! reference, the generated engine, the interpreter (plain and prepared), datalogic-rs 5.4.0
//! (a JSONLogic rule) and zen-engine 2.1.6 (a JDM decision graph), all checked to agree on
//! every patient (ids in order) before anything is timed, then timed in the same run.
//! `cargo bench --manifest-path conformance/benches-peers/Cargo.toml`. Each benchmark
//! evaluates all 10,000 patients per iteration: ns per evaluation is the time / 10,000.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../../benches/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::sync::Arc;

use cairn_benches_peers::{IDS, jdm_graph, jdm_ids, jsonlogic_rule};
use cairn_compiler::interp;
use cairn_conformance::engine::generated::spinal_metastases as generated;
use common::{PATIENTS, fixture, handwritten_mask};
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
    assert_eq!(IDS, common::IDS);
}

fn main() {
    check(&peers());
    divan::main();
}

#[divan::bench]
fn handwritten_ids(bencher: Bencher) {
    let patients = &fixture().hand;
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
        for facts in patients {
            let _ = black_box(handwritten_mask(black_box(facts)));
        }
    });
}

#[divan::bench]
fn handwritten_plan(bencher: Bencher) {
    let fixture = fixture();
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
        for facts in &fixture.hand {
            let _ = black_box(common::handwritten_plan(black_box(facts), &fixture.table));
        }
    });
}

#[divan::bench]
fn cairn_generated(bencher: Bencher) {
    let patients = &fixture().typed;
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
        for facts in patients {
            let _ = black_box(generated::evaluate(black_box(facts)));
        }
    });
}

#[divan::bench]
fn cairn_interpreter(bencher: Bencher) {
    let fixture = fixture();
    let pathway = fixture.pathway();
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
        for values in &fixture.values {
            let _ = black_box(interp::run(pathway, black_box(values)));
        }
    });
}

#[divan::bench]
fn cairn_interpreter_prepared(bencher: Bencher) {
    let fixture = fixture();
    let prepared = interp::Prepared::new(fixture.pathway());
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
        for values in &fixture.values {
            let _ = black_box(prepared.run(black_box(values)));
        }
    });
}

/// The prepared interpreter deciding only which recommendations apply (ids, no plan), as
/// the peers answer.
#[divan::bench]
fn cairn_interpreter_decision(bencher: Bencher) {
    let fixture = fixture();
    let prepared = interp::Prepared::new(fixture.pathway());
    bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
        for values in &fixture.values {
            let _ = black_box(prepared.applicable(black_box(values)));
        }
    });
}

/// datalogic-rs on pre-parsed input (`ParsedData`, zero cost per call), a reused session
/// reset after each evaluation: its fastest documented path.
#[divan::bench]
fn datalogic_rs(bencher: Bencher) {
    let peers = peers();
    let mut session = peers.engine.session();
    bencher.counter(ItemsCount::new(PATIENTS)).bench_local(|| {
        for data in &peers.parsed {
            let _ = black_box(session.eval_borrowed(&peers.rule, black_box(data)));
            session.reset();
        }
    });
}

/// zen-engine on pre-converted input (`Variable`), the decision compiled once, driven by
/// pollster's minimal executor (evaluation is async but never waits).
#[divan::bench(sample_count = 20)]
fn zen_engine(bencher: Bencher) {
    let peers = peers();
    bencher.counter(ItemsCount::new(PATIENTS)).bench_local(|| {
        for variable in &peers.variables {
            let _ = black_box(pollster::block_on(peers.decision.evaluate(variable.clone())));
        }
    });
}
