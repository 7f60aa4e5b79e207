//! The sign-in error page's "Troubleshooting details": the facts Conditional
//! Access evaluated (App name, IP address, Device identifier, Device
//! platform, Device state, sometimes Resource), read line by line from what
//! the user pasted.
//!
//! The labels are the page's English ones, as every real paste found for
//! issue 12 shows them ("Application Name" too), and the Chinese page's
//! device lines that issue 26 names (设备标识符, 设备平台, 设备状态, with
//! 不可用 for "Not available"). No other translation is guessed here.
//! A value the page gives as "Not available", or that the user redacted
//! ("...", "***", "xxx", "redacted"), counts as absent.

use crate::personal::mask::is_guid;
use crate::personal::{Marked, PersonalKind};
use serde::Serialize;
use std::net::IpAddr;

/// What the error page's Troubleshooting details said about the sign-in.
/// `explain --json` prints it as `page` (null when the text has none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ErrorPage {
    /// "App name", e.g. "Microsoft Azure CLI".
    pub app_name: Option<String>,
    /// "IP address": the address Entra saw. Personal.
    pub ip_address: Option<String>,
    /// The IP address marked as a personal value (left out when there is none).
    #[serde(skip_serializing_if = "Marked::is_unmarked")]
    pub ip_address_segments: Marked,
    /// "Device identifier": the Entra device ID, lower case. Marked like the
    /// device ID that `dsregcmd` reports (an object ID).
    pub device_id: Option<String>,
    #[serde(skip_serializing_if = "Marked::is_unmarked")]
    pub device_id_segments: Marked,
    /// "Device platform", e.g. "Windows 10", "macOS".
    pub device_platform: Option<String>,
    /// "Device state", e.g. "Unregistered", "Registered", "Compliant".
    pub device_state: Option<String>,
    /// "Resource", when the page names one.
    pub resource: Option<String>,
}

/// The page's labels (compared without regard to case: pastes show "Device
/// State" too), each with the index of its field in [`ErrorPage`]'s order
/// and whether it marks a Troubleshooting block: `Resource` alone is too
/// common a word, so it is kept only beside one of the others. Some pages
/// write "Application Name" for "App name"; the Chinese page's device lines
/// are 设备标识符, 设备平台 and 设备状态 (issue 26).
const LABELS: [(&str, usize, bool); 10] = [
    ("App name", 0, true),
    ("Application name", 0, true),
    ("IP address", 1, true),
    ("Device identifier", 2, true),
    ("设备标识符", 2, true),
    ("Device platform", 3, true),
    ("设备平台", 3, true),
    ("Device state", 4, true),
    ("设备状态", 4, true),
    ("Resource", 5, false),
];

/// How the page, or a user redacting it, says "no value" (不可用: "not
/// available" on the Chinese page).
const ABSENT: [&str; 7] = ["not available", "n/a", "na", "none", "redacted", "hidden", "不可用"];

/// Reads the Troubleshooting lines of `text` (one pass over its lines);
/// `None` when it has none.
pub(super) fn read(text: &str) -> Option<ErrorPage> {
    let mut raw: [Option<&str>; 6] = [None; 6];
    let mut seen_page_label = false;
    for line in text.lines() {
        // "> App name: …" (quoted in Markdown), "│ …" (a terminal's gutter), "* …".
        let line = line.trim_start_matches(|c: char| !c.is_alphanumeric());
        // The Chinese page writes a full-width colon.
        let Some((label, value)) = line.split_once([':', '：']) else {
            continue;
        };
        let label = label.trim_end();
        let Some((index, marks_page)) = LABELS
            .iter()
            .find(|(name, _, _)| name.eq_ignore_ascii_case(label))
            .map(|(_, index, marks)| (*index, *marks))
        else {
            continue;
        };
        seen_page_label |= marks_page;
        // The first block wins, as for the IDs; "Not available" still counts as seen.
        if raw[index].is_none() {
            raw[index] = Some(value);
        }
    }
    if !seen_page_label {
        return None;
    }
    let [app_name, ip, device_id, platform, state, resource] = raw.map(|v| v.and_then(clean));
    let ip_address = ip.filter(|v| v.parse::<IpAddr>().is_ok()).map(str::to_owned);
    let device_id = device_id.filter(|v| is_guid(v)).map(str::to_ascii_lowercase);
    let page = ErrorPage {
        app_name: app_name.map(str::to_owned),
        ip_address_segments: ip_address
            .as_ref()
            .map(|ip| Marked::personal(PersonalKind::IpAddress, ip.clone()))
            .unwrap_or_default(),
        ip_address,
        device_id_segments: device_id
            .as_ref()
            .map(|id| Marked::personal(PersonalKind::ObjectId, id.clone()))
            .unwrap_or_default(),
        device_id,
        device_platform: platform.map(str::to_owned),
        device_state: state.map(str::to_owned),
        resource: resource.map(str::to_owned),
    };
    Some(page)
}

/// The value without padding or a decoration after it ("Compliant ✅"), or
/// `None` when it is empty, "Not available" or a redaction.
fn clean(value: &str) -> Option<&str> {
    let value = value
        .trim()
        .trim_end_matches(|c: char| !(c.is_alphanumeric() || c == ')'))
        .trim();
    let redacted = value
        .chars()
        .all(|c| matches!(c, '.' | '…' | '*' | 'x' | 'X' | '-' | '_' | ' '));
    let absent = ABSENT.iter().any(|a| a.eq_ignore_ascii_case(value));
    (!value.is_empty() && value.len() <= 200 && !redacted && !absent).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn not_available_and_redactions_are_absent_and_decorations_are_dropped() {
        let page = read(
            "App name: ...\nIP address: 203.0.113.xxx\nDevice identifier: Not available\nDevice platform: macOS ✅\nDevice state: ***",
        )
        .expect("a page");
        assert_eq!(page.app_name, None);
        assert_eq!(page.ip_address, None);
        assert_eq!(page.device_id, None);
        assert_eq!(page.device_platform.as_deref(), Some("macOS"));
        assert_eq!(page.device_state, None);
    }

    #[test]
    fn a_device_id_and_an_ip_address_are_marked_personal() {
        let page =
            read("IP address: 203.0.113.7\nDevice identifier: 11111111-AAAA-4BBB-8CCC-222222222222").expect("a page");
        assert_eq!(page.device_id.as_deref(), Some("11111111-aaaa-4bbb-8ccc-222222222222"));
        let json = serde_json::to_value(&page).expect("json");
        assert_eq!(json["ip_address_segments"][0]["personal"], "ip_address");
        assert_eq!(json["ip_address_segments"][0]["masked"], "203.0.113.•••");
        assert_eq!(json["device_id_segments"][0]["personal"], "object_id");
    }

    #[test]
    fn application_name_and_the_chinese_device_lines_indented_quoted_or_bulleted() {
        let page = read(
            "> Application Name: Microsoft Teams\n    设备标识符: 不可用\n  - 设备平台：Windows 10\n* 设备状态: Unregistered",
        )
        .expect("a page");
        assert_eq!(page.app_name.as_deref(), Some("Microsoft Teams"));
        assert_eq!(page.device_id, None);
        assert_eq!(page.device_platform.as_deref(), Some("Windows 10"));
        assert_eq!(page.device_state.as_deref(), Some("Unregistered"));
    }

    #[test]
    fn a_resource_line_alone_is_no_page() {
        assert_eq!(read("Resource: https://graph.microsoft.com"), None);
        assert_eq!(read("no page here"), None);
    }
}
