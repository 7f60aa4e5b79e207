//! The JSON packet (Export… as .json, `report::json`), read by its fields.

use super::{Failure, PacketKind, Raw};
use serde_json::Value;

// ---- JSON (report::json) ----

fn text_at(value: &Value, pointer: &str) -> Option<String> {
    match value.pointer(pointer)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(super) fn from_json(value: &Value, notes: &mut Vec<String>) -> Raw {
    let mut raw = Raw::new(PacketKind::Json);
    raw.authority = text_at(value, "/authority");
    raw.client_id = text_at(value, "/client_id");
    raw.tenant = text_at(value, "/tenant");
    raw.generated_at = text_at(value, "/generated_at");
    raw.presenter_mode = value.pointer("/presenter_mode").and_then(Value::as_bool);
    let mut misshapen = Vec::new();
    for (field, wanted_object) in [
        ("error", true),
        ("sign_in", true),
        ("what_if", true),
        ("sign_in_facts", false),
    ] {
        match value.get(field) {
            None | Some(Value::Null) => {}
            Some(Value::Object(_)) if wanted_object => {}
            Some(Value::Array(_)) if !wanted_object => {}
            Some(_) => misshapen.push(field),
        }
    }
    if !misshapen.is_empty() {
        notes.push(format!(
            "Part of this packet is not in the shape Sign-in Doctor writes ({}), so it was left out.",
            misshapen.join(", ")
        ));
    }
    if value.pointer("/error").is_some_and(Value::is_object) {
        raw.pasted = Failure {
            code: text_at(value, "/error/code"),
            request_id: text_at(value, "/error/trace_id"),
            correlation_id: text_at(value, "/error/correlation_id"),
            timestamp: text_at(value, "/error/timestamp"),
        };
        raw.what_if_app = text_at(value, "/error/app_id");
    }
    if value.pointer("/sign_in").is_some_and(Value::is_object) {
        raw.client_request_id = text_at(value, "/sign_in/client_request_id");
        raw.started_at = text_at(value, "/sign_in/started_at");
        raw.flow = text_at(value, "/sign_in/flow");
        match text_at(value, "/sign_in/result/kind").as_deref() {
            Some("refused") => {
                raw.attempt = Failure {
                    code: text_at(value, "/sign_in/result/code"),
                    request_id: text_at(value, "/sign_in/result/trace_id"),
                    correlation_id: text_at(value, "/sign_in/result/correlation_id"),
                    timestamp: text_at(value, "/sign_in/result/timestamp"),
                }
            }
            Some("signed_in") => raw.user = text_at(value, "/sign_in/result/account"),
            _ => {}
        }
    }
    if let Some(facts) = value.get("sign_in_facts").and_then(Value::as_array) {
        for fact in facts.iter().take(64) {
            match fact.get("key").and_then(Value::as_str) {
                Some("user") => raw.user = raw.user.take().or_else(|| text_at(fact, "/value")),
                Some("sign_in_flow") => raw.flow = raw.flow.take().or_else(|| text_at(fact, "/value")),
                _ => {}
            }
        }
    }
    if value.pointer("/what_if").is_some_and(Value::is_object) {
        raw.what_if_user = text_at(value, "/what_if/user");
        raw.what_if_app = text_at(value, "/what_if/client_app_id").or(raw.what_if_app.take());
        raw.resource = text_at(value, "/what_if/resource");
        raw.client_app_type = text_at(value, "/what_if/client_app_type");
        raw.authentication_flow = text_at(value, "/what_if/authentication_flow");
        raw.platform = text_at(value, "/what_if/device_platform");
        raw.device_state = text_at(value, "/what_if/device_state");
        // The IP address Entra saw (from a pasted error page), else the location's words.
        raw.location = text_at(value, "/what_if/ip_address").or_else(|| text_at(value, "/what_if/location"));
        raw.what_if_time = text_at(value, "/what_if/sign_in_time_utc");
        raw.what_if_ip = text_at(value, "/what_if/ip_address");
    }
    if raw.platform.is_none() {
        raw.platform = text_at(value, "/device/platform");
    }
    raw
}
