//! The Rust backend: a self-contained module (it needs only `cairn-runtime` and `serde`) with
//! one enum per pathway enum, `Facts`, `PATHWAY` and `evaluate`, which returns exactly what the
//! interpreter (`interp::run`) returns for every input.
//!
//! Agreement with the interpreter is by construction where it can be: the explanations are
//! built by the interpreter's own functions (`interp::conjuncts`, `interp::reason`,
//! `interp::citation`) at generation time and stored as static data, and the logic is the IR
//! transcribed operator by operator. The generated code allocates nothing but the plan's `Vec`,
//! cannot panic (no unwrap, no indexing), and compiles clippy-clean with `-D warnings`.

use std::collections::{BTreeMap, BTreeSet};

use cairn_runtime::{DoseUnit, DrugDose, Route, Strength, TimeUnit, Timing};
use serde::Serialize;

use super::error::BackendError;
use super::escape::{code_span as markdown_code, line_comment, rust_doc, rust_string};
use super::names::{Namespace, camel_case, snake_case, upper_case};
use super::{Part, generated_by, render};
use crate::analysis::Analysis;
use crate::guideline::StatementId;
use crate::interp;
use crate::sema::ir::{
    ConditionId, EnumId, Expr, ExprKind, FactId, FactType, Pathway, Recommendation, VariantId,
};
use crate::span::Span;

const TEMPLATE: &str = include_str!("templates/rust.rs.tera");

/// One recommendation's constants, rendered a recommendation at a time (see [`Part`]).
const CONSTANTS_TEMPLATE: &str = include_str!("templates/rust_constants.rs.tera");

/// The most combinations of `or` alternatives one recommendation may explain.
pub const MAX_EXPLANATIONS: u128 = 64;

/// The most values of an enum that a set fact can range over (one `u128` of bits).
const MAX_SET_VALUES: usize = 128;

/// Generates the Rust module of a pathway. `source_name` names the pathway file in the
/// `@generated` header (a file name, so the output does not depend on where it was built).
pub fn generate(
    pathway: &Pathway,
    analysis: &Analysis,
    source_name: &str,
) -> Result<String, Vec<BackendError>> {
    let view = view(pathway, analysis, source_name)?;
    render("rust.rs", TEMPLATE, view).map_err(|e| vec![e])
}

/// The view model of `templates/rust.rs.tera`. Every string is ready to paste: Rust code,
/// escaped literals, or escaped doc text (doc lines start with a space unless empty).
#[derive(Debug, Serialize)]
struct RustView {
    /// The `@generated` line, without the `// `.
    header: String,
    /// Comment lines after the header, without the `// `.
    about: Vec<String>,
    /// The `use cairn_runtime::...;` item.
    imports: String,
    /// Doc lines of `PATHWAY`.
    pathway_docs: Vec<String>,
    /// The literal of `PATHWAY`.
    pathway_literal: String,
    /// The enums, in source order (only those a fact uses).
    enums: Vec<EnumView>,
    /// Doc lines of `Facts`.
    facts_docs: Vec<String>,
    /// Fields of `Facts`.
    facts: Vec<FieldView>,
    /// Guideline sentences the plan quotes, in guideline order.
    sentences: Vec<ConstView>,
    /// Cross-references the plan carries.
    xrefs: Vec<ConstView>,
    /// Recommendations, in source order.
    recommendations: Vec<RecView>,
    /// Doc lines of `evaluate`.
    evaluate_docs: Vec<String>,
    /// The name of `evaluate`'s parameter (`_facts` when no fact is read).
    facts_param: String,
    /// The named conditions, as locals in dependency order.
    conditions: Vec<LocalView>,
    /// The constraints, in source order.
    constraints: Vec<ConstraintView>,
    /// `mut ` when a recommendation can be pushed.
    plan_mut: String,
}

/// An enum.
#[derive(Debug, Serialize)]
struct EnumView {
    docs: Vec<String>,
    rust: String,
    variants: Vec<VariantView>,
    /// Whether a set fact ranges over it (it then implements `SetMember`).
    set_member: bool,
}

/// A value of an enum.
#[derive(Debug, Serialize)]
struct VariantView {
    docs: Vec<String>,
    rust: String,
    /// Its JSON name, as a literal.
    json: String,
    index: usize,
}

/// A field of `Facts`.
#[derive(Debug, Serialize)]
struct FieldView {
    docs: Vec<String>,
    rust: String,
    /// The JSON key as a literal, when it differs from the field's name.
    rename: Option<String>,
    /// The JSON key as a literal.
    json: String,
    /// The JSON key as a Markdown code span, for docs.
    code: String,
    /// The type.
    ty: String,
    /// The type as seen from the `read` module.
    read_ty: String,
}

/// A private constant.
#[derive(Debug, Serialize)]
struct ConstView {
    docs: Vec<String>,
    rust: String,
    ty: String,
    /// The value, possibly over several lines (indented by 4 after the first).
    value: String,
}

/// A recommendation: its constants and the code that pushes it.
#[derive(Debug, Serialize)]
struct RecView {
    /// Its constants, rendered by `templates/rust_constants.rs.tera` from a [`ConstantsView`].
    constants: String,
    /// The name of its constant.
    rust: String,
    /// The `if` condition.
    when: String,
    /// The expression choosing the explanation, when an `or` makes it depend on the facts.
    why_select: Option<String>,
}

