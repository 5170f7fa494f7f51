//! The output of a pathway: a [`Plan`] of [`Recommendation`]s, each with the guideline
//! sentences it implements and why it was made.
//!
//! Part of `cairn-runtime`. Generated engines build these from `&'static` data
//! ([`Cow::Borrowed`]); the interpreter builds them from owned strings ([`Cow::Owned`]); both
//! serialise to the same JSON, whose key order is the field order below.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::dose::{Dose, DrugDose};
use crate::strength::Strength;
use crate::timing::Timing;

/// A sentence of the guideline, quoted.
///
/// JSON: `{"id": ..., "text": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Citation {
    /// The sentence's stable id in the guideline text.
    pub id: Cow<'static, str>,
    /// The sentence as the guideline states it (whitespace normalised).
    pub text: Cow<'static, str>,
}

/// A link to another guideline or visual summary that a recommendation leads to.
///
/// JSON: `{"id": ..., "title": ..., "url": ...}`, with `url` left out when there is none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CrossReference {
    /// The cross-reference's identifier in the pathway source.
    pub id: Cow<'static, str>,
    /// What is referred to, e.g. "Metastatic spinal cord compression visual summary".
    pub title: Cow<'static, str>,
    /// Where to find it, if the pathway gives an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Cow<'static, str>>,
}

/// One step of the explanation of a recommendation: a condition that held, and the guideline
/// sentences that condition rests on.
///
/// JSON: `{"condition": ..., "citations": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reason {
    /// The condition as written in the pathway, e.g. `"main_branch"` or
    /// `"not mri_contraindicated"`.
    pub condition: Cow<'static, str>,
    /// The sentences the condition rests on.
    pub citations: Cow<'static, [Citation]>,
}

/// A recommendation that a pathway made for a set of facts.
///
/// JSON keys come in field order; `timing` and `dose` are left out when absent, and `doses`,
/// `why` and `see` when empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recommendation {
    /// The recommendation's identifier in the pathway source, e.g. `"mri_within_1_week"`.
    pub id: Cow<'static, str>,
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
    pub doses: Cow<'static, [DrugDose]>,
    /// What to do, for display.
    pub text: Cow<'static, str>,
    /// The guideline sentences this recommendation implements.
    pub citations: Cow<'static, [Citation]>,
    /// Why it was made: the conditions that held, with the sentences each rests on.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub why: Cow<'static, [Reason]>,
    /// Other guidance this recommendation leads to.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub see: Cow<'static, [CrossReference]>,
}

/// Whether a list is empty, borrowed or owned alike; for `skip_serializing_if`.
fn is_empty<T>(items: &[T]) -> bool {
    items.is_empty()
}

/// Everything a pathway recommends for one set of facts.
///
/// JSON: `{"pathway": ..., "recommendations": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Plan {
    /// The name of the pathway that made the plan, e.g. `"spinal_metastases"`.
    pub pathway: Cow<'static, str>,
    /// The recommendations made, in the order of the pathway source.
    pub recommendations: Vec<Recommendation>,
}

impl Plan {
    /// The ids of the recommendations made, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.recommendations.iter().map(|r| r.id.as_ref())
    }

    /// The recommendation with this id, if it was made.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }

    /// Whether the recommendation with this id was made.
    #[must_use]
    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

impl Recommendation {
    /// Its dose in words, or `None`: the single dose (`16 mg (oral)`), or each drug's schedule
    /// joined by `; ` (`oral amoxicillin 500 mg three times a day for 5 days`).
    #[must_use]
    pub fn dose_text(&self) -> Option<String> {
        let mut parts: Vec<String> = self.dose.iter().map(ToString::to_string).collect();
        parts.extend(self.doses.iter().map(ToString::to_string));
        if parts.is_empty() { None } else { Some(parts.join("; ")) }
    }
}
