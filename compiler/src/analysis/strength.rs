//! Analysis: a recommendation's strength agrees with the verb of the sentence it implements.
//! NICE words the strength into the verb ("Offer", "Consider", "Do not offer"), so a `consider`
//! that cites an "Offer ..." sentence is likely a transcription mistake.

use cairn_runtime::Strength;

use super::error::Finding;
use crate::sema::ir::Pathway;

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

/// The strength a sentence's leading verb implies, if it has one of NICE's verbs.
pub fn sentence_strength(text: &str) -> Option<Strength> {
    let lower = text.to_lowercase();
    // "If X, do Y": the verb is in the main clause after the first comma.
    let main = if lower.starts_with("if ") { lower.split_once(", ")?.1 } else { lower.as_str() };
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
        assert_eq!(sentence_strength("severe pain, or"), None);
        assert_eq!(sentence_strength("Offering"), None);
    }
}
