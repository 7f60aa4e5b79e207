//! Help-desk mode, step 1: what a user sent, read into one typed answer.
//!
//! A user sends one of three things: the JSON that Export… writes (the
//! primary format), the Markdown or HTML packet (Copy for help-desk,
//! Export…), or any error text (a screenshot's words, a log, the browser's
//! Troubleshooting details). The packets are read by their labels, exactly
//! as `report::{json, markdown, html}` write them; anything else goes
//! through the same explainer as the Explain view.
//!
//! Everything read is untrusted: sizes are capped, IDs are kept only when
//! they are GUIDs (so they can go into a Graph `$filter` as they are), times
//! only when they parse, and values stay plain text (never markup). A value
//! the packet masked (presenter mode) is said to be masked, never used.

use crate::aadsts::{explain, explain_end_of, knowledge::lookup, Explanation, MAX_LOG_BYTES};
use crate::personal::{Marked, Masking, PersonalKind};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::io::{Read, Seek, SeekFrom};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// A packet is a few KiB; past this a text is read as a log (its newest end).
pub const MAX_PACKET_BYTES: usize = 4 * 1024 * 1024;

/// Longest value kept from a packet (a UPN, a device state, a resource).
const MAX_VALUE_CHARS: usize = 512;

/// How masked values look (personal::mask): "a•••@c•••.example".
const MASK_DOTS: &str = "•••";

/// What the text was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PacketKind {
    /// Export… as .json.
    Json,
    /// Copy for help-desk, or Export… as .md.
    Markdown,
    /// Export… as .html.
    Html,
    /// Anything else: read by the explainer.
    ErrorText,
}

impl PacketKind {
    pub fn words(self) -> &'static str {
        match self {
            PacketKind::Json => "a Sign-in Doctor packet (JSON)",
            PacketKind::Markdown => "a Sign-in Doctor packet (Markdown)",
            PacketKind::Html => "a Sign-in Doctor packet (web page)",
            PacketKind::ErrorText => "error text",
        }
    }
}

/// The Microsoft cloud the packet's authority belongs to: it decides which
/// Graph holds the sign-in logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cloud {
    /// login.microsoftonline.com (also login.windows.net, sts.windows.net).
    Global,
    /// login.microsoftonline.us: US Government (L4) or DoD (L5); the
    /// authority alone does not tell them apart.
    UsGovernment,
    /// login.chinacloudapi.cn / login.partner.microsoftonline.cn (21Vianet).
    China,
    /// Any other host (a test provider, a custom authority).
    Other,
}

impl Cloud {
    pub fn from_authority(authority: &str) -> Option<Self> {
        let host = url::Url::parse(authority.trim()).ok()?.host_str()?.to_ascii_lowercase();
        Some(match host.as_str() {
            "login.microsoftonline.com" | "login.windows.net" | "sts.windows.net" | "login.microsoft.com" => {
                Cloud::Global
            }
            "login.microsoftonline.us" | "login.usgovcloudapi.net" => Cloud::UsGovernment,
            "login.chinacloudapi.cn" | "login.partner.microsoftonline.cn" => Cloud::China,
            _ => Cloud::Other,
        })
    }

    pub fn words(self) -> &'static str {
        match self {
            Cloud::Global => "Microsoft's global cloud",
            Cloud::UsGovernment => "Microsoft's US Government cloud (GCC High or DoD)",
            Cloud::China => "Microsoft's cloud in China (operated by 21Vianet)",
            Cloud::Other => "not a Microsoft cloud (a custom or test authority)",
        }
    }
}

/// The packet's What If inputs, in Graph's words where Graph has a value
/// for them (`signInConditions`), each absent when the packet lacks it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PacketWhatIf {
    /// The user's sign-in name; None when the packet has none or masked it.
    pub user: Option<String>,
    /// The client app signed in to, by application ID (lower case).
    pub app_id: Option<String>,
    /// The target resource as the packet wrote it.
    pub resource: Option<String>,
    /// The resource's application ID, when the packet named one.
    pub resource_app_id: Option<String>,
    /// Graph's `devicePlatform`: windows, macOS, linux, iOS, android.
    pub platform: Option<String>,
    /// Graph's `clientAppType`: browser, mobileAppsAndDesktopClients, exchangeActiveSync, other.
    pub client_app_type: Option<String>,
    /// The device's join or registration state, as the packet wrote it.
    pub device_state: Option<String>,
    /// Graph's `authenticationFlow.transferMethod`: none, deviceCodeFlow, authenticationTransfer.
    pub flow: Option<String>,
    pub ip_address: Option<String>,
    /// Two-letter country code.
    pub country: Option<String>,
    /// The inputs above the packet lacks, in words ("IP address"): What If does not evaluate them.
    pub not_in_packet: Vec<&'static str>,
}

