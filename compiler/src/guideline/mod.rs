//! Guideline text model, the input side of guideline coverage: the guideline as delivered is
//! segmented into statements with stable ids, which recommendations and conditions then cite
//! and coverage reports account for.

mod error;
mod segment;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

pub use error::GuidelineError;
pub(crate) use segment::fnv1a;
pub use segment::segment;

/// A stable statement id such as `s-3fa2c1`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct StatementId(pub String);

impl StatementId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StatementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One statement of a guideline: a bullet or a stand-alone sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// Stable id, derived from the text alone.
    pub id: StatementId,
    /// Normalised text (see [`normalise`]), without its bullet marker.
    pub text: String,
    /// 1-based line of its first character in the raw text.
    pub line: usize,
    /// Byte range in the raw text, from its first character (after any bullet marker) to the
    /// end of its last non-space character.
    pub span: Range<usize>,
    /// Whether it started with a bullet.
    pub bullet: bool,
    /// 0-based position in the document.
    pub index: usize,
}

/// A segmented guideline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Guideline {
    /// The statements in document order.
    pub statements: Vec<Statement>,
    /// Position of each statement by id, so that looking a citation up is not a scan: every
    /// stage looks up every citation, which made them quadratic in a large guideline.
    #[serde(skip)]
    by_id: BTreeMap<StatementId, usize>,
    /// Positions of the statements sorted by text (then position), so that resolving a quote
    /// is a binary search: a scan of the guideline per quote made checking quadratic.
    #[serde(skip)]
    by_text: Vec<usize>,
}

impl Guideline {
    /// A guideline of these statements (ids unique, as `segment` makes them).
    pub fn new(statements: Vec<Statement>) -> Self {
        let by_id = statements.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let mut by_text: Vec<usize> = (0..statements.len()).collect();
        // Stable, so equal texts stay in document order.
        by_text.sort_by(|&a, &b| text_of(&statements, a).cmp(text_of(&statements, b)));
        Guideline { statements, by_id, by_text }
    }

    /// The statement with this id.
    pub fn get(&self, id: &StatementId) -> Option<&Statement> {
        self.by_id.get(id).and_then(|&i| self.statements.get(i))
    }

    /// The statements whose text is exactly `text`, in document order.
    pub fn with_text(&self, text: &str) -> Vec<&Statement> {
        self.sorted_from(text, |t| t == text)
    }

    /// The statements whose text starts with `prefix`, in document order.
    pub fn starting_with(&self, prefix: &str) -> Vec<&Statement> {
        self.sorted_from(prefix, |t| t.starts_with(prefix))
    }

    /// The statements from the first whose text is not below `from` in the text order, while
    /// their text satisfies `keep` (a run of the order), in document order.
    fn sorted_from(&self, from: &str, keep: impl Fn(&str) -> bool) -> Vec<&Statement> {
        let start = self.by_text.partition_point(|&i| text_of(&self.statements, i) < from);
        let mut found: Vec<usize> = self
            .by_text
            .get(start..)
            .unwrap_or_default()
            .iter()
            .copied()
            .take_while(|&i| keep(text_of(&self.statements, i)))
            .collect();
        found.sort_unstable();
        found.iter().filter_map(|&i| self.statements.get(i)).collect()
    }

    /// The statement whose text is closest to `text` (normalised Levenshtein via strsim on
    /// normalised text, comparing against the statement text truncated to the length of the
    /// query when the query is shorter, so prefixes find their sentence); None when the
    /// guideline is empty. Deterministic tie-break: lowest index.
    pub fn nearest(&self, text: &str) -> Option<(&Statement, f64)> {
        let query = normalise(text);
        let len = query.chars().count();
        let mut best: Option<(&Statement, f64)> = None;
        for statement in &self.statements {
            let candidate = match statement.text.char_indices().nth(len) {
                Some((end, _)) => statement.text.get(..end).unwrap_or(&statement.text),
                None => &statement.text,
            };
            let score = strsim::normalized_levenshtein(&query, candidate);
            // Strictly greater, so the earliest of equally close statements wins.
            if best.is_none_or(|(_, top)| score > top) {
                best = Some((statement, score));
            }
        }
        best
    }
}

/// The text of statement `i` (empty past the end, which no index reaches).
fn text_of(statements: &[Statement], i: usize) -> &str {
    statements.get(i).map_or("", |s| s.text.as_str())
}

/// Similarity (0 to 1, normalised Levenshtein) from which two statements are taken for one
/// sentence reworded: a citation that matches nothing names its nearest statement from here,
/// and a revision pairs a removed and an added statement as one changed.
pub const SIMILAR_ENOUGH: f64 = 0.6;

/// Whitespace normalisation shared with citations: every Unicode whitespace run (incl. U+00A0,
/// tabs, CR) becomes one ASCII space, trimmed both ends. Also map typographic quotes ‘’“” to
/// ASCII ' and " and the en/em dash stays as is.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            // Only between words: leading and trailing runs are dropped.
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            _ => c,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_collapses_whitespace_and_maps_quotes() {
        assert_eq!(
            normalise(" \u{a0}a\t\r b  \u{2003}c\n "),
            "a b c",
            "every whitespace run is one space, trimmed"
        );
        assert_eq!(normalise("‘a’ “b” – c — d"), "'a' \"b\" – c — d");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise(" \u{a0} "), "");
    }

    #[test]
    fn nearest_prefers_prefix_and_breaks_ties_by_index() {
        let guideline =
            segment("Offer tea to everyone\nOffer tea to everyone\nSee a doctor").unwrap();
        let (found, score) = guideline.nearest("Offer tea").unwrap();
        assert_eq!((found.index, score), (0, 1.0));
        let (found, _) = guideline.nearest("see  a doktor").unwrap();
        assert_eq!(found.index, 2);
        assert!(Guideline::new(vec![]).nearest("x").is_none());
    }

    #[test]
    fn get_finds_by_id() {
        let guideline = segment("One.\n\nTwo.").unwrap();
        let two = &guideline.statements[1];
        assert_eq!(guideline.get(&two.id), Some(two));
        assert_eq!(guideline.get(&StatementId("s-000000".into())), None);
        assert_eq!(two.id.to_string(), two.id.as_str());
    }

    #[test]
    fn text_lookups_find_every_match_in_document_order() {
        let guideline = segment(
            "Offer tea.

Offer coffee.

Offer tea.

See a doctor.",
        )
        .unwrap();
        let indices = |found: Vec<&Statement>| found.iter().map(|s| s.index).collect::<Vec<_>>();
        assert_eq!(indices(guideline.with_text("Offer tea.")), [0, 2]);
        assert_eq!(indices(guideline.with_text("Offer tea")), Vec::<usize>::new());
        assert_eq!(indices(guideline.starting_with("Offer")), [0, 1, 2]);
        assert_eq!(indices(guideline.starting_with("See a doctor.")), [3]);
        assert_eq!(indices(guideline.starting_with("Zzz")), Vec::<usize>::new());
        assert_eq!(indices(guideline.starting_with("")), [0, 1, 2, 3]);
    }
}
