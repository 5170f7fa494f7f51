//! The language reference (`grammar/REFERENCE.md`) keeps up with the grammar: every keyword of
//! `grammar/pathway.pest` must appear in it as code (inside backticks), so a construct added to
//! the language without an entry fails here.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The quoted words of letters in the pest grammar's rules: the language's keywords.
fn grammar_keywords() -> BTreeSet<String> {
    let pest = std::fs::read_to_string(root().join("grammar/pathway.pest")).unwrap();
    let mut keywords = BTreeSet::new();
    for line in pest.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, part) in line.split('"').enumerate() {
            if i % 2 == 1 && part.len() > 1 && part.chars().all(|c| c.is_ascii_lowercase()) {
                keywords.insert(part.to_string());
            }
        }
    }
    keywords
}

/// The words inside code spans and code blocks of a Markdown text (a code span may run over a
/// line break, as in a wrapped list item).
fn code_words(markdown: &str) -> BTreeSet<String> {
    let mut code = String::new();
    let mut prose = String::new();
    let mut in_block = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
        } else if in_block {
            code.push_str(line);
            code.push('\n');
        } else {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    for span in prose.split('`').skip(1).step_by(2) {
        code.push_str(span);
        code.push('\n');
    }
    code.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_keyword_of_the_grammar_has_an_entry() {
    let keywords = grammar_keywords();
    assert!(keywords.len() > 40, "read only {} keywords from the grammar", keywords.len());
    let reference = std::fs::read_to_string(root().join("grammar/REFERENCE.md")).unwrap();
    let documented = code_words(&reference);
    let missing: Vec<&String> = keywords.iter().filter(|k| !documented.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "keywords of the grammar missing from grammar/REFERENCE.md: {missing:?}"
    );
}

#[test]
fn the_reference_is_linked_from_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("(grammar/REFERENCE.md)"), "README.md does not link the reference");
}
