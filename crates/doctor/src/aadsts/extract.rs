//! Pulls the facts out of any shape of pasted error text: a CLI line, an
//! MSAL or azure-cli log, a JSON error body (also escaped inside another
//! string, or wrapped across lines), the browser's "Troubleshooting
//! details", a redirect URL with `error_description`, or a stack trace.
//!
//! Only labelled values are taken, so decoy GUIDs (device IDs, client
//! request IDs, ParentRequestId, GUIDs inside `state`) never are.

use super::formats::{microsoft_account_code, msal_node_server_time, starts_like_microsoft_account_code};
use super::page::{self, ErrorPage};
use super::story::{self, Found, Source};
use super::windowed::{Form, Start, Windowed};
use chrono::{DateTime, NaiveDateTime, Utc};
use std::sync::OnceLock;

/// Texts up to this size are read whole, every pattern over every form.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Longer texts are logs: up to this size they are searched for anchors in
/// one linear pass per anchor, and only the text around each is parsed.
/// Past it, only the end (where the newest error is) is read.
pub const MAX_LOG_BYTES: usize = 64 * 1024 * 1024;

/// How much text either side of an anchor is parsed.
const WINDOW_BYTES: usize = 4 * 1024;

/// The words an error's facts sit next to. Case variants are listed, so
/// all are found in one linear multi-pattern pass.
const ANCHORS: [&str; 17] = [
    "AADSTS",
    "aadsts",
    "error_description",
    "error=",
    "\"error\"",
    "Error Code",
    "Error code",
    "Trace ID",
    "Trace Id",
    "trace_id",
    "traceId",
    "Correlation ID",
    "Correlation Id",
    "correlation_id",
    "correlationId",
    "Request Id",
    "request_id",
];

const GUID: &str = r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";

/// The facts found, before the knowledge base is consulted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Every AADSTS code named, in order of appearance, without repeats.
    pub codes: Vec<u32>,
    /// The code the text is about (see `story`): the current one in a story
    /// of several, the sign-in page's own beside an app's symptom, never a
    /// wrapper or a polling state when a more telling code is named.
    pub main_code: Option<u32>,
    /// A Microsoft account (consumer) page's own code, e.g. "80043490": not
    /// an AADSTS code.
    pub microsoft_account_code: Option<String>,
    pub error: Option<String>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// RFC 3339 in UTC, whole seconds.
    pub timestamp: Option<String>,
    /// The timestamp as the text wrote it, for showing exactly what was sent.
    pub timestamp_as_written: Option<String>,
    pub app_id: Option<String>,
    /// The error page's Troubleshooting details, when the text has them.
    pub page: Option<ErrorPage>,
    /// Bytes at the start of a text longer than [`MAX_LOG_BYTES`] that were not read.
    pub unread_bytes: usize,
}

