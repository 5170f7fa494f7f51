//! Reading facts from JSON into fact values: every key checked against the pathway's facts,
//! every value against its type, with a message that names the fact and what was expected.
//! The interpreter (`cairn run`), the analyses' witness check and the case checker all read
//! facts documents through this one reader.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::value::{FactValues, Value};
use cairn_runtime::Decimal;

use super::{EnumId, Fact, FactType, Pathway, VariantId};
use crate::suggest::did_you_mean;

/// Problems listed in one message before the rest are only counted, so a document of a
/// million wrong keys does not print a million lines.
const MAX_PROBLEMS: usize = 20;
/// Fact names listed when an unknown key has no close match.
const MAX_LISTED_FACTS: usize = 20;
/// Characters of a key or value from the input quoted in a message.
const MAX_QUOTED_CHARS: usize = 60;

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
                        return Err(de::Error::custom(format!(
                            "fact `{}` is given twice",
                            quoted(&key)
                        )));
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

/// Reads facts from JSON text. Every problem is reported, not only the first: one alone as a
/// sentence, several as a list ("3 problems:" and a line each).
pub fn parse_facts(pathway: &Pathway, json: &str) -> Result<FactValues, String> {
    let object = read_object(json)?;
    let names: Vec<&str> = pathway.facts.iter().map(|f| f.name.node.as_str()).collect();
    let mut given: BTreeMap<&str, &serde_json::Value> = BTreeMap::new();
    let mut problems = Vec::new();
    // Facts that an unknown key was probably meant to be: saying they are missing as well
    // would report one typo twice.
    let mut meant: Vec<&str> = Vec::new();
    for (key, value) in &object.0 {
        if names.contains(&key.as_str()) {
            given.insert(key, value);
        } else if let Some(suggestion) = did_you_mean(key, names.iter().copied()) {
            meant.push(suggestion);
            problems.push(format!("unknown fact `{}`: did you mean `{suggestion}`?", quoted(key)));
        } else {
            problems.push(format!(
                "unknown fact `{}`: the facts of pathway `{}` are {}",
                quoted(key),
                pathway.name.node,
                listed(&names, MAX_LISTED_FACTS)
            ));
        }
    }
    let mut values = Vec::with_capacity(pathway.facts.len());
    for fact in &pathway.facts {
        let name = &fact.name.node;
        let Some(json) = given.get(name.as_str()) else {
            if !meant.contains(&name.as_str()) {
                problems
                    .push(format!("missing fact `{name}`: expected {}", expected(pathway, fact)));
            }
            values.push(Value::Bool(false));
            continue;
        };
        let read = match json {
            serde_json::Value::Null if fact.optional => Ok(Value::Unknown),
            _ => read_value(pathway, fact.ty, json),
        };
        match read {
            Ok(value) => values.push(value),
            Err(found) => {
                problems.push(format!(
                    "fact `{name}` must be {}, found {found}",
                    expected(pathway, fact)
                ));
                values.push(Value::Bool(false));
            }
        }
    }
    match problems.as_slice() {
        [] => Ok(values),
        [one] => Err(one.clone()),
        several => {
            let mut message = format!("{} problems:", several.len());
            for problem in several.iter().take(MAX_PROBLEMS) {
                message.push_str("\n  - ");
                message.push_str(problem);
            }
            if several.len() > MAX_PROBLEMS {
                message.push_str(&format!("\n  - and {} more", several.len() - MAX_PROBLEMS));
            }
            Err(message)
        }
    }
}

/// The top-level object, or why the text is not one.
fn read_object(json: &str) -> Result<StrictObject, String> {
    const SHAPE: &str = "a JSON object with one key per fact";
    let start = json.trim_start_matches([' ', '\t', '\n', '\r']);
    if start.is_empty() {
        return Err(format!("the facts are empty: expected {SHAPE}"));
    }
    if !start.starts_with('{') {
        // Another JSON value: say which, without serde's "invalid type" wording.
        return match serde_json::from_str::<serde_json::Value>(json) {
            Ok(other) => Err(format!("the facts must be {SHAPE}, found {}", describe(&other))),
            Err(error) => Err(format!("the facts are not valid JSON: {error}")),
        };
    }
    serde_json::from_str::<StrictObject>(json).map_err(|error| {
        if error.is_data() {
            // Our own message (a duplicate key), with serde_json's position.
            error.to_string()
        } else {
            format!("the facts are not valid JSON: {error}")
        }
    })
}

/// What a fact accepts, in words (with "or null" for an optional fact).
pub fn expected(pathway: &Pathway, fact: &Fact) -> String {
    let known = expected_type(pathway, fact.ty);
    if fact.optional { format!("{known}, or null") } else { known }
}

/// What a fact of this type accepts, in words.
fn expected_type(pathway: &Pathway, ty: FactType) -> String {
    let values = |e| {
        let names: Vec<String> =
            pathway.enum_(e).variants.iter().map(|v| format!("\"{}\"", v.node)).collect();
        names.join(", ")
    };
    match ty {
        FactType::Bool => "true or false".to_string(),
        FactType::Enum(e) => format!("one of {}", values(e)),
        FactType::Set(e) => format!("an array of values from {}", values(e)),
        FactType::Number(n) => {
            let kind = if n.whole { "a whole number" } else { "a number" };
            format!("{kind} from {} to {} ({})", n.low, n.high, n.unit)
        }
    }
}

