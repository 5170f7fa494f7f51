//! Brute-force enumeration of every input, evaluated by the interpreter's own `Evaluator`: the
//! test oracle of the symbolic engine. It shares nothing with `symbolic` but the IR, so when
//! both agree on every count for a pathway, neither has mis-read it. Too slow for `cairn
//! analyse` on large pathways (the NICE pathway has 19,464,192 raw inputs), exact for all.

use std::collections::{BTreeMap, HashMap};

use crate::ir::eval::Evaluator;
use crate::ir::value::{Value, domain_size, nth_value};
use crate::ir::{Pathway, RecId};

/// What enumeration found, over every input that satisfies the constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumeration {
    /// Every combination of fact values.
    pub raw_inputs: u128,
    /// The combinations that satisfy every constraint.
    pub consistent_inputs: u128,
    /// For each distinct plan (the indices of the recommendations that apply, in order), how
    /// many consistent inputs get it.
    pub plans: BTreeMap<Vec<usize>, u128>,
    /// For each assertion, how many consistent inputs break it.
    pub assert_failures: Vec<u128>,
    /// For each scope, how many consistent inputs it covers.
    pub scope_inputs: Vec<u128>,
    /// For each scope, how many consistent inputs inside it get an empty plan.
    pub scope_gaps: Vec<u128>,
}

impl Enumeration {
    /// How many consistent inputs each recommendation applies to, by `RecId`.
    pub fn applies(&self, recommendations: usize) -> Vec<u128> {
        let mut counts = vec![0u128; recommendations];
        for (plan, count) in &self.plans {
            for rec in plan {
                if let Some(slot) = counts.get_mut(*rec) {
                    *slot += count;
                }
            }
        }
        counts
    }

    /// How many consistent inputs two recommendations (by index) both apply to.
    pub fn together(&self, a: usize, b: usize) -> u128 {
        self.plans
            .iter()
            .filter(|(plan, _)| plan.contains(&a) && plan.contains(&b))
            .map(|(_, count)| count)
            .sum()
    }
}

/// Evaluates the pathway on every input, or returns `None` when there are more than `max`.
pub fn enumerate(pathway: &Pathway, max: u128) -> Option<Enumeration> {
    let sizes: Vec<u128> = pathway.facts.iter().map(|f| domain_size(pathway, f)).collect();
    let raw_inputs = sizes.iter().try_fold(1u128, |acc, size| acc.checked_mul(*size))?;
    if raw_inputs > max {
        return None;
    }
    let mut found = Enumeration {
        raw_inputs,
        consistent_inputs: 0,
        plans: BTreeMap::new(),
        assert_failures: vec![0; pathway.asserts.len()],
        scope_inputs: vec![0; pathway.scopes.len()],
        scope_gaps: vec![0; pathway.scopes.len()],
    };
    if raw_inputs == 0 {
        return Some(found);
    }
    let mut plans: HashMap<Vec<usize>, u128> = HashMap::new();
    let mut values: Vec<Value> =
        pathway.facts.iter().map(|fact| nth_value(pathway, fact, 0)).collect();
    let mut counters = vec![0u128; sizes.len()];
    let mut plan = Vec::with_capacity(pathway.recommendations.len());
    loop {
        let mut evaluator = Evaluator::new(pathway, &values);
        if pathway.constraints.iter().all(|c| evaluator.eval(&c.expr)) {
            found.consistent_inputs += 1;
            plan.clear();
            for index in 0..pathway.recommendations.len() {
                if evaluator.recommendation(RecId(index as u32)) {
                    plan.push(index);
                }
            }
            for (index, assert) in pathway.asserts.iter().enumerate() {
                if !evaluator.eval(&assert.expr) {
                    found.assert_failures[index] += 1;
                }
            }
            for (index, scope) in pathway.scopes.iter().enumerate() {
                if evaluator.eval(&scope.expr) {
                    found.scope_inputs[index] += 1;
                    if plan.is_empty() {
                        found.scope_gaps[index] += 1;
                    }
                }
            }
            match plans.get_mut(&plan) {
                Some(count) => *count += 1,
                None => {
                    plans.insert(plan.clone(), 1);
                }
            }
        }
        // Advance the odometer; when every digit wraps, the space is exhausted.
        let mut position = 0;
        loop {
            let (Some(counter), Some(size)) = (counters.get_mut(position), sizes.get(position))
            else {
                found.plans = plans.into_iter().collect();
                return Some(found);
            };
            *counter += 1;
            let wrapped = *counter == *size;
            if wrapped {
                *counter = 0;
            }
            values[position] = nth_value(pathway, &pathway.facts[position], *counter);
            if !wrapped {
                break;
            }
            position += 1;
        }
    }
}
