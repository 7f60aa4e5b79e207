//! The Markdown and HTML packets' labelled rows, read into the packet's values.

use super::{PacketKind, Raw};
use crate::report::labels::{self, section};

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

pub(super) fn from_rows(kind: PacketKind, rows: &Rows) -> Raw {
    let mut raw = Raw::new(kind);
    for (heading, label, value) in &rows.rows {
        let value = Some(value.clone());
        let heading = heading.as_str();
        match (heading, label.as_str()) {
            (section::SUMMARY, labels::AUTHORITY) => raw.authority = value,
            (section::SUMMARY, labels::CLIENT_ID) => raw.client_id = value,
            (section::SUMMARY, labels::TENANT) => raw.tenant = value,
            (section::ERROR, labels::REQUEST_ID) => raw.pasted.request_id = value,
            (section::ERROR, labels::CORRELATION_ID) => raw.pasted.correlation_id = value,
            (section::ERROR, labels::TIMESTAMP) => raw.pasted.timestamp = value,
            (section::ERROR, labels::APPLICATION_ID) => raw.what_if_app = raw.what_if_app.take().or(value),
            (section::ATTEMPT, labels::ERROR_CODE) => {
                raw.attempt.code = value.as_deref().and_then(code_in).map(|c| c.to_string())
            }
            (section::ATTEMPT, labels::REQUEST_ID) => raw.attempt.request_id = value,
            (section::ATTEMPT, labels::CORRELATION_ID) => raw.attempt.correlation_id = value,
            (section::ATTEMPT, labels::TIMESTAMP) => raw.attempt.timestamp = value,
            (section::ATTEMPT, labels::CLIENT_REQUEST_ID) => raw.client_request_id = value,
            (section::ATTEMPT, labels::STARTED) => raw.started_at = value,
            (section::ATTEMPT, labels::ACCOUNT) => raw.user = raw.user.take().or(value),
            (h, labels::USER) if h.starts_with(section::WHAT_IF) => raw.what_if_user = value,
            (h, labels::CLIENT_APP_ID) if h.starts_with(section::WHAT_IF) => raw.what_if_app = value,
            (h, labels::RESOURCE) if h.starts_with(section::WHAT_IF) => raw.resource = value,
            (h, labels::CLIENT_APPS) if h.starts_with(section::WHAT_IF) => raw.client_app_type = value,
            (h, labels::AUTHENTICATION_FLOWS) if h.starts_with(section::WHAT_IF) => raw.authentication_flow = value,
            (h, labels::DEVICE_PLATFORM) if h.starts_with(section::WHAT_IF) => raw.platform = value,
            (h, labels::DEVICE_STATE) if h.starts_with(section::WHAT_IF) => raw.device_state = value,
            (h, labels::LOCATION) if h.starts_with(section::WHAT_IF) => raw.location = value,
            (h, labels::SIGN_IN_TIME) if h.starts_with(section::WHAT_IF) => raw.what_if_time = value,
            (_, labels::FACT_USER) => raw.user = raw.user.take().or(value),
            (_, labels::FACT_SIGN_IN_FLOW) => raw.flow = value,
            _ => {}
        }
    }
    for (heading, lead) in &rows.leads {
        if heading == section::ERROR && raw.pasted.code.is_none() {
            raw.pasted.code = lead.strip_prefix("**").and_then(code_in).map(|c| c.to_string());
        }
    }
    // "Made 2026-11-26 12:00:00 UTC by Sign-in Doctor 0.1.0."
    raw.generated_at = rows
        .made
        .as_deref()
        .and_then(|m| m.strip_prefix(labels::MADE))
        .and_then(|m| m.split_once(" UTC"))
        .map(|(time, _)| time.to_owned());
    raw.presenter_mode = rows.footer.as_deref().map(|f| f.contains(labels::PRESENTER_MODE));
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
