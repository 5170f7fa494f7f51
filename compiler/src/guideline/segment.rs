//! Guideline segmentation, the first stage of guideline coverage: splits the text exactly as a
//! PDF extraction delivers it into statements (bullets and stand-alone sentences), joins lines
//! the extraction broke, and gives each statement a stable id.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Guideline, GuidelineError, Statement, StatementId, normalise};

/// Most characters a statement may have.
const MAX_STATEMENT_CHARS: usize = 4_000;
/// Most statements a guideline may have.
const MAX_STATEMENTS: usize = 20_000;
/// Most control-character errors reported, so a binary file does not drown the output.
const MAX_CONTROL_REPORTS: usize = 20;
/// Characters of a too-long statement quoted in its error.
const EXCERPT_CHARS: usize = 40;

/// Bullet markers that need nothing after them.
const BULLETS: [char; 5] = ['•', '●', '▪', '◦', '‣'];
/// Bullet markers that are only bullets when whitespace follows (`- `, `* `).
const ASCII_BULLETS: [char; 2] = ['-', '*'];
/// The byte order mark some editors put at the start of a UTF-8 file.
const BOM: char = '\u{feff}';
/// Whitespace that pdftotext and word processors write: a form feed at each page break, a
/// vertical tab for a line break inside a paragraph.
const FORM_FEED: char = '\u{c}';
/// See [`FORM_FEED`].
const VERTICAL_TAB: char = '\u{b}';
/// Words ending in a full stop that do not end a sentence, compared case-insensitively.
const ABBREVIATIONS: [&str; 10] =
    ["e.g.", "i.e.", "etc.", "dr.", "approx.", "vs.", "no.", "cf.", "fig.", "al."];

/// A statement as gathered from lines, before sentence splitting.
struct Draft {
    /// Its lines, as indices into the pieces `gather` returns alongside.
    pieces: Range<usize>,
    bullet: bool,
}

