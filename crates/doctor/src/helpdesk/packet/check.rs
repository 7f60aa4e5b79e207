//! What was read, checked: IDs only as GUIDs, times only when they parse,
//! values only short plain text, a masked value never used.

use super::{what_if, Cloud, PacketError, PacketReading, Raw, MASK_DOTS, MAX_VALUE_CHARS};
use crate::aadsts::knowledge::lookup;
use crate::personal::{Personal, PersonalKind};
use chrono::{DateTime, NaiveDateTime, Utc};

/// A GUID in lower case (Graph's form), or None.
pub(super) fn guid(text: &str) -> Option<String> {
    let text = text.trim().trim_matches(|c| c == '{' || c == '}');
    crate::personal::mask::is_guid(text).then(|| text.to_ascii_lowercase())
}

/// RFC 3339, or the forms packets and error pages write ("2026-11-26 12:00:00", with or without "Z"/" UTC").
pub(super) fn time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    let bare = text.trim_end_matches(" UTC").trim_end_matches('Z');
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(bare, f).ok())
        .map(|t| t.and_utc())
}

/// A short single-line value, or None (empty, too long, control characters).
pub(super) fn plain(text: Option<&str>) -> Option<String> {
    let text = text?.trim();
    let ok = !text.is_empty() && text.chars().count() <= MAX_VALUE_CHARS && !text.chars().any(char::is_control);
    ok.then(|| text.to_owned())
}

fn is_masked(text: &str) -> bool {
    text.contains(MASK_DOTS)
}

/// The values the writers put where a value is unknown.
pub(super) fn is_unknown(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("not known")
        || lower.starts_with("not measured")
        || lower == "unknown"
        || lower.starts_with("no sign-in")
}

pub(super) fn finish(raw: Raw, mut notes: Vec<String>) -> Result<PacketReading, PacketError> {
    // The app's own capture of its refused sign-in first: the service sent
    // those IDs. A pasted error is the other source.
    let (chosen, other) = if raw.attempt.is_empty() {
        (&raw.pasted, None)
    } else {
        (&raw.attempt, Some(&raw.pasted).filter(|p| !p.is_empty()))
    };
    let id = |label: &str, value: Option<&String>, notes: &mut Vec<String>| {
        let value = value?;
        let found = guid(value);
        if found.is_none() && !value.trim().is_empty() {
            notes.push(format!("The packet's {label} is not a GUID, so it was left out."));
        }
        found
    };
    let request_id = id("request ID", chosen.request_id.as_ref(), &mut notes);
    let correlation_id = id("correlation ID", chosen.correlation_id.as_ref(), &mut notes);
    let client_request_id = id("client request ID", raw.client_request_id.as_ref(), &mut notes);
    let timestamp = match chosen.timestamp.as_deref() {
        Some(text) => {
            let parsed = time(text);
            if parsed.is_none() {
                notes.push("The packet's timestamp is not a time, so it was left out.".to_owned());
            }
            parsed
        }
        None => raw
            .what_if_time
            .as_deref()
            .and_then(time)
            .or_else(|| raw.started_at.as_deref().and_then(time)),
    };
    let error_code = chosen.code.as_deref().and_then(|c| c.trim().parse::<u32>().ok());
    if let Some(other) = other {
        let other_id = other.request_id.as_deref().and_then(guid);
        if other_id.is_some() && other_id != request_id {
            notes.push(format!(
                "The packet also holds an error the user pasted{}, with Request ID {}: it is another sign-in; look it up on its own if the answer here is not the one the user asks about.",
                other
                    .code
                    .as_deref()
                    .map(|c| format!(" (AADSTS{c})"))
                    .unwrap_or_default(),
                other_id.unwrap_or_default()
            ));
        }
    }

    // The user: the sign-in's account or the user fact, else the What If user.
    let user_text = [&raw.user, &raw.what_if_user]
        .into_iter()
        .filter_map(|u| plain(u.as_deref()))
        .find(|u| !is_unknown(u));
    let (user, user_masked_in_packet) = match user_text {
        Some(u) if is_masked(&u) => {
            notes.push(format!(
                "The user's sign-in name is masked in this packet ({u}): it was made in presenter mode. Search by the IDs, or ask the user for their sign-in name."
            ));
            (None, Some(u))
        }
        Some(u) => (Some(u), None),
        None => (None, None),
    };

    let authority = plain(raw.authority.as_deref());
    let cloud = authority.as_deref().and_then(Cloud::from_authority);
    let user = user.map(|u| Personal::new(PersonalKind::Upn, u));
    let what_if = what_if::from_raw(&raw, user.clone());

    let info = error_code.and_then(lookup);
    let reading = PacketReading {
        kind: raw.kind,
        kind_words: raw.kind.words(),
        request_id,
        correlation_id,
        client_request_id,
        timestamp,
        cloud,
        cloud_words: cloud.map(Cloud::words),
        authority,
        tenant: plain(raw.tenant.as_deref()),
        user,
        user_masked_in_packet,
        error_code,
        error_name: info.map(|i| i.name),
        error_summary: info.map(|i| i.summary.to_owned()),
        what_if,
        generated_at: raw.generated_at.as_deref().and_then(time),
        presenter_mode: raw.presenter_mode,
        notes,
    };
    let nothing = reading.request_id.is_none()
        && reading.correlation_id.is_none()
        && reading.timestamp.is_none()
        && reading.user.is_none()
        && reading.user_masked_in_packet.is_none()
        && reading.error_code.is_none();
    if nothing {
        return Err(PacketError::NothingToLookUp { kind: reading.kind });
    }
    Ok(reading)
}
