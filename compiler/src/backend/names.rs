//! Rust names for pathway names: case conversion (CamelCase for types and enum values,
//! snake_case for facts and conditions, UPPER_CASE for constants), raw identifiers for Rust
//! keywords, and a namespace that reports two names becoming one as a diagnostic.
//!
//! The grammar allows any ASCII identifier (`ident = (letter | "_") (letter | digit | "_")*`),
//! so the conversions here must turn every one of them into a name that rustc accepts without
//! a style warning, or say why they cannot.

use std::collections::BTreeMap;

use super::error::BackendError;
use crate::span::Span;

/// Rust's strict and reserved keywords, of every edition (a name that is a keyword in any
/// edition is written raw, so the generated code compiles in the embedder's edition).
const KEYWORDS: [&str; 54] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union", "_",
];

/// Keywords that cannot be raw identifiers (`r#self` is an error).
const NOT_RAW: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// `box1_feature` -> `Box1Feature`, `MRI` -> `Mri`, `_x` -> `_X`: every `_`-separated word
/// capitalised (an all-caps word is lowered after its first letter, so clippy's
/// `upper_case_acronyms` stays quiet); leading underscores kept.
pub fn camel_case(name: &str) -> String {
    let trimmed = name.trim_start_matches('_');
    let mut out = "_".repeat(name.len() - trimmed.len());
    for word in trimmed.split('_').filter(|w| !w.is_empty()) {
        let all_caps = word.len() > 1 && !word.chars().any(|c| c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
        }
        for c in chars {
            out.push(if all_caps { c.to_ascii_lowercase() } else { c });
        }
    }
    out
}

/// `MainBranch` -> `main_branch`, `HTTPServer` -> `http_server`, `a__b` -> `a_b`: words split
/// at case changes, lowercased, joined by single underscores; leading underscores kept.
pub fn snake_case(name: &str) -> String {
    let trimmed = name.trim_start_matches('_');
    let mut out = "_".repeat(name.len() - trimmed.len());
    let chars: Vec<char> = trimmed.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        let previous = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && !word.is_empty()
            && (previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (previous.is_some_and(|p| p.is_ascii_uppercase())
                    && next.is_some_and(|n| n.is_ascii_lowercase())));
        if boundary {
            words.push(std::mem::take(&mut word));
        }
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    out.push_str(&words.join("_"));
    out
}

/// `mri_within_1_week` -> `MRI_WITHIN_1_WEEK`: snake_case, uppercased.
pub fn upper_case(name: &str) -> String {
    snake_case(name).to_ascii_uppercase()
}

/// Whether `name` is a plain Rust identifier: a letter or `_` then letters, digits and `_`,
/// and not `_` alone.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && name != "_"
}

/// The identifier to write for the Rust name `rust`: itself, or `r#rust` for a keyword.
/// `None` when no Rust identifier can spell it.
pub fn identifier(rust: &str) -> Option<String> {
    if !is_identifier(rust) && rust != "_" {
        return None;
    }
    if NOT_RAW.contains(&rust) {
        None
    } else if KEYWORDS.contains(&rust) {
        Some(format!("r#{rust}"))
    } else {
        Some(rust.to_string())
    }
}

/// Who holds a name in a [`Namespace`].
#[derive(Debug, Clone)]
struct Holder {
    kind: &'static str,
    name: String,
    at: Option<Span>,
}

/// One Rust namespace of the generated code (types, values, fields of a struct, variants of an
/// enum): which pathway item took which Rust name, so a second one is reported.
#[derive(Debug, Clone, Default)]
pub struct Namespace {
    taken: BTreeMap<String, Holder>,
}

impl Namespace {
    /// A namespace where the generated code already uses `reserved` (name, what for).
    pub fn with_reserved(reserved: &[(&str, &'static str)]) -> Self {
        let mut namespace = Namespace::default();
        for (name, what) in reserved {
            namespace
                .taken
                .insert((*name).to_string(), Holder { kind: what, name: String::new(), at: None });
        }
        namespace
    }

    /// Claims the Rust name `rust` for the pathway item `kind` `name` declared at `at`; returns
    /// the identifier to write (raw for a keyword), or the error that stops generation.
    pub fn claim(
        &mut self,
        rust: String,
        kind: &'static str,
        name: &str,
        at: Span,
    ) -> Result<String, BackendError> {
        let Some(identifier) = identifier(&rust) else {
            return Err(BackendError::InvalidIdentifier {
                kind,
                name: name.to_string(),
                rust,
                at: at.into(),
            });
        };
        if let Some(holder) = self.taken.get(&rust) {
            return Err(match holder.at {
                Some(other_at) => BackendError::NameCollision {
                    kind,
                    name: name.to_string(),
                    other: format!("{} `{}`", holder.kind, holder.name),
                    rust,
                    at: at.into(),
                    other_at: other_at.into(),
                },
                None => BackendError::ReservedName {
                    kind,
                    name: name.to_string(),
                    rust,
                    taken_by: holder.kind,
                    at: at.into(),
                },
            });
        }
        self.taken.insert(rust, Holder { kind, name: name.to_string(), at: Some(at) });
        Ok(identifier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_capitalises_words() {
        assert_eq!(camel_case("box1_feature"), "Box1Feature");
        assert_eq!(camel_case("none"), "None");
        assert_eq!(camel_case("MRI"), "Mri");
        assert_eq!(camel_case("mscc_MRI_scan"), "MsccMriScan");
        assert_eq!(camel_case("alreadyCamel"), "AlreadyCamel");
        assert_eq!(camel_case("_x_y"), "_XY");
        assert_eq!(camel_case("a__b_"), "AB");
        assert_eq!(camel_case("self_"), "Self");
    }

    #[test]
    fn snake_case_splits_at_case_changes() {
        assert_eq!(snake_case("main_branch"), "main_branch");
        assert_eq!(snake_case("MainBranch"), "main_branch");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("box1Pain"), "box1_pain");
        assert_eq!(snake_case("a__b"), "a_b");
        assert_eq!(snake_case("_private"), "_private");
        assert_eq!(snake_case("X"), "x");
        assert_eq!(upper_case("mri_within_1_week"), "MRI_WITHIN_1_WEEK");
    }

    #[test]
    fn keywords_become_raw_and_some_cannot() {
        assert_eq!(identifier("type").as_deref(), Some("r#type"));
        assert_eq!(identifier("gen").as_deref(), Some("r#gen"));
        assert_eq!(identifier("main_branch").as_deref(), Some("main_branch"));
        assert_eq!(identifier("Self"), None);
        assert_eq!(identifier("self"), None);
        assert_eq!(identifier("_"), None);
        assert_eq!(identifier("1x"), None);
        assert_eq!(identifier(""), None);
    }

    #[test]
    fn namespaces_report_collisions_and_reserved_names() {
        let mut types = Namespace::with_reserved(&[("Facts", "the facts struct")]);
        let span = Span::new(0, 1);
        assert_eq!(types.claim("PainKind".into(), "enum", "pain_kind", span).unwrap(), "PainKind");
        let clash = types.claim("PainKind".into(), "enum", "PainKind", span).unwrap_err();
        assert!(matches!(clash, BackendError::NameCollision { .. }));
        let reserved = types.claim("Facts".into(), "enum", "facts", span).unwrap_err();
        assert!(matches!(reserved, BackendError::ReservedName { .. }));
        let invalid = types.claim("Self".into(), "enum", "self_", span).unwrap_err();
        assert!(matches!(invalid, BackendError::InvalidIdentifier { .. }));
    }
}
