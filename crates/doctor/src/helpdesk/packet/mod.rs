//! Help-desk mode, step 1: what a user sent, read into one typed answer.
//!
//! A user sends one of three things: the JSON that Export… writes (the
//! primary format), the Markdown or HTML packet (Copy for help-desk,
//! Export…), or any error text (a screenshot's words, a log, the browser's
//! Troubleshooting details). The packets are read by the words the writer
//! uses (`report::labels`); anything else goes through the same explainer
//! as the Explain view.
//!
//! One file per job: `json` reads the JSON packet's fields, `markdown` and
//! `html` turn those packets into labelled rows that `rows` reads, `check`
//! keeps only what is well formed, and `what_if` puts the What If inputs in
//! Graph's words.
//!
//! Everything read is untrusted: sizes are capped, IDs are kept only when
//! they are GUIDs (so they can go into a Graph `$filter` as they are), times
//! only when they parse, and values stay plain text (never markup). A value
//! the packet masked (presenter mode) is said to be masked, never used.

use crate::aadsts::{explain, explain_end_of, Explanation, MAX_LOG_BYTES};
use crate::personal::Personal;
use crate::report::labels;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use check::finish;
use html::html_rows;
use json::from_json;
use markdown::markdown_rows;
use rows::from_rows;

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

/// The Microsoft cloud the packet's authority belongs to (it decides which
/// Graph holds the sign-in logs): the one cloud table, `helpdesk::cloud`.
pub use super::cloud::Cloud;

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
    /// The user's sign-in name (UPN).
    pub user: Option<Personal>,
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
    } else if trimmed.starts_with('{') && trimmed.contains(labels::JSON_REPORT) {
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
    } else if trimmed.strip_prefix("# ").is_some_and(|t| t.starts_with(labels::TITLE)) {
        from_rows(PacketKind::Markdown, &markdown_rows(trimmed))
    } else if trimmed.contains(&format!("<title>{}</title>", labels::TITLE)) {
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

mod check;
mod html;
mod json;
mod markdown;
mod rows;
mod what_if;

pub use what_if::PacketWhatIf;
// The answer's rendering moved to `helpdesk::answer`; callers of the old path keep working.
pub use super::answer::{answer_markdown, marked_answer};

#[cfg(test)]
mod tests;
