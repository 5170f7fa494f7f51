//! The semantic stage: AST to typed IR. It resolves every name to an id, checks types, units
//! and citations, and reports every error it finds in one pass over the file.

mod citations;
mod cycles;
mod doses;
pub mod error;
mod exprs;
mod guards;
mod names;
mod numbers;
mod properties;

use std::collections::HashMap;

use cairn_runtime::{Dose, DoseUnit, MAX_SET_VALUES, TimeUnit, Timing};

use crate::ir::{
    AssertId, ConditionId, ConstraintId, EnumId, FactId, FactType, OverlapId, RecId, ScopeId,
    ScoreId, XRefId,
};
pub use error::SemaError;
use names::{Definition, Scope};

use crate::guideline::{Guideline, StatementId};
use crate::ir;
use crate::span::{Node, Span};
use crate::suggest::unknown_help;
use crate::syntax::ast::{self, HeaderKey, Item};

/// Names that generated code cannot use for a field, a function or a type.
const RESERVED: [&str; 6] = ["_", "self", "Self", "super", "crate", "r#"];

/// The largest amount of a timing, `within N units`.
const MAX_TIMING_AMOUNT: u64 = 100_000;

/// The path of the guideline named in the header, if there is a header with one. The driver
/// reads that file before calling `check`.
pub fn guideline_path(file: &ast::File) -> Option<&str> {
    file.items.iter().find_map(|item| match item {
        Item::Header(header) => header
            .fields
            .iter()
            .find(|f| f.key.node == HeaderKey::Guideline)
            .map(|f| f.value.node.as_str()),
        _ => None,
    })
}

/// Checks a parsed pathway against its segmented guideline. `guideline` is `None` when it could
/// not be read (the driver reports why); citations are then not resolved.
pub fn check(
    file: &ast::File,
    guideline: Option<&Guideline>,
) -> Result<ir::Pathway, Vec<SemaError>> {
    let mut checker = Checker { guideline, ..Checker::default() };
    let pathway = checker.check_file(file);
    if checker.errors.is_empty() { Ok(pathway) } else { Err(checker.errors) }
}

/// The state of one check: the scope, what is known of enums and facts so far, and errors.
#[derive(Default)]
pub(crate) struct Checker<'g> {
    guideline: Option<&'g Guideline>,
    scope: Scope,
    /// Values of each enum, by `EnumId`.
    enums: Vec<Vec<String>>,
    /// Name of each enum.
    enum_names: Vec<String>,
    /// Type of each fact, by `FactId`; `None` when its type did not resolve.
    fact_types: Vec<Option<FactType>>,
    /// Name of each fact.
    fact_names: Vec<String>,
    /// Whether expressions may name recommendations (only in assertions).
    recommendations_allowed: bool,
    /// Whether each fact is optional, by `FactId`.
    fact_optional: Vec<bool>,
    /// The scores checked so far, by `ScoreId`; `None` for one that failed to check.
    scores: Vec<Option<ir::Score>>,
    /// The score being checked, whose criteria may use only the scores before it.
    current_score: Option<ScoreId>,
    errors: Vec<SemaError>,
}

