//! A pathway's expressions compiled into one straight-line program of boolean registers, for
//! the prepared interpreter ([`super::Prepared`]).
//!
//! Walking expression trees costs a call and a branch per node and repeats shared tests (a
//! `main_branch and ...` in every recommendation). Here every test of the facts and every
//! `and`/`or`/`iff` node becomes one step that writes one register, a bit of a few 64-bit
//! words; equal steps are shared, and `not` and `implies` cost nothing: an [`Operand`] is a
//! register read, negated or not. Evaluating runs every test of the facts, then every gate in
//! the order it was built (after the gates it reads). A gate's operands are grouped by word
//! into masks, so an `and` of operands in one word is one mask comparison, without a branch
//! per operand.
//!
//! The program computes what [`crate::ir::eval::Evaluator::eval`] computes for the same IR expressions,
//! without short-circuits: every step runs, which is safe because evaluation has no effects
//! and cannot fail.

use std::collections::HashMap;

use cairn_runtime::{Decimal, MAX_SET_VALUES};

use crate::ir::eval::number_holds;
use crate::ir::value::Value;
use crate::ir::{self, ExprKind, NumForm, Numeric, VariantId};

/// A boolean the program computes: a register, read as it is or negated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operand {
    register: u32,
    negated: bool,
}

impl Operand {
    /// The constant `false`: register 0 always holds it.
    pub const FALSE: Operand = Operand { register: 0, negated: false };
    /// The constant `true`.
    pub const TRUE: Operand = Operand { register: 0, negated: true };

    fn negate(self) -> Operand {
        Operand { negated: !self.negated, ..self }
    }

    /// The operand's value once the program has run into `words`.
    #[inline]
    pub fn read(self, words: &[u64]) -> bool {
        let word = words.get(self.register as usize / 64).copied().unwrap_or(0);
        (word >> (self.register % 64) & 1 == 1) != self.negated
    }

    /// The operand as a term of one bit.
    fn term(self) -> Term {
        let bit = 1 << (self.register % 64);
        Term { word: self.register / 64, mask: bit, flip: if self.negated { bit } else { 0 } }
    }
}

/// A test of the facts: the leaves of every expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Test {
    /// Always false (register 0).
    False,
    /// A boolean fact is true.
    Fact(usize),
    /// An enum fact's value is one of the bits of the mask.
    EnumIn(usize, u128),
    /// The same for values past the last a mask holds (`MAX_SET_VALUES`).
    EnumInList(usize, Vec<VariantId>),
    /// A set fact contains the value of the bit.
    SetContains(usize, u128),
    /// A set fact is empty.
    SetEmpty(usize),
    /// Two facts have the same value.
    FactsEqual(usize, usize),
    /// A numeric fact passes a test (boxed: its constants would make every test larger).
    Number(usize, Box<NumForm>),
    /// An optional fact is known.
    Known(usize),
}

impl Test {
    #[inline]
    fn eval(&self, facts: &[Value]) -> bool {
        match self {
            Test::False => false,
            Test::Fact(f) => matches!(facts.get(*f), Some(Value::Bool(true))),
            Test::EnumIn(f, mask) => match facts.get(*f) {
                Some(Value::Enum(v)) => mask.checked_shr(v.0).is_some_and(|m| m & 1 == 1),
                _ => false,
            },
            Test::EnumInList(f, variants) => match facts.get(*f) {
                Some(Value::Enum(v)) => variants.contains(v),
                _ => false,
            },
            Test::SetContains(f, bit) => match facts.get(*f) {
                Some(Value::Set(bits)) => bits & bit != 0,
                _ => false,
            },
            Test::SetEmpty(f) => matches!(facts.get(*f), Some(Value::Set(0))),
            Test::FactsEqual(a, b) => facts.get(*a) == facts.get(*b),
            Test::Number(f, form) => number_holds(facts.get(*f), **form),
            Test::Known(f) => !matches!(facts.get(*f), Some(Value::Unknown) | None),
        }
    }
}

/// The operands of a gate that live in one word: the bits of `mask`, those of `flip` negated.
#[derive(Debug, Clone, Copy)]
struct Term {
    word: u32,
    mask: u64,
    flip: u64,
}

impl Term {
    /// The operands, each as read (flipped when negated).
    #[inline]
    fn bits(self, words: &[u64]) -> u64 {
        (words.get(self.word as usize).copied().unwrap_or(0) ^ self.flip) & self.mask
    }
}

/// How a gate combines its operands.
#[derive(Debug, Clone, Copy)]
enum Combine {
    /// All hold.
    All,
    /// Any holds.
    Any,
    /// Its two operands hold together or not at all.
    Same,
    /// A score passes a test: `sums[i]` has its criteria and the test.
    Sum(u32),
}

