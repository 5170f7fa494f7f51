//! Pathways that check but cannot become Rust: names that collide after case conversion, names
//! the generated code already uses, names that are no Rust name at all, too many explanations,
//! too large a set. Each is a diagnostic with a code, pointing at the name; all of a pathway's
//! problems are reported together. Snapshots show the source and the diagnostics.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backend_support;

use backend_support::*;
use cairn_compiler::backend;
use cairn_compiler::driver::{Diagnostic, Sources, render_human};

const GUIDELINE: &str = "Offer tea to everyone.\n";

const HEADER: &str = r#"pathway errors {
  title "Backend errors"
  guideline "guideline.txt"
}
"#;

/// The rendered diagnostics of generating Rust for `body` (after the header).
fn rust_errors(body: &str) -> String {
    let source = format!("{HEADER}{body}");
    let (_dir, pathway, analysis) = compile_text(&source, GUIDELINE);
    let errors = backend::rust::generate(&pathway, &analysis, "errors.pathway").unwrap_err();
    let diagnostics: Vec<Diagnostic> = errors.into_iter().map(Diagnostic::from).collect();
    let sources = Sources { pathway: ("errors.pathway", &source), guideline: None };
    format!("{body}\n----\n{}", render_human(&diagnostics, sources, 100))
}

#[test]
fn names_that_collide_after_case_conversion() {
    insta::assert_snapshot!(rust_errors(
        r#"enum pain_kind { mild, Mild }
enum PainKind { a, b }
fact pain: pain_kind
fact other: PainKind
fact mri: bool
fact MRI: bool
recommend tea: offer "Offer tea" when mri and MRI and pain == mild and other == a
  cites "Offer tea to everyone."
recommend tea_why: offer "Offer tea" when mri
"#
    ));
}

#[test]
fn names_the_generated_code_uses() {
    insta::assert_snapshot!(rust_errors(
        r#"enum facts { a, b }
enum result { a, b }
fact x: facts
fact y: result
condition recommendations: x == a and y == b
recommend pathway: offer "Offer tea" when recommendations
  cites "Offer tea to everyone."
"#
    ));
}

#[test]
fn names_that_are_no_rust_name() {
    insta::assert_snapshot!(rust_errors(
        r#"enum kind { self_, other }
fact k: kind
fact SELF: bool
condition Crate: k == other and SELF
recommend tea: offer "Offer tea" when Crate
  cites "Offer tea to everyone."
"#
    ));
}

#[test]
fn too_many_explanations() {
    insta::assert_snapshot!(rust_errors(
        r#"fact a: bool
fact b: bool
fact c: bool
fact d: bool
fact e: bool
fact f: bool
fact g: bool
recommend tea: offer "Offer tea"
  when (a or b) and (b or c) and (c or d) and (d or e) and (e or f) and (f or g) and (g or a)
  cites "Offer tea to everyone."
"#
    ));
}

#[test]
fn a_crate_cannot_take_a_reserved_or_keyword_name() {
    for (name, code) in
        [("test", "cairn::backend::reserved_name"), ("type", "cairn::backend::invalid_identifier")]
    {
        let source = format!(
            "pathway {name} {{\n  title \"t\"\n  guideline \"guideline.txt\"\n}}\nfact a: bool\nrecommend tea: offer \"Offer tea\" when a\n  cites \"Offer tea to everyone.\"\n"
        );
        let (_dir, pathway, analysis) = compile_text(&source, GUIDELINE);
        let runtime = backend::cargo::Runtime::Version("0.1".into());
        let errors =
            backend::cargo::generate(&pathway, &analysis, "x.pathway", &runtime).unwrap_err();
        let codes: Vec<String> =
            errors.into_iter().map(|e| Diagnostic::from(e).code_string()).collect();
        assert_eq!(codes, [code], "{name}");
        // The module itself is fine: only the crate's name is at fault.
        assert!(backend::rust::generate(&pathway, &analysis, "x.pathway").is_ok());
    }
}
