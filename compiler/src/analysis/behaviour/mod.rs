//! Analysis: what a pathway does over every input its constraints allow, decided by the
//! symbolic engine (`analysis::symbolic`). One entry point, `behaviour`, gives the report
//! `cairn analyse` prints and the documents use: the number of consistent inputs, whether each
//! assertion holds, how many inputs each recommendation, scope and overlapping pair has, and
//! the findings (`cairn::analysis::*`), each finding about some inputs with a witness the
//! interpreter has confirmed.
//!
//! `cairn check` reports the errors among the findings (a recommendation that never applies, a
//! "do not" applying with what it forbids, a failing assertion, an unconfirmed witness); the
//! warnings (always applies, undeclared overlap, scope gap, vacuous assertion, too complex)
//! are for `cairn analyse`, since on a pathway without declarations every overlap would flood
//! `check`.

mod candidates;
mod findings;
mod witness;

pub use findings::BehaviourFinding;
pub use witness::{Claim, Count, FactsJson, Witness, confirm};

use biodivine_lib_bdd::Bdd;
use serde::Serialize;

use super::symbolic::{self, Limit, Space};
use crate::ir::value::domain_size;
use crate::ir::{AssertId, ExprKind, Pathway, RecId, ScopeId};
use crate::span::Span;

/// What the behavioural analysis found about a pathway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BehaviourReport {
    /// Whether the pathway was analysed (false when beyond the engine's limits; the findings
    /// then say why, and nothing else is known).
    pub analysed: bool,
    /// Every combination of fact values.
    pub raw_inputs: Count,
    /// The combinations that satisfy every constraint.
    pub consistent_inputs: Count,
    /// Each recommendation and how many consistent inputs it applies to, in source order.
    pub recommendations: Vec<RecommendationReach>,
    /// Each assertion and whether it holds, in source order.
    pub properties: Vec<Property>,
    /// Each scope and how well it is covered, in source order.
    pub scopes: Vec<ScopeCoverage>,
    /// Every pair of recommendations that can apply together, in source order of the pair.
    pub overlaps: Vec<PairOverlap>,
    /// The findings, in a fixed order: per recommendation (never, always), forbidden pairs,
    /// undeclared overlaps, scope gaps, assertions.
    #[serde(skip)]
    pub findings: Vec<BehaviourFinding>,
}

/// How many inputs a recommendation applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecommendationReach {
    /// The recommendation's id.
    pub name: String,
    /// How many consistent inputs it applies to.
    pub inputs: Count,
}

/// An assertion and whether it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Property {
    /// Its name.
    pub name: String,
    /// What it says, as written.
    pub description: Option<String>,
    /// The expression, rendered.
    pub expr: String,
    /// Whether every consistent input satisfies it.
    pub holds: bool,
    /// How many consistent inputs break it.
    pub counterexamples: Count,
    /// Whether it is an `implies` whose left side no consistent input satisfies.
    pub vacuous: bool,
}

/// A scope and the inputs inside it that get no recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeCoverage {
    /// Its name.
    pub name: String,
    /// What it covers, as written.
    pub description: Option<String>,
    /// How many consistent inputs are inside it.
    pub inputs: Count,
    /// How many of them get an empty plan.
    pub uncovered: Count,
}

/// Two recommendations that can apply together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairOverlap {
    /// The first, in source order.
    pub first: String,
    /// The second.
    pub second: String,
    /// How many consistent inputs get both.
    pub inputs: Count,
    /// The `together` or `alternatives` declaration that covers the pair, if any.
    pub declared_by: Option<String>,
    /// Whether one of them forbids the other.
    pub forbidden: bool,
}

impl BehaviourReport {
    /// The findings that are errors (those `cairn check` reports).
    pub fn errors(&self) -> impl Iterator<Item = &BehaviourFinding> {
        self.findings.iter().filter(|f| f.is_error())
    }

    /// Whether every assertion holds.
    pub fn all_hold(&self) -> bool {
        self.properties.iter().all(|p| p.holds)
    }
}

/// Analyses the pathway over every consistent input.
pub fn behaviour(pathway: &Pathway) -> BehaviourReport {
    behaviour_within(pathway, MAX_OVERLAP_WORK)
}