/// The view model of `templates/rust_constants.rs.tera`: one recommendation's constants.
#[derive(Debug, Serialize)]
struct ConstantsView {
    konst: ConstView,
    /// Its explanations, one per combination of `or` alternatives.
    whys: Vec<ConstView>,
}

/// A named condition, computed once.
#[derive(Debug, Serialize)]
struct LocalView {
    /// `//` comment lines, without the `// `.
    comments: Vec<String>,
    rust: String,
    expr: String,
}

/// A constraint check.
#[derive(Debug, Serialize)]
struct ConstraintView {
    comment: String,
    /// The condition under which it is broken.
    broken: String,
    name: String,
    description: String,
}

/// Rust names of everything the module declares.
#[derive(Debug, Default)]
struct Names {
    /// Type names by `EnumId` (`None` for enums no fact uses).
    enums: Vec<Option<String>>,
    /// Variant names by `EnumId`, by `VariantId`.
    variants: Vec<Vec<String>>,
    /// Field names by `FactId`.
    fields: Vec<String>,
    /// Local names by `ConditionId`.
    conditions: Vec<String>,
    /// Constant names by `RecId`.
    recs: Vec<String>,
    /// Constant names of each recommendation's explanations, one per combination.
    whys: Vec<Vec<String>>,
    /// Constant names by `XRefId`.
    xrefs: Vec<String>,
    /// Constant names of quoted sentences.
    sentences: BTreeMap<StatementId, String>,
}

