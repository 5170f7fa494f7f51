//! Benchmarks of the NICE spinal metastases pathway (divan): the generated engine, the
//! interpreter and a hand-written reference on the same 10,000 seeded random consistent
//! patients, checked to agree on every one before anything is timed; the per-line work of
//! `cairn run --batch` against its floor; and the analyses of `cairn check`/`cairn analyse`.
//! `cargo bench -p cairn-conformance --bench nice`; results and how to read them are in
//! `conformance/BENCHMARKS.md`. Each benchmark evaluates all 10,000 patients per iteration, so
//! ns per evaluation is the time shown divided by 10,000 (divan also prints items/s).

// Allowed: a bench binary, whose items are not an API and whose setup fails loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::hint::black_box;

use cairn_compiler::interp;
use cairn_conformance::engine::generated::spinal_metastases as generated;
use common::{PATIENTS, fixture, pass};
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    // Build the fixture (and check agreement) before divan starts timing anything.
    let _ = fixture();
    divan::main();
}

/// Evaluation with typed input: the plan (or, for `handwritten_ids`, only which
/// recommendations apply).
mod evaluate {
    use super::*;

    /// The hand-written reading, deciding which recommendations apply (a bit mask, no plan).
    #[divan::bench]
    fn handwritten_ids(bencher: Bencher) {
        let fixture = fixture();
        bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::handwritten_ids(fixture));
    }

    /// The hand-written reading building the same `Plan` as the generated engine.
    #[divan::bench]
    fn handwritten_plan(bencher: Bencher) {
        let fixture = fixture();
        bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::handwritten_plan(fixture));
    }

    /// The engine `cairn build` generates, on its typed `Facts`.
    #[divan::bench]
    fn generated(bencher: Bencher) {
        let fixture = fixture();
        bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::generated(fixture));
    }

    /// The interpreter (`cairn run`), on parsed fact values.
    #[divan::bench]
    fn interpreter(bencher: Bencher) {
        let fixture = fixture();
        bencher.counter(ItemsCount::new(PATIENTS)).bench(|| pass::interpreter(fixture));
    }

    /// The interpreter prepared once for many inputs (`interp::Prepared`, as `cairn run --batch`
    /// uses it), on parsed fact values.
    #[divan::bench]
    fn interpreter_prepared(bencher: Bencher) {
        let fixture = fixture();
        let prepared = interp::Prepared::new(fixture.pathway());
        bencher
            .counter(ItemsCount::new(PATIENTS))
            .bench(|| pass::prepared_plan(fixture, &prepared));
    }

    /// The prepared interpreter deciding only which recommendations apply
    /// (`Prepared::applicable`: ids, no plan), as the peers answer.
    #[divan::bench]
    fn interpreter_decision(bencher: Bencher) {
        let fixture = fixture();
        let prepared = interp::Prepared::new(fixture.pathway());
        bencher
            .counter(ItemsCount::new(PATIENTS))
            .bench(|| pass::prepared_decision(fixture, &prepared));
    }
}

/// One line of `cairn run --batch`: facts JSON in, compact plan JSON out.
mod json_line {
    use super::*;

    /// The floor of the batch: parse the line into the generated `Facts`, evaluate with the
    /// generated engine, serialise the plan.
    #[divan::bench]
    fn generated_floor(bencher: Bencher) {
        let lines = &fixture().json;
        let mut out = Vec::with_capacity(1 << 16);
        bencher.counter(ItemsCount::new(PATIENTS)).bench_local(|| {
            for line in lines {
                out.clear();
                let facts: generated::Facts = serde_json::from_str(black_box(line)).unwrap();
                let plan = generated::evaluate(&facts).unwrap();
                serde_json::to_writer(&mut out, &plan).unwrap();
                black_box(&out);
            }
        });
    }

    /// What `cairn run --batch` does per line: the prepared interpreter from JSON, then
    /// serialise.
    #[divan::bench]
    fn interpreter_prepared(bencher: Bencher) {
        let fixture = fixture();
        let prepared = interp::Prepared::new(fixture.pathway());
        let mut out = Vec::with_capacity(1 << 16);
        bencher.counter(ItemsCount::new(PATIENTS)).bench_local(|| {
            for line in &fixture.json {
                out.clear();
                let plan = prepared.run_json(black_box(line)).unwrap();
                serde_json::to_writer(&mut out, &plan).unwrap();
                black_box(&out);
            }
        });
    }
}

/// The compiler on the NICE pathway.
mod compiler {
    use super::*;

    /// Every analysis (`cairn_compiler::analysis::analyse`): coverage, lints, and the symbolic
    /// behaviour analysis of `cairn analyse` (assertions, overlaps, scopes, witnesses).
    #[divan::bench(sample_count = 20)]
    fn analyse_all() {
        let pathway = fixture().pathway();
        black_box(cairn_compiler::analysis::analyse(black_box(pathway)));
    }

    /// The whole front end and the analyses from the file: read, parse, check, segment the
    /// guideline, analyse (what `cairn check` does before printing).
    #[divan::bench(sample_count = 20)]
    fn compile_file() {
        let path = cairn_conformance::workspace_root().join(common::PATHWAY);
        black_box(cairn_compiler::compile_file(black_box(&path)));
    }
}