/// A score's test: the sum of the weights of the operands that hold, tested against constants.
#[derive(Debug)]
struct Sum {
    operands: Vec<(Operand, Decimal)>,
    form: NumForm,
}

/// A gate: its register, how it combines, and its terms `terms[start..end]`.
#[derive(Debug)]
struct Gate {
    register: u32,
    combine: Combine,
    start: u32,
    end: u32,
}

/// The compiled program. Build it with a [`Builder`].
#[derive(Debug)]
pub struct Program {
    /// The tests of the facts, with their registers.
    tests: Vec<(u32, Test)>,
    /// The gates, each after the gates it reads.
    gates: Vec<Gate>,
    terms: Vec<Term>,
    /// The scores' tests, by the index of their `Combine::Sum`.
    sums: Vec<Sum>,
    registers: u32,
}

/// The number of 64-bit words that hold `registers` registers.
pub fn words_for(registers: usize) -> usize {
    registers.div_ceil(64)
}

impl Program {
    /// How many 64-bit words of registers [`Program::run`] writes.
    pub fn words(&self) -> usize {
        words_for(self.registers as usize)
    }

    /// Runs every step on the facts into `words`, which must be [`Program::words`] long and
    /// zero (registers past its end read as false).
    pub fn run(&self, facts: &[Value], words: &mut [u64]) {
        // No branch depends on the facts: with a population's varied facts, a mispredicted
        // branch per step costs more than the step.
        for (register, test) in &self.tests {
            put(words, *register, test.eval(facts));
        }
        for gate in &self.gates {
            let terms = self.terms.get(gate.start as usize..gate.end as usize).unwrap_or_default();
            let value = match gate.combine {
                Combine::All => {
                    terms.iter().fold(true, |all, term| all & (term.bits(words) == term.mask))
                }
                Combine::Any => terms.iter().fold(false, |any, term| any | (term.bits(words) != 0)),
                Combine::Same => match terms {
                    [a, b] => (a.bits(words) != 0) == (b.bits(words) != 0),
                    _ => false,
                },
                Combine::Sum(index) => match self.sums.get(index as usize) {
                    Some(sum) => {
                        let total = sum.operands.iter().fold(Decimal::ZERO, |total, (o, w)| {
                            // Sema checked that the sum of every weight fits.
                            if o.read(words) {
                                total.checked_add(*w).unwrap_or(total)
                            } else {
                                total
                            }
                        });
                        sum.form.holds(total)
                    }
                    None => false,
                },
            };
            put(words, gate.register, value);
        }
    }
}

/// Writes a register's bit (which is zero before).
#[inline]
fn put(words: &mut [u64], register: u32, value: bool) {
    if let Some(word) = words.get_mut(register as usize / 64) {
        *word |= u64::from(value) << (register % 64);
    }
}

/// What makes two steps the same, for sharing them.
#[derive(PartialEq, Eq, Hash)]
enum Key {
    Test(Test),
    All(Vec<Operand>),
    Any(Vec<Operand>),
    Same(Operand, Operand),
    Sum(Vec<(Operand, Decimal)>, NumForm),
}

/// Compiles expressions into one [`Program`], sharing equal steps.
pub struct Builder {
    program: Program,
    known: HashMap<Key, u32>,
    /// The operand of each named condition compiled so far, by condition index.
    conditions: Vec<Option<Operand>>,
}

impl Builder {
    /// A builder for a pathway with this many named conditions.
    pub fn new(conditions: usize) -> Self {
        let mut builder = Builder {
            program: Program {
                tests: Vec::new(),
                gates: Vec::new(),
                terms: Vec::new(),
                sums: Vec::new(),
                registers: 0,
            },
            known: HashMap::new(),
            conditions: vec![None; conditions],
        };
        let zero = builder.test(Test::False);
        debug_assert_eq!(zero, Operand::FALSE);
        builder
    }

    /// Compiles a named condition's expression; later references to it read its operand.
    /// Conditions must be compiled after those they use (the pathway's `condition_order`).
    pub fn condition(&mut self, id: ir::ConditionId, expr: &ir::Expr) {
        let operand = self.expr(expr);
        if let Some(slot) = self.conditions.get_mut(id.index()) {
            *slot = Some(operand);
        }
    }

