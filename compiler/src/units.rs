//! The units of numeric facts: a small built-in table of units, each with its dimension and its
//! exact factor to the dimension's base unit, so that a literal written in another unit of the
//! same dimension (`0.1 g/L` against a fact in mg/L) is converted at compile time, exactly.
//!
//! Sits below `sema` (which checks and converts) and the grammar (whose literal units must be
//! spelt as here; a test holds the two together). Conversions use [`Decimal`], never binary
//! floating point: a conversion whose result has no exact decimal (8 kPa in mmHg) is refused.

use cairn_runtime::Decimal;

/// What a unit measures; only units of one dimension compare or convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Mass (base: mg).
    Mass,
    /// Volume (base: ml).
    Volume,
    /// Elapsed time (base: second).
    Time,
    /// Calendar age and durations in months and years (base: month).
    Calendar,
    /// Mass per volume (base: mg/L).
    MassConcentration,
    /// Amount of substance per volume (base: mmol/L).
    SubstanceConcentration,
    /// Pressure (base: Pa).
    Pressure,
    /// Breaths per minute.
    BreathRate,
    /// Beats per minute.
    HeartRate,
    /// Percent.
    Percent,
    /// Temperature in degrees Celsius.
    Temperature,
    /// Length (base: mm).
    Length,
    /// Body mass index, kg/m2.
    BodyMassIndex,
    /// A plain count or score, without a physical unit.
    Count,
}

impl Dimension {
    /// The dimension in words, for messages: "a mass", "a time".
    pub fn describe(self) -> &'static str {
        match self {
            Dimension::Mass => "a mass",
            Dimension::Volume => "a volume",
            Dimension::Time => "a time",
            Dimension::Calendar => "a time in months or years",
            Dimension::MassConcentration => "a mass concentration",
            Dimension::SubstanceConcentration => "a substance concentration",
            Dimension::Pressure => "a pressure",
            Dimension::BreathRate => "a breathing rate",
            Dimension::HeartRate => "a heart rate",
            Dimension::Percent => "a percentage",
            Dimension::Temperature => "a temperature",
            Dimension::Length => "a length",
            Dimension::BodyMassIndex => "a body mass index",
            Dimension::Count => "a count",
        }
    }
}

/// A unit of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// How it is written.
    pub name: &'static str,
    /// What it measures.
    pub dimension: Dimension,
    /// How many base units of its dimension one of it is, as decimal text.
    factor: &'static str,
}

const fn unit(name: &'static str, dimension: Dimension, factor: &'static str) -> Unit {
    Unit { name, dimension, factor }
}

