//! Fuzz target: the guideline segmenter. Properties: no panic; every statement is non-empty,
//! already normalised, and its span lies inside the input on character boundaries; ids are
//! unique.
#![no_main]

use std::collections::HashSet;

use cairn_compiler::guideline::{normalise, segment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(guideline) = segment(text) else { return };
    let mut ids = HashSet::new();
    for statement in &guideline.statements {
        assert!(!statement.text.is_empty());
        assert_eq!(normalise(&statement.text), statement.text);
        assert!(text.get(statement.span.clone()).is_some(), "span off a char boundary");
        assert!(ids.insert(statement.id.clone()), "duplicate id {}", statement.id);
    }
});