    /// Compiles an expression into the operand that holds its value.
    pub fn expr(&mut self, expr: &ir::Expr) -> Operand {
        let bit = |v: VariantId| if v.0 < 128 { 1u128 << v.0 } else { 0 };
        match &expr.node {
            ExprKind::Const(value) => {
                if *value {
                    Operand::TRUE
                } else {
                    Operand::FALSE
                }
            }
            ExprKind::Fact(f) => self.test(Test::Fact(f.index())),
            ExprKind::Condition(c) => {
                self.conditions.get(c.index()).copied().flatten().unwrap_or(Operand::FALSE)
            }
            // Sema refuses recommendations outside assertions, which are never evaluated here.
            ExprKind::Recommendation(_) => Operand::FALSE,
            ExprKind::EnumIn(f, variants)
                if variants.iter().all(|v| v.index() < MAX_SET_VALUES) =>
            {
                self.test(Test::EnumIn(
                    f.index(),
                    variants.iter().fold(0, |mask, v| mask | bit(*v)),
                ))
            }
            ExprKind::EnumIn(f, variants) => {
                self.test(Test::EnumInList(f.index(), variants.clone()))
            }
            ExprKind::SetContains(f, v) => self.test(Test::SetContains(f.index(), bit(*v))),
            ExprKind::SetEmpty(f) => self.test(Test::SetEmpty(f.index())),
            ExprKind::FactsEqual(a, b) => self.test(Test::FactsEqual(a.index(), b.index())),
            ExprKind::Known(f) => self.test(Test::Known(f.index())),
            ExprKind::Number(test) => match &test.subject {
                Numeric::Fact(f) => self.test(Test::Number(f.index(), Box::new(test.form))),
                Numeric::Score(_, terms) => {
                    let operands =
                        terms.iter().map(|term| (self.expr(&term.expr), term.weight)).collect();
                    self.step(Key::Sum(operands, test.form))
                }
            },
            ExprKind::Not(inner) => self.expr(inner).negate(),
            ExprKind::And(items) => {
                let operands = items.iter().map(|item| self.expr(item)).collect();
                self.gate(Key::All(operands))
            }
            ExprKind::Or(items) => {
                let operands = items.iter().map(|item| self.expr(item)).collect();
                self.gate(Key::Any(operands))
            }
            ExprKind::Implies(a, b) => {
                let operands = vec![self.expr(a).negate(), self.expr(b)];
                self.gate(Key::Any(operands))
            }
            ExprKind::Iff(a, b) => {
                let (a, b) = (self.expr(a), self.expr(b));
                self.gate(Key::Same(a, b))
            }
        }
    }

    /// The program.
    pub fn finish(self) -> Program {
        self.program
    }

    fn test(&mut self, test: Test) -> Operand {
        self.step(Key::Test(test))
    }

    /// A gate; one of a single operand is that operand.
    fn gate(&mut self, key: Key) -> Operand {
        match &key {
            Key::All(operands) | Key::Any(operands) if operands.len() == 1 => {
                operands.first().copied().unwrap_or(Operand::FALSE)
            }
            _ => self.step(key),
        }
    }

    fn step(&mut self, key: Key) -> Operand {
        if let Some(&register) = self.known.get(&key) {
            return Operand { register, negated: false };
        }
        let program = &mut self.program;
        let register = program.registers;
        program.registers = program.registers.saturating_add(1);
        let start = u32::try_from(program.terms.len()).unwrap_or(u32::MAX);
        let combine = match &key {
            Key::Test(test) => {
                program.tests.push((register, test.clone()));
                None
            }
            Key::All(operands) => {
                program.terms.extend(terms(operands));
                Some(Combine::All)
            }
            Key::Any(operands) => {
                program.terms.extend(terms(operands));
                Some(Combine::Any)
            }
            Key::Same(a, b) => {
                program.terms.extend([a.term(), b.term()]);
                Some(Combine::Same)
            }
            Key::Sum(operands, form) => {
                let index = u32::try_from(program.sums.len()).unwrap_or(u32::MAX);
                program.sums.push(Sum { operands: operands.clone(), form: *form });
                Some(Combine::Sum(index))
            }
        };
        if let Some(combine) = combine {
            let end = u32::try_from(program.terms.len()).unwrap_or(u32::MAX);
            program.gates.push(Gate { register, combine, start, end });
        }
        self.known.insert(key, register);
        Operand { register, negated: false }
    }
}

/// The operands of an `and` or an `or` grouped into terms: one per word, and another when an
/// operand and its negation are both there (they cannot share a mask).
fn terms(operands: &[Operand]) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for operand in operands {
        let one = operand.term();
        let repeated = terms
            .iter()
            .any(|t| t.word == one.word && t.mask & one.mask != 0 && t.flip & one.mask == one.flip);
        if repeated {
            continue;
        }
        match terms.iter_mut().find(|t| t.word == one.word && t.mask & one.mask == 0) {
            Some(term) => {
                term.mask |= one.mask;
                term.flip |= one.flip;
            }
            None => terms.push(one),
        }
    }
    terms
}
