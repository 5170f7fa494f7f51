//! How well a suite of cases exercises a pathway: which recommendations its passing cases saw
//! both fired and not fired, which named conditions they saw both true and false, which
//! constraints they saw broken, and, joined with guideline coverage, which passing cases
//! exercise each sentence (fire a recommendation that implements it). `cairn test --coverage`
//! prints it as text or JSON.

use std::fmt::Write as _;

use cairn_runtime::{FactsError, Plan};
use serde::Serialize;

use super::Case;
use crate::analysis::{Analysis, Status};
use crate::ir::eval::Evaluator;
use crate::ir::facts::parse_facts;
use crate::ir::{ConditionId, Pathway};

/// One case that ran: the case, the engine's result, and whether the case passed.
#[derive(Debug, Clone, Copy)]
pub struct CaseRun<'a> {
    /// The case.
    pub case: &'a Case,
    /// What the engine returned.
    pub result: &'a Result<Plan<'a>, FactsError>,
    /// Whether the case's expectations held.
    pub passed: bool,
}

/// The cases' coverage of a pathway. Only passing cases count: a failing case shows nothing
/// about the pathway that can be relied on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestCoverage {
    /// The pathway's name.
    pub pathway: String,
    /// How many cases ran.
    pub cases: usize,
    /// How many of them passed.
    pub passing: usize,
    /// How many recommendations were seen both fired and not fired.
    pub recommendations_both_ways: usize,
    /// How many named conditions were seen both true and false.
    pub conditions_both_ways: usize,
    /// How many constraints were seen broken.
    pub constraints_broken: usize,
    /// How many implemented sentences a passing case exercises.
    pub sentences_exercised: usize,
    /// How many sentences are implemented.
    pub sentences_implemented: usize,
    /// Each recommendation, in source order.
    pub recommendations: Vec<TwoWays>,
    /// Each named condition, in source order.
    pub conditions: Vec<TwoWays>,
    /// Each constraint, in source order.
    pub constraints: Vec<Broken>,
    /// Each sentence of the guideline, in document order.
    pub sentences: Vec<SentenceTests>,
}

/// A recommendation (fired or not) or a condition (true or false), and the passing cases that
/// saw each outcome. Refused facts are neither.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TwoWays {
    /// Its name.
    pub name: String,
    /// Cases where it fired, or held.
    pub yes: Vec<String>,
    /// Cases where it did not fire, or did not hold.
    pub no: Vec<String>,
    /// Whether both lists have a case.
    pub both: bool,
}

/// A constraint and the passing cases whose facts were refused for breaking it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broken {
    /// Its name.
    pub name: String,
    /// The cases.
    pub broken_by: Vec<String>,
}

/// One guideline sentence: how it is covered, what implements it, and which cases exercise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceTests {
    /// Its stable id.
    pub id: String,
    /// Its line in the guideline text.
    pub line: usize,
    /// Its text.
    pub text: String,
    /// Implemented, informational or uncovered.
    pub status: Status,
    /// The recommendations that implement it.
    pub recommendations: Vec<String>,
    /// Passing cases in which one of them fired.
    pub exercised_by: Vec<String>,
    /// Passing cases that name it in `checks`.
    pub named_by: Vec<String>,
}

