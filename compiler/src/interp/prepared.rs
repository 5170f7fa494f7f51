//! The interpreter prepared for many inputs: what [`super::run`] builds for every plan (each
//! recommendation's texts, citations, cross-references and the reasons of its `why`) is built
//! once, so that evaluating one input only decides what applies and copies static data, as the
//! generated engine does. `cairn run --batch` uses it; its plans are the same as
//! [`super::run`]'s, byte for byte as JSON.
//!
//! The runtime's [`Plan`] holds `Cow<'static, ...>` data, so a plan can only borrow what lives
//! for the rest of the process: [`Prepared::new`] leaks the pathway's plan data (its texts and
//! citations, a few tens of kilobytes for a guideline) once. Prepare a pathway once per
//! process, not once per input.

use std::borrow::Cow;

use cairn_runtime::{Citation, CrossReference, FactsError, Plan, Reason, Recommendation};

use super::value::FactValues;
use super::{Evaluator, conjuncts, reason};
use crate::sema::ir::{self, ExprKind, Pathway};

/// A pathway ready to evaluate many inputs quickly.
pub struct Prepared<'p> {
    pathway: &'p Pathway,
    name: &'static str,
    recommendations: Vec<PreparedRecommendation<'p>>,
}

/// One recommendation: its `when`, its plan entry with every field static, and, when a
/// conjunct of its `when` is an `or`, how to choose that conjunct's reason per input.
struct PreparedRecommendation<'p> {
    when: &'p ir::Expr,
    entry: Recommendation,
    /// `None` when the `why` is the same for every input (it is in `entry` then).
    why: Option<Vec<WhyPart<'p>>>,
}

/// One conjunct of a `when`, as a reason.
enum WhyPart<'p> {
    /// The same reason for every input.
    Fixed(Reason),
    /// An `or`: the reason of the first alternative that holds, else of the whole conjunct.
    FirstHeld { alternatives: Vec<(&'p ir::Expr, Reason)>, otherwise: Reason },
}

impl<'p> Prepared<'p> {
    /// Builds every plan entry of the pathway once, leaking their data (see the module).
    pub fn new(pathway: &'p Pathway) -> Self {
        let recommendations = pathway
            .recommendations
            .iter()
            .map(|rec| {
                let parts: Vec<WhyPart<'p>> = conjuncts(&rec.when)
                    .into_iter()
                    .map(|conjunct| match &conjunct.node {
                        ExprKind::Or(alternatives) => WhyPart::FirstHeld {
                            alternatives: alternatives
                                .iter()
                                .map(|a| (a, leak_reason(reason(pathway, a))))
                                .collect(),
                            otherwise: leak_reason(reason(pathway, conjunct)),
                        },
                        _ => WhyPart::Fixed(leak_reason(reason(pathway, conjunct))),
                    })
                    .collect();
                let dynamic = parts.iter().any(|p| matches!(p, WhyPart::FirstHeld { .. }));
                let fixed: Vec<Reason> = parts
                    .iter()
                    .filter_map(|p| match p {
                        WhyPart::Fixed(r) => Some(r.clone()),
                        WhyPart::FirstHeld { .. } => None,
                    })
                    .collect();
                let entry = leak_recommendation(super::recommendation(pathway, rec, Vec::new()));
                PreparedRecommendation {
                    when: &rec.when,
                    entry: Recommendation {
                        why: if dynamic { Cow::Borrowed(&[]) } else { leak_slice(fixed) },
                        ..entry
                    },
                    why: dynamic.then_some(parts),
                }
            })
            .collect();
        Prepared { pathway, name: leak_str(pathway.name.node.clone()), recommendations }
    }

    /// The pathway it evaluates.
    pub fn pathway(&self) -> &'p Pathway {
        self.pathway
    }

    /// Evaluates the pathway on facts given as JSON text, as [`super::run_json`] does.
    pub fn run_json(&self, json: &str) -> Result<Plan, FactsError> {
        let facts = super::facts::parse_facts(self.pathway, json)
            .map_err(|message| FactsError::Invalid { message })?;
        self.run(&facts)
    }

    /// Evaluates the pathway on fact values, as [`super::run`] does.
    pub fn run(&self, facts: &FactValues) -> Result<Plan, FactsError> {
        let pathway = self.pathway;
        let mut evaluator = Evaluator::new(pathway, facts);
        for &id in &pathway.condition_order {
            evaluator.condition(id);
        }
        for constraint in &pathway.constraints {
            if !evaluator.eval(&constraint.expr) {
                // Refusals are rare: build them as the plain interpreter does.
                return super::run(pathway, facts);
            }
        }
        let mut recommendations = Vec::with_capacity(self.recommendations.len());
        for rec in &self.recommendations {
            if !evaluator.eval(rec.when) {
                continue;
            }
            let mut entry = rec.entry.clone();
            if let Some(parts) = &rec.why {
                let why: Vec<Reason> = parts
                    .iter()
                    .map(|part| match part {
                        WhyPart::Fixed(reason) => reason.clone(),
                        WhyPart::FirstHeld { alternatives, otherwise } => alternatives
                            .iter()
                            .find(|(a, _)| evaluator.eval(a))
                            .map_or(otherwise, |(_, r)| r)
                            .clone(),
                    })
                    .collect();
                entry.why = Cow::Owned(why);
            }
            recommendations.push(entry);
        }
        Ok(Plan { pathway: Cow::Borrowed(self.name), recommendations })
    }
}

