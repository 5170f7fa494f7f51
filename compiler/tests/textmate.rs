//! The TextMate grammar (`grammar/pathway.tmLanguage.json`) as an editor runs it: files are
//! tokenised by vscode-textmate on vscode-oniguruma, the engine of VS Code, through
//! `grammar/textmate/tokenize.mjs`, and the scopes of keywords, strengths, timings, strings,
//! numbers with units and comments are checked on the NICE pathway and on a file that uses every
//! construct. A second test holds the TextMate grammar to the pest grammar: every keyword the
//! language has must be highlighted.
//!
//! The engine comes from npm: `.ci/run` installs it into `target/textmate` (or set
//! `CAIRN_TEXTMATE_MODULES` to a folder whose `node_modules` has both packages). Without it the
//! test fails under CI and, elsewhere, says loudly that it did not run.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// One token as the engine saw it.
#[derive(Debug, Deserialize)]
struct Token {
    line: usize,
    text: String,
    scopes: Vec<String>,
}

impl Token {
    fn has(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// The folder holding the engine's `node_modules`, or `None` (with a loud message) when it is
/// not installed outside CI.
fn engine() -> Option<PathBuf> {
    let modules = std::env::var_os("CAIRN_TEXTMATE_MODULES")
        .map_or_else(|| root().join("target/textmate"), PathBuf::from);
    let installed = modules.join("node_modules/vscode-textmate").is_dir()
        && modules.join("node_modules/vscode-oniguruma").is_dir();
    if installed {
        return Some(modules);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the TextMate engine is not installed in {}: .ci/run installs it",
        modules.display()
    );
    eprintln!(
        "SKIPPED: the TextMate engine is not in {}; install it with \
         `npm install --no-package-lock --prefix target/textmate vscode-textmate@9 vscode-oniguruma@2`",
        modules.display()
    );
    None
}

/// Tokenises `file` with the committed grammar.
fn tokenise(modules: &Path, file: &Path) -> Vec<Token> {
    let output = Command::new("node")
        .arg(root().join("grammar/textmate/tokenize.mjs"))
        .arg(modules)
        .arg(root().join("grammar/pathway.tmLanguage.json"))
        .arg(file)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut files: std::collections::BTreeMap<String, Vec<Token>> =
        serde_json::from_slice(&output.stdout).unwrap();
    files.pop_first().unwrap().1
}

/// The tokens of `line` (1-based) whose text is `text`.
fn at<'t>(tokens: &'t [Token], line: usize, text: &str) -> Vec<&'t Token> {
    tokens.iter().filter(|t| t.line == line && t.text.trim() == text).collect()
}

/// Asserts that the token `text` on `line` has `scope`.
fn assert_scope(tokens: &[Token], line: usize, text: &str, scope: &str) {
    let found = at(tokens, line, text);
    assert!(!found.is_empty(), "no token `{text}` on line {line}");
    for token in found {
        assert!(token.has(scope), "`{text}` on line {line} is {:?}, not {scope}", token.scopes);
    }
}

#[test]
fn the_nice_pathway_is_highlighted() {
    let Some(modules) = engine() else { return };
    let path = root().join("pathways/spinal-metastases/spinal-metastases.pathway");
    let source = std::fs::read_to_string(&path).unwrap();
    let tokens = tokenise(&modules, &path);
    let mut checked = BTreeSet::new();
    for (index, line) in source.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim_start();
        // Comments, whole.
        if trimmed.starts_with("//") {
            let rest = trimmed.trim_start_matches("//").trim();
            if !rest.is_empty() {
                assert_scope(&tokens, number, rest, "comment.line.double-slash.pathway");
            }
            checked.insert("comment");
            continue;
        }
        // Declarations and the names they declare.
        let mut words = trimmed.split(|c: char| !(c.is_alphanumeric() || c == '_'));
        let first = words.next().unwrap_or("");
        if ["pathway", "enum", "fact", "constraint", "condition", "recommend", "xref", "assert"]
            .contains(&first)
        {
            assert_scope(&tokens, number, first, "keyword.declaration.pathway");
            let name = words.find(|w| !w.is_empty()).unwrap();
            assert_scope(&tokens, number, name, "entity.name.pathway");
            checked.insert("declaration");
        }
        // The strength after `recommend id:`.
        if first == "recommend" {
            let after = line.split_once(':').unwrap().1.trim_start();
            let strength = [
                "do not offer",
                "do not consider",
                "do not",
                "do",
                "offer",
                "consider",
                "ensure",
                "refer",
            ]
            .into_iter()
            .find(|s| after.starts_with(s))
            .unwrap_or_else(|| panic!("no strength on line {number}: {line}"));
            assert_scope(&tokens, number, strength, "keyword.other.strength.pathway");
            checked.insert("strength");
        }
        // Every quoted string's body (lines with escaped quotes are left to the other test).
        for (i, part) in line.split('"').enumerate().filter(|_| !line.contains("\\\"")) {
            if i % 2 == 1 && !part.is_empty() && !part.contains('\\') {
                assert_scope(&tokens, number, part, "string.quoted.double.pathway");
                checked.insert("string");
            }
        }
        // Timings, doses, numbers with units.
        if trimmed == "within 1 week" || trimmed == "within 24 hours" {
            let mut parts = trimmed.split(' ');
            assert_scope(&tokens, number, parts.next().unwrap(), "keyword.other.timing.pathway");
            assert_scope(&tokens, number, parts.next().unwrap(), "constant.numeric.pathway");
            assert_scope(&tokens, number, parts.next().unwrap(), "keyword.other.unit.pathway");
            checked.insert("timing");
        }
        if trimmed == "as soon as possible" || trimmed == "immediately" {
            assert_scope(&tokens, number, trimmed, "keyword.other.timing.pathway");
        }
        if trimmed.starts_with("dose 16 mg") {
            assert_scope(&tokens, number, "dose", "keyword.other.clause.pathway");
            assert_scope(&tokens, number, "16", "constant.numeric.pathway");
            assert_scope(&tokens, number, "mg", "keyword.other.unit.pathway");
            checked.insert("dose");
        }
        for operator in ["and", "or", "not", "implies", "iff", "is not empty"] {
            if trimmed.starts_with("when") && line.contains(&format!(" {operator} ")) {
                assert_scope(&tokens, number, operator, "keyword.operator.word.pathway");
                checked.insert("operator");
            }
        }
    }
    let expected = ["comment", "declaration", "strength", "string", "timing", "dose", "operator"];
    assert_eq!(checked, expected.into_iter().collect(), "the NICE pathway exercised too little");
}

