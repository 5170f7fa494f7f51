//! The Graphviz backend: the pathway as a flowchart that reads like NICE's visual summary,
//! derived from the IR alone (no pathway is special-cased).
//!
//! The layout: each recommendation is gated by the first conjunct of its `when` when that is a
//! named condition (`main_branch and ...` is gated by `main_branch`); recommendations with the
//! same gate share one box, in source order. Each gate hangs under the condition it builds on
//! (the first named condition among its own conjuncts: `main_branch` builds on `in_pathway`),
//! with the rest of its conjuncts, in words, on the edge; so the entry criteria sit at the top,
//! the branches fan out below them, and every box quotes the guideline sentences its condition
//! implements and lists the ids of the sentences each recommendation implements. Colours show
//! the strength of each recommendation, explained by a legend.

use std::collections::{BTreeMap, BTreeSet};

use cairn_runtime::Strength;
use serde::Serialize;

use super::escape::{dot_html, dot_string, html_comment, line_comment, markdown_url};
use super::words::{in_words, wrap};
use super::{generated_by, render};
use crate::analysis::Analysis;
use crate::ir::explain;
use crate::ir::{ConditionId, Expr, ExprKind, Pathway, Recommendation};

const TEMPLATE: &str = include_str!("templates/dot.dot.tera");

/// Characters per line of a box's text, so boxes stay narrow enough to print.
const WIDTH: usize = 46;

/// Generates the DOT flowchart of a pathway. `source_name` names the pathway file in the
/// `@generated` comment and the title.
pub fn generate(pathway: &Pathway, analysis: &Analysis, source_name: &str) -> String {
    let view = view(pathway, analysis, source_name);
    render("dot.dot", TEMPLATE, view).unwrap_or_else(|error| {
        // A template failure is a bug; a DOT comment keeps the file valid and says why.
        format!("// {}\ndigraph {{}}\n", line_comment(&error.to_string()))
    })
}

/// The view model of `templates/dot.dot.tera`: node ids, escaped label text (one string per
/// line) and colours.
#[derive(Debug, Serialize)]
struct DotView {
    header: String,
    /// The graph's name, a DOT string.
    name: String,
    /// The title lines and the provenance line.
    title: Vec<String>,
    subtitle: String,
    boxes: Vec<BoxView>,
    edges: Vec<EdgeView>,
    /// Groups of boxes drawn side by side: the children of one condition.
    ranks: Vec<String>,
    notes: Vec<NoteView>,
    legend: Vec<LegendRow>,
}

/// A box: a condition (with the recommendations it gates), or the recommendations no
/// condition gates.
#[derive(Debug, Serialize)]
struct BoxView {
    id: String,
    /// The description (or name) of the condition, wrapped.
    heading: Vec<String>,
    /// The guideline sentences the condition implements: id and wrapped text.
    quotes: Vec<QuoteView>,
    /// The condition's name in the pathway source.
    name: String,
    rows: Vec<RowView>,
}

/// A quoted guideline sentence.
#[derive(Debug, Serialize)]
struct QuoteView {
    id: String,
    lines: Vec<String>,
}

/// A recommendation inside a box.
#[derive(Debug, Serialize)]
struct RowView {
    /// The strength, in capitals.
    tag: String,
    colour: String,
    text: Vec<String>,
    /// Timing and dose.
    detail: Vec<String>,
    /// The conditions beyond the box's own, in words.
    only_if: Vec<String>,
    /// The ids of the sentences it implements, and its id.
    ids: String,
}

/// An arrow between boxes, or from a box to a note.
#[derive(Debug, Serialize)]
struct EdgeView {
    from: String,
    to: String,
    /// The label's lines; empty for none.
    label: Vec<String>,
    dashed: bool,
}

/// A cross-reference, drawn as a note.
#[derive(Debug, Serialize)]
struct NoteView {
    id: String,
    lines: Vec<String>,
    ids: String,
    /// A DOT string with a web address, for a link in SVG; only `http` and `https`.
    url: Option<String>,
}

