//! Snapshots of every backend's output: the NICE pathway (Rust, Markdown, DOT and the crate's
//! own files), the pathway that uses every construct of the language, and the pathway full of
//! hostile text. Read them when they change: they are what developers, reviewers and
//! clinicians get.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used)]

mod backend_support;

use backend_support::*;
use cairn_compiler::backend;
use cairn_compiler::backend::cargo::Runtime;

/// Every output of one pathway, snapshotted under `<case>_<output>`.
fn snapshot_all(case: &str, pathway_file: &std::path::Path, source_name: &str) {
    let (pathway, analysis) = compile(pathway_file);
    let rust = backend::rust::generate(&pathway, &analysis, source_name).unwrap();
    insta::assert_snapshot!(format!("{case}_rust"), rust);
    let markdown = backend::markdown::generate(&pathway, &analysis, source_name);
    insta::assert_snapshot!(format!("{case}_markdown"), markdown);
    let dot = backend::dot::generate(&pathway, &analysis, source_name);
    insta::assert_snapshot!(format!("{case}_dot"), dot);
}

#[test]
fn nice_outputs() {
    snapshot_all("nice", &nice_path(), NICE_SOURCE);
}

#[test]
fn constructs_outputs() {
    snapshot_all("constructs", &case_path("constructs"), "constructs.pathway");
}

#[test]
fn hostile_outputs() {
    // The source name is hostile too: it lands in every `@generated` header.
    snapshot_all("hostile", &case_path("hostile"), "hostile\r\n--> */ \u{202E}.pathway");
}

#[test]
fn nice_crate_files() {
    let (pathway, analysis) = nice();
    let runtime = Runtime::Path("/path/to/cairn/runtime".to_string());
    let files = backend::cargo::generate(&pathway, &analysis, NICE_SOURCE, &runtime).unwrap();
    let listing: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(listing, ["Cargo.toml", "src/lib.rs", "src/engine.rs"]);
    // The engine is the Rust backend's output, byte for byte.
    let engine = backend::rust::generate(&pathway, &analysis, NICE_SOURCE).unwrap();
    assert_eq!(files[2].contents, engine);
    insta::assert_snapshot!("nice_crate_cargo_toml", files[0].contents);
    insta::assert_snapshot!("nice_crate_lib_rs", files[1].contents);
    let published = Runtime::Version("0.1".to_string());
    let files = backend::cargo::generate(&pathway, &analysis, NICE_SOURCE, &published).unwrap();
    assert!(files[0].contents.contains("cairn-runtime = \"0.1\"\n"), "{}", files[0].contents);
}

#[test]
fn outputs_are_deterministic() {
    let (pathway, analysis) = nice();
    for _ in 0..3 {
        let (again, again_analysis) = nice();
        assert_eq!(
            backend::rust::generate(&pathway, &analysis, NICE_SOURCE),
            backend::rust::generate(&again, &again_analysis, NICE_SOURCE)
        );
        assert_eq!(
            backend::markdown::generate(&pathway, &analysis, NICE_SOURCE),
            backend::markdown::generate(&again, &again_analysis, NICE_SOURCE)
        );
        assert_eq!(
            backend::dot::generate(&pathway, &analysis, NICE_SOURCE),
            backend::dot::generate(&again, &again_analysis, NICE_SOURCE)
        );
    }
}
