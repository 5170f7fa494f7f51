//! The static data of the generated module: the quoted sentences, the cross-references, and
//! each recommendation's explanations (one constant per combination of `or` alternatives),
//! plus the runtime values (strengths, timings, dose units, dose schedules) written as Rust.

use cairn_runtime::{DoseUnit, DrugDose, Route, Strength, TimeUnit, Timing};

use super::{Code, ConstView, Used, docs};
use crate::backend::escape::{code_span as markdown_code, rust_doc, rust_string};
use crate::guideline::StatementId;
use crate::ir::explain;
use crate::ir::{Expr, ExprKind, Recommendation};

/// How many combinations of `or` alternatives explain a `when` (saturating).
pub(super) fn combinations(when: &Expr) -> u128 {
    explain::conjuncts(when).iter().fold(1u128, |product, conjunct| match &conjunct.node {
        ExprKind::Or(alternatives) => product.saturating_mul(alternatives.len() as u128),
        _ => product,
    })
}

impl Code<'_> {
    pub(super) fn sentence(&self, id: &StatementId) -> String {
        self.names.sentences.get(id).cloned().unwrap_or_default()
    }

    pub(super) fn sentences(&self) -> Vec<ConstView> {
        let mut ids: Vec<&StatementId> = self.names.sentences.keys().collect();
        let position =
            |id: &StatementId| self.pathway.guideline.get(id).map_or(usize::MAX, |s| s.index);
        // One lookup per sentence, not two per comparison.
        ids.sort_by_cached_key(|id| position(id));
        ids.into_iter()
            .map(|id| {
                let citation = explain::citation(self.pathway, id);
                ConstView {
                    docs: docs(&[
                        format!("Sentence {} of the guideline:", markdown_code(id.as_str())),
                        format!("\"{}\"", rust_doc(&citation.text)),
                    ]),
                    item: "const",
                    rust: self.sentence(id),
                    ty: "Citation<'static>".to_string(),
                    value: format!(
                        "Citation {{\n    id: Cow::Borrowed({}),\n    text: Cow::Borrowed({}),\n}}",
                        rust_string(&citation.id),
                        rust_string(&citation.text)
                    ),
                }
            })
            .collect()
    }

    pub(super) fn xrefs(&self, used: &Used) -> Vec<ConstView> {
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
                    item: "const",
                    rust: self.names.xrefs.get(i).cloned().unwrap_or_default(),
                    ty: "CrossReference<'static>".to_string(),
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
    pub(super) fn citation_slice<'s>(
        &self,
        ids: impl IntoIterator<Item = &'s StatementId>,
    ) -> String {
        let names: Vec<String> = ids.into_iter().map(|id| self.sentence(id)).collect();
        format!("&[{}]", names.join(", "))
    }

    /// The alternatives of each conjunct (one for a conjunct that is not an `or`).
    pub(super) fn alternatives(when: &Expr) -> Vec<Vec<&Expr>> {
        explain::conjuncts(when)
            .into_iter()
            .map(|conjunct| match &conjunct.node {
                ExprKind::Or(alternatives) => alternatives.iter().collect(),
                _ => vec![conjunct],
            })
            .collect()
    }

    /// The explanation constants of recommendation `i`: one per combination of alternatives,
    /// the first conjunct's choice varying slowest.
    pub(super) fn whys(&self, i: usize, rec: &Recommendation) -> Vec<ConstView> {
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
                        let reason = explain::reason(self.pathway, expr);
                        let ids: Vec<StatementId> = reason
                            .citations
                            .iter()
                            .map(|c| StatementId(c.id.to_string()))
                            .collect();
                        format!(
                            "    Reason {{\n        condition: Cow::Borrowed({}),\n        citations: List::Borrowed({}),\n    }},",
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
                    ..self.why_entry(i, names.len(), &reasons)
                }
            })
            .collect()
    }
}

impl Code<'_> {
    /// An explanation of recommendation `i`, one of `count`, as a constant: the reasons alone
    /// when it is the only one (the entry's `why`), else a `static` entry with this `why`,
    /// built from the recommendation's `const`, for plans to borrow.
    fn why_entry(&self, i: usize, count: usize, reasons: &[String]) -> ConstView {
        if count == 1 {
            return ConstView {
                docs: Vec::new(),
                item: "const",
                rust: String::new(),
                ty: "&[Reason<'static>]".to_string(),
                value: format!("&[\n{}\n]", reasons.join("\n")),
            };
        }
        let indented: Vec<String> =
            reasons.join("\n").lines().map(|line| format!("    {line}")).collect();
        ConstView {
            docs: Vec::new(),
            item: "static",
            rust: String::new(),
            ty: "Recommendation<'static>".to_string(),
            value: format!(
                "Recommendation {{\n    why: List::Borrowed(&[\n{}\n    ]),\n    ..{}\n}}",
                indented.join("\n"),
                self.names.recs.get(i).map_or("_", String::as_str)
            ),
        }
    }
}

/// The digits of combination `k` in the mixed radix of the alternatives' counts, the first
/// conjunct most significant.
pub(super) fn choice(alternatives: &[Vec<&Expr>], k: usize) -> Vec<usize> {
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
pub(super) fn strength_code(strength: Strength) -> &'static str {
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
pub(super) fn timing_unit(timing: Timing) -> Option<TimeUnit> {
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
pub(super) fn time_unit_code(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Minutes => "Minutes",
        TimeUnit::Hours => "Hours",
        TimeUnit::Days => "Days",
        TimeUnit::Weeks => "Weeks",
        TimeUnit::Months => "Months",
    }
}

/// A timing as a runtime value.
pub(super) fn timing_code(timing: Timing) -> String {
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
pub(super) fn route_code(route: Route) -> &'static str {
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

/// Dose schedules as a runtime value: `List::Borrowed(&[])`, or a borrowed list of
/// [`DrugDose`]s built from constants, which a `const` promotes to static data.
pub(super) fn doses_code<'a>(doses: impl Iterator<Item = &'a DrugDose>) -> String {
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
        "List::Borrowed(&[])".to_string()
    } else {
        format!("List::Borrowed(&[\n{}\n    ])", drugs.join("\n"))
    }
}

/// A dose unit as the name of its runtime variant.
pub(super) fn dose_unit_code(unit: DoseUnit) -> &'static str {
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
