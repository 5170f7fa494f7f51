//! Doses: an amount with a unit of mass, volume or units, as in "16 mg"; and dose schedules,
//! one per drug, each a route and steps such as "200 mg once a day for 1 day, then 100 mg once
//! a day for 4 days".
//!
//! Part of `cairn-runtime`; a [`crate::Recommendation`] may carry a [`Dose`] and any number of
//! [`DrugDose`]s.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// The unit of a dose: a mass, a volume, or (insulin-style) units.
///
/// Serialised as its canonical symbol ([`DoseUnit::as_str`]); [`DoseUnit::parse`] also accepts
/// the usual spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DoseUnit {
    /// Microgram: `"mcg"` (also `"microgram"`, `"micrograms"`).
    Microgram,
    /// Milligram: `"mg"` (also `"milligram"`, `"milligrams"`).
    Milligram,
    /// Gram: `"g"` (also `"gram"`, `"grams"`).
    Gram,
    /// Kilogram: `"kg"` (also `"kilogram"`, `"kilograms"`).
    Kilogram,
    /// Millilitre: `"ml"` (also `"mL"`, `"millilitre"`, `"millilitres"`).
    Millilitre,
    /// Litre: `"l"` (also `"L"`, `"litre"`, `"litres"`).
    Litre,
    /// Units of activity, as for insulin: `"units"` (also `"unit"`).
    Unit,
}

impl DoseUnit {
    /// Every dose unit, in declaration order.
    pub const ALL: [DoseUnit; 7] = [
        DoseUnit::Microgram,
        DoseUnit::Milligram,
        DoseUnit::Gram,
        DoseUnit::Kilogram,
        DoseUnit::Millilitre,
        DoseUnit::Litre,
        DoseUnit::Unit,
    ];

    /// The canonical symbols of [`DoseUnit::ALL`], in the same order; used in error messages.
    const NAMES: &'static [&'static str] = &["mcg", "mg", "g", "kg", "ml", "l", "units"];

    /// The canonical symbol: `"mcg"`, `"mg"`, `"g"`, `"kg"`, `"ml"`, `"l"` or `"units"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            DoseUnit::Microgram => "mcg",
            DoseUnit::Milligram => "mg",
            DoseUnit::Gram => "g",
            DoseUnit::Kilogram => "kg",
            DoseUnit::Millilitre => "ml",
            DoseUnit::Litre => "l",
            DoseUnit::Unit => "units",
        }
    }

    /// Parses a symbol or name of a unit (case matters: `"mg"`, not `"MG"`); anything else,
    /// including units of time, is `None`.
    #[must_use]
    pub fn parse(text: &str) -> Option<DoseUnit> {
        let unit = match text {
            "mcg" | "microgram" | "micrograms" => DoseUnit::Microgram,
            "mg" | "milligram" | "milligrams" => DoseUnit::Milligram,
            "g" | "gram" | "grams" => DoseUnit::Gram,
            "kg" | "kilogram" | "kilograms" => DoseUnit::Kilogram,
            "ml" | "mL" | "millilitre" | "millilitres" => DoseUnit::Millilitre,
            "l" | "L" | "litre" | "litres" => DoseUnit::Litre,
            "units" | "unit" => DoseUnit::Unit,
            _ => return None,
        };
        Some(unit)
    }
}

impl fmt::Display for DoseUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DoseUnit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DoseUnit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DoseUnitVisitor)
    }
}

/// Reads a [`DoseUnit`] with [`DoseUnit::parse`].
struct DoseUnitVisitor;

impl Visitor<'_> for DoseUnitVisitor {
    type Value = DoseUnit;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dose unit")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DoseUnit, E> {
        DoseUnit::parse(v).ok_or_else(|| E::unknown_variant(v, DoseUnit::NAMES))
    }
}

/// A dose, such as "16 mg (oral, or equivalent parenteral dose)".
///
/// JSON: `{"amount": "16", "unit": "mg", "note": "..."}`, with `note` left out when there is
/// none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Dose {
    /// The amount in decimal, exactly as the pathway wrote it (`"16"`, `"0.5"`); kept as text
    /// so that no float formatting can differ between the interpreter and generated code.
    pub amount: Cow<'static, str>,
    /// The unit of `amount`.
    pub unit: DoseUnit,
    /// A qualification of the dose, e.g. `"oral, or equivalent parenteral dose"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Cow<'static, str>>,
}

impl fmt::Display for Dose {
    /// `16 mg`, or `16 mg (oral, or equivalent parenteral dose)` with a note.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit)?;
        if let Some(note) = &self.note {
            write!(f, " ({note})")?;
        }
        Ok(())
    }
}

/// How a drug is given. Serialised as its lowercase name, which is also the adjective the
/// documents use ("oral amoxicillin").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    /// `"oral"`.
    Oral,
    /// `"intravenous"`.
    Intravenous,
    /// `"intramuscular"`.
    Intramuscular,
    /// `"subcutaneous"`.
    Subcutaneous,
    /// `"inhaled"`.
    Inhaled,
    /// `"topical"`.
    Topical,
    /// `"rectal"`.
    Rectal,
    /// `"sublingual"`.
    Sublingual,
}

impl Route {
    /// Every route, in declaration order.
    pub const ALL: [Route; 8] = [
        Route::Oral,
        Route::Intravenous,
        Route::Intramuscular,
        Route::Subcutaneous,
        Route::Inhaled,
        Route::Topical,
        Route::Rectal,
        Route::Sublingual,
    ];

