//! The symbolic engine behind `cairn analyse`: every fact becomes BDD variables (see
//! `encoding`), every IR expression a binary decision diagram over them, and the consistent
//! space is the validity of every fact's encoding and every constraint. A question such as
//! "can these two recommendations apply together?" is then one conjunction, and its answer
//! comes with a count of inputs and a cube (a partial assignment all of whose completions are
//! answers) to draw a witness from. `analysis::enumerate` is its test oracle.

pub mod encoding;

use biodivine_lib_bdd::{
    Bdd, BddPartialValuation, BddPointer, BddValuation, BddVariable, BddVariableSet, op_function,
};

use super::behaviour::Count;
use cairn_runtime::{Decimal, MAX_SET_VALUES};

use crate::ir::eval::number_holds;
use crate::ir::value::{FactValues, Value};
use crate::ir::{
    ConditionId, Expr, ExprKind, FactType, Numeric, Pathway, RecId, ScoreId, ScoreTerm,
};
use encoding::FactEncoding;

/// The most BDD variables the engine uses; larger pathways are left unanalysed.
pub const MAX_VARIABLES: usize = 4096;

/// The most nodes one diagram may have; an operation whose result would be larger stops the
/// analysis rather than exhaust memory.
pub const MAX_NODES: usize = 1 << 21;

/// Why a pathway is beyond the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Its facts need more than `MAX_VARIABLES` variables.
    Variables(usize),
    /// A set fact has more values than a set can hold.
    SetTooWide(usize),
    /// A diagram grew past `MAX_NODES` nodes.
    Nodes,
}

impl Limit {
    /// Why, in words.
    pub fn describe(self) -> String {
        match self {
            Limit::Variables(n) => format!(
                "its facts need {} boolean variables, more than the {} the analysis handles",
                Count(n as u128),
                Count(MAX_VARIABLES as u128)
            ),
            Limit::SetTooWide(n) => format!(
                "a set fact has {n} possible values, more than the {MAX_SET_VALUES} a set holds"
            ),
            Limit::Nodes => format!(
                "a decision diagram grew past {MAX_NODES} nodes; the conditions are too entangled"
            ),
        }
    }
}

/// A deliberately wrong encoding, to test that witnesses are confirmed by the interpreter.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `fact == value` is encoded as the next value of the enum.
    EnumOffByOne,
}

/// The symbolic space of a pathway's inputs, with the diagrams of its conditions and
/// recommendations built on demand and remembered.
pub struct Space<'p> {
    pathway: &'p Pathway,
    vars: BddVariableSet,
    encodings: Vec<FactEncoding>,
    consistent: Bdd,
    conditions: Vec<Option<Bdd>>,
    recommendations: Vec<Option<Bdd>>,
    /// Each score's reachable values with their inputs, by `ScoreId`, built on demand.
    scores: Vec<Option<Vec<(Decimal, Bdd)>>>,
    #[cfg(test)]
    fault: Option<Fault>,
}

/// A cube: a partial assignment of the variables all of whose completions lie in the set it
/// was drawn from.
#[derive(Debug, Clone)]
pub struct Cube(BddPartialValuation);

impl<'p> Space<'p> {
    /// Encodes the facts and builds the consistent space.
    pub fn new(pathway: &'p Pathway) -> Result<Self, Limit> {
        Self::build(
            pathway,
            #[cfg(test)]
            None,
        )
    }

    /// Like `new`, with a deliberately wrong encoding.
    #[cfg(test)]
    pub fn with_fault(pathway: &'p Pathway, fault: Fault) -> Result<Self, Limit> {
        Self::build(pathway, Some(fault))
    }

