//! The pest parser and its error recovery. This is the only file that runs pest: it parses the
//! whole file, and on failure re-parses item by item so that every item's first syntax error is
//! reported, then hands the pairs to `lower`.

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest_derive::Parser;

use super::error::SyntaxError;
use super::rule_names::{
    human_name, is_clause_rule, is_item_rule, is_operand_rule, is_operator_rule,
};
use crate::span::Span;

/// The grammar, generated from `grammar/pathway.pest`.
#[derive(Parser)]
#[grammar = "../../grammar/pathway.pest"]
pub struct PathwayParser;

/// Words that start a top-level item at the beginning of a line.
pub const ITEM_KEYWORDS: [&str; 13] = [
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
    "score",
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

/// Parses the part `within` of `source` with `rule`. Errors point into the whole `source`, so
/// that what follows the part (the next declaration) can be named in them.
pub fn parse_rule<'i>(
    rule: Rule,
    source: &'i str,
    within: Span,
) -> Result<pest::iterators::Pairs<'i, Rule>, SyntaxError> {
    // The literal tokens pest expected (`:`, `}`, `because`, ...) are only recorded with error
    // detail on. The switch is process-wide; it is only ever turned on, so every parse in a
    // process reports the same messages for the same text.
    pest::set_error_detail(true);
    let text = source.get(within.start..within.end).unwrap_or("");
    PathwayParser::parse(rule, text).map_err(|error| convert_error(&error, rule, source, within))
}

/// Re-parses every chunk on its own to find the first error of each item. Chunks in `skip`
/// were refused already (by the limits) and are not parsed.
pub fn errors_by_item(source: &str, skip: &[Span]) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    for chunk in chunks(source) {
        if skip.contains(&chunk.span) {
            continue;
        }
        if !chunk.is_item {
            let text = &source[chunk.span.start..chunk.span.end];
            errors.push(SyntaxError::StrayText { at: stray_span(text, chunk.span.start).into() });
            continue;
        }
        if let Err(error) = parse_rule(Rule::single_item, source, chunk.span) {
            errors.push(error);
        }
    }
    errors
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

/// The first line of stray text that is not a comment: the rest is likely more of the same.
fn stray_span(text: &str, offset: usize) -> Span {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if !content.is_empty() && !content.starts_with("//") {
            let start = line_start + (line.len() - line.trim_start().len());
            return Span::new(offset + start, offset + start + content.len());
        }
        line_start += line.len();
    }
    Span::new(offset, offset)
}

/// Turns a pest error into a diagnostic in words. `rule` is what was parsed: in a
/// `single_item`, the end of the input is the end of one declaration, not of the file.
fn convert_error(
    error: &pest::error::Error<Rule>,
    rule: Rule,
    source: &str,
    within: Span,
) -> SyntaxError {
    let text = source.get(within.start..within.end).unwrap_or("");
    let mut position = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let positives: &[Rule] = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    };
    let literals = expected_literals(error);
    let mut names: Vec<String> = Vec::new();
    match error.parse_attempts() {
        // pest names rules only where a whole rule failed; a literal such as the `:` of a fact
        // can fail further on, and that is where the author went wrong.
        Some(attempts) if attempts.max_position > position && !literals.is_empty() => {
            position = attempts.max_position;
            names.extend(literals.iter().map(|token| describe_literal(token)));
        }
        _ => {
            names.extend(describe_rules(positives, rule == Rule::single_item));
            // Punctuation the rules do not cover, such as the `)` that closes a parenthesis.
            names.extend(
                literals
                    .iter()
                    .filter(|token| PUNCTUATION.contains(&token.as_str()))
                    .map(|token| describe_literal(token)),
            );
        }
    }
    names.dedup();
    let absolute = within.start + position;
    if let Some(start) = unclosed_string(source, absolute) {
        let end = source[start..].find('\n').map_or(source.len(), |i| start + i);
        return SyntaxError::UnterminatedString { at: Span::new(start, end).into() };
    }
    let expected = join_or(&names);
    let (found, length) = describe_found(source, absolute);
    let help = help_for(&expected, &found, item_keyword(text));
    SyntaxError::Unexpected {
        expected,
        found,
        help,
        at: Span::new(absolute, absolute + length).into(),
    }
}

