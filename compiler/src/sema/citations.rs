//! Resolution of citations: a quoted sentence (or a prefix of one ending in `...`) becomes the
//! id of exactly one statement of the guideline, or an error that quotes the nearest statement,
//! which is how a change in a new revision of the guideline shows up.

use super::Checker;
use super::error::SemaError;
use crate::guideline::{Guideline, SIMILAR_ENOUGH, Statement, normalise};
use crate::ir::Citation;
use crate::syntax::ast::Str;
use crate::text::excerpt;

/// How a quote is matched.
enum Quote<'q> {
    /// The whole statement.
    Whole(&'q str),
    /// The start of a statement (the quote ended in `...` or `…`).
    Prefix(&'q str),
}

fn parse_quote(normalised: &str) -> Quote<'_> {
    for ellipsis in ["...", "…"] {
        if let Some(prefix) = normalised.strip_suffix(ellipsis) {
            return Quote::Prefix(prefix.trim_end());
        }
    }
    Quote::Whole(normalised)
}

/// The statements a quote matches, in document order.
fn matches<'g>(guideline: &'g Guideline, quote: &Quote<'_>) -> Vec<&'g Statement> {
    match quote {
        Quote::Whole(q) => guideline.with_text(q),
        Quote::Prefix("") => Vec::new(),
        Quote::Prefix(q) => guideline.starting_with(q),
    }
}

/// The first statement that holds `words` past its start, when a quote was taken from the
/// middle of a sentence.
fn from_the_middle<'g>(guideline: &'g Guideline, words: &str) -> Option<&'g Statement> {
    if words.is_empty() {
        return None;
    }
    guideline.statements.iter().find(|s| normalise(&s.text).find(words).is_some_and(|at| at > 0))
}

impl Checker<'_> {
    /// Resolves every quote; the ones that fail are reported and left out.
    pub(super) fn resolve_citations(&mut self, quotes: &[Str]) -> Vec<Citation> {
        quotes.iter().filter_map(|quote| self.resolve_citation(quote)).collect()
    }

    /// Resolves one quote to one statement.
    pub(super) fn resolve_citation(&mut self, quote: &Str) -> Option<Citation> {
        // Without a guideline (it could not be read) there is nothing to resolve against; the
        // driver has reported why.
        let guideline = self.guideline?;
        let normalised = normalise(&quote.node);
        let parsed = parse_quote(&normalised);
        let found = matches(guideline, &parsed);
        match found.as_slice() {
            [one] => Some(Citation {
                statement: one.id.clone(),
                quote: quote.node.clone(),
                span: quote.span,
            }),
            [] => {
                let mut help = match guideline.nearest(&normalised) {
                    Some((nearest, similarity)) if similarity >= SIMILAR_ENOUGH => format!(
                        "the nearest statement is {}: \"{}\"; if the guideline changed, check the logic against the new text and update the quote",
                        nearest.id,
                        excerpt(&nearest.text)
                    ),
                    // A distant "nearest" statement would send the author to the wrong place.
                    Some((nearest, _)) => format!(
                        "no statement is close to it, so the sentence may have been removed from the guideline (the least distant is {}: \"{}\"); decide whether the logic that cites it still applies",
                        nearest.id,
                        excerpt(&nearest.text)
                    ),
                    None => "the guideline has no statements".to_string(),
                };
                let words = match parsed {
                    Quote::Whole(q) | Quote::Prefix(q) => q,
                };
                let starts =
                    matches!(parsed, Quote::Whole(_)) && !guideline.starting_with(words).is_empty();
                if starts {
                    help = format!(
                        "this is the start of a statement: end the quote with `...` to cite it by its first words; {help}"
                    );
                } else if let Some(inside) = from_the_middle(guideline, words) {
                    // The nearest statement by distance is the wrong hint here: the words are
                    // right, the rule about where a quote may start is what was missed.
                    help = format!(
                        "a quote is a whole statement, or its first words ending in `...`; these words are from the middle of {}: \"{}\": quote it from its first word",
                        inside.id,
                        excerpt(&inside.text)
                    );
                }
                self.errors.push(SemaError::CitationNotFound {
                    quote: excerpt(&quote.node),
                    help,
                    at: quote.span.into(),
                });
                None
            }
            several => {
                let candidates: Vec<String> = several
                    .iter()
                    .take(5)
                    .map(|s| format!("{}: \"{}\"", s.id, excerpt(&s.text)))
                    .collect();
                self.errors.push(SemaError::CitationAmbiguous {
                    quote: excerpt(&quote.node),
                    count: several.len(),
                    help: format!(
                        "quote more of the sentence; it could be {}",
                        candidates.join("; ")
                    ),
                    at: quote.span.into(),
                });
                None
            }
        }
    }
}
