//! The symbolic engine against its oracle, brute-force enumeration with the interpreter's own
//! evaluator: on the NICE pathway (every one of its 19,464,192 raw inputs) and on random small
//! pathways, both must give the same count for every question `cairn analyse` asks.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fmt::Write as _;
use std::path::Path;

use cairn_compiler::analysis::BehaviourFinding;
use cairn_compiler::analysis::behaviour::behaviour;
use cairn_compiler::analysis::enumerate::enumerate;
use cairn_compiler::ir::eval::Evaluator;
use cairn_compiler::ir::value::{Value, domain_size, nth_value};
use proptest::prelude::*;

use common::{assert_agrees, assert_agrees_with, compile};

#[test]
fn nice_pathway_symbolic_and_enumeration_agree() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../pathways/spinal-metastases/spinal-metastases.pathway");
    let compilation = cairn_compiler::compile_file(&path);
    let pathway = compilation.pathway.as_ref().expect("the NICE pathway checks");
    let report = behaviour(pathway);
    // The raw space is every combination of the 14 facts; the constraints leave fewer than a
    // third of them. Both methods must find the same number.
    assert_eq!(report.raw_inputs.0, 19_464_192);
    assert_eq!(report.consistent_inputs.0, 6_045_696);
    let found = enumerate(pathway, u128::MAX).unwrap();
    assert_eq!(found.raw_inputs, 19_464_192);
    assert_eq!(found.consistent_inputs, 6_045_696);
    // Every recommendation, pair, assertion and scope: the same counts.
    assert_agrees_with(&found, pathway, &report);
    assert!(report.properties.len() >= 10);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

/// One fact of a random pathway.
#[derive(Debug, Clone)]
enum Fact {
    Bool,
    /// An enum fact with this many values (its enum is shared by every fact of that size).
    Enum(usize),
    /// A set fact over an enum with this many values.
    Set(usize),
    /// A whole-number fact (`true`) or a decimal one, in 0 to 10.
    Number(bool),
    /// An optional fact: its tests are offered guarded by `is known`.
    Optional(Box<Fact>),
}

/// A random boolean expression over `leaves` (facts and their tests, conditions,
/// recommendations, as pathway source).
fn expr(leaves: Vec<String>) -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(leaves);
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| format!("not ({e})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} implies {b})")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("({a} iff {b})")),
        ]
    })
}

/// The tests a fact offers as leaves of an expression.
fn fact_leaves(index: usize, fact: &Fact) -> Vec<String> {
    let name = format!("f{index}");
    match fact {
        Fact::Bool => vec![name],
        Fact::Enum(n) => {
            let mut leaves: Vec<String> = (0..*n).map(|v| format!("{name} == k{n}_{v}")).collect();
            if *n >= 2 {
                leaves.push(format!("{name} in {{k{n}_0, k{n}_{}}}", n - 1));
            }
            leaves
        }
        Fact::Set(n) => {
            let mut leaves: Vec<String> = (0..*n).map(|v| format!("k{n}_{v} in {name}")).collect();
            leaves.push(format!("{name} is empty"));
            leaves
        }
        Fact::Number(_) => ["> 3", "<= 5", "== 4", "!= 6", ">= 2.5", "< 10"]
            .iter()
            .map(|test| format!("{name} {test}"))
            .chain([format!("2 < {name} <= 7"), format!("0.5 <= {name} < 4")])
            .collect(),
        Fact::Optional(inner) => {
            let mut leaves: Vec<String> = fact_leaves(index, inner)
                .into_iter()
                .map(|leaf| format!("({name} is known and {leaf})"))
                .collect();
            leaves.push(format!("{name} is unknown"));
            leaves
        }
    }
}

/// The declared type of a fact, as pathway source.
fn fact_type(fact: &Fact) -> String {
    match fact {
        Fact::Bool => "bool".to_string(),
        Fact::Enum(n) => format!("k{n}"),
        Fact::Set(n) => format!("set of k{n}"),
        Fact::Number(true) => "whole points in 0 to 10".to_string(),
        Fact::Number(false) => "decimal mg/L in 0 to 10".to_string(),
        Fact::Optional(inner) => format!("optional {}", fact_type(inner)),
    }
}

/// The enum a fact needs declared, if any.
fn enum_size(fact: &Fact) -> Option<usize> {
    match fact {
        Fact::Enum(n) | Fact::Set(n) => Some(*n),
        Fact::Optional(inner) => enum_size(inner),
        Fact::Bool | Fact::Number(_) => None,
    }
}

