//! Values of facts in the interpreter and the analyses: a fact's value is a boolean, one value
//! of its enum, a set of values as a bitset, an exact number, or unknown (`null`, for an
//! optional fact).
//!
//! For enumeration (the analyses' oracle, the witness search, differential tests) every fact
//! has a finite domain. A numeric fact's is its regions: the pathway compares it with finitely
//! many constants (its `points`, with the ends of its range), and every test gives the same
//! answer everywhere inside one region, so one value per region decides every question. The
//! regions are each point, and each open stretch between two points that holds a value of the
//! fact's kind; a stretch is represented by its value nearest its lower point (one step above
//! it: 1 for a whole number, a tenth of the finest constant's last place for a decimal), so a
//! witness sits on the boundary where an answer changes. An optional fact has one more value,
//! unknown, last.

use cairn_runtime::Decimal;

use super::{Fact, FactType, NumberType, Pathway, VariantId};

/// The value of one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// A boolean fact.
    Bool(bool),
    /// An enum fact: the value's position in its enum.
    Enum(VariantId),
    /// A set fact: bit `i` is set when the enum's value `i` is in the set.
    Set(u128),
    /// A numeric fact, in its unit.
    Number(Decimal),
    /// An optional fact given as `null`.
    Unknown,
}

/// The values of every fact, by `FactId`.
pub type FactValues = Vec<Value>;

/// One value for each region of a numeric fact, in increasing order (see the module).
pub fn regions(ty: NumberType, points: &[Decimal]) -> Vec<Decimal> {
    let mut points: Vec<Decimal> =
        points.iter().copied().filter(|p| *p >= ty.low && *p <= ty.high).collect();
    points.push(ty.low);
    points.push(ty.high);
    points.sort();
    points.dedup();
    let finest = points.iter().map(|p| p.scale()).max().unwrap_or(0);
    let step = if ty.whole { Decimal::step(0) } else { Decimal::step(finest + 1) };
    let mut values = Vec::new();
    for (i, point) in points.iter().enumerate() {
        if !ty.whole || point.is_whole() {
            values.push(*point);
        }
        let Some(next) = points.get(i + 1) else { break };
        // The first value of the fact's kind strictly above `point`.
        let above = if ty.whole {
            let ceiling = point.ceil();
            if ceiling == *point { point.checked_add(step) } else { Some(ceiling) }
        } else {
            point.checked_add(step)
        };
        if let Some(above) = above.filter(|a| a < next) {
            values.push(above);
        }
    }
    values
}

/// A number as a JSON number that reads back as itself: whole numbers as integers, others as
/// the `f64` whose shortest text is the number (every number a fact holds has at most 15
/// significant digits when it came from JSON, and the regions' values have as few).
pub fn number_json(value: Decimal) -> serde_json::Value {
    match value.to_whole() {
        Some(whole) => serde_json::Value::from(whole),
        None => value
            .to_string()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
    }
}

/// The values a fact's enumeration walks, for a numeric fact.
fn number_values(fact: &Fact) -> Vec<Decimal> {
    match fact.ty {
        FactType::Number(ty) => regions(ty, &fact.points),
        _ => Vec::new(),
    }
}

/// How many values a fact can take for enumeration (saturating for huge sets), unknown
/// included for an optional fact.
pub fn domain_size(pathway: &Pathway, fact: &Fact) -> u128 {
    let known = match fact.ty {
        FactType::Bool => 2,
        FactType::Enum(e) => pathway.enum_(e).variants.len() as u128,
        FactType::Set(e) => {
            let n = pathway.enum_(e).variants.len();
            if n >= 127 { u128::MAX } else { 1u128 << n }
        }
        FactType::Number(_) => number_values(fact).len() as u128,
    };
    if fact.optional { known.saturating_add(1) } else { known }
}

/// The `index`-th value of a fact's domain, for enumeration (`index < domain_size`); the last
/// of an optional fact's is unknown.
pub fn nth_value(pathway: &Pathway, fact: &Fact, index: u128) -> Value {
    if fact.optional && index.checked_add(1) == Some(domain_size(pathway, fact)) {
        return Value::Unknown;
    }
    match fact.ty {
        FactType::Bool => Value::Bool(index == 1),
        FactType::Enum(_) => Value::Enum(VariantId(index as u32)),
        FactType::Set(_) => Value::Set(index),
        FactType::Number(_) => {
            let values = number_values(fact);
            let at = usize::try_from(index).unwrap_or(usize::MAX);
            Value::Number(values.get(at).copied().unwrap_or(Decimal::ZERO))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap_or(Decimal::ZERO)
    }

    fn shown(values: Vec<Decimal>) -> Vec<String> {
        values.into_iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn regions_of_a_whole_number_sit_on_the_boundaries() {
        let ty = NumberType { whole: true, unit: "years", low: d("0"), high: d("130") };
        assert_eq!(
            shown(regions(ty, &[d("65"), d("18")])),
            ["0", "1", "18", "19", "65", "66", "130"]
        );
        // A fractional constant: 64.5 splits 64 from 65, and no whole number sits on it.
        assert_eq!(shown(regions(ty, &[d("64.5")])), ["0", "1", "65", "130"]);
        // Adjacent points leave no whole number between them.
        let tight = NumberType { whole: true, unit: "years", low: d("0"), high: d("1") };
        assert_eq!(shown(regions(tight, &[])), ["0", "1"]);
    }

    #[test]
    fn regions_of_a_decimal_step_below_the_finest_constant() {
        let ty = NumberType { whole: false, unit: "mmol/L", low: d("0"), high: d("100") };
        assert_eq!(
            shown(regions(ty, &[d("7"), d("7.5"), d("200")])),
            ["0", "0.01", "7", "7.01", "7.5", "7.51", "100"]
        );
    }
}
