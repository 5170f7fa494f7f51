//! Bounds checked on the raw text before pest sees it. The parser and every later stage recurse
//! over nested expressions, so nesting and operator counts are capped here, where a lexical scan
//! in one pass can refuse a hostile input with a diagnostic instead of a stack overflow.

use super::error::SyntaxError;
use super::parser::Chunk;
use crate::span::Span;

/// The deepest nesting of parentheses and braces in one item.
pub const MAX_DEPTH: usize = 64;
/// The most operators (and, or, not, ...) in one item.
pub const MAX_OPERATORS: usize = 1_000;

/// Checks one item's text; `chunk` gives its place in the file.
pub fn check(source: &str, chunk: Chunk) -> Option<SyntaxError> {
    let text = &source[chunk.span.start..chunk.span.end];
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut operators = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let at = chunk.span.start + i;
                    return Some(SyntaxError::TooDeep {
                        limit: MAX_DEPTH,
                        at: Span::new(at, at + 1).into(),
                    });
                }
            }
            b')' | b'}' => depth = depth.saturating_sub(1),
            b'=' | b'!' if bytes.get(i + 1) == Some(&b'=') => {
                operators += 1;
                i += 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if matches!(&text[start..i], "and" | "or" | "not" | "implies" | "iff" | "in" | "is")
                {
                    operators += 1;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (operators > MAX_OPERATORS).then(|| SyntaxError::TooComplex {
        limit: MAX_OPERATORS,
        at: first_line(text, chunk.span.start).into(),
    })
}

/// Index of the closing quote of the string that opens at `start` (or of the end of the line
/// when it is unterminated, which the parser then reports).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' | b'\n' => return i,
            _ => i += 1,
        }
    }
    i
}

fn first_line(text: &str, offset: usize) -> Span {
    let end = text.find('\n').unwrap_or(text.len());
    Span::new(offset, offset + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(text: &str) -> Chunk {
        Chunk { span: Span::new(0, text.len()), is_item: true }
    }

    #[test]
    fn deep_parentheses_are_refused() {
        let text = format!("condition c: {}a{}", "(".repeat(65), ")".repeat(65));
        assert!(matches!(check(&text, chunk(&text)), Some(SyntaxError::TooDeep { .. })));
        let text = format!("condition c: {}a{}", "(".repeat(64), ")".repeat(64));
        assert_eq!(check(&text, chunk(&text)), None);
    }

    #[test]
    fn parentheses_in_strings_and_comments_do_not_count() {
        let text = format!("condition c \"{}\": a // {}\n", "(".repeat(99), "(".repeat(99));
        assert_eq!(check(&text, chunk(&text)), None);
    }

    #[test]
    fn long_operator_chains_are_refused() {
        let text = format!("condition c: {}a", "not ".repeat(1_001));
        assert!(matches!(check(&text, chunk(&text)), Some(SyntaxError::TooComplex { .. })));
    }
}
