//! The pest parser and its error recovery. This is the only file that runs pest: it parses the
//! whole file, and on failure re-parses item by item so that every item's first syntax error is
//! reported, then hands the pairs to `lower`.

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest_derive::Parser;

use super::error::SyntaxError;
use super::rule_names::{human_name, is_clause_rule, is_item_rule, is_operator_rule};
use crate::span::Span;

/// The grammar, generated from `grammar/pathway.pest`.
#[derive(Parser)]
#[grammar = "../../grammar/pathway.pest"]
pub struct PathwayParser;

/// Words that start a top-level item at the beginning of a line.
const ITEM_KEYWORDS: [&str; 12] = [
    "pathway",
    "enum",
    "fact",
    "constraint",
    "condition",
    "xref",
    "recommend",
    "informational",
    "assert",
    "together",
    "alternatives",
    "scope",
];

/// How many syntax errors are shown before the rest are summarised.
const MAX_ERRORS: usize = 50;

/// A region of the source that holds one item, found by its leading keyword.
#[derive(Debug, Clone, Copy)]
pub struct Chunk {
    /// Where the item starts and ends in the file.
    pub span: Span,
    /// Whether it starts with an item keyword (otherwise it is stray text before the first).
    pub is_item: bool,
}

/// Splits a file into items at every line that starts with an item keyword. Strings cannot
/// span lines, so a keyword at the start of a line always starts an item in a valid file.
pub fn chunks(source: &str) -> Vec<Chunk> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if starts_item(line) {
            starts.push(offset);
        }
        offset += line.len();
    }
    let mut result = Vec::new();
    let first = starts.first().copied().unwrap_or(source.len());
    if !is_trivia(&source[..first]) {
        result.push(Chunk { span: Span::new(0, first), is_item: false });
    }
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(source.len());
        result.push(Chunk { span: Span::new(start, end), is_item: true });
    }
    result
}

fn starts_item(line: &str) -> bool {
    ITEM_KEYWORDS.iter().any(|keyword| {
        line.strip_prefix(keyword)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    })
}

/// Whether text holds only whitespace and comments.
fn is_trivia(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with("//")
    })
}

/// Parses `source` with `rule`; positions in errors are shifted by `offset` (the chunk's place
/// in the file).
pub fn parse_rule<'i>(
    rule: Rule,
    source: &'i str,
    offset: usize,
) -> Result<pest::iterators::Pairs<'i, Rule>, SyntaxError> {
    PathwayParser::parse(rule, source).map_err(|error| convert_error(&error, source, offset))
}

/// Re-parses every chunk on its own to find the first error of each item.
pub fn errors_by_item(source: &str) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    for chunk in chunks(source) {
        let text = &source[chunk.span.start..chunk.span.end];
        if !chunk.is_item {
            errors.push(SyntaxError::StrayText { at: trimmed_span(text, chunk.span.start).into() });
            continue;
        }
        if let Err(error) = parse_rule(Rule::single_item, text, chunk.span.start) {
            errors.push(error);
        }
    }
    cap(errors)
}

/// Keeps the first `MAX_ERRORS` errors and a note of how many more there were.
pub fn cap(mut errors: Vec<SyntaxError>) -> Vec<SyntaxError> {
    if errors.len() > MAX_ERRORS {
        let count = errors.len() - MAX_ERRORS;
        errors.truncate(MAX_ERRORS);
        errors.push(SyntaxError::TooManyErrors { count });
    }
    errors
}

fn trimmed_span(text: &str, offset: usize) -> Span {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    // Point at the first line of stray text only: the rest is likely more of the same.
    let first_line_end = text[start..end].find('\n').map_or(end, |i| start + i);
    Span::new(offset + start, offset + first_line_end)
}

