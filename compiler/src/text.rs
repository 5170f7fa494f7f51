//! Characters that are unsafe to show as they are, shared by every place that echoes text from
//! a pathway, a guideline or a facts document: the escapes of the backends, the terminal
//! reports, and the messages about refused facts; and the two ways a message shows guideline
//! text, shortened and as a word diff.

use similar::{ChangeTag, TextDiff};

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

/// Shortens long statements for messages: their first 100 characters and `...`.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 100;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let short: String = text.chars().take(MAX).collect();
    format!("{short}...")
}

/// A run of words in a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordRun {
    /// In both texts.
    Same,
    /// Only in the old text.
    Removed,
    /// Only in the new text.
    Added,
}

/// `old` against `new` word by word: runs of words (joined by single spaces) with what
/// happened to them; a removed run comes before the added run that replaces it.
pub fn word_runs(old: &str, new: &str) -> Vec<(WordRun, String)> {
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let diff = TextDiff::configure().diff_slices(&old_words, &new_words);
    let mut runs: Vec<(WordRun, Vec<&str>)> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => WordRun::Same,
            ChangeTag::Delete => WordRun::Removed,
            ChangeTag::Insert => WordRun::Added,
        };
        // A removal after an addition joins the removal before it, so that the removed
        // words of one change always come first.
        match runs.as_mut_slice() {
            [.., (last, words)] if *last == kind => words.push(change.value()),
            [.., (WordRun::Removed, removed), (WordRun::Added, _)] if kind == WordRun::Removed => {
                removed.push(change.value());
            }
            _ => runs.push((kind, vec![change.value()])),
        }
    }
    runs.into_iter().map(|(kind, words)| (kind, words.join(" "))).collect()
}

/// `old` against `new` word by word, as `git diff --word-diff` shows it: `[-removed-]`,
/// `{+added+}`, the rest as it is, words separated by single spaces (guideline statements are
/// normalised so). Runs of removed and added words are grouped, so a changed phrase reads as
/// one change.
pub fn word_diff(old: &str, new: &str) -> String {
    let mut out = String::with_capacity(old.len() + new.len());
    let mut previous = None;
    for (kind, words) in word_runs(old, new) {
        // A removed run is glued to the added run replacing it; anything else is spaced.
        if previous.is_some() && !(previous == Some(WordRun::Removed) && kind == WordRun::Added) {
            out.push(' ');
        }
        match kind {
            WordRun::Same => out.push_str(&words),
            WordRun::Removed => out.push_str(&format!("[-{words}-]")),
            WordRun::Added => out.push_str(&format!("{{+{words}+}}")),
        }
        previous = Some(kind);
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

    #[test]
    fn word_diff_groups_changed_phrases() {
        assert_eq!(
            word_diff("Carry out MRI within 1 week", "Carry out an MRI scan within 2 weeks"),
            "Carry out {+an+} MRI {+scan+} within [-1 week-]{+2 weeks+}"
        );
        assert_eq!(word_diff("same text", "same text"), "same text");
        assert_eq!(word_diff("", "new"), "{+new+}");
        assert_eq!(word_diff("gone", ""), "[-gone-]");
        assert_eq!(word_diff("a b", "a b c"), "a b {+c+}");
        assert_eq!(word_diff("a b c", "a c"), "a [-b-] c");
    }
}