/// Splits the text into statements. Errors (all of them, not only the first) for malformed input.
pub fn segment(text: &str) -> Result<Guideline, Vec<GuidelineError>> {
    let mut errors = control_characters(text);
    let (pieces, drafts) = gather(text);
    let mut statements = Vec::new();
    let mut scratch = Scratch::default();
    for draft in drafts {
        if statements.len() > MAX_STATEMENTS {
            // Enough to report; segmenting the rest of a huge text would only cost memory.
            break;
        }
        let lines = pieces.get(draft.pieces).unwrap_or_default();
        split_sentences(text, lines, draft.bullet, &mut scratch, &mut statements);
    }
    let mut line_at = line_counter(text);
    for s in &mut statements {
        s.line = line_at(s.span.start);
        // Bytes bound characters from above, so most statements skip the count.
        let chars = if s.text.len() > MAX_STATEMENT_CHARS { s.text.chars().count() } else { 0 };
        if chars > MAX_STATEMENT_CHARS {
            errors.push(GuidelineError::StatementTooLong {
                excerpt: format!(
                    "{}…",
                    s.text.chars().take(EXCERPT_CHARS).collect::<String>().trim_end()
                ),
                line: s.line,
                chars,
                max: MAX_STATEMENT_CHARS,
                span: s.span.clone().into(),
            });
        }
    }
    if let Some(first_over) = statements.get(MAX_STATEMENTS) {
        errors.push(GuidelineError::TooManyStatements {
            max: MAX_STATEMENTS,
            span: first_over.span.clone().into(),
        });
    }
    if statements.is_empty() {
        errors.push(GuidelineError::Empty);
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let keys: Vec<(u64, String)> = statements
        .iter()
        .map(|s| {
            let key = s.text.to_lowercase();
            (fnv1a(&key), key)
        })
        .collect();
    for (s, id) in statements.iter_mut().zip(assign_ids(&keys)) {
        s.id = id;
    }
    Ok(Guideline::new(statements))
}

/// The 1-based line of a byte offset, for offsets asked in increasing order: counting only the
/// newlines since the previous offset keeps a whole pass linear.
fn line_counter(text: &str) -> impl FnMut(usize) -> usize {
    let (mut counted_to, mut line) = (0, 1);
    move |offset| {
        let newlines = text.as_bytes().get(counted_to..offset).unwrap_or_default();
        line += newlines.iter().filter(|&&b| b == b'\n').count();
        counted_to = counted_to.max(offset);
        line
    }
}

/// One error per line holding a C0 control character other than the whitespace ones: tab, LF,
/// vertical tab, form feed (pdftotext ends every page with one) and CR.
fn control_characters(text: &str) -> Vec<GuidelineError> {
    let mut errors = Vec::new();
    let mut reported_line = 0;
    let mut line_at = line_counter(text);
    for (offset, c) in text.char_indices() {
        if c < ' ' && !matches!(c, '\t' | '\n' | VERTICAL_TAB | FORM_FEED | '\r') {
            let line = line_at(offset);
            if line != reported_line {
                reported_line = line;
                errors.push(GuidelineError::ControlCharacter {
                    shown: format!("U+{:04X}", u32::from(c)),
                    line,
                    span: (offset, c.len_utf8()).into(),
                });
                if errors.len() == MAX_CONTROL_REPORTS {
                    break;
                }
            }
        }
    }
    errors
}

/// Groups lines into drafts: a bullet starts one; any other line continues the previous one
/// when that ended in whitespace or this one starts in lower case (a PDF line break), or when
/// the previous was a bare bullet. A line that starts with a capital after a blank line starts
/// a new statement even when the previous line ended in whitespace, whether or not that line
/// ended a sentence: that is a new paragraph (the NICE footer ends without a full stop, and a
/// paragraph added after it must not hide inside it). Returns each line's trimmed content as a
/// raw byte range, and
/// the drafts as runs of those.
fn gather(text: &str) -> (Vec<Range<usize>>, Vec<Draft>) {
    let mut pieces = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut previous_open = false;
    // Whether a blank line came since the last line with text.
    let mut after_blank = false;
    let mut line_start = 0;
    for raw in text.split('\n') {
        let start = line_start;
        line_start += raw.len() + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        // Where the line ends in the raw text; pieces are measured back from there.
        let line_end = start + line.len();
        // A byte order mark is not text: without this, it would join the first statement and
        // change its id. Form feeds and vertical tabs are whitespace, so `trim_start` drops them.
        let line = if start == 0 { line.strip_prefix(BOM).unwrap_or(line) } else { line };
        let body = line.trim_start();
        if body.is_empty() {
            // Blank lines alone do not break a statement: extractions put them inside
            // sentences, before a lower-case continuation.
            after_blank = true;
            continue;
        }
        let (bullet, rest) = strip_bullet(body).map_or((false, body), |rest| (true, rest));
        let rest = rest.trim_start();
        let piece_start = line_end - rest.len();
        let piece = piece_start..piece_start + rest.trim_end().len();

        // A trailing space followed by a blank line and a capital is the end of a paragraph,
        // not a broken line: joining them would let a new paragraph hide inside the previous
        // statement, where a quote by its first words would not see it.
        let new_paragraph = after_blank && rest.starts_with(char::is_uppercase);
        let continues = !bullet
            && ((previous_open && !new_paragraph)
                || rest.starts_with(char::is_lowercase)
                || drafts.last().is_some_and(|d| d.pieces.is_empty()));
        // A page break is not the trailing space of a broken line: "care.\f" ends the line.
        previous_open = line.trim_end_matches(FORM_FEED).ends_with(char::is_whitespace);
        after_blank = false;
        let n = pieces.len();
        match drafts.last_mut() {
            Some(draft) if continues => draft.pieces.end = n + 1,
            // A bare bullet has no piece yet; the next line supplies it.
            _ => drafts.push(Draft { pieces: n..n + usize::from(!piece.is_empty()), bullet }),
        }
        if !piece.is_empty() {
            pieces.push(piece);
        }
    }
    (pieces, drafts)
}

/// The line after its bullet marker, if it starts with one.
fn strip_bullet(body: &str) -> Option<&str> {
    if let Some(rest) = body.strip_prefix(BULLETS) {
        return Some(rest);
    }
    body.strip_prefix(ASCII_BULLETS).filter(|rest| rest.starts_with(char::is_whitespace))
}

/// Buffers reused from draft to draft, so a text of many short statements allocates little.
#[derive(Default)]
struct Scratch {
    /// A draft's lines joined by single spaces.
    joined: String,
    /// Where each line starts, in `joined` and in the raw text.
    origins: Vec<(usize, usize)>,
}

/// Splits a draft (its lines and whether it is a bullet) into sentences and appends them as
/// statements; ids and line numbers come later.
fn split_sentences(
    text: &str,
    lines: &[Range<usize>],
    mut bullet: bool,
    scratch: &mut Scratch,
    out: &mut Vec<Statement>,
) {
    // Sentences are found in the joined lines, then mapped back to raw spans through `origins`.
    let Scratch { joined, origins } = scratch;
    joined.clear();
    origins.clear();
    for line in lines {
        if !joined.is_empty() {
            joined.push(' ');
        }
        origins.push((joined.len(), line.start));
        joined.push_str(text.get(line.clone()).unwrap_or_default());
    }
    let joined = joined.as_str();
    let raw = |at: usize| {
        let i = origins.partition_point(|&(j, _)| j <= at).saturating_sub(1);
        origins.get(i).map_or(at, |&(j, r)| r + at.saturating_sub(j))
    };

    // Appends a sentence; false once there are more than enough statements to report too many.
    let mut push = |range: Range<usize>| {
        let sentence = joined.get(range.clone()).unwrap_or_default();
        let Some((last, c)) = sentence.char_indices().next_back() else {
            return true;
        };
        out.push(Statement {
            id: StatementId(String::new()),
            text: normalise(sentence),
            line: 0,
            span: raw(range.start)..raw(range.start + last) + c.len_utf8(),
            // Only the first sentence of a bullet carries it.
            bullet: std::mem::take(&mut bullet),
            index: out.len(),
        });
        out.len() <= MAX_STATEMENTS
    };
    let mut start = 0;
    for (i, c) in joined.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some((head, tail)) = joined.split_at_checked(i + 1) else {
            continue;
        };
        let next = tail.trim_start();
        if next.len() == tail.len() || !next.starts_with(char::is_uppercase) {
            continue;
        }
        // The word ending at this full stop; words are disjoint, so this stays linear.
        let word = head.rsplit(char::is_whitespace).next().unwrap_or_default();
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        if c == '.' && ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a)) {
            continue;
        }
        if !push(start..head.len()) {
            return;
        }
        start = joined.len() - next.len();
    }
    push(start..joined.len());
}

