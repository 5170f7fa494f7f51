//! What the NICE benchmarks share (`benches/nice.rs` here, and the peers package in
//! `benches-peers/`, which includes this file by path): the pathway, the 10,000 seeded random
//! consistent patients in every input form, and the hand-written reference function of the
//! reading in `pathways/spinal-metastases/interface.md`, with the check that every engine agrees
//! on every patient before anything is timed.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::borrow::Cow;
use std::sync::OnceLock;

use cairn_compiler::Compilation;
use cairn_compiler::interp;
use cairn_compiler::ir::Pathway;
use cairn_compiler::ir::facts::parse_facts;
use cairn_compiler::ir::value::FactValues;
use cairn_conformance::engine::generated::spinal_metastases as generated;
use cairn_conformance::patients;
use cairn_runtime::{Entry, FactsError, Plan};
use serde_json::Value;

/// How many patients every engine evaluates.
pub const PATIENTS: usize = 10_000;

/// The NICE pathway file, from the workspace root.
pub const PATHWAY: &str = "pathways/spinal-metastases/spinal-metastases.pathway";

/// The recommendation ids in the order of the pathway source (bit `i` of a mask is `IDS[i]`).
pub use cairn_conformance::nice::RECOMMENDATION_IDS as IDS;

/// Everything the benchmarks read, built once.
pub struct Fixture {
    /// The compiled pathway (kept for the interpreter and the analyses).
    pub compilation: Compilation,
    /// The patients as facts JSON, one object on one line each.
    pub json: Vec<String>,
    /// The patients as the generated engine's typed facts.
    pub typed: Vec<generated::Facts>,
    /// The patients as the interpreter's fact values.
    pub values: Vec<FactValues>,
    /// The patients as the hand-written function's facts.
    pub hand: Vec<HandFacts>,
    /// The static recommendations the hand-written plan builder copies from.
    pub table: PlanTable,
}

impl Fixture {
    /// The checked pathway.
    pub fn pathway(&self) -> &Pathway {
        self.compilation.checked().expect("the NICE pathway checks").0
    }
}

/// The fixture, built and checked on first use: every engine agrees on every patient.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(build)
}

fn build() -> Fixture {
    let root = cairn_conformance::workspace_root();
    let compilation = cairn_compiler::compile_file(&root.join(PATHWAY));
    let pathway = compilation.checked().expect("the NICE pathway checks").0;
    let json = patients::consistent_json(pathway, PATIENTS, patients::SEED);
    assert_eq!(json.len(), PATIENTS);
    let typed: Vec<generated::Facts> =
        json.iter().map(|j| serde_json::from_str(j).expect("generated facts")).collect();
    let values: Vec<FactValues> =
        json.iter().map(|j| parse_facts(pathway, j).expect("interpreter facts")).collect();
    let hand: Vec<HandFacts> = json.iter().map(|j| HandFacts::from_json(j)).collect();
    let table = PlanTable::from_generated(&typed, &hand);
    let fixture = Fixture { compilation, json, typed, values, hand, table };
    check_agreement(&fixture);
    fixture
}

/// Panics unless, on every patient, the generated engine, the interpreter and the
/// hand-written plan builder make the same plan byte for byte as JSON, and the hand-written
/// ids and the prepared interpreter's decision are the plan's ids in the same order.
fn check_agreement(fixture: &Fixture) {
    let pathway = fixture.pathway();
    let prepared = interp::Prepared::new(pathway);
    for (i, json) in fixture.json.iter().enumerate() {
        let generated = generated::evaluate(&fixture.typed[i]).expect("consistent");
        let interpreted = interp::run(pathway, &fixture.values[i]).expect("consistent");
        let decided: Vec<&str> = prepared
            .applicable(&fixture.values[i])
            .expect("consistent")
            .into_iter()
            .map(|id| pathway.recommendations[id.index()].name.node.as_str())
            .collect();
        let prepared = prepared.run(&fixture.values[i]).expect("consistent");
        let hand = handwritten_plan(&fixture.hand[i], &fixture.table).expect("consistent");
        let text = serde_json::to_string(&generated).unwrap();
        assert_eq!(text, serde_json::to_string(&interpreted).unwrap(), "interpreter on {json}");
        assert_eq!(text, serde_json::to_string(&prepared).unwrap(), "prepared on {json}");
        assert_eq!(text, serde_json::to_string(&hand).unwrap(), "hand-written plan on {json}");
        let ids: Vec<&str> = generated.ids().collect();
        assert_eq!(ids, handwritten_ids(&fixture.hand[i]).unwrap(), "hand-written ids on {json}");
        assert_eq!(ids, decided, "prepared interpreter's decision on {json}");
    }
}

