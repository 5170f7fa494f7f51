//! Reading facts from JSON for the interpreter: every key checked against the pathway's facts,
//! every value against its type, with a message that names the fact and what was expected.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::value::{FactValues, Value};
use crate::sema::ir::{FactType, Pathway, VariantId};
use crate::sema::unknown_help;

/// A JSON object read without losing duplicate keys, which serde_json's map would silently
/// merge (the last one winning) and which in clinical input is a mistake worth refusing.
struct StrictObject(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for StrictObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = StrictObject;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object with one key per fact")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictObject, A::Error> {
                let mut entries: Vec<(String, serde_json::Value)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("fact `{key}` is given twice")));
                    }
                    let value = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(StrictObject(entries))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

/// Reads facts from JSON text. All problems are reported together, one per line.
pub fn parse_facts(pathway: &Pathway, json: &str) -> Result<FactValues, String> {
    let object: StrictObject =
        serde_json::from_str(json).map_err(|e| format!("the facts are not valid: {e}"))?;
    let mut given: BTreeMap<&str, &serde_json::Value> = BTreeMap::new();
    let mut problems = Vec::new();
    for (key, value) in &object.0 {
        if pathway.facts.iter().any(|f| f.name.node == *key) {
            given.insert(key, value);
        } else {
            let names: Vec<&str> = pathway.facts.iter().map(|f| f.name.node.as_str()).collect();
            problems.push(format!("unknown fact `{key}`; {}", unknown_help(key, "fact", &names)));
        }
    }
    let mut values = Vec::with_capacity(pathway.facts.len());
    for fact in &pathway.facts {
        let name = &fact.name.node;
        let Some(json) = given.get(name.as_str()) else {
            problems
                .push(format!("missing fact `{name}`: expected {}", expected(pathway, fact.ty)));
            values.push(Value::Bool(false));
            continue;
        };
        match read_value(pathway, fact.ty, json) {
            Ok(value) => values.push(value),
            Err(found) => {
                problems.push(format!(
                    "fact `{name}` must be {}, found {found}",
                    expected(pathway, fact.ty)
                ));
                values.push(Value::Bool(false));
            }
        }
    }
    if problems.is_empty() { Ok(values) } else { Err(problems.join("\n")) }
}

/// What a fact of this type accepts, in words.
pub fn expected(pathway: &Pathway, ty: FactType) -> String {
    let values = |e| {
        let names: Vec<String> =
            pathway.enum_(e).variants.iter().map(|v| format!("\"{}\"", v.node)).collect();
        names.join(", ")
    };
    match ty {
        FactType::Bool => "true or false".to_string(),
        FactType::Enum(e) => format!("one of {}", values(e)),
        FactType::Set(e) => format!("an array of values from {}", values(e)),
    }
}

/// Reads one value; on failure says what was found instead.
fn read_value(pathway: &Pathway, ty: FactType, json: &serde_json::Value) -> Result<Value, String> {
    match (ty, json) {
        (FactType::Bool, serde_json::Value::Bool(b)) => Ok(Value::Bool(*b)),
        (FactType::Enum(e), serde_json::Value::String(s)) => {
            variant(pathway, e, s).map(Value::Enum)
        }
        (FactType::Set(e), serde_json::Value::Array(items)) => {
            let mut bits = 0u128;
            for item in items {
                let serde_json::Value::String(s) = item else {
                    return Err(format!("an array holding {}", describe(item)));
                };
                let v = variant(pathway, e, s)?;
                bits |= 1u128 << v.0;
            }
            Ok(Value::Set(bits))
        }
        (_, other) => Err(describe(other)),
    }
}

fn variant(pathway: &Pathway, e: crate::sema::ir::EnumId, name: &str) -> Result<VariantId, String> {
    pathway
        .enum_(e)
        .variants
        .iter()
        .position(|v| v.node == name)
        .map(|i| VariantId(i as u32))
        .ok_or_else(|| format!("\"{}\"", truncate(name)))
}

/// A JSON value in words, short enough for a message.
fn describe(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => format!("the number {}", truncate(&n.to_string())),
        serde_json::Value::String(s) => format!("the string \"{}\"", truncate(s)),
        serde_json::Value::Array(_) => "an array".to_string(),
        serde_json::Value::Object(_) => "an object".to_string(),
    }
}

fn truncate(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}...", text.chars().take(MAX).collect::<String>())
    }
}
