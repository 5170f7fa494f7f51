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

use super::value::{FactValues, Value};
use super::{conjuncts, reason};
use crate::sema::ir::{self, ExprKind, Pathway, VariantId};

/// A pathway ready to evaluate many inputs quickly.
pub struct Prepared<'p> {
    pathway: &'p Pathway,
    name: &'static str,
    /// Every condition, each after those it uses: its index and its compiled expression.
    conditions: Vec<(usize, Op)>,
    /// The constraints, in source order.
    constraints: Vec<Op>,
    recommendations: Vec<PreparedRecommendation>,
}

/// One recommendation: its `when`, its plan entry with every field static, and, when a
/// conjunct of its `when` is an `or`, how to choose that conjunct's reason per input.
struct PreparedRecommendation {
    when: Op,
    entry: Recommendation,
    /// `None` when the `why` is the same for every input (it is in `entry` then).
    why: Option<Vec<WhyPart>>,
}

/// One conjunct of a `when`, as a reason.
enum WhyPart {
    /// The same reason for every input.
    Fixed(Reason),
    /// An `or`: the reason of the first alternative that holds, else of the whole conjunct.
    FirstHeld { alternatives: Vec<(Op, Reason)>, otherwise: Reason },
}

/// An expression compiled for evaluation: references resolved to indices, an enum's list of
/// values to a bit mask. It means what [`super::Evaluator::eval`] computes for the IR
/// expression, with every condition already computed (in dependency order).
enum Op {
    Const(bool),
    Fact(usize),
    Condition(usize),
    /// The fact's value is one of the bits of the mask.
    EnumIn(usize, u128),
    /// The same for values past the 128th, which no mask holds.
    EnumInList(usize, Vec<VariantId>),
    SetContains(usize, u128),
    SetEmpty(usize),
    FactsEqual(usize, usize),
    Not(Box<Op>),
    And(Vec<Op>),
    Or(Vec<Op>),
    Implies(Box<Op>, Box<Op>),
    Iff(Box<Op>, Box<Op>),
}

impl Op {
    fn compile(expr: &ir::Expr) -> Op {
        let bit = |v: VariantId| if v.0 < 128 { 1u128 << v.0 } else { 0 };
        match &expr.node {
            ExprKind::Const(b) => Op::Const(*b),
            ExprKind::Fact(f) => Op::Fact(f.index()),
            ExprKind::Condition(c) => Op::Condition(c.index()),
            // Sema refuses recommendations outside assertions, which are never evaluated here.
            ExprKind::Recommendation(_) => Op::Const(false),
            ExprKind::EnumIn(f, variants) if variants.iter().all(|v| v.0 < 128) => {
                Op::EnumIn(f.index(), variants.iter().fold(0, |mask, v| mask | bit(*v)))
            }
            ExprKind::EnumIn(f, variants) => Op::EnumInList(f.index(), variants.clone()),
            ExprKind::SetContains(f, v) => Op::SetContains(f.index(), bit(*v)),
            ExprKind::SetEmpty(f) => Op::SetEmpty(f.index()),
            ExprKind::FactsEqual(a, b) => Op::FactsEqual(a.index(), b.index()),
            ExprKind::Not(inner) => Op::Not(Box::new(Op::compile(inner))),
            ExprKind::And(items) => Op::And(items.iter().map(Op::compile).collect()),
            ExprKind::Or(items) => Op::Or(items.iter().map(Op::compile).collect()),
            ExprKind::Implies(a, b) => {
                Op::Implies(Box::new(Op::compile(a)), Box::new(Op::compile(b)))
            }
            ExprKind::Iff(a, b) => Op::Iff(Box::new(Op::compile(a)), Box::new(Op::compile(b))),
        }
    }

    fn eval(&self, facts: &[Value], conditions: &[bool]) -> bool {
        match self {
            Op::Const(b) => *b,
            Op::Fact(f) => matches!(facts.get(*f), Some(Value::Bool(true))),
            Op::Condition(c) => conditions.get(*c).copied().unwrap_or(false),
            Op::EnumIn(f, mask) => match facts.get(*f) {
                Some(Value::Enum(v)) => v.0 < 128 && mask & (1u128 << v.0) != 0,
                _ => false,
            },
            Op::EnumInList(f, variants) => match facts.get(*f) {
                Some(Value::Enum(v)) => variants.contains(v),
                _ => false,
            },
            Op::SetContains(f, bit) => match facts.get(*f) {
                Some(Value::Set(bits)) => bits & bit != 0,
                _ => false,
            },
            Op::SetEmpty(f) => matches!(facts.get(*f), Some(Value::Set(0))),
            Op::FactsEqual(a, b) => facts.get(*a) == facts.get(*b),
            Op::Not(inner) => !inner.eval(facts, conditions),
            Op::And(items) => items.iter().all(|item| item.eval(facts, conditions)),
            Op::Or(items) => items.iter().any(|item| item.eval(facts, conditions)),
            Op::Implies(a, b) => !a.eval(facts, conditions) || b.eval(facts, conditions),
            Op::Iff(a, b) => a.eval(facts, conditions) == b.eval(facts, conditions),
        }
    }
}

