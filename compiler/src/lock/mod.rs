//! The lock file, which pins the guideline text a pathway rests on: for every quote of a
//! citation or informational declaration, the full text of the statement it resolved to, as
//! reviewed. A quote by its first words (`"This is a summary..."`) matches whatever follows
//! them, so without a record an edit after the quoted words would go unseen. Like sema, this
//! is pure: the driver reads the file, [`parse`] reads its text, [`verify`] compares it with a
//! checked pathway, [`record`] and [`render`] write a new one for `cairn lock`.
//!
//! The file is TOML, one `[[citation]]` table per distinct quote in guideline order, so a
//! change of the guideline shows in review as a change of a few `text` lines.

mod error;

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

pub use error::LockError;

use crate::analysis::{CoverageReport, resting_on};
use crate::backend::escape::toml_string;
use crate::guideline::normalise;
use crate::ir::{Citation, Pathway};
use crate::text::{excerpt, word_diff};

/// The version of the lock file format written and read.
pub const VERSION: u32 = 1;

/// A lock file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// The format version, [`VERSION`].
    pub version: u32,
    /// The guideline path as the pathway's header names it.
    pub guideline: String,
    /// One entry per distinct quote.
    #[serde(default, rename = "citation")]
    pub entries: Vec<Entry>,
}

/// What one quote resolved to when it was locked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The quote, normalised as citations are matched.
    pub quote: String,
    /// The statement's id then (for readers; a changed text has a new id).
    pub statement: String,
    /// The statement's full text then.
    pub text: String,
}

/// Every citation of the pathway, informational declarations included, in source order.
fn citations(pathway: &Pathway) -> Vec<&Citation> {
    let mut all: Vec<&Citation> = pathway
        .recommendations
        .iter()
        .flat_map(|r| &r.citations)
        .chain(pathway.conditions.iter().flat_map(|c| &c.citations))
        .chain(pathway.xrefs.iter().flat_map(|x| &x.citations))
        .chain(pathway.informational.iter().map(|i| &i.citation))
        .collect();
    all.sort_by_key(|c| c.span.start);
    all
}

/// The lock of a checked pathway: each distinct quote with the statement it resolves to, in
/// guideline order (then by quote).
pub fn record(pathway: &Pathway) -> Lock {
    let mut by_quote: BTreeMap<String, (usize, Entry)> = BTreeMap::new();
    for citation in citations(pathway) {
        let Some(statement) = pathway.guideline.get(&citation.statement) else {
            continue;
        };
        let quote = normalise(&citation.quote);
        by_quote.entry(quote.clone()).or_insert_with(|| {
            (
                statement.index,
                Entry { quote, statement: statement.id.to_string(), text: statement.text.clone() },
            )
        });
    }
    let mut entries: Vec<(usize, Entry)> = by_quote.into_values().collect();
    entries.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.quote.cmp(&y.quote)));
    Lock {
        version: VERSION,
        guideline: pathway.guideline_path.clone(),
        entries: entries.into_iter().map(|(_, e)| e).collect(),
    }
}

/// The lock file's text: a comment saying what it is, then TOML, byte for byte the same for the
/// same pathway and guideline.
pub fn render(lock: &Lock, pathway_file: &str) -> String {
    let mut out = format!(
        "# The full text of every guideline statement that `{pathway_file}` cites or declares\n\
         # informational, as reviewed. `cairn check` fails when the guideline's text differs from\n\
         # it; after reviewing the change, `cairn lock {pathway_file}` records the new text.\n\
         # Written by cairn: commit it beside the pathway, do not edit it by hand.\n\n"
    );
    out.push_str(&format!("version = {}\n", lock.version));
    out.push_str(&format!("guideline = {}\n", toml_string(&lock.guideline)));
    for entry in &lock.entries {
        out.push_str("\n[[citation]]\n");
        out.push_str(&format!("quote = {}\n", toml_string(&entry.quote)));
        out.push_str(&format!("statement = {}\n", toml_string(&entry.statement)));
        out.push_str(&format!("text = {}\n", toml_string(&entry.text)));
    }
    out
}

/// Reads a lock file's text; `path` names it in the error.
pub fn parse(text: &str, path: &str) -> Result<Lock, LockError> {
    let malformed = |reason: String| LockError::Malformed { path: path.to_string(), reason };
    let lock: Lock = toml::from_str(text).map_err(|e| malformed(e.message().to_string()))?;
    if lock.version != VERSION {
        return Err(malformed(format!(
            "it is version {}, and this cairn reads version {VERSION}",
            lock.version
        )));
    }
    Ok(lock)
}