/// Names the generated code gives to types it uses, which pathway enums must not take.
const RESERVED_TYPES: [(&str, &str); 27] = [
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
const RESERVED_VALUES: [(&str, &str); 4] = [
    ("evaluate", "the `evaluate` function"),
    ("PATHWAY", "the `PATHWAY` constant"),
    ("facts", "the parameter of `evaluate`"),
    ("recommendations", "the list of recommendations in `evaluate`"),
];

fn view(
    pathway: &Pathway,
    analysis: &Analysis,
    source_name: &str,
) -> Result<RustView, Vec<BackendError>> {
    let used = Used::of(pathway);
    let names = names(pathway, &used)?;
    let code = Code { pathway, names: &names };

    let mut imports = vec!["FactsError"];
    let any = |f: fn(&Recommendation) -> bool| pathway.recommendations.iter().any(f);
    if !pathway.recommendations.is_empty() {
        imports.extend(["Recommendation", "Reason", "Strength"]);
    }
    if !used.sentences.is_empty() {
        imports.push("Citation");
    }
    if !used.xrefs.is_empty() {
        imports.push("CrossReference");
    }
    if any(|r| r.dose.is_some()) {
        imports.extend(["Dose", "DoseUnit"]);
    }
    if any(|r| !r.doses.is_empty()) {
        imports.extend(["DoseStep", "DoseUnit", "DrugDose", "Route"]);
    }
    if any(|r| r.timing.is_some()) {
        imports.push("Timing");
    }
    if any(|r| r.timing.is_some_and(|t| timing_unit(t.node).is_some())) {
        imports.push("TimeUnit");
    }
    if pathway.facts.iter().any(|f| matches!(f.ty, FactType::Set(_))) {
        imports.extend(["EnumSet", "SetMember"]);
    }
    imports.sort_unstable();
    imports.dedup();
    let imports = import_block(&imports);

    let coverage = &analysis.coverage;
    let about = vec![
        String::new(),
        line_comment(&format!(
            "The engine of the pathway `{}`: {}.",
            pathway.name.node, pathway.title
        )),
        line_comment(&format!(
            "Guideline: {}; {} of {} statements accounted for ({:.2}%).",
            pathway.guideline_path,
            coverage.implemented + coverage.informational,
            coverage.total,
            coverage.percent
        )),
        "It needs the crates `cairn-runtime` and `serde` (with its `derive` feature).".to_string(),
    ];

    let facts_param = if used.evaluate_reads_facts { "facts" } else { "_facts" };
    // Each recommendation's constants are rendered as soon as they are built, so that at
    // 10,000 recommendations the views, their JSON and their text are freed while in cache.
    let constants = Part::new("rust_constants.rs", CONSTANTS_TEMPLATE).map_err(|e| vec![e])?;
    let recommendations: Vec<RecView> = pathway
        .recommendations
        .iter()
        .enumerate()
        .map(|(i, rec)| code.recommendation(i, rec, &constants))
        .collect::<Result<_, _>>()
        .map_err(|e| vec![e])?;

    Ok(RustView {
        header: line_comment(&generated_by(source_name)),
        about,
        imports,
        pathway_docs: docs(&[
            format!(
                "The name of the pathway, {}: the `pathway` of every plan.",
                markdown_code(&pathway.name.node)
            ),
            String::new(),
            format!("Title: {}.", rust_doc(&pathway.title)),
        ]),
        pathway_literal: rust_string(&pathway.name.node),
        enums: code.enums(),
        facts_docs: docs(&[
            "The facts about one person: the input of [`evaluate`].".to_string(),
            String::new(),
            "JSON: an object with exactly these keys. A missing or unknown key, a value of the \
             wrong type or outside its enum is refused when deserialising, with a message that \
             names the fact."
                .to_string(),
        ]),
        facts: code.fields(),
        sentences: code.sentences(),
        xrefs: code.xrefs(&used),
        recommendations,
        evaluate_docs: code.evaluate_docs(),
        facts_param: facts_param.to_string(),
        conditions: used.order.iter().map(|c| code.local(*c)).collect(),
        constraints: code.constraints(),
        plan_mut: if pathway.recommendations.is_empty() { "" } else { "mut " }.to_string(),
    })
}

/// `use cairn_runtime::{...};` on one line, or wrapped as rustfmt wraps it.
fn import_block(names: &[&str]) -> String {
    let one_line = format!("use cairn_runtime::{{{}}};", names.join(", "));
    if one_line.len() <= 100 {
        return one_line;
    }
    let mut lines = vec!["use cairn_runtime::{".to_string()];
    let mut line = String::from("   ");
    for name in names {
        if line.len() + 1 + name.len() + 1 > 100 {
            lines.push(std::mem::replace(&mut line, String::from("   ")));
        }
        line.push(' ');
        line.push_str(name);
        line.push(',');
    }
    lines.push(line);
    lines.push("};".to_string());
    lines.join("\n")
}

/// Doc lines: a leading space before non-empty text, so the template writes `///{{ line }}`.
fn docs(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect()
}

/// Doc lines quoting the statements an item implements.
fn implements(pathway: &Pathway, statements: &[&StatementId]) -> Vec<String> {
    if statements.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![String::new(), "Implements these sentences of the guideline:".to_string()];
    lines.push(String::new());
    for id in statements {
        let citation = interp::citation(pathway, id);
        lines.push(format!("- {}: \"{}\"", markdown_code(id.as_str()), rust_doc(&citation.text)));
    }
    lines
}

/// What the module must contain: the conditions, sentences and cross-references that
/// `evaluate` reaches, and whether it reads the facts at all.
#[derive(Debug, Default)]
struct Used {
    /// Conditions reachable from constraints and recommendations, in dependency order.
    order: Vec<ConditionId>,
    /// The same conditions as a set, for membership tests (a scan of `order` per condition is
    /// quadratic in the conditions).
    in_order: BTreeSet<ConditionId>,
    /// Sentences quoted by plans.
    sentences: BTreeSet<StatementId>,
    /// Cross-references carried by recommendations.
    xrefs: BTreeSet<usize>,
    /// Whether `evaluate` reads its parameter.
    evaluate_reads_facts: bool,
}

impl Used {
    fn of(pathway: &Pathway) -> Self {
        let mut used = Used::default();
        let roots = pathway
            .constraints
            .iter()
            .map(|c| &c.expr)
            .chain(pathway.recommendations.iter().map(|r| &r.when));
        let mut reads = false;
        for root in roots {
            let mut direct = Vec::new();
            Pathway::direct_conditions(root, &mut direct);
            for condition in direct {
                used.visit(pathway, condition, &mut Vec::new());
            }
            reads |= !root.node.facts().is_empty();
        }
        let conditions_read = used.order.iter().any(|c| {
            pathway.conditions.get(c.index()).is_some_and(|c| !c.expr.node.facts().is_empty())
        });
        used.evaluate_reads_facts = reads || conditions_read;
        for rec in &pathway.recommendations {
            used.sentences.extend(rec.citations.iter().map(|c| c.statement.clone()));
            for conjunct in interp::conjuncts(&rec.when) {
                let mut parts = vec![conjunct];
                if let ExprKind::Or(alternatives) = &conjunct.node {
                    parts = alternatives.iter().collect();
                }
                for part in parts {
                    used.sentences.extend(interp::reason_statements(pathway, part));
                }
            }
            used.xrefs.extend(rec.see.iter().map(|x| x.index()));
        }
        used
    }

    /// Adds `condition` after the conditions it depends on (depth first, in order of
    /// appearance). `path` guards against cycles, which sema refuses anyway.
    fn visit(&mut self, pathway: &Pathway, condition: ConditionId, path: &mut Vec<ConditionId>) {
        if self.in_order.contains(&condition) || path.contains(&condition) {
            return;
        }
        path.push(condition);
        let mut direct = Vec::new();
        if let Some(c) = pathway.conditions.get(condition.index()) {
            Pathway::direct_conditions(&c.expr, &mut direct);
        }
        for dependency in direct {
            self.visit(pathway, dependency, path);
        }
        path.pop();
        self.order.push(condition);
        self.in_order.insert(condition);
    }
}

/// Gives every item its Rust name, reporting every name that cannot be used.
fn names(pathway: &Pathway, used: &Used) -> Result<Names, Vec<BackendError>> {
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
            FactType::Bool => {}
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
fn keep(errors: &mut Vec<BackendError>, result: Result<String, BackendError>) -> String {
    result.unwrap_or_else(|error| {
        errors.push(error);
        String::from("_")
    })
}

/// Where the pathway first cites each statement (recommendations first, then conditions), to
/// point a naming error at; one pass, where a search per sentence is quadratic.
fn first_citation_spans(pathway: &Pathway) -> BTreeMap<&StatementId, Span> {
    let recs = pathway.recommendations.iter().flat_map(|r| &r.citations);
    let conditions = pathway.conditions.iter().flat_map(|c| &c.citations);
    let mut first = BTreeMap::new();
    for citation in recs.chain(conditions) {
        first.entry(&citation.statement).or_insert(citation.span);
    }
    first
}

/// How many combinations of `or` alternatives explain a `when` (saturating).
fn combinations(when: &Expr) -> u128 {
    interp::conjuncts(when).iter().fold(1u128, |product, conjunct| match &conjunct.node {
        ExprKind::Or(alternatives) => product.saturating_mul(alternatives.len() as u128),
        _ => product,
    })
}

/// How tightly a piece of generated Rust binds, to decide on parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// `a || b`.
    Or,
    /// `a && b`.
    And,
    /// `a == b`, `a != b`.
    Compare,
    /// `!a`.
    Unary,
    /// Names, calls, literals, macros.
    Atom,
}

/// Writes the parts of the module for one pathway with its names.
struct Code<'a> {
    pathway: &'a Pathway,
    names: &'a Names,
}