/// A row of the legend.
#[derive(Debug, Serialize)]
struct LegendRow {
    tag: String,
    colour: String,
    meaning: String,
}

/// The fill colour of a strength: blue for instructions, green for offers, yellow for
/// considerations, purple for "ensure", orange for referrals, red for every "do not".
fn colour(strength: Strength) -> &'static str {
    match strength {
        Strength::Do => "#cfe2f3",
        Strength::Offer => "#d9ead3",
        Strength::Consider => "#fff2cc",
        Strength::Ensure => "#e6dcf5",
        Strength::Refer => "#fce5cd",
        Strength::DoNot | Strength::DoNotOffer | Strength::DoNotConsider => "#f4cccc",
    }
}

/// What a strength asks of the reader, for the legend.
fn meaning(strength: Strength) -> &'static str {
    match strength {
        Strength::Do => "do it",
        Strength::Offer => "offer it (a strong recommendation)",
        Strength::Consider => "consider it (a weaker recommendation)",
        Strength::Ensure => "make sure it is in place",
        Strength::Refer => "refer the person",
        Strength::DoNot => "do not do it",
        Strength::DoNotOffer => "do not offer it",
        Strength::DoNotConsider => "do not consider it",
    }
}

/// The condition a recommendation is gated by: the first conjunct of its `when`, when that is
/// a named condition.
fn gate(rec: &Recommendation) -> Option<ConditionId> {
    match explain::conjuncts(&rec.when).first().map(|c| &c.node) {
        Some(ExprKind::Condition(c)) => Some(*c),
        _ => None,
    }
}

/// The condition a condition builds on: the first named condition among its conjuncts.
fn parent(pathway: &Pathway, condition: ConditionId) -> Option<ConditionId> {
    let expr = &pathway.conditions.get(condition.index())?.expr;
    explain::conjuncts(expr).into_iter().find_map(|c| match c.node {
        ExprKind::Condition(p) => Some(p),
        _ => None,
    })
}

/// The conjuncts of `expr` other than `skip`, in words, joined by "and".
fn other_conjuncts(pathway: &Pathway, expr: &Expr, skip: Option<ConditionId>) -> Option<String> {
    let mut skipped = false;
    let parts: Vec<String> = explain::conjuncts(expr)
        .into_iter()
        .filter(|c| {
            let is_skip = !skipped && matches!(c.node, ExprKind::Condition(id) if Some(id) == skip);
            skipped |= is_skip;
            !is_skip
        })
        .map(|c| in_words(pathway, c))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}

/// Text wrapped and escaped for an HTML-like label, one string per line.
fn lines(text: &str, width: usize) -> Vec<String> {
    wrap(text, width).iter().map(|line| dot_html(line)).collect()
}

