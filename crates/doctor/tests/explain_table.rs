//! The explainer against error texts in every shape people paste: each row
//! asserts every field of the `explain --json` contract, and that decoy
//! GUIDs (device IDs, client request IDs, ParentRequestId, state) are not taken.

use doctor::aadsts::{explain, knowledge};

#[path = "support/explain_rows.rs"]
mod explain_rows;
use explain_rows::*;

#[test]
fn every_shape_gives_every_field_and_no_decoy() {
    let rows = table();
    assert!(rows.len() >= 40, "{} rows", rows.len());
    for row in rows {
        let e = explain(&row.text);
        let at = row.shape;
        assert_eq!(e.code, row.code, "{at}: code");
        assert_eq!(e.other_codes, row.other, "{at}: other_codes");
        assert_eq!(e.error.as_deref(), row.error, "{at}: error");
        assert_eq!(e.trace_id.as_deref(), row.trace, "{at}: trace_id");
        assert_eq!(e.correlation_id.as_deref(), row.correlation, "{at}: correlation_id");
        assert_eq!(e.timestamp.as_deref(), row.timestamp, "{at}: timestamp");
        assert_eq!(e.app_id.as_deref(), row.app, "{at}: app_id");
        let known = row.code.and_then(knowledge::lookup);
        assert_eq!(e.name, known.map(|k| k.name), "{at}: name");
        if let Some(name) = row.name {
            assert_eq!(e.name, Some(name), "{at}: official name");
        }
        assert_eq!(e.who_fixes, known.map(|k| k.who_fixes), "{at}: who_fixes");
        assert!(!e.summary.is_empty() && !e.steps.is_empty(), "{at}: summary and steps");
        // The page's own "Device identifier" line is reported where it belongs
        // (`page.device_id`); no ID field ever takes a decoy.
        let mut answer = serde_json::to_value(&e).expect("json");
        if let Some(page) = answer.get_mut("page").and_then(|p| p.as_object_mut()) {
            let device = page.remove("device_id");
            page.remove("device_id_segments");
            assert!(
                device.as_ref().is_none_or(|d| d.is_null() || *d == DEVICE),
                "{at}: page device_id {device:?}"
            );
        }
        for decoy in [DEVICE, CLIENT_REQUEST, PARENT, STATE] {
            let json = answer.to_string();
            assert!(!json.contains(decoy), "{at}: decoy {decoy} taken: {json}");
        }
    }
}

#[test]
fn the_53003_explanation_matches_the_contract_example() {
    let e = explain(&browser_block(53003, ""));
    let json = serde_json::to_value(&e).expect("json");
    assert_eq!(json["code"], 53003);
    assert_eq!(json["name"], "BlockedByConditionalAccess");
    assert_eq!(json["category"], "conditional_access");
    assert_eq!(json["who_fixes"], "admin");
    assert_eq!(json["timestamp"], TS);
    assert_eq!(json["other_codes"], serde_json::json!([]));
    assert!(json["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn a_huge_paste_is_read_up_to_the_limit_without_trouble() {
    let text = format!("AADSTS53003: Blocked. Trace ID: {T}\n{}", "x".repeat(2 * 1024 * 1024));
    let e = explain(&text);
    assert_eq!(e.code, Some(53003));
    assert_eq!(e.trace_id.as_deref(), Some(T));
}

#[test]
fn the_words_come_with_the_ids() {
    let known = serde_json::to_value(explain("AADSTS50126: Error validating credentials.")).expect("json");
    assert_eq!(known["category"], "account");
    assert_eq!(known["category_words"], "Account and password");
    assert_eq!(known["who_fixes"], "user");
    assert_eq!(known["who_fixes_words"], "you");
    // An unknown code of a known family: its family's words, and no one named.
    let family = serde_json::to_value(explain("AADSTS53999: Blocked.")).expect("json");
    assert_eq!(family["category_words"], "Conditional Access");
    assert_eq!(family["who_fixes_words"], serde_json::Value::Null);
    let none = serde_json::to_value(explain("no code here")).expect("json");
    assert_eq!(none["category_words"], serde_json::Value::Null);
    assert_eq!(none["who_fixes_words"], serde_json::Value::Null);
}
