//! The output of a pathway: a [`Plan`] of [`Recommendation`]s, each with the guideline
//! sentences it implements and why it was made.
//!
//! Part of `cairn-runtime`. Every type takes the lifetime `'a` of the data it borrows: generated
//! engines lend `'static` data (a plan's recommendations are references to statics,
//! [`Entry::Borrowed`]); a prepared interpreter lends plans borrowed from itself; the plain
//! interpreter and a plan read from JSON own their data ([`Cow::Owned`], [`List::Owned`],
//! [`Entry::Owned`]). All serialise to the same JSON, whose key order is the field order below.
//!
//! Lists are [`List`] rather than `Cow<'a, [T]>`: a `Cow` of a slice is invariant in its items,
//! so a recommendation owned by a prepared interpreter (`Recommendation<'static>`) could not
//! be lent as a `Recommendation<'_>`; `List` is covariant, so every type here is.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dose::{Dose, DrugDose};
use crate::strength::Strength;
use crate::timing::Timing;

/// A sentence of the guideline, quoted.
///
/// JSON: `{"id": ..., "text": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Citation<'a> {
    /// The sentence's stable id in the guideline text.
    pub id: Cow<'a, str>,
    /// The sentence as the guideline states it (whitespace normalised).
    pub text: Cow<'a, str>,
}

/// A link to another guideline or visual summary that a recommendation leads to.
///
/// JSON: `{"id": ..., "title": ..., "url": ...}`, with `url` left out when there is none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CrossReference<'a> {
    /// The cross-reference's identifier in the pathway source.
    pub id: Cow<'a, str>,
    /// What is referred to, e.g. "Metastatic spinal cord compression visual summary".
    pub title: Cow<'a, str>,
    /// Where to find it, if the pathway gives an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Cow<'a, str>>,
}

/// One step of the explanation of a recommendation: a condition that held, and the guideline
/// sentences that condition rests on.
///
/// JSON: `{"condition": ..., "citations": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reason<'a> {
    /// The condition as written in the pathway, e.g. `"main_branch"` or
    /// `"not mri_contraindicated"`.
    pub condition: Cow<'a, str>,
    /// The sentences the condition rests on.
    pub citations: List<'a, Citation<'a>>,
}

/// A recommendation that a pathway made for a set of facts.
///
/// JSON keys come in field order; `timing` and `dose` are left out when absent, and `doses`,
/// `why` and `see` when empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recommendation<'a> {
    /// The recommendation's identifier in the pathway source, e.g. `"mri_within_1_week"`.
    pub id: Cow<'a, str>,
    /// How strongly it is recommended.
    pub strength: Strength,
    /// When it should be carried out, if the guideline says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// The dose, for a recommendation of a medicine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<Dose>,
    /// The dose schedules, one per drug in the order the pathway gives them.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub doses: List<'a, DrugDose>,
    /// What to do, for display.
    pub text: Cow<'a, str>,
    /// The guideline sentences this recommendation implements.
    pub citations: List<'a, Citation<'a>>,
    /// Why it was made: the conditions that held, with the sentences each rests on.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub why: List<'a, Reason<'a>>,
    /// Other guidance this recommendation leads to.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub see: List<'a, CrossReference<'a>>,
}

/// Whether a list is empty, borrowed or owned alike; for `skip_serializing_if`.
fn is_empty<T>(items: &List<'_, T>) -> bool {
    items.is_empty()
}

/// A list in a plan: borrowed from whatever made the plan, or owned.
///
/// JSON: an array. Reading JSON always gives [`List::Owned`]. Equality, hashing and
/// serialisation look at the items only, not at who owns them.
pub enum List<'a, T> {
    /// Items that live elsewhere (a generated engine's statics, a prepared interpreter).
    Borrowed(&'a [T]),
    /// Items owned by the list.
    Owned(Vec<T>),
}

impl<T> List<'_, T> {
    /// The items.
    #[must_use]
    pub fn as_slice(&self) -> &[T] {
        match self {
            List::Borrowed(items) => items,
            List::Owned(items) => items,
        }
    }
}

impl<T> Deref for List<'_, T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T> Default for List<'_, T> {
    fn default() -> Self {
        List::Borrowed(&[])
    }
}