/// One pass of each Cairn engine and of the hand-written function over every patient: what
/// each benchmark times (divan's, and the peers bench's same-run summary).
pub mod pass {
    use std::hint::black_box;

    use super::{Fixture, generated, handwritten_mask, interp};

    /// The hand-written reading, deciding which recommendations apply (a bit mask, no plan).
    pub fn handwritten_ids(fixture: &Fixture) {
        for facts in &fixture.hand {
            let _ = black_box(handwritten_mask(black_box(facts)));
        }
    }

    /// The hand-written reading building the same `Plan` as the generated engine.
    pub fn handwritten_plan(fixture: &Fixture) {
        for facts in &fixture.hand {
            let _ = black_box(super::handwritten_plan(black_box(facts), &fixture.table));
        }
    }

    /// The engine `cairn build` generates, on its typed `Facts`.
    pub fn generated(fixture: &Fixture) {
        for facts in &fixture.typed {
            let _ = black_box(generated::evaluate(black_box(facts)));
        }
    }

    /// The plain interpreter (`cairn run`), on parsed fact values.
    pub fn interpreter(fixture: &Fixture) {
        let pathway = fixture.pathway();
        for values in &fixture.values {
            let _ = black_box(interp::run(pathway, black_box(values)));
        }
    }

    /// The prepared interpreter (`cairn run --batch`) building every plan.
    pub fn prepared_plan(fixture: &Fixture, prepared: &interp::Prepared<'_>) {
        for values in &fixture.values {
            let _ = black_box(prepared.run(black_box(values)));
        }
    }

    /// The prepared interpreter deciding only which recommendations apply (ids, no plan).
    pub fn prepared_decision(fixture: &Fixture, prepared: &interp::Prepared<'_>) {
        for values in &fixture.values {
            let _ = black_box(prepared.applicable(black_box(values)));
        }
    }
}

/// The plan's recommendation ids, in order.
pub fn plan_ids<'p>(plan: &'p Plan<'_>) -> Vec<&'p str> {
    plan.ids().collect()
}

/// The cancer history, as the hand-written function reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// No cancer diagnosis.
    None,
    /// A past or current diagnosis.
    PastOrCurrent,
}

/// The primary cancer, as the hand-written function reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primary {
    /// `none`.
    None,
    /// `breast`.
    Breast,
    /// `prostate`.
    Prostate,
    /// `lung`, `renal` or `other_solid`.
    OtherSolid,
    /// `unknown_primary`.
    Unknown,
    /// `myeloma`.
    Myeloma,
    /// `lymphoma`, `leukaemia` or `other_haematological`.
    OtherHaematological,
}

/// Pain severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// `mild`.
    Mild,
    /// `moderate`.
    Moderate,
    /// `severe`.
    Severe,
}

/// Bit of `severe_unremitting_back_pain` in [`HandFacts::box1`].
pub const SEVERE_UNREMITTING: u8 = 1;
/// Bit of `mechanical_pain` in [`HandFacts::box1`].
pub const MECHANICAL: u8 = 4;

