//! Property tests of escaping: the fuzz target's properties (`escape_support/mod.rs`) on strings
//! drawn by proptest, biased towards the characters that matter to Rust, DOT and Markdown, so
//! `cargo test` checks them on every change.

mod escape_support;

use proptest::prelude::*;

/// Characters every escape must handle: quotes, backslashes, Markdown and DOT syntax, line
/// breaks, controls, bidirectional and zero-width marks, and ordinary text.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '"', '\\', '\'', '`', '*', '_', '[', ']', '(', ')', '<', '>', '|', '~', '#', '!', '{',
            '}', '&', ';', ':', '/', '-', '+', '=', '.', '1', ' ', '\n', '\r', '\t', '\0',
            '\u{7}', '\u{1b}', '\u{202E}', '\u{200B}', '\u{FEFF}', '\u{2028}', 'N', 'G', 'l',
        ]),
        1 => any::<char>(),
        2 => prop::char::range('a', 'z'),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_string_survives_escaping(chars in prop::collection::vec(hostile_char(), 0..60)) {
        let text: String = chars.into_iter().collect();
        escape_support::check_all(&text);
    }
}

#[test]
fn the_fuzzers_finds_stay_fixed() {
    // Each input once broke a property (see compiler/fuzz/README.md).
    for text in ["\u{4}\0\0\0", "+\n+\n+\n+\n             *\u{9e}", "1. a", "- b", "==="] {
        escape_support::check_all(text);
    }
}