    fn build(pathway: &'p Pathway, #[cfg(test)] fault: Option<Fault>) -> Result<Self, Limit> {
        for fact in &pathway.facts {
            if let FactType::Set(e) = fact.ty {
                let n = pathway.enum_(e).variants.len();
                if n > MAX_SET_VALUES {
                    return Err(Limit::SetTooWide(n));
                }
            }
        }
        let total: usize = encoding::widths(pathway).iter().sum();
        let count = u16::try_from(total).ok().filter(|_| total <= MAX_VARIABLES);
        let Some(count) = count else { return Err(Limit::Variables(total)) };
        let vars = BddVariableSet::new_anonymous(count);
        let encodings = encoding::layout(pathway);
        let mut space = Space {
            pathway,
            consistent: vars.mk_true(),
            vars,
            encodings,
            conditions: vec![None; pathway.conditions.len()],
            recommendations: vec![None; pathway.recommendations.len()],
            scores: vec![None; pathway.scores.len()],
            #[cfg(test)]
            fault,
        };
        // Conditions first, each after those it uses, so `expr` finds them memoised and never
        // recurses down a chain of conditions.
        for &id in &pathway.condition_order {
            space.condition(id)?;
        }
        let mut consistent = space.vars.mk_true();
        for encoding in &space.encodings {
            consistent = and(&consistent, &encoding.validity(&space.vars))?;
        }
        for constraint in &pathway.constraints {
            let holds = space.expr(&constraint.expr)?;
            consistent = and(&consistent, &holds)?;
        }
        space.consistent = consistent;
        Ok(space)
    }

    /// The inputs that satisfy every constraint (with every enum code valid).
    pub fn consistent(&self) -> &Bdd {
        &self.consistent
    }

    /// The empty set.
    pub fn none(&self) -> Bdd {
        self.vars.mk_false()
    }

    /// How many inputs a set holds. Every set the analyses count lies inside the consistent
    /// space, so invalid enum codes are never counted.
    pub fn count(&self, set: &Bdd) -> u128 {
        saturating_cardinality(set)
    }

    /// The inputs for which recommendation `id` applies (its `when`, not yet restricted to the
    /// consistent space).
    pub fn recommendation(&mut self, id: RecId) -> Result<Bdd, Limit> {
        if let Some(Some(known)) = self.recommendations.get(id.index()) {
            return Ok(known.clone());
        }
        let pathway = self.pathway;
        let Some(rec) = pathway.recommendations.get(id.index()) else { return Ok(self.none()) };
        let bdd = self.expr(&rec.when)?;
        if let Some(slot) = self.recommendations.get_mut(id.index()) {
            *slot = Some(bdd.clone());
        }
        Ok(bdd)
    }

    fn condition(&mut self, id: ConditionId) -> Result<Bdd, Limit> {
        if let Some(Some(known)) = self.conditions.get(id.index()) {
            return Ok(known.clone());
        }
        let pathway = self.pathway;
        let Some(condition) = pathway.conditions.get(id.index()) else { return Ok(self.none()) };
        // Sema refuses cyclic conditions, so this recursion ends.
        let bdd = self.expr(&condition.expr)?;
        if let Some(slot) = self.conditions.get_mut(id.index()) {
            *slot = Some(bdd.clone());
        }
        Ok(bdd)
    }

