//! Checking of what `cairn analyse` proves: assertions (the only expressions that may name
//! recommendations), declarations of intended overlap with their groups expanded, scopes, and
//! the `forbids` clauses of "do not" recommendations.

use cairn_runtime::Strength;

use super::Checker;
use super::error::SemaError;
use super::names::Definition;
use crate::ir::{self, AssertId, OverlapId, RecId, ScopeId};
use crate::span::Node;
use crate::suggest::{did_you_mean, unknown_help};
use crate::syntax::ast::{self, Item};

/// A member of an overlap declaration once its name is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Member {
    /// A recommendation.
    Rec(RecId),
    /// Another group, standing for its recommendations.
    Group(OverlapId),
}

/// An overlap declaration with its members resolved but groups not yet expanded.
struct ResolvedOverlap<'a> {
    decl: &'a ast::OverlapDecl,
    members: Vec<Member>,
    with: Option<Vec<Member>>,
    /// Whether every member resolved (otherwise a missing pair is not worth a second error).
    resolved_all: bool,
}

/// Whether a strength is one of the "do not" forms.
pub(crate) fn is_do_not(strength: Strength) -> bool {
    matches!(strength, Strength::DoNot | Strength::DoNotOffer | Strength::DoNotConsider)
}

impl Checker<'_> {
    /// Checks every `assert`; only here may expressions name recommendations.
    pub(super) fn check_asserts(&mut self, file: &ast::File) -> Vec<ir::Assert> {
        let mut asserts = Vec::new();
        for item in &file.items {
            let Item::Assert(decl) = item else { continue };
            if !self.owns(&decl.name, Definition::Assert(AssertId(asserts.len() as u32))) {
                continue;
            }
            self.recommendations_allowed = true;
            let expr = self.check_bool(&decl.expr);
            self.recommendations_allowed = false;
            asserts.push(ir::Assert {
                name: decl.name.clone(),
                description: decl.description.as_ref().map(|d| d.node.clone()),
                expr: expr.unwrap_or_else(|| Self::failed(decl.expr.span)),
            });
        }
        asserts
    }

    /// Checks every `scope`: an expression over facts and conditions.
    pub(super) fn check_scopes(&mut self, file: &ast::File) -> Vec<ir::Scope> {
        let mut scopes = Vec::new();
        for item in &file.items {
            let Item::Scope(decl) = item else { continue };
            if !self.owns(&decl.name, Definition::Scope(ScopeId(scopes.len() as u32))) {
                continue;
            }
            let expr = self.check_bool(&decl.expr).unwrap_or_else(|| Self::failed(decl.expr.span));
            scopes.push(ir::Scope {
                name: decl.name.clone(),
                description: decl.description.as_ref().map(|d| d.node.clone()),
                expr,
            });
        }
        scopes
    }

    /// Checks every `together` and `alternatives`: resolves the members, then expands the
    /// groups named as members (a group may name another group, even one further down; a
    /// cycle of groups only means they share their recommendations).
    pub(super) fn check_overlaps(&mut self, file: &ast::File) -> Vec<ir::Overlap> {
        let mut resolved: Vec<ResolvedOverlap<'_>> = Vec::new();
        for item in &file.items {
            let Item::Overlap(decl) = item else { continue };
            if !self.owns(&decl.name, Definition::Overlap(OverlapId(resolved.len() as u32))) {
                continue;
            }
            let errors_before = self.errors.len();
            let members = self.resolve_members(&decl.members);
            let with = decl.with.as_ref().map(|side| self.resolve_members(side));
            let resolved_all = self.errors.len() == errors_before;
            resolved.push(ResolvedOverlap { decl, members, with, resolved_all });
        }
        let mut overlaps = Vec::with_capacity(resolved.len());
        for overlap in &resolved {
            let members = expand(&resolved, &overlap.members);
            let with = overlap.with.as_ref().map(|side| expand(&resolved, side));
            let pairs = match &with {
                None => members.len() >= 2,
                Some(right) => members.iter().any(|a| right.iter().any(|b| a != b)),
            };
            let decl = overlap.decl;
            if !pairs && overlap.resolved_all {
                self.errors.push(SemaError::EmptyOverlap {
                    kind: decl.kind.as_str(),
                    name: decl.name.node.clone(),
                    at: decl.name.span.into(),
                });
            }
            overlaps.push(ir::Overlap {
                name: decl.name.clone(),
                kind: decl.kind,
                reason: decl.reason.node.clone(),
                members,
                with: with.unwrap_or_default(),
            });
        }
        overlaps
    }

    fn resolve_members(&mut self, names: &[ast::Ident]) -> Vec<Member> {
        let mut members = Vec::new();
        for name in names {
            let member = match self.scope.get(&name.node) {
                Some(Definition::Recommendation(id)) => Member::Rec(id),
                Some(Definition::Overlap(id)) => Member::Group(id),
                other => {
                    let groups_too = self.scope.names_where(|d| {
                        matches!(d, Definition::Recommendation(_) | Definition::Overlap(_))
                    });
                    let recommendations =
                        self.scope.names_where(|d| matches!(d, Definition::Recommendation(_)));
                    let mut help = match did_you_mean(&name.node, groups_too.iter().copied()) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => unknown_help(&name.node, "recommendation", &recommendations),
                    };
                    if let Some(def) = other {
                        help = format!(
                            "`{}` is {}, not a recommendation or a group; {help}",
                            name.node,
                            def.kind()
                        );
                    }
                    self.errors.push(SemaError::UnknownName {
                        kind: "recommendation or group",
                        name: name.node.clone(),
                        help,
                        at: name.span.into(),
                    });
                    continue;
                }
            };
            if !members.contains(&member) {
                members.push(member);
            }
        }
        members
    }

    /// Resolves the `forbids` clauses of recommendation `own`, checking that it is a "do not".
    pub(super) fn check_forbids(
        &mut self,
        decl: &ast::RecommendDecl,
        own: RecId,
    ) -> Vec<Node<RecId>> {
        let mut forbids: Vec<Node<RecId>> = Vec::new();
        for clause in &decl.clauses {
            let ast::Clause::Forbids(names) = clause else { continue };
            if !is_do_not(decl.strength.node) {
                let (Some(first), Some(last)) = (names.first(), names.last()) else { continue };
                self.errors.push(SemaError::ForbidsWithoutDoNot {
                    name: decl.name.node.clone(),
                    strength: decl.strength.node.to_string(),
                    at: first.span.to(last.span).into(),
                    strength_at: decl.strength.span.into(),
                });
                continue;
            }
            for name in names {
                match self.scope.get(&name.node) {
                    Some(Definition::Recommendation(id)) if id == own => {
                        self.errors.push(SemaError::ForbidsItself {
                            name: decl.name.node.clone(),
                            at: name.span.into(),
                        });
                    }
                    Some(Definition::Recommendation(id)) => {
                        if !forbids.iter().any(|f| f.node == id) {
                            forbids.push(Node::new(id, name.span));
                        }
                    }
                    other => {
                        let candidates =
                            self.scope.names_where(|d| matches!(d, Definition::Recommendation(_)));
                        let mut help = unknown_help(&name.node, "recommendation", &candidates);
                        if let Some(def) = other {
                            help = format!(
                                "`{}` is {}, not a recommendation; {help}",
                                name.node,
                                def.kind()
                            );
                        }
                        self.errors.push(SemaError::UnknownName {
                            kind: "recommendation",
                            name: name.node.clone(),
                            help,
                            at: name.span.into(),
                        });
                    }
                }
            }
        }
        forbids
    }
}

/// The recommendations `members` stand for, with groups expanded transitively, sorted.
fn expand(groups: &[ResolvedOverlap<'_>], members: &[Member]) -> Vec<RecId> {
    let mut recs = Vec::new();
    let mut seen_groups: Vec<OverlapId> = Vec::new();
    let mut stack: Vec<Member> = members.to_vec();
    while let Some(member) = stack.pop() {
        match member {
            Member::Rec(id) => recs.push(id),
            Member::Group(id) => {
                if seen_groups.contains(&id) {
                    continue;
                }
                seen_groups.push(id);
                if let Some(group) = groups.get(id.index()) {
                    stack.extend(&group.members);
                    stack.extend(group.with.iter().flatten());
                }
            }
        }
    }
    recs.sort();
    recs.dedup();
    recs
}