fn view(pathway: &Pathway, analysis: &Analysis, source_name: &str) -> DotView {
    // The gates, in order of first use; then every condition they build on.
    let mut gates: Vec<ConditionId> = Vec::new();
    let mut ungated = false;
    for rec in &pathway.recommendations {
        match gate(rec) {
            Some(g) if !gates.contains(&g) => gates.push(g),
            Some(_) => {}
            None => ungated = true,
        }
    }
    // Sets beside the lists for membership: a scan per condition made a long chain of
    // conditions quadratic.
    let mut shown: Vec<ConditionId> = Vec::new();
    let mut is_shown: BTreeSet<ConditionId> = BTreeSet::new();
    for g in &gates {
        // Walk up, guarding against cycles (sema refuses them, but this must not loop).
        let mut chain = vec![*g];
        let mut in_chain = BTreeSet::from([*g]);
        let mut at = *g;
        while let Some(p) = parent(pathway, at) {
            // A condition already shown has its ancestors shown before it.
            if !in_chain.insert(p) || is_shown.contains(&p) {
                break;
            }
            chain.push(p);
            at = p;
        }
        for c in chain.into_iter().rev() {
            if is_shown.insert(c) {
                shown.push(c);
            }
        }
    }
    // Each shown condition's parent, found once.
    let parents: Vec<Option<ConditionId>> = shown.iter().map(|c| parent(pathway, *c)).collect();
    // Boxes in a stable order: ancestors before descendants, siblings in source order.
    let mut boxes = Vec::new();
    let mut edges = Vec::new();
    let mut children: BTreeMap<ConditionId, Vec<String>> = BTreeMap::new();
    for (c, p) in shown.iter().zip(&parents) {
        boxes.push(condition_box(pathway, *c));
        if let Some(p) = p.filter(|p| is_shown.contains(p)) {
            let label = pathway
                .conditions
                .get(c.index())
                .and_then(|cond| other_conjuncts(pathway, &cond.expr, Some(p)))
                .map(|words| lines(&words, 30))
                .unwrap_or_default();
            edges.push(EdgeView { from: node_id(p), to: node_id(*c), label, dashed: false });
        }
        if let Some(p) = p {
            children.entry(*p).or_default().push(node_id(*c));
        }
    }
    let mut ranks = Vec::new();
    for p in &shown {
        if let Some(siblings) = children.get(p).filter(|siblings| siblings.len() > 1) {
            ranks.push(siblings.join("; "));
        }
    }
    if ungated {
        let rows = pathway
            .recommendations
            .iter()
            .filter(|r| gate(r).is_none())
            .map(|r| row(pathway, r, None))
            .collect();
        boxes.push(BoxView {
            id: "other".to_string(),
            heading: lines("Whenever their own conditions hold", WIDTH),
            quotes: Vec::new(),
            name: String::new(),
            rows,
        });
    }

    // Cross-references hang off the boxes whose recommendations carry them.
    let mut notes = Vec::new();
    let mut linked = BTreeSet::new();
    for (i, xref) in pathway.xrefs.iter().enumerate() {
        let carriers: Vec<String> = pathway
            .recommendations
            .iter()
            .filter(|r| r.see.iter().any(|x| x.index() == i))
            .map(|r| gate(r).map_or_else(|| "other".to_string(), node_id))
            .collect();
        if carriers.is_empty() {
            continue;
        }
        let id = format!("x{i}");
        for from in carriers {
            if linked.insert((from.clone(), id.clone())) {
                edges.push(EdgeView { from, to: id.clone(), label: Vec::new(), dashed: true });
            }
        }
        let ids: Vec<&str> = xref.citations.iter().map(|c| c.statement.as_str()).collect();
        notes.push(NoteView {
            id,
            lines: lines(&format!("See: {}", xref.title), 34),
            ids: dot_html(&ids.join(" ")),
            url: xref.url.as_deref().and_then(markdown_url).map(|u| dot_string(&u)),
        });
    }

    let mut used: Vec<Strength> = pathway.recommendations.iter().map(|r| r.strength.node).collect();
    used.sort();
    used.dedup();
    let coverage = &analysis.coverage;
    let mut subtitle = vec![format!("Pathway {}", pathway.name.node)];
    if let Some(publisher) = &pathway.publisher {
        subtitle.push(publisher.clone());
    }
    if let Some(version) = &pathway.version {
        subtitle.push(version.clone());
    }
    subtitle.push(format!(
        "{} of {} guideline statements accounted for",
        coverage.implemented + coverage.informational,
        coverage.total
    ));
    subtitle.push(format!("generated by cairn from {source_name}"));
    DotView {
        header: line_comment(&generated_by(source_name)),
        name: dot_string(&pathway.name.node),
        title: lines(&pathway.title, 80),
        subtitle: dot_html(&subtitle.join(" · ")),
        boxes,
        edges,
        ranks,
        notes,
        legend: used
            .into_iter()
            .map(|s| LegendRow {
                tag: dot_html(&s.as_str().to_uppercase()),
                colour: colour(s).to_string(),
                meaning: dot_html(meaning(s)),
            })
            .collect(),
    }
}

fn node_id(condition: ConditionId) -> String {
    format!("c{}", condition.index())
}