/// Turns a pest error into a diagnostic in words.
fn convert_error(error: &pest::error::Error<Rule>, source: &str, offset: usize) -> SyntaxError {
    let position = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let (found, length) = describe_found(source, position);
    let help = help_for(&expected, &found);
    SyntaxError::Unexpected {
        expected,
        found,
        help,
        at: Span::new(offset + position, offset + position + length).into(),
    }
}

/// "a name, `:` or a quoted string", with groups of rules said as one phrase.
fn describe_expected(positives: &[Rule]) -> String {
    let mut names: Vec<&str> = Vec::new();
    let mut push = |name: &'static str| {
        if !names.contains(&name) {
            names.push(name);
        }
    };
    let items = positives.iter().filter(|r| is_item_rule(**r)).count();
    let operators = positives.iter().filter(|r| is_operator_rule(**r)).count();
    let clauses = positives.iter().filter(|r| is_clause_rule(**r)).count();
    for &rule in positives {
        match rule {
            r if is_item_rule(r) && items > 2 => push(
                "a declaration (`pathway`, `enum`, `fact`, `constraint`, `condition`, `xref`, `recommend`, `informational`, `assert`, `together`, `alternatives` or `scope`)",
            ),
            r if is_operator_rule(r) && operators > 2 => {
                push("an operator such as `and`, `or` or `==`")
            }
            r if is_clause_rule(r) && clauses > 2 => push(
                "a recommendation clause (`when`, `cites`, `see`, `dose`, `forbids` or a timing)",
            ),
            r => push(human_name(r)),
        }
    }
    match names.as_slice() {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// What is at `position`, in words, and how many bytes to underline.
fn describe_found(source: &str, position: usize) -> (String, usize) {
    let rest = source.get(position..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return ("the end of the file".to_string(), 0);
    };
    if first.is_ascii_alphanumeric() || first == '_' {
        let word: String =
            rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').take(40).collect();
        let length = word.len();
        return (format!("`{word}`"), length);
    }
    if first == '"' {
        return ("a string".to_string(), 1);
    }
    if first == '\n' || first == '\r' {
        return ("the end of the line".to_string(), 1);
    }
    if first.is_control() || first == '\u{FFFD}' {
        return (format!("the character U+{:04X}", u32::from(first)), first.len_utf8());
    }
    (format!("`{first}`"), first.len_utf8())
}

/// A hint for the commonest causes of an error.
fn help_for(expected: &str, found: &str) -> String {
    if found == "the end of the line" && expected.contains("text of a string") {
        return "strings end on the line they start: close it with `\"`".to_string();
    }
    if expected.contains("strength") {
        return "a recommendation reads `recommend id: offer \"text\"`; strengths are `do`, `offer`, `consider`, `ensure`, `refer`, `do not`, `do not offer` and `do not consider`".to_string();
    }
    if expected.contains("timing") || expected.contains("recommendation clause") {
        return "after the text come clauses: `when <condition>`, `cites \"...\"`, `see <xref>`, `dose 16 mg`, `forbids <recommendation>`, and a timing such as `within 1 week`, `immediately`, `as soon as possible`, `on admission`, `from diagnosis onwards` or `urgent`".to_string();
    }
    if found.starts_with('`') && expected.contains("a name") {
        return "names are letters, digits and underscores; `and`, `or`, `not`, `implies`, `iff`, `in`, `is`, `empty`, `true` and `false` are reserved".to_string();
    }
    "see the language tour in README.md".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_split_at_item_keywords_only() {
        let source = "// intro\nfact a: bool\nfacts\n  fact b\nenum e { x }\n";
        let found = chunks(source);
        let texts: Vec<&str> = found.iter().map(|c| &source[c.span.start..c.span.end]).collect();
        assert_eq!(texts, ["fact a: bool\nfacts\n  fact b\n", "enum e { x }\n"]);
    }

    #[test]
    fn stray_text_before_the_first_item_is_a_chunk() {
        let source = "hello\nfact a: bool\n";
        let found = chunks(source);
        assert_eq!(found.len(), 2);
        assert!(!found[0].is_item);
    }
}
