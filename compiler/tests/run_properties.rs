//! Properties of the interpreter on the NICE spinal metastases pathway, over random facts: it
//! never panics, refuses exactly the inconsistent facts (naming a constraint they break), and
//! every plan keeps the clinical reading of the contract (pathways/spinal-metastases/interface.md).

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::OnceLock;

use cairn_compiler::interp;
use cairn_compiler::ir::Pathway;
use cairn_runtime::{FactsError, Plan};
use proptest::prelude::*;
use serde_json::{Value, json};

fn pathway() -> &'static Pathway {
    static PATHWAY: OnceLock<Pathway> = OnceLock::new();
    PATHWAY.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../pathways/spinal-metastases/spinal-metastases.pathway");
        let compilation = cairn_compiler::compile_file(&path);
        compilation.checked().unwrap().0.clone()
    })
}

const HISTORY: [&str; 3] = ["none", "past", "current"];
const PRIMARY: [&str; 11] = [
    "none",
    "breast",
    "prostate",
    "lung",
    "renal",
    "other_solid",
    "unknown_primary",
    "myeloma",
    "lymphoma",
    "leukaemia",
    "other_haematological",
];
const BOX1: [&str; 7] = [
    "severe_unremitting_back_pain",
    "progressive_back_pain",
    "mechanical_pain",
    "back_pain_aggravated_by_straining",
    "night_time_back_pain_disturbing_sleep",
    "localised_tenderness",
    "claudication",
];
const SEVERITY: [&str; 3] = ["mild", "moderate", "severe"];
const STABILITY: [&str; 3] =
    ["not_assessed", "stability_likely", "instability_possible_or_unclear"];

/// Facts of the right types, consistent or not.
#[derive(Debug, Clone)]
struct Facts {
    history: &'static str,
    primary: &'static str,
    confirmed: bool,
    box1: Vec<&'static str>,
    neuro: bool,
    cancer_suspected: bool,
    severity: &'static str,
    with_movement: bool,
    metastases_confirmed: bool,
    mri_contraindicated: bool,
    recent_ct: bool,
    stability: &'static str,
    analgesia_controls: bool,
    admitted: bool,
}

impl Facts {
    fn to_json(&self) -> String {
        json!({
            "cancer_history": self.history,
            "primary_cancer": self.primary,
            "primary_cancer_confirmed": self.confirmed,
            "box1_pain_features": self.box1,
            "neuro_symptoms_or_signs": self.neuro,
            "cancer_suspected": self.cancer_suspected,
            "pain_severity": self.severity,
            "pain_associated_with_movement": self.with_movement,
            "spinal_metastases_confirmed": self.metastases_confirmed,
            "mri_contraindicated": self.mri_contraindicated,
            "recent_ct_available": self.recent_ct,
            "spinal_stability_assessment": self.stability,
            "conventional_analgesia_controls_pain": self.analgesia_controls,
            "admitted_to_hospital": self.admitted,
        })
        .to_string()
    }

    /// The constraints of the contract that these facts break, in source order.
    fn broken(&self) -> Vec<&'static str> {
        let mut broken = Vec::new();
        if (self.history == "none") != (self.primary == "none") {
            broken.push("history_matches_primary");
        }
        if self.history == "none" && self.metastases_confirmed {
            broken.push("no_metastases_without_cancer");
        }
        if self.box1.contains(&"severe_unremitting_back_pain") && self.severity != "severe" {
            broken.push("severe_unremitting_pain_is_severe");
        }
        if self.box1.contains(&"mechanical_pain") && !self.with_movement {
            broken.push("mechanical_pain_moves");
        }
        broken
    }

    fn in_pathway(&self) -> bool {
        !self.box1.is_empty() && self.history != "none"
    }

    fn confirmed_haematological(&self) -> bool {
        self.confirmed
            && ["myeloma", "lymphoma", "leukaemia", "other_haematological"].contains(&self.primary)
    }
}

fn facts() -> impl Strategy<Value = Facts> {
    (
        (
            prop::sample::select(&HISTORY[..]),
            prop::sample::select(&PRIMARY[..]),
            any::<bool>(),
            prop::sample::subsequence(&BOX1[..], 0..=BOX1.len()),
            any::<bool>(),
            any::<bool>(),
            prop::sample::select(&SEVERITY[..]),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop::sample::select(&STABILITY[..]),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (history, primary, confirmed, box1, neuro, cancer_suspected, severity),
                (
                    with_movement,
                    metastases_confirmed,
                    mri_contraindicated,
                    recent_ct,
                    stability,
                    analgesia_controls,
                    admitted,
                ),
            )| Facts {
                history,
                primary,
                confirmed,
                box1,
                neuro,
                cancer_suspected,
                severity,
                with_movement,
                metastases_confirmed,
                mri_contraindicated,
                recent_ct,
                stability,
                analgesia_controls,
                admitted,
            },
        )
}

