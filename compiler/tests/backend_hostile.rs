//! Hostile text stays inert in every output: the pathway `tests/backend_cases/hostile` puts
//! quotes, backslashes, a bare CR, line feeds, right-to-left overrides, template syntax, HTML,
//! DOT's `\N` and `\"`, Markdown pipes, backticks and fences, `javascript:` links and indented
//! lines into every string of the pathway and the guideline. (That its Rust compiles and its
//! docs build is checked by `backend_rust_compiles`.) The same checks run on the NICE pathway
//! and on the pathway that uses every construct.
//!
//! Rendering needs Graphviz's `dot` (CI installs it; locally `apt-get install graphviz`).

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backend_support;

use std::io::Write as _;
use std::process::{Command, Stdio};

use backend_support::*;
use cairn_compiler::backend;

/// Every test pathway with its name.
fn cases() -> Vec<(&'static str, std::path::PathBuf)> {
    vec![
        ("nice", nice_path()),
        ("constructs", case_path("constructs")),
        ("hostile", case_path("hostile")),
    ]
}

/// Characters that must never reach an output raw: they reorder or hide text.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Renders DOT with Graphviz; returns the SVG and what `dot` printed on stderr.
fn render(dot: &str) -> (String, String) {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.unwrap_or_else(|e| {
        panic!("Graphviz's `dot` is needed to render the flowcharts ({e}); install graphviz")
    });
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "dot failed: {}", String::from_utf8_lossy(&output.stderr));
    (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn dot_renders_without_a_warning_and_keeps_text_literal() {
    for (case, path) in cases() {
        let (pathway, analysis) = compile(&path);
        let dot = backend::dot::generate(&pathway, &analysis, "test.pathway");
        assert!(!dot.chars().any(is_invisible), "{case}: an invisible control reached the DOT");
        let (svg, warnings) = render(&dot);
        assert_eq!(warnings, "", "{case}: Graphviz warned");
        assert!(!svg.chars().any(is_invisible), "{case}: an invisible control reached the SVG");
        assert!(!svg.contains("javascript:"), "{case}: a `javascript:` address reached the SVG");
        if case == "hostile" {
            // `\N` and `\G` would be the node's and the graph's names, had Graphviz read them.
            assert!(svg.contains("Consider \\N \\&quot; \\l \\G"), "{svg}");
            assert!(svg.contains("&lt;/script&gt;"), "{svg}");
            assert!(svg.contains("&lt;U+202E&gt;"), "the override is shown as text");
            assert!(svg.contains("href=\"https://example.org/a%22b%29c%3Cd%3E%7Ce%20f%5Cg\""));
        }
    }
}

/// The number of cells of a table row: `|` not escaped by a backslash, minus one.
fn cells(row: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count - 1
}

#[test]
fn markdown_tables_keep_their_columns_and_links_are_web_only() {
    for (case, path) in cases() {
        let (pathway, analysis) = compile(&path);
        let markdown = backend::markdown::generate(&pathway, &analysis, "test.pathway");
        assert!(
            !markdown.chars().any(is_invisible),
            "{case}: an invisible control reached the Markdown"
        );
        assert!(!markdown.contains('\r'), "{case}: a bare CR reached the Markdown");
        // Tables: runs of lines starting with `|`; every row as wide as the header.
        let mut tables = 0;
        let mut width = None;
        for line in markdown.lines() {
            if line.starts_with('|') {
                let cells = cells(line);
                match width {
                    None => {
                        width = Some(cells);
                        tables += 1;
                    }
                    Some(w) => assert_eq!(cells, w, "{case}: a row breaks its table:\n{line}"),
                }
            } else {
                width = None;
            }
        }
        assert!(tables >= 3, "{case}: expected the provenance, facts and coverage tables");
        // Links: every unescaped `](` opens a web address.
        let mut rest = markdown.as_str();
        while let Some(at) = rest.find("](") {
            let escaped = rest[..at].ends_with('\\');
            let target = &rest[at + 2..];
            if !escaped {
                assert!(
                    target.starts_with("https://") || target.starts_with("http://"),
                    "{case}: a link to {}",
                    &target[..target.len().min(40)]
                );
            }
            rest = target;
        }
        // No line opens a code block: none is indented by four spaces or starts a fence.
        for line in markdown.lines() {
            assert!(!line.starts_with("    ") && !line.starts_with("```"), "{case}: {line}");
        }
    }
}

#[test]
fn rust_keeps_hostile_text_in_literals_and_single_doc_lines() {
    for (case, path) in cases() {
        let (pathway, analysis) = compile(&path);
        let rust = backend::rust::generate(&pathway, &analysis, "test.pathway").unwrap();
        assert!(!rust.chars().any(is_invisible), "{case}: an invisible control reached the Rust");
        assert!(!rust.contains('\r'), "{case}: a bare CR reached the Rust");
        for line in rust.lines() {
            let trimmed = line.trim_start();
            if let Some(doc) = trimmed.strip_prefix("///") {
                // A doc line is empty or one space and text that cannot open a code block.
                assert!(
                    doc.is_empty() || (doc.starts_with(' ') && !doc.starts_with("  ")),
                    "{line}"
                );
                assert!(!doc.trim_start().starts_with("```"), "{case}: {line}");
            }
        }
    }
}
