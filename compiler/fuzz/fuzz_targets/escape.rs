//! Fuzz target: escaping of any string into Rust, DOT and Markdown, with the properties of
//! `compiler/tests/escape_support/mod.rs` (shared with the property test in `cargo test`).
#![no_main]

#[path = "../../tests/escape_support/mod.rs"]
mod escape_support;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| escape_support::check_all(text));
