//! Plan data made to live for the rest of the process, for the prepared interpreter: the
//! runtime's plans borrow `Cow<'static, ...>` data, so [`super::Prepared`] leaks the texts and
//! lists its plans lend. Every distinct string and list is leaked once per process and found
//! again after that, so a service that prepares the same pathway again and again (on every
//! reload) does not grow: what is leaked is bounded by the distinct plan data ever prepared.

use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::{Mutex, OnceLock};

use cairn_runtime::{Citation, CrossReference, DoseStep, DrugDose, Reason, Recommendation};

/// The strings leaked so far.
fn strings() -> &'static Mutex<HashSet<&'static str>> {
    static STRINGS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    STRINGS.get_or_init(|| Mutex::new(HashSet::new()))
}

/// The lists leaked so far: for each item type, a `HashSet<&'static [T]>`.
fn lists() -> &'static Mutex<HashMap<TypeId, Box<dyn Any + Send>>> {
    static LISTS: OnceLock<Mutex<HashMap<TypeId, Box<dyn Any + Send>>>> = OnceLock::new();
    LISTS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The string, leaked, or the copy leaked before.
pub fn leak_str(text: String) -> &'static str {
    // A poisoned lock only means another thread panicked while holding it; the set is
    // still a set of leaked strings.
    let mut strings = strings().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(known) = strings.get(text.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(text.into_boxed_str());
    strings.insert(leaked);
    leaked
}

/// The list, leaked, or the equal list leaked before.
pub fn leak_slice<T>(items: Vec<T>) -> Cow<'static, [T]>
where
    T: Clone + Eq + Hash + Send + Sync + 'static,
{
    if items.is_empty() {
        return Cow::Borrowed(&[]);
    }
    let mut lists = lists().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let known = lists
        .entry(TypeId::of::<T>())
        .or_insert_with(|| Box::new(HashSet::<&'static [T]>::new()))
        .downcast_mut::<HashSet<&'static [T]>>();
    let Some(known) = known else {
        // Unreachable: the entry of `TypeId::of::<T>()` is always a set of `[T]`.
        return Cow::Borrowed(Box::leak(items.into_boxed_slice()));
    };
    if let Some(list) = known.get(items.as_slice()) {
        return Cow::Borrowed(list);
    }
    let leaked: &'static [T] = Box::leak(items.into_boxed_slice());
    known.insert(leaked);
    Cow::Borrowed(leaked)
}

/// The text, borrowed from its leaked copy.
pub fn leak_cow(text: Cow<'static, str>) -> Cow<'static, str> {
    match text {
        Cow::Owned(owned) => Cow::Borrowed(leak_str(owned)),
        borrowed => borrowed,
    }
}

/// The citation, every text leaked.
pub fn leak_citation(citation: Citation) -> Citation {
    Citation { id: leak_cow(citation.id), text: leak_cow(citation.text) }
}

/// The citations, leaked.
pub fn leak_citations(citations: Cow<'static, [Citation]>) -> Cow<'static, [Citation]> {
    leak_slice(citations.into_owned().into_iter().map(leak_citation).collect())
}

/// The reason, leaked.
pub fn leak_reason(reason: Reason) -> Reason {
    Reason { condition: leak_cow(reason.condition), citations: leak_citations(reason.citations) }
}

/// The dose schedule, every text and list leaked.
pub fn leak_drug_dose(dose: DrugDose) -> DrugDose {
    let steps = dose
        .steps
        .into_owned()
        .into_iter()
        .map(|step| DoseStep { amount: leak_cow(step.amount), ..step })
        .collect();
    DrugDose { drug: leak_cow(dose.drug), route: dose.route, steps: leak_slice(steps) }
}

/// The plan entry, every text and list leaked.
pub fn leak_recommendation(rec: Recommendation) -> Recommendation {
    Recommendation {
        id: leak_cow(rec.id),
        strength: rec.strength,
        timing: rec.timing,
        dose: rec.dose.map(|dose| cairn_runtime::Dose {
            amount: leak_cow(dose.amount),
            unit: dose.unit,
            note: dose.note.map(leak_cow),
        }),
        doses: leak_slice(rec.doses.into_owned().into_iter().map(leak_drug_dose).collect()),
        text: leak_cow(rec.text),
        citations: leak_citations(rec.citations),
        why: leak_slice(rec.why.into_owned().into_iter().map(leak_reason).collect()),
        see: leak_slice(
            rec.see
                .into_owned()
                .into_iter()
                .map(|x| CrossReference {
                    id: leak_cow(x.id),
                    title: leak_cow(x.title),
                    url: x.url.map(leak_cow),
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_and_lists_are_leaked_once() {
        let a = leak_str(String::from("leak test: a text"));
        let b = leak_str(String::from("leak test: a text"));
        assert_eq!(a.as_ptr(), b.as_ptr());
        assert_ne!(a.as_ptr(), leak_str(String::from("leak test: another")).as_ptr());
        let citation = |text: &str| Citation {
            id: Cow::Borrowed("s-000000"),
            text: Cow::Owned(text.to_string()),
        };
        let first = leak_slice(vec![citation("leak test: one"), citation("leak test: two")]);
        let again = leak_slice(vec![citation("leak test: one"), citation("leak test: two")]);
        let other = leak_slice(vec![citation("leak test: one")]);
        assert_eq!(first, again);
        assert_eq!(first.as_ptr(), again.as_ptr());
        assert_ne!(first.as_ptr(), other.as_ptr());
        assert!(matches!(first, Cow::Borrowed(_)));
    }
}
