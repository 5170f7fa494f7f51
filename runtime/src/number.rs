//! Exact numbers for numeric facts: [`Decimal`], a decimal held as an integer mantissa and a
//! count of decimal places, and the readers generated engines use for whole-number and decimal
//! facts ([`read_whole`], [`read_decimal`]), which refuse a fraction for a whole number, a number
//! outside the declared range, NaN and infinity.
//!
//! Part of `cairn-runtime`. The compiler uses the same type for the constants of a pathway, so
//! a comparison such as `urea > 7` is decided the same way by the interpreter and by generated
//! code, with no binary floating point at the boundary (`0.1 + 0.2` is `0.3` here).
//!
//! JSON numbers arrive through serde as `u64`, `i64` or `f64`. An `f64` is read back as the
//! shortest decimal that names it, which is the number as written for every number of at most
//! 15 significant digits; a number with more digits may not be what its author wrote, so it is
//! refused rather than silently rounded.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{self, Deserializer, Visitor};

/// The most decimal places a [`Decimal`] holds.
pub const MAX_SCALE: u32 = 18;
/// Every [`Decimal`] is below this in magnitude (10^18).
const LIMIT: i128 = 1_000_000_000_000_000_000;
/// The most significant digits of a number read from an `f64` that are surely as written.
pub const MAX_READ_DIGITS: usize = 15;

/// An exact decimal number: `mantissa / 10^scale`, with at most 18 significant digits (so at
/// most [`MAX_SCALE`] decimal places, and a magnitude below 10^18). Held in 16 bytes, so that
/// a fact's value is no larger than a set's.
///
/// Equal numbers compare and hash equal whatever their written form (`7`, `7.0`, `7.00`);
/// [`fmt::Display`] writes the shortest form (`7`, `0.5`, `-12.25`).
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    /// The digits, with the sign: below 10^18 in magnitude.
    mantissa: i64,
    /// How many of the digits are after the decimal point.
    scale: u32,
}

/// Why text or a number is not a [`Decimal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecimalError {
    /// The text is not a decimal number such as `12`, `-0.5` or `7.25`.
    Syntax,
    /// More than [`MAX_SCALE`] decimal places.
    TooPrecise,
    /// Its magnitude is 10^18 or more.
    TooLarge,
    /// More than 18 significant digits.
    TooLong,
    /// NaN or an infinity.
    NotFinite,
    /// Read from binary floating point with more than [`MAX_READ_DIGITS`] significant digits,
    /// so it may not be the number as written.
    TooManyDigits,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecimalError::Syntax => "not a decimal number",
            DecimalError::TooPrecise => "more than 18 decimal places",
            DecimalError::TooLarge => "a number too large (1e18 or more)",
            DecimalError::TooLong => "more than 18 significant digits",
            DecimalError::NotFinite => "not a finite number",
            DecimalError::TooManyDigits => {
                "a number with more than 15 significant digits, which cannot be read exactly"
            }
        })
    }
}

impl std::error::Error for DecimalError {}

