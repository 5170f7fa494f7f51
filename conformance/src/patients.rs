//! Seeded random consistent patients for a pathway, shared by the benchmarks
//! (`conformance/benches/`, `conformance/benches-peers/`) and the batch-throughput input
//! generator (`examples/patients.rs`): the same seed gives the same patients on every machine.
//!
//! Each patient is drawn uniformly from the product of the facts' domains with a xorshift
//! generator and kept when it satisfies every constraint, so all of them evaluate to a plan.

use cairn_compiler::ir::Pathway;

use crate::facts;

/// The seed of the benchmarks' patients.
pub const SEED: u64 = 0x5EED_CA12_2026_0001;

/// A xorshift64* generator: tiny, seeded, and the same everywhere (no dependency).
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator from a seed (zero, which xorshift cannot leave, is replaced).
    pub fn new(seed: u64) -> Self {
        XorShift(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `bound` (which must not be zero; zero gives zero).
    pub fn below(&mut self, bound: u128) -> u128 {
        if bound == 0 {
            return 0;
        }
        let wide = (u128::from(self.next_u64()) << 64) | u128::from(self.next_u64());
        wide % bound
    }
}

/// `count` random consistent patients of the pathway as facts JSON (one object on one line
/// each), drawn from `seed`. Returns fewer only if the pathway has no consistent input at all
/// among a million draws.
pub fn consistent_json(pathway: &Pathway, count: usize, seed: u64) -> Vec<String> {
    let domains = facts::domains(pathway);
    let mut random = XorShift::new(seed);
    let mut patients = Vec::with_capacity(count);
    let mut misses = 0u32;
    while patients.len() < count && misses < 1_000_000 {
        let indices: Vec<u128> = domains.iter().map(|size| random.below(*size)).collect();
        if facts::consistent(pathway, &indices) {
            patients.push(facts::to_json(pathway, &indices));
            misses = 0;
        } else {
            misses += 1;
        }
    }
    patients
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_seeded_and_bounded() {
        let mut a = XorShift::new(7);
        let mut b = XorShift::new(7);
        let first: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        assert_eq!(first, (0..4).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert!(first.windows(2).all(|w| w[0] != w[1]));
        assert!((0..1000).all(|_| a.below(11) < 11));
        assert_eq!(a.below(0), 0);
    }
}
