//! Rust names for every item of the generated module: types, values, fields, locals and
//! constants, checked against Rust's keywords and the names the module itself uses
//! (`RESERVED_TYPES`, `RESERVED_VALUES`), with every clash reported as a diagnostic.

use std::collections::{BTreeMap, BTreeSet};

use cairn_runtime::MAX_SET_VALUES;

use super::constants::combinations;
use super::{MAX_EXPLANATIONS, Used};
use crate::backend::error::BackendError;
use crate::backend::names::{Namespace, camel_case, snake_case, upper_case};
use crate::guideline::StatementId;
use crate::ir::{ConditionId, EnumId, FactType, Pathway};
use crate::span::Span;

/// Rust names of everything the module declares.
#[derive(Debug, Default)]
pub(super) struct Names {
    /// Type names by `EnumId` (`None` for enums no fact uses).
    pub(super) enums: Vec<Option<String>>,
    /// Variant names by `EnumId`, by `VariantId`.
    pub(super) variants: Vec<Vec<String>>,
    /// Field names by `FactId`.
    pub(super) fields: Vec<String>,
    /// Local names by `ConditionId`.
    pub(super) conditions: Vec<String>,
    /// Constant names by `RecId`.
    pub(super) recs: Vec<String>,
    /// Constant names of each recommendation's explanations, one per combination.
    pub(super) whys: Vec<Vec<String>>,
    /// Constant names by `XRefId`.
    pub(super) xrefs: Vec<String>,
    /// Constant names of quoted sentences.
    pub(super) sentences: BTreeMap<StatementId, String>,
}

/// Names the generated code gives to types it uses, which pathway enums must not take.
pub(super) const RESERVED_TYPES: [(&str, &str); 27] = [
    ("Facts", "the facts struct"),
    ("Plan", "the runtime's plan"),
    ("Cow", "`std::borrow::Cow`"),
    ("Citation", "the runtime's citation"),
    ("CrossReference", "the runtime's cross-reference"),
    ("Dose", "the runtime's dose"),
    ("DoseUnit", "the runtime's dose unit"),
    ("DoseStep", "the runtime's dose step"),
    ("DrugDose", "the runtime's dose schedule"),
    ("Route", "the runtime's route of administration"),
    ("EnumSet", "the runtime's set type"),
    ("FactsError", "the runtime's error"),
    ("Reason", "the runtime's reason"),
    ("Recommendation", "the runtime's recommendation"),
    ("SetMember", "the runtime's set trait"),
    ("Strength", "the runtime's strength"),
    ("TimeUnit", "the runtime's time unit"),
    ("Timing", "the runtime's timing"),
    ("Option", "the standard `Option`"),
    ("Some", "the standard `Some`"),
    ("None", "the standard `None`"),
    ("Result", "the standard `Result`"),
    ("Ok", "the standard `Ok`"),
    ("Err", "the standard `Err`"),
    ("Vec", "the standard `Vec`"),
    ("String", "the standard `String`"),
    ("Box", "the standard `Box`"),
];

/// Names of values the generated code uses, which conditions and constants must not take.
pub(super) const RESERVED_VALUES: [(&str, &str); 4] = [
    ("evaluate", "the `evaluate` function"),
    ("PATHWAY", "the `PATHWAY` constant"),
    ("facts", "the parameter of `evaluate`"),
    ("recommendations", "the list of recommendations in `evaluate`"),
];

