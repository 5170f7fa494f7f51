//! Whether two engines agree on one input: the same plan, byte for byte as JSON, or the same
//! refusal. Refusals agree on their kind, and an inconsistent input on the broken constraint's
//! name; their messages may differ (the generated engine reports malformed facts in serde's
//! words, the interpreter in its own), though a case's `message_contains` holds each to
//! naming the fact or value concerned.

use cairn_compiler::cases;
use cairn_runtime::{FactsError, Plan};

/// The result of one engine on one input.
pub type Outcome<'a> = Result<Plan<'a>, FactsError>;

/// `None` when the two results agree; otherwise what differs, readably.
pub fn disagreement(interpreter: &Outcome<'_>, generated: &Outcome<'_>) -> Option<String> {
    match (interpreter, generated) {
        (Ok(a), Ok(b)) => {
            let (a_json, b_json) = (json(a), json(b));
            if a_json == b_json {
                return None;
            }
            let pretty = |plan: &Plan<'_>| serde_json::to_string_pretty(plan).unwrap_or_default();
            Some(format!(
                "the plans differ (- interpreter, + generated):\n{}",
                cases::diff(&pretty(a), &pretty(b))
            ))
        }
        (Err(a), Err(b)) => {
            if refusal(a) == refusal(b) {
                None
            } else {
                Some(format!("the refusals differ:\n  interpreter: {a}\n  generated:   {b}"))
            }
        }
        (Ok(plan), Err(error)) => Some(format!(
            "the interpreter made a plan, the generated engine refused: {error}\n  plan: {}",
            json(plan)
        )),
        (Err(error), Ok(plan)) => Some(format!(
            "the interpreter refused ({error}), the generated engine made a plan: {}",
            json(plan)
        )),
    }
}

/// A plan as compact JSON, the bytes both engines must produce.
pub fn json(plan: &Plan) -> String {
    serde_json::to_string(plan).unwrap_or_else(|e| format!("<cannot serialise: {e}>"))
}

/// What two refusals must share: the kind, and the constraint of an inconsistent input.
fn refusal(error: &FactsError) -> (&'static str, Option<&str>) {
    match error {
        FactsError::Inconsistent { constraint, .. } => ("inconsistent", Some(constraint)),
        _ => ("invalid", None),
    }
}