/// 10^n for n <= 36 (which fits an `i128`).
const fn pow10(n: u32) -> i128 {
    let mut value = 1i128;
    let mut i = 0;
    while i < n {
        value *= 10;
        i += 1;
    }
    value
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal { mantissa: 0, scale: 0 };

    /// `mantissa / 10^scale`, or why not.
    pub fn new(mantissa: i128, scale: u32) -> Result<Decimal, DecimalError> {
        let (mut mantissa, mut scale) = (mantissa, scale);
        // Trailing zeros after the point carry no value: drop them so equal numbers are equal.
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        if scale > MAX_SCALE {
            return Err(DecimalError::TooPrecise);
        }
        if mantissa.unsigned_abs() >= (LIMIT as u128).saturating_mul(pow10(scale) as u128) {
            return Err(DecimalError::TooLarge);
        }
        if mantissa.unsigned_abs() >= LIMIT as u128 {
            return Err(DecimalError::TooLong);
        }
        // Below 10^18, so it fits.
        Ok(Decimal { mantissa: mantissa as i64, scale })
    }

    /// The number `mantissa / 10^scale`, for constants that generated code writes (a `const fn`
    /// cannot return an error). Parts out of bounds, which the compiler never writes, give zero.
    #[must_use]
    pub const fn from_parts(mantissa: i128, scale: u32) -> Decimal {
        let (mut mantissa, mut scale) = (mantissa, scale);
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        if scale > MAX_SCALE || mantissa >= LIMIT || mantissa <= -LIMIT {
            return Decimal::ZERO;
        }
        Decimal { mantissa: mantissa as i64, scale }
    }

    /// A whole number from a whole-number fact, for comparing it with a decimal constant.
    /// Facts are range-checked far below 10^18; a larger number saturates to the bound.
    #[must_use]
    pub const fn of(value: i64) -> Decimal {
        let bound = (LIMIT - 1) as i64;
        Decimal {
            mantissa: if value > bound {
                bound
            } else if value < -bound {
                -bound
            } else {
                value
            },
            scale: 0,
        }
    }

    /// The digits with their sign: the number is `mantissa() / 10^scale()`.
    #[must_use]
    pub fn mantissa(self) -> i128 {
        i128::from(self.mantissa)
    }

    /// A whole number.
    pub fn from_whole(value: i64) -> Result<Decimal, DecimalError> {
        Decimal::new(i128::from(value), 0)
    }

    /// Reads text such as `12`, `-0.5` or `7.250` (no exponent, no `+`).
    pub fn parse(text: &str) -> Result<Decimal, DecimalError> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((whole, fraction)) => (whole, fraction),
            None => (digits, ""),
        };
        let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !is_digits(whole)
            || !is_digits(fraction)
            || (digits.contains('.') && fraction.is_empty())
        {
            return Err(DecimalError::Syntax);
        }
        let fraction = fraction.trim_end_matches('0');
        let whole = whole.trim_start_matches('0');
        if fraction.len() > MAX_SCALE as usize {
            return Err(DecimalError::TooPrecise);
        }
        if whole.len() > 18 {
            return Err(DecimalError::TooLarge);
        }
        let mut mantissa = 0i128;
        for b in whole.bytes().chain(fraction.bytes()) {
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        Decimal::new(if negative { -mantissa } else { mantissa }, fraction.len() as u32)
    }

    /// The number an `f64` names, read as its shortest decimal form; refused when not finite or
    /// when that form has more than [`MAX_READ_DIGITS`] significant digits.
    pub fn from_f64(value: f64) -> Result<Decimal, DecimalError> {
        if !value.is_finite() {
            return Err(DecimalError::NotFinite);
        }
        if value.abs() >= 1e18 {
            return Err(DecimalError::TooLarge);
        }
        // `Display` for `f64` writes the shortest text that reads back as the same `f64`, with
        // no exponent.
        let text = value.to_string();
        // Leading and trailing zeros are not significant; every other digit is.
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
        if significant > MAX_READ_DIGITS {
            return Err(DecimalError::TooManyDigits);
        }
        Decimal::parse(&text)
    }

    /// The value at 18 decimal places, which always fits (its magnitude is below 10^36).
    fn aligned(self) -> i128 {
        i128::from(self.mantissa) * pow10(MAX_SCALE - self.scale)
    }

    /// How many decimal places it has, written shortest.
    #[must_use]
    pub fn scale(self) -> u32 {
        self.scale
    }

    /// Whether it is a whole number.
    #[must_use]
    pub fn is_whole(self) -> bool {
        self.scale == 0
    }

    /// The whole number it is, if it is one.
    #[must_use]
    pub fn to_whole(self) -> Option<i64> {
        if self.scale == 0 { Some(self.mantissa) } else { None }
    }

    /// The sum, or `None` when it is 10^18 or more in magnitude.
    #[must_use]
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let sum = self.aligned().checked_add(other.aligned())?;
        Decimal::new(sum, MAX_SCALE).ok()
    }

    /// The difference, or `None` when it is 10^18 or more in magnitude.
    #[must_use]
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        let difference = self.aligned().checked_sub(other.aligned())?;
        Decimal::new(difference, MAX_SCALE).ok()
    }

    /// The exact product, or `None` when it needs more than 18 decimal places or is too large.
    #[must_use]
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let product = i128::from(self.mantissa).checked_mul(i128::from(other.mantissa))?;
        Decimal::new(product, self.scale + other.scale).ok()
    }

    /// The exact quotient, or `None` when it has no exact decimal of 18 places (1 / 3) or is
    /// too large; also `None` for a zero divisor.
    #[must_use]
    pub fn checked_div(self, other: Decimal) -> Option<Decimal> {
        if other.mantissa == 0 {
            return None;
        }
        // self / other = (m1 * 10^(18 + s2 - s1)) / m2 / 10^18, exact when the division is.
        let shift = MAX_SCALE + other.scale;
        let numerator =
            i128::from(self.mantissa).checked_mul(pow10(shift.checked_sub(self.scale)?))?;
        let divisor = i128::from(other.mantissa);
        if numerator % divisor != 0 {
            return None;
        }
        Decimal::new(numerator / divisor, MAX_SCALE).ok()
    }

    /// The smallest step at this many decimal places: 10^-places.
    #[must_use]
    pub fn step(places: u32) -> Decimal {
        Decimal::new(1, places.min(MAX_SCALE)).unwrap_or(Decimal::ZERO)
    }

    /// The smallest whole number at or above it.
    #[must_use]
    pub fn ceil(self) -> Decimal {
        let unit = pow10(self.scale);
        let mantissa = i128::from(self.mantissa);
        let whole = mantissa.div_euclid(unit);
        let up = if mantissa.rem_euclid(unit) == 0 { whole } else { whole + 1 };
        Decimal::new(up, 0).unwrap_or(self)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        // Normalised on construction, so equal numbers have equal parts.
        self.mantissa == other.mantissa && self.scale == other.scale
    }
}

