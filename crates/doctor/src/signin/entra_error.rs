//! An error from the sign-in service, captured whole: from the redirect
//! (RFC 6749 §4.1.2.1), from the token endpoint's JSON (RFC 6749 §5.2 plus
//! Entra's own fields), or pasted by the user from the browser's error page.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How much of a pasted text is kept with the error (the whole text is
/// still read for the code and IDs): enough for the troubleshooting block,
/// not a whole log held in memory, the history and every report.
pub const MAX_KEPT_BYTES: usize = 8 * 1024;
/// A title longer than this is cut: a service's description is one sentence.
pub const MAX_HEADLINE_CHARS: usize = 300;

/// Where an error was captured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorSource {
    /// The browser came back to the app with `error=…`.
    Redirect,
    /// The token endpoint answered with a JSON error.
    TokenEndpoint,
    /// The user pasted the browser page's troubleshooting details.
    Pasted,
}

/// A sign-in refused by the service, with what help-desk needs to find it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInError {
    pub source: ErrorSource,
    /// The OAuth error code, e.g. `access_denied` or `interaction_required`.
    pub error: String,
    pub description: Option<String>,
    pub error_uri: Option<String>,
    /// The AADSTS code, e.g. 53003.
    pub code: Option<u32>,
    /// Every AADSTS code the service named (Entra's `error_codes`).
    pub error_codes: Vec<u32>,
    /// The Request ID in the sign-in logs (the browser page calls it "Request Id").
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// The time as the service wrote it.
    pub timestamp: Option<String>,
    /// The same time in UTC, when it could be read.
    pub timestamp_utc: Option<DateTime<Utc>>,
    pub suberror: Option<String>,
    /// A claims challenge to send on the next authorize request.
    pub claims: Option<String>,
}

impl SignInError {
    /// From the redirect's query parameters (RFC 6749 §4.1.2.1).
    pub fn from_redirect(error: &str, description: Option<&str>, error_uri: Option<&str>) -> Self {
        let mut found = Self::bare(ErrorSource::Redirect, error);
        found.description = description.map(str::to_owned);
        found.error_uri = error_uri.map(str::to_owned);
        found.fill_from_text(description.unwrap_or_default());
        found
    }

    /// From a token endpoint's JSON error body.
    pub fn from_token_response(body: &TokenErrorBody) -> Self {
        let mut found = Self::bare(ErrorSource::TokenEndpoint, &body.error);
        found.description = body.error_description.clone();
        found.error_uri = body.error_uri.clone();
        found.error_codes = body.error_codes.clone();
        found.code = body.error_codes.first().copied();
        found.trace_id = body.trace_id.clone();
        found.correlation_id = body.correlation_id.clone();
        found.timestamp = body.timestamp.clone();
        found.suberror = body.suberror.clone();
        found.claims = body.claims.clone();
        found.fill_from_text(body.error_description.as_deref().unwrap_or_default());
        found
    }

    /// From text the user pasted (the browser's "Troubleshooting details").
    pub fn from_pasted(text: &str) -> Self {
        let mut found = Self::bare(ErrorSource::Pasted, "");
        found.description = Some(kept_part(text.trim()));
        found.fill_from_text(text);
        found
    }

    fn bare(source: ErrorSource, error: &str) -> Self {
        Self {
            source,
            error: error.to_owned(),
            description: None,
            error_uri: None,
            code: None,
            error_codes: Vec::new(),
            trace_id: None,
            correlation_id: None,
            timestamp: None,
            timestamp_utc: None,
            suberror: None,
            claims: None,
        }
    }

    /// Fills what structured fields left empty from the description text,
    /// where Entra repeats the code, IDs and time.
    fn fill_from_text(&mut self, text: &str) {
        // The same reader as "Explain an error": one parser for what the
        // sign-in captured and what the user pastes.
        let facts = crate::aadsts::extract(text);
        if self.code.is_none() {
            self.code = crate::aadsts::most_specific(&facts.codes);
        }
        if let Some(code) = self.code {
            if !self.error_codes.contains(&code) {
                self.error_codes.insert(0, code);
            }
        }
        if self.trace_id.is_none() {
            self.trace_id = facts.trace_id;
        }
        if self.correlation_id.is_none() {
            self.correlation_id = facts.correlation_id;
        }
        if self.timestamp.is_none() {
            self.timestamp = facts.timestamp_as_written;
        }
        self.timestamp_utc = self.timestamp.as_deref().and_then(parse_utc);
    }

