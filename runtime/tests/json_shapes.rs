//! The JSON shapes of `cairn-runtime`: the exact text the interface contract requires, the
//! same text whether values borrow static data or own their strings, and round trips of every
//! type through JSON.

use std::borrow::Cow;
use std::error::Error;
use std::fmt::Debug;

use cairn_runtime::{
    Citation, CrossReference, Dose, DoseStep, DoseUnit, DrugDose, Entry, EnumSet, FactsError, List,
    Plan, Reason, Recommendation, Route, SetMember, Strength, TimeUnit, Timing,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

type TestResult = Result<(), Box<dyn Error>>;

/// Serialises `value`, reads it back, and checks that the value and its JSON both survive.
fn round_trip<T>(value: &T) -> TestResult
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let json = serde_json::to_string(value)?;
    let back: T = serde_json::from_str(&json)?;
    assert_eq!(&back, value, "{json}");
    assert_eq!(serde_json::to_string(&back)?, json);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Plans: the contract's example, borrowed and owned
// ---------------------------------------------------------------------------------------------

const MRI_SENTENCE: &str =
    "Carry out MRI within 1 week at the local hospital if spinal metastases are suspected";

static MRI_CITATIONS: &[Citation<'static>] = &[Citation {
    id: Cow::Borrowed("<the sentence's stable id>"),
    text: Cow::Borrowed(MRI_SENTENCE),
}];

/// The recommendation of the interface's example, built as generated code builds it.
const MRI: Recommendation<'static> = Recommendation {
    id: Cow::Borrowed("mri_within_1_week"),
    strength: Strength::Do,
    timing: Some(Timing::Within { amount: 1, unit: TimeUnit::Weeks }),
    dose: None,
    doses: List::Borrowed(&[]),
    text: Cow::Borrowed("Carry out MRI within 1 week at the local hospital"),
    citations: List::Borrowed(MRI_CITATIONS),
    why: List::Borrowed(&[]),
    see: List::Borrowed(&[]),
};

/// The examples as statics, for plans that borrow them ([`Entry::Borrowed`]).
static MRI_STATIC: Recommendation<'static> = MRI;

fn example_plan() -> Plan<'static> {
    Plan {
        pathway: Cow::Borrowed("spinal_metastases"),
        recommendations: vec![Entry::Borrowed(&MRI_STATIC)],
    }
}

/// The example of `pathways/spinal-metastases/interface.md`, "JSON shapes", verbatim.
const INTERFACE_EXAMPLE: &str = r#"{
  "pathway": "spinal_metastases",
  "recommendations": [
    {
      "id": "mri_within_1_week",
      "strength": "do",
      "timing": "within 1 week",
      "text": "Carry out MRI within 1 week at the local hospital",
      "citations": [
        {"id": "<the sentence's stable id>", "text": "Carry out MRI within 1 week at the local hospital if spinal metastases are suspected"}
      ]
    }
  ]
}"#;

#[test]
fn plan_prints_the_interface_example() -> TestResult {
    let expected = r#"{
  "pathway": "spinal_metastases",
  "recommendations": [
    {
      "id": "mri_within_1_week",
      "strength": "do",
      "timing": "within 1 week",
      "text": "Carry out MRI within 1 week at the local hospital",
      "citations": [
        {
          "id": "<the sentence's stable id>",
          "text": "Carry out MRI within 1 week at the local hospital if spinal metastases are suspected"
        }
      ]
    }
  ]
}"#;
    let plan = example_plan();
    assert_eq!(serde_json::to_string_pretty(&plan)?, expected);

    // The same document as the contract writes it (which lays the citation out on one line).
    let contract: serde_json::Value = serde_json::from_str(INTERFACE_EXAMPLE)?;
    assert_eq!(serde_json::to_value(&plan)?, contract);
    let read: Plan = serde_json::from_str(INTERFACE_EXAMPLE)?;
    assert_eq!(read, plan);
    Ok(())
}

