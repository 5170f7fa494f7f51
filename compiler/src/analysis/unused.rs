//! Analysis: facts, conditions, enums and cross-references that nothing uses.

use super::error::Finding;
use crate::ir::{ConditionId, ExprKind, FactType, Pathway};

/// Warnings for every declared item that nothing refers to.
pub fn unused(pathway: &Pathway) -> Vec<Finding> {
    let mut used_facts = vec![false; pathway.facts.len()];
    let mut used_conditions = vec![false; pathway.conditions.len()];
    let mut mark = |kind: &ExprKind| {
        if let ExprKind::Condition(ConditionId(c)) = kind {
            if let Some(slot) = used_conditions.get_mut(*c as usize) {
                *slot = true;
            }
        }
        for fact in kind.facts_here() {
            if let Some(slot) = used_facts.get_mut(fact.index()) {
                *slot = true;
            }
        }
    };
    let roots = pathway
        .constraints
        .iter()
        .map(|c| &c.expr)
        .chain(pathway.conditions.iter().map(|c| &c.expr))
        .chain(pathway.recommendations.iter().map(|r| &r.when))
        // A condition or fact that only a property or scope reads is still used: it says
        // something `cairn analyse` proves.
        .chain(pathway.asserts.iter().map(|a| &a.expr))
        .chain(pathway.scopes.iter().map(|s| &s.expr));
    for root in roots {
        root.node.visit(&mut mark);
    }

    let mut findings = Vec::new();
    for (fact, used) in pathway.facts.iter().zip(&used_facts) {
        if !used {
            findings.push(Finding::UnusedFact {
                name: fact.name.node.clone(),
                at: fact.name.span.into(),
            });
        }
    }
    for (condition, used) in pathway.conditions.iter().zip(&used_conditions) {
        if !used {
            findings.push(Finding::UnusedCondition {
                name: condition.name.node.clone(),
                at: condition.name.span.into(),
            });
        }
    }
    for (id, enum_) in pathway.enums.iter().enumerate() {
        let used = pathway.facts.iter().any(|f| match f.ty {
            FactType::Enum(e) | FactType::Set(e) => e.index() == id,
            FactType::Bool | FactType::Number(_) => false,
        });
        if !used {
            findings.push(Finding::UnusedEnum {
                name: enum_.name.node.clone(),
                at: enum_.name.span.into(),
            });
        }
    }
    for (id, xref) in pathway.xrefs.iter().enumerate() {
        if !pathway.recommendations.iter().any(|r| r.see.iter().any(|x| x.index() == id)) {
            findings.push(Finding::UnusedXRef {
                name: xref.name.node.clone(),
                at: xref.name.span.into(),
            });
        }
    }
    findings
}
