//! Which pairs of recommendations might apply together, found without a decision diagram per
//! pair: the overlap analysis (`Analyser::overlaps`) then builds the conjunction of these pairs
//! only. Every pair left out provably has no input in common, so the report is the same as
//! pairing every two recommendations, without the square of their number in BDD operations.
//!
//! Each recommendation's `when` is read for the values it allows of each enum fact (a sound
//! over-approximation: `and` intersects, `or` unites, `fact in {...}` names values, anything else
//! allows every value). Two recommendations whose allowed values of some enum fact are disjoint
//! cannot apply together. The recommendations are bucketed by the values of the fact that splits
//! them best, recursively, so that the pairs tested are the pairs within a bucket, not every pair.

use crate::ir::{Expr, ExprKind, FactType, Pathway};

/// The most values an enum fact may have to narrow candidates: a `u128` mask of them, the
/// size of a set.
const MAX_VALUES: usize = cairn_runtime::MAX_SET_VALUES;

/// The most enum facts read for masks (each recommendation keeps one mask per fact).
const MAX_FACTS: usize = 64;

/// Groups this small are paired directly rather than split further.
const SMALL_GROUP: usize = 16;

/// The values of each narrowing enum fact that a recommendation's `when` allows.
pub(super) struct Masks {
    /// By recommendation, by narrowing fact: the bit of each value its `when` allows.
    by_rec: Vec<Vec<u128>>,
}

impl Masks {
    /// Reads every recommendation's `when` (conditions once each, in dependency order).
    pub(super) fn of(pathway: &Pathway) -> Self {
        // The enum facts that an `in` or `==` of some condition or recommendation reads, up to
        // MAX_FACTS in declaration order: the others never narrow anything.
        let mut read = vec![false; pathway.facts.len()];
        let exprs = pathway
            .conditions
            .iter()
            .map(|c| &c.expr)
            .chain(pathway.recommendations.iter().map(|r| &r.when));
        for expr in exprs {
            expr.node.visit(&mut |e| {
                if let ExprKind::EnumIn(f, _) = e {
                    if let Some(slot) = read.get_mut(f.index()) {
                        *slot = true;
                    }
                }
            });
        }
        // By fact index: its slot among the narrowing facts and its full mask.
        let mut slots: Vec<Option<(usize, u128)>> = vec![None; pathway.facts.len()];
        let mut full = Vec::new();
        for (index, fact) in pathway.facts.iter().enumerate() {
            let FactType::Enum(e) = fact.ty else { continue };
            let values = pathway.enum_(e).variants.len();
            if !read.get(index).copied().unwrap_or(false)
                || values > MAX_VALUES
                || full.len() == MAX_FACTS
            {
                continue;
            }
            let mask = if values == MAX_VALUES { u128::MAX } else { (1u128 << values) - 1 };
            if let Some(slot) = slots.get_mut(index) {
                *slot = Some((full.len(), mask));
            }
            full.push(mask);
        }
        let reader = Reader { slots, full };
        let mut conditions: Vec<Vec<u128>> = vec![reader.full.clone(); pathway.conditions.len()];
        for &id in &pathway.condition_order {
            if let Some(condition) = pathway.conditions.get(id.index()) {
                let masks = reader.allowed(&condition.expr, &conditions);
                if let Some(slot) = conditions.get_mut(id.index()) {
                    *slot = masks;
                }
            }
        }
        let by_rec =
            pathway.recommendations.iter().map(|r| reader.allowed(&r.when, &conditions)).collect();
        Masks { by_rec }
    }

    /// The pairs `(i, j)`, `i < j`, of the recommendations in `live` (ascending) whose allowed
    /// values meet for every narrowing fact, sorted; `None` as soon as there are more than
    /// `limit`.
    pub(super) fn candidate_pairs(
        &self,
        live: &[usize],
        limit: usize,
    ) -> Option<Vec<(usize, usize)>> {
        let facts = self.by_rec.first().map_or(0, Vec::len);
        let mut search = Search {
            masks: self,
            used: vec![false; facts],
            path: Vec::new(),
            out: Vec::new(),
            limit,
            deepest: 0,
        };
        if !search.bucket(live.to_vec()) {
            return None;
        }
        let mut pairs = search.out;
        pairs.sort_unstable();
        Some(pairs)
    }

    fn mask(&self, rec: usize, fact: usize) -> u128 {
        self.by_rec.get(rec).and_then(|m| m.get(fact)).copied().unwrap_or(u128::MAX)
    }

