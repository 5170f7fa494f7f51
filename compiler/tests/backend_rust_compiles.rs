//! The generated Rust, compiled for real: the NICE pathway, a pathway using every construct of
//! the language and a pathway full of hostile text are generated into a scratch crate that
//! depends on the workspace's `cairn-runtime`; the crate must build with `-D warnings`, pass
//! clippy with `-D warnings` (plus lints that forbid panics and indexing), document with
//! `-D warnings` and hold no doctest. A small binary in the crate then evaluates facts with
//! every engine, and each answer must equal the interpreter's byte for byte as JSON, with no
//! allocation beyond the plan's `Vec`.
//!
//! The scratch crate builds in `target/generated-check`, shared between runs, so only the
//! scratch crate itself is rebuilt each time.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backend_support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use backend_support::*;
use cairn_compiler::backend;
use cairn_compiler::interp;
use cairn_compiler::ir::value::{Value as IrValue, domain_size, nth_value, number_json};
use cairn_compiler::ir::{FactType, Pathway};
use cairn_runtime::FactsError;
use serde_json::{Value, json};

/// The engines under test: module name and pathway file.
fn engines() -> Vec<(&'static str, PathBuf)> {
    vec![
        ("nice", nice_path()),
        ("constructs", case_path("constructs")),
        ("hostile", case_path("hostile")),
        ("minimal", case_path("minimal")),
        ("empty", case_path("empty")),
    ]
}

const CARGO_TOML: &str = r#"[package]
name = "generated-engines"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
cairn-runtime = { path = "RUNTIME" }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[[bin]]
name = "engines"
path = "src/main.rs"

[workspace]
"#;

/// The binary: reads `module<TAB>facts` lines, answers one JSON line each, counting the
/// allocations `evaluate` makes.
const MAIN: &str = r#"//! Evaluates facts with the generated engines, one JSON answer per input line.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::BufRead as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use cairn_runtime::{FactsError, Plan};

/// Counts allocations and reallocations.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the caller upholds `alloc`'s contract, which is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: as for `alloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn answer<F: serde::de::DeserializeOwned>(
    json: &str,
    evaluate: fn(&F) -> Result<Plan, FactsError>,
) -> serde_json::Value {
    let facts: F = match serde_json::from_str(json) {
        Ok(facts) => facts,
        Err(error) => return serde_json::json!({ "invalid": error.to_string() }),
    };
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let result = evaluate(&facts);
    let allocations = ALLOCATIONS.load(Ordering::SeqCst) - before;
    let text = match &result {
        Ok(plan) => serde_json::to_string(plan),
        Err(error) => serde_json::to_string(error),
    };
    let text = text.unwrap_or_default();
    match result {
        Ok(_) => serde_json::json!({ "ok": text, "allocations": allocations }),
        Err(_) => serde_json::json!({ "err": text, "allocations": allocations }),
    }
}

fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap_or_default();
        let (module, facts) = line.split_once('\t').unwrap_or_default();
        let reply = match module {
            "nice" => answer(facts, generated_engines::nice::evaluate),
            "constructs" => answer(facts, generated_engines::constructs::evaluate),
            "hostile" => answer(facts, generated_engines::hostile::evaluate),
            "minimal" => answer(facts, generated_engines::minimal::evaluate),
            "empty" => answer(facts, generated_engines::empty::evaluate),
            other => serde_json::json!({ "unknown": other }),
        };
        println!("{reply}");
    }
}
"#;

const LIB: &str = r#"//! The generated engines under test.

#![forbid(unsafe_code)]
#![deny(missing_docs, unused_qualifications, rust_2018_idioms)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented,
    clippy::as_conversions
)]

/// The NICE spinal metastases pathway.
pub mod nice;

/// Every construct of the language.
pub mod constructs;

/// Hostile text everywhere.
pub mod hostile;

/// No enum, no constraint, a condition that reads no fact.
pub mod minimal;

/// No recommendation.
pub mod empty;
"#;

