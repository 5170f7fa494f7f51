//! The explanation of a recommendation, shared by every consumer of the IR: the parts of a
//! `when` a trace explains (its top-level conjuncts), a reason in words with the sentences it
//! rests on, and a guideline statement as a runtime citation. The interpreter builds its `why`
//! with these at run time, the Rust generator at generation time (stored as static data), and
//! the documents from the same functions, so all three say the same words.

use std::borrow::Cow;

use cairn_runtime::{Citation, List, Reason};

use super::{Expr, ExprKind, Pathway};
use crate::guideline::StatementId;

/// The parts of a `when` that a trace explains: its top-level conjuncts.
pub fn conjuncts(when: &Expr) -> Vec<&Expr> {
    match &when.node {
        ExprKind::And(items) => items.iter().collect(),
        _ => vec![when],
    }
}

/// One reason: the expression in words and the sentences its conditions cite.
pub fn reason(pathway: &Pathway, expr: &Expr) -> Reason<'static> {
    let statements = reason_statements(pathway, expr);
    Reason {
        condition: Cow::Owned(pathway.render(&expr.node)),
        citations: List::Owned(statements.iter().map(|id| citation(pathway, id)).collect()),
    }
}

/// The statements cited by the conditions an expression uses, in order, without repeats.
pub fn reason_statements(pathway: &Pathway, expr: &Expr) -> Vec<StatementId> {
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
pub fn citation(pathway: &Pathway, id: &StatementId) -> Citation<'static> {
    let text = pathway.guideline.get(id).map(|s| s.text.clone()).unwrap_or_default();
    Citation { id: Cow::Owned(id.to_string()), text: Cow::Owned(text) }
}