impl Code<'_> {
    fn field(&self, fact: FactId) -> String {
        format!("facts.{}", self.names.fields.get(fact.index()).map_or("_", String::as_str))
    }

    fn enum_type(&self, fact: FactId) -> String {
        self.pathway
            .enum_of(fact)
            .and_then(|e| self.names.enums.get(e.index()).cloned().flatten())
            .unwrap_or_default()
    }

    fn variant(&self, fact: FactId, variant: VariantId) -> String {
        let name = self
            .pathway
            .enum_of(fact)
            .and_then(|e| self.names.variants.get(e.index()))
            .and_then(|variants| variants.get(variant.index()))
            .map_or("_", String::as_str);
        format!("{}::{name}", self.enum_type(fact))
    }

    fn wrap(&self, (code, level): (String, Level), at_least: Level) -> String {
        if level < at_least { format!("({code})") } else { code }
    }

    /// The expression as Rust, conditions read from their locals.
    fn expr(&self, kind: &ExprKind) -> (String, Level) {
        match kind {
            ExprKind::Const(b) => (b.to_string(), Level::Atom),
            ExprKind::Fact(f) => (self.field(*f), Level::Atom),
            ExprKind::Condition(c) => {
                (self.names.conditions.get(c.index()).cloned().unwrap_or_default(), Level::Atom)
            }
            ExprKind::EnumIn(f, variants) if distinct(variants).len() != 1 => {
                match distinct(variants).as_slice() {
                    [] => ("false".to_string(), Level::Atom),
                    many => {
                        let patterns: Vec<String> =
                            many.iter().map(|v| self.variant(*f, *v)).collect();
                        let code =
                            format!("matches!({}, {})", self.field(*f), patterns.join(" | "));
                        (code, Level::Atom)
                    }
                }
            }
            ExprKind::EnumIn(..) | ExprKind::FactsEqual(..) | ExprKind::Iff(..) => {
                let (a, b) = self.sides(kind);
                (format!("{a} == {b}"), Level::Compare)
            }
            ExprKind::SetContains(f, v) => {
                (format!("{}.contains({})", self.field(*f), self.variant(*f, *v)), Level::Atom)
            }
            ExprKind::SetEmpty(f) => (format!("{}.is_empty()", self.field(*f)), Level::Atom),
            ExprKind::Not(inner) => self.not(&inner.node),
            ExprKind::And(items) => {
                let parts: Vec<String> =
                    items.iter().map(|i| self.wrap(self.expr(&i.node), Level::And)).collect();
                (parts.join(" && "), Level::And)
            }
            ExprKind::Or(items) => {
                // `a && b || c` is correct Rust, but parentheses say it to the reader.
                let parts: Vec<String> =
                    items.iter().map(|i| self.wrap(self.expr(&i.node), Level::Compare)).collect();
                (parts.join(" || "), Level::Or)
            }
            ExprKind::Recommendation(_) => {
                unreachable!("sema allows recommendations in `assert` only, which is not generated")
            }
            ExprKind::Implies(a, b) => {
                let (a, b) = (
                    self.wrap(self.not(&a.node), Level::Compare),
                    self.wrap(self.expr(&b.node), Level::Compare),
                );
                (format!("{a} || {b}"), Level::Or)
            }
        }
    }

    /// The two sides of a comparison: a one-value `in`, `==` between facts, or `iff`.
    fn sides(&self, kind: &ExprKind) -> (String, String) {
        match kind {
            ExprKind::EnumIn(f, variants) => {
                let value = distinct(variants).first().map(|v| self.variant(*f, *v));
                (self.field(*f), value.unwrap_or_default())
            }
            ExprKind::FactsEqual(a, b) => (self.field(*a), self.field(*b)),
            ExprKind::Iff(a, b) => (
                self.wrap(self.expr(&a.node), Level::Unary),
                self.wrap(self.expr(&b.node), Level::Unary),
            ),
            other => (self.expr(other).0, "true".to_string()),
        }
    }

    /// The negation of the expression as Rust, pushing the `!` inwards where Rust has a
    /// direct form (`!=`, `a && !b`), which is also what clippy asks for.
    fn not(&self, kind: &ExprKind) -> (String, Level) {
        match kind {
            ExprKind::Const(b) => ((!b).to_string(), Level::Atom),
            ExprKind::Not(inner) => self.expr(&inner.node),
            ExprKind::EnumIn(_, variants) if distinct(variants).len() != 1 => {
                let inner = self.expr(kind);
                if inner.0 == "false" {
                    ("true".to_string(), Level::Atom)
                } else {
                    (format!("!{}", self.wrap(inner, Level::Unary)), Level::Unary)
                }
            }
            ExprKind::EnumIn(..) | ExprKind::FactsEqual(..) | ExprKind::Iff(..) => {
                let (a, b) = self.sides(kind);
                (format!("{a} != {b}"), Level::Compare)
            }
            ExprKind::Implies(a, b) => {
                let (a, b) = (
                    self.wrap(self.expr(&a.node), Level::And),
                    self.wrap(self.not(&b.node), Level::And),
                );
                (format!("{a} && {b}"), Level::And)
            }
            _ => {
                let inner = self.expr(kind);
                (format!("!{}", self.wrap(inner, Level::Unary)), Level::Unary)
            }
        }
    }

    fn enums(&self) -> Vec<EnumView> {
        let mut views = Vec::new();
        for (i, e) in self.pathway.enums.iter().enumerate() {
            let Some(Some(rust)) = self.names.enums.get(i) else { continue };
            let users: Vec<&str> = self
                .pathway
                .facts
                .iter()
                .filter(|f| matches!(f.ty, FactType::Enum(x) | FactType::Set(x) if x.index() == i))
                .map(|f| f.name.node.as_str())
                .collect();
            let set_member = self
                .pathway
                .facts
                .iter()
                .any(|f| matches!(f.ty, FactType::Set(x) if x.index() == i));
            let user_list: Vec<String> = users.iter().map(|u| markdown_code(u)).collect();
            let variants = e
                .variants
                .iter()
                .enumerate()
                .map(|(v, variant)| VariantView {
                    docs: docs(&[format!("{} in JSON.", markdown_code(&variant.node))]),
                    rust: self
                        .names
                        .variants
                        .get(i)
                        .and_then(|vs| vs.get(v))
                        .cloned()
                        .unwrap_or_default(),
                    json: rust_string(&variant.node),
                    index: v,
                })
                .collect();
            views.push(EnumView {
                docs: docs(&[
                    format!(
                        "The values of the enum {}, the type of {}.",
                        markdown_code(&e.name.node),
                        user_list.join(", ")
                    ),
                    String::new(),
                    if set_member {
                        "JSON: the value's name as a string; a set of values is an array of names."
                    } else {
                        "JSON: the value's name as a string."
                    }
                    .to_string(),
                ]),
                rust: rust.clone(),
                variants,
                set_member,
            });
        }
        views
    }

    fn fields(&self) -> Vec<FieldView> {
        self.pathway
            .facts
            .iter()
            .enumerate()
            .map(|(i, fact)| {
                let rust = self.names.fields.get(i).cloned().unwrap_or_default();
                let enum_name = |e: EnumId| {
                    self.names.enums.get(e.index()).cloned().flatten().unwrap_or_default()
                };
                let (ty, read_ty, json) = match fact.ty {
                    FactType::Bool => {
                        ("bool".to_string(), "bool".to_string(), "`true` or `false`".to_string())
                    }
                    FactType::Enum(e) => (
                        enum_name(e),
                        format!("super::{}", enum_name(e)),
                        format!("one of the names of [`{}`]", enum_name(e)),
                    ),
                    FactType::Set(e) => (
                        format!("EnumSet<{}>", enum_name(e)),
                        format!("super::EnumSet<super::{}>", enum_name(e)),
                        format!("an array of names of [`{}`]", enum_name(e)),
                    ),
                };
                let description = fact.description.as_deref().map_or_else(
                    || format!("The fact {}.", markdown_code(&fact.name.node)),
                    rust_doc,
                );
                let unraw = rust.trim_start_matches("r#");
                FieldView {
                    docs: docs(&[
                        description,
                        String::new(),
                        format!("JSON key {}: {json}.", markdown_code(&fact.name.node)),
                    ]),
                    rename: (unraw != fact.name.node).then(|| rust_string(&fact.name.node)),
                    json: rust_string(&fact.name.node),
                    code: markdown_code(&fact.name.node),
                    rust,
                    ty,
                    read_ty,
                }
            })
            .collect()
    }

    fn sentence(&self, id: &StatementId) -> String {
        self.names.sentences.get(id).cloned().unwrap_or_default()
    }

    fn sentences(&self) -> Vec<ConstView> {
        let mut ids: Vec<&StatementId> = self.names.sentences.keys().collect();
        let position =
            |id: &StatementId| self.pathway.guideline.get(id).map_or(usize::MAX, |s| s.index);
        // One lookup per sentence, not two per comparison.
        ids.sort_by_cached_key(|id| position(id));
        ids.into_iter()
            .map(|id| {
                let citation = interp::citation(self.pathway, id);
                ConstView {
                    docs: docs(&[
                        format!("Sentence {} of the guideline:", markdown_code(id.as_str())),
                        format!("\"{}\"", rust_doc(&citation.text)),
                    ]),
                    rust: self.sentence(id),
                    ty: "Citation".to_string(),
                    value: format!(
                        "Citation {{\n    id: Cow::Borrowed({}),\n    text: Cow::Borrowed({}),\n}}",
                        rust_string(&citation.id),
                        rust_string(&citation.text)
                    ),
                }
            })
            .collect()
    }

    fn xrefs(&self, used: &Used) -> Vec<ConstView> {
        used.xrefs
            .iter()
            .filter_map(|i| Some((*i, self.pathway.xrefs.get(*i)?)))
            .map(|(i, xref)| {
                let url = match &xref.url {
                    Some(url) => format!("Some(Cow::Borrowed({}))", rust_string(url)),
                    None => "None".to_string(),
                };
                ConstView {
                    docs: docs(&[format!(
                        "Cross-reference {}: {}.",
                        markdown_code(&xref.name.node),
                        rust_doc(&xref.title)
                    )]),
                    rust: self.names.xrefs.get(i).cloned().unwrap_or_default(),
                    ty: "CrossReference".to_string(),
                    value: format!(
                        "CrossReference {{\n    id: Cow::Borrowed({}),\n    title: Cow::Borrowed({}),\n    url: {url},\n}}",
                        rust_string(&xref.name.node),
                        rust_string(&xref.title)
                    ),
                }
            })
            .collect()
    }

    /// `&[A, B]` of sentence constants.
    fn citation_slice<'s>(&self, ids: impl IntoIterator<Item = &'s StatementId>) -> String {
        let names: Vec<String> = ids.into_iter().map(|id| self.sentence(id)).collect();
        format!("&[{}]", names.join(", "))
    }

    /// The alternatives of each conjunct (one for a conjunct that is not an `or`).
    fn alternatives(when: &Expr) -> Vec<Vec<&Expr>> {
        interp::conjuncts(when)
            .into_iter()
            .map(|conjunct| match &conjunct.node {
                ExprKind::Or(alternatives) => alternatives.iter().collect(),
                _ => vec![conjunct],
            })
            .collect()
    }

    /// The explanation constants of recommendation `i`: one per combination of alternatives,
    /// the first conjunct's choice varying slowest.
    fn whys(&self, i: usize, rec: &Recommendation) -> Vec<ConstView> {
        let Some(names) = self.names.whys.get(i) else { return Vec::new() };
        let alternatives = Self::alternatives(&rec.when);
        names
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let choice = choice(&alternatives, k);
                let reasons: Vec<String> = alternatives
                    .iter()
                    .zip(&choice)
                    .filter_map(|(alts, c)| alts.get(*c))
                    .map(|expr| {
                        let reason = interp::reason(self.pathway, expr);
                        let ids: Vec<StatementId> = reason
                            .citations
                            .iter()
                            .map(|c| StatementId(c.id.to_string()))
                            .collect();
                        format!(
                            "    Reason {{\n        condition: Cow::Borrowed({}),\n        citations: Cow::Borrowed({}),\n    }},",
                            rust_string(&reason.condition),
                            self.citation_slice(&ids)
                        )
                    })
                    .collect();
                let which = if names.len() == 1 {
                    String::new()
                } else {
                    let held: Vec<String> = alternatives
                        .iter()
                        .zip(&choice)
                        .filter(|(alts, _)| alts.len() > 1)
                        .filter_map(|(alts, c)| alts.get(*c))
                        .map(|e| markdown_code(&self.pathway.render(&e.node)))
                        .collect();
                    format!(", when {} held", held.join(" and "))
                };
                ConstView {
                    docs: docs(&[format!(
                        "Why {} applies{which}.",
                        markdown_code(&rec.name.node)
                    )]),
                    rust: name.clone(),
                    ty: "&[Reason]".to_string(),
                    value: format!("&[\n{}\n]", reasons.join("\n")),
                }
            })
            .collect()
    }

    fn recommendation(
        &self,
        i: usize,
        rec: &Recommendation,
        constants: &Part,
    ) -> Result<RecView, BackendError> {
        let konst = self.names.recs.get(i).cloned().unwrap_or_default();
        let whys = self.names.whys.get(i).cloned().unwrap_or_default();
        let first_why = whys.first().cloned().unwrap_or_default();
        let mut head = vec![rust_doc(&rec.text), String::new()];
        let mut facts = vec![rec.strength.node.to_string()];
        if let Some(timing) = rec.timing {
            facts.push(timing.node.to_string());
        }
        if let Some(dose) = &rec.dose {
            facts.push(format!("dose {}", rust_doc(&dose.node.to_string())));
        }
        if !rec.doses.is_empty() {
            let doses: Vec<String> = rec.doses.iter().map(|d| d.node.to_string()).collect();
            facts.push(rust_doc(&doses.join("; ")));
        }
        head.push(format!(
            "Recommendation {}: {}.",
            markdown_code(&rec.name.node),
            facts.join(", ")
        ));
        head.push(String::new());
        head.push(format!("Applies when {}.", markdown_code(&self.pathway.render(&rec.when.node))));
        let statements: Vec<&StatementId> = rec.citations.iter().map(|c| &c.statement).collect();
        head.extend(implements(self.pathway, &statements));
        if !rec.see.is_empty() {
            head.extend([String::new(), "See also:".to_string(), String::new()]);
            for x in &rec.see {
                let xref = self.pathway.xref(*x);
                let at = xref.url.as_deref().map(|u| format!(", at {}", markdown_code(u)));
                head.push(format!("- {}{}", rust_doc(&xref.title), at.unwrap_or_default()));
            }
        }

        let timing = match rec.timing.map(|t| t.node) {
            Some(timing) => format!("Some({})", timing_code(timing)),
            None => "None".to_string(),
        };
        let dose = match &rec.dose {
            Some(dose) => {
                let note = match &dose.node.note {
                    Some(note) => format!("Some(Cow::Borrowed({}))", rust_string(note)),
                    None => "None".to_string(),
                };
                format!(
                    "Some(Dose {{\n        amount: Cow::Borrowed({}),\n        unit: DoseUnit::{},\n        note: {note},\n    }})",
                    rust_string(&dose.node.amount),
                    dose_unit_code(dose.node.unit)
                )
            }
            None => "None".to_string(),
        };
        let doses = doses_code(rec.doses.iter().map(|d| &d.node));
        let see: Vec<String> = rec
            .see
            .iter()
            .map(|x| self.names.xrefs.get(x.index()).cloned().unwrap_or_default())
            .collect();
        let value = format!(
            "Recommendation {{\n    id: Cow::Borrowed({}),\n    strength: Strength::{},\n    timing: {timing},\n    dose: {dose},\n    doses: {doses},\n    text: Cow::Borrowed({}),\n    citations: Cow::Borrowed({}),\n    why: Cow::Borrowed({first_why}),\n    see: Cow::Borrowed(&[{}]),\n}}",
            rust_string(&rec.name.node),
            strength_code(rec.strength.node),
            rust_string(&rec.text),
            self.citation_slice(statements.iter().copied()),
            see.join(", ")
        );
        let alternatives = Self::alternatives(&rec.when);
        let why_select = (whys.len() > 1).then(|| {
            let lines = self.select(&alternatives, &whys, 0, 0);
            lines.join("\n            ")
        });
        let rendered = constants.render(ConstantsView {
            konst: ConstView {
                docs: docs(&head),
                rust: konst.clone(),
                ty: "Recommendation".to_string(),
                value,
            },
            whys: self.whys(i, rec),
        })?;
        Ok(RecView {
            constants: rendered,
            rust: konst,
            when: self.expr(&rec.when.node).0,
            why_select,
        })
    }

    /// The `if` chain that picks the explanation: for conjunct `depth` on, given the index of
    /// the combination chosen so far (`prefix`); lines relative to the chain's indentation.
    fn select(
        &self,
        alternatives: &[Vec<&Expr>],
        whys: &[String],
        depth: usize,
        prefix: usize,
    ) -> Vec<String> {
        let Some(alts) = alternatives.get(depth) else {
            return vec![whys.get(prefix).cloned().unwrap_or_default()];
        };
        let prefix = prefix * alts.len();
        if alts.len() == 1 {
            return self.select(alternatives, whys, depth + 1, prefix);
        }
        let indent = |lines: Vec<String>| -> Vec<String> {
            lines.into_iter().map(|l| format!("    {l}")).collect()
        };
        let mut lines = Vec::new();
        for (i, alt) in alts.iter().enumerate() {
            let inner = self.select(alternatives, whys, depth + 1, prefix + i);
            let last = i + 1 == alts.len();
            if last {
                // An `if` chain in the final `else` joins the chain (clippy's
                // `collapsible_else_if`).
                if inner.len() > 1 {
                    let mut inner = inner.into_iter();
                    let first = inner.next().unwrap_or_default();
                    lines.push(format!("}} else {first}"));
                    lines.extend(inner);
                } else {
                    lines.push("} else {".to_string());
                    lines.extend(indent(inner));
                    lines.push("}".to_string());
                }
            } else {
                let condition = self.expr(&alt.node).0;
                if i == 0 {
                    lines.push(format!("if {condition} {{"));
                } else {
                    lines.push(format!("}} else if {condition} {{"));
                }
                lines.extend(indent(inner));
            }
        }
        lines
    }

    fn local(&self, id: ConditionId) -> LocalView {
        let rust = self.names.conditions.get(id.index()).cloned().unwrap_or_default();
        let Some(condition) = self.pathway.conditions.get(id.index()) else {
            return LocalView { comments: Vec::new(), rust, expr: "false".to_string() };
        };
        let mut comments = vec![match &condition.description {
            Some(description) => {
                line_comment(&format!("`{}`: {description}.", condition.name.node))
            }
            None => format!("`{}`.", condition.name.node),
        }];
        for cited in &condition.citations {
            let citation = interp::citation(self.pathway, &cited.statement);
            comments
                .push(line_comment(&format!("Implements {}: \"{}\"", citation.id, citation.text)));
        }
        LocalView { comments, rust, expr: self.expr(&condition.expr.node).0 }
    }

    fn constraints(&self) -> Vec<ConstraintView> {
        self.pathway
            .constraints
            .iter()
            .map(|constraint| {
                // The interpreter's words: the description, or the rendered condition.
                let description = constraint
                    .description
                    .clone()
                    .unwrap_or_else(|| self.pathway.render(&constraint.expr.node));
                ConstraintView {
                    comment: line_comment(&format!(
                        "`{}`: {}",
                        constraint.name.node,
                        self.pathway.render(&constraint.expr.node)
                    )),
                    broken: self.not(&constraint.expr.node).0,
                    name: rust_string(&constraint.name.node),
                    description: rust_string(&description),
                }
            })
            .collect()
    }

    fn evaluate_docs(&self) -> Vec<String> {
        let mut lines = vec![
            format!(
                "Evaluates the pathway \"{}\" on one person's facts.",
                rust_doc(&self.pathway.title)
            ),
            String::new(),
            "The plan lists the recommendations that apply, in the order of the pathway source, \
             each with the sentences of the guideline it implements and why it applies. It is the \
             same, byte for byte as JSON, as what `cairn run` prints for the pathway."
                .to_string(),
            String::new(),
            "# Errors".to_string(),
            String::new(),
        ];
        if self.pathway.constraints.is_empty() {
            lines.push("None: the pathway declares no constraints.".to_string());
        } else {
            lines.push(
                "[`FactsError::Inconsistent`] when the facts break a constraint; the first broken \
                 one in this list is named:"
                    .to_string(),
            );
            lines.push(String::new());
            for constraint in &self.pathway.constraints {
                let words = constraint.description.as_deref().map_or_else(
                    || markdown_code(&self.pathway.render(&constraint.expr.node)),
                    rust_doc,
                );
                lines.push(format!("- {}: {words}", markdown_code(&constraint.name.node)));
            }
        }
        docs(&lines)
    }
}

