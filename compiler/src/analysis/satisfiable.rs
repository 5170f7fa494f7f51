//! Analysis: constraints that no input can satisfy, alone or together. Decided by enumerating
//! the values of just the facts the constraints read, which is exact and small for clinical
//! pathways; a search space over the bound is left undecided rather than guessed.

use super::error::Finding;
use crate::ir::eval::Evaluator;
use crate::ir::value::{Value, domain_size, nth_value};
use crate::ir::{Expr, FactId, Pathway};

/// The most combinations of fact values enumerated for one question.
pub const MAX_COMBINATIONS: u128 = 1 << 22;

/// The most combinations enumerated for all the questions about one pathway together. Without
/// it, a file of a thousand constraints over 22 facts each would ask for billions.
pub const MAX_TOTAL_COMBINATIONS: u128 = 1 << 22;

/// Errors for constraints that are always false, and for constraints that contradict each other.
pub fn unsatisfiable(pathway: &Pathway) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut budget = MAX_TOTAL_COMBINATIONS;
    for constraint in &pathway.constraints {
        let facts = pathway.facts_used(&constraint.expr);
        if satisfiable_within(pathway, &facts, &[&constraint.expr], &mut budget) == Some(false) {
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
        if satisfiable_within(pathway, &facts, &exprs, &mut budget) == Some(false) {
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
    let mut budget = MAX_COMBINATIONS;
    satisfiable_within(pathway, facts, exprs, &mut budget)
}

/// [`satisfiable`], taking the combinations it enumerates from `budget`; `None`, and the budget
/// untouched, when the question could need more than is left (or than [`MAX_COMBINATIONS`]).
pub fn satisfiable_within(
    pathway: &Pathway,
    facts: &[FactId],
    exprs: &[&Expr],
    budget: &mut u128,
) -> Option<bool> {
    let sizes: Vec<u128> = facts.iter().map(|f| domain_size(pathway, pathway.fact(*f))).collect();
    let total = sizes.iter().try_fold(1u128, |acc, size| acc.checked_mul(*size))?;
    if total > MAX_COMBINATIONS || total > *budget {
        return None;
    }
    let mut values: Vec<Value> =
        pathway.facts.iter().map(|fact| nth_value(pathway, fact, 0)).collect();
    let mut counters = vec![0u128; facts.len()];
    // Only what is enumerated is spent, so a question answered early leaves the rest to others.
    let mut spent = 0u128;
    let answer = 'search: loop {
        for (fact, counter) in facts.iter().zip(&counters) {
            values[fact.index()] = nth_value(pathway, pathway.fact(*fact), *counter);
        }
        spent += 1;
        let mut evaluator = Evaluator::new(pathway, &values);
        if exprs.iter().all(|e| evaluator.eval(e)) {
            break 'search true;
        }
        // Advance the odometer; when every digit wraps, the space is exhausted.
        let mut position = 0;
        loop {
            let Some(counter) = counters.get_mut(position) else { break 'search false };
            *counter += 1;
            if *counter < sizes[position] {
                break;
            }
            *counter = 0;
            position += 1;
        }
    };
    *budget = budget.saturating_sub(spent);
    Some(answer)
}
