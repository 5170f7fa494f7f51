//! Dose schedules in the semantic stage: checks `dose "drug" route: steps` (the route from a
//! fixed list, each amount a mass, a volume or units, how often and for how many days) and turns
//! it into the runtime's [`DrugDose`], amounts written as canonical decimals.

use std::borrow::Cow;

use cairn_runtime::{DoseStep, DoseUnit, DrugDose, Route, TimeUnit};

use super::error::SemaError;
use super::{Checker, unknown_help};
use crate::syntax::ast;

/// The most administrations a day a step may give.
const MAX_TIMES_PER_DAY: u32 = 24;
/// The most days a step may last (ten years).
const MAX_DAYS: u32 = 3_650;
/// The most characters of an amount, as for the single dose.
const MAX_AMOUNT_CHARS: usize = 12;

impl Checker<'_> {
    /// Checks one drug's schedule; every error is reported, and `None` when there was one.
    pub(super) fn check_dose_schedule(
        &mut self,
        schedule: &ast::DoseScheduleExpr,
    ) -> Option<DrugDose> {
        let route = Route::parse(&schedule.route.node);
        if route.is_none() {
            self.errors.push(SemaError::DoseRoute {
                route: schedule.route.node.clone(),
                help: unknown_help(&schedule.route.node, "route", Route::NAMES),
                at: schedule.route.span.into(),
            });
        }
        let mut steps = Vec::with_capacity(schedule.steps.len());
        let mut failed = false;
        for step in &schedule.steps {
            match self.check_dose_step(&step.node) {
                Some(step) => steps.push(step),
                None => failed = true,
            }
        }
        if failed {
            return None;
        }
        Some(DrugDose {
            drug: Cow::Owned(schedule.drug.node.clone()),
            route: route?,
            steps: Cow::Owned(steps),
        })
    }

    fn check_dose_step(&mut self, step: &ast::DoseStepExpr) -> Option<DoseStep> {
        let unit = DoseUnit::parse(&step.unit.node);
        if unit.is_none() {
            self.errors.push(match TimeUnit::parse(&step.unit.node) {
                // A time where the amount goes is the commonest slip (`5 days` for `500 mg`):
                // name both units, and where a time does belong.
                Some(_) => SemaError::DoseAmountInTime {
                    unit: step.unit.node.clone(),
                    at: step.unit.span.into(),
                },
                None => {
                    SemaError::DoseUnit { unit: step.unit.node.clone(), at: step.unit.span.into() }
                }
            });
        }
        let amount = canonical_decimal(&step.amount.node);
        if amount.is_none() {
            self.errors.push(SemaError::InvalidQuantity {
                text: step.amount.node.clone(),
                what: "dose",
                help: format!(
                    "a dose is a positive number of at most {MAX_AMOUNT_CHARS} characters, such as `500` or `1.2`"
                ),
                at: step.amount.span.into(),
            });
        }
        let times = whole_in(&step.times_per_day.node, MAX_TIMES_PER_DAY);
        if times.is_none() {
            self.errors.push(SemaError::InvalidQuantity {
                text: step.times_per_day.node.clone(),
                what: "number of times a day",
                help: format!("a dose is given from 1 to {MAX_TIMES_PER_DAY} times a day"),
                at: step.times_per_day.span.into(),
            });
        }
        let in_days = matches!(TimeUnit::parse(&step.duration_unit.node), Some(TimeUnit::Days));
        if !in_days {
            self.errors.push(SemaError::DoseDurationUnit {
                unit: step.duration_unit.node.clone(),
                at: step.duration_unit.span.into(),
            });
        }
        let days = whole_in(&step.duration.node, MAX_DAYS);
        if days.is_none() {
            self.errors.push(SemaError::InvalidQuantity {
                text: step.duration.node.clone(),
                what: "number of days",
                help: format!("a step lasts from 1 to {MAX_DAYS} days"),
                at: step.duration.span.into(),
            });
        }
        if !in_days {
            return None;
        }
        Some(DoseStep {
            amount: Cow::Owned(amount?),
            unit: unit?,
            times_per_day: times?,
            days: days?,
        })
    }
}

/// A whole number from 1 to `max`, or `None`.
fn whole_in(text: &str, max: u32) -> Option<u32> {
    text.parse::<u32>().ok().filter(|v| (1..=max).contains(v))
}

/// The decimal as the plan shows it: no leading zeros before the units digit, no trailing zeros
/// after the point (`007.50` is `7.5`, `200.0` is `200`); `None` for zero or more than
/// [`MAX_AMOUNT_CHARS`] characters as written.
pub(super) fn canonical_decimal(text: &str) -> Option<String> {
    if text.len() > MAX_AMOUNT_CHARS || !text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        return None;
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = fraction.trim_end_matches('0');
    Some(if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") })
}

#[cfg(test)]
mod tests {
    use super::canonical_decimal;

    #[test]
    fn decimals_are_written_canonically() {
        for (text, canonical) in
            [("500", "500"), ("007.50", "7.5"), ("200.0", "200"), ("0.5", "0.5"), ("1.20", "1.2")]
        {
            assert_eq!(canonical_decimal(text).as_deref(), Some(canonical), "{text}");
        }
        for bad in ["0", "0.000", "00", "1234567890123"] {
            assert_eq!(canonical_decimal(bad), None, "{bad}");
        }
    }
}