/// The facts, as a straightforward hand-written program would hold them.
#[derive(Debug, Clone, Copy)]
pub struct HandFacts {
    /// `cancer_history`.
    pub history: History,
    /// `primary_cancer`.
    pub primary: Primary,
    /// `primary_cancer_confirmed`.
    pub primary_confirmed: bool,
    /// `box1_pain_features`, one bit per feature in the order of the interface.
    pub box1: u8,
    /// `neuro_symptoms_or_signs`.
    pub neuro: bool,
    /// `cancer_suspected`.
    pub cancer_suspected: bool,
    /// `pain_severity`.
    pub severity: Severity,
    /// `pain_associated_with_movement`.
    pub pain_with_movement: bool,
    /// `spinal_metastases_confirmed`.
    pub metastases_confirmed: bool,
    /// `mri_contraindicated`.
    pub mri_contraindicated: bool,
    /// `recent_ct_available`.
    pub recent_ct: bool,
    /// `spinal_stability_assessment` is `stability_likely`.
    pub stability_likely: bool,
    /// `conventional_analgesia_controls_pain`.
    pub analgesia_controls_pain: bool,
    /// `admitted_to_hospital`.
    pub admitted: bool,
}

impl HandFacts {
    /// Reads a consistent patient's facts JSON (setup only: not timed).
    pub fn from_json(json: &str) -> HandFacts {
        let v: Value = serde_json::from_str(json).unwrap();
        let s = |k: &str| v[k].as_str().unwrap().to_string();
        let b = |k: &str| v[k].as_bool().unwrap();
        let box1_names = [
            "severe_unremitting_back_pain",
            "progressive_back_pain",
            "mechanical_pain",
            "back_pain_aggravated_by_straining",
            "night_time_back_pain_disturbing_sleep",
            "localised_tenderness",
            "claudication",
        ];
        let mut box1 = 0u8;
        for item in v["box1_pain_features"].as_array().unwrap() {
            let at = box1_names.iter().position(|n| Some(*n) == item.as_str()).unwrap();
            box1 |= 1 << at;
        }
        HandFacts {
            history: if s("cancer_history") == "none" {
                History::None
            } else {
                History::PastOrCurrent
            },
            primary: match s("primary_cancer").as_str() {
                "none" => Primary::None,
                "breast" => Primary::Breast,
                "prostate" => Primary::Prostate,
                "lung" | "renal" | "other_solid" => Primary::OtherSolid,
                "unknown_primary" => Primary::Unknown,
                "myeloma" => Primary::Myeloma,
                "lymphoma" | "leukaemia" | "other_haematological" => Primary::OtherHaematological,
                other => panic!("primary cancer {other}"),
            },
            primary_confirmed: b("primary_cancer_confirmed"),
            box1,
            neuro: b("neuro_symptoms_or_signs"),
            cancer_suspected: b("cancer_suspected"),
            severity: match s("pain_severity").as_str() {
                "mild" => Severity::Mild,
                "moderate" => Severity::Moderate,
                _ => Severity::Severe,
            },
            pain_with_movement: b("pain_associated_with_movement"),
            metastases_confirmed: b("spinal_metastases_confirmed"),
            mri_contraindicated: b("mri_contraindicated"),
            recent_ct: b("recent_ct_available"),
            stability_likely: s("spinal_stability_assessment") == "stability_likely",
            analgesia_controls_pain: b("conventional_analgesia_controls_pain"),
            admitted: b("admitted_to_hospital"),
        }
    }
}