/// The values of an `in`, each once, in order (a repeated pattern would be unreachable code).
fn distinct(variants: &[VariantId]) -> Vec<VariantId> {
    let mut out: Vec<VariantId> = Vec::new();
    for v in variants {
        if !out.contains(v) {
            out.push(*v);
        }
    }
    out
}

/// The digits of combination `k` in the mixed radix of the alternatives' counts, the first
/// conjunct most significant.
fn choice(alternatives: &[Vec<&Expr>], k: usize) -> Vec<usize> {
    let mut rest = k;
    let mut digits = vec![0; alternatives.len()];
    for (digit, alts) in digits.iter_mut().zip(alternatives).rev() {
        let radix = alts.len().max(1);
        *digit = rest % radix;
        rest /= radix;
    }
    digits
}

/// A strength as the path of its runtime variant.
fn strength_code(strength: Strength) -> &'static str {
    match strength {
        Strength::Do => "Do",
        Strength::Offer => "Offer",
        Strength::Consider => "Consider",
        Strength::Ensure => "Ensure",
        Strength::Refer => "Refer",
        Strength::DoNot => "DoNot",
        Strength::DoNotOffer => "DoNotOffer",
        Strength::DoNotConsider => "DoNotConsider",
    }
}

/// The unit of a timing that has one.
fn timing_unit(timing: Timing) -> Option<TimeUnit> {
    match timing {
        Timing::Within { unit, .. }
        | Timing::WithinRange { unit, .. }
        | Timing::After { unit, .. }
        | Timing::AfterRange { unit, .. } => Some(unit),
        Timing::Immediately
        | Timing::AsSoonAsPossible
        | Timing::OnAdmission
        | Timing::FromDiagnosisOnwards
        | Timing::Urgent => None,
    }
}