/// A random pathway: 1 to 4 facts, up to 2 constraints, up to 2 conditions, 1 to 4
/// recommendations (the first sometimes a "do not" that forbids the second), up to 3 assertions
/// naming recommendations, and up to 1 scope.
fn pathway() -> impl Strategy<Value = String> {
    let plain = prop_oneof![
        Just(Fact::Bool),
        (1usize..=4).prop_map(Fact::Enum),
        (1usize..=3).prop_map(Fact::Set),
        any::<bool>().prop_map(Fact::Number),
    ];
    let fact = prop_oneof![
        4 => plain.clone(),
        1 => plain.prop_map(|f| Fact::Optional(Box::new(f))),
    ];
    prop::collection::vec(fact, 1..=4)
        .prop_flat_map(|facts| {
            let mut leaves: Vec<String> =
                facts.iter().enumerate().flat_map(|(i, f)| fact_leaves(i, f)).collect();
            // Two enum facts of one size can be compared with each other.
            for (i, a) in facts.iter().enumerate() {
                for (j, b) in facts.iter().enumerate().skip(i + 1) {
                    if let (Fact::Enum(m), Fact::Enum(n)) = (a, b) {
                        if m == n {
                            leaves.push(format!("f{i} == f{j}"));
                        }
                    }
                }
            }
            leaves.push("true".to_string());
            // A score over some of the leaves, and tests of it.
            let score = prop::collection::vec(
                (
                    prop::sample::select(vec!["", "2 for ", "1.5 for "]),
                    prop::sample::select(leaves.clone()),
                ),
                1..=3,
            );
            let with_conditions: Vec<String> = leaves
                .iter()
                .cloned()
                .chain(["c0".to_string(), "c1".to_string()])
                .chain(["sc0 >= 2", "sc0 == 0", "1 < sc0 <= 3.5"].map(String::from))
                .collect();
            let constraints = prop::collection::vec(expr(leaves.clone()), 0..=2);
            let c0 = expr(leaves.clone());
            let c1 = expr(leaves.iter().cloned().chain(["c0".to_string()]).collect());
            let whens = prop::collection::vec(expr(with_conditions.clone()), 1..=4);
            let with_recs: Vec<String> =
                with_conditions.iter().cloned().chain((0..4).map(|r| format!("r{r}"))).collect();
            let asserts = prop::collection::vec(expr(with_recs), 0..=3);
            let scopes = prop::collection::vec(expr(with_conditions), 0..=1);
            (Just(facts), constraints, c0, c1, whens, asserts, scopes, (any::<bool>(), score))
        })
        .prop_map(|(facts, constraints, c0, c1, whens, asserts, scopes, (forbid, score))| {
            let mut source =
                String::from("pathway random { title \"Random\" guideline \"g.txt\" }\n");
            let mut sizes: Vec<usize> = facts.iter().filter_map(enum_size).collect();
            sizes.sort();
            sizes.dedup();
            for n in sizes {
                let values: Vec<String> = (0..n).map(|v| format!("k{n}_{v}")).collect();
                let _ = writeln!(source, "enum k{n} {{ {} }}", values.join(", "));
            }
            for (i, fact) in facts.iter().enumerate() {
                let _ = writeln!(source, "fact f{i}: {}", fact_type(fact));
            }
            let terms: Vec<String> = score.iter().map(|(w, leaf)| format!("{w}{leaf}")).collect();
            let _ = writeln!(source, "score sc0: {}", terms.join(", "));
            for (i, c) in constraints.iter().enumerate() {
                let _ = writeln!(source, "constraint q{i}: {c}");
            }
            let _ = writeln!(source, "condition c0: {c0}\ncondition c1: {c1}");
            let count = whens.len();
            for (i, when) in whens.iter().enumerate() {
                if i == 0 && forbid && count > 1 {
                    let _ =
                        writeln!(source, "recommend r0: do not \"Do not\" forbids r1 when {when}");
                } else {
                    let _ = writeln!(source, "recommend r{i}: do \"Do {i}\" when {when}");
                }
            }
            // Assertions may only name recommendations that exist.
            for (i, assert) in asserts.iter().enumerate() {
                let mut text = assert.clone();
                for r in count..4 {
                    text = text.replace(&format!("r{r}"), "true");
                }
                let _ = writeln!(source, "assert a{i}: {text}");
            }
            for (i, scope) in scopes.iter().enumerate() {
                let _ = writeln!(source, "scope s{i}: {scope}");
            }
            source
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_pathways_symbolic_and_enumeration_agree(source in pathway()) {
        let compilation = compile("random", &source);
        let pathway = compilation.pathway.as_ref();
        prop_assert!(pathway.is_some(), "{source}\n{:?}", compilation.diagnostics);
        let report = &compilation.analysis.as_ref().unwrap().behaviour;
        assert_agrees(pathway.unwrap(), report);
        // Every witness was confirmed by the interpreter.
        let unconfirmed = report
            .findings
            .iter()
            .filter(|f| matches!(f, BehaviourFinding::UnconfirmedWitness { .. }))
            .count();
        prop_assert_eq!(unconfirmed, 0, "{}", source);
    }
}

/// A pathway of 60 to 90 recommendations over two enum facts and two booleans: most `when`s
/// pin a value of each enum, a few one of them, a few neither, so that the overlap analysis
/// buckets them by the enum values they allow (twice), rather than pairing them all.
fn many_recommendations() -> impl Strategy<Value = String> {
    let facts = [Fact::Enum(6), Fact::Enum(3), Fact::Bool, Fact::Bool];
    let mut leaves: Vec<String> =
        facts.iter().enumerate().flat_map(|(i, f)| fact_leaves(i, f)).collect();
    leaves.push("true".to_string());
    let pins = |fact: usize| prop::sample::select(fact_leaves(fact, &facts[fact]));
    let with_condition: Vec<String> = leaves.iter().cloned().chain(["c0".to_string()]).collect();
    let when = prop_oneof![
        12 => (pins(0), pins(1), expr(with_condition.clone()))
            .prop_map(|(a, b, rest)| format!("{a} and {b} and {rest}")),
        1 => (pins(0), expr(with_condition.clone()))
            .prop_map(|(pin, rest)| format!("{pin} and {rest}")),
        1 => (pins(1), expr(with_condition.clone()))
            .prop_map(|(pin, rest)| format!("{pin} and {rest}")),
        1 => expr(with_condition),
    ];
    (expr(leaves), prop::collection::vec(when, 60..=90)).prop_map(|(c0, whens)| {
        let mut source = String::from(
            "pathway many { title \"Many\" guideline \"g.txt\" }\n\
             enum k3 { k3_0, k3_1, k3_2 }\nenum k6 { k6_0, k6_1, k6_2, k6_3, k6_4, k6_5 }\n\
             fact f0: k6\nfact f1: k3\nfact f2: bool\nfact f3: bool\n",
        );
        let _ = writeln!(source, "condition c0: {c0}");
        for (i, when) in whens.iter().enumerate() {
            let _ = writeln!(source, "recommend r{i}: do \"Do {i}\" when {when}");
        }
        source
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The overlap analysis conjoins only the pairs that might overlap: it must still find
    /// every pair enumeration finds.
    #[test]
    fn many_recommendations_every_overlap_is_found(source in many_recommendations()) {
        let compilation = compile("many", &source);
        let pathway = compilation.pathway.as_ref();
        prop_assert!(pathway.is_some(), "{source}\n{:?}", compilation.diagnostics);
        let report = &compilation.analysis.as_ref().unwrap().behaviour;
        assert_agrees(pathway.unwrap(), report);
    }
}

/// One random numeric test: an operator and a constant, or a range, as pathway source with
/// `x` for the fact.
fn number_test() -> impl Strategy<Value = String> {
    let constant = prop_oneof![
        (0i64..=12).prop_map(|c| c.to_string()),
        (0i64..=120).prop_map(|c| format!("{}.{}", c / 10, c % 10)),
        (0i64..=1200).prop_map(|c| format!("{}.{:02}", c / 100, c % 100)),
    ];
    let op = prop::sample::select(vec!["<", "<=", ">", ">=", "==", "!="]);
    let range_op = prop::sample::select(vec!["<", "<="]);
    prop_oneof![
        (op, constant.clone()).prop_map(|(op, c)| format!("x {op} {c}")),
        (constant.clone(), range_op.clone(), range_op, constant)
            .prop_map(|(a, op1, op2, b)| format!("{a} {op1} x {op2} {b}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The regions decide every test: for every value of a fine grid over the range (every
    /// whole number; every hundredth and thousandth for a decimal), some region's value passes
    /// exactly the same tests. So enumerating one value per region, as the analyses do, misses
    /// no answer.
    #[test]
    fn regions_decide_every_numeric_test(
        whole in any::<bool>(),
        tests in prop::collection::vec(number_test(), 1..=4),
    ) {
        let ty = if whole { "whole points in 0 to 10" } else { "decimal mg/L in 0 to 10" };
        let mut source =
            format!("pathway grid {{ title \"Grid\" guideline \"g.txt\" }}\nfact x: {ty}\n");
        for (i, test) in tests.iter().enumerate() {
            let _ = writeln!(source, "recommend r{i}: do \"Do {i}\" when {test}");
        }
        let compilation = compile("grid", &source);
        let pathway = compilation.pathway.as_ref();
        prop_assert!(pathway.is_some(), "{source}\n{:?}", compilation.diagnostics);
        let pathway = pathway.unwrap();
        let fact = &pathway.facts[0];
        let signature = |value: cairn_runtime::Decimal| -> Vec<bool> {
            let values = vec![Value::Number(value)];
            let mut evaluator = Evaluator::new(pathway, &values);
            pathway.recommendations.iter().map(|r| evaluator.eval(&r.when)).collect()
        };
        let size = domain_size(pathway, fact);
        let by_region: Vec<Vec<bool>> = (0..size)
            .map(|i| match nth_value(pathway, fact, i) {
                Value::Number(v) => signature(v),
                other => panic!("a numeric fact's value is a number, found {other:?}"),
            })
            .collect();
        let step: i128 = if whole { 1000 } else { 1 };
        for thousandths in (0..=10_000i128).step_by(step as usize) {
            let value = cairn_runtime::Decimal::new(thousandths, 3).unwrap();
            let found = signature(value);
            prop_assert!(
                by_region.contains(&found),
                "{source}\nthe value {value} passes {found:?}, which no region does: {by_region:?}"
            );
        }
    }
}
