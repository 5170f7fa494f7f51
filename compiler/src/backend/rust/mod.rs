//! The Rust backend: a self-contained module (it needs only `cairn-runtime` and `serde`) with
//! one enum per pathway enum, `Facts`, `PATHWAY` and `evaluate`, which returns exactly what the
//! interpreter (`interp::run`) returns for every input.
//!
//! The module is split by job: this file holds the view models of the templates and builds
//! them; `naming` gives every item its Rust name; `expr` writes expressions with precedence;
//! `constants` writes the static data (sentences, cross-references, explanations).
//!
//! Agreement with the interpreter is by construction where it can be: the explanations are
//! built by the functions the interpreter uses (`ir::explain`: `conjuncts`, `reason`,
//! `citation`) at generation time and stored as static data, and the logic is the IR
//! transcribed operator by operator. The generated code allocates nothing but the plan's `Vec`,
//! cannot panic (no unwrap, no indexing), and compiles clippy-clean with `-D warnings`.

mod constants;
mod expr;
mod naming;

use std::collections::BTreeSet;

use constants::{dose_unit_code, doses_code, strength_code, timing_code, timing_unit};
use naming::{Names, names};
use serde::Serialize;

use super::error::BackendError;
use super::escape::{code_span as markdown_code, line_comment, rust_doc, rust_string};
use super::{Part, generated_by, render};
use crate::analysis::Analysis;
use crate::guideline::StatementId;
use crate::ir::explain;
use crate::ir::{ConditionId, EnumId, Expr, ExprKind, FactType, Pathway, Recommendation};

const TEMPLATE: &str = include_str!("../templates/rust.rs.tera");

/// One recommendation's constants, rendered a recommendation at a time (see [`Part`]).
const CONSTANTS_TEMPLATE: &str = include_str!("../templates/rust_constants.rs.tera");

/// The most combinations of `or` alternatives one recommendation may explain.
pub const MAX_EXPLANATIONS: u128 = 64;

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
    /// Whether some fact is read by its type's own `Deserialize` (through `read_fact`).
    uses_read_fact: bool,
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
    /// The capacity the plan's list starts with: every recommendation, up to 32 (a pointer
    /// each), so that a plan is one allocation.
    plan_capacity: usize,
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
    /// For a number, the runtime reader that checks its kind and range (a call on
    /// `deserializer`); else the type's own `Deserialize`.
    read_with: Option<String>,
}

/// A private constant.
#[derive(Debug, Serialize)]
struct ConstView {
    docs: Vec<String>,
    /// `const`, or `static` for what plans borrow (a recommendation's entry).
    item: &'static str,
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
        imports.extend(["Entry", "List", "Recommendation", "Reason", "Strength"]);
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
        uses_read_fact: code.fields().iter().any(|f| f.read_with.is_none()),
        facts: code.fields(),
        sentences: code.sentences(),
        xrefs: code.xrefs(&used),
        recommendations,
        evaluate_docs: code.evaluate_docs(),
        facts_param: facts_param.to_string(),
        conditions: used.order.iter().map(|c| code.local(*c)).collect(),
        constraints: code.constraints(),
        plan_mut: if pathway.recommendations.is_empty() { "" } else { "mut " }.to_string(),
        plan_capacity: pathway.recommendations.len().min(32),
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
        let citation = explain::citation(pathway, id);
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
            for conjunct in explain::conjuncts(&rec.when) {
                let mut parts = vec![conjunct];
                if let ExprKind::Or(alternatives) = &conjunct.node {
                    parts = alternatives.iter().collect();
                }
                for part in parts {
                    used.sentences.extend(explain::reason_statements(pathway, part));
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

/// Writes the parts of the module for one pathway with its names.
struct Code<'a> {
    pathway: &'a Pathway,
    names: &'a Names,
}

impl Code<'_> {
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
                    FactType::Number(n) if n.whole => (
                        "i64".to_string(),
                        "i64".to_string(),
                        format!("a whole number from {} to {} ({})", n.low, n.high, n.unit),
                    ),
                    FactType::Number(n) => (
                        "cairn_runtime::Decimal".to_string(),
                        "cairn_runtime::Decimal".to_string(),
                        format!("a number from {} to {} ({})", n.low, n.high, n.unit),
                    ),
                };
                let (ty, read_ty, json) = if fact.optional {
                    (
                        format!("Option<{ty}>"),
                        format!("Option<{read_ty}>"),
                        format!("{json}, or `null` when not known"),
                    )
                } else {
                    (ty, read_ty, json)
                };
                // Numbers are read by the runtime's readers, which check the kind and range.
                let read_with = match fact.ty {
                    FactType::Number(n) => {
                        let bound = |d: cairn_runtime::Decimal| {
                            if n.whole {
                                d.to_string()
                            } else {
                                format!(
                                    "cairn_runtime::Decimal::from_parts({}, {})",
                                    d.mantissa(),
                                    d.scale()
                                )
                            }
                        };
                        let reader = match (fact.optional, n.whole) {
                            (false, true) => "read_whole",
                            (false, false) => "read_decimal",
                            (true, true) => "read_optional_whole",
                            (true, false) => "read_optional_decimal",
                        };
                        Some(format!(
                            "cairn_runtime::number::{reader}(deserializer, {}, {})",
                            bound(n.low),
                            bound(n.high)
                        ))
                    }
                    _ => None,
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
                    read_with,
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
        // One explanation: it is the entry's `why`, and the entry is a `static` that plans
        // borrow. Several: the entry is the `const` they are built from, and each is a
        // `static` entry of its own, with its `why`.
        let why = match whys.as_slice() {
            [only] => only.clone(),
            _ => "&[]".to_string(),
        };
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
            "Recommendation {{
    id: Cow::Borrowed({}),
    strength: Strength::{},
    timing: {timing},
    dose: {dose},
    doses: {doses},
    text: Cow::Borrowed({}),
    citations: List::Borrowed({}),
    why: List::Borrowed({why}),
    see: List::Borrowed(&[{}]),
}}",
            rust_string(&rec.name.node),
            strength_code(rec.strength.node),
            rust_string(&rec.text),
            self.citation_slice(statements.iter().copied()),
            see.join(", ")
        );
        let alternatives = Self::alternatives(&rec.when);
        let why_select = (whys.len() > 1).then(|| {
            let entries: Vec<String> = whys.iter().map(|w| format!("&{w}")).collect();
            let lines = self.select(&alternatives, &entries, 0, 0);
            lines.join("\n        ")
        });
        let rendered = constants.render(ConstantsView {
            konst: ConstView {
                docs: docs(&head),
                item: if whys.len() > 1 { "const" } else { "static" },
                rust: konst.clone(),
                ty: "Recommendation<'static>".to_string(),
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
            let citation = explain::citation(self.pathway, &cited.statement);
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
