//! The syntax stage: pathway source text to an AST with spans. Only this module knows pest;
//! what it returns is plain data (`ast::File`) or diagnostics.

pub mod ast;
pub mod error;
mod limits;
mod lower;
mod parser;
mod rule_names;

pub use error::SyntaxError;
use parser::Rule;
pub use rule_names::human_name;

use crate::span;

/// Every grammar rule with its human name, for tools and tests that list them.
pub fn rule_names() -> Vec<(String, &'static str)> {
    rule_names::every_rule()
        .into_iter()
        .map(|rule| (format!("{rule:?}"), human_name(rule)))
        .collect()
}

/// Parses a pathway file. On failure it returns every item's first syntax error.
pub fn parse(source: &str) -> Result<ast::File, Vec<SyntaxError>> {
    let chunks = parser::chunks(source);
    let limit_errors: Vec<(span::Span, SyntaxError)> = chunks
        .iter()
        .filter_map(|chunk| limits::check(source, *chunk).map(|error| (chunk.span, error)))
        .collect();
    if !limit_errors.is_empty() {
        // The deep items would overflow the parser's stack: report them, and the first error of
        // every other item, without parsing the deep ones at all.
        let skip: Vec<span::Span> = limit_errors.iter().map(|(span, _)| *span).collect();
        let mut errors: Vec<(usize, SyntaxError)> =
            limit_errors.into_iter().map(|(span, error)| (span.start, error)).collect();
        errors.extend(parser::errors_by_item(source, &skip).into_iter().map(|e| (start_of(&e), e)));
        errors.sort_by_key(|(start, _)| *start);
        return Err(parser::cap(errors.into_iter().map(|(_, error)| error).collect()));
    }
    match parser::parse_rule(Rule::file, source, span::Span::new(0, source.len())) {
        Ok(mut pairs) => {
            let Some(file) = pairs.next() else {
                unreachable!("grammar rule `file` always produces one pair")
            };
            let mut lowerer = lower::Lowerer::default();
            let ast = lowerer.lower_file(file);
            if lowerer.errors.is_empty() { Ok(ast) } else { Err(parser::cap(lowerer.errors)) }
        }
        Err(first) => {
            let mut errors = parser::cap(parser::errors_by_item(source, &[]));
            if errors.is_empty() {
                // Every item parses alone, so the whole-file error is the one to report.
                errors.push(first);
            }
            Err(errors)
        }
    }
}

/// Where an error starts, to keep errors of several kinds in source order.
fn start_of(error: &SyntaxError) -> usize {
    use miette::Diagnostic as _;
    error.labels().and_then(|mut labels| labels.next()).map_or(0, |label| label.offset())
}
