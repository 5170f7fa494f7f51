//! When a recommendation should be carried out: typed timings and their units.
//!
//! Part of `cairn-runtime`. A [`Timing`] serialises as one string, e.g. `"within 24 hours"`,
//! so that the interpreter and generated engines print the same words.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::{Serialize, Serializer};

/// A unit of time, as used in "within 24 hours".
///
/// Serialised as its plural name (`"hours"`); parsed from the singular or the plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeUnit {
    /// `"minutes"`.
    Minutes,
    /// `"hours"`.
    Hours,
    /// `"days"`.
    Days,
    /// `"weeks"`.
    Weeks,
    /// `"months"`.
    Months,
}

impl TimeUnit {
    /// Every unit, shortest first.
    pub const ALL: [TimeUnit; 5] =
        [TimeUnit::Minutes, TimeUnit::Hours, TimeUnit::Days, TimeUnit::Weeks, TimeUnit::Months];

    /// The plural names of [`TimeUnit::ALL`], in the same order; used in error messages.
    const NAMES: &'static [&'static str] = &["minutes", "hours", "days", "weeks", "months"];

    /// The plural name, e.g. `"weeks"`: the canonical form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
            TimeUnit::Months => "months",
        }
    }

    /// The singular name, e.g. `"week"`.
    #[must_use]
    pub const fn singular(self) -> &'static str {
        match self {
            TimeUnit::Minutes => "minute",
            TimeUnit::Hours => "hour",
            TimeUnit::Days => "day",
            TimeUnit::Weeks => "week",
            TimeUnit::Months => "month",
        }
    }

    /// The name that agrees with `amount`: singular for 1 (`"1 week"`), plural otherwise
    /// (`"24 hours"`, `"0 days"`).
    #[must_use]
    pub const fn for_amount(self, amount: u32) -> &'static str {
        if amount == 1 { self.singular() } else { self.as_str() }
    }

    /// Parses a singular or plural name (`"hour"` or `"hours"`); anything else is `None`.
    #[must_use]
    pub fn parse(text: &str) -> Option<TimeUnit> {
        TimeUnit::ALL.into_iter().find(|unit| unit.as_str() == text || unit.singular() == text)
    }
}

impl fmt::Display for TimeUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TimeUnit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TimeUnit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimeUnitVisitor)
    }
}

/// Reads a [`TimeUnit`] with [`TimeUnit::parse`].
struct TimeUnitVisitor;

impl Visitor<'_> for TimeUnitVisitor {
    type Value = TimeUnit;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a unit of time")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<TimeUnit, E> {
        TimeUnit::parse(v).ok_or_else(|| E::unknown_variant(v, TimeUnit::NAMES))
    }
}

/// When a recommendation should be carried out.
///
/// Serialised, displayed and parsed as one string: `"immediately"`, `"within 24 hours"`,
/// `"within 1 week"` (the unit agrees with the amount), `"within 3 to 5 days"`,
/// `"after 1 week"`, `"after 3 to 5 days"`, `"as soon as possible"`, `"on admission"`,
/// `"from diagnosis onwards"`, `"urgent"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timing {
    /// `"immediately"`.
    Immediately,
    /// `"within <amount> <unit>"`, e.g. `"within 24 hours"`.
    Within {
        /// How many units, e.g. 24.
        amount: u32,
        /// The unit of `amount`.
        unit: TimeUnit,
    },
    /// `"within <from> to <to> <unit>"`, e.g. `"within 3 to 5 days"`: not before `from`, and
    /// at the latest `to` units from now.
    WithinRange {
        /// The start of the window, e.g. 3; less than `to`.
        from: u32,
        /// The end of the window, e.g. 5.
        to: u32,
        /// The unit of both ends.
        unit: TimeUnit,
    },
    /// `"after <amount> <unit>"`, e.g. `"after 1 week"`: once that time has passed.
    After {
        /// How many units, e.g. 1.
        amount: u32,
        /// The unit of `amount`.
        unit: TimeUnit,
    },
    /// `"after <from> to <to> <unit>"`, e.g. `"after 3 to 5 days"`: at some time in that
    /// window, not before.
    AfterRange {
        /// The earliest, e.g. 3; less than `to`.
        from: u32,
        /// The latest, e.g. 5.
        to: u32,
        /// The unit of both ends.
        unit: TimeUnit,
    },
    /// `"as soon as possible"`.
    AsSoonAsPossible,
    /// `"on admission"` (to hospital).
    OnAdmission,
    /// `"from diagnosis onwards"`.
    FromDiagnosisOnwards,
    /// `"urgent"`.
    Urgent,
}

