//! The conditions of a pathway in words, for the documents (Markdown and DOT): a reference to a
//! named condition or a fact reads as its description, anything else as the expression.
//! Plain text; each backend escapes it for its language.

use crate::ir::{Expr, ExprKind, Pathway};

/// The description behind a condition or fact reference (or its negation), if it has one:
/// `main_branch` reads "in the pathway, without neurological symptoms or signs", and
/// `not mri_contraindicated` reads "not: MRI is contraindicated".
pub fn description(pathway: &Pathway, expr: &Expr) -> Option<String> {
    match &expr.node {
        ExprKind::Condition(c) => pathway.condition(*c).description.clone(),
        ExprKind::Fact(f) => pathway.fact(*f).description.clone(),
        ExprKind::Not(inner) => match &inner.node {
            ExprKind::Condition(_) | ExprKind::Fact(_) => {
                description(pathway, inner).map(|d| format!("not: {}", lower_first(&d)))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The expression in words for the middle of a sentence, as short as it can be: the first
/// clause of its description (up to a `;`), starting in lower case unless it starts with an
/// acronym ("MRI"); else the expression as written.
pub fn in_words(pathway: &Pathway, expr: &Expr) -> String {
    let Some(description) = description(pathway, expr) else {
        return pathway.render(&expr.node);
    };
    lower_first(description.split("; ").next().unwrap_or(&description))
}

/// The text with its first letter in lower case, unless it starts an acronym ("MRI").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// Splits text into lines of at most `width` characters at spaces (a longer word gets a line
/// of its own), for labels that Graphviz does not wrap itself.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= width;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{lower_first, wrap};

    #[test]
    fn lower_first_keeps_acronyms() {
        assert_eq!(lower_first("The person"), "the person");
        assert_eq!(lower_first("MRI is contraindicated"), "MRI is contraindicated");
        assert_eq!(lower_first("x"), "x");
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("averyverylongword x", 4), ["averyverylongword", "x"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