static DEX_CITATIONS: &[Citation<'static>] = &[
    Citation { id: Cow::Borrowed("s21"), text: Cow::Borrowed("Offer 16 mg dexamethasone ...") },
    Citation { id: Cow::Borrowed("s22"), text: Cow::Borrowed("a haematological malignancy") },
];

static DEX_WHY: &[Reason<'static>] = &[
    Reason {
        condition: Cow::Borrowed("in_pathway"),
        citations: List::Borrowed(&[Citation {
            id: Cow::Borrowed("s03"),
            text: Cow::Borrowed("Severe unremitting back pain"),
        }]),
    },
    Reason { condition: Cow::Borrowed("not mri_contraindicated"), citations: List::Borrowed(&[]) },
];

static DEX_SEE: &[CrossReference<'static>] = &[
    CrossReference {
        id: Cow::Borrowed("mscc"),
        title: Cow::Borrowed("Metastatic spinal cord compression \"visual\" summary"),
        url: Some(Cow::Borrowed("https://example.invalid/mscc")),
    },
    CrossReference {
        id: Cow::Borrowed("suspected_cancer"),
        title: Cow::Borrowed("Suspected cancer: recognition and referral"),
        url: None,
    },
];

/// A recommendation that uses every field, from static data.
const DEX_BORROWED: Recommendation<'static> = Recommendation {
    id: Cow::Borrowed("offer_dexamethasone_16mg"),
    strength: Strength::Offer,
    timing: Some(Timing::AsSoonAsPossible),
    dose: Some(Dose {
        amount: Cow::Borrowed("16"),
        unit: DoseUnit::Milligram,
        note: Some(Cow::Borrowed("oral, or equivalent parenteral dose")),
    }),
    doses: List::Borrowed(&[]),
    text: Cow::Borrowed("Offer 16 mg dexamethasone as soon as possible"),
    citations: List::Borrowed(DEX_CITATIONS),
    why: List::Borrowed(DEX_WHY),
    see: List::Borrowed(DEX_SEE),
};

/// The same, as a static.
static DEX_STATIC: Recommendation<'static> = DEX_BORROWED;

fn owned(text: &str) -> Cow<'static, str> {
    Cow::Owned(text.to_owned())
}

fn owned_citation(id: &str, text: &str) -> Citation<'static> {
    Citation { id: owned(id), text: owned(text) }
}

/// The same recommendation as [`DEX_BORROWED`], built as the interpreter builds it.
fn dex_owned() -> Recommendation<'static> {
    Recommendation {
        id: owned("offer_dexamethasone_16mg"),
        strength: Strength::Offer,
        timing: Some(Timing::AsSoonAsPossible),
        dose: Some(Dose {
            amount: owned("16"),
            unit: DoseUnit::Milligram,
            note: Some(owned("oral, or equivalent parenteral dose")),
        }),
        doses: List::Owned(Vec::new()),
        text: owned("Offer 16 mg dexamethasone as soon as possible"),
        citations: List::Owned(vec![
            owned_citation("s21", "Offer 16 mg dexamethasone ..."),
            owned_citation("s22", "a haematological malignancy"),
        ]),
        why: List::Owned(vec![
            Reason {
                condition: owned("in_pathway"),
                citations: List::Owned(vec![owned_citation("s03", "Severe unremitting back pain")]),
            },
            Reason {
                condition: owned("not mri_contraindicated"),
                citations: List::Owned(Vec::new()),
            },
        ]),
        see: List::Owned(vec![
            CrossReference {
                id: owned("mscc"),
                title: owned("Metastatic spinal cord compression \"visual\" summary"),
                url: Some(owned("https://example.invalid/mscc")),
            },
            CrossReference {
                id: owned("suspected_cancer"),
                title: owned("Suspected cancer: recognition and referral"),
                url: None,
            },
        ]),
    }
}

