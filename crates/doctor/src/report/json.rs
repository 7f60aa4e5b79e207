//! The packet as JSON, for tools: the same facts, typed where they have a
//! type, and redacted by the same function as the other formats.

use super::Packet;
use crate::aadsts::Explanation;
use crate::device::WhatIfInputs;
use crate::personal::{Marked, Masking, Personal, PersonalKind};
use crate::signin::AttemptOutcome;
use serde_json::{json, Value};

/// Free text from outside (a service's words, a pasted error's): any
/// e-mail address in it is masked. Every text of the packet goes through
/// this or a marked value's own rule; nothing is masked after the fact.
fn free(text: &str, masking: Masking) -> String {
    Marked::scan(text).text(masking)
}

fn free_opt(text: &Option<String>, masking: Masking) -> Option<String> {
    text.as_deref().map(|t| free(t, masking))
}

fn personal(kind: PersonalKind, value: &Option<String>, masking: Masking) -> Option<String> {
    value.as_ref().map(|v| Personal::new(kind, v).text(masking))
}

/// The pasted error, field by field as `explain --json` has it (without its marks).
fn error(e: &Explanation, masking: Masking) -> Value {
    let page = e.page.as_ref().map(|p| {
        json!({
            "app_name": free_opt(&p.app_name, masking),
            "ip_address": personal(PersonalKind::IpAddress, &p.ip_address, masking),
            "device_id": personal(PersonalKind::ObjectId, &p.device_id, masking),
            "device_platform": free_opt(&p.device_platform, masking),
            "device_state": free_opt(&p.device_state, masking),
            "resource": free_opt(&p.resource, masking),
        })
    });
    let mut value = json!({
        "code": e.code,
        "name": e.name,
        "other_codes": e.other_codes,
        "error": free_opt(&e.error, masking),
        "trace_id": e.trace_id,
        "correlation_id": e.correlation_id,
        "timestamp": e.timestamp,
        "app_id": e.app_id,
        "category": e.category,
        "category_words": e.category_words,
        "who_fixes": e.who_fixes,
        "who_fixes_words": e.who_fixes_words,
        "summary": free(&e.summary, masking),
        "steps": e.steps.iter().map(|s| free(s, masking)).collect::<Vec<_>>(),
        "lookup_url": e.lookup_url,
        "page": page,
    });
    if let Some(not_read) = &e.not_read {
        value["not_read"] = json!(free(not_read, masking));
    }
    value
}

/// The What If inputs, the user and the IP address by their rules.
fn what_if(w: &WhatIfInputs, masking: Masking) -> Value {
    json!({
        "user": personal(PersonalKind::Upn, &w.user, masking),
        "client_app_id": w.client_app_id,
        "resource": free(&w.resource, masking),
        "client_app_type": w.client_app_type,
        "authentication_flow": w.authentication_flow,
        "device_platform": w.device_platform,
        "device_state": w.device_state,
        "location": free(&w.location, masking),
        "sign_in_time_utc": w.sign_in_time_utc,
        "client_app_name": free_opt(&w.client_app_name, masking),
        "ip_address": personal(PersonalKind::IpAddress, &w.ip_address, masking),
        "from_pasted_error": w.from_pasted_error,
    })
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
                "error": free(&error.error, masking),
                "trace_id": error.trace_id,
                "correlation_id": error.correlation_id,
                "timestamp": error.timestamp_utc.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            }),
            AttemptOutcome::Cancelled => json!({"kind": "cancelled"}),
            AttemptOutcome::TimedOut { waited_seconds } => {
                json!({"kind": "timed_out", "waited_seconds": waited_seconds})
            }
            AttemptOutcome::Failed(failure) => {
                json!({"kind": "failed", "step": failure.step, "message": free(&failure.message, masking)})
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
                    json!({"id": r.id, "title": free(&r.title, masking), "status": r.status, "summary": summary})
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
                    "value": f.value.as_ref().map(|_| f.display_value().text(masking)),
                    "availability": f.availability,
                    "note": free_opt(&f.note, masking),
                })
            })
            .collect()
    };
    let value = json!({
        "report": super::labels::JSON_REPORT,
        "version": env!("CARGO_PKG_VERSION"),
        "generated_at": packet.generated_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "presenter_mode": mask,
        "authority": packet.authority,
        "client_id": packet.client_id,
        "tenant": packet.tenant,
        "error": packet.pasted.map(|e| error(e, masking)),
        "sign_in": sign_in,
        "checks": checks,
        "device": packet.device.map(|d| json!({
            "os": d.os,
            "platform": d.platform,
            "facts": facts(&d.facts),
        })),
        "sign_in_facts": facts(packet.sign_in_facts),
        "what_if": packet.what_if.map(|w| what_if(w, masking)),
        "tokens_included": false,
    });
    serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