/// What a packet says, each part optional.
#[derive(Clone, Debug, Serialize)]
pub struct PacketReading {
    pub kind: PacketKind,
    pub kind_words: &'static str,
    /// The Request ID (Trace ID): the sign-in log entry's `id`. Lower case.
    pub request_id: Option<String>,
    pub correlation_id: Option<String>,
    /// The app's own client-request-id for its sign-in, when it made one.
    pub client_request_id: Option<String>,
    /// When the sign-in failed (UTC), or when the app's sign-in started.
    pub timestamp: Option<DateTime<Utc>>,
    pub authority: Option<String>,
    pub cloud: Option<Cloud>,
    pub cloud_words: Option<&'static str>,
    /// The tenant the packet names (a GUID, a domain, or "organizations").
    pub tenant: Option<String>,
    /// The user's sign-in name (UPN). Personal: `user_segments` marks it.
    pub user: Option<String>,
    pub user_segments: Marked,
    /// The user as the packet had it masked (presenter mode), e.g. "a•••@c•••.example".
    pub user_masked_in_packet: Option<String>,
    pub error_code: Option<u32>,
    /// Microsoft's name for the code, e.g. BlockedByConditionalAccess.
    pub error_name: Option<&'static str>,
    /// What the code means, from the knowledge base.
    pub error_summary: Option<String>,
    pub what_if: PacketWhatIf,
    /// When the packet was made.
    pub generated_at: Option<DateTime<Utc>>,
    /// Whether the packet was made in presenter mode (personal values masked).
    pub presenter_mode: Option<bool>,
    /// What help-desk should know about the packet itself: a value that was
    /// masked, damaged or left out, another failure it also names.
    pub notes: Vec<String>,
}

impl PacketReading {
    /// Whether the packet names anything the sign-in logs can be searched by.
    pub fn can_look_up(&self) -> bool {
        self.request_id.is_some() || self.correlation_id.is_some() || (self.user.is_some() && self.timestamp.is_some())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PacketError {
    #[error("There is nothing to read: paste the packet or the error text the user sent, or open their packet file.")]
    Empty,
    #[error("{} is not a text file, so it is not a packet. Ask the user for the file Export… saved (.json, .md or .html), or for the error text.", name.display())]
    NotText { name: PathBuf },
    #[error("Could not read {}: {source}", path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("Open the user's packet first (Open packet…), or paste what they sent: the lookup searches by its IDs, user and time.")]
    NoneOpen,
    #[error("This {} names no request ID, correlation ID, time, user or error code, so there is nothing to look up. Ask the user for the Troubleshooting details of the error page, or for Sign-in Doctor's Export… file.", kind.noun())]
    NothingToLookUp { kind: PacketKind },
}

impl PacketKind {
    fn noun(self) -> &'static str {
        match self {
            PacketKind::ErrorText => "text",
            _ => "packet",
        }
    }
}

/// Reads pasted text (a packet or any error text).
pub fn read_text(text: &str) -> Result<PacketReading, PacketError> {
    read_text_after(text, 0)
}

/// Reads a packet file. Past [`MAX_LOG_BYTES`], only the file's end is read
/// (as the explainer does with a long log). Blocking: run it off the UI thread.
pub fn read_file(path: &Path) -> Result<PacketReading, PacketError> {
    let unreadable = |source| PacketError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let length = file.metadata().map_err(unreadable)?.len();
    let cap = u64::try_from(MAX_LOG_BYTES).unwrap_or(u64::MAX);
    let dropped = length.saturating_sub(cap);
    if dropped > 0 {
        file.seek(SeekFrom::Start(dropped)).map_err(unreadable)?;
    }
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes).map_err(unreadable)?;
    let text = decode(&bytes).ok_or_else(|| PacketError::NotText {
        name: path
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| path.to_path_buf()),
    })?;
    read_text_after(&text, dropped)
}

/// Text from a file's bytes: UTF-8 (with or without a byte-order mark), or
/// UTF-16 with one (Windows Notepad). None for binary data.
fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|p| from([p[0], p[1]])).collect();
        String::from_utf16_lossy(&units)
    };
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    };
    // Text has no NUL bytes; a picture or an archive has many.
    (!text.contains('\0')).then_some(text)
}