    /// Whether the two recommendations' allowed values meet for every narrowing fact.
    fn meet(&self, a: usize, b: usize) -> bool {
        match (self.by_rec.get(a), self.by_rec.get(b)) {
            (Some(a), Some(b)) => a.iter().zip(b).all(|(x, y)| x & y != 0),
            _ => true,
        }
    }
}

/// Reads an expression's allowed values.
struct Reader {
    /// By fact index: its slot and full mask, for the narrowing facts.
    slots: Vec<Option<(usize, u128)>>,
    /// By slot: every value.
    full: Vec<u128>,
}

impl Reader {
    /// The values of each narrowing fact that some input satisfying `expr` can have (a superset:
    /// never less than the truth).
    fn allowed(&self, expr: &Expr, conditions: &[Vec<u128>]) -> Vec<u128> {
        match &expr.node {
            ExprKind::Const(false) => vec![0; self.full.len()],
            ExprKind::Condition(c) => {
                conditions.get(c.index()).cloned().unwrap_or_else(|| self.full.clone())
            }
            ExprKind::EnumIn(f, variants) => {
                let mut masks = self.full.clone();
                if let Some(Some((slot, _))) = self.slots.get(f.index()) {
                    if let Some(mask) = masks.get_mut(*slot) {
                        *mask = variants.iter().fold(0, |m, v| m | bit(v.index()));
                    }
                }
                masks
            }
            ExprKind::Not(inner) => {
                let mut masks = self.full.clone();
                // `not (fact in {...})` allows the other values; any other negation, all.
                if let ExprKind::EnumIn(f, variants) = &inner.node {
                    if let Some(Some((slot, full))) = self.slots.get(f.index()) {
                        if let Some(mask) = masks.get_mut(*slot) {
                            *mask = full & !variants.iter().fold(0, |m, v| m | bit(v.index()));
                        }
                    }
                }
                masks
            }
            ExprKind::And(items) => {
                let mut masks = self.full.clone();
                for item in items {
                    for (m, x) in masks.iter_mut().zip(self.allowed(item, conditions)) {
                        *m &= x;
                    }
                }
                masks
            }
            ExprKind::Or(items) => {
                let mut masks = vec![0; self.full.len()];
                for item in items {
                    for (m, x) in masks.iter_mut().zip(self.allowed(item, conditions)) {
                        *m |= x;
                    }
                }
                masks
            }
            _ => self.full.clone(),
        }
    }
}

/// The bit of value `index` (none past MAX_VALUES, which no narrowing fact reaches).
fn bit(index: usize) -> u128 {
    1u128.checked_shl(index as u32).unwrap_or(0)
}

/// The recursive bucketing.
struct Search<'m> {
    masks: &'m Masks,
    /// The facts already split on, along the current path.
    used: Vec<bool>,
    /// The (fact, value) buckets of the current path.
    path: Vec<(usize, u32)>,
    out: Vec<(usize, usize)>,
    limit: usize,
    /// The most facts split on along a path (tests check the recursion).
    deepest: usize,
}

