//! The packet as JSON, for tools: the same facts, typed where they have a
//! type, and redacted by the same function as the other formats.

use super::Packet;
use crate::personal::{Marked, Masking, PersonalKind};
use crate::signin::AttemptOutcome;
use serde_json::{json, Value};

/// Masks any e-mail address left in a string no producer marked (free text from outside).
fn mask_addresses(value: &mut Value, masking: Masking) {
    match value {
        Value::String(s) => *s = Marked::scan(s).text(masking),
        Value::Array(items) => items.iter_mut().for_each(|v| mask_addresses(v, masking)),
        Value::Object(map) => map.values_mut().for_each(|v| mask_addresses(v, masking)),
        _ => {}
    }
}

/// The pasted error page's personal values by their rule; their marks are
/// dropped, since they carry the value as it was.
fn mask_error_page(page: &mut Value, masking: Masking) {
    let Some(page) = page.as_object_mut() else {
        return;
    };
    for (field, kind) in [
        ("ip_address", PersonalKind::IpAddress),
        ("device_id", PersonalKind::ObjectId),
    ] {
        page.remove(&format!("{field}_segments"));
        if let Some(Value::String(value)) = page.get_mut(field) {
            *value = Marked::personal(kind, value.clone()).text(masking);
        }
    }
}

pub fn json(packet: &Packet<'_>) -> String {
    let mask = packet.mask_personal;
    let masking = Masking::for_packet(mask);
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
                "account": account.marked_label().text(masking),
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
                .map(|r| {
                    let summary = r.marked_summary().text(masking);
                    json!({"id": r.id, "title": r.title, "status": r.status, "summary": summary})
                })
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
                    "value": f.value.as_deref().map(|v| match f.personal {
                        Some(kind) => Marked::personal(kind, v).text(masking),
                        None => v.to_owned(),
                    }),
                    "availability": f.availability,
                    "note": f.note,
                })
            })
            .collect()
    };
    let mut value = json!({
        "report": super::labels::JSON_REPORT,
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
            v["user"] = json!(w.user.as_deref().map(|u| Marked::personal(PersonalKind::Upn, u).text(masking)));
            v["ip_address"] = json!(w
                .ip_address
                .as_deref()
                .map(|ip| Marked::personal(PersonalKind::IpAddress, ip).text(masking)));
            v
        }),
        "tokens_included": false,
    });
    mask_error_page(&mut value["error"]["page"], masking);
    mask_addresses(&mut value, masking);
    serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
