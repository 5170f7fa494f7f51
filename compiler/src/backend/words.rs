//! The conditions of a pathway in words, for the documents (Markdown and DOT): a reference to a
//! named condition or a fact reads as its description, anything else as the expression.
//! Plain text; each backend escapes it for its language.

use cairn_runtime::Decimal;

use crate::ir::{CmpOp, Expr, ExprKind, FactId, FactType, NumForm, NumTest, Numeric, Pathway};

/// What a fact is called in a sentence: the first clause of its description, else its name
/// with spaces for underscores.
fn fact_label(pathway: &Pathway, fact: FactId) -> String {
    let fact = pathway.fact(fact);
    match &fact.description {
        Some(d) => d.split("; ").next().unwrap_or(d).to_string(),
        None => fact.name.node.replace('_', " "),
    }
}

/// A numeric test in words, with the unit: "respiratory rate 30 breaths/min or more", "CRP
/// from 20 to 100 mg/L, both included", "crb65 score 3 or more".
pub fn number_words(pathway: &Pathway, test: &NumTest) -> String {
    let (label, unit) = match &test.subject {
        Numeric::Fact(f) => {
            let unit = match pathway.fact(*f).ty {
                FactType::Number(n) => n.unit,
                _ => "",
            };
            (fact_label(pathway, *f), unit)
        }
        Numeric::Score(s, _) => (format!("{} score", pathway.score(*s).name.node), ""),
    };
    let with_unit = |value: Decimal| match unit {
        "" => value.to_string(),
        "%" => format!("{value}%"),
        unit => format!("{value} {unit}"),
    };
    let words = match test.form {
        NumForm::Compare(op, c) => match op {
            CmpOp::Lt => format!("below {}", with_unit(c)),
            CmpOp::Le => format!("{} or less", with_unit(c)),
            CmpOp::Gt => format!("above {}", with_unit(c)),
            CmpOp::Ge => format!("{} or more", with_unit(c)),
            CmpOp::Eq => format!("exactly {}", with_unit(c)),
            CmpOp::Ne => format!("not {}", with_unit(c)),
        },
        NumForm::Between { low, low_included, high, high_included } => {
            let ends = match (low_included, high_included) {
                (true, true) => "both included".to_string(),
                (false, false) => "both excluded".to_string(),
                (true, false) => format!("{low} included, {high} excluded"),
                (false, true) => format!("{low} excluded, {high} included"),
            };
            format!("from {low} to {}, {ends}", with_unit(high))
        }
    };
    format!("{label} {words}")
}

/// The description behind a condition or fact reference (or its negation), if it has one:
/// `main_branch` reads "in the pathway, without neurological symptoms or signs", and
/// `not mri_contraindicated` reads "not: MRI is contraindicated".
pub fn description(pathway: &Pathway, expr: &Expr) -> Option<String> {
    match &expr.node {
        ExprKind::Condition(c) => pathway.condition(*c).description.clone(),
        ExprKind::Fact(f) => pathway.fact(*f).description.clone(),
        ExprKind::Number(test) => Some(number_words(pathway, test)),
        ExprKind::Known(f) => Some(format!("{} is known", fact_label(pathway, *f))),
        ExprKind::Not(inner) => match &inner.node {
            ExprKind::Known(f) => Some(format!("{} is not known", fact_label(pathway, *f))),
            ExprKind::Number(test) => Some(format!("not: {}", number_words(pathway, test))),
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
