//! Analysis: constraints that no input can satisfy, alone or together. Decided by enumerating
//! the values of just the facts the constraints read, which is exact and small for clinical
//! pathways; a search space over the bound is left undecided rather than guessed.

use super::error::Finding;
use crate::interp::Evaluator;
use crate::interp::value::{Value, domain_size, nth_value};
use crate::sema::ir::{Expr, FactId, Pathway};

/// The most combinations of fact values enumerated for one question.
pub const MAX_COMBINATIONS: u128 = 1 << 22;

/// Errors for constraints that are always false, and for constraints that contradict each other.
pub fn unsatisfiable(pathway: &Pathway) -> Vec<Finding> {
    let mut findings = Vec::new();
    for constraint in &pathway.constraints {
        let facts = pathway.facts_used(&constraint.expr);
        if satisfiable(pathway, &facts, &[&constraint.expr]) == Some(false) {
            findings.push(Finding::UnsatisfiableConstraint {
                name: constraint.name.node.clone(),
                at: constraint.name.span.into(),
            });
        }
    }
    // Only worth asking together when each holds alone.
    if findings.is_empty() && pathway.constraints.len() > 1 {
        let exprs: Vec<&Expr> = pathway.constraints.iter().map(|c| &c.expr).collect();
        let mut facts: Vec<FactId> = exprs.iter().flat_map(|e| pathway.facts_used(e)).collect();
        facts.sort();
        facts.dedup();
        if satisfiable(pathway, &facts, &exprs) == Some(false) {
            let names: Vec<String> =
                pathway.constraints.iter().map(|c| format!("`{}`", c.name.node)).collect();
            if let Some(last) = pathway.constraints.last() {
                findings.push(Finding::ContradictoryConstraints {
                    names: names.join(", "),
                    at: last.name.span.into(),
                });
            }
        }
    }
    findings
}

/// Whether some values of `facts` make every expression true; `None` when there are too many
/// combinations to enumerate. Facts outside `facts` keep a default value, which is sound
/// because the expressions do not read them.
pub fn satisfiable(pathway: &Pathway, facts: &[FactId], exprs: &[&Expr]) -> Option<bool> {
    let sizes: Vec<u128> =
        facts.iter().map(|f| domain_size(pathway, pathway.fact(*f).ty)).collect();
    let total = sizes.iter().try_fold(1u128, |acc, size| acc.checked_mul(*size))?;
    if total > MAX_COMBINATIONS {
        return None;
    }
    let mut values: Vec<Value> = pathway.facts.iter().map(|fact| nth_value(fact.ty, 0)).collect();
    let mut counters = vec![0u128; facts.len()];
    loop {
        for (fact, counter) in facts.iter().zip(&counters) {
            values[fact.index()] = nth_value(pathway.fact(*fact).ty, *counter);
        }
        let mut evaluator = Evaluator::new(pathway, &values);
        if exprs.iter().all(|e| evaluator.eval(e)) {
            return Some(true);
        }
        // Advance the odometer; when every digit wraps, the space is exhausted.
        let mut position = 0;
        loop {
            let Some(counter) = counters.get_mut(position) else { return Some(false) };
            *counter += 1;
            if *counter < sizes[position] {
                break;
            }
            *counter = 0;
            position += 1;
        }
    }
}