    /// Where the error came from, in words, with a warning when anyone could
    /// have sent it: the loopback redirect carries no proof of origin (RFC
    /// 8252 §8.5: other programs on the computer can reach that port; only
    /// `state` ties it to this sign-in, and an error needs no code exchange).
    pub fn captured_from(&self) -> &'static str {
        match self.source {
            ErrorSource::Redirect => "the browser's redirect (not verified: the error came to the loopback address, which any program on this computer can reach)",
            ErrorSource::TokenEndpoint => "the token endpoint",
            ErrorSource::Pasted => "the error page's details you pasted",
        }
    }

    /// A one-line title for a row, the log, the history and the packet. A
    /// pasted text's own lines never become it (they may hold anything the
    /// user copied): its title is built from the facts read from it. A
    /// service's description gives its first line, without the IDs, on one
    /// short line with no control characters.
    pub fn headline(&self) -> String {
        if self.source == ErrorSource::Pasted {
            return match self.code {
                Some(code) => match crate::aadsts::knowledge::lookup(code) {
                    Some(info) => format!("AADSTS{code}: {} (from the text you pasted)", info.name),
                    None => format!("AADSTS{code} (from the text you pasted)"),
                },
                None => "An error you pasted, with no AADSTS code in it".to_owned(),
            };
        }
        let text = self.description.as_deref().unwrap_or(&self.error);
        let first = text.lines().next().unwrap_or(text);
        let cut = first.find(" Trace ID:").unwrap_or(first.len());
        let mut line: String = first[..cut]
            .trim()
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_HEADLINE_CHARS + 1)
            .collect();
        if line.chars().count() > MAX_HEADLINE_CHARS {
            line = line.chars().take(MAX_HEADLINE_CHARS).collect::<String>() + "…";
        }
        line
    }
}

/// At most [`MAX_KEPT_BYTES`] of `text`, cut on a character boundary, saying so when cut.
fn kept_part(text: &str) -> String {
    if text.len() <= MAX_KEPT_BYTES {
        return text.to_owned();
    }
    let mut end = MAX_KEPT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\n… (the rest of the pasted text was not kept)", &text[..end])
}

impl fmt::Display for SignInError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headline = self.headline();
        match self.code {
            // Entra's descriptions already start with the code; name it once.
            Some(code) if !headline.starts_with(&format!("AADSTS{code}")) => write!(f, "AADSTS{code}: {headline}"),
            _ => f.write_str(&headline),
        }
    }
}

/// A token endpoint's error body: RFC 6749 §5.2 plus the fields Entra adds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenErrorBody {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
    #[serde(default)]
    pub error_uri: Option<String>,
    #[serde(default)]
    pub error_codes: Vec<u32>,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub trace_id: Option<String>,
    #[serde(default)]
    pub correlation_id: Option<String>,
    #[serde(default)]
    pub suberror: Option<String>,
    #[serde(default)]
    pub claims: Option<String>,
}

impl fmt::Display for TokenErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.error_description {
            Some(d) => write!(f, "{}: {d}", self.error),
            None => f.write_str(&self.error),
        }
    }
}

impl oauth2::ErrorResponse for TokenErrorBody {}

