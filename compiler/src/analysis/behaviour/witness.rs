//! Witnesses: an input drawn from a cube of the symbolic engine, shown as a complete facts JSON
//! (the shape `cairn run` reads) with the facts that decide it, and confirmed by the
//! interpreter's own facts reader and evaluator (`ir::facts`, `ir::eval`) before any finding
//! reports it, so that a finding is never spurious.

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use cairn_runtime::FactsError;

use crate::ir::eval::Evaluator;
use crate::ir::facts::parse_facts;
use crate::ir::value::{FactValues, Value, number_json};
use crate::ir::{AssertId, FactType, Pathway, RecId, ScopeId};

/// A count of inputs, shown with thousands separated (`19,464,192`). Counts saturate at
/// `u128::MAX` (a pathway of a few hundred facts has more inputs than that), so that value is
/// shown as `at least ...`; in JSON it is the number `u128::MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Count(pub u128);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == u128::MAX {
            f.write_str("at least ")?;
        }
        let digits = self.0.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(digit);
        }
        f.write_str(&out)
    }
}

impl Count {
    /// The count with its noun: `1 input`, `3,072 inputs`.
    pub fn inputs(self) -> String {
        if self.0 == 1 { "1 input".to_string() } else { format!("{self} inputs") }
    }

    /// The count with a noun that agrees: `1 pair`, `3 pairs`.
    pub fn of(self, singular: &str, plural: &str) -> String {
        if self.0 == 1 { format!("1 {singular}") } else { format!("{self} {plural}") }
    }
}

/// The facts of one input as JSON values, in declaration order (a JSON object when serialised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactsJson(pub Vec<(String, serde_json::Value)>);

impl Serialize for FactsJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl FactsJson {
    /// The facts of an input, as `cairn run` reads them.
    pub fn new(pathway: &Pathway, values: &FactValues) -> Self {
        let facts = pathway
            .facts
            .iter()
            .zip(values)
            .map(|(fact, value)| {
                let json = match (fact.ty, value) {
                    (_, Value::Bool(b)) => serde_json::Value::Bool(*b),
                    (_, Value::Number(n)) => number_json(*n),
                    (FactType::Enum(e), Value::Enum(v)) => serde_json::Value::String(
                        pathway
                            .enum_(e)
                            .variants
                            .get(v.index())
                            .map_or_else(String::new, |name| name.node.clone()),
                    ),
                    (FactType::Set(e), Value::Set(bits)) => serde_json::Value::Array(
                        pathway
                            .enum_(e)
                            .variants
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| *i < 128 && bits & (1u128 << i) != 0)
                            .map(|(_, name)| serde_json::Value::String(name.node.clone()))
                            .collect(),
                    ),
                    _ => serde_json::Value::Null,
                };
                (fact.name.node.clone(), json)
            })
            .collect();
        FactsJson(facts)
    }

    /// Pretty JSON text, two spaces of indentation, one fact per line.
    pub fn to_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// An input for which a finding holds, confirmed by the interpreter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Witness {
    /// Every fact, as `cairn run --facts` reads them.
    pub facts: FactsJson,
    /// The facts that decide it (those the cube fixes), as conditions in pathway syntax; every
    /// input that satisfies them has the finding too.
    pub deciding: Vec<String>,
    /// How many inputs share the deciding facts.
    pub inputs: Count,
}

impl Witness {
    /// The witness as the last lines of a help text.
    pub fn describe(&self) -> String {
        let inputs = if self.deciding.is_empty() {
            format!("any input ({})", self.inputs.inputs())
        } else {
            format!("every input with {} ({})", self.deciding.join(", "), self.inputs.inputs())
        };
        format!(
            "for example, {inputs}; facts to paste into `cairn run --facts`:\n{}",
            self.facts.to_pretty()
        )
    }
}

/// What a witness is claimed to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Both recommendations apply.
    Together(RecId, RecId),
    /// The input is inside the scope and no recommendation applies.
    EmptyPlanInScope(ScopeId),
    /// The assertion is false.
    AssertFails(AssertId),
}

impl Claim {
    /// The claim in words, for the message of an unconfirmed witness.
    pub fn describe(self, pathway: &Pathway) -> String {
        let rec = |id: RecId| {
            pathway.recommendations.get(id.index()).map_or("?", |r| r.name.node.as_str())
        };
        match self {
            Claim::Together(a, b) => format!("`{}` and `{}` apply together", rec(a), rec(b)),
            Claim::EmptyPlanInScope(s) => format!(
                "an input inside scope `{}` gets no recommendation",
                pathway.scopes.get(s.index()).map_or("?", |s| s.name.node.as_str())
            ),
            Claim::AssertFails(a) => format!(
                "assertion `{}` fails",
                pathway.asserts.get(a.index()).map_or("?", |a| a.name.node.as_str())
            ),
        }
    }
}

/// Reads the witness's facts JSON and evaluates it exactly as `cairn run` would (the same facts
/// reader, constraints and evaluator), and checks the claim; on disagreement says what the
/// interpreter found.
pub fn confirm(pathway: &Pathway, claim: Claim, facts: &FactsJson) -> Result<(), String> {
    let json = facts.to_pretty();
    let refused = |e: FactsError| format!("it refuses the witness's facts: {e}");
    let values =
        parse_facts(pathway, &json).map_err(|message| refused(FactsError::Invalid { message }))?;
    let mut evaluator = Evaluator::new(pathway, &values);
    evaluator.consistent().map_err(refused)?;
    // The plan's recommendations: those whose `when` holds, in source order.
    let applying: Vec<RecId> = (0u32..)
        .zip(&pathway.recommendations)
        .map(|(index, _)| RecId(index))
        .filter(|&id| evaluator.recommendation(id))
        .collect();
    let applies = |id: RecId| applying.contains(&id);
    match claim {
        Claim::Together(a, b) => {
            if applies(a) && applies(b) {
                return Ok(());
            }
            let ids: Vec<String> = applying
                .iter()
                .filter_map(|id| pathway.recommendations.get(id.index()))
                .map(|rec| format!("`{}`", rec.name.node))
                .collect();
            Err(if ids.is_empty() {
                "its plan is empty".to_string()
            } else {
                format!("its plan holds only {}", ids.join(", "))
            })
        }
        Claim::EmptyPlanInScope(s) => {
            let inside = pathway.scopes.get(s.index()).is_some_and(|s| evaluator.eval(&s.expr));
            if !inside {
                return Err("the input is outside the scope".to_string());
            }
            if !applying.is_empty() {
                return Err(format!("its plan holds {} recommendations", applying.len()));
            }
            Ok(())
        }
        Claim::AssertFails(a) => {
            let holds = pathway.asserts.get(a.index()).is_none_or(|a| evaluator.eval(&a.expr));
            if holds { Err("the assertion holds for this input".to_string()) } else { Ok(()) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_thousands_and_saturated_counts_say_at_least() {
        assert_eq!(Count(0).to_string(), "0");
        assert_eq!(Count(999).to_string(), "999");
        assert_eq!(Count(19_464_192).to_string(), "19,464,192");
        assert_eq!(Count(1).inputs(), "1 input");
        assert_eq!(Count(1_000).inputs(), "1,000 inputs");
        assert_eq!(
            Count(u128::MAX).inputs(),
            "at least 340,282,366,920,938,463,463,374,607,431,768,211,455 inputs"
        );
        assert_eq!(
            Count(u128::MAX - 1).to_string(),
            "340,282,366,920,938,463,463,374,607,431,768,211,454"
        );
    }
}