struct Patterns {
    aadsts: Windowed,
    error_codes: Windowed,
    browser_code: Windowed,
    /// A structured `code: 50076` field (where a pager cut the AADSTS line).
    plain_code: Windowed,
    trace_id: Vec<Windowed>,
    correlation_id: Vec<Windowed>,
    timestamp: Windowed,
    /// Labels that name the client application: group 1 is a qualifier
    /// ("Resource app ID") that disqualifies the match, group 2 the GUID.
    app_id_labelled: Vec<Windowed>,
    /// The application an AADSTS message quotes (group 2).
    app_id_quoted: Vec<Windowed>,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // Each pattern with the words every match of it contains (see `windowed`).
        let re = |words: &[&str], p: String| Windowed::new(words, Start::GuardBefore, &p);
        let at_word = |words: &[&str], p: String| Windowed::new(words, Start::AtWord, &p);
        // A label, then : or =, maybe quotes, then the value. `(?:^|[^a-z-])` keeps
        // "client-request-id" and "ParentRequestId" from passing for "Request Id".
        let labelled = |word: &str, label: &str, value: &str| {
            re(
                &[word],
                format!(r#"(?i)(?:^|[^a-z0-9-]){label}["']?\s*[:=]\s*["']?{value}"#),
            )
        };
        Patterns {
            aadsts: at_word(&["aadsts"], r"(?i)AADSTS(\d{5,7})".to_owned()),
            // The guard takes the opening quote of `"error_codes"` too.
            error_codes: re(
                &["error"],
                r#"(?i)(?:^|[^a-z0-9_-])error_?codes"?\s*[:=]\s*\[\s*([\d,\s]+)\]"#.to_owned(),
            ),
            browser_code: labelled("error", r"error[ _]?code", r"(\d{5,7})(?:\D|$)"),
            plain_code: re(
                &["code"],
                r#"(?i)(?:^|[^a-z0-9_.-])code["']?\s*[:=]\s*["']?(\d{5,7})(?:[^0-9a-zA-Z_.]|$)"#.to_owned(),
            ),
            trace_id: vec![
                labelled("trace", r"trace[ _-]?id", GUID),
                labelled("request", r"request[ _-]?id", GUID),
                labelled("x-ms-request-id", r"x-ms-request-id", GUID),
            ],
            correlation_id: vec![
                // MSAL.NET's exception dump writes "CorrelationId <guid>", no colon.
                re(
                    &["correlation"],
                    format!(r#"(?i)(?:^|[^a-z0-9-])correlation[ _-]?id["']?(?:\s*[:=]\s*|\s+)["']?{GUID}"#),
                ),
                // Microsoft account pages write 32 hex digits without dashes: read as written.
                labelled("correlation", r"correlation[ _-]?id", r"([0-9a-fA-F]{32})(?:[^0-9a-zA-Z_-]|$)"),
            ],
            timestamp: labelled(
                "timestamp",
                "timestamp",
                r"(\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\s?(?:Z|UTC|[+-]\d{2}:?\d{2})?)",
            ),
            app_id_labelled: vec![
                // "App id:" (the browser page), "Client app ID:" (AADSTS650057), "appId", "app_id";
                // never "Resource app ID:" nor a "ParentAppId".
                re(
                    &["resource", "parent", "client", "app"],
                    format!(
                        r#"(?i)(?:^|[^a-z0-9-])((?:resource|parent)\s*)?(?:client\s+)?app(?:lication)?[ _]?id["']?\s*[:=]\s*["']?{GUID}"#
                    ),
                ),
                // "client_id=…" (a URL), 'client_id': '…' (an MSAL log), "ClientId: …".
                re(
                    &["client"],
                    format!(r#"(?i)(?:^|[^a-z0-9-])()client[ _-]?id["']?\s*[:=]\s*["']?{GUID}"#),
                ),
            ],
            app_id_quoted: vec![
                // "Application with identifier '…' was not found" (AADSTS700016),
                // "the application with ID '…' named …" (AADSTS65001).
                at_word(
                    &["application with"],
                    format!(r"(?i)()application with (?:identifier|id) '{GUID}'"),
                ),
                // "cannot access the application '…'(name)" (AADSTS50020), "added to app '…'"
                // (AADSTS7000215), "configured for the application: '…'" (AADSTS50011).
                // `\b` before a word character, written as a guard.
                re(&["app"], format!(r"(?i)(?:^|[^a-z0-9_])()app(?:lication)?:?\s*'{GUID}'")),
                // "you must use multi-factor authentication to access '…'" (AADSTS50076).
                re(&["to access"], format!(r"(?i)(?:^|[^a-z0-9_])()to access '{GUID}'")),
            ],
        }
    })
}

/// How many times JSON escaping is undone at most: a JSON error inside an
/// SDK message inside a tool's JSON output is escaped four times in real
/// pastes (Storage Explorer). Each round is one linear pass, and the rounds
/// stop as soon as nothing changes.
const MAX_UNESCAPE_ROUNDS: usize = 8;

/// The same text in the forms its values may hide in: as pasted, with JSON
/// string escapes undone (repeatedly, for JSON inside JSON), URL-decoded,
/// with line wrapping removed, with the browser page's line breaks put back,
/// with `+` read as a space (MSAL for iOS writes its description that way,
/// without any percent-encoding), and with wrapped lines joined without a
/// space (an ID a terminal broke anywhere). Also the error page's
/// Troubleshooting details, read from the form with its line breaks back.
fn variants(text: &str) -> (Vec<String>, Option<ErrorPage>) {
    let mut unescaped = text.to_owned();
    for _ in 0..MAX_UNESCAPE_ROUNDS {
        if !unescaped.contains('\\') {
            break;
        }
        let next = unescape_json(&unescaped);
        if next == unescaped {
            break;
        }
        unescaped = next;
    }
    let url_decoded = url_decode(&unescaped);
    let unwrapped = unwrap_lines(&url_decoded);
    let relined = reline_browser_labels(&url_decoded);
    let page = page::read(&relined);
    let mut all = vec![text.to_owned(), unescaped, url_decoded, unwrapped, relined];
    // "Trace+ID:+0b6b…": only where labels are written with '+', so a
    // timezone's "+02:00" never costs a copy.
    if all[1].contains("+ID") || all[1].contains(":+") {
        let plus = all[1].replace('+', " ");
        all.push(plus);
    }
    if text.contains('\n') {
        all.push(join_wrapped_lines(&all[2]));
    }
    // Every form once, in this order: most texts have only one or two.
    let mut forms: Vec<String> = Vec::with_capacity(all.len());
    for form in all {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    (forms, page)
}

/// The lines joined with nothing between them: a terminal wraps a long line
/// at its width, in the middle of an ID as anywhere else. A last resort: the
/// other forms are tried first.
fn join_wrapped_lines(text: &str) -> String {
    text.lines().map(str::trim).collect()
}

fn unescape_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('r') | Some('t') => out.push(' '),
            Some('"') => out.push('"'),
            Some('\'') => out.push('\''),
            Some('/') => out.push('/'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(decoded) => out.push(decoded),
                    None => out.push_str(&hex),
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Percent-decoding with `+` as a space (application/x-www-form-urlencoded),
/// applied only where the text looks encoded.
fn url_decode(text: &str) -> String {
    let encoded =
        text.contains("%3A") || text.contains("%3a") || text.contains("%20") || text.contains("error_description=");
    if !encoded {
        return text.to_owned();
    }
    // '+' first: a "%2B" decodes to a '+' that stays one.
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Joins what a terminal or a log wrapped: all whitespace becomes one
/// space, and a GUID broken after a dash ("…-5c7d-\n   4a7b…") is rejoined.
fn unwrap_lines(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let bytes = joined.as_bytes();
    let hex_at = |at: Option<usize>| at.and_then(|at| bytes.get(at)).is_some_and(u8::is_ascii_hexdigit);
    let mut out = String::with_capacity(joined.len());
    let mut copied_to = 0;
    for (dash, _) in joined.match_indices("- ") {
        if hex_at(dash.checked_sub(1)) && hex_at(Some(dash + 2)) {
            out.push_str(&joined[copied_to..=dash]);
            copied_to = dash + 2;
        }
    }
    out.push_str(&joined[copied_to..]);
    out
}

/// Some pages and tools drop the line breaks of the browser's
/// "Troubleshooting details" ("…2e15Correlation Id: …"). The labels there are
/// capitalised and spaced ("Request Id", not "RequestId" as in
/// ParentRequestId), so a break can be put back before each safely.
fn reline_browser_labels(text: &str) -> String {
    static LABELS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let labels = LABELS.get_or_init(|| {
        aho_corasick::AhoCorasick::new(PAGE_LABELS).unwrap_or_else(|e| unreachable!("constant labels: {e}"))
    });
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    for label in labels.find_iter(text) {
        let glued = text[..label.start()]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace());
        if glued {
            out.push_str(&text[copied_to..label.start()]);
            out.push('\n');
            copied_to = label.start();
        }
    }
    out.push_str(&text[copied_to..]);
    out
}

/// The browser page's Troubleshooting labels, as it capitalises them.
const PAGE_LABELS: [&str; 11] = [
    "Request Id:",
    "Correlation Id:",
    "Timestamp:",
    "Message:",
    "App name:",
    "App id:",
    "IP address:",
    "Device identifier:",
    "Device platform:",
    "Device state:",
    "Error Code:",
];

pub fn extract(text: &str) -> Facts {
    let unread_bytes = text.len().saturating_sub(MAX_LOG_BYTES);
    let focused = focus(text);
    let (forms, page) = variants(&focused);
    let forms: Vec<Form> = forms.into_iter().map(Form::new).collect();
    let p = patterns();
    let (codes, main_code, told_now) = codes(&forms, p);
    // In a story whose current error follows a "now I get…" cue, that error's
    // IDs and OAuth error come first: where each form's last cue ends.
    let from: Vec<usize> = forms
        .iter()
        .map(|f| told_now.then(|| story::last_cue_end(&f.text)).flatten().unwrap_or(0))
        .collect();
    let first_from = |re: &Windowed, form: &Form, at: usize| {
        re.captures_iter(form)
            .find(|(start, _)| *start >= at)
            .map(|(_, c)| c[1].to_owned())
    };
    let whole = vec![0; forms.len()];
    let first = |res: &[Windowed]| {
        let after = |(form, at): (&Form, &usize)| res.iter().find_map(|re| first_from(re, form, *at));
        // Without a cue `from` is all zeros: one search, not two.
        let again = || told_now.then(|| forms.iter().zip(&whole).find_map(after)).flatten();
        forms.iter().zip(&from).find_map(after).or_else(again)
    };
    // The first timestamp that reads as a time, in the first form that has one.
    let timestamps = |at: &[usize]| {
        forms
            .iter()
            .zip(at)
            .find_map(|(f, at)| first_from(&p.timestamp, f, *at).filter(|t| utc(t).is_some()))
    };
    let timestamp = timestamps(&from).or_else(|| told_now.then(|| timestamps(&whole)).flatten());
    let timestamp = timestamp.or_else(|| {
        forms
            .iter()
            .find_map(|f| msal_node_server_time(&f.text))
            .map(str::to_owned)
    });
    Facts {
        codes,
        main_code,
        microsoft_account_code: forms.first().and_then(|f| microsoft_account_code(&f.text)),
        error: forms
            .iter()
            .zip(&from)
            .find_map(|(form, at)| form.text.get(*at..).and_then(oauth_error))
            .or_else(|| {
                told_now
                    .then(|| forms.iter().find_map(|form| oauth_error(&form.text)))
                    .flatten()
            })
            .map(str::to_owned),
        trace_id: first(&p.trace_id).map(|g| g.to_ascii_lowercase()),
        correlation_id: first(&p.correlation_id).map(|g| g.to_ascii_lowercase()),
        timestamp: timestamp.as_deref().and_then(utc),
        timestamp_as_written: timestamp.map(|t| t.trim().to_owned()),
        app_id: app_id(&forms, p),
        page,
        unread_bytes,
    }
}

/// The OAuth `error` values, and only these: then a word after "Error:" that
/// is not one ("Error: Bad Request", "Error type: Error", "Azure error: azure…")
/// is never taken, however the library labels it.
const OAUTH_ERRORS: [&str; 22] = [
    // RFC 6749 §4.1.2.1 (authorization response) and §5.2 (token endpoint).
    "invalid_request",
    "unauthorized_client",
    "access_denied",
    "unsupported_response_type",
    "invalid_scope",
    "server_error",
    "temporarily_unavailable",
    "invalid_client",
    "invalid_grant",
    "unsupported_grant_type",
    // OpenID Connect Core 1.0 §3.1.2.6.
    "interaction_required",
    "login_required",
    "account_selection_required",
    "consent_required",
    "invalid_request_uri",
    "invalid_request_object",
    "request_not_supported",
    "request_uri_not_supported",
    "registration_not_supported",
    // RFC 8628 §3.5 (device authorization grant); its access_denied is above.
    "authorization_pending",
    "slow_down",
    "expired_token",
];

/// What Microsoft Entra adds: `invalid_resource` from its v1 token endpoint
/// (AADSTS500011, AADSTS50001; MSAL for iOS reports it as
/// `MSALOAuthErrorKey=invalid_resource`), and the device code flow's own
/// values (Microsoft identity platform, "OAuth 2.0 device authorization grant").
const ENTRA_OAUTH_ERRORS: [&str; 5] = [
    "invalid_resource",
    // An unknown or unreachable tenant (AADSTS90002), from the token and discovery endpoints.
    "invalid_tenant",
    "authorization_declined",
    "bad_verification_code",
    // Entra's v1 device flow answers this where RFC 8628 says expired_token
    // (AADSTS70019/70020); ADAL reports it as "Unexpected polling state code_expired".
    "code_expired",
];

/// The first OAuth error value in the text, in whatever label a library puts
/// it: `{"error":"…"}`, `error=…`, `invalid_grant: AADSTS…`, `ServerError:
/// invalid_request: …`, `ErrorCode: …`, `MSALOAuthErrorKey=…`, `[…]`,
/// `"['…']"`, `oauth2: "…" "AADSTS…"`. One pass over the words.
fn oauth_error(text: &str) -> Option<&'static str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.len() >= 9 && word.contains('_'))
        .find_map(|word| {
            OAUTH_ERRORS
                .iter()
                .chain(ENTRA_OAUTH_ERRORS.iter())
                .find(|known| known.eq_ignore_ascii_case(word))
                .copied()
        })
}

/// The application the text names: a label that names the client app first
/// (the page's "App id:", `client_id=`, "Client app ID:"), then the app an
/// AADSTS message quotes. Tenant, object, device, subscription, policy and
/// session GUIDs have neither shape, and the nil GUID is no application.
fn app_id(forms: &[Form], p: &Patterns) -> Option<String> {
    const NIL: &str = "00000000-0000-0000-0000-000000000000";
    [&p.app_id_labelled, &p.app_id_quoted].into_iter().find_map(|res| {
        forms.iter().find_map(|form| {
            res.iter().find_map(|re| {
                re.captures_iter(form)
                    .map(|(_, c)| c)
                    .filter(|c| c.get(1).is_none_or(|q| q.as_str().is_empty()))
                    .filter_map(|c| c.get(2).map(|g| g.as_str().to_ascii_lowercase()))
                    .find(|guid| guid != NIL)
            })
        })
    })
}

/// Every code in the text's order, the one the text is about, and whether
/// that one is what the writer gets now, after a "now I get…" cue.
fn codes(forms: &[Form], p: &Patterns) -> (Vec<u32>, Option<u32>, bool) {
    let mut found: Vec<Found> = Vec::new();
    let mut cue_end = None;
    // Positions come from the first form that names any code, so the order is the text's order.
    for form in forms {
        let text = form.text.as_str();
        for (at, c) in p.aadsts.captures_iter(form) {
            if let (Some(m), Ok(code)) = (c.get(1), c[1].parse()) {
                // "AADSTS50…" cut by a pager or a terminal is no code, and
                // "AADSTS5001…" is not AADSTS5001: a cut code is never taken as whole.
                if !is_cut(&text[at + m.end()..]) {
                    found.push(Found {
                        at: at + m.start(),
                        code,
                        source: Source::Message,
                    });
                }
            }
        }
        for (at, c) in p.browser_code.captures_iter(form) {
            // A Microsoft account page's "Error Code: 8004349a" is no AADSTS code.
            let consumer = c
                .get(1)
                .is_some_and(|m| starts_like_microsoft_account_code(text, at + m.start()));
            if let (Some(m), Ok(code), false) = (c.get(1), c[1].parse(), consumer) {
                found.push(Found {
                    at: at + m.start(),
                    code,
                    source: labelled_source(text, at),
                });
            }
        }
        for (at, c) in p.error_codes.captures_iter(form) {
            let start = at + c.get(1).map_or(0, |m| m.start());
            for (offset, n) in c[1].split(',').enumerate() {
                if let Ok(code) = n.trim().parse() {
                    found.push(Found {
                        at: start + offset,
                        code,
                        source: Source::Message,
                    });
                }
            }
        }
        // A structured `code: 500011` only where no whole code was read (a
        // pager cut the AADSTS line): elsewhere it repeats one, at no cost.
        if found.is_empty() {
            for (at, c) in p.plain_code.captures_iter(form) {
                if let (Some(m), Ok(code)) = (c.get(1), c[1].parse()) {
                    found.push(Found {
                        at: at + m.start(),
                        code,
                        source: Source::Message,
                    });
                }
            }
        }
        if !found.is_empty() {
            // A story needs two codes at least.
            if found.iter().any(|f| f.code != found[0].code) {
                cue_end = story::last_cue_end(text);
            }
            break;
        }
    }
    found.sort_by_key(|f| f.at);
    let main = story::main_code(&found, cue_end);
    let told_now = cue_end.is_some_and(|end| found.iter().any(|f| Some(f.code) == main && f.at >= end));
    let mut codes = Vec::new();
    for f in found {
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
    }
    (codes, main, told_now)
}

/// Whether the digits just read run on, or end in a cut mark ("…", "...",
/// or less's ">" at the end of a line).
fn is_cut(after: &str) -> bool {
    after.starts_with(|c: char| c.is_ascii_digit())
        || after.starts_with('…')
        || after.starts_with("...")
        || after
            .strip_prefix('>')
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['\n', '\r']))
}

