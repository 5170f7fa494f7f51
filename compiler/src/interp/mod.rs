//! The interpreter: evaluates a checked pathway on facts and builds the plan, with the same
//! JSON as the generated engine. `cairn run` uses it, and conformance tests hold the two equal.

mod prepared;
mod program;

use std::borrow::Cow;

use cairn_runtime::{CrossReference, Entry, FactsError, List, Plan, Reason, Recommendation};

use crate::ir::eval::Evaluator;
use crate::ir::explain::{citation, conjuncts, reason};
use crate::ir::value::FactValues;
use crate::ir::{self, ExprKind, Pathway};
pub use prepared::Prepared;

/// Evaluates the pathway on facts given as JSON text.
pub fn run_json(pathway: &Pathway, json: &str) -> Result<Plan<'static>, FactsError> {
    let facts =
        ir::facts::parse_facts(pathway, json).map_err(|message| FactsError::Invalid { message })?;
    run(pathway, &facts)
}

/// Evaluates the pathway on fact values (one per fact, in declaration order). The plan owns
/// every string it holds: it is built anew for each input (see [`Prepared`] for many inputs).
pub fn run(pathway: &Pathway, facts: &FactValues) -> Result<Plan<'static>, FactsError> {
    let mut evaluator = Evaluator::new(pathway, facts);
    evaluator.consistent()?;
    let mut recommendations = Vec::new();
    for rec in &pathway.recommendations {
        if evaluator.eval(&rec.when) {
            let why = reasons(pathway, &rec.when, &mut evaluator);
            recommendations.push(Entry::from(recommendation(pathway, rec, why)));
        }
    }
    Ok(Plan { pathway: Cow::Owned(pathway.name.node.clone()), recommendations })
}

/// Why a recommendation applies: each conjunct of its `when`, with the first alternative that
/// held for a conjunct that is an `or`, and the sentences each rests on.
fn reasons(
    pathway: &Pathway,
    when: &ir::Expr,
    evaluator: &mut Evaluator<'_>,
) -> Vec<Reason<'static>> {
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

/// A recommendation's plan entry, every string owned.
fn recommendation(
    pathway: &Pathway,
    rec: &ir::Recommendation,
    why: Vec<Reason<'static>>,
) -> Recommendation<'static> {
    Recommendation {
        id: Cow::Owned(rec.name.node.clone()),
        strength: rec.strength.node,
        timing: rec.timing.map(|t| t.node),
        dose: rec.dose.as_ref().map(|d| d.node.clone()),
        doses: List::Owned(rec.doses.iter().map(|d| d.node.clone()).collect()),
        text: Cow::Owned(rec.text.clone()),
        citations: List::Owned(
            rec.citations.iter().map(|c| citation(pathway, &c.statement)).collect(),
        ),
        why: List::Owned(why),
        see: List::Owned(
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