/// Gives every item its Rust name, reporting every name that cannot be used.
pub(super) fn names(pathway: &Pathway, used: &Used) -> Result<Names, Vec<BackendError>> {
    let mut errors = Vec::new();
    let mut types = Namespace::with_reserved(&RESERVED_TYPES);
    let mut values = Namespace::with_reserved(&RESERVED_VALUES);
    let mut fields = Namespace::default();
    let mut names = Names::default();

    let mut set_enums = BTreeSet::new();
    let mut fact_enums = BTreeSet::new();
    for fact in &pathway.facts {
        match fact.ty {
            FactType::Set(e) => {
                set_enums.insert(e);
                fact_enums.insert(e);
            }
            FactType::Enum(e) => {
                fact_enums.insert(e);
            }
            FactType::Bool | FactType::Number(_) => {}
        }
    }
    for (i, e) in pathway.enums.iter().enumerate() {
        let id = EnumId(i as u32);
        if !fact_enums.contains(&id) {
            names.enums.push(None);
            names.variants.push(Vec::new());
            continue;
        }
        if set_enums.contains(&id) && e.variants.len() > MAX_SET_VALUES {
            errors.push(BackendError::SetTooLarge {
                name: e.name.node.clone(),
                count: e.variants.len(),
                max: MAX_SET_VALUES,
                at: e.name.span.into(),
            });
        }
        names.enums.push(Some(keep(
            &mut errors,
            types.claim(camel_case(&e.name.node), "enum", &e.name.node, e.name.span),
        )));
        let mut variants = Namespace::default();
        let rust = e
            .variants
            .iter()
            .map(|v| {
                keep(&mut errors, variants.claim(camel_case(&v.node), "value", &v.node, v.span))
            })
            .collect();
        names.variants.push(rust);
    }
    for fact in &pathway.facts {
        let name = &fact.name;
        names.fields.push(keep(
            &mut errors,
            fields.claim(snake_case(&name.node), "fact", &name.node, name.span),
        ));
    }
    // Every condition gets a name (so ids index the table), but only the used ones claim it.
    for (i, condition) in pathway.conditions.iter().enumerate() {
        let name = &condition.name;
        let rust = if used.in_order.contains(&ConditionId(i as u32)) {
            keep(
                &mut errors,
                values.claim(snake_case(&name.node), "condition", &name.node, name.span),
            )
        } else {
            String::from("_")
        };
        names.conditions.push(rust);
    }
    for (i, xref) in pathway.xrefs.iter().enumerate() {
        let name = &xref.name;
        let rust = if used.xrefs.contains(&i) {
            keep(
                &mut errors,
                values.claim(upper_case(&name.node), "cross-reference", &name.node, name.span),
            )
        } else {
            String::from("_")
        };
        names.xrefs.push(rust);
    }
    for rec in &pathway.recommendations {
        let name = &rec.name;
        let upper = upper_case(&name.node);
        names.recs.push(keep(
            &mut errors,
            values.claim(upper.clone(), "recommendation", &name.node, name.span),
        ));
        let count = combinations(&rec.when);
        if count > MAX_EXPLANATIONS {
            errors.push(BackendError::TooManyExplanations {
                name: name.node.clone(),
                count,
                limit: MAX_EXPLANATIONS,
                at: rec.when.span.into(),
            });
            names.whys.push(Vec::new());
            continue;
        }
        let whys = (1..=count)
            .map(|k| {
                let rust =
                    if count == 1 { format!("{upper}_WHY") } else { format!("{upper}_WHY_{k}") };
                keep(
                    &mut errors,
                    values.claim(rust, "explanation of recommendation", &name.node, name.span),
                )
            })
            .collect();
        names.whys.push(whys);
    }
    let first_citations = first_citation_spans(pathway);
    for id in &used.sentences {
        let at = first_citations.get(id).copied().unwrap_or(pathway.name.span);
        let rust = upper_case(&id.as_str().replace('-', "_"));
        names
            .sentences
            .insert(id.clone(), keep(&mut errors, values.claim(rust, "sentence", id.as_str(), at)));
    }
    if errors.is_empty() { Ok(names) } else { Err(errors) }
}

/// The name, or `_` after recording why there is none (generation then stops).
pub(super) fn keep(errors: &mut Vec<BackendError>, result: Result<String, BackendError>) -> String {
    result.unwrap_or_else(|error| {
        errors.push(error);
        String::from("_")
    })
}

/// Where the pathway first cites each statement (recommendations first, then conditions), to
/// point a naming error at; one pass, where a search per sentence is quadratic.
pub(super) fn first_citation_spans(pathway: &Pathway) -> BTreeMap<&StatementId, Span> {
    let recs = pathway.recommendations.iter().flat_map(|r| &r.citations);
    let conditions = pathway.conditions.iter().flat_map(|c| &c.citations);
    let mut first = BTreeMap::new();
    for citation in recs.chain(conditions) {
        first.entry(&citation.statement).or_insert(citation.span);
    }
    first
}