/// Measures how well `runs` exercise the pathway.
pub fn test_coverage(pathway: &Pathway, analysis: &Analysis, runs: &[CaseRun<'_>]) -> TestCoverage {
    let passing: Vec<&CaseRun<'_>> = runs.iter().filter(|run| run.passed).collect();
    let plans: Vec<(&Case, &Plan)> = passing
        .iter()
        .filter_map(|run| run.result.as_ref().ok().map(|plan| (run.case, plan)))
        .collect();

    let recommendations: Vec<TwoWays> = pathway
        .recommendations
        .iter()
        .map(|rec| {
            let id = rec.name.node.as_str();
            two_ways(id, plans.iter().map(|(case, plan)| (case.name.as_str(), plan.contains(id))))
        })
        .collect();

    // Conditions are evaluated on each passing case's facts, which are valid and consistent
    // since the case produced a plan.
    let mut seen: Vec<Vec<(&str, bool)>> = vec![Vec::new(); pathway.conditions.len()];
    for (case, _) in &plans {
        let Ok(values) = parse_facts(pathway, &case.facts_json) else { continue };
        let mut evaluator = Evaluator::new(pathway, &values);
        for (index, outcomes) in seen.iter_mut().enumerate() {
            let id = ConditionId(u32::try_from(index).unwrap_or(u32::MAX));
            outcomes.push((case.name.as_str(), evaluator.condition(id)));
        }
    }
    let conditions: Vec<TwoWays> = pathway
        .conditions
        .iter()
        .zip(seen)
        .map(|(condition, outcomes)| two_ways(&condition.name.node, outcomes.into_iter()))
        .collect();

    let constraints: Vec<Broken> = pathway
        .constraints
        .iter()
        .map(|constraint| Broken {
            name: constraint.name.node.clone(),
            broken_by: passing
                .iter()
                .filter(|run| {
                    matches!(run.result, Err(FactsError::Inconsistent { constraint: c, .. })
                        if *c == constraint.name.node)
                })
                .map(|run| run.case.name.clone())
                .collect(),
        })
        .collect();

    let sentences: Vec<SentenceTests> = analysis
        .coverage
        .sentences
        .iter()
        .map(|sentence| SentenceTests {
            id: sentence.id.clone(),
            line: sentence.line,
            text: sentence.text.clone(),
            status: sentence.status,
            recommendations: sentence.recommendations.clone(),
            exercised_by: plans
                .iter()
                .filter(|(_, plan)| sentence.recommendations.iter().any(|r| plan.contains(r)))
                .map(|(case, _)| case.name.clone())
                .collect(),
            named_by: passing
                .iter()
                .filter(|run| run.case.checks.iter().any(|s| s.id.as_str() == sentence.id))
                .map(|run| run.case.name.clone())
                .collect(),
        })
        .collect();

    TestCoverage {
        pathway: pathway.name.node.clone(),
        cases: runs.len(),
        passing: passing.len(),
        recommendations_both_ways: recommendations.iter().filter(|r| r.both).count(),
        conditions_both_ways: conditions.iter().filter(|c| c.both).count(),
        constraints_broken: constraints.iter().filter(|c| !c.broken_by.is_empty()).count(),
        sentences_exercised: sentences
            .iter()
            .filter(|s| s.status == Status::Implemented && !s.exercised_by.is_empty())
            .count(),
        sentences_implemented: sentences.iter().filter(|s| s.status == Status::Implemented).count(),
        recommendations,
        conditions,
        constraints,
        sentences,
    }
}

fn two_ways<'a>(name: &str, outcomes: impl Iterator<Item = (&'a str, bool)>) -> TwoWays {
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for (case, outcome) in outcomes {
        if outcome { &mut yes } else { &mut no }.push(case.to_string());
    }
    let both = !yes.is_empty() && !no.is_empty();
    TwoWays { name: name.to_string(), yes, no, both }
}

/// The report as text for a terminal; `!` marks what is exercised one way only, or not at all.
pub fn to_text(report: &TestCoverage) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "test coverage of pathway `{}`: {} of {} cases passed, and only they count",
        report.pathway, report.passing, report.cases
    );
    let width = report
        .recommendations
        .iter()
        .chain(&report.conditions)
        .map(|r| r.name.len())
        .chain(report.constraints.iter().map(|c| c.name.len()))
        .max()
        .unwrap_or(0);

    let _ = writeln!(
        out,
        "\nrecommendations fired and not fired: {} of {}",
        report.recommendations_both_ways,
        report.recommendations.len()
    );
    for rec in &report.recommendations {
        let _ = writeln!(
            out,
            "{} {:width$}  fired in {}, not fired in {}",
            mark(rec.both),
            rec.name,
            rec.yes.len(),
            rec.no.len()
        );
    }

    let _ = writeln!(
        out,
        "\nconditions true and false: {} of {}",
        report.conditions_both_ways,
        report.conditions.len()
    );
    for condition in &report.conditions {
        let _ = writeln!(
            out,
            "{} {:width$}  true in {}, false in {}",
            mark(condition.both),
            condition.name,
            condition.yes.len(),
            condition.no.len()
        );
    }

    let _ = writeln!(
        out,
        "\nconstraints broken: {} of {}",
        report.constraints_broken,
        report.constraints.len()
    );
    for constraint in &report.constraints {
        let _ = writeln!(
            out,
            "{} {:width$}  broken in {}",
            mark(!constraint.broken_by.is_empty()),
            constraint.name,
            constraint.broken_by.len()
        );
    }

    let _ = writeln!(
        out,
        "\nguideline sentences exercised by a passing case: {} of {} implemented",
        report.sentences_exercised, report.sentences_implemented
    );
    for sentence in &report.sentences {
        let implemented = sentence.status == Status::Implemented;
        let exercised = !implemented || !sentence.exercised_by.is_empty();
        let _ = writeln!(
            out,
            "{} {:<9} L{:<4} {:<13} {}",
            mark(exercised),
            sentence.id,
            sentence.line,
            sentence.status.as_str(),
            excerpt(&sentence.text)
        );
        if implemented {
            let _ = writeln!(
                out,
                "      by {} recommendation{}; exercised by {}; named by {}",
                sentence.recommendations.len(),
                if sentence.recommendations.len() == 1 { "" } else { "s" },
                names(&sentence.exercised_by),
                names(&sentence.named_by),
            );
        }
    }
    out
}

fn mark(ok: bool) -> &'static str {
    if ok { " " } else { "!" }
}

/// A count and the first few names: `3 (a, b, c)`, `12 (a, b, c, ...)`, `none`.
fn names(list: &[String]) -> String {
    const SHOWN: usize = 3;
    if list.is_empty() {
        return "none".to_string();
    }
    let shown: Vec<&str> = list.iter().take(SHOWN).map(String::as_str).collect();
    let more = if list.len() > SHOWN { ", ..." } else { "" };
    format!("{} ({}{more})", list.len(), shown.join(", "))
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 70;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}...", text.chars().take(MAX).collect::<String>())
    }
}