fn leak_str(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn leak_cow(text: Cow<'static, str>) -> Cow<'static, str> {
    match text {
        Cow::Owned(owned) => Cow::Borrowed(leak_str(owned)),
        borrowed => borrowed,
    }
}

fn leak_slice<T: Clone>(items: Vec<T>) -> Cow<'static, [T]> {
    Cow::Borrowed(Box::leak(items.into_boxed_slice()))
}

fn leak_citation(citation: Citation) -> Citation {
    Citation { id: leak_cow(citation.id), text: leak_cow(citation.text) }
}

fn leak_citations(citations: Cow<'static, [Citation]>) -> Cow<'static, [Citation]> {
    leak_slice(citations.into_owned().into_iter().map(leak_citation).collect())
}

fn leak_reason(reason: Reason) -> Reason {
    Reason { condition: leak_cow(reason.condition), citations: leak_citations(reason.citations) }
}

fn leak_recommendation(rec: Recommendation) -> Recommendation {
    Recommendation {
        id: leak_cow(rec.id),
        strength: rec.strength,
        timing: rec.timing,
        dose: rec.dose.map(|dose| cairn_runtime::Dose {
            amount: leak_cow(dose.amount),
            unit: dose.unit,
            note: dose.note.map(leak_cow),
        }),
        text: leak_cow(rec.text),
        citations: leak_citations(rec.citations),
        why: leak_slice(rec.why.into_owned().into_iter().map(leak_reason).collect()),
        see: leak_slice(
            rec.see
                .into_owned()
                .into_iter()
                .map(|x| CrossReference {
                    id: leak_cow(x.id),
                    title: leak_cow(x.title),
                    url: x.url.map(leak_cow),
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interp::value::{domain_size, nth_value};

    /// Every 7,919th input of the NICE pathway (about 2,500 of them, consistent or not): the
    /// prepared interpreter's plan or refusal is the plain interpreter's, byte for byte.
    #[test]
    fn prepared_plans_are_the_plain_interpreters_on_nice() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let compilation =
            crate::compile_file(&root.join("pathways/spinal-metastases/spinal-metastases.pathway"));
        let (pathway, _) = compilation.checked().unwrap();
        let prepared = Prepared::new(pathway);
        let domains: Vec<u128> = pathway.facts.iter().map(|f| domain_size(pathway, f.ty)).collect();
        let space: u128 = domains.iter().product();
        let (mut plans, mut refusals) = (0, 0);
        for n in (0..space).step_by(7_919) {
            let mut rest = n;
            let values: FactValues = pathway
                .facts
                .iter()
                .zip(&domains)
                .map(|(fact, size)| {
                    let index = rest % size;
                    rest /= size;
                    nth_value(fact.ty, index)
                })
                .collect();
            let expected = super::super::run(pathway, &values);
            let got = prepared.run(&values);
            assert_eq!(
                serde_json::to_string(&got).unwrap(),
                serde_json::to_string(&expected).unwrap()
            );
            if expected.is_ok() { plans += 1 } else { refusals += 1 }
        }
        assert!(plans > 100 && refusals > 100, "{plans} plans, {refusals} refusals");
    }
}
