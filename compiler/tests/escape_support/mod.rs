//! The properties of the escaping functions, shared by the property test
//! (`tests/escape_properties.rs`, in `cargo test`) and the cargo-fuzz target
//! (`fuzz/fuzz_targets/escape.rs`): any string survives the trip as itself, exactly in a Rust
//! literal; in one-line contexts (DOT labels, Markdown cells) after the documented folding of
//! line breaks and tabs to spaces and with controls and invisible marks shown as `<U+XXXX>`
//! rather than obeyed; and Markdown stays inert: no code block, list, raw HTML or link can come
//! out of escaped text. Each check panics with the input when a property fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use cairn_compiler::backend::escape::{
    dot_html, dot_string, markdown_inline, rust_doc, rust_string,
};
use cairn_compiler::text::is_invisible_control;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Every property, on one string.
pub fn check_all(text: &str) {
    assert_eq!(unescape_rust(&rust_string(text)), text, "rust literal");
    assert_eq!(unescape_dot_html(&dot_html(text)), shown(text), "dot html label");
    assert_eq!(unescape_dot(&dot_string(text)), fold_dot(text), "dot string");
    check_markdown_cell(text);
    check_doc_is_inert(text);
}

/// Line breaks and tabs become spaces in one-line contexts.
fn fold(text: &str) -> String {
    text.chars().map(|c| if matches!(c, '\r' | '\n' | '\t') { ' ' } else { c }).collect()
}

/// One-line text with controls and invisible marks made visible, as the escapes show them.
fn shown(text: &str) -> String {
    let mut out = String::new();
    for c in fold(text).chars() {
        if c.is_control() || is_invisible_control(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// DOT's quoted strings also drop controls and invisible marks, which Graphviz cannot show.
fn fold_dot(text: &str) -> String {
    fold(text).chars().filter(|c| !(c.is_control() || is_invisible_control(*c))).collect()
}

/// Reads back a Rust string literal made by `rust_string`.
fn unescape_rust(literal: &str) -> String {
    let inner = literal.strip_prefix('"').and_then(|l| l.strip_suffix('"')).expect("quoted");
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            assert_ne!(c, '"', "unescaped quote in {literal}");
            out.push(c);
            continue;
        }
        match chars.next().expect("escape") {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'u' => {
                assert_eq!(chars.next(), Some('{'));
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex");
                out.push(char::from_u32(code).expect("scalar"));
            }
            other => panic!("unknown escape \\{other} in {literal}"),
        }
    }
    out
}

/// Reads back a DOT quoted string made by `dot_string`.
fn unescape_dot(quoted: &str) -> String {
    let inner = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')).expect("quoted");
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(chars.next().expect("escaped character"));
        } else {
            assert_ne!(c, '"', "unescaped quote in {quoted}");
            out.push(c);
        }
    }
    out
}

/// Reads back a DOT HTML-like label made by `dot_html`: XML entities, then Graphviz's own
/// backslash escaping.
fn unescape_dot_html(label: &str) -> String {
    let xml = unescape_xml(label);
    let mut out = String::new();
    let mut chars = xml.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            assert_eq!(chars.next(), Some('\\'), "a lone backslash in {label}");
        }
        out.push(c);
    }
    out
}

/// Reads back XML text.
fn unescape_xml(xml: &str) -> String {
    assert!(!xml.contains('<') && !xml.contains('>'), "markup in {xml}");
    let mut out = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("entity end") + at;
        let entity = &rest[at + 1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            other => {
                let code: u32 = other.strip_prefix('#').expect("numeric").parse().expect("decimal");
                char::from_u32(code).expect("scalar")
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Escaped text in a GFM table cell is one cell whose text is the input.
fn check_markdown_cell(text: &str) {
    let table = format!("| h |\n|---|\n| {} |\n", markdown_inline(text));
    let mut cells = 0;
    let mut cell_text = String::new();
    let mut in_body = false;
    for event in Parser::new_ext(&table, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableRow) => in_body = true,
            Event::Start(Tag::TableCell) if in_body => cells += 1,
            Event::Text(t) | Event::Code(t) if in_body => cell_text.push_str(&t),
            Event::Html(_) | Event::InlineHtml(_) => panic!("HTML from {text:?}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                panic!("markup from {text:?}")
            }
            _ => {}
        }
    }
    assert_eq!(cells, 1, "the row of {text:?} has {cells} cells");
    assert_eq!(cell_text.trim(), shown(text).trim());
}

/// A doc comment line made by `rust_doc` holds no code block (a doctest), HTML or link.
fn check_doc_is_inert(text: &str) {
    let doc = rust_doc(text);
    for event in Parser::new(&doc) {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => panic!("HTML in doc from {text:?}"),
            Event::Start(
                Tag::CodeBlock(_)
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::List(_)
                | Tag::Heading { .. },
            ) => panic!("markup in doc from {text:?}"),
            Event::Rule => panic!("a thematic break in doc from {text:?}"),
            _ => {}
        }
    }
}
