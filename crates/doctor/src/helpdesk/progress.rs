//! What a lookup reports while it runs, and the bounds on its waits.

use serde::Serialize;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LookupProgress {
    /// A query to the sign-in logs: "by request ID", "by correlation ID, 09:10 to 09:40 UTC", …
    Querying { what: String },
    /// Waiting before asking again: the entry is not in the logs yet, or Graph throttles.
    Waiting {
        seconds: u64,
        reason: String,
        attempt: u32,
        until_gives_up_seconds: u64,
    },
    /// Reading a policy's definition.
    FetchingPolicy { id: String },
    /// Running the What If evaluation.
    Evaluating,
}

/// How long a lookup may wait, in all.
#[derive(Clone, Debug)]
pub struct LookupLimits {
    /// How long to keep asking for an entry that is not in the logs yet
    /// (P99 latency is about 5 minutes).
    pub max_wait_for_entry: Duration,
    /// The first wait before asking again; it doubles, up to a minute.
    pub first_retry: Duration,
    /// How long throttling (429) may be waited out in all.
    pub max_throttle_wait: Duration,
    /// The first back-off when a 429 has no Retry-After.
    pub throttle_first_wait: Duration,
    /// At most this many pages of results per query.
    pub max_pages: usize,
}

impl Default for LookupLimits {
    fn default() -> Self {
        Self {
            max_wait_for_entry: Duration::from_secs(300),
            first_retry: Duration::from_secs(10),
            max_throttle_wait: Duration::from_secs(60),
            throttle_first_wait: Duration::from_secs(2),
            max_pages: 5,
        }
    }
}
