//! The interpreter prepared for many inputs: what [`super::run`] builds for every plan (each
//! recommendation's texts, citations, cross-references and the reasons of its `why`) is built
//! once, so that evaluating one input only decides what applies and copies static data, as the
//! generated engine does. `cairn run --batch` uses it; its plans are the same as
//! [`super::run`]'s, byte for byte as JSON. Deciding runs every condition, constraint and
//! `when` of the pathway as one compiled program of bits ([`super::program`]);
//! [`Prepared::applicable`] stops there and answers with the ids that apply.
//!
//! A prepared pathway owns its plan entries, and its plans borrow them: [`Prepared::run`] returns
//! a `Plan<'_>` whose recommendations are references into the `Prepared` ([`Entry::Borrowed`]),
//! so making a plan copies one pointer per recommendation, and dropping the `Prepared` frees
//! everything it built (an editor or a service that prepares edited pathways stays flat).

use std::borrow::Cow;

use cairn_runtime::{Entry, FactsError, List, Plan, Reason, Recommendation};

use super::program::{Builder, Operand, Program};
use crate::ir::explain::{conjuncts, reason};
use crate::ir::value::FactValues;
use crate::ir::{ExprKind, Pathway, RecId};

/// A pathway ready to evaluate many inputs quickly.
pub struct Prepared<'p> {
    pathway: &'p Pathway,
    /// The pathway's name, which plans borrow.
    name: String,
    /// Every condition, constraint, `when` and `or` alternative of a `why`, as one program.
    program: Program,
    /// The constraints, in source order.
    constraints: Vec<Operand>,
    recommendations: Vec<PreparedRecommendation>,
}

/// One recommendation: its `when`, its plan entry (which plans borrow), and, when a conjunct
/// of its `when` is an `or`, how to choose that conjunct's reason per input.
struct PreparedRecommendation {
    when: Operand,
    entry: Recommendation<'static>,
    why: Why,
}

