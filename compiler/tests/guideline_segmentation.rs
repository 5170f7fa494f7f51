//! Integration tests of guideline segmentation (the first stage of guideline coverage) on the
//! real NICE NG234 summary text: statements, stable ids, errors, nearest match and robustness.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used)]

use std::collections::{HashMap, HashSet};

use cairn_compiler::guideline::{Guideline, GuidelineError, Statement, normalise, segment};
use miette::Diagnostic;
use proptest::prelude::*;

const NICE: &str =
    include_str!("../../pathways/spinal-metastases/ng234-spinal-metastases-summary.txt");

fn nice() -> Guideline {
    segment(NICE).unwrap()
}

fn listing(guideline: &Guideline) -> String {
    guideline
        .statements
        .iter()
        .map(|s| {
            let marker = if s.bullet { '•' } else { ' ' };
            format!("{}  L{:<3} {}  {}\n", s.id, s.line, marker, s.text)
        })
        .collect()
}

/// Each statement's id keyed by its text.
fn ids_by_text(guideline: &Guideline) -> HashMap<&str, &str> {
    guideline.statements.iter().map(|s| (s.text.as_str(), s.id.as_str())).collect()
}

/// Segments `edited` and checks that every statement of the original still there keeps its id.
fn assert_ids_kept(edited: &str, expected_count: usize) {
    assert_ne!(edited, NICE, "the edit applied");
    let (original, edited) = (nice(), segment(edited).unwrap());
    assert_eq!(edited.statements.len(), expected_count);
    let before = ids_by_text(&original);
    let after = ids_by_text(&edited);
    let mut kept = 0;
    for (text, id) in &before {
        if let Some(new_id) = after.get(text) {
            assert_eq!(id, new_id, "{text}");
            kept += 1;
        }
    }
    assert!(kept >= 41, "only {kept} statements survived");
}

#[test]
fn nice_summary_statements() {
    let guideline = nice();
    assert_eq!(guideline.statements.len(), 42);
    insta::with_settings!({ snapshot_path => "../src/guideline/snapshots" }, {
        insta::assert_snapshot!("nice_ng234_statements", listing(&guideline));
    });
}

const PNEUMONIA: &str =
    include_str!("../../pathways/pneumonia-severity/cap-severity-illustrative.txt");

#[test]
fn pneumonia_prose_segments_into_sentences() {
    let guideline = segment(PNEUMONIA).unwrap();
    let texts: Vec<&str> = guideline.statements.iter().map(|s| s.text.as_str()).collect();
    // Several sentences on one line are split at a full stop, a space and a capital ...
    assert!(texts.contains(&"In the community, use the CRB65 score, which leaves out urea."));
    assert!(texts.contains(
        &"Oral doxycycline is an alternative: 200 mg on the first day, then 100 mg once a day for 4 more days."
    ));
    // ... never inside a number, and a heading stays its own statement.
    assert!(texts.iter().any(|t| t.contains("co-amoxiclav 1.2 g three times a day")));
    assert!(texts.contains(&"Who this is for"));
    assert_eq!(guideline.statements.len(), 42);
    insta::with_settings!({ snapshot_path => "../src/guideline/snapshots" }, {
        insta::assert_snapshot!("pneumonia_statements", listing(&guideline));
    });
}

#[test]
fn nice_ids_are_unique_and_indices_ordered() {
    let guideline = nice();
    let ids: HashSet<_> = guideline.statements.iter().map(|s| &s.id).collect();
    assert_eq!(ids.len(), guideline.statements.len());
    for (i, s) in guideline.statements.iter().enumerate() {
        assert_eq!(s.index, i);
        assert_eq!(normalise(&NICE[s.span.clone()]), s.text);
    }
}

#[test]
fn id_survives_insertion_at_start() {
    assert_ids_kept(&format!("A new opening paragraph.\n\n{NICE}"), 43);
}

#[test]
fn id_survives_insertion_in_middle() {
    let edited = NICE.replacen(
        "\nCarry out a pain assessment",
        "\nReassess pain daily.\n\nCarry out a pain assessment",
        1,
    );
    assert_ids_kept(&edited, 43);
}

#[test]
fn id_survives_removal() {
    assert_ids_kept(&NICE.replacen("• Progressive back pain\n", "", 1), 41);
}

