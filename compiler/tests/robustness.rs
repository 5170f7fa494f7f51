//! Property tests of the front end on hostile text: `syntax::parse` and a whole compilation
//! (read, parse, segment the guideline, check, analyse, render) never panic, on arbitrary
//! strings, on soups of the language's own tokens, and on random byte edits of the NICE pathway
//! written beside its guideline; and syntax errors never show a raw grammar rule name.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cairn_compiler::driver::{self as diagnostics, Diagnostic};
use cairn_compiler::syntax;
use miette::Diagnostic as _;
use proptest::prelude::*;

const NICE: &str = include_str!("../../pathways/spinal-metastases/spinal-metastases.pathway");
const NICE_GUIDELINE: &str =
    include_str!("../../pathways/spinal-metastases/ng234-spinal-metastases-summary.txt");
const GUIDELINE_NAME: &str = "ng234-spinal-metastases-summary.txt";

/// Grammar rule names that cannot be mistaken for English: `EOI`, `fact_decl`, `op_and`, ...
fn raw_rule_names() -> Vec<String> {
    syntax::rule_names()
        .into_iter()
        .map(|(raw, _)| raw)
        .filter(|raw| raw.contains('_') || raw.chars().all(|c| c.is_ascii_uppercase()))
        .collect()
}

/// Fails when a syntax diagnostic shows a raw rule name in its message, label or help.
fn assert_said_in_words(errors: &[syntax::SyntaxError], source: &str) {
    let raw = raw_rule_names();
    for error in errors {
        let mut texts = vec![error.to_string()];
        texts.extend(error.help().map(|h| h.to_string()));
        texts.extend(
            error.labels().into_iter().flatten().filter_map(|l| l.label().map(str::to_string)),
        );
        for text in texts {
            // Words the author wrote are quoted back; only the compiler's own words count.
            if raw.iter().any(|name| source.contains(name.as_str())) {
                continue;
            }
            for name in &raw {
                assert!(
                    !text
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .any(|w| w == name),
                    "raw rule name `{name}` in a syntax error: {text}"
                );
            }
        }
    }
}

/// Compiles `pathway` written beside the NICE guideline and renders every diagnostic both ways.
fn compile_beside_guideline(pathway: &[u8]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(GUIDELINE_NAME), NICE_GUIDELINE).unwrap();
    let path = dir.path().join("input.pathway");
    std::fs::write(&path, pathway).unwrap();
    let compilation = cairn_compiler::compile_file(&path);
    let human = diagnostics::render_human(&compilation.diagnostics, compilation.sources(), 100);
    let json = diagnostics::to_json(&compilation.diagnostics, compilation.sources());
    assert_eq!(json.len(), compilation.diagnostics.len());
    assert!(human.ends_with('\n'));
    for diagnostic in &compilation.diagnostics {
        assert!(!diagnostic.code_string().is_empty(), "a diagnostic without a code: {diagnostic}");
    }
    // A file that does not compile says why, with at least one error.
    if compilation.pathway.is_none() {
        assert!(compilation.has_errors(), "no pathway and no error for {:?}", path);
    }
    compilation.diagnostics
}

/// Applies edits to bytes: each is (what, where, byte); positions wrap around the length.
fn mutate(original: &str, edits: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut bytes = original.as_bytes().to_vec();
    for &(kind, at, byte) in edits {
        let at = if bytes.is_empty() { 0 } else { at % (bytes.len() + 1) };
        match kind % 3 {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, byte),
            _ if at < bytes.len() => bytes[at] = byte,
            _ => bytes.push(byte),
        }
    }
    bytes
}

/// Bytes worth inserting: the language's punctuation, letters, line ends, a NUL, a non-UTF-8
/// byte and the first byte of a multi-byte character.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        8 => prop::sample::select(b"(){}:,\"\\=!. \n/_aeinorstwy0159".to_vec()),
        1 => Just(0u8),
        1 => Just(0xFFu8),
        1 => Just(0xC3u8),
        1 => any::<u8>(),
    ]
}

/// Soups of the language's words and symbols, so the parser gets past its first token.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "pathway",
        "enum",
        "fact",
        "constraint",
        "condition",
        "xref",
        "recommend",
        "informational",
        "because",
        "title",
        "guideline",
        "bool",
        "set",
        "of",
        "and",
        "or",
        "not",
        "implies",
        "iff",
        "in",
        "is",
        "empty",
        "true",
        "false",
        "when",
        "cites",
        "see",
        "dose",
        "within",
        "do",
        "offer",
        "consider",
        "urgent",
        "immediately",
        "url",
        "mg",
        "hours",
        "a",
        "b",
        "x_1",
        "16",
        "0.5",
        "{",
        "}",
        "(",
        ")",
        ":",
        ",",
        "==",
        "!=",
        "=",
        "\"",
        "\"text\"",
        "\"\\u{D800}\"",
        "\\",
        "//",
        "\n",
        " ",
        "...",
    ]);
    prop::collection::vec(token, 0..80).prop_map(|tokens| tokens.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in any::<String>()) {
        if let Err(errors) = syntax::parse(&text) {
            prop_assert!(!errors.is_empty());
            assert_said_in_words(&errors, &text);
        }
    }

    #[test]
    fn parse_never_panics_on_token_soup(text in token_soup()) {
        if let Err(errors) = syntax::parse(&text) {
            prop_assert!(!errors.is_empty());
            assert_said_in_words(&errors, &text);
        }
    }
}

proptest! {
    // Each case compiles the whole NICE pathway, analyses included: fewer cases.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn compiling_a_mutated_nice_pathway_never_panics(
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), interesting_byte()), 1..8)
    ) {
        let bytes = mutate(NICE, &edits);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Err(errors) = syntax::parse(&text) {
            assert_said_in_words(&errors, &text);
        }
        compile_beside_guideline(&bytes);
    }

    #[test]
    fn compiling_token_soup_beside_a_header_never_panics(soup in token_soup()) {
        let text = format!(
            "pathway p {{\n  title \"t\"\n  guideline \"{GUIDELINE_NAME}\"\n}}\n{soup}\n"
        );
        compile_beside_guideline(text.as_bytes());
    }
}

#[test]
fn the_check_for_raw_rule_names_knows_them() {
    let raw = raw_rule_names();
    assert!(raw.iter().any(|name| name == "EOI"), "{raw:?}");
    assert!(raw.iter().any(|name| name == "fact_decl"), "{raw:?}");
    assert!(!raw.iter().any(|name| name == "string"), "{raw:?}");
}

#[test]
fn the_nice_pathway_compiles_cleanly_through_the_same_helper() {
    // The helper above is only a fair test if the unmutated pathway passes through it clean.
    let diagnostics = compile_beside_guideline(NICE.as_bytes());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn the_deepest_nesting_allowed_parses_on_a_test_thread() {
    // Test threads have small stacks; 64 levels of every kind of nesting must still fit.
    let depth = 64;
    let mut expr = "a".to_string();
    for i in 0..depth {
        expr = match i % 4 {
            0 => format!("(not {expr} implies a)"),
            1 => format!("(a iff {expr} or a)"),
            2 => format!("({expr} and a == b)"),
            _ => format!("(x in {{ a, b }} or {expr} is not empty)"),
        };
    }
    let source = format!("condition c: {expr}\n");
    let parsed = syntax::parse(&source);
    assert!(parsed.is_ok(), "{:?}", parsed.err());
    let too_deep = format!("condition c: ({expr})\n");
    assert!(syntax::parse(&too_deep).is_err());
}
