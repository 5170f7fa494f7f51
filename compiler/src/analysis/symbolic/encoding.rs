//! How facts become BDD variables, and back. A boolean fact is one variable; a set fact is one
//! variable per value of its enum ("this value is in the set"); an enum fact of `n` values is a
//! binary code of `ceil(log2 n)` variables, least significant bit first, with a validity
//! constraint (`code < n`) that the symbolic space always conjoins.
//!
//! A numeric fact is coded the same way over its regions (see `ir::value`: one value per
//! stretch between the constants it meets, so every test is decided by the code), and so is an
//! optional boolean or enum fact, with "unknown" as one more value: a [`FactEncoding::Coded`]
//! fact carries the value of each code. An optional set fact has one more variable, "unknown",
//! which forces every member variable false.
//!
//! Why binary rather than one-hot: it needs fewer variables (26 instead of 42 for the NICE
//! pathway), no "exactly one" constraint, and every code below `n` is a value, so the all-false
//! completion of a partial assignment is the enum's first value, which reads naturally in a
//! witness. Counting stays exact because invalid codes are excluded by the validity constraint,
//! never counted.

use biodivine_lib_bdd::{Bdd, BddPartialValuation, BddValuation, BddVariable, BddVariableSet};

use crate::ir::value::{Value, domain_size, nth_value};
use crate::ir::{Fact, FactType, Pathway, VariantId};

/// The variables of one fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactEncoding {
    /// A boolean fact: the variable is the fact.
    Bool(BddVariable),
    /// An enum fact: the binary code of its value, least significant bit first.
    Enum {
        /// The bits, least significant first (none for an enum of one value).
        bits: Vec<BddVariable>,
        /// How many values the enum has.
        values: usize,
    },
    /// A set fact: one variable per value of the enum, "this value is in the set".
    Set(Vec<BddVariable>),
    /// An optional set fact: the members, and a variable "unknown" that forces them false.
    OptionalSet(Vec<BddVariable>, BddVariable),
    /// A numeric fact, or an optional boolean or enum fact: the binary code of its value,
    /// least significant bit first, and the value each code stands for.
    Coded {
        /// The bits, least significant first.
        bits: Vec<BddVariable>,
        /// The value of each code.
        values: Vec<Value>,
    },
}

/// Whether a fact is coded over a table of values (see [`FactEncoding::Coded`]).
fn coded(fact: &Fact) -> bool {
    matches!(fact.ty, FactType::Number(_))
        || (fact.optional && matches!(fact.ty, FactType::Bool | FactType::Enum(_)))
}

/// The values a coded fact takes, by code.
fn coded_values(pathway: &Pathway, fact: &Fact) -> Vec<Value> {
    (0..domain_size(pathway, fact)).map(|i| nth_value(pathway, fact, i)).collect()
}

/// How many bits a binary code of `n` values needs.
pub fn bits_for(n: usize) -> usize {
    let mut bits = 0;
    while (1usize << bits) < n {
        bits += 1;
    }
    bits
}

/// How many variables each fact needs, in fact order.
pub fn widths(pathway: &Pathway) -> Vec<usize> {
    pathway
        .facts
        .iter()
        .map(|fact| match fact.ty {
            _ if coded(fact) => {
                bits_for(usize::try_from(domain_size(pathway, fact)).unwrap_or(usize::MAX))
            }
            FactType::Bool => 1,
            FactType::Enum(e) => bits_for(pathway.enum_(e).variants.len()),
            FactType::Set(e) => pathway.enum_(e).variants.len() + usize::from(fact.optional),
            FactType::Number(_) => 0,
        })
        .collect()
}

/// Lays the facts out over consecutive variables, in declaration order, each fact's variables
/// together (facts read by the same condition are usually declared near each other).
pub fn layout(pathway: &Pathway) -> Vec<FactEncoding> {
    let mut next = 0usize;
    let mut take = |count: usize| -> Vec<BddVariable> {
        let vars = (next..next + count).map(BddVariable::from_index).collect();
        next += count;
        vars
    };
    pathway
        .facts
        .iter()
        .map(|fact| match fact.ty {
            _ if coded(fact) => {
                let values = coded_values(pathway, fact);
                FactEncoding::Coded { bits: take(bits_for(values.len())), values }
            }
            FactType::Set(e) if fact.optional => {
                let members = take(pathway.enum_(e).variants.len());
                match take(1).first() {
                    Some(unknown) => FactEncoding::OptionalSet(members, *unknown),
                    None => unreachable!("`take(1)` returns one variable"),
                }
            }
            FactType::Bool => match take(1).first() {
                Some(var) => FactEncoding::Bool(*var),
                None => unreachable!("`take(1)` returns one variable"),
            },
            FactType::Enum(e) => {
                let values = pathway.enum_(e).variants.len();
                FactEncoding::Enum { bits: take(bits_for(values)), values }
            }
            FactType::Set(e) => FactEncoding::Set(take(pathway.enum_(e).variants.len())),
            FactType::Number(_) => FactEncoding::Coded { bits: Vec::new(), values: Vec::new() },
        })
        .collect()
}