/// Like `behaviour`, with another budget for the overlap analysis (tests use a small one).
fn behaviour_within(pathway: &Pathway, overlap_work: usize) -> BehaviourReport {
    let raw = raw_inputs(pathway);
    let result =
        Space::new(pathway).and_then(|mut space| analyse(pathway, &mut space, raw, overlap_work));
    result.unwrap_or_else(|limit| not_analysed(pathway, raw, limit))
}

/// How many combinations of the facts there are, saturating.
fn raw_inputs(pathway: &Pathway) -> u128 {
    pathway
        .facts
        .iter()
        .try_fold(1u128, |acc, f| acc.checked_mul(domain_size(pathway, f)))
        .unwrap_or(u128::MAX)
}

/// Like `behaviour`, on a space the caller built (tests build one with a deliberate fault).
pub fn behaviour_in<'p>(pathway: &'p Pathway, space: &mut Space<'p>) -> BehaviourReport {
    let raw = raw_inputs(pathway);
    analyse(pathway, space, raw, MAX_OVERLAP_WORK)
        .unwrap_or_else(|limit| not_analysed(pathway, raw, limit))
}

fn not_analysed(pathway: &Pathway, raw: u128, limit: Limit) -> BehaviourReport {
    BehaviourReport {
        analysed: false,
        raw_inputs: Count(raw),
        consistent_inputs: Count(0),
        recommendations: Vec::new(),
        properties: Vec::new(),
        scopes: Vec::new(),
        overlaps: Vec::new(),
        findings: vec![BehaviourFinding::TooComplex {
            reason: format!(
                "{}; its assertions, scopes and overlaps are not checked",
                limit.describe()
            ),
            at: pathway.name.span.into(),
        }],
    }
}

/// The state of one analysis: the space, the consistent inputs, and the findings so far.
struct Analyser<'a, 'p> {
    pathway: &'p Pathway,
    space: &'a mut Space<'p>,
    consistent: Bdd,
    total: u128,
    findings: Vec<BehaviourFinding>,
    /// The most work the overlap analysis may spend (see `MAX_OVERLAP_WORK`).
    overlap_work: usize,
}

fn analyse<'p>(
    pathway: &'p Pathway,
    space: &mut Space<'p>,
    raw: u128,
    overlap_work: usize,
) -> Result<BehaviourReport, Limit> {
    let consistent = space.consistent().clone();
    let total = space.count(&consistent);
    let mut analyser =
        Analyser { pathway, space, consistent, total, findings: Vec::new(), overlap_work };
    let applies = analyser.recommendations()?;
    let recommendations = pathway
        .recommendations
        .iter()
        .zip(&applies)
        .map(|(rec, (_, count))| RecommendationReach {
            name: rec.name.node.clone(),
            inputs: Count(*count),
        })
        .collect();
    // With no consistent input, the constraints analysis reports the contradiction, and every
    // question here would have the same empty answer.
    let (overlaps, scopes) = if total == 0 {
        (Vec::new(), Vec::new())
    } else {
        analyser.forbidden(&applies)?;
        let overlaps = analyser.overlaps(&applies)?;
        let scopes = analyser.scopes(&applies)?;
        (overlaps, scopes)
    };
    let properties = analyser.asserts()?;
    Ok(BehaviourReport {
        analysed: true,
        raw_inputs: Count(raw),
        consistent_inputs: Count(total),
        recommendations,
        properties,
        scopes,
        overlaps,
        findings: analyser.findings,
    })
}

/// The most pairs of recommendations whose overlap is decided (those that might apply together,
/// by the enum values their `when` allows; as many as every pair of 1,000 recommendations).
const MAX_OVERLAP_CANDIDATES: usize = 499_500;

/// The most work spent deciding overlaps, as the sum over the pairs decided of the sizes (in
/// nodes) of their two diagrams: a conjunction costs about that much. Pairs are many and their
/// diagrams large when recommendations rest on long chains of conditions (600 recommendations
/// on a chain of 600 conditions took 5 s); past this (about a quarter of a second here), the
/// analysis says so instead. A 64 KiB pathway of that shape now checks in 0.6 s.
const MAX_OVERLAP_WORK: usize = 10_000_000;

/// The most undeclared overlaps reported as findings, each with its witness.
const MAX_OVERLAP_FINDINGS: usize = 50;

