//! Facts for differential testing, built from a pathway's IR: every fact's domain, and the
//! JSON of one point of the product of the domains (a value index per fact). The property
//! tests draw the indices; small pathways are enumerated whole.

use cairn_compiler::ir::eval::Evaluator;
use cairn_compiler::ir::value::{self, domain_size, nth_value};
use cairn_compiler::ir::{FactType, Pathway};
use serde_json::{Map, Value};

/// How many values each fact can take, in declaration order.
pub fn domains(pathway: &Pathway) -> Vec<u128> {
    pathway.facts.iter().map(|fact| domain_size(pathway, fact)).collect()
}

/// How many inputs the pathway has in all, when that fits in a `u128`.
pub fn space(pathway: &Pathway) -> Option<u128> {
    domains(pathway).into_iter().try_fold(1u128, u128::checked_mul)
}

/// The facts JSON for one value index per fact (each below its domain size): a boolean is
/// `index == 1`, an enum its `index`-th value, a set the values of the bits of `index`, a
/// number the value of its `index`-th region, and the last index of an optional fact `null`.
pub fn to_json(pathway: &Pathway, indices: &[u128]) -> String {
    let mut object = Map::new();
    for (fact, index) in pathway.facts.iter().zip(indices) {
        let value = match (fact.ty, nth_value(pathway, fact, *index)) {
            // The last value of an optional fact is unknown.
            (_, value::Value::Unknown) => Value::Null,
            (FactType::Number(_), value::Value::Number(n)) => value::number_json(n),
            (ty, _) => json_of(pathway, ty, *index),
        };
        object.insert(fact.name.node.clone(), value);
    }
    Value::Object(object).to_string()
}

/// The JSON of the `index`-th value of a boolean, enum or set fact.
fn json_of(pathway: &Pathway, ty: FactType, index: u128) -> Value {
    {
        let index = &index;
        match ty {
            FactType::Bool => Value::Bool(*index == 1),
            FactType::Enum(e) => {
                let variants = &pathway.enum_(e).variants;
                let at = usize::try_from(*index).unwrap_or(usize::MAX);
                Value::String(variants.get(at).map_or_else(String::new, |v| v.node.clone()))
            }
            FactType::Set(e) => Value::Array(
                pathway
                    .enum_(e)
                    .variants
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| {
                        u32::try_from(*bit).is_ok_and(|b| b < 128 && index >> b & 1 == 1)
                    })
                    .map(|(_, v)| Value::String(v.node.clone()))
                    .collect(),
            ),
            FactType::Number(_) => Value::Null,
        }
    }
}

/// The value indices of the `n`-th input, counting in mixed radix over the domains.
pub fn nth(domains: &[u128], mut n: u128) -> Vec<u128> {
    domains
        .iter()
        .map(|size| {
            let index = if *size == 0 { 0 } else { n % size };
            n = if *size == 0 { 0 } else { n / size };
            index
        })
        .collect()
}

/// Whether the input with these value indices satisfies every constraint: the interpreter's
/// own test, without the JSON round trip, for drawing consistent inputs quickly.
pub fn consistent(pathway: &Pathway, indices: &[u128]) -> bool {
    let values: Vec<value::Value> = pathway
        .facts
        .iter()
        .zip(indices)
        .map(|(fact, index)| nth_value(pathway, fact, *index))
        .collect();
    let mut evaluator = Evaluator::new(pathway, &values);
    pathway.constraints.iter().all(|constraint| evaluator.eval(&constraint.expr))
}