fn condition_box(pathway: &Pathway, id: ConditionId) -> BoxView {
    let Some(condition) = pathway.conditions.get(id.index()) else {
        return BoxView {
            id: node_id(id),
            heading: Vec::new(),
            quotes: Vec::new(),
            name: String::new(),
            rows: Vec::new(),
        };
    };
    let heading =
        condition.description.as_deref().map_or_else(|| condition.name.node.clone(), capitalised);
    let rows = pathway
        .recommendations
        .iter()
        .filter(|r| gate(r) == Some(id))
        .map(|r| row(pathway, r, Some(id)))
        .collect();
    BoxView {
        id: node_id(id),
        heading: lines(&heading, WIDTH),
        quotes: condition
            .citations
            .iter()
            .map(|c| {
                let citation = explain::citation(pathway, &c.statement);
                QuoteView {
                    id: dot_html(&citation.id),
                    lines: lines(&format!("“{}”", citation.text), WIDTH),
                }
            })
            .collect(),
        name: dot_html(&condition.name.node),
        rows,
    }
}

fn row(pathway: &Pathway, rec: &Recommendation, gate: Option<ConditionId>) -> RowView {
    let mut detail = Vec::new();
    if let Some(timing) = rec.timing {
        detail.push(timing.node.to_string());
    }
    if let Some(dose) = &rec.dose {
        detail.push(dose.node.to_string());
    }
    detail.extend(rec.doses.iter().map(|d| d.node.to_string()));
    let only_if = other_conjuncts(pathway, &rec.when, gate)
        .map(|words| lines(&format!("only if {words}"), WIDTH))
        .unwrap_or_default();
    let mut ids: Vec<&str> = rec.citations.iter().map(|c| c.statement.as_str()).collect();
    ids.push(&rec.name.node);
    RowView {
        tag: dot_html(&rec.strength.node.as_str().to_uppercase()),
        colour: colour(rec.strength.node).to_string(),
        text: lines(&rec.text, WIDTH),
        detail: if detail.is_empty() { Vec::new() } else { lines(&detail.join(" · "), WIDTH) },
        only_if,
        ids: dot_html(&ids.join(" · ")),
    }
}

/// The text with its first letter in upper case, for a box heading.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A digest of DOT text (64-bit FNV-1a, in hex): stamped into the SVG rendered from it, so a
/// test can tell a stale SVG without rendering (Graphviz's output depends on its version and
/// the fonts installed, the digest does not).
pub fn digest(dot: &str) -> String {
    let hash = dot.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The comment stamped into an SVG rendered from `dot`: where it came from, and the DOT's
/// [`digest`].
pub fn svg_stamp(dot: &str, source_name: &str) -> String {
    format!(
        "<!-- {} Rendered by Graphviz from DOT with digest fnv1a64:{}. -->",
        html_comment(&generated_by(source_name)),
        digest(dot)
    )
}

/// The SVG that Graphviz rendered from `dot`, with the [`svg_stamp`] after its XML declaration.
pub fn stamp_svg(svg: &str, dot: &str, source_name: &str) -> String {
    let stamp = svg_stamp(dot, source_name);
    match svg.split_once('\n') {
        Some((first, rest)) if first.starts_with("<?xml") => format!("{first}\n{stamp}\n{rest}"),
        _ => format!("{stamp}\n{svg}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{digest, stamp_svg};

    #[test]
    fn the_stamp_follows_the_xml_declaration() {
        let svg = "<?xml version=\"1.0\"?>\n<svg/>\n";
        let stamped = stamp_svg(svg, "digraph {}", "a.pathway");
        assert!(
            stamped.starts_with("<?xml version=\"1.0\"?>\n<!-- @generated by cairn from a.pathway")
        );
        assert!(stamped.contains(&format!("fnv1a64:{}", digest("digraph {}"))));
        assert!(stamped.ends_with("<svg/>\n"));
        assert!(stamp_svg("<svg/>", "x", "a").starts_with("<!-- "));
        assert_ne!(digest("a"), digest("b"));
    }
}