#[test]
fn borrowed_and_owned_serialise_identically() -> TestResult {
    let borrowed = Plan {
        pathway: Cow::Borrowed("spinal_metastases"),
        recommendations: vec![Entry::Borrowed(&MRI_STATIC), Entry::Borrowed(&DEX_STATIC)],
    };
    let mut mri_owned = MRI;
    mri_owned.id = owned("mri_within_1_week");
    mri_owned.text = owned("Carry out MRI within 1 week at the local hospital");
    mri_owned.citations = List::Owned(MRI_CITATIONS.to_vec());
    mri_owned.why = List::Owned(Vec::new());
    mri_owned.see = List::Owned(Vec::new());
    let owned_plan = Plan {
        pathway: owned("spinal_metastases"),
        recommendations: vec![Entry::from(mri_owned), Entry::from(dex_owned())],
    };

    assert_eq!(borrowed, owned_plan);
    assert_eq!(serde_json::to_string(&borrowed)?, serde_json::to_string(&owned_plan)?);
    assert_eq!(
        serde_json::to_string_pretty(&borrowed)?,
        serde_json::to_string_pretty(&owned_plan)?
    );
    Ok(())
}

#[test]
fn recommendation_with_every_field_has_this_shape() -> TestResult {
    let expected = concat!(
        r#"{"id":"offer_dexamethasone_16mg","strength":"offer","timing":"as soon as possible","#,
        r#""dose":{"amount":"16","unit":"mg","note":"oral, or equivalent parenteral dose"},"#,
        r#""text":"Offer 16 mg dexamethasone as soon as possible","#,
        r#""citations":[{"id":"s21","text":"Offer 16 mg dexamethasone ..."},"#,
        r#"{"id":"s22","text":"a haematological malignancy"}],"#,
        r#""why":[{"condition":"in_pathway","citations":[{"id":"s03","text":"Severe unremitting back pain"}]},"#,
        r#"{"condition":"not mri_contraindicated","citations":[]}],"#,
        r#""see":[{"id":"mscc","title":"Metastatic spinal cord compression \"visual\" summary","#,
        r#""url":"https://example.invalid/mscc"},"#,
        r#"{"id":"suspected_cancer","title":"Suspected cancer: recognition and referral"}]}"#,
    );
    assert_eq!(serde_json::to_string(&DEX_BORROWED)?, expected);
    assert_eq!(serde_json::to_string(&dex_owned())?, expected);
    Ok(())
}

#[test]
fn plan_finds_recommendations_by_id() {
    let plan = Plan {
        pathway: Cow::Borrowed("spinal_metastases"),
        recommendations: vec![Entry::Borrowed(&MRI_STATIC), Entry::Borrowed(&DEX_STATIC)],
    };
    assert_eq!(plan.ids().collect::<Vec<_>>(), ["mri_within_1_week", "offer_dexamethasone_16mg"]);
    assert!(plan.contains("offer_dexamethasone_16mg"));
    assert!(!plan.contains("denosumab"));
    assert_eq!(plan.get("mri_within_1_week").map(|r| r.strength), Some(Strength::Do));
    assert_eq!(plan.get("denosumab"), None);
}

// ---------------------------------------------------------------------------------------------
// Strength
// ---------------------------------------------------------------------------------------------

#[test]
fn strengths_are_lowercase_words() -> TestResult {
    let expected = [
        (Strength::Do, "do"),
        (Strength::Offer, "offer"),
        (Strength::Consider, "consider"),
        (Strength::Ensure, "ensure"),
        (Strength::Refer, "refer"),
        (Strength::DoNot, "do not"),
        (Strength::DoNotOffer, "do not offer"),
        (Strength::DoNotConsider, "do not consider"),
    ];
    assert_eq!(Strength::ALL, expected.map(|(s, _)| s));
    for (strength, words) in expected {
        assert_eq!(strength.as_str(), words);
        assert_eq!(strength.to_string(), words);
        assert_eq!(serde_json::to_string(&strength)?, format!("\"{words}\""));
        assert_eq!(Strength::parse(words), Some(strength));
        round_trip(&strength)?;
    }
    for not_a_strength in ["Do", "do  not", " offer", "do not refer", ""] {
        assert_eq!(Strength::parse(not_a_strength), None, "{not_a_strength:?}");
    }
    Ok(())
}

