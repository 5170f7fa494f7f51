//! Running a case and judging the result. Judging works on any engine's result (the
//! interpreter's here, a generated engine's in the conformance crate): each expectation is
//! written as a line, the result is observed the same way as a line beside it, and the case
//! passes when the two texts are equal; otherwise the verdict carries a line diff of expected
//! against actual.

use std::fmt::Write as _;

use cairn_runtime::{FactsError, Plan, Recommendation};
use similar::{ChangeTag, TextDiff};

use super::{Case, DetailsExpect, Expect, PlanExpect, RefusalExpect, Sentence, WhyExpect};
use crate::interp;
use crate::ir::Pathway;

/// Whether a case held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every expectation held.
    Pass,
    /// Some did not.
    Fail {
        /// The expectations, one per line.
        expected: String,
        /// What was observed, line for line.
        actual: String,
        /// `expected` against `actual`: `-` lines expected only, `+` lines observed only.
        diff: String,
    },
}

impl Verdict {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Pass)
    }
}

/// Runs a case on the interpreter; returns its result and the verdict.
pub fn run_case(pathway: &Pathway, case: &Case) -> (Result<Plan<'static>, FactsError>, Verdict) {
    let result = interp::run_json(pathway, &case.facts_json);
    let verdict = judge(case, &result);
    (result, verdict)
}

/// Judges an engine's result against a case's expectations.
pub fn judge(case: &Case, result: &Result<Plan, FactsError>) -> Verdict {
    let mut lines = Lines::default();
    match (&case.expect, result) {
        (Expect::Plan(expect), Ok(plan)) => plan_lines(expect, plan, &mut lines),
        (Expect::Plan(expect), Err(error)) => {
            plan_lines(
                expect,
                &Plan { pathway: "".into(), recommendations: Vec::new() },
                &mut lines,
            );
            lines.actual = vec![refusal_summary(error)];
        }
        (Expect::Refused(expect), Err(error)) => refusal_lines(expect, error, &mut lines),
        (Expect::Refused(expect), Ok(plan)) => {
            let placeholder = FactsError::Invalid { message: String::new() };
            refusal_lines(expect, &placeholder, &mut lines);
            lines.actual = vec![plan_summary(plan)];
        }
    }
    if lines.expected == lines.actual {
        return Verdict::Pass;
    }
    let expected = join(&lines.expected);
    let actual = join(&lines.actual);
    let diff = diff(&expected, &actual);
    Verdict::Fail { expected, actual, diff }
}

/// The expectations and the observations, line for line.
#[derive(Default)]
struct Lines {
    expected: Vec<String>,
    actual: Vec<String>,
}

impl Lines {
    fn push(&mut self, expected: String, actual: String) {
        self.expected.push(expected);
        self.actual.push(actual);
    }
}

