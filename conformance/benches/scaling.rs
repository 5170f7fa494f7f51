//! The compiler's scaling benchmark (divan): synthetic pathways of N = 100, 1,000 and 10,000
//! recommendations and guideline statements over 300 facts (`cairn_conformance::synthetic`),
//! through `cairn check` (read, parse, check, segment, every analysis), coverage, the
//! behaviour analysis of `cairn analyse`, and every backend (Rust engine, Markdown document,
//! Graphviz flowchart). `cargo bench -p cairn-conformance --bench scaling`; results and the
//! growth per 10x in `conformance/BENCHMARKS.md`.

// Allowed: a bench binary, whose items are not an API and whose setup fails loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use cairn_compiler::Compilation;
use cairn_compiler::analysis::{self, behaviour, coverage};
use cairn_compiler::backend::{dot, markdown, rust};
use cairn_conformance::synthetic;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn main() {
    divan::main();
    // The synthetic files were written for this run only.
    for n in SIZES {
        let _ = std::fs::remove_dir_all(folder(n));
    }
}

/// Where the synthetic pathway of `n` recommendations is written for this run.
fn folder(n: usize) -> PathBuf {
    std::env::temp_dir().join(format!("cairn-scaling-{}-{n}", std::process::id()))
}

/// The synthetic pathway of `n` recommendations, written to a temporary folder once.
fn file(n: usize) -> PathBuf {
    let folder = folder(n);
    let file = folder.join("synthetic.pathway");
    if !file.exists() {
        synthetic::generate(n).write(&folder).unwrap();
    }
    file
}

/// The checked compilation of `n`, built once per size (leaked: it lives for the whole run).
fn compiled(n: usize) -> &'static Compilation {
    static CACHE: OnceLock<Mutex<BTreeMap<usize, &'static Compilation>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(BTreeMap::new()));
    let mut cache = cache.lock().unwrap();
    cache.entry(n).or_insert_with(|| {
        let compilation = cairn_compiler::compile_file(&file(n));
        assert!(compilation.checked().is_some(), "the synthetic pathway of {n} checks");
        Box::leak(Box::new(compilation))
    })
}

/// `cairn check` without printing: read, parse, check, segment the guideline, every analysis.
#[divan::bench(args = SIZES, sample_count = 7, sample_size = 1)]
fn check(n: usize) {
    let file = file(n);
    black_box(cairn_compiler::compile_file(black_box(&file)));
}

/// Every analysis (`analysis::analyse`), the part of `check` after the front end.
#[divan::bench(args = SIZES, sample_count = 7, sample_size = 1)]
fn analyse_all(bencher: divan::Bencher, n: usize) {
    let pathway = compiled(n).checked().unwrap().0;
    bencher.bench(|| black_box(analysis::analyse(black_box(pathway))));
}

/// Guideline coverage (`cairn coverage`'s report).
#[divan::bench(args = SIZES, sample_count = 7)]
fn coverage_report(bencher: divan::Bencher, n: usize) {
    let pathway = compiled(n).checked().unwrap().0;
    bencher.bench(|| black_box(coverage::coverage(black_box(pathway))));
}

/// The behaviour analysis of `cairn analyse` (the symbolic engine: reach, overlaps, scopes,
/// assertions).
#[divan::bench(args = SIZES, sample_count = 7, sample_size = 1)]
fn behaviour_analysis(bencher: divan::Bencher, n: usize) {
    let pathway = compiled(n).checked().unwrap().0;
    bencher.bench(|| black_box(behaviour::behaviour(black_box(pathway))));
}

/// The Rust engine backend.
#[divan::bench(args = SIZES, sample_count = 7)]
fn backend_rust(bencher: divan::Bencher, n: usize) {
    let (pathway, analysis) = compiled(n).checked().unwrap();
    bencher.bench(|| black_box(rust::generate(pathway, analysis, "synthetic.pathway")));
}

/// The Markdown document backend.
#[divan::bench(args = SIZES, sample_count = 7)]
fn backend_markdown(bencher: divan::Bencher, n: usize) {
    let (pathway, analysis) = compiled(n).checked().unwrap();
    bencher.bench(|| black_box(markdown::generate(pathway, analysis, "synthetic.pathway")));
}

/// The Graphviz flowchart backend.
#[divan::bench(args = SIZES, sample_count = 7)]
fn backend_dot(bencher: divan::Bencher, n: usize) {
    let (pathway, analysis) = compiled(n).checked().unwrap();
    bencher.bench(|| black_box(dot::generate(pathway, analysis, "synthetic.pathway")));
}