/// Conditions of pathways up to this size are computed into an array on the stack.
const STACK_CONDITIONS: usize = 64;

impl<'p> Prepared<'p> {
    /// Builds every plan entry of the pathway once, leaking their data (see the module).
    pub fn new(pathway: &'p Pathway) -> Self {
        let recommendations = pathway
            .recommendations
            .iter()
            .map(|rec| {
                let parts: Vec<WhyPart> = conjuncts(&rec.when)
                    .into_iter()
                    .map(|conjunct| match &conjunct.node {
                        ExprKind::Or(alternatives) => WhyPart::FirstHeld {
                            alternatives: alternatives
                                .iter()
                                .map(|a| (Op::compile(a), leak_reason(reason(pathway, a))))
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
                    when: Op::compile(&rec.when),
                    entry: Recommendation {
                        why: if dynamic { Cow::Borrowed(&[]) } else { leak_slice(fixed) },
                        ..entry
                    },
                    why: dynamic.then_some(parts),
                }
            })
            .collect();
        let conditions = pathway
            .condition_order
            .iter()
            .map(|&id| (id.index(), Op::compile(&pathway.condition(id).expr)))
            .collect();
        let constraints = pathway.constraints.iter().map(|c| Op::compile(&c.expr)).collect();
        Prepared {
            pathway,
            name: leak_str(pathway.name.node.clone()),
            conditions,
            constraints,
            recommendations,
        }
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
        let count = self.pathway.conditions.len();
        let mut on_stack = [false; STACK_CONDITIONS];
        let mut on_heap = Vec::new();
        let conditions: &mut [bool] = if count <= STACK_CONDITIONS {
            &mut on_stack[..count]
        } else {
            on_heap.resize(count, false);
            &mut on_heap
        };
        for (index, op) in &self.conditions {
            let value = op.eval(facts, conditions);
            if let Some(slot) = conditions.get_mut(*index) {
                *slot = value;
            }
        }
        let conditions: &[bool] = conditions;
        if !self.constraints.iter().all(|c| c.eval(facts, conditions)) {
            // Refusals are rare: build them as the plain interpreter does.
            return super::run(self.pathway, facts);
        }
        // One allocation for the plan, as the generated engine makes.
        let mut recommendations = Vec::with_capacity(self.recommendations.len());
        for rec in &self.recommendations {
            if !rec.when.eval(facts, conditions) {
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
                            .find(|(a, _)| a.eval(facts, conditions))
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

    /// About 2,500 inputs of a pathway spread over its whole space (all of them when it is
    /// small), consistent or not: the prepared interpreter's plan or refusal is the plain
    /// interpreter's, byte for byte. Returns how many were plans and how many refusals.
    fn agree(file: &std::path::Path) -> (usize, usize) {
        let compilation = crate::compile_file(file);
        let (pathway, _) = compilation.checked().unwrap();
        let prepared = Prepared::new(pathway);
        let domains: Vec<u128> = pathway.facts.iter().map(|f| domain_size(pathway, f.ty)).collect();
        let space: u128 = domains.iter().product();
        let step = usize::try_from(space / 2_500).unwrap_or(usize::MAX).max(1);
        let (mut plans, mut refusals) = (0, 0);
        for n in (0..space).step_by(step) {
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
                serde_json::to_string(&expected).unwrap(),
                "{} on {values:?}",
                file.display()
            );
            if expected.is_ok() { plans += 1 } else { refusals += 1 }
        }
        (plans, refusals)
    }

    fn root() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn prepared_plans_are_the_plain_interpreters_on_nice() {
        let (plans, refusals) =
            agree(&root().join("pathways/spinal-metastases/spinal-metastases.pathway"));
        assert!(plans > 40 && refusals > 100, "{plans} plans, {refusals} refusals");
    }

    #[test]
    fn prepared_plans_are_the_plain_interpreters_on_every_language_pathway() {
        let mut files = 0;
        for entry in std::fs::read_dir(root().join("conformance/language")).unwrap() {
            let folder = entry.unwrap().path();
            let Ok(inner) = std::fs::read_dir(&folder) else { continue };
            for file in inner {
                let file = file.unwrap().path();
                if file.extension().is_some_and(|e| e == "pathway") {
                    let (plans, _) = agree(&file);
                    assert!(plans > 0, "{}", file.display());
                    files += 1;
                }
            }
        }
        assert!(files >= 10, "{files} language pathways");
    }
}