/// Entra writes "2023-05-29 05:46:34Z" or ISO 8601; both are UTC.
fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    let trimmed = text.trim().trim_end_matches('Z').replace('T', " ");
    NaiveDateTime::parse_from_str(&trimmed, "%Y-%m-%d %H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESCRIPTION: &str = "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e Correlation ID: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f Timestamp: 2023-05-29 05:46:34Z";

    #[test]
    fn a_redirect_description_gives_code_ids_and_utc_time() {
        let e = SignInError::from_redirect("access_denied", Some(DESCRIPTION), None);
        assert_eq!(e.code, Some(53003));
        assert_eq!(e.trace_id.as_deref(), Some("0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"));
        assert_eq!(
            e.correlation_id.as_deref(),
            Some("7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f")
        );
        assert_eq!(e.timestamp.as_deref(), Some("2023-05-29 05:46:34Z"));
        assert_eq!(
            e.timestamp_utc.map(|t| t.to_rfc3339()),
            Some("2023-05-29T05:46:34+00:00".to_owned())
        );
        assert_eq!(
            e.headline(),
            "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."
        );
    }

    #[test]
    fn the_code_is_named_once_in_the_display() {
        let e = SignInError::from_redirect("access_denied", Some(DESCRIPTION), None);
        assert_eq!(
            e.to_string(),
            "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."
        );
        let pasted = SignInError::from_pasted("Error Code: 53003");
        assert_eq!(
            pasted.to_string(),
            "AADSTS53003: BlockedByConditionalAccess (from the text you pasted)"
        );
    }

    #[test]
    fn a_pasted_texts_own_lines_never_become_the_title() {
        // Whatever the user pasted first (a name, a password typed in the
        // wrong box) must not reach the log, the history or the packet.
        let pasted = SignInError::from_pasted(
            "alice hunter2\nSorry, but we're having trouble signing you in.\nError Code: 53003",
        );
        let title = pasted.to_string();
        assert!(!title.contains("hunter2") && !title.contains("alice"), "{title}");
        assert!(title.starts_with("AADSTS53003"), "{title}");
        let nothing = SignInError::from_pasted("my password is hunter2");
        assert_eq!(nothing.to_string(), "An error you pasted, with no AADSTS code in it");
    }

    #[test]
    fn a_huge_paste_is_kept_only_in_part() {
        let huge = format!("Error Code: 53003\n{}", "é".repeat(5_000_000));
        let pasted = SignInError::from_pasted(&huge);
        let kept = pasted.description.as_deref().unwrap_or_default();
        assert!(kept.len() <= MAX_KEPT_BYTES + 100, "{} bytes kept", kept.len());
        assert!(kept.ends_with("(the rest of the pasted text was not kept)"), "says so");
        assert_eq!(pasted.code, Some(53003), "the whole text was still read");
    }

    #[test]
    fn a_server_sent_headline_is_one_short_line() {
        let long = format!("AADSTS50058: {}\u{7}\u{1b}[31m", "x".repeat(5_000));
        let e = SignInError::from_redirect("invalid_request", Some(&long), None);
        let title = e.to_string();
        assert!(title.chars().count() <= MAX_HEADLINE_CHARS + 20, "{}", title.len());
        assert!(!title.chars().any(char::is_control), "{title:?}");
    }

    #[test]
    fn token_endpoint_fields_win_over_the_description() {
        let body: TokenErrorBody = serde_json::from_str(
            r#"{"error":"interaction_required","error_description":"AADSTS53003: Blocked.\r\nTrace ID: 11111111-1111-1111-1111-111111111111\r\nCorrelation ID: 22222222-2222-2222-2222-222222222222\r\nTimestamp: 2024-01-02 03:04:05Z",
                "error_codes":[53003],"timestamp":"2024-01-02 03:04:05.1234567Z","trace_id":"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa",
                "correlation_id":"bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb","suberror":"message_only","error_uri":"https://login.microsoftonline.com/error?code=53003"}"#,
        )
        .expect("Entra JSON");
        let e = SignInError::from_token_response(&body);
        assert_eq!(e.code, Some(53003));
        assert_eq!(e.trace_id.as_deref(), Some("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"));
        assert_eq!(
            e.correlation_id.as_deref(),
            Some("bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb")
        );
        assert_eq!(e.suberror.as_deref(), Some("message_only"));
        assert_eq!(e.timestamp_utc.map(|t| t.timestamp_subsec_micros()), Some(123_456));
    }

    #[test]
    fn the_browser_pages_troubleshooting_block_is_read() {
        let pasted = "Troubleshooting details\nError Code: 53003\nRequest Id: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e\nCorrelation Id: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f\nTimestamp: 2023-05-29T05:46:34.000Z\nApp name: Microsoft Azure CLI";
        let e = SignInError::from_pasted(pasted);
        assert_eq!(e.code, Some(53003));
        assert_eq!(e.trace_id.as_deref(), Some("0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"));
        assert_eq!(
            e.correlation_id.as_deref(),
            Some("7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f")
        );
        assert!(e.timestamp_utc.is_some());
    }

    #[test]
    fn odd_text_gives_no_ids_and_no_panic() {
        for text in [
            "",
            "AADSTS",
            "Trace ID: not-a-guid",
            "Timestamp: 2023-99-99 99:99:99Z",
            "\u{0}\u{ffff}",
        ] {
            let e = SignInError::from_pasted(text);
            assert_eq!(e.trace_id, None);
            assert_eq!(e.timestamp_utc, None);
        }
    }
}