impl Analyser<'_, '_> {
    /// Each recommendation's consistent inputs and their count; findings for those that never
    /// or always apply.
    fn recommendations(&mut self) -> Result<Vec<(Bdd, u128)>, Limit> {
        let mut applies = Vec::with_capacity(self.pathway.recommendations.len());
        for (index, rec) in self.pathway.recommendations.iter().enumerate() {
            let when = self.space.recommendation(RecId(index as u32))?;
            let set = symbolic::and(&self.consistent, &when)?;
            let count = self.space.count(&set);
            // `when false` switches a recommendation off on purpose (a language construct the
            // conformance suite exercises); anything else that never holds is a mistake.
            if self.total > 0 && count == 0 && rec.when.node != ExprKind::Const(false) {
                self.findings.push(BehaviourFinding::NeverApplies {
                    name: rec.name.node.clone(),
                    when: self.pathway.render(&rec.when.node),
                    at: rec.name.span.into(),
                });
            } else if self.total > 0
                && count == self.total
                && rec.when.node != ExprKind::Const(true)
                // Counts saturate at u128::MAX (2^298 inputs of the synthetic pathways): equal
                // counts then prove nothing, so ask the sets themselves.
                && (count < u128::MAX || symbolic::and_not(&self.consistent, &set)?.is_false())
            {
                // `when true` says so on purpose; anything else that always holds is suspect.
                self.findings.push(BehaviourFinding::AlwaysApplies {
                    name: rec.name.node.clone(),
                    when: self.pathway.render(&rec.when.node),
                    count: Count(count),
                    at: rec.name.span.into(),
                });
            }
            applies.push((set, count));
        }
        Ok(applies)
    }

    /// Errors for each "do not" recommendation that applies with what it forbids.
    fn forbidden(&mut self, applies: &[(Bdd, u128)]) -> Result<(), Limit> {
        for (index, rec) in self.pathway.recommendations.iter().enumerate() {
            for forbidden in &rec.forbids {
                let (Some((a, _)), Some((b, _))) =
                    (applies.get(index), applies.get(forbidden.node.index()))
                else {
                    continue;
                };
                let both = symbolic::and(a, b)?;
                if both.is_false() {
                    continue;
                }
                let claim = Claim::Together(RecId(index as u32), forbidden.node);
                let other = self.pathway.recommendation(forbidden.node);
                let Some(witness) = self.witness(&both, claim, forbidden.span) else { continue };
                self.findings.push(BehaviourFinding::ForbiddenTogether {
                    rec: rec.name.node.clone(),
                    forbidden: other.name.node.clone(),
                    count: Count(self.space.count(&both)),
                    at: forbidden.span.into(),
                    help: format!(
                        "a \"do not\" and what it forbids must never apply to the same person; make their `when` clauses exclusive\n{}",
                        witness.describe()
                    ),
                    witness: Box::new(witness),
                });
            }
        }
        Ok(())
    }