impl Checker<'_> {
    fn check_file(&mut self, file: &ast::File) -> ir::Pathway {
        let header = self.check_header(file);
        self.declare(file);
        let enums = self.check_enums(file);
        let facts = self.check_facts(file);
        self.check_scores(file);
        let constraints = self.check_constraints(file);
        let conditions = self.check_conditions(file);
        self.check_cycles(&conditions);
        let xrefs = self.check_xrefs(file);
        let recommendations = self.check_recommendations(file);
        let informational = self.check_informational(file, &conditions, &xrefs, &recommendations);
        let asserts = self.check_asserts(file);
        let overlaps = self.check_overlaps(file);
        let scopes = self.check_scopes(file);
        let scores = self.scores.iter().flatten().cloned().collect();
        let mut pathway = ir::Pathway {
            name: header.name,
            title: header.title,
            guideline_path: header.guideline,
            publisher: header.publisher,
            version: header.version,
            enums,
            facts,
            constraints,
            conditions,
            recommendations,
            xrefs,
            informational,
            asserts,
            overlaps,
            scopes,
            scores,
            guideline: self.guideline.cloned().unwrap_or_default(),
            condition_order: Vec::new(),
        };
        pathway.condition_order = pathway.conditions_in_dependency_order();
        numbers::collect_points(&mut pathway);
        self.check_guards(&pathway);
        pathway
    }

    fn check_header(&mut self, file: &ast::File) -> CheckedHeader {
        let headers: Vec<&ast::Header> = file
            .items
            .iter()
            .filter_map(|item| if let Item::Header(h) = item { Some(h) } else { None })
            .collect();
        let Some(first) = headers.first() else {
            self.errors.push(SemaError::MissingHeader { at: Span::new(0, 0).into() });
            return CheckedHeader::default();
        };
        for extra in headers.iter().skip(1) {
            self.errors.push(SemaError::DuplicateHeader {
                at: extra.name.span.into(),
                first: first.name.span.into(),
            });
        }
        let mut values: HashMap<HeaderKey, &ast::HeaderField> = HashMap::new();
        for field in &first.fields {
            if let Some(earlier) = values.get(&field.key.node) {
                self.errors.push(SemaError::DuplicateHeaderField {
                    field: field.key.node.as_str(),
                    at: field.key.span.into(),
                    first: earlier.key.span.into(),
                });
            } else {
                values.insert(field.key.node, field);
            }
        }
        let mut required = |key: HeaderKey| match values.get(&key) {
            Some(field) => field.value.node.clone(),
            None => {
                self.errors.push(SemaError::MissingHeaderField {
                    field: key.as_str(),
                    at: first.name.span.into(),
                });
                String::new()
            }
        };
        let title = required(HeaderKey::Title);
        let guideline = required(HeaderKey::Guideline);
        self.check_reserved(&first.name);
        CheckedHeader {
            name: first.name.clone(),
            title,
            guideline,
            publisher: values.get(&HeaderKey::Publisher).map(|f| f.value.node.clone()),
            version: values.get(&HeaderKey::Version).map(|f| f.value.node.clone()),
        }
    }

    /// Gives every named item its id, so items may refer to items defined further down.
    fn declare(&mut self, file: &ast::File) {
        let mut counts = [0u32; 10];
        for item in &file.items {
            let (name, slot, make): (&ast::Ident, usize, fn(u32) -> Definition) = match item {
                Item::Enum(d) => (&d.name, 0, |i| Definition::Enum(EnumId(i))),
                Item::Fact(d) => (&d.name, 1, |i| Definition::Fact(FactId(i))),
                Item::Constraint(d) => (&d.name, 2, |i| Definition::Constraint(ConstraintId(i))),
                Item::Condition(d) => (&d.name, 3, |i| Definition::Condition(ConditionId(i))),
                Item::XRef(d) => (&d.name, 4, |i| Definition::XRef(XRefId(i))),
                Item::Recommend(d) => (&d.name, 5, |i| Definition::Recommendation(RecId(i))),
                Item::Assert(d) => (&d.name, 6, |i| Definition::Assert(AssertId(i))),
                Item::Overlap(d) => (&d.name, 7, |i| Definition::Overlap(OverlapId(i))),
                Item::Scope(d) => (&d.name, 8, |i| Definition::Scope(ScopeId(i))),
                Item::Score(d) => (&d.name, 9, |i| Definition::Score(ScoreId(i))),
                Item::Header(_) | Item::Informational(_) => continue,
            };
            self.check_reserved(name);
            let def = make(counts[slot]);
            match self.scope.define(&name.node, def, name.span) {
                Ok(()) => counts[slot] += 1,
                Err((earlier, first)) => self.errors.push(SemaError::DuplicateDefinition {
                    name: name.node.clone(),
                    at: name.span.into(),
                    first: first.into(),
                    first_kind: earlier.kind(),
                }),
            }
        }
    }

    fn check_reserved(&mut self, name: &ast::Ident) {
        let reserved = RESERVED.contains(&name.node.as_str()) || name.node.starts_with("__");
        if reserved {
            self.errors
                .push(SemaError::ReservedName { name: name.node.clone(), at: name.span.into() });
        }
    }

    /// The name of an enum, for messages.
    fn enum_name(&self, e: EnumId) -> String {
        self.enum_names.get(e.index()).cloned().unwrap_or_default()
    }

    /// Whether this item was the one that got the name (not a duplicate).
    fn owns(&self, name: &ast::Ident, def: Definition) -> bool {
        self.scope.get(&name.node) == Some(def)
    }

    fn check_enums(&mut self, file: &ast::File) -> Vec<ir::Enum> {
        let mut enums = Vec::new();
        for item in &file.items {
            let Item::Enum(decl) = item else { continue };
            if !self.owns(&decl.name, Definition::Enum(EnumId(enums.len() as u32))) {
                continue;
            }
            let mut variants: Vec<Node<String>> = Vec::new();
            for variant in &decl.variants {
                if let Some(first) = variants.iter().find(|v| v.node == variant.node) {
                    self.errors.push(SemaError::DuplicateValue {
                        name: variant.node.clone(),
                        at: variant.span.into(),
                        first: first.span.into(),
                    });
                    continue;
                }
                self.check_reserved(variant);
                variants.push(variant.clone());
            }
            self.enums.push(variants.iter().map(|v| v.node.clone()).collect());
            self.enum_names.push(decl.name.node.clone());
            enums.push(ir::Enum { name: decl.name.clone(), variants });
        }
        enums
    }

    fn check_facts(&mut self, file: &ast::File) -> Vec<ir::Fact> {
        let mut facts = Vec::new();
        for item in &file.items {
            let Item::Fact(decl) = item else { continue };
            if !self.owns(&decl.name, Definition::Fact(FactId(facts.len() as u32))) {
                continue;
            }
            let ty = match &decl.ty.node {
                ast::TypeExpr::Bool => Some(FactType::Bool),
                ast::TypeExpr::Enum(name) => self.resolve_enum(name).map(FactType::Enum),
                ast::TypeExpr::SetOf(name) => self.resolve_enum(name).and_then(|e| {
                    let count = self.enums.get(e.index()).map_or(0, Vec::len);
                    if count > MAX_SET_VALUES {
                        self.errors.push(SemaError::SetTooLarge {
                            enum_name: name.node.clone(),
                            count,
                            max: MAX_SET_VALUES,
                            at: decl.ty.span.into(),
                        });
                        return None;
                    }
                    Some(FactType::Set(e))
                }),
                ast::TypeExpr::Number { kind, unit, low, high } => self
                    .check_number_type(&decl.name, kind.node, unit, low, high, decl.ty.span)
                    .map(FactType::Number),
            };
            self.fact_types.push(ty);
            self.fact_names.push(decl.name.node.clone());
            self.fact_optional.push(decl.optional.is_some());
            facts.push(ir::Fact {
                name: decl.name.clone(),
                ty: ty.unwrap_or(FactType::Bool),
                optional: decl.optional.is_some(),
                points: Vec::new(),
                description: decl.description.as_ref().map(|d| d.node.clone()),
            });
        }
        facts
    }

    fn resolve_enum(&mut self, name: &ast::Ident) -> Option<EnumId> {
        let found = self.scope.lookup(&name.node);
        if let Some((Definition::Enum(id), _)) = found {
            return Some(id);
        }
        let candidates = self.scope.names_where(|d| matches!(d, Definition::Enum(_)));
        let help = unknown_help(&name.node, "enum", &candidates);
        self.errors.push(match found {
            Some((other, defined)) => SemaError::WrongKind {
                name: name.node.clone(),
                found: other.kind(),
                expected: "an enum",
                help,
                at: name.span.into(),
                defined: defined.into(),
            },
            None => SemaError::UnknownName {
                kind: "enum",
                name: name.node.clone(),
                help,
                at: name.span.into(),
            },
        });
        None
    }

    /// A placeholder for an expression that failed to check; the result is an error anyway.
    fn failed(span: Span) -> ir::Expr {
        Node::new(ir::ExprKind::Const(false), span)
    }

    fn check_constraints(&mut self, file: &ast::File) -> Vec<ir::Constraint> {
        let mut constraints = Vec::new();
        for item in &file.items {
            let Item::Constraint(decl) = item else { continue };
            let id = ConstraintId(constraints.len() as u32);
            if !self.owns(&decl.name, Definition::Constraint(id)) {
                continue;
            }
            let expr = self.check_bool(&decl.expr).unwrap_or_else(|| Self::failed(decl.expr.span));
            constraints.push(ir::Constraint {
                name: decl.name.clone(),
                description: decl.description.as_ref().map(|d| d.node.clone()),
                expr,
            });
        }
        constraints
    }

    fn check_conditions(&mut self, file: &ast::File) -> Vec<ir::Condition> {
        let mut conditions = Vec::new();
        for item in &file.items {
            let Item::Condition(decl) = item else { continue };
            let id = ConditionId(conditions.len() as u32);
            if !self.owns(&decl.name, Definition::Condition(id)) {
                continue;
            }
            let expr = self.check_bool(&decl.expr).unwrap_or_else(|| Self::failed(decl.expr.span));
            let citations = self.resolve_citations(&decl.cites);
            conditions.push(ir::Condition {
                name: decl.name.clone(),
                description: decl.description.as_ref().map(|d| d.node.clone()),
                expr,
                citations,
            });
        }
        conditions
    }

    /// Reports each condition that reaches itself through the conditions it uses.
    fn check_cycles(&mut self, conditions: &[ir::Condition]) {
        let edges: Vec<Vec<ConditionId>> = conditions
            .iter()
            .map(|c| {
                let mut direct = Vec::new();
                ir::Pathway::direct_conditions(&c.expr, &mut direct);
                direct
            })
            .collect();
        for path in cycles::cycles(&edges) {
            let Some(condition) = path.first().and_then(|id| conditions.get(id.index())) else {
                continue;
            };
            self.errors.push(SemaError::CyclicCondition {
                name: condition.name.node.clone(),
                cycle: cycles::describe_cycle(&path, conditions),
                at: condition.name.span.into(),
            });
        }
    }

    fn check_xrefs(&mut self, file: &ast::File) -> Vec<ir::XRef> {
        let mut xrefs = Vec::new();
        for item in &file.items {
            let Item::XRef(decl) = item else { continue };
            if !self.owns(&decl.name, Definition::XRef(XRefId(xrefs.len() as u32))) {
                continue;
            }
            let citations = self.resolve_citations(&decl.cites);
            xrefs.push(ir::XRef {
                name: decl.name.clone(),
                title: decl.title.node.clone(),
                url: decl.url.as_ref().map(|u| u.node.clone()),
                citations,
            });
        }
        xrefs
    }

    fn check_recommendations(&mut self, file: &ast::File) -> Vec<ir::Recommendation> {
        let mut recommendations = Vec::new();
        for item in &file.items {
            let Item::Recommend(decl) = item else { continue };
            let id = RecId(recommendations.len() as u32);
            if !self.owns(&decl.name, Definition::Recommendation(id)) {
                continue;
            }
            let mut rec = self.check_recommendation(decl);
            rec.forbids = self.check_forbids(decl, id);
            recommendations.push(rec);
        }
        recommendations
    }

    fn check_recommendation(&mut self, decl: &ast::RecommendDecl) -> ir::Recommendation {
        let mut when: Option<(ir::Expr, Span)> = None;
        let mut timing: Option<Node<Timing>> = None;
        let mut timing_span: Option<Span> = None;
        let mut dose: Option<Node<Dose>> = None;
        let mut dose_span: Option<Span> = None;
        let mut doses = Vec::new();
        let mut citations = Vec::new();
        let mut see = Vec::new();
        for clause in &decl.clauses {
            match clause {
                ast::Clause::When(expr) => {
                    if let Some((_, first)) = &when {
                        self.duplicate_clause("when", expr.span, *first);
                        continue;
                    }
                    let checked = self.check_bool(expr).unwrap_or_else(|| Self::failed(expr.span));
                    when = Some((checked, expr.span));
                }
                ast::Clause::Timing(t) => {
                    if let Some(first) = timing_span {
                        self.duplicate_clause("timing", t.span, first);
                        continue;
                    }
                    timing_span = Some(t.span);
                    timing = self.check_timing(t).map(|checked| Node::new(checked, t.span));
                }
                ast::Clause::Dose(d) => {
                    if let Some(first) = dose_span {
                        self.duplicate_clause("dose", d.span, first);
                        continue;
                    }
                    dose_span = Some(d.span);
                    dose = self.check_dose(&d.node).map(|checked| Node::new(checked, d.span));
                }
                ast::Clause::DoseSchedule(d) => {
                    if let Some(checked) = self.check_dose_schedule(&d.node) {
                        doses.push(Node::new(checked, d.span));
                    }
                }
                ast::Clause::Cites(quotes) => citations.extend(self.resolve_citations(quotes)),
                // Resolved by `check_forbids`, which needs the recommendation's own id.
                ast::Clause::Forbids(_) => {}
                ast::Clause::See(names) => {
                    for name in names {
                        if let Some(id) = self.resolve_xref(name) {
                            if !see.contains(&id) {
                                see.push(id);
                            }
                        }
                    }
                }
            }
        }
        let when = match when {
            Some((expr, _)) => expr,
            None => {
                self.errors.push(SemaError::MissingWhen {
                    name: decl.name.node.clone(),
                    at: decl.name.span.into(),
                });
                Self::failed(decl.name.span)
            }
        };
        ir::Recommendation {
            name: decl.name.clone(),
            strength: decl.strength,
            text: decl.text.node.clone(),
            timing,
            dose,
            doses,
            when,
            citations,
            see,
            forbids: Vec::new(),
        }
    }

    fn duplicate_clause(&mut self, clause: &'static str, at: Span, first: Span) {
        self.errors.push(SemaError::DuplicateClause { clause, at: at.into(), first: first.into() });
    }

    fn resolve_xref(&mut self, name: &ast::Ident) -> Option<XRefId> {
        let found = self.scope.lookup(&name.node);
        if let Some((Definition::XRef(id), _)) = found {
            return Some(id);
        }
        let candidates = self.scope.names_where(|d| matches!(d, Definition::XRef(_)));
        let help = unknown_help(&name.node, "cross-reference", &candidates);
        self.errors.push(match found {
            Some((other, defined)) => SemaError::WrongKind {
                name: name.node.clone(),
                found: other.kind(),
                expected: "a cross-reference",
                help,
                at: name.span.into(),
                defined: defined.into(),
            },
            None => SemaError::UnknownName {
                kind: "cross-reference",
                name: name.node.clone(),
                help,
                at: name.span.into(),
            },
        });
        None
    }

    fn check_timing(&mut self, timing: &Node<ast::TimingExpr>) -> Option<Timing> {
        Some(match &timing.node {
            ast::TimingExpr::Immediately => Timing::Immediately,
            ast::TimingExpr::AsSoonAsPossible => Timing::AsSoonAsPossible,
            ast::TimingExpr::OnAdmission => Timing::OnAdmission,
            ast::TimingExpr::FromDiagnosisOnwards => Timing::FromDiagnosisOnwards,
            ast::TimingExpr::Urgent => Timing::Urgent,
            ast::TimingExpr::Within { amount, to, unit } => {
                let (amount, to, unit) = self.check_time_amounts(amount, to.as_ref(), unit)?;
                match to {
                    Some(to) => Timing::WithinRange { from: amount, to, unit },
                    None => Timing::Within { amount, unit },
                }
            }
            ast::TimingExpr::After { amount, to, unit } => {
                let (amount, to, unit) = self.check_time_amounts(amount, to.as_ref(), unit)?;
                match to {
                    Some(to) => Timing::AfterRange { from: amount, to, unit },
                    None => Timing::After { amount, unit },
                }
            }
        })
    }

    /// The amount, the end of a range if there is one, and the unit of a `within` or `after`
    /// timing; every error reported.
    fn check_time_amounts(
        &mut self,
        amount: &Node<String>,
        to: Option<&Node<String>>,
        unit: &Node<String>,
    ) -> Option<(u32, Option<u32>, TimeUnit)> {
        let parsed_unit = TimeUnit::parse(&unit.node);
        if parsed_unit.is_none() {
            self.errors
                .push(SemaError::TimingUnit { unit: unit.node.clone(), at: unit.span.into() });
        }
        let mut time = |amount: &Node<String>| {
            let value = amount
                .node
                .parse::<u32>()
                .ok()
                .filter(|v| (1..=MAX_TIMING_AMOUNT).contains(&u64::from(*v)));
            if value.is_none() {
                self.errors.push(SemaError::InvalidQuantity {
                    text: amount.node.clone(),
                    what: "amount of time",
                    help: format!("a timing is a whole number from 1 to {MAX_TIMING_AMOUNT}"),
                    at: amount.span.into(),
                });
            }
            value
        };
        let from = time(amount);
        let end = to.map(|to| (to, time(to)));
        let end = match end {
            None => None,
            Some((to, end)) => {
                if let (Some(from), Some(end)) = (from, end) {
                    if from >= end {
                        self.errors.push(SemaError::TimingRange {
                            from: amount.node.clone(),
                            to: to.node.clone(),
                            at: amount.span.to(to.span).into(),
                        });
                        return None;
                    }
                }
                Some(end?)
            }
        };
        Some((from?, end, parsed_unit?))
    }

    fn check_dose(&mut self, dose: &ast::DoseExpr) -> Option<Dose> {
        let unit = DoseUnit::parse(&dose.unit.node);
        if unit.is_none() {
            self.errors.push(SemaError::DoseUnit {
                unit: dose.unit.node.clone(),
                at: dose.unit.span.into(),
            });
        }
        // Amounts stay as written (a decimal), so "0.5" is shown as the author wrote it; zero and
        // absurdly long numbers are refused.
        let positive = dose.amount.node.chars().any(|c| c.is_ascii_digit() && c != '0');
        if !positive || dose.amount.node.len() > 12 {
            self.errors.push(SemaError::InvalidQuantity {
                text: dose.amount.node.clone(),
                what: "dose",
                help: "a dose is a positive number of at most 12 characters, such as `16` or `0.5`"
                    .to_string(),
                at: dose.amount.span.into(),
            });
            return None;
        }
        Some(Dose {
            amount: dose.amount.node.clone().into(),
            unit: unit?,
            note: dose.note.as_ref().map(|n| n.node.clone().into()),
        })
    }

    fn check_informational(
        &mut self,
        file: &ast::File,
        conditions: &[ir::Condition],
        xrefs: &[ir::XRef],
        recommendations: &[ir::Recommendation],
    ) -> Vec<ir::Informational> {
        // Who cites what, to refuse a sentence that is both cited and informational.
        let mut cited: HashMap<&StatementId, (&str, Span)> = HashMap::new();
        let citers = conditions
            .iter()
            .map(|c| (&c.name, &c.citations))
            .chain(xrefs.iter().map(|x| (&x.name, &x.citations)))
            .chain(recommendations.iter().map(|r| (&r.name, &r.citations)));
        for (name, citations) in citers {
            for citation in citations {
                cited.entry(&citation.statement).or_insert((name.node.as_str(), citation.span));
            }
        }
        let mut informational: Vec<ir::Informational> = Vec::new();
        let mut errors = Vec::new();
        for item in &file.items {
            let Item::Informational(decl) = item else { continue };
            let Some(citation) = self.resolve_citation(&decl.quote) else { continue };
            if let Some(first) =
                informational.iter().find(|i| i.citation.statement == citation.statement)
            {
                errors.push(SemaError::DuplicateInformational {
                    id: citation.statement.to_string(),
                    at: citation.span.into(),
                    first: first.citation.span.into(),
                });
                continue;
            }
            if let Some((by, span)) = cited.get(&citation.statement) {
                errors.push(SemaError::CitedAndInformational {
                    id: citation.statement.to_string(),
                    by: (*by).to_string(),
                    at: citation.span.into(),
                    cited: (*span).into(),
                });
            }
            informational.push(ir::Informational { citation, reason: decl.reason.node.clone() });
        }
        self.errors.extend(errors);
        informational
    }
}

/// The header's values once checked.
#[derive(Default)]
struct CheckedHeader {
    name: Node<String>,
    title: String,
    guideline: String,
    publisher: Option<String>,
    version: Option<String>,
}
