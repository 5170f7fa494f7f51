//! Synthetic pathways for the compiler's scaling benchmark (`benches/scaling.rs`,
//! `examples/synthetic.rs`): a guideline text of `n` statements and a pathway of `n`
//! recommendations over [`FACTS`] facts, which checks without errors and accounts for every
//! statement.
//!
//! Each recommendation applies for one combination of two 100-valued enum facts (`stage`,
//! `grade`) and one boolean fact, so no two can apply together, and no overlap is reported.
//! The overlap analysis, which only decides the pairs that share a value of every enum fact,
//! has no pair to decide here: pathways whose recommendations no enum tells apart remain
//! quadratic there, up to its bound. Every tenth recommendation goes through a named condition
//! over two boolean facts and a numeric test: of one of four whole-number facts against one of
//! 50 constants, every third condition of one of two optional decimal facts (guarded by `is
//! known`), every seventh of a score over three criteria, so the analyses' partition of numbers
//! into regions grows with N up to 50 constants a fact.

use std::fmt::Write as _;

/// How many facts a synthetic pathway has: [`BOOLS`] booleans, the two enums and [`NUMBERS`]
/// numeric facts.
pub const FACTS: usize = BOOLS + 2 + NUMBERS;
/// How many boolean facts.
pub const BOOLS: usize = 292;
/// How many numeric facts: four whole numbers and two optional decimals.
pub const NUMBERS: usize = 6;
/// How many values `stage` and `grade` each have.
const LEVELS: usize = 100;

/// A synthetic pathway and its guideline.
pub struct Synthetic {
    /// The pathway source; its guideline is `guideline.txt` beside it.
    pub pathway: String,
    /// The guideline text.
    pub guideline: String,
}

impl Synthetic {
    /// Writes `synthetic.pathway` and `guideline.txt` into `folder` and returns the pathway
    /// file.
    pub fn write(&self, folder: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
        std::fs::create_dir_all(folder)?;
        std::fs::write(folder.join("guideline.txt"), &self.guideline)?;
        let file = folder.join("synthetic.pathway");
        std::fs::write(&file, &self.pathway)?;
        Ok(file)
    }
}

/// The synthetic pathway of `n` recommendations (at most 10,000 x 298 are distinct). Written
/// compactly, one line a declaration, so that N = 10,000 fits the compiler's 1 MiB limit on a
/// pathway file.
pub fn generate(n: usize) -> Synthetic {
    let title = format!("Synthetic guideline of {n} statements");
    let mut guideline = format!("{title}\n");
    let mut pathway = String::new();
    let _ = writeln!(
        pathway,
        "// A synthetic pathway of {n} recommendations, generated for the scaling benchmark.\n\
         pathway synthetic {{\n  title \"{title}\"\n  guideline \"guideline.txt\"\n}}"
    );
    let levels = |prefix: &str| (0..LEVELS).map(|i| format!("{prefix}{i}")).collect::<Vec<_>>();
    let _ = writeln!(pathway, "enum stage_kind {{ {} }}", levels("s").join(", "));
    let _ = writeln!(pathway, "enum grade_kind {{ {} }}", levels("g").join(", "));
    let _ = writeln!(pathway, "fact st: stage_kind \"The stage\"");
    let _ = writeln!(pathway, "fact gr: grade_kind \"The grade\"");
    for f in 0..BOOLS {
        let _ = writeln!(pathway, "fact f{f}: bool \"Finding {f}\"");
    }
    for k in 0..4 {
        let _ = writeln!(pathway, "fact n{k}: whole years in 0 to 130 \"Measure {k}\"");
    }
    for k in 0..2 {
        let _ = writeln!(pathway, "fact o{k}: optional decimal mmol/L in 0 to 100 \"Level {k}\"");
    }
    let _ = writeln!(pathway, "score sc \"A score\": f0, 2 for f1, 1.5 for n0 >= 65");
    for c in 0..n.div_ceil(10) {
        let (a, b) = (c % BOOLS, (c * 7 + 3) % BOOLS);
        let mut numeric = format!("n{} > {}", c % 4, c % 50);
        if c % 3 == 0 {
            let _ = write!(numeric, " or (o{} is known and o{} <= {}.5)", c % 2, c % 2, c % 40);
        }
        if c % 7 == 0 {
            let _ = write!(numeric, " or sc >= {}", c % 3 + 1);
        }
        let _ = writeln!(pathway, "condition c{c}: f{a} or f{b} or {numeric}");
    }
    for i in 0..n {
        let (stage, grade) = (i % LEVELS, (i / LEVELS) % LEVELS);
        let fact = (i / (LEVELS * LEVELS) + i) % BOOLS;
        let sentence = format!("Do thing {i}");
        let _ = writeln!(guideline, "{sentence}");
        let extra = if i % 10 == 0 { format!(" and c{}", i / 10) } else { String::new() };
        let _ = writeln!(
            pathway,
            "recommend r{i}: do \"{sentence}\" when st == s{stage} and gr == g{grade} and \
             f{fact}{extra} cites \"{sentence}\""
        );
    }
    let _ = writeln!(pathway, "informational \"{title}\" because \"the title\"");
    Synthetic { pathway, guideline }
}