impl Timing {
    /// Parses the string form that [`fmt::Display`] produces.
    ///
    /// The words must be lowercase and separated by single spaces. The amounts of a `within`
    /// or `after` timing are written in decimal digits without leading zeros; the unit may be
    /// singular or plural whatever the amount (`"within 1 weeks"` reads as `within 1 week`).
    /// A range's ends must be in increasing order (`"within 5 to 3 days"` is `None`).
    #[must_use]
    pub fn parse(text: &str) -> Option<Timing> {
        match text {
            "immediately" => Some(Timing::Immediately),
            "as soon as possible" => Some(Timing::AsSoonAsPossible),
            "on admission" => Some(Timing::OnAdmission),
            "from diagnosis onwards" => Some(Timing::FromDiagnosisOnwards),
            "urgent" => Some(Timing::Urgent),
            _ => {
                let (after, rest) = match text.strip_prefix("within ") {
                    Some(rest) => (false, rest),
                    None => (true, text.strip_prefix("after ")?),
                };
                let (amount, rest) = rest.split_once(' ')?;
                let amount = parse_amount(amount)?;
                let timing = match rest.strip_prefix("to ") {
                    Some(rest) => {
                        let (to, unit) = rest.split_once(' ')?;
                        let (to, unit) = (parse_amount(to)?, TimeUnit::parse(unit)?);
                        if amount >= to {
                            return None;
                        }
                        if after {
                            Timing::AfterRange { from: amount, to, unit }
                        } else {
                            Timing::WithinRange { from: amount, to, unit }
                        }
                    }
                    None => {
                        let unit = TimeUnit::parse(rest)?;
                        if after {
                            Timing::After { amount, unit }
                        } else {
                            Timing::Within { amount, unit }
                        }
                    }
                };
                Some(timing)
            }
        }
    }
}

/// Parses a non-negative decimal integer written canonically: digits only, no sign, no
/// leading zero unless the number is `0`, and within `u32`.
fn parse_amount(text: &str) -> Option<u32> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if canonical { text.parse().ok() } else { None }
}

impl fmt::Display for Timing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Timing::Immediately => f.write_str("immediately"),
            Timing::Within { amount, unit } => {
                write!(f, "within {amount} {}", unit.for_amount(amount))
            }
            // A range's unit agrees with its end: "within 1 to 2 weeks", as one says it.
            Timing::WithinRange { from, to, unit } => {
                write!(f, "within {from} to {to} {}", unit.for_amount(to))
            }
            Timing::After { amount, unit } => {
                write!(f, "after {amount} {}", unit.for_amount(amount))
            }
            Timing::AfterRange { from, to, unit } => {
                write!(f, "after {from} to {to} {}", unit.for_amount(to))
            }
            Timing::AsSoonAsPossible => f.write_str("as soon as possible"),
            Timing::OnAdmission => f.write_str("on admission"),
            Timing::FromDiagnosisOnwards => f.write_str("from diagnosis onwards"),
            Timing::Urgent => f.write_str("urgent"),
        }
    }
}

impl Serialize for Timing {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `collect_str` lets serializers such as serde_json write the words straight to their
        // output instead of building a `String` first.
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timing {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimingVisitor)
    }
}

/// Reads a [`Timing`] with [`Timing::parse`].
struct TimingVisitor;

impl Visitor<'_> for TimingVisitor {
    type Value = Timing;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a timing: `immediately`, `within <number> <minutes|hours|days|weeks|months>`, \
             `within <number> to <number> <unit>`, `after <number> <unit>`, \
             `after <number> to <number> <unit>`, `as soon as possible`, `on admission`, \
             `from diagnosis onwards` or `urgent`",
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timing, E> {
        Timing::parse(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::{TimeUnit, Timing, parse_amount};

    #[test]
    fn ranges_and_offsets_read_and_print_as_words() {
        let days = TimeUnit::Days;
        for (text, timing) in [
            ("within 3 to 5 days", Timing::WithinRange { from: 3, to: 5, unit: days }),
            ("after 3 to 5 days", Timing::AfterRange { from: 3, to: 5, unit: days }),
            ("after 1 week", Timing::After { amount: 1, unit: TimeUnit::Weeks }),
            ("after 2 days", Timing::After { amount: 2, unit: days }),
            ("within 0 to 1 day", Timing::WithinRange { from: 0, to: 1, unit: days }),
        ] {
            assert_eq!(Timing::parse(text), Some(timing), "{text}");
            assert_eq!(timing.to_string(), text);
        }
        for bad in
            ["within 5 to 3 days", "after 3 to 3 days", "after 3 to days", "after", "after 1"]
        {
            assert_eq!(Timing::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_follow_all() {
        let names: Vec<&str> = TimeUnit::ALL.iter().map(|u| u.as_str()).collect();
        assert_eq!(names, TimeUnit::NAMES);
    }

    #[test]
    fn amounts_must_be_canonical() {
        assert_eq!(parse_amount("0"), Some(0));
        assert_eq!(parse_amount("24"), Some(24));
        assert_eq!(parse_amount("4294967295"), Some(u32::MAX));
        for bad in ["", "01", "+1", "-1", "1.5", " 1", "4294967296", "١"] {
            assert_eq!(parse_amount(bad), None, "{bad:?}");
        }
    }
}
