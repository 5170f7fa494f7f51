//! The scope of a pathway: every top-level name and what it refers to, with "did you mean"
//! suggestions for names that resolve to nothing.

use std::collections::HashMap;

use crate::ir::{
    AssertId, ConditionId, ConstraintId, EnumId, FactId, OverlapId, RecId, ScopeId, ScoreId, XRefId,
};
use crate::span::Span;

/// What a top-level name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Definition {
    /// An enum.
    Enum(EnumId),
    /// A fact.
    Fact(FactId),
    /// A constraint.
    Constraint(ConstraintId),
    /// A named condition.
    Condition(ConditionId),
    /// A cross-reference.
    XRef(XRefId),
    /// A recommendation.
    Recommendation(RecId),
    /// An assertion.
    Assert(AssertId),
    /// A group of recommendations that go together (`together` or `alternatives`).
    Overlap(OverlapId),
    /// A scope.
    Scope(ScopeId),
    /// A score.
    Score(ScoreId),
}

impl Definition {
    /// What it is, in words.
    pub fn kind(self) -> &'static str {
        match self {
            Definition::Enum(_) => "an enum",
            Definition::Fact(_) => "a fact",
            Definition::Constraint(_) => "a constraint",
            Definition::Condition(_) => "a condition",
            Definition::XRef(_) => "a cross-reference",
            Definition::Recommendation(_) => "a recommendation",
            Definition::Assert(_) => "an assertion",
            Definition::Overlap(_) => "a group of recommendations",
            Definition::Scope(_) => "a scope",
            Definition::Score(_) => "a score",
        }
    }
}

/// All top-level names; one namespace, so no name means two things.
#[derive(Debug, Default)]
pub struct Scope {
    names: HashMap<String, (Definition, Span)>,
    /// Names in definition order, so suggestions are deterministic.
    order: Vec<String>,
}

impl Scope {
    /// Defines `name`; on a clash returns the earlier definition and its span.
    pub fn define(
        &mut self,
        name: &str,
        def: Definition,
        span: Span,
    ) -> Result<(), (Definition, Span)> {
        if let Some(&(earlier, earlier_span)) = self.names.get(name) {
            return Err((earlier, earlier_span));
        }
        self.names.insert(name.to_string(), (def, span));
        self.order.push(name.to_string());
        Ok(())
    }

    /// What `name` refers to.
    pub fn get(&self, name: &str) -> Option<Definition> {
        self.names.get(name).map(|(def, _)| *def)
    }

    /// What `name` refers to, and where it is defined.
    pub fn lookup(&self, name: &str) -> Option<(Definition, Span)> {
        self.names.get(name).copied()
    }

    /// The names for which `keep` holds, in definition order.
    pub fn names_where(&self, keep: impl Fn(Definition) -> bool) -> Vec<&str> {
        self.order
            .iter()
            .filter(|name| self.names.get(*name).is_some_and(|(def, _)| keep(*def)))
            .map(String::as_str)
            .collect()
    }
}
