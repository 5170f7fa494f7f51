//! The NICE spinal metastases pathway as `pathways/spinal-metastases/interface.md` names it,
//! written out by hand for code that must not take it from the compiler: the benchmarks'
//! hand-written reference function and the peers' rules (JSONLogic, JDM).

/// The recommendation ids, in the order of the pathway source.
pub const RECOMMENDATION_IDS: [&str; 23] = [
    "contact_mscc_coordinator_immediately",
    "consider_immobilisation",
    "seek_mscc_coordinator_advice_24h",
    "pain_assessment_and_plan",
    "ensure_adequate_analgesia",
    "consider_corticosteroids",
    "offer_dexamethasone_16mg",
    "mri_within_1_week",
    "ct_if_mri_contraindicated",
    "consider_multiplanar_ct_review",
    "consider_validated_scoring_system",
    "graded_sitting_then_weight_bearing",
    "discuss_diagnosis_and_treatment_options",
    "holistic_needs_assessment",
    "offer_advance_care_planning_discussion",
    "advise_on_accessing_support",
    "personalised_care_plan",
    "offer_support_and_rehabilitation",
    "start_discharge_planning",
    "offer_supportive_care_for_complications",
    "bisphosphonate",
    "denosumab",
    "refer_urgent_oncology_assessment",
];