    /// Every pair that can apply together, with warnings for those no declaration covers.
    fn overlaps(&mut self, applies: &[(Bdd, u128)]) -> Result<Vec<PairOverlap>, Limit> {
        let recs = &self.pathway.recommendations;
        let mut pairs = Vec::new();
        // Only pairs whose `when` clauses allow a common value of every enum fact can overlap;
        // the others are left out without a BDD operation. What remains can still grow with
        // the square of the recommendations (when nothing tells them apart): past a bound, say
        // so and decide everything else rather than spend minutes.
        let live: Vec<usize> =
            applies.iter().enumerate().filter(|(_, (_, n))| *n > 0).map(|(i, _)| i).collect();
        let Some(candidates) =
            candidates::Masks::of(self.pathway).candidate_pairs(&live, MAX_OVERLAP_CANDIDATES)
        else {
            self.findings.push(BehaviourFinding::TooComplex {
                reason: format!(
                    "overlaps between recommendations are not analysed: more than {} pairs of them might apply together (this pathway has {} recommendations)",
                    Count(MAX_OVERLAP_CANDIDATES as u128),
                    Count(recs.len() as u128)
                ),
                at: self.pathway.name.span.into(),
            });
            return Ok(pairs);
        };
        // The declarations naming each recommendation, in declaration order: the first that
        // covers a pair names the first of the pair.
        let mut declarations: Vec<Vec<usize>> = vec![Vec::new(); recs.len()];
        for (d, overlap) in self.pathway.overlaps.iter().enumerate() {
            for rec in overlap.recommendations() {
                if let Some(list) = declarations.get_mut(rec.index()) {
                    if list.last() != Some(&d) {
                        list.push(d);
                    }
                }
            }
        }
        let mut reported = self
            .findings
            .iter()
            .filter(|f| matches!(f, BehaviourFinding::UndeclaredOverlap { .. }))
            .count();
        let mut work: usize = 0;
        for (decided, (i, j)) in candidates.iter().copied().enumerate() {
            let (Some((a, _)), Some((b, _))) = (applies.get(i), applies.get(j)) else { continue };
            work = work.saturating_add(a.size()).saturating_add(b.size());
            if work > self.overlap_work {
                self.findings.push(BehaviourFinding::TooComplex {
                    reason: format!(
                        "overlaps between recommendations are not analysed: their decision diagrams are too large to pair them all ({} of {} pairs that might apply together were decided within the budget of {} nodes)",
                        Count(decided as u128),
                        Count(candidates.len() as u128),
                        Count(self.overlap_work as u128)
                    ),
                    at: self.pathway.name.span.into(),
                });
                // No partial list: a list of some overlaps would read as all of them. The
                // findings already reported stand (each was confirmed with a witness).
                return Ok(Vec::new());
            }
            let both = symbolic::and(a, b)?;
            if both.is_false() {
                continue;
            }
            let (first, second) = (RecId(i as u32), RecId(j as u32));
            let count = self.space.count(&both);
            let declared_by = declarations
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|d| self.pathway.overlaps.get(*d))
                .find(|o| o.declares(first, second))
                .map(|o| o.name.node.clone());
            let forbidden = recs[i].forbids.iter().any(|f| f.node == second)
                || recs[j].forbids.iter().any(|f| f.node == first);
            // Each finding's witness is searched for and run through the interpreter; past
            // a screenful, more findings of the same kind cost time and say nothing new
            // (every pair is still listed in `overlaps`).
            if declared_by.is_none() && !forbidden && reported < MAX_OVERLAP_FINDINGS {
                let claim = Claim::Together(first, second);
                if let Some(witness) = self.witness(&both, claim, recs[i].name.span) {
                    self.findings.push(BehaviourFinding::UndeclaredOverlap {
                            first: recs[i].name.node.clone(),
                            second: recs[j].name.node.clone(),
                            count: Count(count),
                            at: recs[i].name.span.into(),
                            help: format!(
                                "if they are meant to apply together, declare it: `together <name> \"why\": {}, {}` (or `alternatives` when the clinician chooses one); otherwise make their `when` clauses exclusive\n{}",
                                recs[i].name.node,
                                recs[j].name.node,
                                witness.describe()
                            ),
                            witness: Box::new(witness),
                        });
                    reported += 1;
                }
            }
            pairs.push(PairOverlap {
                first: recs[i].name.node.clone(),
                second: recs[j].name.node.clone(),
                inputs: Count(count),
                declared_by,
                forbidden,
            });
        }
        Ok(pairs)
    }

    /// Each scope's coverage, with warnings for inputs inside it with an empty plan.
    fn scopes(&mut self, applies: &[(Bdd, u128)]) -> Result<Vec<ScopeCoverage>, Limit> {
        let mut scopes = Vec::new();
        if self.pathway.scopes.is_empty() {
            return Ok(scopes);
        }
        // The union of every recommendation's inputs, built as a balanced tree: folding one
        // set at a time into a growing union is quadratic in the number of recommendations
        // (about a second at 10,000).
        let mut layer: Vec<Bdd> = applies.iter().map(|(set, _)| set.clone()).collect();
        while layer.len() > 1 {
            let mut next = Vec::with_capacity(layer.len().div_ceil(2));
            for pair in layer.chunks(2) {
                next.push(match pair {
                    [a, b] => symbolic::or(a, b)?,
                    [a] => a.clone(),
                    _ => unreachable!("chunks(2) yields one or two sets"),
                });
            }
            layer = next;
        }
        let any = layer.pop().unwrap_or_else(|| self.space.none());
        for (index, scope) in self.pathway.scopes.iter().enumerate() {
            let expr = self.space.expr(&scope.expr)?;
            let inside = symbolic::and(&self.consistent, &expr)?;
            let gap = symbolic::and_not(&inside, &any)?;
            let uncovered = self.space.count(&gap);
            if uncovered > 0 {
                let claim = Claim::EmptyPlanInScope(ScopeId(index as u32));
                if let Some(witness) = self.witness(&gap, claim, scope.name.span) {
                    self.findings.push(BehaviourFinding::ScopeGap {
                        scope: scope.name.node.clone(),
                        count: Count(uncovered),
                        at: scope.name.span.into(),
                        help: format!(
                            "a person inside `{}` is told nothing: widen a recommendation's `when` or narrow the scope\n{}",
                            self.pathway.render(&scope.expr.node),
                            witness.describe()
                        ),
                        witness: Box::new(witness),
                    });
                }
            }
            scopes.push(ScopeCoverage {
                name: scope.name.node.clone(),
                description: scope.description.clone(),
                inputs: Count(self.space.count(&inside)),
                uncovered: Count(uncovered),
            });
        }
        Ok(scopes)
    }

    /// Each assertion, proven or refuted with a counterexample.
    fn asserts(&mut self) -> Result<Vec<Property>, Limit> {
        let mut properties = Vec::new();
        for (index, assert) in self.pathway.asserts.iter().enumerate() {
            let holds_for = self.space.expr(&assert.expr)?;
            let fails = symbolic::and_not(&self.consistent, &holds_for)?;
            let counterexamples = self.space.count(&fails);
            let mut vacuous = false;
            if counterexamples > 0 {
                let claim = Claim::AssertFails(AssertId(index as u32));
                if let Some(witness) = self.witness(&fails, claim, assert.name.span) {
                    self.findings.push(BehaviourFinding::AssertFails {
                        name: assert.name.node.clone(),
                        count: Count(counterexamples),
                        total: Count(self.total),
                        at: assert.name.span.into(),
                        help: format!(
                            "`{}` is false for these inputs\n{}",
                            self.pathway.render(&assert.expr.node),
                            witness.describe()
                        ),
                        witness: Box::new(witness),
                    });
                }
            } else if let ExprKind::Implies(premise, _) = &assert.expr.node {
                let premise_holds = self.space.expr(premise)?;
                if self.total > 0 && symbolic::and(&self.consistent, &premise_holds)?.is_false() {
                    vacuous = true;
                    self.findings.push(BehaviourFinding::VacuousAssert {
                        name: assert.name.node.clone(),
                        premise: self.pathway.render(&premise.node),
                        at: premise.span.into(),
                    });
                }
            }
            properties.push(Property {
                name: assert.name.node.clone(),
                description: assert.description.clone(),
                expr: self.pathway.render(&assert.expr.node),
                holds: counterexamples == 0,
                counterexamples: Count(counterexamples),
                vacuous,
            });
        }
        Ok(properties)
    }

    /// A witness drawn from `set` and confirmed by the interpreter; when the interpreter
    /// disagrees, an `unconfirmed_witness` error takes the finding's place.
    fn witness(&mut self, set: &Bdd, claim: Claim, at: Span) -> Option<Witness> {
        let cube = self.space.cube(set)?;
        let values = self.space.cube_values(&cube);
        let facts = FactsJson::new(self.pathway, &values);
        match confirm(self.pathway, claim, &facts) {
            Ok(()) => {
                // The explanation only narrows what is shown; a limit hit here loses the
                // deciding facts, not the confirmed finding.
                let (deciding, inputs) = self
                    .space
                    .explain(set, &values)
                    .unwrap_or_else(|_| (self.space.describe(&values), 1));
                Some(Witness { facts, deciding, inputs: Count(inputs) })
            }
            Err(reason) => {
                self.findings.push(BehaviourFinding::UnconfirmedWitness {
                    claim: claim.describe(self.pathway),
                    reason,
                    at: at.into(),
                });
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::symbolic::Fault;
    use crate::analysis::{BehaviourFinding, Finding};
    use crate::driver::{Diagnostic, render_human};

    const SOURCE: &str = r#"// Two recommendations that overlap exactly when `kind == x` and `urgent`.
pathway fault { title "Fault" guideline "guideline.txt" }
enum kind_values { x, y, z }
fact kind: kind_values "The kind"
fact urgent: bool "Urgent"
recommend first: do "First" when kind == x
recommend second: do "Second" when kind == x and urgent
"#;

    fn compile() -> crate::Compilation {
        crate::compile_source("tests/fault.pathway", SOURCE, "A guideline.\n")
    }

    #[test]
    fn a_correct_encoding_reports_the_overlap_with_a_confirmed_witness() {
        let compilation = compile();
        let pathway = compilation.pathway.as_ref().unwrap();
        let report = behaviour(pathway);
        let [BehaviourFinding::UndeclaredOverlap { witness, .. }] = report.findings.as_slice()
        else {
            panic!("expected one overlap, found {:?}", report.findings);
        };
        assert_eq!(witness.deciding, ["kind == x", "urgent"]);
        assert_eq!(witness.inputs, Count(1));
    }

    #[test]
    fn saturated_counts_do_not_make_a_recommendation_always_apply() {
        // 130 booleans: 2^130 inputs, more than a u128 counts, so every count saturates.
        let mut source = String::from("pathway wide { title \"Wide\" guideline \"g.txt\" }\n");
        for f in 0..130 {
            source.push_str(&format!("fact f{f}: bool \"F{f}\"\n"));
        }
        source.push_str("recommend some: do \"Some\" when f0 and f1\n");
        source.push_str("recommend every: do \"Every\" when f0 or not f0\n");
        let compilation = crate::compile_source("tests/wide.pathway", &source, "A.\n");
        let report = behaviour(compilation.pathway.as_ref().unwrap());
        assert_eq!(report.consistent_inputs, Count(u128::MAX));
        let always: Vec<&str> = report
            .findings
            .iter()
            .filter_map(|f| match f {
                BehaviourFinding::AlwaysApplies { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(always, ["every"]);
    }

    /// Why the report says the pathway was too complex, finding by finding.
    fn too_complex_reasons(report: &BehaviourReport) -> Vec<&str> {
        report
            .findings
            .iter()
            .filter_map(|f| match f {
                BehaviourFinding::TooComplex { reason, .. } => Some(reason.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn too_many_pairs_that_might_overlap_are_not_analysed_and_say_so() {
        // 1,001 recommendations that nothing tells apart: 500,500 pairs, past the bound.
        let mut source = String::from(
            "pathway many { title \"Many\" guideline \"g.txt\" }\nfact urgent: bool \"U\"\n",
        );
        for r in 0..1001 {
            source.push_str(&format!("recommend r{r}: do \"R{r}\" when urgent\n"));
        }
        let compilation = crate::compile_source("tests/many.pathway", &source, "A.\n");
        let report = behaviour(compilation.pathway.as_ref().unwrap());
        assert!(report.overlaps.is_empty());
        let reasons = too_complex_reasons(&report);
        assert_eq!(
            reasons,
            [
                "overlaps between recommendations are not analysed: more than 499,500 pairs of them might apply together (this pathway has 1,001 recommendations)"
            ]
        );
    }

    #[test]
    fn overlaps_past_the_work_budget_are_not_analysed_and_say_so() {
        // Recommendations each on the next condition of a chain: the diagrams grow along the
        // chain (600 of them took 5 s to pair before the budget). 40 of them, and a budget of
        // 5,000 nodes, stop the same way.
        let (source, guideline) = crate::test_pathways::chain(40);
        let compilation = crate::compile_source("tests/chain.pathway", &source, &guideline);
        let pathway = compilation.pathway.as_ref().unwrap();
        assert!(!behaviour(pathway).overlaps.is_empty(), "within the default budget");
        let report = behaviour_within(pathway, 5_000);
        assert!(report.analysed);
        assert!(report.overlaps.is_empty());
        let reasons = too_complex_reasons(&report);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with(
                "overlaps between recommendations are not analysed: their decision diagrams are too large to pair them all ("
            ) && reasons[0].ends_with("of 780 pairs that might apply together were decided within the budget of 5,000 nodes)"),
            "{}",
            reasons[0]
        );
    }

    #[test]
    fn a_wrong_encoding_is_caught_by_the_interpreter_and_never_reported_as_a_finding() {
        let compilation = compile();
        let pathway = compilation.pathway.as_ref().unwrap();
        // `kind == x` encoded as `kind == y`: the engine's own answers are self-consistent, so
        // only running its witness through the interpreter can tell it is wrong.
        let mut space = Space::with_fault(pathway, Fault::EnumOffByOne).unwrap();
        let report = behaviour_in(pathway, &mut space);
        assert!(
            !report
                .findings
                .iter()
                .any(|f| matches!(f, BehaviourFinding::UndeclaredOverlap { .. })),
            "a spurious overlap was reported: {:?}",
            report.findings
        );
        let diagnostics: Vec<Diagnostic> = report
            .findings
            .iter()
            .cloned()
            .map(|f| Diagnostic::Analysis(Finding::Behaviour(f)))
            .collect();
        assert!(diagnostics.iter().all(Diagnostic::is_error));
        insta::assert_snapshot!(render_human(&diagnostics, compilation.sources(), 100));
    }
}
