//! SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure DevOps): the
//! diagnostics of `cairn check`, `cairn coverage` and `cairn analyse` as one run of the tool
//! `cairn`. Built from the same data as the JSON rendering ([`crate::driver::to_json`], the one schema of `crate::diagnostics::json`),
//! so the two never disagree on a code, a message or a position.
//!
//! Each diagnostic code is a rule; each diagnostic a result, located by line and column in
//! Unicode code points (declared on the run), with a fingerprint that does not depend on line
//! numbers, so a result keeps its identity when unrelated lines move.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use crate::diagnostics::json::JsonDiagnostic;
use crate::driver::{Diagnostic, Sources, to_json};
use crate::guideline::fnv1a;
use crate::span::line_col;

/// The SARIF version written.
pub const VERSION: &str = "2.1.0";
/// The schema of that version, as the specification names it.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of cairn's fingerprint in `partialFingerprints`; versioned, as SARIF advises, so a
/// change of what it hashes is not taken for a change of every result.
pub const FINGERPRINT_KEY: &str = "cairnFingerprint/v1";

/// The SARIF log of these diagnostics: one run, its rules the codes that occur (sorted), its
/// results in the diagnostics' order.
pub fn to_sarif(diagnostics: &[Diagnostic], sources: Sources<'_>) -> Value {
    let shared = to_json(diagnostics, sources);
    let mut rules: BTreeMap<&str, &JsonDiagnostic> = BTreeMap::new();
    for diagnostic in &shared {
        rules.entry(diagnostic.code.as_str()).or_insert(diagnostic);
    }
    let rule_index: HashMap<&str, usize> =
        rules.keys().enumerate().map(|(i, code)| (*code, i)).collect();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let results: Vec<Value> = diagnostics
        .iter()
        .zip(&shared)
        .map(|(diagnostic, data)| {
            let text = source_text(sources, data);
            let base = fingerprint(data, text);
            // Identical diagnostics (the same code and message at the same text) are told apart
            // by their order among themselves, which moving other lines does not change.
            let occurrence = seen.entry(base).or_insert(0);
            *occurrence += 1;
            result(
                diagnostic,
                data,
                text,
                rule_index.get(data.code.as_str()).copied(),
                base,
                *occurrence,
            )
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cairn",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.values().map(|d| rule(d)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// The text a diagnostic points into.
fn source_text<'a>(sources: Sources<'a>, data: &JsonDiagnostic) -> &'a str {
    sources.for_file(data.file_kind).text
}

/// One rule per code: its name, a description from the code and the first diagnostic of it,
/// its help, and the level of that diagnostic.
fn rule(first: &JsonDiagnostic) -> Value {
    let (stage, name) =
        first.code.trim_start_matches("cairn::").split_once("::").unwrap_or(("", &first.code));
    let words = name.replace('_', " ");
    let mut rule = json!({
        "id": first.code,
        "name": camel_case(&first.code),
        "shortDescription": { "text": format!("{words} ({stage})") },
        "fullDescription": { "text": format!("`{}`: {words}, reported by cairn's {stage} stage; for example: {}", first.code, first.message) },
        "defaultConfiguration": { "level": level(first.severity) },
    });
    if let Some(help) = &first.help {
        rule["help"] = json!({ "text": help });
    }
    rule
}

/// `cairn::sema::unknown_name` as `SemaUnknownName`, the form SARIF's rule names take.
fn camel_case(code: &str) -> String {
    code.trim_start_matches("cairn::")
        .split([':', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// A diagnostic's severity as a SARIF level.
fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

/// A hash of what identifies a diagnostic apart from where it is: its code, file, message and
/// the source text under its primary span. Line numbers are left out on purpose.
fn fingerprint(data: &JsonDiagnostic, text: &str) -> u64 {
    let under = data.span.and_then(|s| text.get(s.start..s.end)).unwrap_or_default();
    fnv1a(&format!("{}\u{0}{}\u{0}{}\u{0}{}", data.code, data.file, data.message, under))
}

/// One result.
fn result(
    diagnostic: &Diagnostic,
    data: &JsonDiagnostic,
    text: &str,
    rule_index: Option<usize>,
    fingerprint: u64,
    occurrence: usize,
) -> Value {
    // The help holds what to do and, for `cairn analyse`, the witness: it belongs in the text a
    // code-scanning service shows.
    let message = match &data.help {
        Some(help) => format!("{}\nhelp: {help}", data.message),
        None => data.message.clone(),
    };
    let mut result = json!({
        "ruleId": data.code,
        "level": level(data.severity),
        "message": { "text": message },
        "locations": [location(data, text, data.span.map(|s| (s.start, s.end)))],
        "partialFingerprints": { FINGERPRINT_KEY: format!("{fingerprint:016x}:{occurrence}") },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    let related: Vec<Value> = data
        .labels
        .iter()
        .skip(1)
        .enumerate()
        .map(|(id, label)| {
            let mut related = location(data, text, Some((label.span.start, label.span.end)));
            related["id"] = json!(id + 1);
            if let Some(message) = &label.message {
                related["message"] = json!({ "text": message });
            }
            related
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    if let Diagnostic::Analysis(crate::analysis::Finding::Behaviour(finding)) = diagnostic {
        if let Some(witness) = finding.witness() {
            result["properties"] = json!({ "witness": witness });
        }
    }
    result
}

/// A physical location in the diagnostic's file; without a span, the file alone.
fn location(data: &JsonDiagnostic, text: &str, span: Option<(usize, usize)>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri(&data.file) } });
    if let Some((start, end)) = span {
        let (start_line, start_column) = line_col(text, start);
        let (end_line, end_column) = line_col(text, end.max(start));
        physical["region"] = json!({
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column.max(if end_line == start_line { start_column } else { 1 }),
        });
    }
    json!({ "physicalLocation": physical })
}

/// A path as a URI reference: relative paths stay relative (to the folder cairn ran in, which
/// code-scanning services take as the repository root), with `/` separators and the characters
/// a URI cannot hold percent-encoded; absolute paths become `file://` URIs.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    if path.starts_with('/') { format!("file://{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(camel_case("cairn::sema::unknown_name"), "SemaUnknownName");
        assert_eq!(uri("pathways/a b/x.pathway"), "pathways/a%20b/x.pathway");
        assert_eq!(uri("/tmp/é.txt"), "file:///tmp/%C3%A9.txt");
        assert_eq!(uri("dir\\x.pathway"), "dir/x.pathway");
        assert_eq!(level("advice"), "note");
    }
}
