//! The Markdown backend: the document a clinician reads to check a pathway against its
//! guideline. Everything in it is rendered from the IR (conditions in words, with the
//! expression beside them) and quotes the guideline's own sentences; the coverage table closes
//! it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::coverage::to_markdown;
use super::escape::{html_comment, markdown_code, markdown_inline, markdown_url};
use super::words;
use super::{generated_by, render};
use crate::analysis::Analysis;
use crate::guideline::StatementId;
use crate::ir::explain;
use crate::ir::{Expr, ExprKind, FactType, Pathway, XRef};

const TEMPLATE: &str = include_str!("templates/markdown.md.tera");

/// Generates the Markdown document of a pathway. `source_name` names the pathway file in the
/// `@generated` comment.
pub fn generate(pathway: &Pathway, analysis: &Analysis, source_name: &str) -> String {
    let view = view(pathway, analysis, source_name);
    // The view holds only strings and lists, which the template cannot fail on; should it
    // ever, the document says so rather than the build failing without output.
    render("markdown.md", TEMPLATE, view).unwrap_or_else(|error| format!("{error}\n"))
}

/// The view model of `templates/markdown.md.tera`: Markdown fragments, already escaped, and
/// lists of lines that the template joins (an empty line separates paragraphs).
#[derive(Debug, Serialize)]
struct MarkdownView {
    /// The `@generated` comment's text.
    header: String,
    title: String,
    /// The rows of the provenance table.
    provenance: Vec<String>,
    /// The rows of the facts table.
    facts: Vec<String>,
    /// One list item per constraint.
    constraints: Vec<String>,
    conditions: Vec<Section>,
    recommendations: Vec<RecSection>,
    /// One list item per cross-reference.
    xrefs: Vec<String>,
    /// What the behavioural analysis decided, in one sentence.
    properties_summary: String,
    /// One table row per `assert`, with whether it holds over every consistent input.
    properties: Vec<String>,
    /// The coverage section (`backend::coverage::to_markdown`).
    coverage: String,
}

/// A named condition: its heading and its lines.
#[derive(Debug, Serialize)]
struct Section {
    name: String,
    body: Vec<String>,
}

/// A recommendation.
#[derive(Debug, Serialize)]
struct RecSection {
    number: usize,
    text: String,
    /// The id, strength, timing and dose table row.
    row: String,
    body: Vec<String>,
}

fn view(pathway: &Pathway, analysis: &Analysis, source_name: &str) -> MarkdownView {
    let coverage = &analysis.coverage;
    let users = Users::of(pathway);
    let mut provenance = vec![
        ("Pathway", markdown_code(&pathway.name.node)),
        ("Guideline text", markdown_code(&pathway.guideline_path)),
    ];
    if let Some(publisher) = &pathway.publisher {
        provenance.push(("Publisher", markdown_inline(publisher)));
    }
    if let Some(version) = &pathway.version {
        provenance.push(("Version", markdown_inline(version)));
    }
    provenance.push((
        "Coverage",
        format!(
            "{} of {} statements accounted for ({:.2}%)",
            coverage.implemented + coverage.informational,
            coverage.total,
            coverage.percent
        ),
    ));
    provenance.push(("Source", markdown_code(source_name)));
    let provenance = provenance.into_iter().map(|(k, v)| format!("| {k} | {v} |")).collect();

    MarkdownView {
        header: html_comment(&generated_by(source_name)),
        title: markdown_inline(&pathway.title),
        provenance,
        facts: pathway.facts.iter().map(|fact| fact_row(pathway, fact)).collect(),
        constraints: pathway
            .constraints
            .iter()
            .map(|c| {
                let rendered = markdown_code(&pathway.render(&c.expr.node));
                match &c.description {
                    Some(d) => format!(
                        "- **{}**: {}; formally {rendered}",
                        markdown_code(&c.name.node),
                        markdown_inline(d)
                    ),
                    None => format!("- **{}**: {rendered}", markdown_code(&c.name.node)),
                }
            })
            .collect(),
        conditions: pathway
            .conditions
            .iter()
            .enumerate()
            .map(|(i, _)| condition_section(pathway, i, &users))
            .collect(),
        recommendations: pathway
            .recommendations
            .iter()
            .enumerate()
            .map(|(i, rec)| rec_section(pathway, i, rec))
            .collect(),
        xrefs: pathway
            .xrefs
            .iter()
            .map(|x| {
                let cited: Vec<String> =
                    x.citations.iter().map(|c| markdown_code(c.statement.as_str())).collect();
                let users: Vec<String> = users
                    .of_xref
                    .get(x.name.node.as_str())
                    .map(|recs| recs.iter().map(|r| rec_name(pathway, *r)).collect())
                    .unwrap_or_default();
                let mut line = format!("- {}: {}", markdown_code(&x.name.node), link(x));
                if !users.is_empty() {
                    line.push_str(&format!("; carried by {}", users.join(", ")));
                }
                if !cited.is_empty() {
                    line.push_str(&format!("; implements {}", cited.join(", ")));
                }
                line
            })
            .collect(),
        properties_summary: properties_summary(analysis),
        properties: analysis.behaviour.properties.iter().map(property_row).collect(),
        coverage: to_markdown(coverage),
    }
}

