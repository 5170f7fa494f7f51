//! Benchmarks of the pneumonia severity pathway (divan): its generated engine and the
//! interpreter (plain and prepared) on the same 10,000 seeded random consistent patients, checked
//! to agree on every one before anything is timed; and one line of `cairn run --batch`.
//! `cargo bench -p cairn-conformance --bench pneumonia`; the figures are in
//! `conformance/BENCHMARKS.md`. Each benchmark evaluates all 10,000 patients per iteration, so
//! ns per evaluation is the time shown divided by 10,000 (divan also prints items/s).

// A benchmark harness: a broken fixture should stop it loudly, and divan's entry points need no
// docs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::sync::OnceLock;

use cairn_compiler::Compilation;
use cairn_compiler::interp;
use cairn_compiler::ir::Pathway;
use cairn_compiler::ir::facts::parse_facts;
use cairn_compiler::ir::value::FactValues;
use cairn_conformance::engine::generated::pneumonia_severity as generated;
use cairn_conformance::patients::XorShift;
use divan::Bencher;
use divan::counter::ItemsCount;
use serde_json::{Value, json};

/// How many patients every engine evaluates.
const PATIENTS: usize = 10_000;
/// The seed of the patients, fixed so every run times the same inputs.
const SEED: u64 = 0x0c0f_fee5;
/// The pathway file, from the workspace root.
const PATHWAY: &str = "pathways/pneumonia-severity/pneumonia-severity.pathway";

fn main() {
    // Build the fixture (and check agreement) before divan starts timing anything.
    let _ = fixture();
    divan::main();
}

/// Everything the benchmarks read, built once.
struct Fixture {
    compilation: Compilation,
    /// The patients as facts JSON, one object on one line each.
    json: Vec<String>,
    /// The patients as the generated engine's typed facts.
    typed: Vec<generated::Facts>,
    /// The patients as the interpreter's fact values.
    values: Vec<FactValues>,
}

impl Fixture {
    fn pathway(&self) -> &Pathway {
        self.compilation.checked().expect("the pneumonia pathway checks").0
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(build)
}

/// A value of `0..=high`, or near one of the thresholds the pathway compares with (so the
/// patients cross every boundary often), or `null` one time in five when `optional`.
fn number(random: &mut XorShift, high: u64, near: &[u64], optional: bool) -> Value {
    if optional && random.below(5) == 0 {
        return Value::Null;
    }
    if !near.is_empty() && random.below(2) == 0 {
        let centre = near[random.below(near.len() as u128) as usize];
        return json!((centre + random.below(3) as u64).saturating_sub(1).min(high));
    }
    json!(random.below(u128::from(high) + 1) as u64)
}

/// A decimal with one digit after the point, in `0..=high`, often near a threshold.
fn decimal(random: &mut XorShift, high: u64, near: &[u64], optional: bool) -> Value {
    match number(random, high * 10, &near.iter().map(|n| n * 10).collect::<Vec<_>>(), optional) {
        Value::Number(tenths) => {
            let tenths = tenths.as_u64().unwrap_or(0);
            // Written as text and read back, so `7.1` is the JSON number 7.1 exactly as typed.
            serde_json::from_str(&format!("{}.{}", tenths / 10, tenths % 10)).unwrap()
        }
        other => other,
    }
}

/// Seeded random patients that satisfy the pathway's constraint, as facts JSON.
fn patients() -> Vec<String> {
    let mut random = XorShift::new(SEED);
    let flag = |random: &mut XorShift| random.below(2) == 1;
    (0..PATIENTS)
        .map(|_| {
            let days = number(&mut random, 60, &[3], true);
            let courses = ["not_assessed", "improving", "not_improving", "worsening"];
            let course = if days.is_null() { 0 } else { random.below(4) as usize };
            let facts = json!({
                "setting": if flag(&mut random) { "hospital" } else { "community" },
                "age": number(&mut random, 130, &[18, 65], false),
                "pneumonia_diagnosed": flag(&mut random),
                "new_confusion": flag(&mut random),
                "urea": decimal(&mut random, 100, &[7], true),
                "respiratory_rate": number(&mut random, 100, &[30], false),
                "systolic_bp": number(&mut random, 300, &[90], false),
                "diastolic_bp": number(&mut random, 250, &[60], false),
                "oxygen_saturation": number(&mut random, 100, &[92], true),
                "crp": decimal(&mut random, 1000, &[20, 100], true),
                "penicillin_allergy": flag(&mut random),
                "pregnant": flag(&mut random),
                "atypical_pathogen_suspected": flag(&mut random),
                "days_since_antibiotic_started": days,
                "symptom_course": courses[course],
            });
            facts.to_string()
        })
        .collect()
}

fn build() -> Fixture {
    let root = cairn_conformance::workspace_root();
    let compilation = cairn_compiler::compile_file(&root.join(PATHWAY));
    let pathway = compilation.checked().expect("the pneumonia pathway checks").0;
    let json = patients();
    let typed: Vec<generated::Facts> =
        json.iter().map(|j| serde_json::from_str(j).expect("generated facts")).collect();
    let values: Vec<FactValues> =
        json.iter().map(|j| parse_facts(pathway, j).expect("interpreter facts")).collect();
    // Every engine makes the same plan, byte for byte as JSON, on every patient.
    let prepared = interp::Prepared::new(pathway);
    let mut non_empty = 0;
    for ((line, facts), values) in json.iter().zip(&typed).zip(&values) {
        let compiled = generated::evaluate(facts).expect("consistent patients are evaluated");
        let text = serde_json::to_string(&compiled).unwrap();
        let interpreted = interp::run(pathway, values).expect("the interpreter evaluates them");
        assert_eq!(text, serde_json::to_string(&interpreted).unwrap(), "{line}");
        let prepared = prepared.run(values).expect("the prepared interpreter evaluates them");
        assert_eq!(text, serde_json::to_string(&prepared).unwrap(), "{line}");
        non_empty += usize::from(!compiled.recommendations.is_empty());
    }
    // The patients exercise the pathway: most get a plan (children and a few others do not).
    assert!(non_empty * 2 > PATIENTS, "only {non_empty} of {PATIENTS} patients get a plan");
    Fixture { compilation, json, typed, values }
}

/// Evaluation with typed input: the plan.
mod evaluate {
    use super::*;

    /// The engine `cairn build` generates, on its typed `Facts`.
    #[divan::bench]
    fn generated(bencher: Bencher) {
        let fixture = fixture();
        bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
            for facts in &fixture.typed {
                let _ = black_box(generated::evaluate(black_box(facts)));
            }
        });
    }

    /// The interpreter (`cairn run`), on parsed fact values.
    #[divan::bench]
    fn interpreter(bencher: Bencher) {
        let fixture = fixture();
        let pathway = fixture.pathway();
        bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
            for values in &fixture.values {
                let _ = black_box(interp::run(pathway, black_box(values)));
            }
        });
    }

    /// The interpreter prepared once for many inputs (`cairn run --batch`).
    #[divan::bench]
    fn interpreter_prepared(bencher: Bencher) {
        let fixture = fixture();
        let prepared = interp::Prepared::new(fixture.pathway());
        bencher.counter(ItemsCount::new(PATIENTS)).bench(|| {
            for values in &fixture.values {
                let _ = black_box(prepared.run(black_box(values)));
            }
        });
    }
}

/// One line of `cairn run --batch`: facts JSON in, compact plan JSON out.
mod json_line {
    use super::*;

    /// The floor: parse into the generated `Facts`, evaluate, serialise the plan.
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