    /// The inputs for which an expression is true.
    pub fn expr(&mut self, expr: &Expr) -> Result<Bdd, Limit> {
        Ok(match &expr.node {
            ExprKind::Const(true) => self.vars.mk_true(),
            ExprKind::Const(false) => self.none(),
            ExprKind::Fact(f) => match self.encodings.get(f.index()) {
                Some(FactEncoding::Bool(var)) => self.vars.mk_var(*var),
                _ => self.coded(f.index(), |v| *v == Value::Bool(true))?,
            },
            ExprKind::Known(f) => match self.encodings.get(f.index()) {
                Some(FactEncoding::OptionalSet(_, unknown)) => self.vars.mk_var(*unknown).not(),
                Some(FactEncoding::Coded { .. }) => {
                    self.coded(f.index(), |v| *v != Value::Unknown)?
                }
                _ => self.vars.mk_true(),
            },
            ExprKind::Number(test) => match &test.subject {
                Numeric::Fact(f) => self.coded(f.index(), |v| number_holds(Some(v), test.form))?,
                Numeric::Score(id, terms) => {
                    let sums = self.score(*id, terms)?;
                    let mut any = self.none();
                    for (sum, inputs) in &sums {
                        if test.form.holds(*sum) {
                            any = or(&any, inputs)?;
                        }
                    }
                    any
                }
            },
            ExprKind::Condition(c) => self.condition(*c)?,
            ExprKind::Recommendation(r) => self.recommendation(*r)?,
            ExprKind::EnumIn(f, variants)
                if matches!(self.encodings.get(f.index()), Some(FactEncoding::Coded { .. })) =>
            {
                self.coded(f.index(), |v| matches!(v, Value::Enum(x) if variants.contains(x)))?
            }
            ExprKind::EnumIn(f, variants) => {
                let Some(encoding) = self.encodings.get(f.index()) else { return Ok(self.none()) };
                let mut any = self.none();
                for variant in variants {
                    let code = self.code_of(encoding, variant.index());
                    any = or(&any, &encoding.enum_is(&self.vars, code))?;
                }
                any
            }
            ExprKind::SetContains(f, v) => match self.encodings.get(f.index()) {
                Some(FactEncoding::Set(members) | FactEncoding::OptionalSet(members, _)) => {
                    match members.get(v.index()) {
                        Some(var) => self.vars.mk_var(*var),
                        None => self.none(),
                    }
                }
                _ => self.none(),
            },
            ExprKind::SetEmpty(f) => match self.encodings.get(f.index()) {
                Some(FactEncoding::Set(members)) => {
                    let absent: Vec<_> = members.iter().map(|var| (*var, false)).collect();
                    self.vars.mk_conjunctive_clause(&BddPartialValuation::from_values(&absent))
                }
                Some(FactEncoding::OptionalSet(members, unknown)) => {
                    // An unknown set is not empty: no test of it holds.
                    let absent: Vec<_> = members
                        .iter()
                        .map(|var| (*var, false))
                        .chain([(*unknown, false)])
                        .collect();
                    self.vars.mk_conjunctive_clause(&BddPartialValuation::from_values(&absent))
                }
                _ => self.none(),
            },
            ExprKind::FactsEqual(a, b) => {
                let (Some(left), Some(right)) =
                    (self.encodings.get(a.index()), self.encodings.get(b.index()))
                else {
                    return Ok(self.none());
                };
                if matches!(left, FactEncoding::Coded { .. })
                    || matches!(right, FactEncoding::Coded { .. })
                {
                    // Codes of different tables: every pair of codes with equal values.
                    let (left_values, right_values) = (left.code_values(), right.code_values());
                    let mut equal = self.none();
                    for (i, x) in left_values.iter().enumerate() {
                        for (j, y) in right_values.iter().enumerate() {
                            if x == y {
                                let both = and(
                                    &left.enum_is(&self.vars, i),
                                    &right.enum_is(&self.vars, j),
                                )?;
                                equal = or(&equal, &both)?;
                            }
                        }
                    }
                    return Ok(equal);
                }
                let (left, right) = (left.variables(), right.variables());
                if left.len() != right.len() {
                    return Ok(self.none());
                }
                let mut equal = self.vars.mk_true();
                for (x, y) in left.iter().zip(&right) {
                    let same = self.vars.mk_var(*x).iff(&self.vars.mk_var(*y));
                    equal = and(&equal, &same)?;
                }
                equal
            }
            ExprKind::Not(inner) => self.expr(inner)?.not(),
            ExprKind::And(items) => {
                let mut all = self.vars.mk_true();
                for item in items {
                    let next = self.expr(item)?;
                    all = and(&all, &next)?;
                }
                all
            }
            ExprKind::Or(items) => {
                let mut any = self.none();
                for item in items {
                    let next = self.expr(item)?;
                    any = or(&any, &next)?;
                }
                any
            }
            ExprKind::Implies(a, b) => {
                let (a, b) = (self.expr(a)?, self.expr(b)?);
                limited(&a, &b, op_function::imp)?
            }
            ExprKind::Iff(a, b) => {
                let (a, b) = (self.expr(a)?, self.expr(b)?);
                limited(&a, &b, op_function::iff)?
            }
        })
    }

    /// The inputs whose value of a coded fact passes `test`: the codes of the values that do.
    fn coded(&self, fact: usize, test: impl Fn(&Value) -> bool) -> Result<Bdd, Limit> {
        let Some(encoding) = self.encodings.get(fact) else { return Ok(self.none()) };
        let mut any = self.none();
        for (code, value) in encoding.code_values().iter().enumerate() {
            if test(value) {
                any = or(&any, &encoding.enum_is(&self.vars, code))?;
            }
        }
        Ok(any)
    }