fn read_text_after(text: &str, dropped: u64) -> Result<PacketReading, PacketError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(PacketError::Empty);
    }
    let mut notes = Vec::new();
    let raw = if dropped > 0 || trimmed.len() > MAX_PACKET_BYTES {
        notes.push(format!(
            "This is far larger than a packet ({:.1} MiB), so it was read as a log.",
            (trimmed.len() as u64).saturating_add(dropped) as f64 / (1024.0 * 1024.0)
        ));
        from_explanation(&explain_end_of(trimmed, dropped))
    } else if trimmed.starts_with('{') && trimmed.contains("Sign-in Doctor help-desk packet") {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(value) if value.is_object() => from_json(&value, &mut notes),
            Ok(_) => from_explanation(&explain(trimmed)),
            Err(e) => {
                notes.push(format!(
                    "The JSON packet is cut short or damaged ({e}), so it was read as plain text: check the values against what the user sees."
                ));
                from_explanation(&explain(trimmed))
            }
        }
    } else if trimmed.starts_with("# Sign-in Doctor report") {
        from_rows(PacketKind::Markdown, &markdown_rows(trimmed))
    } else if trimmed.contains("<title>Sign-in Doctor report</title>") {
        from_rows(PacketKind::Html, &html_rows(trimmed))
    } else {
        from_explanation(&explain(trimmed))
    };
    finish(raw, notes)
}

/// One failure the packet names: the app's own sign-in, or a pasted error.
#[derive(Clone, Debug, Default)]
struct Failure {
    code: Option<String>,
    request_id: Option<String>,
    correlation_id: Option<String>,
    timestamp: Option<String>,
}

impl Failure {
    fn is_empty(&self) -> bool {
        self.code.is_none() && self.request_id.is_none() && self.correlation_id.is_none() && self.timestamp.is_none()
    }
}

/// The packet's values as written, before they are checked.
#[derive(Clone, Debug)]
struct Raw {
    kind: PacketKind,
    /// The app's own sign-in, when it was refused.
    attempt: Failure,
    client_request_id: Option<String>,
    started_at: Option<String>,
    /// An error the user pasted and had explained (or the whole text).
    pasted: Failure,
    authority: Option<String>,
    client_id: Option<String>,
    tenant: Option<String>,
    user: Option<String>,
    /// "authorization_code" / "device_code", or the sign-in flow fact's words.
    flow: Option<String>,
    what_if_user: Option<String>,
    what_if_app: Option<String>,
    resource: Option<String>,
    client_app_type: Option<String>,
    authentication_flow: Option<String>,
    platform: Option<String>,
    device_state: Option<String>,
    location: Option<String>,
    what_if_time: Option<String>,
    /// The IP address a pasted error page named (the What If inputs carry it).
    what_if_ip: Option<String>,
    generated_at: Option<String>,
    presenter_mode: Option<bool>,
}

impl Raw {
    fn new(kind: PacketKind) -> Self {
        Raw {
            kind,
            attempt: Failure::default(),
            client_request_id: None,
            started_at: None,
            pasted: Failure::default(),
            authority: None,
            client_id: None,
            tenant: None,
            user: None,
            flow: None,
            what_if_user: None,
            what_if_app: None,
            resource: None,
            client_app_type: None,
            authentication_flow: None,
            platform: None,
            device_state: None,
            location: None,
            what_if_time: None,
            what_if_ip: None,
            generated_at: None,
            presenter_mode: None,
        }
    }
}

fn from_explanation(e: &Explanation) -> Raw {
    let mut raw = Raw::new(PacketKind::ErrorText);
    raw.pasted = failure_of(e);
    raw.what_if_app = e.app_id.clone();
    raw
}

fn failure_of(e: &Explanation) -> Failure {
    Failure {
        code: e.code.map(|c| c.to_string()),
        request_id: e.trace_id.clone(),
        correlation_id: e.correlation_id.clone(),
        timestamp: e.timestamp.clone(),
    }
}

// ---- JSON (report::json) ----