#[test]
fn id_survives_reordering() {
    let (a, b) = (
        "• Carry out a holistic needs assessment\n",
        "• Offer opportunities to discuss advance care planning\n",
    );
    let edited = NICE.replacen(&format!("{a}{b}"), &format!("{b}{a}"), 1);
    assert_ids_kept(&edited, 42);
    let position = |g: &Guideline, prefix: &str| {
        g.statements.iter().position(|s| s.text.starts_with(prefix)).unwrap()
    };
    let edited = segment(&edited).unwrap();
    assert!(position(&edited, "Offer opportunities") < position(&edited, "Carry out a holistic"));
}

#[test]
fn nearest_finds_the_changed_mri_sentence() {
    let guideline = nice();
    let (found, similarity) =
        guideline.nearest("Carry out MRI within 2 weeks at the local hospital").unwrap();
    assert!(found.text.starts_with("Carry out MRI within 1 week at the local hospital"));
    assert!(similarity > 0.9 && similarity < 1.0, "{similarity}");
}

fn codes(errors: &[GuidelineError]) -> Vec<String> {
    errors.iter().map(|e| e.code().unwrap().to_string()).collect()
}

#[test]
fn empty_text_is_an_error() {
    for text in ["", " \n\u{a0}\r\n\t", "•\n- \n"] {
        assert_eq!(codes(&segment(text).unwrap_err()), ["cairn::guideline::empty"], "{text:?}");
    }
}

#[test]
fn control_characters_are_reported_once_per_line_up_to_twenty() {
    let errors = segment("Title\0\0\nSecond \u{1b}[0m line").unwrap_err();
    assert_eq!(codes(&errors), ["cairn::guideline::control_character"; 2]);
    assert_eq!(errors[0].to_string(), "control character `U+0000` on line 1 of the guideline text");
    let many = "Line \u{7}\n".repeat(30);
    assert_eq!(segment(&many).unwrap_err().len(), 20);
}

#[test]
fn long_statement_is_an_error() {
    let text = format!("Fine.\n{}", "Word ".repeat(1_000));
    let errors = segment(&text).unwrap_err();
    assert_eq!(codes(&errors), ["cairn::guideline::statement_too_long"]);
    let labels: Vec<_> = errors[0].labels().unwrap().collect();
    assert_eq!((labels[0].offset(), labels[0].len()), (6, 4_999));
    assert!(errors[0].to_string().starts_with("the statement `Word Word"));
}

#[test]
fn too_many_statements_is_an_error() {
    let text: String = (0..20_001).map(|i| format!("Item {i}\n")).collect();
    assert_eq!(codes(&segment(&text).unwrap_err()), ["cairn::guideline::too_many_statements"]);
    assert_eq!(
        segment(&text[..text.len() - "Item 20000\n".len()]).unwrap().statements.len(),
        20_000
    );
}

#[test]
fn errors_render_with_source() {
    let text = "Ok\u{0}";
    let error = segment(text).unwrap_err().remove(0);
    let report = miette::Report::new(error).with_source_code(text.to_string());
    assert!(format!("{report:?}").contains("this character"));
}

fn check_invariants(input: &str, statements: &[Statement]) {
    let mut ids = HashSet::new();
    for s in statements {
        assert!(!s.text.is_empty());
        assert_eq!(normalise(&s.text), s.text);
        assert!(s.span.end <= input.len() && s.span.start < s.span.end);
        assert!(input.is_char_boundary(s.span.start) && input.is_char_boundary(s.span.end));
        assert_eq!(normalise(&input[s.span.clone()]), s.text);
        assert_eq!(s.line, 1 + input[..s.span.start].matches('\n').count());
        assert!(ids.insert(&s.id), "duplicate id {}", s.id);
    }
}

/// Strings built from the pieces that matter to segmentation (no control characters).
fn guideline_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("• "),
        Just("•"),
        Just("- "),
        Just("* "),
        Just("\n"),
        Just("\r\n"),
        Just("\r"),
        Just(" "),
        Just("\u{a0}"),
        Just("\t"),
        Just(". "),
        Just("? "),
        Just("."),
        Just("Ab"),
        Just("cd"),
        Just("e.g. "),
        Just("‘x’"),
        Just("É"),
        Just("1"),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn segment_never_panics_on_arbitrary_strings(input in any::<String>()) {
        if let Ok(guideline) = segment(&input) {
            check_invariants(&input, &guideline.statements);
        }
    }

    #[test]
    fn statements_of_guideline_like_text_are_sound(input in guideline_like()) {
        match segment(&input) {
            Ok(guideline) => check_invariants(&input, &guideline.statements),
            // Without control characters and this short, only emptiness can be wrong.
            Err(errors) => prop_assert_eq!(errors, vec![GuidelineError::Empty]),
        }
    }
}
