//! Source spans, shared by every stage: byte ranges into the pathway text, and the `Node`
//! wrapper that carries one beside every AST and IR value without taking part in equality.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// A byte range `start..end` into the pathway source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span that covers both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The span moved `offset` bytes to the right (for text parsed out of a larger file).
    pub fn shifted(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start.into(), span.len())
    }
}

/// A value with the span it came from. Equality and hashing look at the value only, so two
/// trees that differ only in layout compare equal (cedar's `Node<T>`, starlark's `Spanned<T>`).
#[derive(Clone, Copy, Default)]
pub struct Node<T> {
    /// The value.
    pub node: T,
    /// Where it is in the source.
    pub span: Span,
}

impl<T> Node<T> {
    /// Wraps `node` with its `span`.
    pub const fn new(node: T, span: Span) -> Self {
        Node { node, span }
    }

    /// Maps the value, keeping the span.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Node<U> {
        Node::new(f(self.node), self.span)
    }
}

impl<T: PartialEq> PartialEq for Node<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

impl<T: Eq> Eq for Node<T> {}

impl<T: Hash> Hash for Node<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.node.hash(state);
    }
}

impl<T: fmt::Debug> fmt::Debug for Node<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}@{}..{}", self.node, self.span.start, self.span.end)
    }
}

/// 1-based line and column (in characters) of a byte offset, for JSON diagnostics and reports.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or_else(|| {
        // The offset is inside a character: count up to the start of that character.
        let mut boundary = offset;
        while !text.is_char_boundary(boundary) {
            boundary -= 1;
        }
        &text[..boundary]
    });
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_compare_by_value_only() {
        assert_eq!(Node::new(1, Span::new(0, 1)), Node::new(1, Span::new(5, 9)));
        assert_ne!(Node::new(1, Span::new(0, 1)), Node::new(2, Span::new(0, 1)));
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\ncé d";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // `d` is after a two-byte `é`.
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 99), (2, 5));
    }
}