impl<T: Clone> Clone for List<'_, T> {
    fn clone(&self) -> Self {
        match self {
            List::Borrowed(items) => List::Borrowed(items),
            List::Owned(items) => List::Owned(items.clone()),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for List<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<T: PartialEq> PartialEq for List<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Eq> Eq for List<'_, T> {}

impl<T: Hash> Hash for List<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl<T> From<Vec<T>> for List<'_, T> {
    fn from(items: Vec<T>) -> Self {
        List::Owned(items)
    }
}

impl<'a, T> From<&'a [T]> for List<'a, T> {
    fn from(items: &'a [T]) -> Self {
        List::Borrowed(items)
    }
}

impl<'l, T> IntoIterator for &'l List<'_, T> {
    type Item = &'l T;
    type IntoIter = std::slice::Iter<'l, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: Serialize> Serialize for List<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<'_, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(List::Owned)
    }
}

/// One recommendation of a plan: a reference to a recommendation that lives elsewhere (a
/// generated engine's `static`, a prepared interpreter's table), so that making a plan copies
/// one pointer per recommendation, or one the plan owns.
///
/// It reads as a [`Recommendation`] (`entry.id`, `entry.text`), and its JSON is the
/// recommendation's; equality and hashing look at the recommendation only.
pub enum Entry<'a> {
    /// A recommendation that lives elsewhere.
    Borrowed(&'a Recommendation<'a>),
    /// A recommendation the plan owns.
    Owned(Box<Recommendation<'a>>),
}

impl<'a> Entry<'a> {
    /// The recommendation.
    #[must_use]
    pub fn get(&self) -> &Recommendation<'a> {
        match self {
            Entry::Borrowed(recommendation) => recommendation,
            Entry::Owned(recommendation) => recommendation,
        }
    }
}

impl<'a> Deref for Entry<'a> {
    type Target = Recommendation<'a>;

    fn deref(&self) -> &Recommendation<'a> {
        self.get()
    }
}

impl Clone for Entry<'_> {
    fn clone(&self) -> Self {
        match self {
            Entry::Borrowed(recommendation) => Entry::Borrowed(recommendation),
            Entry::Owned(recommendation) => Entry::Owned(recommendation.clone()),
        }
    }
}

impl fmt::Debug for Entry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

impl PartialEq for Entry<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Entry<'_> {}

impl Hash for Entry<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

impl<'a> From<Recommendation<'a>> for Entry<'a> {
    fn from(recommendation: Recommendation<'a>) -> Self {
        Entry::Owned(Box::new(recommendation))
    }
}

impl<'a> From<&'a Recommendation<'a>> for Entry<'a> {
    fn from(recommendation: &'a Recommendation<'a>) -> Self {
        Entry::Borrowed(recommendation)
    }
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Entry<'_> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Recommendation::deserialize(deserializer).map(Entry::from)
    }
}

/// Everything a pathway recommends for one set of facts.
///
/// JSON: `{"pathway": ..., "recommendations": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Plan<'a> {
    /// The name of the pathway that made the plan, e.g. `"spinal_metastases"`.
    pub pathway: Cow<'a, str>,
    /// The recommendations made, in the order of the pathway source.
    pub recommendations: Vec<Entry<'a>>,
}

impl<'a> Plan<'a> {
    /// The ids of the recommendations made, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.recommendations.iter().map(|r| r.id.as_ref())
    }

    /// The recommendation with this id, if it was made.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Recommendation<'a>> {
        self.recommendations.iter().map(Entry::get).find(|r| r.id == id)
    }

    /// Whether the recommendation with this id was made.
    #[must_use]
    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

impl Recommendation<'_> {
    /// Its dose in words, or `None`: the single dose (`16 mg (oral)`), or each drug's schedule
    /// joined by `; ` (`oral amoxicillin 500 mg three times a day for 5 days`).
    #[must_use]
    pub fn dose_text(&self) -> Option<String> {
        let mut parts: Vec<String> = self.dose.iter().map(ToString::to_string).collect();
        parts.extend(self.doses.iter().map(ToString::to_string));
        if parts.is_empty() { None } else { Some(parts.join("; ")) }
    }
}