/// The literal tokens pest expected, without whitespace and comment starts.
fn expected_literals(error: &pest::error::Error<Rule>) -> Vec<String> {
    let Some(attempts) = error.parse_attempts() else { return Vec::new() };
    // pest does not export its token type, but displays it: literals as themselves. Character
    // ranges are left out: the double negation in `ident = !keyword` (and `keyword` ends in
    // `!ident_char`) records the letters after a keyword as expected, which they are not.
    let mut tokens: Vec<String> = attempts
        .expected_tokens()
        .into_iter()
        .map(|token| token.to_string())
        .filter(|token| {
            !token.trim().is_empty()
                && !token.contains("..")
                && !matches!(token.as_str(), "//" | "_" | "\"" | "BUILTIN_RULE")
        })
        .collect();
    tokens.dedup();
    tokens
}

fn describe_literal(token: &str) -> String {
    format!("`{token}`")
}

/// Punctuation that closes or separates, which no rule of its own names.
const PUNCTUATION: [&str; 5] = [")", "}", "{", ":", ","];

/// The start of a string that opens on the line of `position`, no later than it, and is not
/// closed on that line: the cause of an error there, whatever pest expected.
fn unclosed_string(source: &str, position: usize) -> Option<usize> {
    let line_start = source.get(..position)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[line_start..].find('\n').map_or(source.len(), |i| line_start + i);
    let line = &source[line_start..line_end];
    let mut open: Option<usize> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (open, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(_), '"') => open = None,
            (None, '"') => open = Some(i),
            (None, '/') if chars.peek().is_some_and(|(_, next)| *next == '/') => break,
            _ => {}
        }
    }
    open.map(|i| line_start + i).filter(|start| *start <= position)
}

/// The keyword of the item that holds the error, which says what shape it should have.
fn item_keyword(text: &str) -> Option<&'static str> {
    let first = text.trim_start().split(|c: char| !c.is_ascii_alphanumeric()).next()?;
    ITEM_KEYWORDS.iter().copied().find(|keyword| *keyword == first)
}

/// "a name, `:` or a quoted string", with groups of rules said as one phrase.
fn describe_rules(positives: &[Rule], in_item: bool) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    };
    let count = |group: fn(Rule) -> bool| positives.iter().filter(|r| group(**r)).count();
    let items = count(is_item_rule);
    let operators = count(is_operator_rule);
    let clauses = count(is_clause_rule);
    let operands = count(is_operand_rule);
    let is_type = positives.contains(&Rule::type_bool) && positives.contains(&Rule::type_set);
    for &rule in positives {
        match rule {
            // Inside one declaration the end of the input is where the next one starts; it is
            // worth saying only when nothing else would do.
            Rule::EOI if in_item && positives.len() > 1 => {}
            Rule::EOI if in_item => push("the end of the declaration"),
            r if is_item_rule(r) && items > 2 => push(
                "a declaration (`pathway`, `enum`, `fact`, `constraint`, `condition`, `xref`, `recommend`, `informational`, `assert`, `together`, `alternatives`, `scope` or `score`)",
            ),
            r if is_operator_rule(r) && operators > 2 => {
                push("an operator such as `and`, `or` or `==`")
            }
            r if is_clause_rule(r) && clauses > 2 => push(
                "a recommendation clause (`when`, `cites`, `see`, `dose`, `forbids` or a timing)",
            ),
            r if is_operand_rule(r) && operands > 2 => push(human_name(Rule::operand)),
            // `optional` and the numeric types are part of "a type", which names them.
            Rule::ident
            | Rule::type_bool
            | Rule::type_set
            | Rule::type_number
            | Rule::number_whole
            | Rule::number_decimal
            | Rule::optional
                if is_type =>
            {
                push(human_name(Rule::fact_type))
            }
            // A score's criterion may start with its weight: a number, as an operand may.
            Rule::number if operands > 2 => push(human_name(Rule::operand)),
            r => push(human_name(r)),
        }
    }
    names
}

