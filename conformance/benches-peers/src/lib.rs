//! The NICE spinal metastases reading as the peers express it: a JSONLogic rule for
//! datalogic-rs and a JDM decision graph for GoRules zen-engine, both returning which
//! recommendations apply. `benches/peers.rs` checks them against the Cairn engines on every
//! patient and times them. Both follow `pathways/spinal-metastases/interface.md`; neither checks
//! the constraints, since every benchmark patient is consistent (Cairn's engines do check).

use serde_json::{Value, json};

/// The recommendation ids in the order of the pathway source.
pub use cairn_conformance::nice::RECOMMENDATION_IDS as IDS;

fn var(name: &str) -> Value {
    json!({ "var": name })
}

fn and(items: &[Value]) -> Value {
    json!({ "and": items })
}

fn or(items: &[Value]) -> Value {
    json!({ "or": items })
}

fn not(item: Value) -> Value {
    json!({ "!": [item] })
}

fn is(name: &str, value: &str) -> Value {
    json!({ "==": [var(name), value] })
}

fn one_of(name: &str, values: &[&str]) -> Value {
    json!({ "in": [var(name), values] })
}

/// The JSONLogic rule: an array of the ids that apply, in source order. JSONLogic has no
/// named sub-expressions, so each condition is written out where it is used, as a JSONLogic
/// author would.
pub fn jsonlogic_rule() -> Value {
    let box1 = json!({ "!!": [var("box1_pain_features")] });
    let in_pathway = and(&[box1.clone(), one_of("cancer_history", &["past", "current"])]);
    let main = and(&[in_pathway.clone(), not(var("neuro_symptoms_or_signs"))]);
    let neurological = and(&[in_pathway.clone(), var("neuro_symptoms_or_signs")]);
    let confirmed_haem = and(&[
        one_of("primary_cancer", &["myeloma", "lymphoma", "leukaemia", "other_haematological"]),
        var("primary_cancer_confirmed"),
    ]);
    let suspected = and(&[in_pathway.clone(), not(var("spinal_metastases_confirmed"))]);
    let diagnosed = and(&[in_pathway.clone(), var("spinal_metastases_confirmed")]);
    let new_ct = and(&[suspected.clone(), var("mri_contraindicated")]);
    let conditions: Vec<Value> = vec![
        neurological,
        and(&[
            main.clone(),
            one_of("pain_severity", &["moderate", "severe"]),
            var("pain_associated_with_movement"),
        ]),
        main.clone(),
        main.clone(),
        main.clone(),
        and(&[main.clone(), or(&[is("pain_severity", "severe"), confirmed_haem.clone()])]),
        and(&[in_pathway.clone(), confirmed_haem]),
        and(&[main.clone(), suspected.clone(), not(var("mri_contraindicated"))]),
        and(&[main.clone(), new_ct.clone()]),
        and(&[main.clone(), or(&[var("recent_ct_available"), new_ct])]),
        and(&[main.clone(), var("spinal_metastases_confirmed")]),
        and(&[main, is("spinal_stability_assessment", "stability_likely")]),
        diagnosed.clone(),
        diagnosed.clone(),
        diagnosed.clone(),
        diagnosed.clone(),
        diagnosed.clone(),
        diagnosed.clone(),
        and(&[diagnosed.clone(), var("admitted_to_hospital")]),
        diagnosed.clone(),
        and(&[
            diagnosed.clone(),
            or(&[
                one_of("primary_cancer", &["myeloma", "breast"]),
                and(&[
                    is("primary_cancer", "prostate"),
                    not(var("conventional_analgesia_controls_pain")),
                ]),
            ]),
        ]),
        and(&[diagnosed, one_of("primary_cancer", &["breast", "lung", "renal", "other_solid"])]),
        and(&[is("cancer_history", "none"), box1, var("cancer_suspected")]),
    ];
    let parts: Vec<Value> = conditions
        .into_iter()
        .zip(IDS)
        .map(|(condition, id)| json!({ "if": [condition, [id], []] }))
        .collect();
    json!({ "merge": parts })
}