impl Eq for Decimal {}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.mantissa.hash(state);
        self.scale.hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        self.aligned().cmp(&other.aligned())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

impl std::str::FromStr for Decimal {
    type Err = DecimalError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Decimal::parse(text)
    }
}

impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.to_whole() {
            Some(whole) => serializer.serialize_i64(whole),
            // A decimal of at most 15 significant digits reads back as itself; the text is
            // exact, and `f64` parsing of it is correctly rounded.
            None => serializer.serialize_f64(self.to_string().parse::<f64>().unwrap_or(0.0)),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// Reads a JSON number as a [`Decimal`].
struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Decimal::new(i128::from(value), 0).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Decimal::new(i128::from(value), 0).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        Decimal::from_f64(value).map_err(E::custom)
    }
}

/// Checks a number read for a fact against the fact's kind and range; `Err` says why, in the
/// words the interpreter uses too.
pub fn check_number(
    value: Decimal,
    whole: bool,
    low: Decimal,
    high: Decimal,
) -> Result<Decimal, String> {
    if whole && !value.is_whole() {
        return Err(format!("expected a whole number from {low} to {high}, found {value}"));
    }
    if value < low || value > high {
        let kind = if whole { "a whole number" } else { "a number" };
        return Err(format!("expected {kind} from {low} to {high}, found {value}"));
    }
    Ok(value)
}

/// Reads a whole-number fact in `low..=high` for a generated engine.
pub fn read_whole<'de, D: Deserializer<'de>>(
    deserializer: D,
    low: i64,
    high: i64,
) -> Result<i64, D::Error> {
    let value = <Decimal as serde::Deserialize>::deserialize(deserializer)?;
    whole_in(value, low, high).map_err(de::Error::custom)
}