/// How a recommendation's `why` is found for an input.
enum Why {
    /// It is the same for every input (it is in the entry).
    Fixed,
    /// Some conjuncts are `or`s, whose reason is the first alternative that holds: `choices`
    /// are their alternatives, and `table` the whole plan entry, with its `why`, for every
    /// combination of choices, built in advance (see [`Why::index`]).
    Table { choices: Vec<Vec<Operand>>, table: Vec<Recommendation<'static>> },
    /// The same, with too many combinations to build in advance: built per input.
    PerInput(Vec<WhyPart>),
}

/// One conjunct of a `when`, as a reason.
enum WhyPart {
    /// The same reason for every input.
    Fixed(Reason<'static>),
    /// An `or`: the reason of the first alternative that holds, else of the whole conjunct.
    FirstHeld { alternatives: Vec<(Operand, Reason<'static>)>, otherwise: Reason<'static> },
}

/// A recommendation's `why` is built in advance for at most this many combinations of the
/// alternatives of its `or` conjuncts (NICE has one recommendation with 3).
const MAX_WHY_COMBINATIONS: usize = 256;

/// The registers of pathways of up to 64 times this many live in an array on the stack.
const STACK_WORDS: usize = 8;

impl Why {
    /// How to find the `why` of `entry` (whose own `why` is ignored) from its parts.
    fn new(parts: Vec<WhyPart>, entry: &Recommendation<'static>) -> Why {
        let radices: Vec<usize> = parts
            .iter()
            .filter_map(|part| match part {
                WhyPart::Fixed(_) => None,
                WhyPart::FirstHeld { alternatives, .. } => Some(alternatives.len() + 1),
            })
            .collect();
        if radices.is_empty() {
            return Why::Fixed;
        }
        let combinations = radices
            .iter()
            .try_fold(1usize, |product, radix| product.checked_mul(*radix))
            .filter(|&n| n <= MAX_WHY_COMBINATIONS);
        let Some(combinations) = combinations else { return Why::PerInput(parts) };
        let table = (0..combinations)
            .map(|index| {
                // The digits of `index`, one per `or` conjunct, as `Why::index` makes them.
                let mut rest = index;
                let why: Vec<Reason<'static>> = parts
                    .iter()
                    .map(|part| match part {
                        WhyPart::Fixed(reason) => reason.clone(),
                        WhyPart::FirstHeld { alternatives, otherwise } => {
                            let radix = alternatives.len() + 1;
                            let choice = rest % radix;
                            rest /= radix;
                            alternatives.get(choice).map_or(otherwise, |(_, r)| r).clone()
                        }
                    })
                    .collect();
                Recommendation { why: List::Owned(why), ..entry.clone() }
            })
            .collect();
        let choices = parts
            .into_iter()
            .filter_map(|part| match part {
                WhyPart::Fixed(_) => None,
                WhyPart::FirstHeld { alternatives, .. } => {
                    Some(alternatives.into_iter().map(|(operand, _)| operand).collect())
                }
            })
            .collect();
        Why::Table { choices, table }
    }

    /// The index in `table` of the choices that hold: for each `or` conjunct, the position of
    /// its first alternative that holds (its count when none does), as a mixed-radix number
    /// with the first conjunct as the lowest digit.
    fn index(choices: &[Vec<Operand>], registers: &[u64]) -> usize {
        let mut index = 0;
        let mut scale = 1;
        for alternatives in choices {
            let choice =
                alternatives.iter().position(|a| a.read(registers)).unwrap_or(alternatives.len());
            index += choice * scale;
            scale *= alternatives.len() + 1;
        }
        index
    }
}

impl<'p> Prepared<'p> {
    /// Builds every plan entry of the pathway once (see the module).
    pub fn new(pathway: &'p Pathway) -> Self {
        let mut builder = Builder::new(pathway.conditions.len());
        for &id in &pathway.condition_order {
            builder.condition(id, &pathway.condition(id).expr);
        }
        let constraints = pathway.constraints.iter().map(|c| builder.expr(&c.expr)).collect();
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
                                .map(|a| (builder.expr(a), reason(pathway, a)))
                                .collect(),
                            otherwise: reason(pathway, conjunct),
                        },
                        _ => WhyPart::Fixed(reason(pathway, conjunct)),
                    })
                    .collect();
                let fixed: Vec<Reason<'static>> = parts
                    .iter()
                    .filter_map(|p| match p {
                        WhyPart::Fixed(r) => Some(r.clone()),
                        WhyPart::FirstHeld { .. } => None,
                    })
                    .collect();
                let entry = super::recommendation(pathway, rec, Vec::new());
                let why = Why::new(parts, &entry);
                PreparedRecommendation {
                    when: builder.expr(&rec.when),
                    entry: Recommendation {
                        why: match why {
                            Why::Fixed => List::Owned(fixed),
                            Why::Table { .. } | Why::PerInput(_) => List::default(),
                        },
                        ..entry
                    },
                    why,
                }
            })
            .collect();
        Prepared {
            pathway,
            name: pathway.name.node.clone(),
            program: builder.finish(),
            constraints,
            recommendations,
        }
    }

    /// The pathway it evaluates.
    pub fn pathway(&self) -> &'p Pathway {
        self.pathway
    }

    /// Evaluates the pathway on facts given as JSON text, as [`super::run_json`] does.
    pub fn run_json(&self, json: &str) -> Result<Plan<'_>, FactsError> {
        let facts = crate::ir::facts::parse_facts(self.pathway, json)
            .map_err(|message| FactsError::Invalid { message })?;
        self.run(&facts)
    }

    /// Evaluates the pathway on fact values, as [`super::run`] does. The plan borrows the
    /// recommendations it holds from this `Prepared`.
    pub fn run(&self, facts: &FactValues) -> Result<Plan<'_>, FactsError> {
        self.with_registers(facts, |registers| {
            // One allocation for the plan, a reference per recommendation, as the generated
            // engine makes.
            let mut recommendations = Vec::with_capacity(self.recommendations.len());
            for rec in &self.recommendations {
                if !rec.when.read(registers) {
                    continue;
                }
                recommendations.push(match &rec.why {
                    Why::Fixed => Entry::Borrowed(&rec.entry),
                    Why::Table { choices, table } => Entry::Borrowed(
                        table.get(Why::index(choices, registers)).unwrap_or(&rec.entry),
                    ),
                    Why::PerInput(parts) => Entry::from(Recommendation {
                        why: List::Owned(
                            parts
                                .iter()
                                .map(|part| match part {
                                    WhyPart::Fixed(reason) => lend_reason(reason),
                                    WhyPart::FirstHeld { alternatives, otherwise } => lend_reason(
                                        alternatives
                                            .iter()
                                            .find(|(a, _)| a.read(registers))
                                            .map_or(otherwise, |(_, r)| r),
                                    ),
                                })
                                .collect(),
                        ),
                        ..lend(&rec.entry)
                    }),
                });
            }
            Plan { pathway: Cow::Borrowed(&self.name), recommendations }
        })
    }

    /// Which recommendations apply, in source order, without building their plan entries:
    /// the decision alone, as a rules engine that answers with ids makes it. Facts that break
    /// a constraint are refused as [`Prepared::run`] refuses them.
    pub fn applicable(&self, facts: &FactValues) -> Result<Vec<RecId>, FactsError> {
        self.with_registers(facts, |registers| {
            let mut applicable = Vec::with_capacity(self.recommendations.len());
            for (index, rec) in (0..).zip(&self.recommendations) {
                if rec.when.read(registers) {
                    applicable.push(RecId(index));
                }
            }
            applicable
        })
    }

    /// Runs the program on the facts and, when every constraint holds, `then` on its registers.
    fn with_registers<T>(
        &self,
        facts: &FactValues,
        then: impl FnOnce(&[u64]) -> T,
    ) -> Result<T, FactsError> {
        let count = self.program.words();
        let mut on_stack = [0u64; STACK_WORDS];
        let mut on_heap = Vec::new();
        let registers: &mut [u64] = if count <= STACK_WORDS {
            on_stack.get_mut(..count).unwrap_or_default()
        } else {
            on_heap.resize(count, 0);
            &mut on_heap
        };
        self.program.run(facts, registers);
        let registers: &[u64] = registers;
        if !self.constraints.iter().all(|c| c.read(registers)) {
            // Refusals are rare: build them as the plain interpreter does.
            return super::run(self.pathway, facts).map(|_| then(registers));
        }
        Ok(then(registers))
    }
}

