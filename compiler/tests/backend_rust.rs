//! Tests of the Rust backend on the NICE pathway.

mod backend_support;

use backend_support::*;
use cairn_compiler::backend;

#[test]
fn nice_rust_snapshot() {
    let (pathway, analysis) = nice();
    let code = backend::rust::generate(&pathway, &analysis, NICE_SOURCE).unwrap();
    std::fs::write("/tmp/nice.rs", &code).unwrap();
}

#[test]
fn dump_hostile() {
    let (_d, pathway, analysis) = {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/backend_cases/hostile/hostile.pathway");
        let (a, b) = compile(&p);
        ((), a, b)
    };
    let code = backend::rust::generate(&pathway, &analysis, "hostile\n.pathway").unwrap();
    std::fs::write("/tmp/hostile.rs", &code).unwrap();
}

#[test]
fn dump_md() {
    let (pathway, analysis) = nice();
    std::fs::write("/tmp/nice.md", backend::markdown::generate(&pathway, &analysis, NICE_SOURCE)).unwrap();
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/backend_cases/hostile/hostile.pathway");
    let (pathway, analysis) = compile(&p);
    std::fs::write("/tmp/hostile.md", backend::markdown::generate(&pathway, &analysis, "hostile.pathway")).unwrap();
}

#[test]
fn dump_dot() {
    let (pathway, analysis) = nice();
    std::fs::write("/tmp/nice.dot", backend::dot::generate(&pathway, &analysis, NICE_SOURCE)).unwrap();
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/backend_cases/hostile/hostile.pathway");
    let (pathway, analysis) = compile(&p);
    std::fs::write("/tmp/hostile.dot", backend::dot::generate(&pathway, &analysis, "hostile.pathway")).unwrap();
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/backend_cases/constructs/constructs.pathway");
    let (pathway, analysis) = compile(&p);
    std::fs::write("/tmp/constructs.dot", backend::dot::generate(&pathway, &analysis, "constructs.pathway")).unwrap();
}
