//! The strength of a recommendation: the verb NICE uses ("offer", "consider", "do not offer").
//!
//! Part of `cairn-runtime`; every [`crate::Recommendation`] carries one.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// How strongly a recommendation is made, after the verb the guideline uses.
///
/// Serialised, displayed and parsed as lowercase words: `"do"`, `"offer"`, `"consider"`,
/// `"ensure"`, `"refer"`, `"do not"`, `"do not offer"`, `"do not consider"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Strength {
    /// A direct instruction ("Carry out MRI ..."): `"do"`.
    Do,
    /// A strong recommendation to offer an intervention: `"offer"`.
    Offer,
    /// A recommendation to consider an intervention: `"consider"`.
    Consider,
    /// Make sure something is in place ("Ensure adequate analgesia"): `"ensure"`.
    Ensure,
    /// Refer the person to another service: `"refer"`.
    Refer,
    /// A direct instruction not to act: `"do not"`.
    DoNot,
    /// A strong recommendation against offering an intervention: `"do not offer"`.
    DoNotOffer,
    /// A recommendation against considering an intervention: `"do not consider"`.
    DoNotConsider,
}

impl Strength {
    /// Every strength, in declaration order (also the order of [`Ord`]).
    pub const ALL: [Strength; 8] = [
        Strength::Do,
        Strength::Offer,
        Strength::Consider,
        Strength::Ensure,
        Strength::Refer,
        Strength::DoNot,
        Strength::DoNotOffer,
        Strength::DoNotConsider,
    ];

    /// The names of [`Strength::ALL`], in the same order; used in error messages.
    const NAMES: &'static [&'static str] = &[
        "do",
        "offer",
        "consider",
        "ensure",
        "refer",
        "do not",
        "do not offer",
        "do not consider",
    ];

    /// The strength as lowercase words, e.g. `"do not offer"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Strength::Do => "do",
            Strength::Offer => "offer",
            Strength::Consider => "consider",
            Strength::Ensure => "ensure",
            Strength::Refer => "refer",
            Strength::DoNot => "do not",
            Strength::DoNotOffer => "do not offer",
            Strength::DoNotConsider => "do not consider",
        }
    }

    /// Parses the exact form [`Strength::as_str`] produces; anything else is `None`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Strength> {
        Strength::ALL.into_iter().find(|strength| strength.as_str() == text)
    }

    /// Whether this is a recommendation against acting (a "do not" form).
    #[must_use]
    pub const fn is_negative(self) -> bool {
        matches!(self, Strength::DoNot | Strength::DoNotOffer | Strength::DoNotConsider)
    }

    /// The opposite strength: `do` and `do not`, `offer` and `do not offer`, `consider` and
    /// `do not consider` negate each other; `ensure` and `refer` have no negation.
    #[must_use]
    pub const fn negation(self) -> Option<Strength> {
        match self {
            Strength::Do => Some(Strength::DoNot),
            Strength::Offer => Some(Strength::DoNotOffer),
            Strength::Consider => Some(Strength::DoNotConsider),
            Strength::DoNot => Some(Strength::Do),
            Strength::DoNotOffer => Some(Strength::Offer),
            Strength::DoNotConsider => Some(Strength::Consider),
            Strength::Ensure | Strength::Refer => None,
        }
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Strength {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Strength {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrengthVisitor)
    }
}

/// Reads a [`Strength`] from its string form with [`Strength::parse`].
struct StrengthVisitor;

impl Visitor<'_> for StrengthVisitor {
    type Value = Strength;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a recommendation strength")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Strength, E> {
        Strength::parse(v).ok_or_else(|| E::unknown_variant(v, Strength::NAMES))
    }
}

#[cfg(test)]
mod tests {
    use super::Strength;

    #[test]
    fn names_follow_all() {
        let names: Vec<&str> = Strength::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, Strength::NAMES);
    }
}
