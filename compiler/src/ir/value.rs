//! Values of facts in the interpreter and the analyses: a fact's value is a boolean, one value
//! of its enum, or a set of values as a bitset.

use super::{FactType, Pathway, VariantId};

/// The value of one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// A boolean fact.
    Bool(bool),
    /// An enum fact: the value's position in its enum.
    Enum(VariantId),
    /// A set fact: bit `i` is set when the enum's value `i` is in the set.
    Set(u128),
}

/// The values of every fact, by `FactId`.
pub type FactValues = Vec<Value>;

/// How many values a fact of this type can take (saturating for huge sets).
pub fn domain_size(pathway: &Pathway, ty: FactType) -> u128 {
    match ty {
        FactType::Bool => 2,
        FactType::Enum(e) => pathway.enum_(e).variants.len() as u128,
        FactType::Set(e) => {
            let n = pathway.enum_(e).variants.len();
            if n >= 127 { u128::MAX } else { 1u128 << n }
        }
    }
}

/// The `index`-th value of a fact's domain, for enumeration (`index < domain_size`).
pub fn nth_value(ty: FactType, index: u128) -> Value {
    match ty {
        FactType::Bool => Value::Bool(index == 1),
        FactType::Enum(_) => Value::Enum(VariantId(index as u32)),
        FactType::Set(_) => Value::Set(index),
    }
}