/// A time unit as the name of its runtime variant.
fn time_unit_code(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Minutes => "Minutes",
        TimeUnit::Hours => "Hours",
        TimeUnit::Days => "Days",
        TimeUnit::Weeks => "Weeks",
        TimeUnit::Months => "Months",
    }
}

/// A timing as a runtime value.
fn timing_code(timing: Timing) -> String {
    match timing {
        Timing::Immediately => "Timing::Immediately".to_string(),
        Timing::Within { amount, unit } => {
            format!(
                "Timing::Within {{ amount: {amount}, unit: TimeUnit::{} }}",
                time_unit_code(unit)
            )
        }
        Timing::WithinRange { from, to, unit } => format!(
            "Timing::WithinRange {{ from: {from}, to: {to}, unit: TimeUnit::{} }}",
            time_unit_code(unit)
        ),
        Timing::After { amount, unit } => {
            format!(
                "Timing::After {{ amount: {amount}, unit: TimeUnit::{} }}",
                time_unit_code(unit)
            )
        }
        Timing::AfterRange { from, to, unit } => format!(
            "Timing::AfterRange {{ from: {from}, to: {to}, unit: TimeUnit::{} }}",
            time_unit_code(unit)
        ),
        Timing::AsSoonAsPossible => "Timing::AsSoonAsPossible".to_string(),
        Timing::OnAdmission => "Timing::OnAdmission".to_string(),
        Timing::FromDiagnosisOnwards => "Timing::FromDiagnosisOnwards".to_string(),
        Timing::Urgent => "Timing::Urgent".to_string(),
    }
}

