//! Characters that are unsafe to show as they are, shared by every place that echoes text from
//! a pathway, a guideline or a facts document: the escapes of the backends, the terminal
//! reports, and the messages about refused facts.

/// Characters that reorder or hide text: bidirectional controls, zero-width marks and the byte
/// order mark. Shown raw, they make a document display one thing and mean another.
pub fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Whether a character must not reach a reader raw: a control character (C0 or C1, such as
/// the CSI that starts terminal escape sequences) or an invisible one.
pub fn is_unsafe_to_show(c: char) -> bool {
    c.is_control() || is_invisible_control(c)
}

/// Text safe to print on a terminal: unsafe characters become `\u{..}`, so input cannot move
/// the cursor, recolour the screen or hide words.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe_to_show(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_controls_and_marks() {
        assert_eq!(for_terminal("a\u{1b}[2Jb\u{202E}c"), "a\\u{1b}[2Jb\\u{202e}c");
        assert_eq!(for_terminal("plain é"), "plain é");
    }
}