    /// A score's reachable values, each with the inputs that give it: the sum expanded exactly,
    /// one criterion at a time (a criterion that holds adds its weight).
    fn score(&mut self, id: ScoreId, terms: &[ScoreTerm]) -> Result<Vec<(Decimal, Bdd)>, Limit> {
        if let Some(Some(known)) = self.scores.get(id.index()) {
            return Ok(known.clone());
        }
        let mut sums: Vec<(Decimal, Bdd)> = vec![(Decimal::ZERO, self.vars.mk_true())];
        for term in terms {
            let holds = self.expr(&term.expr)?;
            let mut next: Vec<(Decimal, Bdd)> = Vec::new();
            for (sum, inputs) in &sums {
                let added = sum.checked_add(term.weight).unwrap_or(*sum);
                for (value, part) in
                    [(*sum, and_not(inputs, &holds)?), (added, and(inputs, &holds)?)]
                {
                    if part.is_false() {
                        continue;
                    }
                    match next.iter_mut().find(|(v, _)| *v == value) {
                        Some((_, existing)) => *existing = or(existing, &part)?,
                        None => next.push((value, part)),
                    }
                }
            }
            sums = next;
        }
        if let Some(slot) = self.scores.get_mut(id.index()) {
            *slot = Some(sums.clone());
        }
        Ok(sums)
    }

    /// The binary code of an enum value (shifted by one under the test fault).
    fn code_of(&self, encoding: &FactEncoding, index: usize) -> usize {
        #[cfg(test)]
        if self.fault == Some(Fault::EnumOffByOne) {
            if let FactEncoding::Enum { values, .. } = encoding {
                return (index + 1) % (*values).max(1);
            }
        }
        let _ = encoding;
        index
    }

    /// The largest cube of a non-empty set (the path of its diagram with the fewest fixed
    /// variables), so a witness fixes only what matters.
    pub fn cube(&self, set: &Bdd) -> Option<Cube> {
        set.most_free_clause().map(Cube)
    }

    /// The input a cube stands for: its fixed variables, and every free one false (for an enum,
    /// the lowest code the fixed bits allow; for a set, absent).
    pub fn cube_values(&self, cube: &Cube) -> FactValues {
        let mut valuation = BddValuation::all_false(self.vars.num_vars());
        for (var, value) in cube.0.to_values() {
            valuation.set_value(var, value);
        }
        self.encodings.iter().map(|encoding| encoding.decode(&valuation)).collect()
    }

    /// The facts that decide an input's membership of `set`, and how many consistent inputs
    /// share them. Starting from every fact of the input fixed (each value of a set fact on its
    /// own), it frees one fact at a time, in declaration order, while every consistent input
    /// that agrees on the facts still fixed stays in `set`. What remains is a cube that decides
    /// membership, with no fact that can be dropped; each is rendered as a condition in pathway
    /// syntax (`not mri_contraindicated`, `primary_cancer == breast`, `claudication not in
    /// box1_pain_features`).
    pub fn explain(&self, set: &Bdd, values: &FactValues) -> Result<(Vec<String>, u128), Limit> {
        let atoms = self.atoms(values);
        let outside = and_not(&self.consistent, set)?;
        let mut kept = vec![true; atoms.len()];
        for index in 0..atoms.len() {
            kept[index] = false;
            let literals = literals_of(&atoms, &kept);
            if !outside.restrict(&literals).is_false() {
                kept[index] = true;
            }
        }
        let literals = literals_of(&atoms, &kept);
        let shared = self.count(&self.consistent.select(&literals));
        let facts =
            atoms.into_iter().zip(&kept).filter(|(_, k)| **k).map(|(a, _)| a.text).collect();
        Ok((facts, shared))
    }

    /// Every fact of an input as a condition in pathway syntax: the deciding facts when they
    /// cannot be narrowed down.
    pub fn describe(&self, values: &FactValues) -> Vec<String> {
        self.atoms(values).into_iter().map(|atom| atom.text).collect()
    }

