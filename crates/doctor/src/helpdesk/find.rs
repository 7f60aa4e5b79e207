//! Finding the sign-in: by request ID first, then correlation ID in a window
//! around the packet's time, then user and time (research: sign-ins list
//! API). Beta, with interactive and non-interactive sign-ins both asked for
//! (beta returns interactive ones only unless `signInEventTypes` is filtered).

use super::entry::{Page, SignInEntry};
use super::graph::{GraphCaller, GraphError};
use super::input::LookupInput;
use super::progress::LookupProgress;
use chrono::{DateTime, Duration, Utc};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

/// Interactive and non-interactive user sign-ins (beta signin.md). Whether
/// `or` inside the lambda is accepted is not confirmed; a 400 falls back to
/// asking each type on its own.
const BOTH_TYPES: &str = "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')";
const EACH_TYPE: [&str; 2] = [
    "signInEventTypes/any(t: t eq 'interactiveUser')",
    "signInEventTypes/any(t: t eq 'nonInteractiveUser')",
];

pub(crate) enum Found {
    One(Box<SignInEntry>),
    Many(Vec<SignInEntry>),
    Nothing,
}

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
        let entries = match list(caller, base, &format!("({BOTH_TYPES}) and {}", query.filter)).await {
            Err(GraphError::Refused {
                status: 400,
                code,
                message,
            }) if !message.contains("segment") => {
                let _ = code;
                let mut all = Vec::new();
                for each in EACH_TYPE {
                    all.extend(list(caller, base, &format!("{each} and {}", query.filter)).await?);
                }
                all
            }
            other => other?,
        };
        match choose(entries) {
            Found::Nothing => continue,
            found => return Ok(found),
        }
    }
    Ok(Found::Nothing)
}

/// Every page of one query, up to the page bound.
async fn list(caller: &GraphCaller<'_>, base: &str, filter: &str) -> Result<Vec<SignInEntry>, GraphError> {
    let mut url = format!(
        "{base}/beta/auditLogs/signIns?$filter={}&$top=50",
        utf8_percent_encode(filter, NON_ALPHANUMERIC)
    );
    let mut entries = Vec::new();
    for _ in 0..caller.limits.max_pages.max(1) {
        let bytes = caller.get(&url).await?;
        let page: Page = serde_json::from_slice(&bytes)
            .map_err(|e| GraphError::BadAnswer(format!("the sign-in logs' answer is not Graph's JSON: {e}")))?;
        entries.extend(page.value);
        match page.next_link {
            // Only follow links to the same Graph: a token never goes elsewhere.
            Some(next) if next.starts_with(base) => url = next,
            _ => break,
        }
    }
    Ok(entries)
}

/// One sign-in, several, or none: failures are preferred over the other
/// events of the same sign-in; rows with one ID are one sign-in.
fn choose(entries: Vec<SignInEntry>) -> Found {
    let mut unique: Vec<SignInEntry> = Vec::new();
    for entry in entries {
        if !unique.iter().any(|u| u.id.is_some() && u.id == entry.id) {
            unique.push(entry);
        }
    }
    let failed: Vec<SignInEntry> = unique.iter().filter(|e| e.failed()).cloned().collect();
    let pool = if failed.is_empty() { unique } else { failed };
    let blocked: Vec<SignInEntry> = pool.iter().filter(|e| e.blocked_by_ca()).cloned().collect();
    let mut pool = if blocked.is_empty() { pool } else { blocked };
    match pool.len() {
        0 => Found::Nothing,
        1 => Found::One(Box::new(pool.remove(0))),
        _ => Found::Many(pool),
    }
}

#[cfg(test)]
mod window_tests {
    use super::window;
    use chrono::{DateTime, Utc};

    #[test]
    fn a_time_at_chronos_ends_gives_a_window_not_a_panic() {
        for at in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
            let (filter, _) = window(Some(at), 15);
            assert!(filter.contains("createdDateTime ge"), "{filter}");
        }
    }
}