impl FactEncoding {
    /// Every variable of the fact.
    pub fn variables(&self) -> Vec<BddVariable> {
        match self {
            FactEncoding::Bool(var) => vec![*var],
            FactEncoding::Enum { bits, .. } => bits.clone(),
            FactEncoding::Set(members) => members.clone(),
            FactEncoding::OptionalSet(members, unknown) => {
                members.iter().copied().chain([*unknown]).collect()
            }
            FactEncoding::Coded { bits, .. } => bits.clone(),
        }
    }

    /// The number of codes of an enum or coded fact.
    fn code_count(&self) -> usize {
        match self {
            FactEncoding::Enum { values, .. } => *values,
            FactEncoding::Coded { values, .. } => values.len(),
            _ => 0,
        }
    }

    /// The value each code stands for, for an enum or coded fact.
    pub fn code_values(&self) -> Vec<Value> {
        match self {
            FactEncoding::Enum { values, .. } => {
                (0..*values).map(|i| Value::Enum(VariantId(i as u32))).collect()
            }
            FactEncoding::Coded { values, .. } => values.clone(),
            _ => Vec::new(),
        }
    }

    /// The literals that fix the code of an enum or coded fact.
    pub fn code_literals(&self, code: usize) -> Vec<(BddVariable, bool)> {
        match self {
            FactEncoding::Enum { bits, .. } | FactEncoding::Coded { bits, .. } => {
                bits.iter().enumerate().map(|(i, var)| (*var, code >> i & 1 == 1)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The enum fact has the value with this code (false for other encodings).
    pub fn enum_is(&self, vars: &BddVariableSet, code: usize) -> Bdd {
        if code >= self.code_count() {
            return vars.mk_false();
        }
        vars.mk_conjunctive_clause(&BddPartialValuation::from_values(&self.code_literals(code)))
    }

    /// The fact's value is one of its domain (only enum codes can be out of range).
    pub fn validity(&self, vars: &BddVariableSet) -> Bdd {
        match self {
            FactEncoding::Enum { values, bits } if *values < 1 << bits.len() => {
                let mut valid = vars.mk_false();
                for code in 0..*values {
                    valid = valid.or(&self.enum_is(vars, code));
                }
                valid
            }
            FactEncoding::Enum { values: 0, .. } => vars.mk_false(),
            FactEncoding::Coded { values, bits } if values.len() < 1 << bits.len() => {
                let mut valid = vars.mk_false();
                for code in 0..values.len() {
                    valid = valid.or(&self.enum_is(vars, code));
                }
                valid
            }
            FactEncoding::Coded { values, .. } if values.is_empty() => vars.mk_false(),
            FactEncoding::OptionalSet(members, unknown) => {
                // Unknown implies no member.
                let mut none = vars.mk_true();
                for member in members {
                    none = none.and(&vars.mk_var(*member).not());
                }
                vars.mk_var(*unknown).not().or(&none)
            }
            _ => vars.mk_true(),
        }
    }

    /// The fact's value in a complete assignment.
    pub fn decode(&self, valuation: &BddValuation) -> Value {
        match self {
            FactEncoding::Bool(var) => Value::Bool(valuation.value(*var)),
            FactEncoding::Enum { bits, .. } => {
                let code = bits
                    .iter()
                    .enumerate()
                    .filter(|(_, var)| valuation.value(**var))
                    .fold(0u32, |code, (i, _)| code | 1 << i);
                Value::Enum(VariantId(code))
            }
            FactEncoding::OptionalSet(_, unknown) if valuation.value(*unknown) => Value::Unknown,
            FactEncoding::Coded { bits, values } => {
                let code = bits
                    .iter()
                    .enumerate()
                    .filter(|(_, var)| valuation.value(**var))
                    .fold(0usize, |code, (i, _)| code | 1 << i);
                values.get(code).copied().unwrap_or(Value::Unknown)
            }
            FactEncoding::Set(members) | FactEncoding::OptionalSet(members, _) => Value::Set(
                members
                    .iter()
                    .enumerate()
                    .filter(|(_, var)| valuation.value(**var))
                    .fold(0u128, |set, (i, _)| set | 1u128.checked_shl(i as u32).unwrap_or(0)),
            ),
        }
    }

    /// The values of an enum fact that a partial assignment allows, by code.
    pub fn allowed_codes(&self, partial: &BddPartialValuation) -> Vec<usize> {
        let (FactEncoding::Enum { bits, .. } | FactEncoding::Coded { bits, .. }) = self else {
            return Vec::new();
        };
        (0..self.code_count())
            .filter(|code| {
                bits.iter().enumerate().all(|(i, var)| {
                    partial.get_value(*var).is_none_or(|bit| bit == (code >> i & 1 == 1))
                })
            })
            .collect()
    }
}