fn text_at(value: &Value, pointer: &str) -> Option<String> {
    match value.pointer(pointer)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn from_json(value: &Value, notes: &mut Vec<String>) -> Raw {
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

// ---- Markdown and HTML (report::document's sections of labelled rows) ----

/// The packet as its writers laid it out: labelled rows under headings, the
/// leads (e.g. "**AADSTS53003 Name**: …"), and the "Made …" and footer lines.
#[derive(Debug, Default)]
struct Rows {
    made: Option<String>,
    footer: Option<String>,
    /// (heading, label, value)
    rows: Vec<(String, String, String)>,
    /// (heading, text)
    leads: Vec<(String, String)>,
}

/// CommonMark backslash escapes undone (markdown.rs escapes punctuation).
fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) if next.is_ascii_punctuation() => out.push(next),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

fn markdown_rows(text: &str) -> Rows {
    let mut rows = Rows::default();
    let mut heading = String::new();
    let mut made_seen = false;
    for line in text.lines().take(10_000) {
        let line = line.trim_end();
        if let Some(h) = line.strip_prefix("## ") {
            heading = unescape_markdown(h.trim());
        } else if let Some(item) = line.strip_prefix("- ") {
            // "- Label: value" or "- Label: `id`"; a label's own colons are escaped as text, so the first ": " ends it.
            if let Some((label, value)) = item.split_once(": ") {
                let value = value.trim();
                let value = match value.strip_prefix('`').and_then(|v| v.strip_suffix('`')) {
                    Some(code) => code.to_owned(),
                    None => unescape_markdown(value),
                };
                rows.rows.push((heading.clone(), unescape_markdown(label), value));
            }
        } else if line.starts_with("Made ") && !made_seen {
            made_seen = true;
            rows.made = Some(line.to_owned());
        } else if let Some(footer) = line.strip_prefix('_').and_then(|l| l.strip_suffix('_')) {
            rows.footer = Some(footer.to_owned());
        } else if !line.is_empty() && !line.starts_with('#') {
            rows.leads.push((heading.clone(), line.to_owned()));
        }
    }
    rows
}

/// HTML's five entities (html.rs escapes exactly these) and numeric ones undone.
fn unescape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|end| *end <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text content: tags dropped, entities decoded.
fn html_text(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut in_tag = false;
    for c in fragment.chars() {
        match (c, in_tag) {
            ('<', _) => in_tag = true,
            ('>', true) => in_tag = false,
            (c, false) => out.push(c),
            _ => {}
        }
    }
    unescape_html(&out).trim().to_owned()
}

/// The text between `open` and `close` after `from`, and where it ends.
fn between<'a>(text: &'a str, from: usize, open: &str, close: &str) -> Option<(&'a str, usize)> {
    let start = text.get(from..)?.find(open)? + from + open.len();
    let end = text.get(start..)?.find(close)? + start;
    Some((&text[start..end], end + close.len()))
}

fn html_rows(text: &str) -> Rows {
    let mut rows = Rows::default();
    // html.rs writes one element per line: h2, p, tr.
    let mut heading = String::new();
    let mut made_seen = false;
    for line in text.lines().take(10_000) {
        let line = line.trim();
        if let Some((h, _)) = between(line, 0, "<h2>", "</h2>") {
            heading = html_text(h);
        } else if line.starts_with("<tr>") {
            let Some((label, after)) = between(line, 0, "<th scope=\"row\">", "</th>") else {
                continue;
            };
            let Some((value, _)) = between(line, after, "<td>", "</td>") else {
                continue;
            };
            rows.rows.push((heading.clone(), html_text(label), html_text(value)));
        } else if let Some((p, _)) = between(line, 0, "<p>", "</p>") {
            if let Some((em, _)) = between(p, 0, "<em>", "</em>") {
                rows.footer = Some(html_text(em));
            } else if !made_seen && p.starts_with("Made ") {
                made_seen = true;
                rows.made = Some(html_text(p));
            } else {
                // The lead's bold code is kept as Markdown's, so both read alike.
                let lead = match between(p, 0, "<strong>", "</strong>") {
                    Some((bold, end)) if p.starts_with("<strong>") => {
                        format!("**{}**{}", html_text(bold), unescape_html(&p[end..]))
                    }
                    _ => html_text(p),
                };
                rows.leads.push((heading.clone(), lead));
            }
        }
    }
    rows
}

/// The sections report::document writes.
const SECTION_ERROR: &str = "The error";
const SECTION_ATTEMPT: &str = "Last sign-in through the app";
const SECTION_SUMMARY: &str = "Summary";
const SECTION_WHAT_IF: &str = "What If inputs";

