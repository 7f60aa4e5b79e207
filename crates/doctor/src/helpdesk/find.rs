//! Finding the sign-in: by request ID first, then correlation ID in a window
//! around the packet's time, then user and time (research: sign-ins list
//! API). Beta, with interactive and non-interactive sign-ins both asked for
//! (beta returns interactive ones only unless `signInEventTypes` is filtered).

use super::entry::{Page, MAX_ENTRIES_PER_PAGE};
use super::graph::{GraphCaller, GraphError};
use super::input::LookupInput;
use super::progress::LookupProgress;
use chrono::{DateTime, Duration, Utc};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use url::Url;

#[path = "choose.rs"]
mod choose;
pub(crate) use choose::Found;
use choose::{choose, Read};

/// Interactive and non-interactive user sign-ins (beta signin.md). Whether
/// `or` inside the lambda is accepted is not confirmed; a 400 falls back to
/// asking each type on its own.
const BOTH_TYPES: &str = "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')";
const EACH_TYPE: [&str; 2] = [
    "signInEventTypes/any(t: t eq 'interactiveUser')",
    "signInEventTypes/any(t: t eq 'nonInteractiveUser')",
];

/// At most this many entries are read for one query, over all its pages:
/// the app asks 50 a page and at most `max_pages` pages (5 by default), so a
/// real search stays well within; a hostile answer stops here.
pub(crate) const MAX_ENTRIES_READ: usize = MAX_ENTRIES_PER_PAGE;
struct Query {
    what: String,
    filter: String,
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn window(at: Option<DateTime<Utc>>, minutes: i64) -> (String, String) {
    match at {
        Some(at) => {
            // The time comes from a packet: near chrono's ends, the window stops there rather than overflow.
            let span = Duration::minutes(minutes);
            let (from, to) = (
                at.checked_sub_signed(span).unwrap_or(at),
                at.checked_add_signed(span).unwrap_or(at),
            );
            (
                format!(
                    " and createdDateTime ge {} and createdDateTime le {}",
                    time(from),
                    time(to)
                ),
                format!(", {} to {} UTC", from.format("%H:%M"), to.format("%H:%M")),
            )
        }
        None => (String::new(), String::new()),
    }
}

/// The queries to try, in order. `now` is the lookup's clock (`LookupContext::now`).
fn queries(input: &LookupInput, now: DateTime<Utc>) -> Vec<Query> {
    let mut queries = Vec::new();
    if let Some(id) = input.request_id() {
        queries.push(Query {
            what: "by request ID".to_owned(),
            filter: format!("id eq {}", quote(&id)),
        });
        queries.push(Query {
            what: "by original request ID".to_owned(),
            filter: format!("originalRequestId eq {}", quote(&id)),
        });
    }
    if let Some(id) = input.correlation_id() {
        let (filter, words) = window(input.at, 15);
        queries.push(Query {
            what: format!("by correlation ID{words}"),
            filter: format!("correlationId eq {}{filter}", quote(&id)),
        });
    }
    if let Some(upn) = input.user() {
        // Without a time, the last two hours.
        let at = input.at.or_else(|| Some(now - Duration::minutes(55)));
        let (filter, words) = window(at, if input.at.is_some() { 10 } else { 60 });
        queries.push(Query {
            what: format!("by user and time{words}"),
            filter: format!("userPrincipalName eq {}{filter}", quote(&upn)),
        });
    }
    queries
}

impl LookupInput {
    /// Whether there is a request ID, correlation ID or user to search by.
    pub fn can_search_by_anything(&self) -> bool {
        self.can_search()
    }

    pub(crate) fn can_search(&self) -> bool {
        self.request_id().is_some() || self.correlation_id().is_some() || self.user().is_some()
    }
}

pub(crate) async fn search(
    caller: &GraphCaller<'_>,
    base: &str,
    input: &LookupInput,
    now: DateTime<Utc>,
) -> Result<Found, GraphError> {
    for query in queries(input, now) {
        (caller.on_progress)(LookupProgress::Querying {
            what: query.what.clone(),
        });
        let mut read = Read::default();
        match list(caller, base, &format!("({BOTH_TYPES}) and {}", query.filter), &mut read).await {
            Err(GraphError::Refused {
                status: 400,
                code,
                message,
            }) if !message.contains("segment") => {
                let _ = code;
                read = Read::default();
                for each in EACH_TYPE {
                    list(caller, base, &format!("{each} and {}", query.filter), &mut read).await?;
                }
            }
            other => other?,
        };
        match choose(read) {
            Found::Nothing => continue,
            found => return Ok(found),
        }
    }
    Ok(Found::Nothing)
}

/// Every page of one query, up to the page bound and the entry bound.
async fn list(caller: &GraphCaller<'_>, base: &str, filter: &str, read: &mut Read) -> Result<(), GraphError> {
    let mut url = format!(
        "{base}/beta/auditLogs/signIns?$filter={}&$top=50",
        utf8_percent_encode(filter, NON_ALPHANUMERIC)
    );
    for _ in 0..caller.limits.max_pages.max(1) {
        let room = MAX_ENTRIES_READ.saturating_sub(read.entries.len());
        if room == 0 {
            read.more_unread = true;
            break;
        }
        let bytes = caller.get(&url).await?;
        let page: Page = serde_json::from_slice(&bytes)
            .map_err(|e| GraphError::BadAnswer(format!("the sign-in logs' answer is not Graph's JSON: {e}")))?;
        read.more_unread |= page.value.len() > room;
        read.entries.extend(page.value.into_iter().take(room));
        match page.next_link {
            // Only follow links to the same Graph: a token never goes elsewhere.
            Some(next) if follows(base, &next) => url = next,
            _ => break,
        }
    }
    Ok(())
}

/// Whether a next page's address is on the Graph the token is for: the
/// same origin (scheme, host and port, RFC 6454 §4) and no user-info. A
/// string prefix is not enough: `https://graph.microsoft.com.evil.example`
/// and `http://127.0.0.1:P@127.0.0.1:Q` both begin with Graph's address.
fn follows(base: &str, next: &str) -> bool {
    let (Ok(base), Ok(next)) = (Url::parse(base), Url::parse(next)) else {
        return false;
    };
    // User-info is deprecated in http(s) URIs (RFC 3986 §3.2.1) and Graph writes none.
    let plain = next.username().is_empty() && next.password().is_none();
    plain
        && next.scheme() == base.scheme()
        && next.host().is_some()
        && next.host() == base.host()
        && next.port_or_known_default() == base.port_or_known_default()
}

#[cfg(test)]
#[path = "find_tests.rs"]
mod tests;
