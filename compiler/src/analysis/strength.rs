//! Analysis: a recommendation's strength agrees with the verb of the sentence it implements.
//! NICE words the strength into the verb ("Offer", "Consider", "Do not offer"), so a `consider`
//! that cites an "Offer ..." sentence is likely a transcription mistake.

use cairn_runtime::Strength;

use super::error::Finding;
use crate::ir::Pathway;

/// Verbs that NICE uses for recommendations that must be done, as opposed to offered.
const DO_VERBS: [&str; 12] = [
    "carry out",
    "give",
    "start",
    "develop",
    "seek",
    "contact",
    "arrange",
    "assess",
    "discuss",
    "tell",
    "explain",
    "use",
];

/// Words that open a subordinate clause before the main one: "If X, do Y", "For people with
/// X, offer Y".
const CLAUSE_OPENERS: [&str; 5] = ["if ", "when ", "for ", "once ", "after "];

/// The strength a sentence's leading verb implies, if it has one of NICE's verbs.
pub fn sentence_strength(text: &str) -> Option<Strength> {
    let lower = text.to_lowercase();
    if !CLAUSE_OPENERS.iter().any(|opener| lower.starts_with(opener)) {
        return verb_strength(&lower);
    }
    // The main clause follows a comma, but the subordinate clause may hold commas of its own
    // ("If assessment, including imaging, suggests ..., start testing"): the first clause
    // after a comma that opens with a verb is the main one.
    lower.match_indices(", ").find_map(|(at, sep)| verb_strength(lower.get(at + sep.len()..)?))
}

/// The strength of a lowercased clause that opens with one of NICE's verbs.
fn verb_strength(main: &str) -> Option<Strength> {
    // An adverb between "do not" and its verb keeps the verb's strength: "do not routinely
    // offer" is "do not offer".
    let without_adverb = main
        .strip_prefix("do not ")
        .and_then(|rest| rest.split_once(' '))
        .filter(|(adverb, _)| adverb.len() > 2 && adverb.ends_with("ly"))
        .map(|(_, verb)| format!("do not {verb}"));
    let main = without_adverb.as_deref().unwrap_or(main);
    let starts = |prefix: &str| {
        main.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    let strength = if starts("do not offer") {
        Strength::DoNotOffer
    } else if starts("do not consider") {
        Strength::DoNotConsider
    } else if starts("do not") {
        Strength::DoNot
    } else if starts("offer") {
        Strength::Offer
    } else if starts("consider") {
        Strength::Consider
    } else if starts("ensure") {
        Strength::Ensure
    } else if starts("refer") {
        Strength::Refer
    } else if DO_VERBS.iter().any(|verb| starts(verb)) {
        Strength::Do
    } else {
        return None;
    };
    Some(strength)
}

/// A warning for each citation whose sentence's verb implies another strength.
pub fn strength_mismatches(pathway: &Pathway) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rec in &pathway.recommendations {
        for citation in &rec.citations {
            let Some(statement) = pathway.guideline.get(&citation.statement) else { continue };
            let Some(implied) = sentence_strength(&statement.text) else { continue };
            if implied != rec.strength.node {
                findings.push(Finding::StrengthMismatch {
                    id: rec.name.node.clone(),
                    strength: rec.strength.node.to_string(),
                    verb: implied.to_string(),
                    sentence: statement.text.clone(),
                    at: rec.strength.span.into(),
                    cited: citation.span.into(),
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_verb_of_nice_sentences() {
        assert_eq!(sentence_strength("Offer 16 mg of oral dexamethasone"), Some(Strength::Offer));
        assert_eq!(sentence_strength("Consider immobilisation if"), Some(Strength::Consider));
        assert_eq!(sentence_strength("Do not offer X"), Some(Strength::DoNotOffer));
        assert_eq!(
            sentence_strength("If MRI is contraindicated, carry out a CT scan"),
            Some(Strength::Do)
        );
        assert_eq!(
            sentence_strength("If a person has pain, refer for urgent oncology assessment"),
            Some(Strength::Refer)
        );
        assert_eq!(
            sentence_strength(
                "If assessment, including imaging, suggests spinal stability is likely, start testing this"
            ),
            Some(Strength::Do),
            "the main clause follows the subordinate clause's own commas"
        );
        assert_eq!(
            sentence_strength("For people with pain, offer analgesia, and consider X"),
            Some(Strength::Offer)
        );
        assert_eq!(sentence_strength("If in doubt, the team decides"), None);
        assert_eq!(sentence_strength("severe pain, or"), None);
        assert_eq!(sentence_strength("severe pain, offer"), None, "not a subordinate clause");
        assert_eq!(sentence_strength("Offering"), None);
        assert_eq!(
            sentence_strength("Do not routinely offer an antibiotic if the CRP is below 20"),
            Some(Strength::DoNotOffer),
            "an adverb after `do not` keeps the verb's strength"
        );
        assert_eq!(sentence_strength("Do not usually consider X"), Some(Strength::DoNotConsider));
        assert_eq!(sentence_strength("Do not fly"), Some(Strength::DoNot));
        assert_eq!(sentence_strength("Do not apply it"), Some(Strength::DoNot));
    }
}
