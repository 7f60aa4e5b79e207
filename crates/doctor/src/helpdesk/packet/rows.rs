//! The Markdown and HTML packets' labelled rows, read into the packet's values.

use super::{PacketKind, Raw};

// ---- Markdown and HTML (report::document's sections of labelled rows) ----

/// The packet as its writers laid it out: labelled rows under headings, the
/// leads (e.g. "**AADSTS53003 Name**: …"), and the "Made …" and footer lines.
#[derive(Debug, Default)]
pub(super) struct Rows {
    pub(super) made: Option<String>,
    pub(super) footer: Option<String>,
    /// (heading, label, value)
    pub(super) rows: Vec<(String, String, String)>,
    /// (heading, text)
    pub(super) leads: Vec<(String, String)>,
}

/// The sections report::document writes.
const SECTION_ERROR: &str = "The error";
const SECTION_ATTEMPT: &str = "Last sign-in through the app";
const SECTION_SUMMARY: &str = "Summary";
const SECTION_WHAT_IF: &str = "What If inputs";

pub(super) fn from_rows(kind: PacketKind, rows: &Rows) -> Raw {
    let mut raw = Raw::new(kind);
    for (heading, label, value) in &rows.rows {
        let value = Some(value.clone());
        let heading = heading.as_str();
        match (heading, label.as_str()) {
            (SECTION_SUMMARY, "Authority") => raw.authority = value,
            (SECTION_SUMMARY, "Application (client) ID") => raw.client_id = value,
            (SECTION_SUMMARY, "Tenant") => raw.tenant = value,
            (SECTION_ERROR, "Request ID (Trace ID)") => raw.pasted.request_id = value,
            (SECTION_ERROR, "Correlation ID") => raw.pasted.correlation_id = value,
            (SECTION_ERROR, "Timestamp (UTC)") => raw.pasted.timestamp = value,
            (SECTION_ERROR, "Application ID") => raw.what_if_app = raw.what_if_app.take().or(value),
            (SECTION_ATTEMPT, "Error code") => {
                raw.attempt.code = value.as_deref().and_then(code_in).map(|c| c.to_string())
            }
            (SECTION_ATTEMPT, "Request ID (Trace ID)") => raw.attempt.request_id = value,
            (SECTION_ATTEMPT, "Correlation ID") => raw.attempt.correlation_id = value,
            (SECTION_ATTEMPT, "Timestamp (UTC)") => raw.attempt.timestamp = value,
            (SECTION_ATTEMPT, "Client request ID (sent as client-request-id)") => raw.client_request_id = value,
            (SECTION_ATTEMPT, "Started") => raw.started_at = value,
            (SECTION_ATTEMPT, "Account") => raw.user = raw.user.take().or(value),
            (h, "User") if h.starts_with(SECTION_WHAT_IF) => raw.what_if_user = value,
            (h, "Client app signed in to (application ID)") if h.starts_with(SECTION_WHAT_IF) => {
                raw.what_if_app = value
            }
            (h, "Target resource (cloud app)") if h.starts_with(SECTION_WHAT_IF) => raw.resource = value,
            (h, "Client apps") if h.starts_with(SECTION_WHAT_IF) => raw.client_app_type = value,
            (h, "Authentication flows") if h.starts_with(SECTION_WHAT_IF) => raw.authentication_flow = value,
            (h, "Device platform") if h.starts_with(SECTION_WHAT_IF) => raw.platform = value,
            (h, "Device state") if h.starts_with(SECTION_WHAT_IF) => raw.device_state = value,
            (h, "Location / IP") if h.starts_with(SECTION_WHAT_IF) => raw.location = value,
            (h, "Sign-in time (UTC)") if h.starts_with(SECTION_WHAT_IF) => raw.what_if_time = value,
            (_, "User (UPN)") => raw.user = raw.user.take().or(value),
            (_, "Sign-in flow used") => raw.flow = value,
            _ => {}
        }
    }
    for (heading, lead) in &rows.leads {
        if heading == SECTION_ERROR && raw.pasted.code.is_none() {
            raw.pasted.code = lead.strip_prefix("**").and_then(code_in).map(|c| c.to_string());
        }
    }
    // "Made 2026-11-26 12:00:00 UTC by Sign-in Doctor 0.1.0."
    raw.generated_at = rows
        .made
        .as_deref()
        .and_then(|m| m.strip_prefix("Made "))
        .and_then(|m| m.split_once(" UTC"))
        .map(|(time, _)| time.to_owned());
    raw.presenter_mode = rows.footer.as_deref().map(|f| f.contains("(presenter mode)"));
    raw
}

/// "AADSTS53003 BlockedByConditionalAccess" → 53003.
fn code_in(text: &str) -> Option<u32> {
    let digits: String = text
        .trim_start()
        .strip_prefix("AADSTS")?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}