    /// The input's value of every fact as atoms: one per boolean or enum fact, one per value of a
    /// set fact.
    fn atoms(&self, values: &FactValues) -> Vec<Atom> {
        let mut atoms = Vec::new();
        for ((fact, encoding), value) in self.pathway.facts.iter().zip(&self.encodings).zip(values)
        {
            let name = &fact.name.node;
            match (encoding, value, fact.ty) {
                (FactEncoding::Bool(var), Value::Bool(b), _) => atoms.push(Atom {
                    literals: vec![(*var, *b)],
                    text: if *b { name.clone() } else { format!("not {name}") },
                }),
                (FactEncoding::Enum { bits, .. }, Value::Enum(v), FactType::Enum(e)) => {
                    let code = v.index();
                    atoms.push(Atom {
                        literals: bits
                            .iter()
                            .enumerate()
                            .map(|(i, var)| (*var, code >> i & 1 == 1))
                            .collect(),
                        text: format!(
                            "{name} == {}",
                            self.pathway
                                .enum_(e)
                                .variants
                                .get(code)
                                .map_or("?", |v| v.node.as_str())
                        ),
                    });
                }
                (FactEncoding::Coded { .. }, value, _) => {
                    let code = encoding.code_values().iter().position(|v| v == value);
                    let Some(code) = code else { continue };
                    let text = match value {
                        Value::Unknown => format!("{name} is unknown"),
                        Value::Bool(true) => name.clone(),
                        Value::Bool(false) => format!("not {name}"),
                        Value::Number(n) => format!("{name} == {n}"),
                        Value::Enum(v) => match fact.ty {
                            FactType::Enum(e) => format!(
                                "{name} == {}",
                                self.pathway
                                    .enum_(e)
                                    .variants
                                    .get(v.index())
                                    .map_or("?", |v| v.node.as_str())
                            ),
                            _ => continue,
                        },
                        Value::Set(_) => continue,
                    };
                    atoms.push(Atom { literals: encoding.code_literals(code), text });
                }
                (FactEncoding::OptionalSet(_, unknown), Value::Unknown, _) => atoms.push(Atom {
                    literals: vec![(*unknown, true)],
                    text: format!("{name} is unknown"),
                }),
                (
                    FactEncoding::Set(members) | FactEncoding::OptionalSet(members, _),
                    Value::Set(set),
                    FactType::Set(e),
                ) => {
                    for (i, var) in members.iter().enumerate() {
                        let present = 1u128.checked_shl(i as u32).is_some_and(|bit| set & bit != 0);
                        let value =
                            self.pathway.enum_(e).variants.get(i).map_or("?", |v| v.node.as_str());
                        let op = if present { "in" } else { "not in" };
                        atoms.push(Atom {
                            literals: vec![(*var, present)],
                            text: format!("{value} {op} {name}"),
                        });
                    }
                    if let FactEncoding::OptionalSet(_, unknown) = encoding {
                        atoms.push(Atom {
                            literals: vec![(*unknown, false)],
                            text: format!("{name} is known"),
                        });
                    }
                }
                _ => {}
            }
        }
        atoms
    }
}

/// One fixed part of an input: the literals that fix it, and how it reads.
struct Atom {
    literals: Vec<(BddVariable, bool)>,
    text: String,
}

/// The literals of the kept atoms.
fn literals_of(atoms: &[Atom], kept: &[bool]) -> Vec<(BddVariable, bool)> {
    atoms
        .iter()
        .zip(kept)
        .filter(|(_, k)| **k)
        .flat_map(|(atom, _)| atom.literals.iter().copied())
        .collect()
}

fn limited(
    a: &Bdd,
    b: &Bdd,
    op: fn(Option<bool>, Option<bool>) -> Option<bool>,
) -> Result<Bdd, Limit> {
    Bdd::binary_op_with_limit(MAX_NODES, a, b, op).ok_or(Limit::Nodes)
}