/// A route as the name of its runtime variant.
fn route_code(route: Route) -> &'static str {
    match route {
        Route::Oral => "Oral",
        Route::Intravenous => "Intravenous",
        Route::Intramuscular => "Intramuscular",
        Route::Subcutaneous => "Subcutaneous",
        Route::Inhaled => "Inhaled",
        Route::Topical => "Topical",
        Route::Rectal => "Rectal",
        Route::Sublingual => "Sublingual",
    }
}

/// Dose schedules as a runtime value: `Cow::Borrowed(&[])`, or a borrowed list of
/// [`DrugDose`]s built from constants, which a `const` promotes to static data.
fn doses_code<'a>(doses: impl Iterator<Item = &'a DrugDose>) -> String {
    let drugs: Vec<String> = doses
        .map(|dose| {
            let steps: Vec<String> = dose
                .steps
                .iter()
                .map(|step| {
                    format!(
                        "                DoseStep {{\n                    amount: Cow::Borrowed({}),\n                    unit: DoseUnit::{},\n                    times_per_day: {},\n                    days: {},\n                }},",
                        rust_string(&step.amount),
                        dose_unit_code(step.unit),
                        step.times_per_day,
                        step.days
                    )
                })
                .collect();
            format!(
                "        DrugDose {{\n            drug: Cow::Borrowed({}),\n            route: Route::{},\n            steps: Cow::Borrowed(&[\n{}\n            ]),\n        }},",
                rust_string(&dose.drug),
                route_code(dose.route),
                steps.join("\n")
            )
        })
        .collect();
    if drugs.is_empty() {
        "Cow::Borrowed(&[])".to_string()
    } else {
        format!("Cow::Borrowed(&[\n{}\n    ])", drugs.join("\n"))
    }
}

/// A dose unit as the name of its runtime variant.
fn dose_unit_code(unit: DoseUnit) -> &'static str {
    match unit {
        DoseUnit::Microgram => "Microgram",
        DoseUnit::Milligram => "Milligram",
        DoseUnit::Gram => "Gram",
        DoseUnit::Kilogram => "Kilogram",
        DoseUnit::Millilitre => "Millilitre",
        DoseUnit::Litre => "Litre",
        DoseUnit::Unit => "Unit",
    }
}
