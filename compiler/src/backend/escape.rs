//! Escaping of text from the pathway and the guideline for every language it lands in. Every
//! backend goes through these functions; none writes source text out raw.

use crate::text::is_invisible_control;

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
                // Shown, not obeyed: a numeric reference would become the character again
                // when the Markdown is rendered.
                out.push_str(&format!("\\<U+{:04X}\\>", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    escape_block_start(out)
}

/// Escapes what would make the start of a line a list item, a heading underline or a thematic
/// break (`- x`, `+ x`, `1. x`, `2) x`, `===`): where escaped text begins a paragraph, it stays
/// a paragraph. (`*`, `#` and `>` are escaped everywhere already.)
fn escape_block_start(text: String) -> String {
    let start = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[start..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    // A list marker counts only before a space or the end of the line (`0.5 mg` is no list);
    // a line of nothing but `=` or `-` would underline the line before it as a heading.
    let ends_marker = |at: usize| rest.as_bytes().get(at + 1).is_none_or(|b| *b == b' ');
    let underline = !rest.trim_end().is_empty()
        && (rest.trim_end().bytes().all(|b| b == b'=' || b == b' ')
            || rest.trim_end().bytes().all(|b| b == b'-' || b == b' '));
    let marker = match rest.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 && ends_marker(digits) => Some(start + digits),
        Some(b'-' | b'+') if digits == 0 && ends_marker(0) => Some(start),
        Some(b'=' | b'-') if digits == 0 && underline => Some(start),
        _ => None,
    };
    match marker {
        Some(at) => format!("{}\\{}", &text[..at], &text[at..]),
        None => text,
    }
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
    // spaces, and the trim removes what could indent. An escaped colon keeps an address
    // quoted from the guideline from being a bare URL, which rustdoc warns about.
    // Runs of spaces fold to one, so no line can be indented into a code block either.
    let escaped = markdown_inline(text).replace("://", "\\://");
    let folded: Vec<&str> = escaped.split(' ').filter(|word| !word.is_empty()).collect();
    escape_block_start(folded.join(" "))
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
            // Graphviz replaces `\N`, `\G` and friends even inside HTML-like labels (after
            // decoding entities), and reads `\\` as one backslash.
            '\\' => out.push_str("\\\\"),
            '\r' | '\n' | '\t' => out.push(' '),
            // Shown, not obeyed: a right-to-left override would reverse the rest of a label.
            c if is_invisible_control(c) || c.is_control() => {
                out.push_str(&format!("&lt;U+{:04X}&gt;", u32::from(c)));
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

/// Text for a `//` line comment (Rust, DOT): one line, so nothing after it can become code.
/// Line breaks and tabs become spaces; other controls and invisible marks become `\u{..}`.
pub fn line_comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' | '\t' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push(' '),
            c if is_invisible_control(c) || c.is_control() => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for the inside of an HTML (or SVG) comment `<!-- ... -->`: one line, and no `<` or `>`,
/// so the comment cannot be closed early.
pub fn html_comment(text: &str) -> String {
    line_comment(text).replace('<', "&lt;").replace('>', "&gt;")
}

/// An inline code span holding `text`, for names and rendered expressions: a fence of one more
/// backtick than the longest run inside, spaces added when the text starts or ends with a
/// backtick. Line breaks and other controls become spaces.
pub fn code_span(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() || is_invisible_control(c) { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// A [`code_span`] that is also safe in a table cell: `|` escaped, which GitHub's tables
/// require even inside code.
pub fn markdown_code(text: &str) -> String {
    code_span(text).replace('|', "\\|")
}

/// The destination of a Markdown link, or `None` when `url` is not an absolute `http` or
/// `https` address (a `javascript:` or `data:` URL must never become a link). Characters that
/// could end the destination or break a table (spaces, brackets, parentheses, quotes, `|`,
/// backslashes, controls, non-ASCII) are percent-encoded.
pub fn markdown_url(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    // A host must follow the scheme.
    if rest.is_empty() || rest.starts_with('/') {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => out.push(char::from(byte)),
            b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'?' | b'#' | b'@' | b'!' | b'$' | b'&'
            | b'\'' | b'*' | b'+' | b',' | b';' | b'=' | b'%' => out.push(char::from(byte)),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    Some(out)
}

/// Whether a URL may become a link in a generated document: absolute `http` or `https`.
pub fn is_web_url(url: &str) -> bool {
    markdown_url(url).is_some()
}

/// A TOML basic string (with its quotes) holding exactly `text`.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || is_invisible_control(c) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for XML character data or a double-quoted attribute (JUnit reports): markup
/// characters as entities; line breaks and tabs kept; other control characters, which XML 1.0
/// cannot hold even as references, and invisible ones shown as `<U+XXXX>`.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if c.is_control()
                || is_invisible_control(c)
                || matches!(c, '\u{FFFE}' | '\u{FFFF}') =>
            {
                out.push_str(&format!("&lt;U+{:04X}&gt;", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_shows_controls() {
        assert_eq!(xml_text("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml_text("line\n\tnext\r"), "line\n\tnext&#13;");
        assert_eq!(xml_text("\u{1b}[2J\u{202e}"), "&lt;U+001B&gt;[2J&lt;U+202E&gt;");
    }

    #[test]
    fn text_that_starts_a_line_stays_a_paragraph() {
        assert_eq!(markdown_inline("- item"), "\\- item");
        assert_eq!(markdown_inline("+ item"), "\\+ item");
        assert_eq!(markdown_inline("12. item"), "12\\. item");
        assert_eq!(markdown_inline("3) item"), "3\\) item");
        assert_eq!(markdown_inline("==="), "\\===");
        assert_eq!(markdown_inline("a - b"), "a - b");
        assert_eq!(markdown_inline("2026"), "2026");
        assert_eq!(markdown_inline("0.5 mcg"), "0.5 mcg");
        assert_eq!(markdown_inline("-5 degrees"), "-5 degrees");
        assert_eq!(markdown_inline("- - -"), "\\- - -");
        assert_eq!(markdown_inline("---"), "\\---");
        // The fuzzer's find: list markers on folded lines, then an indented code block.
        assert_eq!(rust_doc("+\n+\n+\n             x"), "\\+ + + x");
    }

    #[test]
    fn markdown_neutralises_tables_code_and_html() {
        assert_eq!(markdown_inline("a | b"), "a \\| b");
        assert_eq!(markdown_inline("`x`"), "\\`x\\`");
        assert_eq!(markdown_inline("</script>"), "\\</script\\>");
        assert_eq!(markdown_inline("[a](javascript:x)"), "\\[a\\](javascript:x)");
        assert_eq!(markdown_inline("a\r\nb"), "a  b");
        assert_eq!(markdown_inline("x\u{202E}y"), "x\\<U+202E\\>y");
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
        assert_eq!(rust_doc("see https://x.org"), "see https\\://x.org");
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(line_comment("a\nfn x() {}\r"), "a fn x() {} ");
        assert_eq!(line_comment("x\u{202E}"), "x\\u{202e}");
        assert_eq!(html_comment("a --> <b>"), "a --&gt; &lt;b&gt;");
    }

    #[test]
    fn code_spans_outlast_backticks_and_pipes() {
        assert_eq!(markdown_code("a == b"), "`a == b`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("a|b\nc"), "`a\\|b c`");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            markdown_url("https://www.nice.org.uk/guidance/ng234").as_deref(),
            Some("https://www.nice.org.uk/guidance/ng234")
        );
        assert_eq!(
            markdown_url("HTTP://a.b/x y(1)|\\"),
            Some("HTTP://a.b/x%20y%281%29%7C%5C".into())
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript://x",
            "data:text/html,x",
            "https://",
            "ftp://a",
            "/x",
            "http:///x",
        ] {
            assert_eq!(markdown_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn toml_strings_escape_quotes_and_controls() {
        assert_eq!(toml_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\u000Ad\"");
    }

    #[test]
    fn dot_labels_stay_literal() {
        assert_eq!(dot_string("a\\Nb\"c"), "\"a\\\\Nb\\\"c\"");
        assert_eq!(dot_html("<b>&</b>"), "&lt;b&gt;&amp;&lt;/b&gt;");
        assert_eq!(dot_html("\\N \u{202E}"), "\\\\N &lt;U+202E&gt;");
    }
}