    /// The names of [`Route::ALL`], in the same order; used in error messages.
    pub const NAMES: &'static [&'static str] = &[
        "oral",
        "intravenous",
        "intramuscular",
        "subcutaneous",
        "inhaled",
        "topical",
        "rectal",
        "sublingual",
    ];

    /// The lowercase name, e.g. `"oral"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Route::Oral => "oral",
            Route::Intravenous => "intravenous",
            Route::Intramuscular => "intramuscular",
            Route::Subcutaneous => "subcutaneous",
            Route::Inhaled => "inhaled",
            Route::Topical => "topical",
            Route::Rectal => "rectal",
            Route::Sublingual => "sublingual",
        }
    }

    /// Parses a name of [`Route::NAMES`]; anything else is `None`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|route| route.as_str() == text)
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Route {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Route {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(RouteVisitor)
    }
}

/// Reads a [`Route`] with [`Route::parse`].
struct RouteVisitor;

impl Visitor<'_> for RouteVisitor {
    type Value = Route;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a route of administration")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Route, E> {
        Route::parse(v).ok_or_else(|| E::unknown_variant(v, Route::NAMES))
    }
}

/// How often a step of a dose schedule is given, in words: "once a day", "twice a day",
/// "three times a day", "four times a day", then "5 times a day".
#[must_use]
pub fn times_a_day(times: u32) -> Cow<'static, str> {
    match times {
        1 => Cow::Borrowed("once a day"),
        2 => Cow::Borrowed("twice a day"),
        3 => Cow::Borrowed("three times a day"),
        4 => Cow::Borrowed("four times a day"),
        n => Cow::Owned(format!("{n} times a day")),
    }
}

/// One step of a dose schedule: an amount given a number of times a day for a number of days.
///
/// JSON: `{"amount": 200, "unit": "mg", "times_per_day": 1, "days": 1}`; the amount is a JSON
/// number written as the pathway's canonical decimal (`1.2`, `500`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DoseStep {
    /// The amount of each administration, as a canonical decimal (no leading zeros, no
    /// trailing zeros after the point: `"500"`, `"1.2"`); kept as text so that no float
    /// arithmetic can differ between engines.
    #[serde(serialize_with = "amount::serialize", deserialize_with = "amount::deserialize")]
    pub amount: Cow<'static, str>,
    /// The unit of `amount`.
    pub unit: DoseUnit,
    /// How many administrations a day.
    pub times_per_day: u32,
    /// For how many days.
    pub days: u32,
}

impl fmt::Display for DoseStep {
    /// `500 mg three times a day for 5 days`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = if self.days == 1 { "day" } else { "days" };
        write!(
            f,
            "{} {} {} for {} {days}",
            self.amount,
            self.unit,
            times_a_day(self.times_per_day),
            self.days
        )
    }
}

/// The schedule of one drug: its name, its route and its steps, given one after the other.
///
/// JSON: `{"drug": "doxycycline", "route": "oral", "steps": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DrugDose {
    /// The drug, as the pathway names it, e.g. `"co-amoxiclav"`.
    pub drug: Cow<'static, str>,
    /// How it is given.
    pub route: Route,
    /// The steps, in the order they are given; never empty in a compiled pathway.
    pub steps: Cow<'static, [DoseStep]>,
}

impl fmt::Display for DrugDose {
    /// `oral doxycycline 200 mg once a day for 1 day, then 100 mg once a day for 4 days`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.route, self.drug)?;
        for (i, step) in self.steps.iter().enumerate() {
            let joint = if i == 0 { " " } else { ", then " };
            write!(f, "{joint}{step}")?;
        }
        Ok(())
    }
}

/// The JSON form of a dose step's amount: a number, read back into the canonical decimal text.
mod amount {
    use std::borrow::Cow;
    use std::fmt;

    use serde::Serializer;
    use serde::de::{self, Deserializer, Visitor};

    /// Writes the decimal text as a JSON number: a whole number as an integer, any other as
    /// the float whose shortest form is that text (every canonical decimal of up to 15
    /// significant digits is one); text that is no number stays a string.
    // `serialize_with` hands over a reference to the field's own type, `Cow`.
    #[allow(clippy::ptr_arg)]
    pub fn serialize<S: Serializer>(
        text: &Cow<'static, str>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if let Ok(whole) = text.parse::<u64>() {
            return serializer.serialize_u64(whole);
        }
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => serializer.serialize_f64(value),
            _ => serializer.serialize_str(text),
        }
    }

    /// Reads a number (or a string) back into decimal text.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Cow<'static, str>, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }

    /// Accepts a whole number, a float (shown in its shortest form) or a string.
    struct AmountVisitor;

    impl Visitor<'_> for AmountVisitor {
        type Value = Cow<'static, str>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a dose amount")
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DoseUnit, Route, times_a_day};

    #[test]
    fn names_follow_all() {
        let names: Vec<&str> = DoseUnit::ALL.iter().map(|u| u.as_str()).collect();
        assert_eq!(names, DoseUnit::NAMES);
        let routes: Vec<&str> = Route::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(routes, Route::NAMES);
    }

    #[test]
    fn frequencies_read_as_words() {
        let words: Vec<_> = (1..=5).map(times_a_day).collect();
        assert_eq!(
            words,
            ["once a day", "twice a day", "three times a day", "four times a day", "5 times a day"]
        );
    }
}