/// A JSON number as an exact decimal: integers as they are, others as the shortest decimal of
/// their binary value, refused with more than 15 significant digits (as generated engines do,
/// through `cairn_runtime::Decimal`).
fn read_number(n: &serde_json::Number) -> Result<Decimal, String> {
    let read = if let Some(whole) = n.as_i64() {
        Decimal::from_whole(whole)
    } else if let Some(whole) = n.as_u64() {
        Decimal::new(i128::from(whole), 0)
    } else {
        Decimal::from_f64(n.as_f64().unwrap_or(f64::NAN))
    };
    read.map_err(|why| format!("the number {} ({why})", quoted(&n.to_string())))
}

/// Reads one value; on failure says what was found instead.
fn read_value(pathway: &Pathway, ty: FactType, json: &serde_json::Value) -> Result<Value, String> {
    match (ty, json) {
        (FactType::Bool, serde_json::Value::Bool(b)) => Ok(Value::Bool(*b)),
        (FactType::Enum(e), serde_json::Value::String(s)) => {
            variant(pathway, e, s).map(Value::Enum).map_err(|unknown| unknown.alone())
        }
        (FactType::Set(e), serde_json::Value::Array(items)) => {
            let mut bits = 0u128;
            for item in items {
                let serde_json::Value::String(s) = item else {
                    return Err(format!("an array holding {}", describe(item)));
                };
                let v = variant(pathway, e, s).map_err(|unknown| unknown.in_array())?;
                // Sema caps a set's enum at `MAX_SET_VALUES` values, so the shift cannot overflow; a
                // repeated value is the same set, as in the generated engine.
                bits |= 1u128.checked_shl(v.0).unwrap_or(0);
            }
            Ok(Value::Set(bits))
        }
        (FactType::Number(n), serde_json::Value::Number(number)) => {
            let value = read_number(number)?;
            if (n.whole && !value.is_whole()) || value < n.low || value > n.high {
                return Err(format!("the number {value}"));
            }
            Ok(Value::Number(value))
        }
        (_, other) => Err(describe(other)),
    }
}

/// A string that is no value of the enum it should be one of.
struct UnknownValue<'p> {
    /// The string, quoted for a message.
    shown: String,
    /// The value it was probably meant to be.
    meant: Option<&'p str>,
}

impl UnknownValue<'_> {
    /// `"Severe" (did you mean "severe"?)`.
    fn alone(self) -> String {
        self.with("")
    }

    /// `"mechanical" in the array (did you mean "mechanical_pain"?)`.
    fn in_array(self) -> String {
        self.with(" in the array")
    }

    fn with(self, place: &str) -> String {
        match self.meant {
            Some(meant) => format!("\"{}\"{place} (did you mean \"{meant}\"?)", self.shown),
            None => format!("\"{}\"{place}", self.shown),
        }
    }
}

/// The value of enum `e` called `name`, or the name and what it was probably meant to be.
fn variant<'p>(pathway: &'p Pathway, e: EnumId, name: &str) -> Result<VariantId, UnknownValue<'p>> {
    let variants = &pathway.enum_(e).variants;
    if let Some(i) = variants.iter().position(|v| v.node == name) {
        return Ok(VariantId(i as u32));
    }
    Err(UnknownValue {
        shown: quoted(name),
        meant: did_you_mean(name, variants.iter().map(|v| v.node.as_str())),
    })
}

/// "`a`, `b` and `c`", or the first `max` and how many more.
fn listed(names: &[&str], max: usize) -> String {
    let shown: Vec<String> = names.iter().take(max).map(|n| format!("`{n}`")).collect();
    match (shown.split_last(), names.len().saturating_sub(max)) {
        (None, _) => "none".to_string(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, init)), 0) => format!("{} and {last}", init.join(", ")),
        (Some(_), more) => format!("{} and {more} more", shown.join(", ")),
    }
}

/// A JSON value in words, short enough for a message.
fn describe(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => format!("the number {}", quoted(&n.to_string())),
        serde_json::Value::String(s) => format!("the string \"{}\"", quoted(s)),
        serde_json::Value::Array(_) => "an array".to_string(),
        serde_json::Value::Object(_) => "an object".to_string(),
    }
}

/// Text from the input, made safe to quote in a message: cut to a readable length, and with
/// control and invisible characters escaped, so that a key cannot clear a terminal or hide
/// what it says.
fn quoted(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX_QUOTED_CHARS {
            out.push_str("...");
            break;
        }
        if crate::text::is_unsafe_to_show(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_is_short_and_inert() {
        assert_eq!(quoted("mild"), "mild");
        assert_eq!(quoted("a\u{1b}[2Jb\u{202e}"), "a\\u{1b}[2Jb\\u{202e}");
        assert_eq!(quoted(&"x".repeat(61)), format!("{}...", "x".repeat(60)));
        assert_eq!(quoted(&"x".repeat(60)), "x".repeat(60));
    }

    #[test]
    fn closest_finds_typos_only() {
        let facts = ["admitted_to_hospital", "mri_contraindicated", "pain_severity"];
        assert_eq!(did_you_mean("admited_to_hospital", facts), Some("admitted_to_hospital"));
        assert_eq!(did_you_mean("pain_severty", facts), Some("pain_severity"));
        assert_eq!(did_you_mean("age", facts), None);
        assert_eq!(did_you_mean("moderat", ["mild", "moderate", "severe"]), Some("moderate"));
        assert_eq!(did_you_mean("very bad", ["mild", "moderate", "severe"]), None);
    }

    #[test]
    fn listed_names_are_cut() {
        assert_eq!(listed(&[], 3), "none");
        assert_eq!(listed(&["a"], 3), "`a`");
        assert_eq!(listed(&["a", "b", "c"], 3), "`a`, `b` and `c`");
        assert_eq!(listed(&["a", "b", "c", "d"], 2), "`a`, `b` and 2 more");
    }
}