/// Where an "Error Code" label came from: the admin portal's "Sign-in error
/// code", the sign-in page's own "Error Code:" line, or anything else.
fn labelled_source(text: &str, at: usize) -> Source {
    // `at` is where the match starts: the guard character before "Error".
    let before = text[floor_boundary(text, at.saturating_sub(12))..at].trim_end();
    let label = text[at..].trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    let portal = before
        .len()
        .checked_sub(7)
        .and_then(|from| before.get(from..))
        .is_some_and(|word| word.eq_ignore_ascii_case("sign-in"));
    if portal {
        Source::PortalLog
    } else if label.starts_with("Error Code:") {
        Source::Page
    } else {
        Source::Message
    }
}

/// Normalises "2023-05-29 05:46:34Z", "2023-05-29T05:46:34.1234567Z",
/// "…+02:00" or "… UTC" to RFC 3339 UTC with whole seconds.
fn utc(text: &str) -> Option<String> {
    let t = text.trim();
    if let Ok(parsed) = DateTime::parse_from_rfc3339(&t.replace(' ', "T")) {
        return Some(format_utc(parsed.with_timezone(&Utc)));
    }
    let bare = t.trim_end_matches("UTC").trim_end_matches('Z').trim().replace('T', " ");
    NaiveDateTime::parse_from_str(&bare, "%Y-%m-%d %H:%M:%S%.f")
        .ok()
        .map(|naive| format_utc(naive.and_utc()))
}