/// "16 of 16 properties hold over all 6,045,696 consistent inputs ...", or why nothing is known.
fn properties_summary(analysis: &Analysis) -> String {
    let behaviour = &analysis.behaviour;
    if !behaviour.analysed {
        return "The pathway is beyond the limits of `cairn analyse`, so no property is proven."
            .to_string();
    }
    let holding = behaviour.properties.iter().filter(|p| p.holds).count();
    format!(
        "{holding} of {} properties hold over all {} consistent inputs (of {} combinations of the facts), decided by `cairn analyse`; each is an `assert` in the pathway source.",
        behaviour.properties.len(),
        behaviour.consistent_inputs,
        behaviour.raw_inputs
    )
}

fn property_row(property: &crate::analysis::behaviour::Property) -> String {
    let says = match &property.description {
        Some(d) => format!("{}: {}", markdown_inline(d), markdown_code(&property.expr)),
        None => markdown_code(&property.expr),
    };
    let verdict = if !property.holds {
        format!("**fails** for {} inputs", property.counterexamples)
    } else if property.vacuous {
        "holds, but only because no input meets its condition".to_string()
    } else {
        "holds".to_string()
    };
    format!("| {} | {says} | {verdict} |", markdown_code(&property.name))
}

fn fact_row(pathway: &Pathway, fact: &crate::ir::Fact) -> String {
    let values = |e| {
        let names: Vec<String> =
            pathway.enum_(e).variants.iter().map(|v| markdown_code(&v.node)).collect();
        names.join(", ")
    };
    let (ty, values) = match fact.ty {
        FactType::Bool => ("yes or no".to_string(), "`true`, `false`".to_string()),
        FactType::Enum(e) => {
            (format!("one of {}", markdown_code(&pathway.enum_(e).name.node)), values(e))
        }
        FactType::Set(e) => {
            (format!("any of {}", markdown_code(&pathway.enum_(e).name.node)), values(e))
        }
        FactType::Number(n) => (
            format!("{} in {}", if n.whole { "a whole number" } else { "a number" }, n.unit),
            format!("{} to {}", n.low, n.high),
        ),
    };
    let (ty, values) = if fact.optional {
        (format!("{ty}, or unknown"), format!("{values}, or `null`"))
    } else {
        (ty, values)
    };
    let meaning = fact.description.as_deref().map(markdown_inline).unwrap_or_default();
    format!("| {} | {ty} | {values} | {meaning} |", markdown_code(&fact.name.node))
}

/// Which recommendations use each condition and carry each cross-reference, found in one pass
/// over the recommendations: asking every recommendation about every condition instead is
/// quadratic (10 million walks of a `when` for 10,000 recommendations and 1,000 conditions).
struct Users<'p> {
    /// By condition index: the recommendations whose `when` uses it, directly or through other
    /// conditions, in source order.
    of_condition: Vec<Vec<usize>>,
    /// By cross-reference name: the recommendations that carry it, in source order.
    of_xref: BTreeMap<&'p str, Vec<usize>>,
}

impl<'p> Users<'p> {
    fn of(pathway: &'p Pathway) -> Self {
        let mut of_condition = vec![Vec::new(); pathway.conditions.len()];
        let mut of_xref: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (r, rec) in pathway.recommendations.iter().enumerate() {
            // `conditions_used` lists each condition once, so each user is listed once.
            for condition in pathway.conditions_used(&rec.when) {
                if let Some(users) = of_condition.get_mut(condition.index()) {
                    users.push(r);
                }
            }
            for x in &rec.see {
                let users = of_xref.entry(pathway.xref(*x).name.node.as_str()).or_default();
                // A recommendation that names the same cross-reference twice is one user.
                if users.last() != Some(&r) {
                    users.push(r);
                }
            }
        }
        Users { of_condition, of_xref }
    }
}

/// A recommendation's id as a code span.
fn rec_name(pathway: &Pathway, index: usize) -> String {
    pathway.recommendations.get(index).map(|r| markdown_code(&r.name.node)).unwrap_or_default()
}

/// A statement quoted as a list line: its id and its text.
fn quote(pathway: &Pathway, id: &StatementId) -> String {
    let citation = explain::citation(pathway, id);
    format!("- {} “{}”", markdown_code(&citation.id), markdown_inline(&citation.text))
}

