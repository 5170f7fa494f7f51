//! Escaping of text from the pathway and the guideline for every language it lands in. Every
//! backend goes through these functions; none writes source text out raw.

/// Characters that reorder or hide text (bidirectional controls, zero-width marks); they are
/// shown as numeric references so a document cannot display one thing and mean another.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Text for a Markdown paragraph or table cell: inline syntax is backslash-escaped, line breaks
/// become spaces, HTML is neutralised, invisible controls become numeric references.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if is_invisible_control(c) || c.is_control() => {
                out.push_str(&format!("&#x{:X};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A Rust string literal (with its quotes) holding exactly `text`: Rust's own escaping, which
/// turns quotes, backslashes, control and invisible characters into escapes.
pub fn rust_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if is_invisible_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.extend(c.escape_debug());
        }
    }
    out.push('"');
    out
}

/// Text for a `///` doc comment line: Markdown-escaped, so nothing becomes a code block that
/// rustdoc would compile as a doctest, a link, or HTML.
pub fn rust_doc(text: &str) -> String {
    // Leading spaces would make an indented code block: escaping folds newlines and tabs to
    // spaces, and the trim removes what could indent.
    markdown_inline(text).trim().to_string()
}

/// Text for a DOT HTML-like label (`label=<...>`): XML entities for markup characters,
/// numeric references for controls.
pub fn dot_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if is_invisible_control(c) || c.is_control() => {
                out.push_str(&format!("&#{};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A DOT double-quoted string (with its quotes): quotes and backslashes escaped, so DOT's
/// `\N`, `\G` and `\l` stay literal text.
pub fn dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if is_invisible_control(c) || c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_neutralises_tables_code_and_html() {
        assert_eq!(markdown_inline("a | b"), "a \\| b");
        assert_eq!(markdown_inline("`x`"), "\\`x\\`");
        assert_eq!(markdown_inline("</script>"), "\\</script\\>");
        assert_eq!(markdown_inline("[a](javascript:x)"), "\\[a\\](javascript:x)");
        assert_eq!(markdown_inline("a\r\nb"), "a  b");
        assert_eq!(markdown_inline("x\u{202E}y"), "x&#x202E;y");
    }

    #[test]
    fn rust_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(rust_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(rust_string("a\rb"), "\"a\\rb\"");
        assert_eq!(rust_string("\u{202E}"), "\"\\u{202e}\"");
        assert_eq!(rust_string("{{ }}"), "\"{{ }}\"");
    }

    #[test]
    fn doc_lines_cannot_open_code_blocks() {
        assert_eq!(rust_doc("    let x = 1;"), "let x = 1;");
        assert_eq!(rust_doc("```rust"), "\\`\\`\\`rust");
    }

    #[test]
    fn dot_labels_stay_literal() {
        assert_eq!(dot_string("a\\Nb\"c"), "\"a\\\\Nb\\\"c\"");
        assert_eq!(dot_html("<b>&</b>"), "&lt;b&gt;&amp;&lt;/b&gt;");
    }
}