/// The recommendations of the flow for people without neurological symptoms or signs.
const MAIN_BRANCH_ONLY: [&str; 10] = [
    "consider_immobilisation",
    "seek_mscc_coordinator_advice_24h",
    "pain_assessment_and_plan",
    "ensure_adequate_analgesia",
    "consider_corticosteroids",
    "mri_within_1_week",
    "ct_if_mri_contraindicated",
    "consider_multiplanar_ct_review",
    "consider_validated_scoring_system",
    "graded_sitting_then_weight_bearing",
];

fn check_plan(facts: &Facts, plan: &Plan) {
    let ids: Vec<&str> = plan.ids().collect();
    // In source order, each once.
    let order: Vec<usize> = ids
        .iter()
        .map(|id| pathway().recommendations.iter().position(|r| r.name.node == *id).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{ids:?}");

    let main_branch = facts.in_pathway() && !facts.neuro;
    assert_eq!(
        plan.contains("contact_mscc_coordinator_immediately"),
        facts.in_pathway() && facts.neuro
    );
    assert_eq!(plan.contains("seek_mscc_coordinator_advice_24h"), main_branch);
    if facts.neuro {
        for id in MAIN_BRANCH_ONLY {
            assert!(!plan.contains(id), "{id} in the neurological branch");
        }
    }
    assert_eq!(
        plan.contains("offer_dexamethasone_16mg"),
        facts.in_pathway() && facts.confirmed_haematological()
    );
    assert!(!(plan.contains("mri_within_1_week") && plan.contains("ct_if_mri_contraindicated")));
    assert_eq!(
        plan.contains("mri_within_1_week"),
        main_branch && !facts.metastases_confirmed && !facts.mri_contraindicated
    );
    assert_eq!(
        plan.contains("holistic_needs_assessment"),
        facts.in_pathway() && facts.metastases_confirmed
    );
    assert_eq!(
        plan.contains("refer_urgent_oncology_assessment"),
        facts.history == "none" && !facts.box1.is_empty() && facts.cancer_suspected
    );
    assert!(!(plan.contains("denosumab") && facts.primary == "prostate"));
    for rec in &plan.recommendations {
        assert!(!rec.citations.is_empty(), "{} cites its sentence", rec.id);
        assert!(rec.citations.iter().all(|c| !c.text.is_empty()));
        assert!(!rec.why.is_empty(), "{} says why", rec.id);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn facts_of_the_right_types_give_a_plan_or_name_a_broken_constraint(facts in facts()) {
        let result = interp::run_json(pathway(), &facts.to_json());
        let broken = facts.broken();
        match result {
            Ok(plan) => {
                prop_assert!(broken.is_empty(), "accepted facts that break {broken:?}");
                check_plan(&facts, &plan);
            }
            Err(FactsError::Inconsistent { constraint, .. }) => {
                // The first broken constraint in source order, as the generated engine reports.
                prop_assert_eq!(broken.first().copied(), Some(constraint.as_ref()));
            }
            Err(other) => prop_assert!(false, "refused well-typed facts: {other}"),
        }
    }

    #[test]
    fn any_text_is_a_plan_or_an_error_never_a_panic(text in any::<String>()) {
        let _ = interp::run_json(pathway(), &text);
    }

    #[test]
    fn damaged_facts_are_refused_without_a_panic(
        facts in facts(),
        cut in 0usize..600,
        insert in prop::sample::select(vec!["", "\"", "{", "}", ",", "null", "\"x\":1,", "\u{0}", "[]"]),
    ) {
        let text = facts.to_json();
        let at = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let damaged = format!("{}{insert}{}", &text[..at], &text[at..]);
        if let Err(error) = interp::run_json(pathway(), &damaged) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn wrong_values_name_the_fact(
        facts in facts(),
        key in prop::sample::select(vec![
            "cancer_history", "primary_cancer", "primary_cancer_confirmed", "box1_pain_features",
            "neuro_symptoms_or_signs", "pain_severity", "spinal_stability_assessment",
        ]),
        value in prop::sample::select(vec![json!(null), json!(1), json!("maybe"), json!([true]), json!({})]),
    ) {
        let mut json: Value = serde_json::from_str(&facts.to_json()).unwrap();
        json[key] = value;
        match interp::run_json(pathway(), &json.to_string()) {
            Err(FactsError::Invalid { message }) => {
                prop_assert!(message.starts_with(&format!("fact `{key}` must be ")), "{message}");
            }
            other => prop_assert!(false, "{key}: {other:?}"),
        }
    }
}