/// "a, b or c"; ", or" before the last when a phrase holds an "or" of its own.
fn join_or(names: &[String]) -> String {
    match names {
        [] => "something else".to_string(),
        [one] => one.clone(),
        [init @ .., last] => {
            let comma = if init.iter().any(|n| n.contains(" or ")) { "," } else { "" };
            format!("{}{comma} or {last}", init.join(", "))
        }
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
    if first.is_control() || first == '\u{FFFD}' || first.is_whitespace() {
        return (format!("the character U+{:04X}", u32::from(first)), first.len_utf8());
    }
    (format!("`{first}`"), first.len_utf8())
}

/// Words the grammar reserves, so they cannot be names.
const RESERVED_WORDS: [&str; 16] = [
    "and", "or", "not", "implies", "iff", "in", "is", "empty", "true", "false", "when", "cites",
    "see", "dose", "within", "after",
];

/// A hint for the commonest causes of an error, else the shape of the declaration it is in.
fn help_for(expected: &str, found: &str, item: Option<&str>) -> String {
    let word = found.strip_prefix('`').and_then(|f| f.strip_suffix('`')).unwrap_or("");
    if expected.contains("a name") && RESERVED_WORDS.contains(&word) {
        return format!(
            "`{word}` is a reserved word; names are letters, digits and underscores, and cannot be {}",
            join_or(&RESERVED_WORDS.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>())
        );
    }
    if word == "=" {
        return "to compare, write `==` (or `!=` for \"is not\")".to_string();
    }
    let wants_operand = expected.contains(human_name(Rule::operand)) || expected == "a condition";
    if wants_operand && RESERVED_WORDS.contains(&word) {
        return format!(
            "the condition is not complete: `{word}` is a reserved word (it starts a clause or is an operator), not a fact or condition"
        );
    }
    if expected.contains("`)`") {
        return "every `(` needs its `)`".to_string();
    }
    if expected.starts_with("a unit") {
        return "a dose reads `dose 16 mg`, a timing `within 24 hours`".to_string();
    }
    if expected.contains("how often") || expected == "`a`" || expected == "`day`" {
        return "a step of a dose schedule reads `500 mg three times a day for 5 days`; the frequency is `once`, `twice`, `three times`, `four times` or `<number> times`, then `a day`".to_string();
    }
    if expected.starts_with("a whole number") {
        return "a timing reads `within 24 hours`, with a whole number and a unit of time"
            .to_string();
    }
    if expected == human_name(Rule::string) && found != "a string" {
        return "text is written in double quotes, such as `\"Offer tea to every visitor.\"`"
            .to_string();
    }
    if expected.contains("strength") {
        return "a recommendation reads `recommend id: offer \"text\"`; strengths are `do`, `offer`, `consider`, `ensure`, `refer`, `do not`, `do not offer` and `do not consider`".to_string();
    }
    match item {
        Some("pathway") => "the header reads `pathway name { title \"...\" guideline \"file.txt\" }`, and may also give `publisher \"...\"` and `version \"...\"`".to_string(),
        Some("enum") => "an enum reads `enum name { value, value }`, with at least one value".to_string(),
        Some("fact") => "a fact reads `fact name: type \"description\"`; the type is `bool`, the name of an enum, `set of <enum>`, or a number such as `whole years in 0 to 130` or `decimal mmol/L in 0 to 100`, after `optional` when it may be unknown".to_string(),
        Some("score") => "a score reads `score name \"description\": criterion, 2 for criterion`: the sum of the weights of the criteria that hold".to_string(),
        Some("constraint") => "a constraint reads `constraint name \"description\": <condition>`".to_string(),
        Some("condition") => "a condition reads `condition name \"description\": <condition> cites \"...\"`".to_string(),
        Some("xref") => "a cross-reference reads `xref name: \"title\" url \"...\" cites \"...\"`".to_string(),
        Some("recommend") => "after the text come clauses: `when <condition>`, `cites \"...\"`, `see <xref>`, `dose 16 mg`, `dose \"drug\" oral: 500 mg twice a day for 5 days`, `forbids <recommendation>`, and a timing such as `within 1 week`, `within 3 to 5 days`, `after 1 week`, `immediately`, `as soon as possible`, `on admission`, `from diagnosis onwards` or `urgent`".to_string(),
        Some("informational") => "an informational sentence reads `informational \"the sentence\" because \"why it carries no logic\"`".to_string(),
        Some("assert") => "an assertion reads `assert name \"description\": <condition over facts, conditions and recommendations>`".to_string(),
        Some("together") => "an intended overlap reads `together name \"why\": rec_a, rec_b`, optionally `with rec_c, group`".to_string(),
        Some("alternatives") => "alternatives read `alternatives name \"why\": rec_a, rec_b`".to_string(),
        Some("scope") => "a scope reads `scope name \"description\": <condition>`: inputs where some recommendation must apply".to_string(),
        _ => "every declaration starts at the beginning of a line with `pathway`, `enum`, `fact`, `constraint`, `condition`, `xref`, `recommend`, `informational`, `assert`, `together`, `alternatives`, `scope` or `score`".to_string(),
    }
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