/// The JDM decision graph for zen-engine: input, an expression node of the named conditions,
/// one of the conditions built on them, one of a boolean per recommendation (`r0` .. `r22`,
/// in source order), and output.
pub fn jdm_graph() -> Value {
    let conditions = [
        ("has_box1", "len(box1_pain_features) > 0"),
        ("haem", "primary_cancer in ['myeloma', 'lymphoma', 'leukaemia', 'other_haematological']"),
        ("severe", "pain_severity == 'severe'"),
        (
            "moderate_or_severe_with_movement",
            "pain_severity in ['moderate', 'severe'] and pain_associated_with_movement",
        ),
        (
            "bisphosphonate_indication",
            "primary_cancer in ['myeloma', 'breast'] or (primary_cancer == 'prostate' and not conventional_analgesia_controls_pain)",
        ),
        (
            "solid_other_than_prostate",
            "primary_cancer in ['breast', 'lung', 'renal', 'other_solid']",
        ),
    ];
    let derived = [
        ("in_pathway", "has_box1 and cancer_history in ['past', 'current']"),
        ("confirmed_haem", "haem and primary_cancer_confirmed"),
    ];
    let branches = [
        ("neurological", "in_pathway and neuro_symptoms_or_signs"),
        ("main", "in_pathway and not neuro_symptoms_or_signs"),
        ("suspected", "in_pathway and not spinal_metastases_confirmed"),
        ("diagnosed", "in_pathway and spinal_metastases_confirmed"),
    ];
    let recommendations = [
        "neurological",
        "main and moderate_or_severe_with_movement",
        "main",
        "main",
        "main",
        "main and (severe or confirmed_haem)",
        "in_pathway and confirmed_haem",
        "main and suspected and not mri_contraindicated",
        "main and suspected and mri_contraindicated",
        "main and (recent_ct_available or (suspected and mri_contraindicated))",
        "main and spinal_metastases_confirmed",
        "main and spinal_stability_assessment == 'stability_likely'",
        "diagnosed",
        "diagnosed",
        "diagnosed",
        "diagnosed",
        "diagnosed",
        "diagnosed",
        "diagnosed and admitted_to_hospital",
        "diagnosed",
        "diagnosed and bisphosphonate_indication",
        "diagnosed and solid_other_than_prostate",
        "cancer_history == 'none' and has_box1 and cancer_suspected",
    ];
    let node = |id: &str, pass: bool, expressions: Vec<(String, String)>| {
        json!({
            "id": id, "name": id, "type": "expressionNode",
            "content": {
                "passThrough": pass,
                "expressions": expressions.iter().enumerate().map(|(i, (key, value))| json!({
                    "id": format!("{id}-{i}"), "key": key, "value": value
                })).collect::<Vec<_>>()
            }
        })
    };
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect()
    };
    let recs: Vec<(String, String)> = recommendations
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("r{i}"), (*v).to_string()))
        .collect();
    json!({
        "nodes": [
            { "id": "in", "name": "in", "type": "inputNode", "content": {} },
            node("conditions", true, owned(&conditions)),
            node("derived", true, owned(&derived)),
            node("branches", true, owned(&branches)),
            node("recommendations", false, recs),
            { "id": "out", "name": "out", "type": "outputNode", "content": {} }
        ],
        "edges": [
            { "id": "e1", "sourceId": "in", "targetId": "conditions" },
            { "id": "e2", "sourceId": "conditions", "targetId": "derived" },
            { "id": "e3", "sourceId": "derived", "targetId": "branches" },
            { "id": "e4", "sourceId": "branches", "targetId": "recommendations" },
            { "id": "e5", "sourceId": "recommendations", "targetId": "out" }
        ]
    })
}

/// The ids whose `r<i>` is `true` in the decision graph's result, in source order.
pub fn jdm_ids(result: &Value) -> Vec<&'static str> {
    IDS.iter()
        .enumerate()
        .filter(|(i, _)| result.get(format!("r{i}")).and_then(Value::as_bool) == Some(true))
        .map(|(_, id)| *id)
        .collect()
}
