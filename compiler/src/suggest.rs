//! "Did you mean" suggestions for names that resolve to nothing, shared by every place that
//! refuses an unknown name: the type checker (facts, conditions, values), the facts reader of
//! the interpreter, and the case checker. A foundation: it depends on nothing in the crate.

/// "did you mean `x`?" when a candidate is close enough, else `None`.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(name, candidate);
        let distance = strsim::levenshtein(name, candidate);
        // Accept a close edit distance for short names and a high similarity for long ones.
        let close = (distance <= 2.max(name.len() / 4) && distance < name.len()) || score >= 0.88;
        if close && best.is_none_or(|(_, s)| score > s) {
            best = Some((candidate, score));
        }
    }
    best.map(|(candidate, _)| candidate)
}

/// Help text for an unknown name: a suggestion, or the list of what there is.
pub fn unknown_help(name: &str, what: &str, candidates: &[&str]) -> String {
    if let Some(suggestion) = did_you_mean(name, candidates.iter().copied()) {
        return format!("did you mean `{suggestion}`?");
    }
    if candidates.is_empty() {
        return format!("no {what} is defined");
    }
    let shown: Vec<String> = candidates.iter().take(12).map(|c| format!("`{c}`")).collect();
    let more = if candidates.len() > 12 { ", ..." } else { "" };
    let plural = match what {
        "fact or condition" => "facts and conditions".to_string(),
        other => format!("{other}s"),
    };
    format!("the {plural} are {}{more}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["mri_contraindicated", "main_branch", "in_pathway"];
        assert_eq!(did_you_mean("mri_contraindicted", names), Some("mri_contraindicated"));
        assert_eq!(did_you_mean("main_brnch", names), Some("main_branch"));
        assert_eq!(did_you_mean("zzz", names), None);
    }

    #[test]
    fn help_lists_candidates_without_a_suggestion() {
        assert_eq!(unknown_help("q", "value", &["a", "b"]), "the values are `a`, `b`");
        assert_eq!(unknown_help("q", "fact", &[]), "no fact is defined");
        assert_eq!(
            unknown_help("q", "fact or condition", &["a"]),
            "the facts and conditions are `a`"
        );
    }
}
