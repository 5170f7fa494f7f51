//! Fuzz target: the whole compiler on arbitrary bytes. The first byte chooses whether the input
//! is a pathway checked against the NICE guideline, or a pathway and a guideline of its own
//! (split at the first NUL). Property: no panic, and the diagnostics render; libFuzzer's
//! `-timeout` bounds the time.
#![no_main]

use cairn_compiler::compile_source;
use cairn_compiler::driver::{render_human, to_json};
use libfuzzer_sys::fuzz_target;

const NICE_GUIDELINE: &str =
    include_str!("../../../pathways/spinal-metastases/ng234-spinal-metastases-summary.txt");

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let compilation = if mode % 2 == 0 {
        compile_source("fuzz.pathway", &text, NICE_GUIDELINE)
    } else {
        let (pathway, guideline) = text.split_once('\0').unwrap_or((&text, ""));
        compile_source("fuzz.pathway", pathway, guideline)
    };
    let _ = render_human(&compilation.diagnostics, compilation.sources(), 100);
    let _ = to_json(&compilation.diagnostics, compilation.sources());
});