/// Every unit a numeric fact or a literal may carry. Longer spellings first where one is a
/// prefix of another, because the grammar's literal units are listed in this order.
pub const UNITS: &[Unit] = &[
    unit("mcg/L", Dimension::MassConcentration, "0.001"),
    unit("ng/mL", Dimension::MassConcentration, "0.001"),
    unit("mg/dL", Dimension::MassConcentration, "10"),
    unit("mg/L", Dimension::MassConcentration, "1"),
    unit("g/dL", Dimension::MassConcentration, "10000"),
    unit("g/L", Dimension::MassConcentration, "1000"),
    unit("micromol/L", Dimension::SubstanceConcentration, "0.001"),
    unit("umol/L", Dimension::SubstanceConcentration, "0.001"),
    unit("mmol/L", Dimension::SubstanceConcentration, "1"),
    unit("mol/L", Dimension::SubstanceConcentration, "1000"),
    unit("breaths/min", Dimension::BreathRate, "1"),
    unit("beats/min", Dimension::HeartRate, "1"),
    unit("kg/m2", Dimension::BodyMassIndex, "1"),
    unit("mmHg", Dimension::Pressure, "133.322387415"),
    unit("kPa", Dimension::Pressure, "1000"),
    unit("mcg", Dimension::Mass, "0.001"),
    unit("mg", Dimension::Mass, "1"),
    unit("kg", Dimension::Mass, "1000000"),
    unit("g", Dimension::Mass, "1000"),
    unit("ml", Dimension::Volume, "1"),
    unit("mL", Dimension::Volume, "1"),
    unit("dL", Dimension::Volume, "100"),
    unit("L", Dimension::Volume, "1000"),
    unit("l", Dimension::Volume, "1000"),
    unit("seconds", Dimension::Time, "1"),
    unit("second", Dimension::Time, "1"),
    unit("minutes", Dimension::Time, "60"),
    unit("minute", Dimension::Time, "60"),
    unit("hours", Dimension::Time, "3600"),
    unit("hour", Dimension::Time, "3600"),
    unit("days", Dimension::Time, "86400"),
    unit("day", Dimension::Time, "86400"),
    unit("weeks", Dimension::Time, "604800"),
    unit("week", Dimension::Time, "604800"),
    unit("months", Dimension::Calendar, "1"),
    unit("month", Dimension::Calendar, "1"),
    unit("years", Dimension::Calendar, "12"),
    unit("year", Dimension::Calendar, "12"),
    unit("%", Dimension::Percent, "1"),
    unit("percent", Dimension::Percent, "1"),
    unit("celsius", Dimension::Temperature, "1"),
    unit("mm", Dimension::Length, "1"),
    unit("cm", Dimension::Length, "10"),
    unit("m", Dimension::Length, "1000"),
    unit("points", Dimension::Count, "1"),
    unit("count", Dimension::Count, "1"),
];

/// The unit written so, if the table has it.
pub fn lookup(name: &str) -> Option<&'static Unit> {
    UNITS.iter().find(|u| u.name == name)
}

/// Why a value cannot be converted between two units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversionError {
    /// The units measure different things.
    Dimension,
    /// The converted value has no exact decimal (or is too large).
    Inexact,
}

impl Unit {
    /// The factor as a number.
    fn factor(&self) -> Decimal {
        // The table's factors are literals checked by a test.
        Decimal::parse(self.factor).unwrap_or(Decimal::ZERO)
    }

    /// `value` in this unit, converted exactly into `to`.
    pub fn convert(&self, value: Decimal, to: &Unit) -> Result<Decimal, ConversionError> {
        if self.dimension != to.dimension {
            return Err(ConversionError::Dimension);
        }
        if self.factor == to.factor {
            return Ok(value);
        }
        value
            .checked_mul(self.factor())
            .and_then(|base| base.checked_div(to.factor()))
            .ok_or(ConversionError::Inexact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap_or(Decimal::ZERO)
    }

    fn convert(value: &str, from: &str, to: &str) -> Result<Decimal, ConversionError> {
        match (lookup(from), lookup(to)) {
            (Some(from), Some(to)) => from.convert(d(value), to),
            _ => Err(ConversionError::Dimension),
        }
    }

    #[test]
    fn every_factor_is_a_positive_decimal_and_names_are_unique() {
        for (i, unit) in UNITS.iter().enumerate() {
            let factor = Decimal::parse(unit.factor);
            assert!(factor.is_ok_and(|f| f > Decimal::ZERO), "{}", unit.name);
            assert!(UNITS[..i].iter().all(|u| u.name != unit.name), "{} twice", unit.name);
        }
    }

    #[test]
    fn conversions_are_exact_or_refused() {
        assert_eq!(convert("0.1", "g/L", "mg/L"), Ok(d("100")));
        assert_eq!(convert("36", "hours", "days"), Ok(d("1.5")));
        assert_eq!(convert("2", "days", "hours"), Ok(d("48")));
        assert_eq!(convert("6", "months", "years"), Ok(d("0.5")));
        assert_eq!(convert("1", "months", "years"), Err(ConversionError::Inexact));
        assert_eq!(convert("8", "kPa", "mmHg"), Err(ConversionError::Inexact));
        assert_eq!(convert("7", "mmHg", "mmol/L"), Err(ConversionError::Dimension));
        assert_eq!(convert("30", "breaths/min", "beats/min"), Err(ConversionError::Dimension));
    }
}