impl Search<'_> {
    /// Adds the candidate pairs of `group` (ascending); false past the limit.
    fn bucket(&mut self, group: Vec<usize>) -> bool {
        if group.len() < 2 {
            return true;
        }
        if group.len() > SMALL_GROUP {
            if let Some((fact, counts)) = self.best_fact(&group) {
                if let Some(used) = self.used.get_mut(fact) {
                    *used = true;
                }
                let mut within = true;
                for (value, count) in counts.iter().enumerate() {
                    if *count < 2 {
                        continue;
                    }
                    let bucket: Vec<usize> = group
                        .iter()
                        .copied()
                        .filter(|&r| self.masks.mask(r, fact) & bit(value) != 0)
                        .collect();
                    self.path.push((fact, value as u32));
                    within = self.bucket(bucket);
                    self.path.pop();
                    if !within {
                        break;
                    }
                }
                if let Some(used) = self.used.get_mut(fact) {
                    *used = false;
                }
                return within;
            }
        }
        self.deepest = self.deepest.max(self.path.len());
        for (k, &a) in group.iter().enumerate() {
            for &b in group.iter().skip(k + 1) {
                // A pair sits in the bucket of every value both allow; it is kept in the
                // lowest only, so it is listed once.
                let lowest = self.path.iter().all(|&(fact, value)| {
                    let both = self.masks.mask(a, fact) & self.masks.mask(b, fact);
                    both.trailing_zeros() == value
                });
                if lowest && self.masks.meet(a, b) {
                    self.out.push((a, b));
                    if self.out.len() > self.limit {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// The unused fact whose buckets hold the fewest pairs, with each value's bucket size, when
    /// splitting on it at least halves the pairs to test.
    fn best_fact(&self, group: &[usize]) -> Option<(usize, Vec<usize>)> {
        let pairs = |n: usize| n * n.saturating_sub(1) / 2;
        let mut best: Option<(usize, usize, Vec<usize>)> = None;
        for (fact, used) in self.used.iter().enumerate() {
            if *used {
                continue;
            }
            let mut counts = vec![0usize; MAX_VALUES];
            for &r in group {
                let mut mask = self.masks.mask(r, fact);
                while mask != 0 {
                    if let Some(count) = counts.get_mut(mask.trailing_zeros() as usize) {
                        *count += 1;
                    }
                    mask &= mask - 1;
                }
            }
            let cost: usize = counts.iter().map(|&c| pairs(c)).sum();
            if best.as_ref().is_none_or(|(_, top, _)| cost < *top) {
                best = Some((fact, cost, counts));
            }
        }
        best.filter(|(_, cost, _)| cost * 2 <= pairs(group.len()))
            .map(|(fact, _, counts)| (fact, counts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masks(source: &str) -> (crate::Compilation, Vec<(usize, usize)>) {
        let compilation = crate::compile_source("tests/candidates.pathway", source, "A.\n");
        let pathway = compilation.pathway.as_ref().unwrap();
        let masks = Masks::of(pathway);
        let live: Vec<usize> = (0..pathway.recommendations.len()).collect();
        let pairs = masks.candidate_pairs(&live, usize::MAX).unwrap();
        (compilation, pairs)
    }

    #[test]
    fn pairs_whose_enum_values_are_disjoint_are_left_out() {
        let (_, pairs) = masks(
            r#"pathway p { title "P" guideline "g.txt" }
enum k { x, y, z }
fact kind: k "Kind"
fact urgent: bool "Urgent"
condition xy: kind in {x, y}
recommend a: do "A" when kind == x
recommend b: do "B" when kind == y and urgent
recommend c: do "C" when xy
recommend d: do "D" when not (kind in {x, y})
recommend e: do "E" when urgent
recommend f: do "F" when kind == z or kind == y
"#,
        );
        // a-b disjoint; d (z only) meets only e and f; b meets c, e, f.
        let expected =
            [(0, 2), (0, 4), (1, 2), (1, 4), (1, 5), (2, 4), (2, 5), (3, 4), (3, 5), (4, 5)];
        assert_eq!(pairs, expected);
    }

    #[test]
    fn bucketing_lists_every_meeting_pair_once_and_stops_at_the_limit() {
        // 200 recommendations over two enums: each allows one stage and one grade, or (every
        // tenth) every grade, so the buckets of grades share members and are split twice.
        let mut source = String::from(
            "pathway p { title \"P\" guideline \"g.txt\" }\nenum s { s0, s1, s2, s3 }\nenum g { g0, g1, g2, g3, g4, g5 }\nfact st: s \"S\"\nfact gr: g \"G\"\n",
        );
        let n = 200;
        for i in 0..n {
            let grades = if i % 10 == 0 {
                "gr in { g0, g1, g2, g3, g4, g5 }".to_string()
            } else {
                format!("gr == g{}", i % 6)
            };
            source.push_str(&format!(
                "recommend r{i}: do \"R{i}\" when st == s{} and {grades}\n",
                i % 4
            ));
        }
        let compilation = crate::compile_source("tests/candidates.pathway", &source, "A.\n");
        let pathway = compilation.pathway.as_ref().unwrap();
        let masks = Masks::of(pathway);
        let live: Vec<usize> = (0..n).collect();
        let brute: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .filter(|&(a, b)| masks.meet(a, b))
            .collect();
        assert!(brute.len() > 100 && brute.len() < n * (n - 1) / 8, "{}", brute.len());
        let mut search = Search {
            masks: &masks,
            used: vec![false; 2],
            path: Vec::new(),
            out: Vec::new(),
            limit: usize::MAX,
            deepest: 0,
        };
        assert!(search.bucket(live.clone()));
        assert_eq!(search.deepest, 2, "split on both facts");
        assert_eq!(search.out.len(), brute.len());
        assert_eq!(masks.candidate_pairs(&live, usize::MAX).unwrap(), brute);
        assert_eq!(masks.candidate_pairs(&live, brute.len() - 1), None);
        assert_eq!(masks.candidate_pairs(&live, brute.len()).map(|p| p.len()), Some(brute.len()));
    }
}