fn from_rows(kind: PacketKind, rows: &Rows) -> Raw {
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

// ---- Checking what was read ----

/// A GUID in lower case (Graph's form), or None.
fn guid(text: &str) -> Option<String> {
    let text = text.trim().trim_matches(|c| c == '{' || c == '}');
    crate::personal::mask::is_guid(text).then(|| text.to_ascii_lowercase())
}

/// RFC 3339, or the forms packets and error pages write ("2026-11-26 12:00:00", with or without "Z"/" UTC").
fn time(text: &str) -> Option<DateTime<Utc>> {
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
fn plain(text: Option<&str>) -> Option<String> {
    let text = text?.trim();
    let ok = !text.is_empty() && text.chars().count() <= MAX_VALUE_CHARS && !text.chars().any(char::is_control);
    ok.then(|| text.to_owned())
}

fn is_masked(text: &str) -> bool {
    text.contains(MASK_DOTS)
}

/// The values the writers put where a value is unknown.
fn is_unknown(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("not known")
        || lower.starts_with("not measured")
        || lower == "unknown"
        || lower.starts_with("no sign-in")
}

fn platform(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let value = if lower.contains("windows") {
        "windows"
    } else if lower.contains("mac") {
        "macOS"
    } else if lower.contains("ios") || lower.contains("iphone") || lower.contains("ipad") {
        "iOS"
    } else if lower.contains("android") {
        "android"
    } else if lower.contains("linux") {
        "linux"
    } else {
        return None;
    };
    Some(value.to_owned())
}

fn client_app_type(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let value = if lower.contains("mobile apps and desktop") {
        "mobileAppsAndDesktopClients"
    } else if lower.starts_with("browser") {
        "browser"
    } else if lower.contains("activesync") {
        "exchangeActiveSync"
    } else if lower.contains("other") {
        "other"
    } else {
        return None;
    };
    Some(value.to_owned())
}

/// Graph's transferMethod from the packet's flow words or its attempt's flow.
fn transfer_method(authentication_flow: Option<&str>, flow: Option<&str>) -> Option<String> {
    let words = |text: &str| {
        let lower = text.to_ascii_lowercase();
        if lower.contains("device code") || lower == "device_code" {
            Some("deviceCodeFlow")
        } else if lower.contains("authentication transfer") {
            Some("authenticationTransfer")
        } else if lower.starts_with("browser sign-in") || lower == "authorization_code" {
            Some("none")
        } else {
            None
        }
    };
    authentication_flow
        .and_then(words)
        .or_else(|| flow.and_then(words))
        .map(str::to_owned)
}

/// An IP address and a two-letter country in "203.0.113.24 (NG)"-like text.
fn location(text: &str) -> (Option<String>, Option<String>) {
    let mut ip = None;
    let mut country = None;
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';' | '/')) {
        let word = word.trim_end_matches(['.', ':']);
        if ip.is_none() && word.parse::<IpAddr>().is_ok() {
            ip = Some(word.to_owned());
        } else if country.is_none() && word.len() == 2 && word.chars().all(|c| c.is_ascii_uppercase()) {
            country = Some(word.to_owned());
        }
    }
    (ip, country)
}

/// The resource's application ID: "Microsoft Graph (00000003-…), https://…".
fn resource_app_id(text: &str) -> Option<String> {
    let (_, after) = text.split_once('(')?;
    let (inside, _) = after.split_once(')')?;
    guid(inside)
}

