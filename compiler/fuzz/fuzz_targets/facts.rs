//! Fuzz target: facts JSON through validation and evaluation in the interpreter, on the NICE
//! pathway. Properties: no panic; a plan is produced only for facts that name every fact once;
//! the prepared interpreter (`cairn run --batch`) gives the same plan or error, byte for byte.
#![no_main]

use std::sync::LazyLock;

use cairn_compiler::compile_source;
use cairn_compiler::interp::{Prepared, run_json};
use cairn_compiler::ir::Pathway;
use libfuzzer_sys::fuzz_target;

const NICE_PATHWAY: &str =
    include_str!("../../../pathways/spinal-metastases/spinal-metastases.pathway");
const NICE_GUIDELINE: &str =
    include_str!("../../../pathways/spinal-metastases/ng234-spinal-metastases-summary.txt");

static PATHWAY: LazyLock<Pathway> = LazyLock::new(|| {
    let compilation = compile_source("spinal-metastases.pathway", NICE_PATHWAY, NICE_GUIDELINE);
    match compilation.checked() {
        Some((pathway, _)) => pathway.clone(),
        None => panic!("the NICE pathway does not check: {:?}", compilation.diagnostics),
    }
});

static PREPARED: LazyLock<Prepared<'static>> = LazyLock::new(|| Prepared::new(&PATHWAY));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let plain = run_json(&PATHWAY, text);
    if let Ok(plan) = &plain {
        assert_eq!(plan.pathway, "spinal_metastases");
        assert!(plan.recommendations.len() <= PATHWAY.recommendations.len());
    }
    let prepared = PREPARED.run_json(text);
    assert_eq!(
        serde_json::to_string(&prepared).ok(),
        serde_json::to_string(&plain).ok(),
        "the prepared interpreter differs on {text}"
    );
});