#[test]
fn strengths_negate_in_pairs() {
    for strength in Strength::ALL {
        match strength.negation() {
            Some(opposite) => {
                assert_eq!(opposite.negation(), Some(strength));
                assert_ne!(opposite.is_negative(), strength.is_negative());
            }
            None => {
                assert!(matches!(strength, Strength::Ensure | Strength::Refer));
                assert!(!strength.is_negative());
            }
        }
    }
    assert_eq!(Strength::Offer.negation(), Some(Strength::DoNotOffer));
    assert!(Strength::DoNotConsider.is_negative());
}

#[test]
fn unknown_strength_lists_the_strengths() {
    let error = serde_json::from_str::<Strength>(r#""recommend""#).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some(
            "unknown variant `recommend`, expected one of `do`, `offer`, `consider`, `ensure`, \
             `refer`, `do not`, `do not offer`, `do not consider` at line 1 column 11"
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

#[test]
fn timings_are_one_string() -> TestResult {
    let within = |amount, unit| Timing::Within { amount, unit };
    let cases = [
        (Timing::Immediately, "immediately"),
        (within(24, TimeUnit::Hours), "within 24 hours"),
        (within(1, TimeUnit::Weeks), "within 1 week"),
        (within(2, TimeUnit::Weeks), "within 2 weeks"),
        (within(0, TimeUnit::Days), "within 0 days"),
        (within(1, TimeUnit::Minutes), "within 1 minute"),
        (within(30, TimeUnit::Minutes), "within 30 minutes"),
        (within(1, TimeUnit::Hours), "within 1 hour"),
        (within(1, TimeUnit::Days), "within 1 day"),
        (within(3, TimeUnit::Days), "within 3 days"),
        (within(1, TimeUnit::Months), "within 1 month"),
        (within(6, TimeUnit::Months), "within 6 months"),
        (within(u32::MAX, TimeUnit::Days), "within 4294967295 days"),
        (Timing::AsSoonAsPossible, "as soon as possible"),
        (Timing::OnAdmission, "on admission"),
        (Timing::FromDiagnosisOnwards, "from diagnosis onwards"),
        (Timing::Urgent, "urgent"),
    ];
    for (timing, words) in cases {
        assert_eq!(timing.to_string(), words);
        assert_eq!(serde_json::to_string(&timing)?, format!("\"{words}\""));
        assert_eq!(Timing::parse(words), Some(timing), "{words}");
        round_trip(&timing)?;
    }
    Ok(())
}

#[test]
fn timing_units_may_disagree_with_the_amount_when_read() {
    assert_eq!(
        Timing::parse("within 1 weeks"),
        Some(Timing::Within { amount: 1, unit: TimeUnit::Weeks })
    );
    assert_eq!(
        Timing::parse("within 24 hour").map(|t| t.to_string()),
        Some("within 24 hours".to_owned())
    );
}

#[test]
fn malformed_timings_are_refused() {
    for text in [
        "",
        "Immediately",
        "immediately ",
        "as soon as  possible",
        "within",
        "within 24",
        "within hours",
        "within 24  hours",
        "within 24 hours ",
        "within 024 hours",
        "within -1 days",
        "within +1 days",
        "within 1.5 days",
        "within 4294967296 days",
        "within 24 fortnights",
        "within 16 mg",
        "within\u{a0}24 hours",
    ] {
        assert_eq!(Timing::parse(text), None, "{text:?}");
    }
}

#[test]
fn unreadable_timing_says_what_is_expected() {
    let error = serde_json::from_str::<Timing>(r#""within a week""#).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some(
            "invalid value: string \"within a week\", expected a timing: `immediately`, \
             `within <number> <minutes|hours|days|weeks|months>`, \
             `within <number> to <number> <unit>`, `after <number> <unit>`, \
             `after <number> to <number> <unit>`, `as soon as possible`, `on admission`, \
             `from diagnosis onwards` or `urgent` at line 1 column 15"
        )
    );
}

#[test]
fn time_units_read_singular_and_plural() -> TestResult {
    let cases = [
        (TimeUnit::Minutes, "minute", "minutes"),
        (TimeUnit::Hours, "hour", "hours"),
        (TimeUnit::Days, "day", "days"),
        (TimeUnit::Weeks, "week", "weeks"),
        (TimeUnit::Months, "month", "months"),
    ];
    assert_eq!(TimeUnit::ALL, cases.map(|(unit, _, _)| unit));
    for (unit, singular, plural) in cases {
        assert_eq!(unit.as_str(), plural);
        assert_eq!(unit.to_string(), plural);
        assert_eq!(unit.singular(), singular);
        assert_eq!(unit.for_amount(1), singular);
        assert_eq!(unit.for_amount(0), plural);
        assert_eq!(unit.for_amount(2), plural);
        assert_eq!(TimeUnit::parse(singular), Some(unit));
        assert_eq!(TimeUnit::parse(plural), Some(unit));
        assert_eq!(serde_json::to_string(&unit)?, format!("\"{plural}\""));
        assert_eq!(serde_json::from_str::<TimeUnit>(&format!("\"{singular}\""))?, unit);
        round_trip(&unit)?;
    }
    assert_eq!(TimeUnit::parse("Hours"), None);
    assert_eq!(TimeUnit::parse("mg"), None);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Doses
// ---------------------------------------------------------------------------------------------

#[test]
fn dose_units_have_canonical_symbols() -> TestResult {
    let cases: [(DoseUnit, &str, &[&str]); 7] = [
        (DoseUnit::Microgram, "mcg", &["microgram", "micrograms"]),
        (DoseUnit::Milligram, "mg", &["milligram", "milligrams"]),
        (DoseUnit::Gram, "g", &["gram", "grams"]),
        (DoseUnit::Kilogram, "kg", &["kilogram", "kilograms"]),
        (DoseUnit::Millilitre, "ml", &["mL", "millilitre", "millilitres"]),
        (DoseUnit::Litre, "l", &["L", "litre", "litres"]),
        (DoseUnit::Unit, "units", &["unit"]),
    ];
    assert_eq!(DoseUnit::ALL, cases.map(|(unit, _, _)| unit));
    for (unit, symbol, aliases) in cases {
        assert_eq!(unit.as_str(), symbol);
        assert_eq!(unit.to_string(), symbol);
        assert_eq!(DoseUnit::parse(symbol), Some(unit));
        assert_eq!(serde_json::to_string(&unit)?, format!("\"{symbol}\""));
        for alias in aliases {
            assert_eq!(DoseUnit::parse(alias), Some(unit), "{alias}");
            assert_eq!(serde_json::from_str::<DoseUnit>(&format!("\"{alias}\""))?, unit);
        }
        round_trip(&unit)?;
    }
    for not_a_dose_unit in ["MG", "hours", "week", "", "µg"] {
        assert_eq!(DoseUnit::parse(not_a_dose_unit), None, "{not_a_dose_unit:?}");
    }
    let error = serde_json::from_str::<DoseUnit>(r#""hours""#).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some(
            "unknown variant `hours`, expected one of `mcg`, `mg`, `g`, `kg`, `ml`, `l`, \
             `units` at line 1 column 7"
        )
    );
    Ok(())
}

#[test]
fn doses_are_objects_with_an_optional_note() -> TestResult {
    let plain = Dose { amount: Cow::Borrowed("0.5"), unit: DoseUnit::Microgram, note: None };
    assert_eq!(serde_json::to_string(&plain)?, r#"{"amount":"0.5","unit":"mcg"}"#);
    assert_eq!(plain.to_string(), "0.5 mcg");
    round_trip(&plain)?;

    let noted = Dose {
        amount: Cow::Borrowed("16"),
        unit: DoseUnit::Milligram,
        note: Some(Cow::Borrowed("oral, or equivalent parenteral dose")),
    };
    assert_eq!(
        serde_json::to_string(&noted)?,
        r#"{"amount":"16","unit":"mg","note":"oral, or equivalent parenteral dose"}"#
    );
    assert_eq!(noted.to_string(), "16 mg (oral, or equivalent parenteral dose)");
    round_trip(&noted)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Round trips of the plan's parts
// ---------------------------------------------------------------------------------------------

#[test]
fn plan_parts_round_trip() -> TestResult {
    for citation in MRI_CITATIONS.iter().chain(DEX_CITATIONS) {
        round_trip(citation)?;
    }
    for reason in DEX_WHY {
        round_trip(reason)?;
    }
    for reference in DEX_SEE {
        round_trip(reference)?;
    }
    assert_eq!(
        serde_json::to_string(&DEX_SEE[1])?,
        r#"{"id":"suspected_cancer","title":"Suspected cancer: recognition and referral"}"#
    );
    round_trip(&MRI)?;
    round_trip(&DEX_BORROWED)?;
    round_trip(&dex_owned())?;
    round_trip(&example_plan())?;
    round_trip(&Plan { pathway: Cow::Borrowed("empty"), recommendations: Vec::new() })?;
    Ok(())
}

#[test]
fn missing_optional_fields_read_as_absent() -> TestResult {
    let read: Recommendation<'static> =
        serde_json::from_str(r#"{"id":"x","strength":"refer","text":"Refer","citations":[]}"#)?;
    assert_eq!(read.timing, None);
    assert_eq!(read.dose, None);
    assert!(read.why.is_empty());
    assert!(read.see.is_empty());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

fn inconsistent() -> FactsError {
    FactsError::Inconsistent {
        constraint: Cow::Borrowed("history_matches_primary"),
        description: Cow::Borrowed(
            "`cancer_history` is `none` exactly when `primary_cancer` is `none`",
        ),
    }
}

fn invalid() -> FactsError {
    FactsError::Invalid {
        message: "`pain_severity` must be one of `mild`, `moderate`, `severe`".to_owned(),
    }
}

#[test]
fn facts_errors_display_in_lowercase() {
    assert_eq!(
        inconsistent().to_string(),
        "inconsistent facts: constraint `history_matches_primary` is broken: \
         `cancer_history` is `none` exactly when `primary_cancer` is `none`"
    );
    assert_eq!(
        invalid().to_string(),
        "invalid facts: `pain_severity` must be one of `mild`, `moderate`, `severe`"
    );
    // It is a standard error, so `?` lifts it into a boxed error.
    let boxed: Box<dyn Error> = Box::new(invalid());
    assert!(boxed.source().is_none());
}

#[test]
fn facts_errors_are_tagged_objects() -> TestResult {
    assert_eq!(
        serde_json::to_string(&inconsistent())?,
        r#"{"error":"inconsistent","constraint":"history_matches_primary","description":"`cancer_history` is `none` exactly when `primary_cancer` is `none`"}"#
    );
    assert_eq!(
        serde_json::to_string(&invalid())?,
        r#"{"error":"invalid","message":"`pain_severity` must be one of `mild`, `moderate`, `severe`"}"#
    );
    round_trip(&inconsistent())?;
    round_trip(&invalid())?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Sets of enum values
// ---------------------------------------------------------------------------------------------

/// Three box 1 features, as generated code would declare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Feature {
    SevereUnremittingBackPain,
    MechanicalPain,
    Claudication,
}

impl SetMember for Feature {
    const ALL: &'static [Self] =
        &[Feature::SevereUnremittingBackPain, Feature::MechanicalPain, Feature::Claudication];

    fn index(self) -> u32 {
        self as u32
    }

    fn name(self) -> &'static str {
        match self {
            Feature::SevereUnremittingBackPain => "severe_unremitting_back_pain",
            Feature::MechanicalPain => "mechanical_pain",
            Feature::Claudication => "claudication",
        }
    }
}

type Features = EnumSet<Feature>;

#[test]
fn enum_sets_hold_members() {
    let mut set = Features::empty();
    assert!(set.is_empty());
    assert_eq!(set.len(), 0);
    assert_eq!(set, Features::default());
    assert!(set.insert(Feature::Claudication));
    assert!(!set.insert(Feature::Claudication));
    assert!(set.insert(Feature::SevereUnremittingBackPain));
    assert!(set.contains(Feature::Claudication));
    assert!(!set.contains(Feature::MechanicalPain));
    assert!(!set.is_empty());
    assert_eq!(set.len(), 2);
    assert_eq!(
        set.iter().collect::<Vec<_>>(),
        [Feature::SevereUnremittingBackPain, Feature::Claudication]
    );
    let collected: Features =
        [Feature::Claudication, Feature::SevereUnremittingBackPain].into_iter().collect();
    assert_eq!(collected, set);
    assert_eq!(format!("{set:?}"), r#"{"severe_unremitting_back_pain", "claudication"}"#);
}

#[test]
fn enum_sets_are_arrays_of_names_in_declaration_order() -> TestResult {
    let set: Features = [Feature::Claudication, Feature::MechanicalPain].into_iter().collect();
    assert_eq!(serde_json::to_string(&set)?, r#"["mechanical_pain","claudication"]"#);
    assert_eq!(serde_json::to_string(&Features::empty())?, "[]");
    round_trip(&set)?;
    round_trip(&Features::empty())?;
    round_trip(&Feature::ALL.iter().copied().collect::<Features>())?;

    let read: Features = serde_json::from_str(
        r#"["claudication", "mechanical_pain", "claudication", "mechanical_pain"]"#,
    )?;
    assert_eq!(read, set);
    assert_eq!(read.len(), 2);
    Ok(())
}

#[test]
fn unknown_set_member_lists_the_names() {
    let error = serde_json::from_str::<Features>(r#"["claudication", "night_pain"]"#).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some(
            "unknown variant `night_pain`, expected one of `severe_unremitting_back_pain`, \
             `mechanical_pain`, `claudication` at line 1 column 29"
        )
    );
}

#[test]
fn set_members_must_be_strings_in_an_array() {
    let error = serde_json::from_str::<Features>(r#"["claudication", 3]"#).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some(
            "invalid type: integer `3`, expected one of `severe_unremitting_back_pain`, \
             `mechanical_pain`, `claudication` at line 1 column 18"
        )
    );
    let error = serde_json::from_str::<Features>(r#""claudication""#).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some(
            "invalid type: string \"claudication\", expected an array of names, each one of \
             `severe_unremitting_back_pain`, `mechanical_pain`, `claudication` at line 1 column 14"
        )
    );
}

/// An enum of two values, to check the wording serde uses for short lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

impl SetMember for Side {
    const ALL: &'static [Self] = &[Side::Left, Side::Right];

    fn index(self) -> u32 {
        self as u32
    }

    fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

#[test]
fn unknown_member_of_a_two_value_enum_reads_like_serde() {
    let error = serde_json::from_str::<EnumSet<Side>>(r#"["up"]"#).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some("unknown variant `up`, expected `left` or `right` at line 1 column 5")
    );
}

/// An enum that breaks the [`SetMember`] contract with an index of 128 or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OutOfRange;

impl SetMember for OutOfRange {
    const ALL: &'static [Self] = &[OutOfRange];

    fn index(self) -> u32 {
        200
    }

    fn name(self) -> &'static str {
        "out_of_range"
    }
}

#[test]
fn members_beyond_128_are_not_held_and_do_not_panic() {
    let mut set = EnumSet::<OutOfRange>::empty();
    assert!(!set.insert(OutOfRange));
    assert!(!set.contains(OutOfRange));
    assert!(set.is_empty());
}

static DOXYCYCLINE_STEPS: &[DoseStep] = &[
    DoseStep { amount: Cow::Borrowed("200"), unit: DoseUnit::Milligram, times_per_day: 1, days: 1 },
    DoseStep { amount: Cow::Borrowed("100"), unit: DoseUnit::Milligram, times_per_day: 1, days: 4 },
];

#[test]
fn dose_schedules_have_the_pneumonia_contracts_shape() -> TestResult {
    let doxycycline = DrugDose {
        drug: Cow::Borrowed("doxycycline"),
        route: Route::Oral,
        steps: Cow::Borrowed(DOXYCYCLINE_STEPS),
    };
    // The example of `pneumonia-severity-interface.md`, "JSON shapes", without its spaces.
    assert_eq!(
        serde_json::to_string(&[&doxycycline])?,
        concat!(
            r#"[{"drug":"doxycycline","route":"oral","steps":["#,
            r#"{"amount":200,"unit":"mg","times_per_day":1,"days":1},"#,
            r#"{"amount":100,"unit":"mg","times_per_day":1,"days":4}]}]"#
        )
    );
    assert_eq!(
        doxycycline.to_string(),
        "oral doxycycline 200 mg once a day for 1 day, then 100 mg once a day for 4 days"
    );
    round_trip(&doxycycline)?;
    // A decimal amount is a JSON number and reads back as the same text.
    let co_amoxiclav = DrugDose {
        drug: Cow::Borrowed("co-amoxiclav"),
        route: Route::Intravenous,
        steps: Cow::Owned(vec![DoseStep {
            amount: Cow::Borrowed("1.2"),
            unit: DoseUnit::Gram,
            times_per_day: 3,
            days: 5,
        }]),
    };
    assert_eq!(
        serde_json::to_string(&co_amoxiclav)?,
        r#"{"drug":"co-amoxiclav","route":"intravenous","steps":[{"amount":1.2,"unit":"g","times_per_day":3,"days":5}]}"#
    );
    round_trip(&co_amoxiclav)?;
    assert_eq!(
        co_amoxiclav.to_string(),
        "intravenous co-amoxiclav 1.2 g three times a day for 5 days"
    );
    assert!(
        serde_json::from_str::<DrugDose>(r#"{"drug":"x","route":"nasal","steps":[]}"#).is_err()
    );
    // A recommendation with schedules carries them under `doses`, after `dose`'s place.
    let rec = Recommendation { doses: List::Owned(vec![doxycycline, co_amoxiclav]), ..MRI };
    let json = serde_json::to_string(&rec)?;
    assert!(json.contains(r#""timing":"within 1 week","doses":[{"drug":"doxycycline""#), "{json}");
    round_trip(&rec)?;
    assert_eq!(
        rec.dose_text().as_deref(),
        Some(
            "oral doxycycline 200 mg once a day for 1 day, then 100 mg once a day for 4 days; \
             intravenous co-amoxiclav 1.2 g three times a day for 5 days"
        )
    );
    assert_eq!(MRI.dose_text(), None);
    Ok(())
}

#[test]
fn timing_ranges_and_offsets_are_strings() -> TestResult {
    let timing = Timing::WithinRange { from: 3, to: 5, unit: TimeUnit::Days };
    assert_eq!(serde_json::to_string(&timing)?, r#""within 3 to 5 days""#);
    round_trip(&timing)?;
    round_trip(&Timing::AfterRange { from: 1, to: 2, unit: TimeUnit::Weeks })?;
    round_trip(&Timing::After { amount: 1, unit: TimeUnit::Weeks })?;
    assert!(serde_json::from_str::<Timing>(r#""after 5 to 3 days""#).is_err());
    Ok(())
}