/// Reads a decimal fact in `low..=high` for a generated engine.
pub fn read_decimal<'de, D: Deserializer<'de>>(
    deserializer: D,
    low: Decimal,
    high: Decimal,
) -> Result<Decimal, D::Error> {
    let value = <Decimal as serde::Deserialize>::deserialize(deserializer)?;
    check_number(value, false, low, high).map_err(de::Error::custom)
}

/// Reads an optional whole-number fact: `null` is `None`.
pub fn read_optional_whole<'de, D: Deserializer<'de>>(
    deserializer: D,
    low: i64,
    high: i64,
) -> Result<Option<i64>, D::Error> {
    let value = <Option<Decimal> as serde::Deserialize>::deserialize(deserializer)?;
    value.map(|value| whole_in(value, low, high)).transpose().map_err(de::Error::custom)
}

/// Reads an optional decimal fact: `null` is `None`.
pub fn read_optional_decimal<'de, D: Deserializer<'de>>(
    deserializer: D,
    low: Decimal,
    high: Decimal,
) -> Result<Option<Decimal>, D::Error> {
    let value = <Option<Decimal> as serde::Deserialize>::deserialize(deserializer)?;
    value.map(|value| check_number(value, false, low, high)).transpose().map_err(de::Error::custom)
}

/// A number checked to be whole and in `low..=high`, as an `i64`.
fn whole_in(value: Decimal, low: i64, high: i64) -> Result<i64, String> {
    let bound = |v: i64| Decimal::from_whole(v).unwrap_or(Decimal::ZERO);
    let checked = check_number(value, true, bound(low), bound(high))?;
    checked.to_whole().ok_or_else(|| format!("expected a whole number, found {value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap_or(Decimal::ZERO)
    }

    #[test]
    fn equal_numbers_are_equal_whatever_their_form() {
        assert_eq!(d("7"), d("7.000"));
        assert_eq!(d("7.50").to_string(), "7.5");
        assert_eq!(d("-0.05").to_string(), "-0.05");
        assert_eq!(d("0012").to_string(), "12");
        assert!(d("7.01") > d("7"));
        assert!(d("-1") < d("0.5"));
    }

    #[test]
    fn arithmetic_is_exact() {
        assert_eq!(d("0.1").checked_add(d("0.2")), Some(d("0.3")));
        assert_eq!(d("0.1").checked_mul(d("1000")), Some(d("100")));
        assert_eq!(d("1").checked_div(d("3")), None);
        assert_eq!(d("1").checked_div(d("8")), Some(d("0.125")));
        assert_eq!(d("2.5").ceil(), d("3"));
        assert_eq!(d("-2.5").ceil(), d("-2"));
    }

    #[test]
    fn bad_text_and_numbers_are_refused() {
        assert_eq!(Decimal::parse("12345678901.12345678"), Err(DecimalError::TooLong));
        assert_eq!(size_of::<Decimal>(), 16);
        assert_eq!(Decimal::parse("1e5"), Err(DecimalError::Syntax));
        assert_eq!(Decimal::parse("1."), Err(DecimalError::Syntax));
        assert_eq!(Decimal::parse(".5"), Err(DecimalError::Syntax));
        assert_eq!(Decimal::parse("1000000000000000000"), Err(DecimalError::TooLarge));
        assert_eq!(Decimal::parse("0.0000000000000000001"), Err(DecimalError::TooPrecise));
        assert_eq!(Decimal::from_f64(f64::NAN), Err(DecimalError::NotFinite));
        assert_eq!(Decimal::from_f64(f64::INFINITY), Err(DecimalError::NotFinite));
        assert_eq!(Decimal::from_f64(0.1 + 0.2), Err(DecimalError::TooManyDigits));
        assert_eq!(Decimal::from_f64(7.1), Ok(d("7.1")));
        assert_eq!(Decimal::from_f64(100.0), Ok(d("100")));
    }
}