/// The reading of the interface, hand-written: the recommendations that apply as a mask (bit
/// `i` is [`IDS`]`[i]`), or the name of the first broken constraint.
#[inline(never)]
pub fn handwritten_mask(f: &HandFacts) -> Result<u32, &'static str> {
    if (f.history == History::None) != (f.primary == Primary::None) {
        return Err("history_matches_primary");
    }
    if f.history == History::None && f.metastases_confirmed {
        return Err("no_metastases_without_cancer");
    }
    if f.box1 & SEVERE_UNREMITTING != 0 && f.severity != Severity::Severe {
        return Err("severe_unremitting_pain_is_severe");
    }
    if f.box1 & MECHANICAL != 0 && !f.pain_with_movement {
        return Err("mechanical_pain_moves");
    }
    let in_pathway = f.box1 != 0 && f.history == History::PastOrCurrent;
    let neurological = in_pathway && f.neuro;
    let main = in_pathway && !f.neuro;
    let haematological = matches!(f.primary, Primary::Myeloma | Primary::OtherHaematological);
    let confirmed_haematological = haematological && f.primary_confirmed;
    let suspected = in_pathway && !f.metastases_confirmed;
    let diagnosed = in_pathway && f.metastases_confirmed;
    let mut m = 0u32;
    let mut set = |bit: u32, on: bool| m |= u32::from(on) << bit;
    set(0, neurological);
    set(1, main && f.severity != Severity::Mild && f.pain_with_movement);
    set(2, main);
    set(3, main);
    set(4, main);
    set(5, main && (f.severity == Severity::Severe || confirmed_haematological));
    set(6, in_pathway && confirmed_haematological);
    set(7, main && suspected && !f.mri_contraindicated);
    set(8, main && suspected && f.mri_contraindicated);
    set(9, main && (f.recent_ct || (suspected && f.mri_contraindicated)));
    set(10, main && f.metastases_confirmed);
    set(11, main && f.stability_likely);
    for bit in [12, 13, 14, 15, 16, 17] {
        set(bit, diagnosed);
    }
    set(18, diagnosed && f.admitted);
    set(19, diagnosed);
    let bisphosphonate = matches!(f.primary, Primary::Myeloma | Primary::Breast)
        || (f.primary == Primary::Prostate && !f.analgesia_controls_pain);
    set(20, diagnosed && bisphosphonate);
    set(21, diagnosed && matches!(f.primary, Primary::Breast | Primary::OtherSolid));
    set(22, f.history == History::None && f.box1 != 0 && f.cancer_suspected);
    Ok(m)
}

/// The hand-written function's ids, in order.
pub fn handwritten_ids(f: &HandFacts) -> Result<Vec<&'static str>, &'static str> {
    let mask = handwritten_mask(f)?;
    Ok(IDS.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, id)| *id).collect())
}

/// The static recommendations a hand-written plan builder copies: one per id, and the second
/// `why` of `consider_multiplanar_ct_review` (when the CT is new because MRI is
/// contraindicated, not recent). Taken from the generated engine's plans at setup, so the
/// builder's data is the same static data (entries borrowing the generated statics) and only
/// its logic is hand-written.
pub struct PlanTable {
    /// By bit, as in [`IDS`].
    pub recommendations: Vec<Entry<'static>>,
    /// `consider_multiplanar_ct_review` without recent CT images.
    pub multiplanar_new_ct: Entry<'static>,
}

impl PlanTable {
    fn from_generated(typed: &[generated::Facts], hand: &[HandFacts]) -> PlanTable {
        let mut found: Vec<Option<Entry<'static>>> = vec![None; IDS.len()];
        let mut new_ct = None;
        for (facts, h) in typed.iter().zip(hand) {
            for rec in generated::evaluate(facts).unwrap().recommendations {
                let bit = IDS.iter().position(|id| *id == rec.id).unwrap();
                if bit == 9 && !h.recent_ct {
                    new_ct.get_or_insert(rec);
                } else {
                    found[bit].get_or_insert(rec);
                }
            }
        }
        PlanTable {
            recommendations: found.into_iter().map(|r| r.expect("every id seen")).collect(),
            multiplanar_new_ct: new_ct.expect("seen"),
        }
    }
}

/// The hand-written function building the same [`Plan`] as the generated engine: the mask's
/// recommendations copied from static data, into a vector of the right size.
#[inline(never)]
pub fn handwritten_plan(f: &HandFacts, table: &PlanTable) -> Result<Plan<'static>, FactsError> {
    let mask = handwritten_mask(f).map_err(|constraint| FactsError::Inconsistent {
        constraint: Cow::Borrowed(constraint),
        description: Cow::Borrowed(""),
    })?;
    let mut recommendations = Vec::with_capacity(mask.count_ones() as usize);
    let mut rest = mask;
    while rest != 0 {
        let bit = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        let rec = if bit == 9 && !f.recent_ct {
            &table.multiplanar_new_ct
        } else {
            &table.recommendations[bit]
        };
        recommendations.push(rec.clone());
    }
    Ok(Plan { pathway: Cow::Borrowed(generated::PATHWAY), recommendations })
}