/// One part of a condition, as a list line at `depth`: the expression, with its description
/// when it is a named condition or fact; an `or` lists its alternatives one level deeper.
fn part_lines(pathway: &Pathway, expr: &Expr, depth: usize, out: &mut Vec<String>) {
    let indent = "  ".repeat(depth);
    if let ExprKind::Or(alternatives) = &expr.node {
        out.push(format!("{indent}- any of:"));
        for alternative in alternatives {
            part_lines(pathway, alternative, depth + 1, out);
        }
        return;
    }
    let rendered = markdown_code(&pathway.render(&expr.node));
    match words::description(pathway, expr) {
        Some(description) => {
            out.push(format!("{indent}- {rendered}: {}", markdown_inline(&description)));
        }
        None => out.push(format!("{indent}- {rendered}")),
    }
}

/// "Applies when" or "Holds when": the conjuncts as a list, or the one condition inline.
fn conditions_in_words(pathway: &Pathway, expr: &Expr, lead: &str) -> Vec<String> {
    let conjuncts = explain::conjuncts(expr);
    let mut lines = Vec::new();
    if let [one] = conjuncts.as_slice() {
        if let ExprKind::Or(alternatives) = &one.node {
            lines.push(format!("{lead} any of:"));
            lines.push(String::new());
            for alternative in alternatives {
                part_lines(pathway, alternative, 0, &mut lines);
            }
            return lines;
        }
    }
    match conjuncts.as_slice() {
        [one] => {
            part_lines(pathway, one, 0, &mut lines);
            let line = lines.pop().unwrap_or_default();
            vec![format!("{lead} {}", line.trim_start_matches("- "))]
        }
        _ => {
            lines.push(format!("{lead} all of:"));
            lines.push(String::new());
            for conjunct in conjuncts {
                part_lines(pathway, conjunct, 0, &mut lines);
            }
            lines
        }
    }
}

fn condition_section(pathway: &Pathway, index: usize, users: &Users) -> Section {
    let Some(condition) = pathway.conditions.get(index) else {
        return Section { name: String::new(), body: Vec::new() };
    };
    let mut body = Vec::new();
    if let Some(description) = &condition.description {
        body.push(format!("**Means:** {}", markdown_inline(description)));
        body.push(String::new());
    }
    body.extend(conditions_in_words(pathway, &condition.expr, "**Holds when**"));
    if !condition.citations.is_empty() {
        body.extend([String::new(), "Implements:".to_string(), String::new()]);
        body.extend(condition.citations.iter().map(|c| quote(pathway, &c.statement)));
    }
    let users: Vec<String> = users
        .of_condition
        .get(index)
        .map(|recs| recs.iter().map(|r| rec_name(pathway, *r)).collect())
        .unwrap_or_default();
    if !users.is_empty() {
        body.extend([String::new(), format!("Used by {}.", users.join(", "))]);
    }
    Section { name: markdown_code(&condition.name.node), body }
}

fn rec_section(pathway: &Pathway, index: usize, rec: &crate::ir::Recommendation) -> RecSection {
    let timing = rec.timing.map_or_else(|| "—".to_string(), |t| t.node.to_string());
    // The single dose and each drug's schedule, in words, one after the other.
    let doses: Vec<String> = (rec.dose.iter().map(|d| d.node.to_string()))
        .chain(rec.doses.iter().map(|d| d.node.to_string()))
        .collect();
    let dose =
        if doses.is_empty() { "—".to_string() } else { markdown_inline(&doses.join("; ")) };
    let direct: Vec<&StatementId> = rec.citations.iter().map(|c| &c.statement).collect();
    let mut through: Vec<StatementId> = Vec::new();
    for id in explain::reason_statements(pathway, &rec.when) {
        if !direct.contains(&&id) && !through.contains(&id) {
            through.push(id);
        }
    }
    let mut body = conditions_in_words(pathway, &rec.when, "**Applies when**");
    if !direct.is_empty() {
        body.extend([String::new(), "Implements:".to_string(), String::new()]);
        body.extend(direct.iter().map(|id| quote(pathway, id)));
    }
    if !through.is_empty() {
        let ids: Vec<String> = through.iter().map(|id| markdown_code(id.as_str())).collect();
        body.extend([
            String::new(),
            format!("Through its conditions it also rests on {}.", ids.join(", ")),
        ]);
    }
    if !rec.see.is_empty() {
        body.extend([String::new(), "See also:".to_string(), String::new()]);
        body.extend(rec.see.iter().map(|x| format!("- {}", link(pathway.xref(*x)))));
    }
    RecSection {
        number: index + 1,
        text: markdown_inline(&rec.text),
        row: format!(
            "| {} | {} | {timing} | {dose} |",
            markdown_code(&rec.name.node),
            rec.strength.node
        ),
        body,
    }
}

/// A cross-reference as a link when its address is a web address, else its title with the
/// address as inert text.
fn link(xref: &XRef) -> String {
    let title = markdown_inline(&xref.title);
    match xref.url.as_deref() {
        Some(url) => match markdown_url(url) {
            Some(href) => format!("[{title}]({href})"),
            None => format!("{title} (address not shown as a link: {})", markdown_code(url)),
        },
        None => title,
    }
}