fn cargo() -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut command = Command::new(cargo);
    let target = workspace().join("target/generated-check");
    command
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never");
    command
}

/// Runs cargo in `dir`; fails the test with cargo's output unless it succeeds. Returns stdout
/// and stderr together.
fn run_cargo(dir: &Path, args: &[&str]) -> String {
    let output = cargo().args(args).current_dir(dir).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "`cargo {}` failed:\n{text}", args.join(" "));
    text
}

/// Writes the scratch crate with every engine; returns its folder.
fn scratch_crate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let runtime = workspace().join("runtime");
    let runtime = runtime.to_str().unwrap().replace('\\', "/");
    std::fs::write(dir.path().join("Cargo.toml"), CARGO_TOML.replace("RUNTIME", &runtime)).unwrap();
    // The workspace's lock file pins the same versions the shared target folder has built.
    std::fs::copy(workspace().join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("lib.rs"), LIB).unwrap();
    std::fs::write(src.join("main.rs"), MAIN).unwrap();
    for (module, path) in engines() {
        let (pathway, analysis) = compile(&path);
        let code = backend::rust::generate(&pathway, &analysis, "test.pathway").unwrap();
        std::fs::write(src.join(format!("{module}.rs")), code).unwrap();
    }
    dir
}

#[test]
fn the_crate_cairn_build_writes_builds_as_it_is() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .arg("build")
        .arg(nice_path())
        .arg("--out")
        .arg(out.path())
        .args(["--emit", "crate"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let root = out.path().join("spinal_metastases");
    // No lock file is added: the crate resolves its two dependencies itself.
    run_cargo(&root, &["build", "--offline", "--quiet"]);
    run_cargo(&root, &["clippy", "--offline", "--quiet", "--", "-D", "warnings"]);
    run_cargo(&root, &["doc", "--offline", "--quiet", "--no-deps"]);
}

#[test]
fn the_embedding_example_builds_and_prints_what_the_interpreter_prints() {
    // Built from a copy, so that nothing (a lock file) is written into the repository; the
    // copy depends on the workspace's runtime by its absolute path.
    let example = workspace().join("conformance/examples/embedding");
    let copy = tempfile::tempdir().unwrap();
    let root = copy.path();
    let runtime = workspace().join("runtime");
    let manifest = std::fs::read_to_string(example.join("Cargo.toml")).unwrap();
    let manifest = manifest.replace(
        "path = \"../../../runtime\"",
        &format!("path = \"{}\"", runtime.to_str().unwrap().replace('\\', "/")),
    );
    assert!(!manifest.contains("../../../runtime"), "the runtime's path was replaced");
    std::fs::write(root.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    std::fs::create_dir(root.join("src")).unwrap();
    for file in ["main.rs", "spinal_metastases.rs"] {
        std::fs::copy(example.join("src").join(file), root.join("src").join(file)).unwrap();
    }
    run_cargo(root, &["build", "--offline", "--quiet"]);
    run_cargo(root, &["clippy", "--offline", "--quiet", "--", "-D", "warnings"]);

    let facts = std::fs::read_to_string(example.join("facts.json")).unwrap();
    let binary = workspace().join("target/generated-check/debug/cairn-embedding-example");
    let mut child = Command::new(binary)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(facts.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (pathway, _) = compile(&nice_path());
    let plan = interp::run_json(&pathway, &facts).unwrap();
    let expected = format!("{}\n", serde_json::to_string_pretty(&plan).unwrap());
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
    assert!(plan.recommendations.len() > 10, "the example's facts exercise the pathway");
}

/// A small deterministic generator (splitmix64), so the facts are the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Random facts for a pathway: every fact, a random value of its type. Sets are kept small
/// half the time, so that the gates of a pathway (which usually want few features) open.
fn random_facts(pathway: &Pathway, random: &mut Random) -> Value {
    let mut object = serde_json::Map::new();
    for fact in &pathway.facts {
        let value = match fact.ty {
            FactType::Bool => json!(random.below(2) == 1),
            FactType::Enum(e) => {
                let variants = &pathway.enum_(e).variants;
                json!(variants[random.below(variants.len())].node)
            }
            FactType::Set(e) => {
                let variants = &pathway.enum_(e).variants;
                let odds = if random.below(2) == 0 { 2 } else { 6 };
                let members: Vec<&str> = variants
                    .iter()
                    .filter(|_| random.below(odds) == 0)
                    .map(|v| v.node.as_str())
                    .collect();
                json!(members)
            }
            FactType::Number(_) => {
                // One value of each region the pathway's constants cut the range into.
                let size = usize::try_from(domain_size(pathway, fact)).unwrap_or(usize::MAX);
                match nth_value(pathway, fact, random.below(size) as u128) {
                    IrValue::Number(n) => number_json(n),
                    _ => Value::Null,
                }
            }
        };
        let value = if fact.optional && random.below(4) == 0 { Value::Null } else { value };
        object.insert(fact.name.node.clone(), value);
    }
    Value::Object(object)
}

/// Hand-written NICE facts: the main branch, the neurological branch, a diagnosis, a referral,
/// an inconsistent input, and inputs serde must refuse naming the fact.
fn nice_cases() -> Vec<(String, &'static [&'static str])> {
    let base = json!({
        "cancer_history": "current",
        "primary_cancer": "myeloma",
        "primary_cancer_confirmed": true,
        "box1_pain_features": ["mechanical_pain"],
        "neuro_symptoms_or_signs": false,
        "cancer_suspected": false,
        "pain_severity": "severe",
        "pain_associated_with_movement": true,
        "spinal_metastases_confirmed": false,
        "mri_contraindicated": true,
        "recent_ct_available": false,
        "spinal_stability_assessment": "stability_likely",
        "conventional_analgesia_controls_pain": true,
        "admitted_to_hospital": true
    });
    let with = |changes: Value| {
        let mut facts = base.clone();
        for (key, value) in changes.as_object().unwrap() {
            facts[key] = value.clone();
        }
        facts.to_string()
    };
    let without = |key: &str| {
        let mut facts = base.clone();
        facts.as_object_mut().unwrap().remove(key);
        facts.to_string()
    };
    vec![
        (with(json!({})), &[]),
        (with(json!({"neuro_symptoms_or_signs": true})), &[]),
        (
            with(json!({"spinal_metastases_confirmed": true, "primary_cancer": "prostate",
                        "conventional_analgesia_controls_pain": false})),
            &[],
        ),
        (
            with(json!({"cancer_history": "none", "primary_cancer": "none",
                        "cancer_suspected": true})),
            &[],
        ),
        (with(json!({"box1_pain_features": []})), &[]),
        (with(json!({"cancer_history": "none"})), &[]),
        (
            with(json!({"box1_pain_features": ["severe_unremitting_back_pain"],
                        "pain_severity": "mild"})),
            &[],
        ),
        (with(json!({"mystery": true})), &["unknown field `mystery`"]),
        (without("pain_severity"), &["missing field `pain_severity`"]),
        (
            with(json!({"primary_cancer": "melanoma"})),
            &["fact `primary_cancer`", "`melanoma`", "`myeloma`"],
        ),
        (with(json!({"box1_pain_features": ["itch"]})), &["fact `box1_pain_features`", "`itch`"]),
        (with(json!({"admitted_to_hospital": "yes"})), &["fact `admitted_to_hospital`", "boolean"]),
        (
            with(json!({"box1_pain_features": "mechanical_pain"})),
            &["fact `box1_pain_features`", "array"],
        ),
    ]
}

/// The interpreter's answer in the shape the binary prints.
fn interpreter(pathway: &Pathway, facts: &str) -> Value {
    match interp::run_json(pathway, facts) {
        Ok(plan) => json!({ "ok": serde_json::to_string(&plan).unwrap() }),
        Err(error @ FactsError::Inconsistent { .. }) => {
            json!({ "err": serde_json::to_string(&error).unwrap() })
        }
        Err(error) => json!({ "invalid": error.to_string() }),
    }
}

/// The allocations the generated engine makes for a plan of `len` recommendations out of the
/// pathway's `total`: its list starts with room for every recommendation up to 32 (one
/// allocation, a pointer each), then grows as a `Vec` does.
fn plan_allocations(len: usize, total: usize) -> usize {
    let mut capacity = total.min(32);
    let mut allocations = usize::from(capacity > 0);
    for pushed in 0..len {
        if pushed == capacity {
            capacity = if capacity == 0 { 4 } else { capacity * 2 };
            allocations += 1;
        }
    }
    allocations
}

#[test]
fn generated_rust_builds_lints_documents_and_agrees_with_the_interpreter() {
    let dir = scratch_crate();
    let root = dir.path();

    run_cargo(root, &["build", "--offline", "--quiet"]);
    run_cargo(root, &["clippy", "--offline", "--quiet", "--all-targets", "--", "-D", "warnings"]);
    // Private items too: the quoted sentences sit on private constants.
    run_cargo(
        root,
        &["doc", "--offline", "--quiet", "--no-deps", "--lib", "--document-private-items"],
    );
    let doctests = run_cargo(root, &["test", "--offline", "--doc"]);
    assert!(
        doctests.contains("running 0 tests"),
        "no text of the pathway or guideline may become a doctest:\n{doctests}"
    );

    // Every engine on random facts, and the NICE engine on hand-written ones.
    let mut inputs: Vec<(&str, Pathway, String, &[&str])> = Vec::new();
    let mut random = Random(0x00ca_1124);
    for (module, path) in engines() {
        let (pathway, _) = compile(&path);
        for _ in 0..400 {
            let facts = random_facts(&pathway, &mut random).to_string();
            inputs.push((module, pathway.clone(), facts, &[]));
        }
        if module == "nice" {
            for (facts, named) in nice_cases() {
                inputs.push((module, pathway.clone(), facts, named));
            }
        }
    }
    let binary = workspace().join("target/generated-check/debug/engines");
    let mut child =
        Command::new(binary).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let lines: String = inputs.iter().map(|(m, _, f, _)| format!("{m}\t{f}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(lines.as_bytes()).unwrap());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(output.status.success());
    let answers: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(answers.len(), inputs.len());

    let (mut plans, mut refused, mut invalid, mut recommended) = (0, 0, 0, 0);
    for ((module, pathway, facts, named), mut answer) in inputs.iter().zip(answers) {
        let expected = interpreter(pathway, facts);
        let allocations = answer.as_object_mut().unwrap().remove("allocations");
        match (&expected, &answer) {
            (e, a) if e.get("invalid").is_some() && a.get("invalid").is_some() => {
                invalid += 1;
                let message = a["invalid"].as_str().unwrap();
                for part in *named {
                    assert!(message.contains(part), "{module} {facts}: `{message}` lacks `{part}`");
                }
            }
            _ => {
                assert_eq!(answer, expected, "{module} on {facts}");
                let allocations = allocations.and_then(|a| a.as_u64()).unwrap() as usize;
                let made = match answer.get("ok").and_then(Value::as_str) {
                    Some(plan) => {
                        plans += 1;
                        let plan: Value = serde_json::from_str(plan).unwrap();
                        let made = plan["recommendations"].as_array().unwrap().len();
                        recommended += made;
                        made
                    }
                    None => {
                        refused += 1;
                        0
                    }
                };
                assert!(
                    allocations <= plan_allocations(made, pathway.recommendations.len()),
                    "{module} on {facts}: {allocations} allocations for {made} recommendations"
                );
            }
        }
    }
    // The inputs exercised every path: plans with recommendations, refusals, invalid facts.
    assert!(
        plans > 300 && refused > 100 && invalid >= 5 && recommended > 500,
        "{plans} {refused} {invalid} {recommended}"
    );
}