/// Compares the pathway's citations with the lock: a quote whose statement's full text differs
/// from the recorded one (an error, with the word diff and what rests on the statement), a
/// quote the lock does not record (an error: its full text was never reviewed), and entries no
/// quote uses (a warning). In source order, then the stale entries in lock order.
pub fn verify(pathway: &Pathway, coverage: &CoverageReport, lock: &Lock) -> Vec<LockError> {
    let locked: BTreeMap<&str, &Entry> =
        lock.entries.iter().map(|e| (e.quote.as_str(), e)).collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut errors = Vec::new();
    for citation in citations(pathway) {
        let quote = normalise(&citation.quote);
        if !seen.insert(quote.clone()) {
            continue;
        }
        let Some(statement) = pathway.guideline.get(&citation.statement) else {
            continue;
        };
        match locked.get(quote.as_str()) {
            Some(entry) if entry.text == statement.text => {}
            Some(entry) => errors.push(LockError::Changed {
                quote: excerpt(&citation.quote),
                diff: word_diff(&entry.text, &statement.text),
                resting: resting_on(pathway, coverage, &statement.id).describe(),
                at: citation.span.into(),
            }),
            None => errors.push(LockError::Unlocked {
                quote: excerpt(&citation.quote),
                text: excerpt(&statement.text),
                at: citation.span.into(),
            }),
        }
    }
    for entry in &lock.entries {
        if !seen.contains(&entry.quote) {
            errors.push(LockError::Stale { quote: excerpt(&entry.quote) });
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile_source;

    const GUIDELINE: &str =
        "Offer tea to everyone who asks\n\nThis is a summary of the guideline \nas published \n";
    const PATHWAY: &str = r#"pathway p {
  title "T"
  guideline "g.txt"
}
fact thirsty: bool "Thirsty"
condition asks "asks": thirsty cites "Offer tea to..."
recommend tea: offer "Offer tea" when asks cites "Offer tea to everyone who asks"
informational "This is a summary..." because "the footer"
"#;

    fn checked(guideline: &str) -> (Pathway, CoverageReport) {
        let compilation = compile_source("p.pathway", PATHWAY, guideline);
        let (pathway, analysis) = compilation.checked().expect("the test pathway checks");
        (pathway.clone(), analysis.coverage.clone())
    }

    #[test]
    fn a_recorded_lock_renders_parses_and_verifies_clean() {
        let (pathway, coverage) = checked(GUIDELINE);
        let lock = record(&pathway);
        let quotes: Vec<&str> = lock.entries.iter().map(|e| e.quote.as_str()).collect();
        assert_eq!(
            quotes,
            ["Offer tea to everyone who asks", "Offer tea to...", "This is a summary..."],
            "guideline order, then by quote"
        );
        assert_eq!(lock.entries[2].text, "This is a summary of the guideline as published");
        let text = render(&lock, "p.pathway");
        assert_eq!(parse(&text, "p.lock"), Ok(lock.clone()));
        assert_eq!(render(&parse(&text, "p.lock").unwrap(), "p.pathway"), text, "a fixed point");
        assert_eq!(verify(&pathway, &coverage, &lock), []);
    }

    #[test]
    fn an_edit_after_a_prefix_quote_is_a_changed_statement() {
        let (pathway, _) = checked(GUIDELINE);
        let lock = record(&pathway);
        let (edited, coverage) = checked(&GUIDELINE.replace("as published", "as amended"));
        let errors = verify(&edited, &coverage, &lock);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let LockError::Changed { quote, diff, resting, .. } = &errors[0] else {
            panic!("expected a changed statement, got {errors:?}");
        };
        assert_eq!(quote, "This is a summary...");
        assert_eq!(diff, "This is a summary of the guideline as [-published-]{+amended+}");
        assert_eq!(resting, "its informational declaration");
    }

    #[test]
    fn a_changed_cited_statement_names_what_rests_on_it() {
        let (pathway, _) = checked(GUIDELINE);
        let mut lock = record(&pathway);
        // As if the statement had said something else when it was reviewed: the whole quote
        // still matches today's text, the prefix quote's entry records the old one.
        lock.entries[1].text = "Offer tea to everyone".into();
        let (_, coverage) = checked(GUIDELINE);
        let errors = verify(&pathway, &coverage, &lock);
        let [LockError::Changed { diff, resting, .. }] = &errors[..] else {
            panic!("expected one changed statement, got {errors:?}");
        };
        assert_eq!(diff, "Offer tea to everyone {+who asks+}");
        assert_eq!(resting, "recommendation `tea`; condition `asks`");
    }

    #[test]
    fn unlocked_and_stale_quotes_are_reported() {
        let (pathway, coverage) = checked(GUIDELINE);
        let mut lock = record(&pathway);
        let footer = lock.entries.remove(2);
        lock.entries.push(Entry { quote: "Gone...".into(), ..footer });
        let errors = verify(&pathway, &coverage, &lock);
        assert!(
            matches!(&errors[..], [LockError::Unlocked { quote, .. }, LockError::Stale { quote: stale }]
                if quote == "This is a summary..." && stale == "Gone..."),
            "{errors:?}"
        );
    }

    #[test]
    fn malformed_lock_files_are_refused_with_a_reason() {
        for (text, reason) in [
            ("version = 1\n", "missing field `guideline`"),
            ("version = 2\nguideline = \"g\"\n", "version 2"),
            ("version = 1\nguideline = \"g\"\nextra = 1\n", "unknown field `extra`"),
            ("[[citation]\n", ""),
        ] {
            let Err(LockError::Malformed { reason: got, path }) = parse(text, "p.lock") else {
                panic!("{text:?} was accepted");
            };
            assert_eq!(path, "p.lock");
            assert!(got.contains(reason), "{text:?}: {got}");
        }
    }

    #[test]
    fn any_text_survives_the_file() {
        let lock = Lock {
            version: VERSION,
            guideline: "g\".txt".into(),
            entries: vec![Entry {
                quote: "q\\".into(),
                statement: "s".into(),
                text: "t\u{7f}\u{202e}é \n".into(),
            }],
        };
        assert_eq!(parse(&render(&lock, "p"), "p.lock"), Ok(lock));
    }
}
