//! Doses: an amount with a unit of mass, volume or units, as in "16 mg".
//!
//! Part of `cairn-runtime`; a [`crate::Recommendation`] may carry one.

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

#[cfg(test)]
mod tests {
    use super::DoseUnit;

    #[test]
    fn names_follow_all() {
        let names: Vec<&str> = DoseUnit::ALL.iter().map(|u| u.as_str()).collect();
        assert_eq!(names, DoseUnit::NAMES);
    }
}
