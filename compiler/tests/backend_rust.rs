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
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/backend_cases/hostile/hostile.pathway");
        let (a, b) = compile(&p);
        ((), a, b)
    };
    let code = backend::rust::generate(&pathway, &analysis, "hostile\n.pathway").unwrap();
    std::fs::write("/tmp/hostile.rs", &code).unwrap();
}
