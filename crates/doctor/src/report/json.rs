//! The packet as JSON, for tools: the same facts, typed where they have a
//! type, and redacted by the same function as the other formats.

use super::{mask_personal, Packet};
use crate::signin::AttemptOutcome;
use serde_json::{json, Value};

/// Applies presenter-mode masking to every string in the value.
fn mask_all(value: &mut Value, mask: bool) {
    match value {
        Value::String(s) => *s = mask_personal(s, false, mask),
        Value::Array(items) => items.iter_mut().for_each(|v| mask_all(v, mask)),
        Value::Object(map) => map.values_mut().for_each(|v| mask_all(v, mask)),
        _ => {}
    }
}

pub fn json(packet: &Packet<'_>) -> String {
    let mask = packet.mask_personal;
    let sign_in = packet.attempt.map(|a| {
        let mut value = json!({
            "flow": a.flow,
            "client_request_id": a.client_request_id,
            "started_at": a.started_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        });
        value["result"] = match &a.outcome {
            AttemptOutcome::SignedIn {
                account, expires_at, ..
            } => json!({
                "kind": "signed_in",
                "account": mask_personal(&account.label(), true, mask),
                "tenant_id": account.tenant_id,
                "expires_at": expires_at.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            }),
            AttemptOutcome::Refused { error } => json!({
                "kind": "refused",
                "code": error.code,
                "error": error.error,
                "trace_id": error.trace_id,
                "correlation_id": error.correlation_id,
                "timestamp": error.timestamp_utc.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            }),
            AttemptOutcome::Cancelled => json!({"kind": "cancelled"}),
            AttemptOutcome::TimedOut { waited_seconds } => {
                json!({"kind": "timed_out", "waited_seconds": waited_seconds})
            }
            AttemptOutcome::Failed(failure) => {
                json!({"kind": "failed", "step": failure.step, "message": failure.message})
            }
        };
        value
    });
    let checks: Vec<Value> = packet
        .run
        .map(|run| {
            run.results
                .iter()
                .map(|r| json!({"id": r.id, "title": r.title, "status": r.status, "summary": r.summary}))
                .collect()
        })
        .unwrap_or_default();
    let facts = |facts: &[crate::device::Fact]| -> Vec<Value> {
        facts
            .iter()
            .map(|f| {
                json!({
                    "key": f.key,
                    "label": f.label,
                    "value": f.value.as_deref().map(|v| mask_personal(v, f.personal, mask)),
                    "availability": f.availability,
                    "note": f.note,
                })
            })
            .collect()
    };
    let mut value = json!({
        "report": "Sign-in Doctor help-desk packet",
        "version": env!("CARGO_PKG_VERSION"),
        "generated_at": packet.generated_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "presenter_mode": mask,
        "authority": packet.authority,
        "client_id": packet.client_id,
        "tenant": packet.tenant,
        "error": packet.pasted,
        "sign_in": sign_in,
        "checks": checks,
        "device": packet.device.map(|d| json!({
            "os": d.os,
            "platform": d.platform,
            "facts": facts(&d.facts),
        })),
        "sign_in_facts": facts(packet.sign_in_facts),
        "what_if": packet.what_if.map(|w| {
            let mut v = json!(w);
            v["user"] = json!(w.user.as_deref().map(|u| mask_personal(u, true, mask)));
            v
        }),
        "tokens_included": false,
    });
    mask_all(&mut value, mask);
    serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
