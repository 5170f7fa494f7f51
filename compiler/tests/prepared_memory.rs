//! Memory of the prepared interpreter (`interp::Prepared`), measured with a counting global
//! allocator: an editor or a service prepares every edited version of a pathway, so preparing,
//! running and dropping 1,000 edited versions of the NICE pathway in one process must leave
//! the heap where it started. Plans borrow from their `Prepared`, which frees everything it
//! built when dropped; nothing is kept for the rest of the process.
//!
//! This file is its own test binary, with its own `#[global_allocator]`, and holds one test,
//! so no other test allocates while it counts.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a test: a broken expectation is the failure it reports"
)]

use std::alloc::System;
use std::fs;
use std::path::Path;

use cairn_compiler::compile_source;
use cairn_compiler::interp::Prepared;
use cairn_compiler::ir::Pathway;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Facts of a person in the main branch, for whom the NICE pathway makes a plan.
const FACTS: &str = r#"{
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
}"#;

/// The bytes the heap holds now, by the allocator's count since `region` began (a
/// reallocation is counted in the allocated or deallocated bytes by its difference).
fn live(region: &Region<'_, System>) -> isize {
    let change = region.change();
    change.bytes_allocated as isize - change.bytes_deallocated as isize
}

/// Edit `i` of the pathway: every recommendation's display text carries the edit's number, so
/// each version's plan data is new text (a cache of earlier texts would not help). The edit is
/// made on the checked pathway, as an editor's next version would be checked: compiling the
/// NICE pathway (with its analyses) 1,000 times would take minutes in a debug build.
fn edited(pathway: &Pathway, i: usize) -> Pathway {
    let mut edited = pathway.clone();
    for rec in &mut edited.recommendations {
        rec.text = format!("(edit {i}) {}", rec.text);
    }
    edited
}

/// Prepares edit `i`, makes a plan and drops it all; returns the bytes the `Prepared` and its
/// plan held on top of the edited pathway.
fn prepare_and_run(pathway: &Pathway, i: usize, region: &Region<'_, System>) -> isize {
    let version = edited(pathway, i);
    let before = live(region);
    let prepared = Prepared::new(&version);
    let plan = prepared.run_json(FACTS).expect("the facts are consistent");
    let json = serde_json::to_string(&plan).expect("a plan serialises");
    assert!(json.contains(&format!("(edit {i})")), "{json}");
    live(region) - before
}

#[test]
fn preparing_a_thousand_edited_versions_returns_memory_to_its_baseline() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../pathways/spinal-metastases");
    let source = fs::read_to_string(folder.join("spinal-metastases.pathway")).unwrap();
    let guideline = fs::read_to_string(folder.join("ng234-spinal-metastases-summary.txt")).unwrap();
    let compilation = compile_source("spinal-metastases.pathway", &source, &guideline);
    let (pathway, _) = compilation.checked().expect("the NICE pathway checks");
    let region = Region::new(GLOBAL);
    // The first version warms whatever is built once per process.
    let held_by_one = prepare_and_run(pathway, 0, &region);
    let baseline = live(&region);
    for i in 1..=1_000 {
        prepare_and_run(pathway, i, &region);
    }
    let grown = live(&region) - baseline;
    eprintln!(
        "one Prepared with its plan holds {held_by_one} bytes; after 1,000 more versions the heap \
         is {grown} bytes above its baseline"
    );
    // What one version holds is tens of kilobytes, so keeping even a little of each version
    // (as the leaked plan data did) would be megabytes after 1,000.
    assert!(held_by_one > 10_000, "a Prepared holds only {held_by_one} bytes: is it counted?");
    assert!(grown <= 0, "the heap grew by {grown} bytes over 1,000 prepared versions");
}