/// A plan entry that borrows every text and list of `entry`.
fn lend<'s>(entry: &'s Recommendation<'_>) -> Recommendation<'s> {
    Recommendation {
        id: Cow::Borrowed(&entry.id),
        strength: entry.strength,
        timing: entry.timing,
        dose: entry.dose.clone(),
        doses: List::Borrowed(&entry.doses),
        text: Cow::Borrowed(&entry.text),
        citations: List::Borrowed(&entry.citations),
        why: List::Borrowed(&entry.why),
        see: List::Borrowed(&entry.see),
    }
}

/// A reason that borrows the text and citations of `reason`.
fn lend_reason<'s>(reason: &'s Reason<'_>) -> Reason<'s> {
    Reason {
        condition: Cow::Borrowed(&reason.condition),
        citations: List::Borrowed(&reason.citations),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::value::{Value, domain_size, nth_value};

    /// The prepared interpreter's plan or refusal is the plain interpreter's, byte for byte,
    /// and `applicable` names the plan's recommendations, on every input given. Returns how
    /// many were plans and how many refusals.
    fn agree_on(pathway: &Pathway, inputs: impl IntoIterator<Item = FactValues>) -> (usize, usize) {
        let prepared = Prepared::new(pathway);
        let (mut plans, mut refusals) = (0, 0);
        for values in inputs {
            let expected = super::super::run(pathway, &values);
            let got = prepared.run(&values);
            assert_eq!(
                serde_json::to_string(&got).unwrap(),
                serde_json::to_string(&expected).unwrap(),
                "{} on {values:?}",
                pathway.name.node
            );
            let applicable = prepared.applicable(&values).map(|ids| {
                ids.into_iter()
                    .map(|id| pathway.recommendations[id.index()].name.node.clone())
                    .collect::<Vec<_>>()
            });
            let ids = expected.as_ref().map(|plan| {
                plan.recommendations.iter().map(|r| r.id.to_string()).collect::<Vec<_>>()
            });
            assert_eq!(applicable.ok(), ids.ok(), "{} on {values:?}", pathway.name.node);
            if expected.is_ok() { plans += 1 } else { refusals += 1 }
        }
        (plans, refusals)
    }

    /// About 2,500 inputs of a pathway spread over its whole space (all of them when it is
    /// small), consistent or not.
    fn spread(pathway: &Pathway) -> Vec<FactValues> {
        let domains: Vec<u128> = pathway.facts.iter().map(|f| domain_size(pathway, f)).collect();
        let space: u128 = domains.iter().product();
        let step = usize::try_from(space / 2_500).unwrap_or(usize::MAX).max(1);
        (0..space)
            .step_by(step)
            .map(|n| {
                let mut rest = n;
                pathway
                    .facts
                    .iter()
                    .zip(&domains)
                    .map(|(fact, size)| {
                        let index = rest % size;
                        rest /= size;
                        nth_value(pathway, fact, index)
                    })
                    .collect()
            })
            .collect()
    }

    /// `count` inputs of a pathway of boolean facts, drawn by xorshift from `seed`.
    fn random_booleans(pathway: &Pathway, count: usize, mut seed: u64) -> Vec<FactValues> {
        (0..count)
            .map(|_| {
                pathway
                    .facts
                    .iter()
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        Value::Bool(seed & 1 == 1)
                    })
                    .collect()
            })
            .collect()
    }

    fn agree(file: &std::path::Path) -> (usize, usize) {
        let compilation = crate::compile_file(file);
        let (pathway, _) = compilation.checked().unwrap();
        agree_on(pathway, spread(pathway))
    }

    /// Compiles a pathway written by a test, with a guideline of `sentences` statements
    /// `Rule <i>.`, which must check without errors.
    fn compile(source: &str, sentences: usize) -> crate::Compilation {
        let guideline: String = (0..sentences).map(|i| format!("Rule {i}.\n")).collect();
        let compilation = crate::compile_source("test.pathway", source, &guideline);
        assert!(compilation.checked().is_some(), "{:?}", compilation.diagnostics);
        compilation
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

    /// A pathway of 150 facts and 150 chained conditions needs more registers than live on
    /// the stack (and many words): the program still computes what the plain interpreter does.
    #[test]
    fn prepared_plans_agree_when_registers_are_on_the_heap() {
        let (source, _) = crate::test_pathways::chain(150);
        let compilation = compile(&source, 150);
        let (pathway, _) = compilation.checked().unwrap();
        let words = Prepared::new(pathway).program.words();
        assert!(words > STACK_WORDS, "{words} words of registers");
        let (plans, _) = agree_on(pathway, random_booleans(pathway, 300, 0x9e37_79b9_7f4a_7c15));
        assert_eq!(plans, 300);
    }

    /// An operand and its negation in one `and` or `or` cannot share a mask; repeated
    /// operands are one; and a `when` of many `or` conjuncts has its `why` built per input
    /// (4^9 combinations of choices, over the bound).
    #[test]
    fn prepared_plans_agree_on_negations_repeats_and_many_choices() {
        let mut source =
            String::from("pathway edges {\n  title \"Edges\"\n  guideline \"g.txt\"\n}\n");
        for i in 0..27 {
            source.push_str(&format!("fact f{i}: bool \"f{i}\"\n"));
        }
        source.push_str(
            "recommend never: do \"Never\"\n  when f0 and f1 and not f0 or f2 and f2\n  cites \"Rule 0.\"\n\
             recommend always: do \"Always\"\n  when (f0 or f1 or not f0) and f3\n  cites \"Rule 1.\"\n",
        );
        let conjuncts: Vec<String> =
            (0..9).map(|i| format!("(f{} or f{} or f{})", 3 * i, 3 * i + 1, 3 * i + 2)).collect();
        source.push_str(&format!(
            "recommend chosen: do \"Chosen\"\n  when {}\n  cites \"Rule 2.\"\n",
            conjuncts.join(" and ")
        ));
        let compilation = compile(&source, 3);
        let (pathway, _) = compilation.checked().unwrap();
        let prepared = Prepared::new(pathway);
        assert!(matches!(prepared.recommendations[2].why, Why::PerInput(_)));
        let (plans, _) = agree_on(pathway, random_booleans(pathway, 2_000, 0x2545_f491_4f6c_dd1d));
        assert_eq!(plans, 2_000);
    }

    /// A prepared pathway's plans borrow their recommendations from it: every entry of a plan
    /// is a reference to the `Prepared`'s own entry (or to its table of explanations), none a
    /// copy, so making a plan copies a pointer per recommendation. (That memory returns when
    /// the `Prepared` is dropped is tests/prepared_memory.rs, with a counting allocator.)
    #[test]
    fn plans_borrow_their_recommendations_from_the_prepared_pathway() {
        let file = root().join("pathways/spinal-metastases/spinal-metastases.pathway");
        let compilation = crate::compile_file(&file);
        let (pathway, _) = compilation.checked().unwrap();
        let prepared = Prepared::new(pathway);
        let owned_by_prepared = |entry: &Recommendation<'_>| {
            prepared.recommendations.iter().any(|rec| {
                std::ptr::eq(&rec.entry, entry)
                    || matches!(&rec.why, Why::Table { table, .. }
                        if table.iter().any(|t| std::ptr::eq(t, entry)))
            })
        };
        let mut borrowed = 0;
        for values in spread(pathway) {
            let Ok(plan) = prepared.run(&values) else { continue };
            for entry in &plan.recommendations {
                assert!(matches!(entry, Entry::Borrowed(_)), "{} is a copy", entry.id);
                assert!(owned_by_prepared(entry), "{} points elsewhere", entry.id);
                borrowed += 1;
            }
        }
        // Most inputs spread over the whole space break a constraint; the rest make plans.
        assert!(borrowed >= 20, "only {borrowed} recommendations were made");
    }
}