fn format_utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The part of `text` the patterns run over: all of a short text; of a log,
/// the text around each anchor (merged where windows overlap), newest
/// windows first up to [`MAX_TEXT_BYTES`], joined in the log's order.
fn focus(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_TEXT_BYTES {
        return std::borrow::Cow::Borrowed(text);
    }
    let text = tail(text, MAX_LOG_BYTES);
    // One pass for all anchors (a multi-pattern search); its matches come in
    // the text's order, so overlapping windows are merged as they come.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for found in anchor_finder().find_iter(text) {
        let start = floor_boundary(text, found.start().saturating_sub(WINDOW_BYTES));
        let end = ceil_boundary(text, found.end() + WINDOW_BYTES);
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    // The newest errors are at the end of a log: keep windows from the end.
    let mut kept = Vec::new();
    let mut size = 0;
    for &(start, end) in merged.iter().rev() {
        if size >= MAX_TEXT_BYTES {
            break;
        }
        // A log that repeats its error merges into one long window: its end is enough.
        let window = tail(&text[start..end], MAX_TEXT_BYTES - size);
        kept.push(window);
        size += window.len();
    }
    kept.reverse();
    std::borrow::Cow::Owned(kept.join("\n"))
}

/// Finds every anchor in one pass (Aho-Corasick, with a SIMD prefilter).
fn anchor_finder() -> &'static aho_corasick::AhoCorasick {
    static FINDER: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    FINDER.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(ANCHORS)
            .unwrap_or_else(|e| unreachable!("constant anchors: {e}"))
    })
}

/// The last `max` bytes of `text`, starting at a character.
fn tail(text: &str, max: usize) -> &str {
    &text[ceil_boundary(text, text.len().saturating_sub(max))..]
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}
