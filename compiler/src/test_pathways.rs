//! Pathways written by unit tests of several stages (compiled only for tests).

/// A pathway of `n` boolean facts `f<i>`, a chain of `n` conditions `c<i>`, each reading the
/// one before (`(f<i> and not c<i-1>) or (c<i-1> iff f<i-1>)`), and a recommendation `r<i>`
/// on each, citing `Rule <i>.`; and its guideline of `n` such sentences. Its decision
/// diagrams grow along the chain, and its recommendations overlap in many pairs.
pub fn chain(n: usize) -> (String, String) {
    let mut source = String::from("pathway chain {\n  title \"Chain\"\n  guideline \"g.txt\"\n}\n");
    for i in 0..n {
        source.push_str(&format!("fact f{i}: bool \"f{i}\"\n"));
    }
    source.push_str("condition c0 \"c0\": f0\n");
    for i in 1..n {
        let p = i - 1;
        source.push_str(&format!(
            "condition c{i} \"c{i}\": (f{i} and not c{p}) or (c{p} iff f{p})\n"
        ));
    }
    for i in 0..n {
        source.push_str(&format!(
            "recommend r{i}: do \"R{i}\"\n  when c{i}\n  cites \"Rule {i}.\"\n"
        ));
    }
    let guideline = (0..n).map(|i| format!("Rule {i}.\n")).collect();
    (source, guideline)
}