/// A file with every construct of the language, highlighted as an author expects.
const EVERY_CONSTRUCT: &str = r#"pathway demo {
  title "Demo"
}
fact age: whole years in 0 to 130 "Age"
fact urea: optional decimal mmol/L in 0 to 100
score crb65 "CRB65": new_confusion, 1.5 for age >= 65
condition high "high": 3 <= crb65 <= 4 or urea is known and urea > 7 mmol/L
recommend amoxicillin: offer "Offer amoxicillin"
  dose "amoxicillin" oral: 500 mg three times a day for 5 days, then 250 mg twice a day for 2 days
  after 3 to 5 days
  when adult and not high
together pair "why": a, b with c
informational "A \"quoted\" title" because "a heading"
"#;

#[test]
fn every_construct_is_highlighted() {
    let Some(modules) = engine() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.pathway");
    std::fs::write(&path, EVERY_CONSTRUCT).unwrap();
    let tokens = tokenise(&modules, &path);
    let expect = [
        (4, "whole", "storage.type.pathway"),
        (4, "years", "keyword.other.unit.pathway"),
        (4, "0", "constant.numeric.pathway"),
        (4, "130", "constant.numeric.pathway"),
        (5, "optional", "storage.modifier.pathway"),
        (5, "mmol/L", "keyword.other.unit.pathway"),
        (6, "score", "keyword.declaration.pathway"),
        (6, "crb65", "entity.name.pathway"),
        (6, "1.5", "constant.numeric.pathway"),
        (6, "for", "keyword.other.clause.pathway"),
        (6, ">=", "keyword.operator.comparison.pathway"),
        (7, "<=", "keyword.operator.comparison.pathway"),
        (7, "is known", "keyword.operator.word.pathway"),
        (7, "7", "constant.numeric.pathway"),
        (7, "mmol/L", "keyword.other.unit.pathway"),
        (8, "offer", "keyword.other.strength.pathway"),
        (9, "oral", "support.constant.route.pathway"),
        (9, "500", "constant.numeric.pathway"),
        (9, "mg", "keyword.other.unit.pathway"),
        (9, "three times a day", "keyword.other.schedule.pathway"),
        (9, "then", "keyword.other.schedule.pathway"),
        (10, "after", "keyword.other.timing.pathway"),
        (10, "to", "keyword.other.timing.pathway"),
        (10, "days", "keyword.other.unit.pathway"),
        (12, "together", "keyword.declaration.pathway"),
        (12, "with", "keyword.other.clause.pathway"),
        (13, "informational", "keyword.declaration.pathway"),
        (13, "because", "keyword.other.clause.pathway"),
        (13, "\\\"", "constant.character.escape.pathway"),
    ];
    for (line, text, scope) in expect {
        assert_scope(&tokens, line, text, scope);
    }
    // A name is a name, not a keyword, even when it starts like one.
    assert_scope(&tokens, 11, "adult", "variable.other.pathway");
}

/// Every word the pest grammar reads as a keyword (quoted words of letters in its rules) is
/// highlighted by the TextMate grammar: a keyword added to the language without highlighting
/// fails here.
#[test]
fn every_keyword_of_the_grammar_is_highlighted() {
    let pest = std::fs::read_to_string(root().join("grammar/pathway.pest")).unwrap();
    let textmate = std::fs::read_to_string(root().join("grammar/pathway.tmLanguage.json")).unwrap();
    // The words of the TextMate patterns, with the regex escapes `\\b`, `\\s` taken out.
    let cleaned = textmate.replace("\\\\b", " ").replace("\\\\s", " ");
    let highlighted: BTreeSet<&str> =
        cleaned.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).collect();
    let mut keywords = BTreeSet::new();
    for line in pest.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, part) in line.split('"').enumerate() {
            if i % 2 == 1 && part.len() > 1 && part.chars().all(|c| c.is_ascii_lowercase()) {
                keywords.insert(part.to_string());
            }
        }
    }
    assert!(keywords.len() > 40, "read only {} keywords from the pest grammar", keywords.len());
    let missing: Vec<&String> =
        keywords.iter().filter(|word| !highlighted.contains(word.as_str())).collect();
    assert!(missing.is_empty(), "keywords without highlighting: {missing:?}");
}
