//! Analysis: numeric tests that cannot change their answer within the declared range of what
//! they test (`age > 200` for an age in 0 to 130 is never true; `age >= 0` always is). Decided
//! exactly on the regions of the range (see `ir::value::regions`): a test's answer is constant
//! on each, so one value per region decides.

use std::collections::HashSet;

use cairn_runtime::Decimal;

use super::error::Finding;
use crate::ir::value::regions;
use crate::ir::{Expr, ExprKind, FactType, NumberType, Numeric, Pathway};

/// A warning for every numeric test that holds for no value, or for every value, of the range
/// of the fact or score it tests.
pub fn out_of_range(pathway: &Pathway) -> Vec<Finding> {
    let roots: Vec<&Expr> = pathway.expressions().collect();
    let mut findings = Vec::new();
    // A score's criteria are copied into every test of it: report each test once, by place.
    let mut seen = HashSet::new();
    for root in roots {
        walk(root, &mut |expr| {
            let ExprKind::Number(test) = &expr.node else { return };
            if !seen.insert(expr.span) {
                return;
            }
            let range = match &test.subject {
                Numeric::Fact(f) => match pathway.fact(*f).ty {
                    FactType::Number(n) => n,
                    _ => return,
                },
                Numeric::Score(s, terms) => {
                    let whole = terms.iter().all(|t| t.weight.is_whole());
                    let max = pathway.score(*s).max;
                    NumberType { whole, unit: "points", low: Decimal::ZERO, high: max }
                }
            };
            let values = regions(range, &test.form.constants());
            let holds = values.iter().filter(|v| test.form.holds(**v)).count();
            let verdict = match holds {
                0 => "never true",
                n if n == values.len() => "always true",
                _ => return,
            };
            findings.push(Finding::NumberOutOfRange {
                test: pathway.render(&expr.node),
                verdict,
                subject: pathway.numeric_name(&test.subject).to_string(),
                range: format!("{} to {}", range.low, range.high),
                help: "check the constant against the guideline, or the declared range".to_string(),
                at: expr.span.into(),
            });
        });
    }
    findings
}

/// Calls `f` on every node of an expression, parents first, with its span.
fn walk(expr: &Expr, f: &mut impl FnMut(&Expr)) {
    f(expr);
    match &expr.node {
        ExprKind::Not(inner) => walk(inner, f),
        ExprKind::And(items) | ExprKind::Or(items) => {
            for item in items {
                walk(item, f);
            }
        }
        ExprKind::Implies(a, b) | ExprKind::Iff(a, b) => {
            walk(a, f);
            walk(b, f);
        }
        _ => {}
    }
}
