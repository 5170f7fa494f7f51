//! The symbolic engine against its oracle, brute-force enumeration with the interpreter's
//! evaluator: on the NICE pathway and on small pathways, both must give the same counts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use cairn_compiler::analysis::behaviour::BehaviourReport;
use cairn_compiler::analysis::enumerate::{Enumeration, enumerate};
use cairn_compiler::sema::ir::Pathway;

fn nice() -> Pathway {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../pathways/spinal-metastases/spinal-metastases.pathway");
    let compilation = cairn_compiler::compile_file(&path);
    compilation.pathway.expect("the NICE pathway checks")
}

#[test]
fn nice_enumeration_timing() {
    let pathway = nice();
    let start = std::time::Instant::now();
    let found = enumerate(&pathway, u128::MAX).unwrap();
    eprintln!("{:?} {}", start.elapsed(), found.consistent_inputs);
}
