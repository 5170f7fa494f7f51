//! The interpreter: evaluates a checked pathway on facts and builds the plan, with the same
//! JSON as the generated engine. `cairn run` uses it, and conformance tests hold the two equal.

mod eval;
pub mod facts;
mod leak;
mod prepared;
mod program;
pub mod value;

use std::borrow::Cow;

use cairn_runtime::{Citation, CrossReference, FactsError, Plan, Reason, Recommendation};

pub use eval::Evaluator;
pub use prepared::Prepared;
use value::FactValues;

use crate::guideline::StatementId;
use crate::sema::ir::{self, ExprKind, Pathway};

/// Evaluates the pathway on facts given as JSON text.
pub fn run_json(pathway: &Pathway, json: &str) -> Result<Plan, FactsError> {
    let facts =
        facts::parse_facts(pathway, json).map_err(|message| FactsError::Invalid { message })?;
    run(pathway, &facts)
}

/// Evaluates the pathway on fact values (one per fact, in declaration order).
pub fn run(pathway: &Pathway, facts: &FactValues) -> Result<Plan, FactsError> {
    let mut evaluator = Evaluator::new(pathway, facts);
    // Every condition, each after those it uses, so evaluation never recurses down a long
    // chain of conditions (the generated engine computes them in the same order).
    for &id in &pathway.condition_order {
        evaluator.condition(id);
    }
    // Constraints are checked in source order and the first broken one is reported, as the
    // generated engine does.
    for constraint in &pathway.constraints {
        if !evaluator.eval(&constraint.expr) {
            return Err(FactsError::Inconsistent {
                constraint: Cow::Owned(constraint.name.node.clone()),
                description: Cow::Owned(
                    constraint
                        .description
                        .clone()
                        .unwrap_or_else(|| pathway.render(&constraint.expr.node)),
                ),
            });
        }
    }
    let mut recommendations = Vec::new();
    for rec in &pathway.recommendations {
        if evaluator.eval(&rec.when) {
            let why = reasons(pathway, &rec.when, &mut evaluator);
            recommendations.push(recommendation(pathway, rec, why));
        }
    }
    Ok(Plan { pathway: Cow::Owned(pathway.name.node.clone()), recommendations })
}

/// The parts of a `when` that a trace explains: its top-level conjuncts.
pub fn conjuncts(when: &ir::Expr) -> Vec<&ir::Expr> {
    match &when.node {
        ExprKind::And(items) => items.iter().collect(),
        _ => vec![when],
    }
}

/// Why a recommendation applies: each conjunct of its `when`, with the first alternative that
/// held for a conjunct that is an `or`, and the sentences each rests on.
fn reasons(pathway: &Pathway, when: &ir::Expr, evaluator: &mut Evaluator<'_>) -> Vec<Reason> {
    conjuncts(when)
        .into_iter()
        .map(|conjunct| {
            let held = match &conjunct.node {
                ExprKind::Or(alternatives) => {
                    alternatives.iter().find(|a| evaluator.eval(a)).unwrap_or(conjunct)
                }
                _ => conjunct,
            };
            reason(pathway, held)
        })
        .collect()
}

/// One reason: the expression in words and the sentences its conditions cite.
pub fn reason(pathway: &Pathway, expr: &ir::Expr) -> Reason {
    let statements = reason_statements(pathway, expr);
    Reason {
        condition: Cow::Owned(pathway.render(&expr.node)),
        citations: Cow::Owned(statements.iter().map(|id| citation(pathway, id)).collect()),
    }
}

/// The statements cited by the conditions an expression uses, in order, without repeats.
pub fn reason_statements(pathway: &Pathway, expr: &ir::Expr) -> Vec<StatementId> {
    let mut ids: Vec<StatementId> = Vec::new();
    for condition in pathway.conditions_used(expr) {
        for cited in &pathway.condition(condition).citations {
            if !ids.contains(&cited.statement) {
                ids.push(cited.statement.clone());
            }
        }
    }
    ids
}

/// A statement as a runtime citation, with its full text.
pub fn citation(pathway: &Pathway, id: &StatementId) -> Citation {
    let text = pathway.guideline.get(id).map(|s| s.text.clone()).unwrap_or_default();
    Citation { id: Cow::Owned(id.to_string()), text: Cow::Owned(text) }
}

fn recommendation(pathway: &Pathway, rec: &ir::Recommendation, why: Vec<Reason>) -> Recommendation {
    Recommendation {
        id: Cow::Owned(rec.name.node.clone()),
        strength: rec.strength.node,
        timing: rec.timing.map(|t| t.node),
        dose: rec.dose.as_ref().map(|d| d.node.clone()),
        doses: Cow::Owned(rec.doses.iter().map(|d| d.node.clone()).collect()),
        text: Cow::Owned(rec.text.clone()),
        citations: Cow::Owned(
            rec.citations.iter().map(|c| citation(pathway, &c.statement)).collect(),
        ),
        why: Cow::Owned(why),
        see: Cow::Owned(
            rec.see
                .iter()
                .map(|x| {
                    let xref = pathway.xref(*x);
                    CrossReference {
                        id: Cow::Owned(xref.name.node.clone()),
                        title: Cow::Owned(xref.title.clone()),
                        url: xref.url.clone().map(Cow::Owned),
                    }
                })
                .collect(),
        ),
    }
}