/// How many valuations of its variables a diagram accepts, saturating at `u128::MAX`: the
/// count `Bdd::exact_cardinality` makes, in `u128` arithmetic instead of big integers (which
/// were most of the time of the overlap analysis on large pathways). A node's count is at most
/// the root's, so a count that saturates on the way saturates at the root as well.
pub fn saturating_cardinality(set: &Bdd) -> u128 {
    if set.is_false() {
        return 0;
    }
    // `times_power_of_two(n, k)`: n * 2^k, saturating.
    let times_power_of_two = |n: u128, k: usize| -> u128 {
        if n == 0 {
            0
        } else if k > n.leading_zeros() as usize {
            u128::MAX
        } else {
            n << k
        }
    };
    let mut counts: Vec<Option<u128>> = vec![None; set.size()];
    let mut stack = vec![set.root_pointer()];
    while let Some(&node) = stack.last() {
        let index = node.to_index();
        if node.is_terminal() {
            if let Some(slot) = counts.get_mut(index) {
                *slot = Some(u128::from(node.is_one()));
            }
            stack.pop();
            continue;
        }
        if counts.get(index).copied().flatten().is_some() {
            stack.pop();
            continue;
        }
        let (low, high) = (set.low_link_of(node), set.high_link_of(node));
        let known = |child: BddPointer| -> Option<u128> {
            if child.is_terminal() {
                Some(u128::from(child.is_one()))
            } else {
                counts.get(child.to_index()).copied().flatten()
            }
        };
        match (known(low), known(high)) {
            (Some(low_count), Some(high_count)) => {
                let var = set.var_of(node).to_index();
                // A child skips the variables between it and this node: each doubles its count.
                let skipped =
                    |child: BddPointer| set.var_of(child).to_index().saturating_sub(var + 1);
                let total = times_power_of_two(low_count, skipped(low))
                    .saturating_add(times_power_of_two(high_count, skipped(high)));
                if let Some(slot) = counts.get_mut(index) {
                    *slot = Some(total);
                }
                stack.pop();
            }
            (low_count, high_count) => {
                if low_count.is_none() {
                    stack.push(low);
                }
                if high_count.is_none() {
                    stack.push(high);
                }
            }
        }
    }
    let root = set.root_pointer();
    let at_root = counts.get(root.to_index()).copied().flatten().unwrap_or(0);
    // The variables above the root are free.
    times_power_of_two(at_root, set.var_of(root).to_index())
}

/// `a and b`, within the node budget.
pub fn and(a: &Bdd, b: &Bdd) -> Result<Bdd, Limit> {
    limited(a, b, op_function::and)
}

/// `a or b`, within the node budget.
pub fn or(a: &Bdd, b: &Bdd) -> Result<Bdd, Limit> {
    limited(a, b, op_function::or)
}

/// `a and not b`, within the node budget.
pub fn and_not(a: &Bdd, b: &Bdd) -> Result<Bdd, Limit> {
    limited(a, b, op_function::and_not)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random diagrams over a few variables and over 200 (counts past `u128`): the saturating
    /// count is the exact count, or `u128::MAX` when the exact count does not fit.
    #[test]
    fn saturating_cardinality_is_the_exact_count_or_saturates() {
        let mut seed: u64 = 0x853c_49e6_748f_ea9b;
        let mut next = move |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        let mut saturated = 0;
        for vars in [1u16, 5, 12, 127, 128, 129, 200] {
            let set = BddVariableSet::new_anonymous(vars);
            let variables = set.variables();
            for _ in 0..60 {
                let mut bdd = if next(2) == 0 { set.mk_true() } else { set.mk_false() };
                for _ in 0..next(12) {
                    let var = variables[next(u64::from(vars)) as usize];
                    let literal = set.mk_literal(var, next(2) == 0);
                    bdd = match next(3) {
                        0 => bdd.and(&literal),
                        1 => bdd.or(&literal),
                        _ => bdd.xor(&literal),
                    };
                }
                let expected = u128::try_from(&bdd.exact_cardinality()).unwrap_or(u128::MAX);
                assert_eq!(saturating_cardinality(&bdd), expected, "{vars} variables: {bdd}");
                if expected == u128::MAX {
                    saturated += 1;
                }
            }
        }
        assert!(saturated > 10, "only {saturated} counts past u128");
    }
}