/// 64-bit FNV-1a: tiny, and unlike std's hasher stable across releases and platforms.
pub(crate) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Ids for statements with these (hash, lowercased text) keys, in document order: `s-` and the
/// hash's top 6 hex digits, 10 when another text shares those 6, then `-2`, `-3`… on repeats.
fn assign_ids(keys: &[(u64, String)]) -> Vec<StatementId> {
    let short = |hash: u64| hash >> 40;
    let mut first_text: HashMap<u64, &str> = HashMap::new();
    let mut collided: HashSet<u64> = HashSet::new();
    for (hash, text) in keys {
        if *first_text.entry(short(*hash)).or_insert(text) != text.as_str() {
            collided.insert(short(*hash));
        }
    }
    // Counted per base id rather than per text, so even a full 64-bit collision stays unique.
    let mut seen: HashMap<String, usize> = HashMap::new();
    keys.iter()
        .map(|(hash, _)| {
            let base = if collided.contains(&short(*hash)) {
                format!("s-{:010x}", hash >> 24)
            } else {
                format!("s-{:06x}", short(*hash))
            };
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            StatementId(if *count == 1 { base } else { format!("{base}-{count}") })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        segment(text).unwrap().statements.into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn trailing_space_continues_the_line() {
        assert_eq!(texts("Contact the \nMSCC coordinator"), ["Contact the MSCC coordinator"]);
        assert_eq!(texts("Contact the\u{a0}\nMSCC coordinator"), ["Contact the MSCC coordinator"]);
        assert_eq!(texts("Contact the\nMSCC coordinator"), ["Contact the", "MSCC coordinator"]);
    }

    #[test]
    fn lowercase_start_continues_the_line() {
        assert_eq!(
            texts("Carry out MRI if spinal\nmetastases"),
            ["Carry out MRI if spinal metastases"]
        );
    }

    #[test]
    fn blank_lines_inside_a_sentence_are_skipped() {
        assert_eq!(
            texts("• Consider viewing of\n\n \nrecent images"),
            ["Consider viewing of recent images"]
        );
        assert_eq!(texts("Seek advice \n\n\nnow"), ["Seek advice now"]);
    }

    #[test]
    fn a_capital_after_a_blank_line_starts_a_new_paragraph() {
        // Even when the previous line ends in whitespace, as the NICE footer does.
        assert_eq!(texts("Seek advice \n\n\nNow"), ["Seek advice", "Now"]);
        assert_eq!(texts("Seek advice \n \u{a0}\nNow"), ["Seek advice", "Now"]);
        let footer = "This is a summary in the \nNICE guideline on spinal cord compression \n \n";
        assert_eq!(
            texts(footer),
            ["This is a summary in the NICE guideline on spinal cord compression"]
        );
        assert_eq!(
            texts(&format!("{footer}\nA new paragraph")),
            [
                "This is a summary in the NICE guideline on spinal cord compression",
                "A new paragraph"
            ]
        );
        // Without a blank line, the trailing space still joins a capital (a PDF line break).
        assert_eq!(texts("Contact the \nMSCC coordinator"), ["Contact the MSCC coordinator"]);
        // After a blank line, lower case still continues; a bare bullet still takes the line.
        assert_eq!(texts("Offer tea to \n\nthe person"), ["Offer tea to the person"]);
        assert_eq!(texts("• \n\nOffer tea"), ["Offer tea"]);
    }

    #[test]
    fn a_capital_after_a_blank_line_and_a_full_stop_starts_a_paragraph() {
        // The previous line ends in a space, which alone would join the next line to it.
        assert_eq!(texts("Offer tea. \n\nSee a doctor"), ["Offer tea.", "See a doctor"]);
        assert_eq!(texts("Why not? \n\nAsk"), ["Why not?", "Ask"]);
        assert_eq!(texts("Stop! \n\n\nWait"), ["Stop!", "Wait"]);
        // Even after an abbreviation, which does not end a sentence inside a line.
        assert_eq!(
            texts("Give analgesics, e.g. \n\nParacetamol"),
            ["Give analgesics, e.g.", "Paracetamol"]
        );
        // Without the blank line or the capital, the line still continues. (Without the full
        // stop it does not: a capital after a blank line is a new paragraph all the same, see
        // `a_capital_after_a_blank_line_starts_a_new_paragraph`.)
        assert_eq!(texts("Use e.g. \nParacetamol"), ["Use e.g. Paracetamol"]);
        assert_eq!(texts("Seek advice \n\nNow"), ["Seek advice", "Now"]);
        assert_eq!(texts("Offer tea. \n\nthen coffee"), ["Offer tea. then coffee"]);
        // A bullet after a paragraph is a bullet, as before.
        assert_eq!(texts("Offer tea. \n\n• See a doctor"), ["Offer tea.", "See a doctor"]);
    }

    #[test]
    fn prose_sentences_split_on_one_line() {
        assert_eq!(
            texts("Offer 0.5 mg now. Then 1.2 g! Why? Because e.g. Dr. Who said so. end. Done"),
            [
                "Offer 0.5 mg now.",
                "Then 1.2 g!",
                "Why?",
                "Because e.g. Dr. Who said so. end.",
                "Done"
            ]
        );
        // A full stop needs a space and a capital after it.
        assert_eq!(texts("See section 1.2.Then act"), ["See section 1.2.Then act"]);
    }

    #[test]
    fn bullets_start_statements_and_are_removed() {
        let g = segment(
            "Person with:\n• pain and\n● cancer\n- dash\n* star\n▪ a\n◦ b\n‣ c\n-5 degrees",
        )
        .unwrap();
        let got: Vec<_> = g.statements.iter().map(|s| (s.text.as_str(), s.bullet)).collect();
        assert_eq!(
            got,
            [
                ("Person with:", false),
                ("pain and", true),
                ("cancer", true),
                ("dash", true),
                ("star", true),
                ("a", true),
                ("b", true),
                ("c", true),
                ("-5 degrees", false),
            ]
        );
    }

    #[test]
    fn a_bare_bullet_takes_the_next_line() {
        let g = segment("•\n\nOffer tea\n•   \nSee a doctor").unwrap();
        let got: Vec<_> =
            g.statements.iter().map(|s| (s.text.as_str(), s.bullet, s.line)).collect();
        assert_eq!(got, [("Offer tea", true, 3), ("See a doctor", true, 5)]);
    }

    #[test]
    fn sentences_split_but_only_the_first_keeps_the_bullet() {
        let g = segment("• Offer tea. Then \ncoffee! Why? because. Done?Yes").unwrap();
        let got: Vec<_> = g.statements.iter().map(|s| (s.text.as_str(), s.bullet)).collect();
        assert_eq!(
            got,
            [
                ("Offer tea.", true),
                ("Then coffee!", false),
                ("Why? because.", false),
                ("Done?Yes", false),
            ]
        );
        assert_eq!(g.statements[1].line, 1);
        assert_eq!(g.statements.iter().map(|s| s.index).collect::<Vec<_>>(), [0, 1, 2, 3]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            texts(
                "Use drugs (e.g. Paracetamol), i.e. Simple ones, etc. And see Dr. Who, approx. Ten vs. No. 5 in Fig. Two. Next"
            ),
            [
                "Use drugs (e.g. Paracetamol), i.e. Simple ones, etc. And see Dr. Who, approx. Ten vs. No. 5 in Fig. Two.",
                "Next"
            ]
        );
    }

    #[test]
    fn whitespace_is_normalised() {
        let text = "  Within 24\u{a0}hours,  \t‘quickly’ \u{a0}";
        let g = segment(text).unwrap();
        assert_eq!(g.statements[0].text, "Within 24 hours, 'quickly'");
        assert_eq!(&text[g.statements[0].span.clone()], "Within 24\u{a0}hours,  \t‘quickly’");
    }

    #[test]
    fn crlf_input_matches_lf_input() {
        let lf = segment("Title\n• One and\ntwo \nthree\n\nLast. Sentence").unwrap();
        let crlf =
            segment("Title\r\n• One and\r\ntwo \r\nthree\r\n\r\nLast. Sentence\r\n").unwrap();
        let strip = |g: &Guideline| {
            g.statements.iter().map(|s| (s.text.clone(), s.id.clone(), s.line)).collect::<Vec<_>>()
        };
        assert_eq!(strip(&lf), strip(&crlf));
        assert_eq!(lf.statements.len(), 4);
        // A lone CR inside a line is whitespace.
        assert_eq!(texts("a\rb"), ["a b"]);
    }

    #[test]
    fn spans_and_lines_point_into_the_raw_text() {
        let text = "\nFirst line \n\n  second  part. Next one\n• item";
        for s in segment(text).unwrap().statements {
            assert_eq!(normalise(&text[s.span.clone()]), s.text);
            assert_eq!(s.line, 1 + text[..s.span.start].matches('\n').count());
        }
    }

    #[test]
    fn ids_are_fnv1a_prefixes_with_repeat_suffixes() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        let g = segment("Offer tea\nSee a doctor\nOffer  TEA\nOffer tea").unwrap();
        let ids: Vec<_> = g.statements.iter().map(|s| s.id.as_str()).collect();
        let base = format!("s-{:06x}", fnv1a("offer tea") >> 40);
        assert_eq!(ids[0], base);
        assert_eq!(ids[2], format!("{base}-2"), "the id ignores case and spacing");
        assert_eq!(ids[3], format!("{base}-3"));
        assert_eq!(ids[1].len(), 8);
    }

    #[test]
    fn colliding_prefixes_extend_to_ten_digits() {
        let keys = [
            (0xabcd_ef01_2345_6789, "one".to_string()),
            (0x1234_5600_0000_0000, "other".to_string()),
            (0xabcd_ef98_7654_3210, "two".to_string()),
            (0xabcd_ef01_2345_6789, "one".to_string()),
            (0xabcd_ef01_2345_6789, "full collision".to_string()),
        ];
        let ids: Vec<_> = assign_ids(&keys).into_iter().map(|id| id.0).collect();
        assert_eq!(
            ids,
            ["s-abcdef0123", "s-123456", "s-abcdef9876", "s-abcdef0123-2", "s-abcdef0123-3"]
        );
    }

    #[test]
    fn errors_are_all_reported() {
        let long = "X".repeat(MAX_STATEMENT_CHARS + 1);
        let errors = segment(&format!("A\0b\u{1}\nOk\n{long}\n\u{7}")).unwrap_err();
        let nul = miette::SourceSpan::from((1, 1));
        assert!(
            matches!(&errors[0], GuidelineError::ControlCharacter { line: 1, span, .. } if *span == nul)
        );
        assert!(matches!(errors[1], GuidelineError::ControlCharacter { line: 4, .. }));
        assert!(matches!(errors[2], GuidelineError::StatementTooLong { line: 3, chars: 4001, .. }));
        assert_eq!(errors.len(), 3);
        assert!(segment(&"y".repeat(MAX_STATEMENT_CHARS)).is_ok());
    }

    const NICE: &str =
        include_str!("../../../pathways/spinal-metastases/ng234-spinal-metastases-summary.txt");

    /// Text, id and line of each statement: what a change of whitespace must not change.
    fn summary(g: &Guideline) -> Vec<(String, String, usize)> {
        g.statements.iter().map(|s| (s.text.clone(), s.id.to_string(), s.line)).collect()
    }

    #[test]
    fn form_feed_and_vertical_tab_are_whitespace() {
        // pdftotext starts each new page with a form feed and ends the text with one.
        assert_eq!(texts("Title\n\u{c}Next page starts\n\u{c}"), ["Title", "Next page starts"]);
        assert_eq!(texts("Contact the\u{b}MSCC coordinator"), ["Contact the MSCC coordinator"]);
        assert_eq!(texts("Contact the \u{c}\nMSCC coordinator"), ["Contact the MSCC coordinator"]);
        // A page break after a line is no trailing space: the next line starts a statement.
        assert_eq!(texts("Offer tea\u{c}\nSee a doctor"), ["Offer tea", "See a doctor"]);
        // A page break inside a sentence still joins it when the next page starts in lower case.
        assert_eq!(
            texts("Carry out MRI if\n\u{c}spinal metastases"),
            ["Carry out MRI if spinal metastases"]
        );
        assert_eq!(segment("\u{c}\u{b}\n\u{c}").unwrap_err(), [GuidelineError::Empty]);
    }

    #[test]
    fn nice_text_with_page_breaks_segments_the_same() {
        // As pdftotext writes it: the second page of the summary starts at box 1.
        let paged = format!("{}\u{c}", NICE.replacen("\nBox 1", "\n\u{c}Box 1", 1));
        assert_eq!(paged.matches('\u{c}').count(), 2);
        let (plain, paged) = (segment(NICE).unwrap(), segment(&paged).unwrap());
        assert_eq!(summary(&plain), summary(&paged));
        assert_eq!(plain.statements.len(), 42);
    }

    #[test]
    fn a_leading_byte_order_mark_is_not_text() {
        let g = segment("\u{feff}Title\n• item").unwrap();
        assert_eq!(g.statements[0].text, "Title");
        assert_eq!(g.statements[0].span, 3..8, "spans still point into the raw text");
        assert_eq!(summary(&g), summary(&segment("Title\n• item").unwrap()));
        let bom = segment(&format!("\u{feff}{NICE}")).unwrap();
        assert_eq!(summary(&bom), summary(&segment(NICE).unwrap()), "every id is kept");
        assert_eq!(texts("\u{feff}\u{a0}Offer tea"), ["Offer tea"]);
        assert_eq!(segment("\u{feff}").unwrap_err(), [GuidelineError::Empty]);
        assert_eq!(segment("\u{feff}\n \r\n").unwrap_err(), [GuidelineError::Empty]);
        // Only a leading one is a byte order mark; elsewhere it is text.
        assert_eq!(texts("Title\n\u{feff}Next"), ["Title", "\u{feff}Next"]);
    }
}