fn finish(raw: Raw, mut notes: Vec<String>) -> Result<PacketReading, PacketError> {
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
    let known = |text: &Option<String>| plain(text.as_deref()).filter(|t| !is_unknown(t));
    let (ip_address, country) = known(&raw.location).map(|l| location(&l)).unwrap_or_default();
    // An address the user's error page named; a masked one (presenter mode) is no address.
    let ip_address =
        ip_address.or_else(|| known(&raw.what_if_ip).filter(|ip| ip.trim().parse::<std::net::IpAddr>().is_ok()));
    let resource = known(&raw.resource);
    let mut what_if = PacketWhatIf {
        user: user.clone(),
        app_id: raw.what_if_app.as_deref().or(raw.client_id.as_deref()).and_then(guid),
        resource_app_id: resource.as_deref().and_then(resource_app_id),
        resource,
        platform: known(&raw.platform).as_deref().and_then(platform),
        client_app_type: known(&raw.client_app_type).as_deref().and_then(client_app_type),
        device_state: known(&raw.device_state),
        flow: transfer_method(raw.authentication_flow.as_deref(), raw.flow.as_deref()),
        ip_address,
        country,
        not_in_packet: Vec::new(),
    };
    what_if.not_in_packet = [
        ("user", what_if.user.is_none()),
        ("application", what_if.app_id.is_none()),
        ("device platform", what_if.platform.is_none()),
        ("client app type", what_if.client_app_type.is_none()),
        ("device state", what_if.device_state.is_none()),
        ("authentication flow", what_if.flow.is_none()),
        ("IP address", what_if.ip_address.is_none()),
        ("country", what_if.country.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, missing)| missing.then_some(name))
    .collect();

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
        user_segments: user
            .as_deref()
            .map(|u| Marked::personal(PersonalKind::Upn, u))
            .unwrap_or_default(),
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

/// The personal values the answer names (the user, the IP address, the
/// device's name), to mark wherever they reappear in its free text.
fn known_personal(answer: &super::LookupAnswer) -> Vec<(String, PersonalKind)> {
    let Some(s) = &answer.sign_in else {
        return Vec::new();
    };
    [
        (&s.user, PersonalKind::Upn),
        (&s.ip_address, PersonalKind::IpAddress),
        (&s.device.name, PersonalKind::DeviceName),
    ]
    .into_iter()
    .filter_map(|(value, kind)| Some((value.clone().filter(|v| v.trim().len() > 1)?, kind)))
    .collect()
}

/// Free text with the known personal values, and any e-mail address, marked.
fn mark_text(text: &str, known: &[(String, PersonalKind)]) -> Marked {
    let mut marked = Marked::default();
    let mut rest = text;
    loop {
        let next = known
            .iter()
            .filter_map(|(value, kind)| rest.find(value.as_str()).map(|at| (at, value, *kind)))
            .min_by_key(|(at, value, _)| (*at, usize::MAX - value.len()));
        match next {
            Some((at, value, kind)) => {
                marked = marked.then_text(&rest[..at]).then_personal(kind, value.clone());
                rest = &rest[at + value.len()..];
            }
            None => return marked.then_text(rest),
        }
    }
}

/// The lookup's answer as the window shows it: the same JSON as
/// `lookup --json`, with each personal value marked beside its plain string
/// (`user_segments`, `ip_address_segments`, `device.name_segments`, each
/// match's `user_segments`), and the free text (`why`, `fix`,
/// `failure_reason`, the problem's `message`) marked as `*_segments` where
/// it repeats one of those values or holds an e-mail address, so the window
/// masks them in presenter mode from the engine's marks.
pub fn marked_answer(answer: &super::LookupAnswer) -> Value {
    let known = known_personal(answer);
    let mut value = serde_json::to_value(answer).unwrap_or(Value::Null);
    let mark = |object: &mut Value, field: &str, kind: Option<PersonalKind>| {
        let Some(text) = object.get(field).and_then(Value::as_str) else {
            return;
        };
        let marked = match kind {
            Some(kind) => Marked::personal(kind, text),
            None => mark_text(text, &known),
        };
        if marked.has_personal() {
            let segments = serde_json::to_value(&marked).unwrap_or(Value::Null);
            if let Some(map) = object.as_object_mut() {
                map.insert(format!("{field}_segments"), segments);
            }
        }
    };
    if let Some(sign_in) = value.get_mut("sign_in").filter(|s| s.is_object()) {
        mark(sign_in, "user", Some(PersonalKind::Upn));
        mark(sign_in, "ip_address", Some(PersonalKind::IpAddress));
        mark(sign_in, "failure_reason", None);
        if let Some(device) = sign_in.get_mut("device") {
            mark(device, "name", Some(PersonalKind::DeviceName));
        }
    }
    for list in ["blocking_policies", "report_only_failures"] {
        for verdict in value.get_mut(list).and_then(Value::as_array_mut).into_iter().flatten() {
            mark(verdict, "why", None);
            mark(verdict, "fix", None);
        }
    }
    for found in value
        .get_mut("matches")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        mark(found, "user", Some(PersonalKind::Upn));
    }
    if let Some(problem) = value.get_mut("problem").filter(|p| p.is_object()) {
        mark(problem, "message", None);
    }
    value
}

/// Copy answer: the answer as Markdown for the ticket. With `mask_personal`
/// (presenter mode) every personal value is masked by the packet's rule
/// (`Masking::HelpDesk`): the user, IP address and device name wherever they
/// appear, free text included, and any e-mail address; IDs stay.
pub fn answer_markdown(answer: &super::LookupAnswer, mask_personal: bool) -> String {
    let markdown = answer.summary_markdown(mask_personal);
    if !mask_personal {
        return markdown;
    }
    mark_text(&markdown, &known_personal(answer)).text(Masking::for_packet(true))
}

#[cfg(test)]
mod tests;