fn join(lines: &[String]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// A line diff: `- ` for an expected line not observed, `+ ` for an observed line not
/// expected, two spaces for a line that agrees.
pub fn diff(expected: &str, actual: &str) -> String {
    let mut out = String::from("--- expected\n+++ actual\n");
    for change in TextDiff::from_lines(expected, actual).iter_all_changes() {
        let sign = match change.tag() {
            ChangeTag::Delete => "- ",
            ChangeTag::Insert => "+ ",
            ChangeTag::Equal => "  ",
        };
        let _ = write!(out, "{sign}{}", change.value());
        if change.missing_newline() {
            out.push('\n');
        }
    }
    out
}

/// One line for a refusal, with its message on one line.
fn refusal_summary(error: &FactsError) -> String {
    format!("refused: {}", one_line(&error.to_string()))
}

/// One line for a plan: its recommendations.
fn plan_summary(plan: &Plan) -> String {
    if plan.recommendations.is_empty() {
        "not refused: recommends nothing".to_string()
    } else {
        let ids: Vec<&str> = plan.ids().collect();
        format!("not refused: recommends {}", ids.join(", "))
    }
}

fn one_line(text: &str) -> String {
    text.lines().collect::<Vec<_>>().join("; ")
}

fn refusal_lines(expect: &RefusalExpect, error: &FactsError, lines: &mut Lines) {
    let observed_kind = match error {
        FactsError::Inconsistent { .. } => "inconsistent",
        _ => "invalid",
    };
    let (kind, constraint, message_contains) = match expect {
        RefusalExpect::Invalid { message_contains } => ("invalid", None, message_contains),
        RefusalExpect::Inconsistent { constraint, message_contains } => {
            ("inconsistent", constraint.as_ref(), message_contains)
        }
    };
    lines.push(format!("refused as {kind}"), format!("refused as {observed_kind}"));
    if let Some(constraint) = constraint {
        let observed = match error {
            FactsError::Inconsistent { constraint, .. } => format!("`{constraint}`"),
            _ => "none".to_string(),
        };
        lines.push(
            format!("broken constraint: `{constraint}`"),
            format!("broken constraint: {observed}"),
        );
    }
    if let Some(needle) = message_contains {
        let message = error.to_string();
        let expected = format!("message contains {needle:?}");
        let observed = if message.contains(needle.as_str()) {
            expected.clone()
        } else {
            format!("message is {:?}", one_line(&message))
        };
        lines.push(expected, observed);
    }
}

fn plan_lines(expect: &PlanExpect, plan: &Plan, lines: &mut Lines) {
    if let Some(exactly) = &expect.exactly {
        lines.push("recommends exactly:".to_string(), "recommends exactly:".to_string());
        // The two lists go in whole, so that the diff lines them up.
        lines.expected.extend(exactly.iter().map(|id| format!("  {id}")));
        lines.actual.extend(plan.ids().map(|id| format!("  {id}")));
    }
    let fires = |id: &str| {
        if plan.contains(id) {
            format!("recommends {id}")
        } else {
            format!("does not recommend {id}")
        }
    };
    for id in &expect.includes {
        lines.push(format!("recommends {id}"), fires(id));
    }
    for id in &expect.excludes {
        lines.push(format!("does not recommend {id}"), fires(id));
    }
    for why in &expect.why {
        why_lines(why, plan.get(&why.recommendation), lines);
    }
    for details in &expect.details {
        details_lines(details, plan.get(&details.recommendation), lines);
    }
}

/// The statement ids that justify a recommendation: its citations and its reasons' citations.
fn justifying_ids<'r>(rec: &'r Recommendation<'_>) -> Vec<&'r str> {
    rec.citations
        .iter()
        .chain(rec.why.iter().flat_map(|reason| reason.citations.iter()))
        .map(|c| c.id.as_ref())
        .collect()
}

fn why_lines(why: &WhyExpect, rec: Option<&Recommendation>, lines: &mut Lines) {
    let id = &why.recommendation;
    let line = |s: &Sentence, cited: bool| {
        let verb = if cited { "cites" } else { "does not cite" };
        format!("{id}: why {verb} {} {:?}", s.id, s.written)
    };
    let show_conditions =
        |conditions: &[&str]| format!("{id}: why conditions [{}]", conditions.join("; "));
    let expected_conditions = why
        .conditions
        .as_ref()
        .map(|c| show_conditions(&c.iter().map(String::as_str).collect::<Vec<_>>()));
    let Some(rec) = rec else {
        let absent = format!("{id}: not recommended");
        for sentence in &why.sentences {
            lines.push(line(sentence, true), absent.clone());
        }
        for sentence in &why.not_sentences {
            lines.push(line(sentence, false), absent.clone());
        }
        if let Some(expected) = expected_conditions {
            lines.push(expected, absent);
        }
        return;
    };
    let ids = justifying_ids(rec);
    let cites = |s: &Sentence| ids.contains(&s.id.as_str());
    for sentence in &why.sentences {
        lines.push(line(sentence, true), line(sentence, cites(sentence)));
    }
    for sentence in &why.not_sentences {
        lines.push(line(sentence, false), line(sentence, cites(sentence)));
    }
    if let Some(expected) = expected_conditions {
        let observed: Vec<&str> = rec.why.iter().map(|r| r.condition.as_ref()).collect();
        lines.push(expected, show_conditions(&observed));
    }
}

fn details_lines(details: &DetailsExpect, rec: Option<&Recommendation>, lines: &mut Lines) {
    let id = &details.recommendation;
    let mut pairs: Vec<(String, Option<String>)> = Vec::new();
    if let Some(strength) = details.strength {
        pairs.push((
            format!("{id}: strength {strength}"),
            rec.map(|r| format!("{id}: strength {}", r.strength)),
        ));
    }
    if let Some(timing) = &details.timing {
        let show = |t: Option<&cairn_runtime::Timing>| match t {
            Some(t) => format!("{id}: timing {t}"),
            None => format!("{id}: no timing"),
        };
        pairs.push((show(timing.as_ref()), rec.map(|r| show(r.timing.as_ref()))));
    }
    if let Some(dose) = &details.dose {
        let show = |d: Option<String>| match d {
            Some(d) => format!("{id}: dose {d}"),
            None => format!("{id}: no dose"),
        };
        pairs.push((show(dose.clone()), rec.map(|r| show(r.dose_text()))));
    }
    if let Some(text) = &details.text {
        pairs.push((
            format!("{id}: text {text:?}"),
            rec.map(|r| format!("{id}: text {:?}", r.text)),
        ));
    }
    if let Some(see) = &details.see {
        let show = |ids: Vec<&str>| format!("{id}: see [{}]", ids.join(", "));
        pairs.push((
            show(see.iter().map(String::as_str).collect()),
            rec.map(|r| show(r.see.iter().map(|x| x.id.as_ref()).collect())),
        ));
    }
    for (expected, observed) in pairs {
        let observed = observed.unwrap_or_else(|| format!("{id}: not recommended"));
        lines.push(expected, observed);
    }
}
