//! Requests to Microsoft Graph through the engine's shared client: the
//! bearer token, JSON, Graph's error shape read into a typed refusal, and
//! throttling (429) waited out within a bound, honouring `Retry-After`
//! (learn: throttling, throttling-limits: the policy endpoint sends none).

use super::progress::{LookupLimits, LookupProgress};
use crate::network::{HttpClient, NetworkFailure};
use crate::secret::Secret;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::Deserialize;
use std::time::Duration;

/// The least wait between two throttled attempts, whatever Retry-After says.
const MIN_THROTTLE_WAIT: Duration = Duration::from_millis(500);
/// At most this many throttled answers to one request.
const MAX_THROTTLED_ATTEMPTS: u32 = 12;

pub(crate) enum GraphError {
    /// Graph answered with an error: HTTP status, Graph's `error.code` and message.
    Refused { status: u16, code: String, message: String },
    /// Still 429 after waiting as long as allowed.
    Throttled { waited: Duration },
    /// The request did not get an answer.
    Unreachable(NetworkFailure),
    /// An answer that is not what Graph sends.
    BadAnswer(String),
}

pub(crate) struct GraphCaller<'a> {
    pub http: &'a HttpClient,
    pub token: &'a Secret<String>,
    /// The scopes the token was granted (the token answer's `scope`), to tell consent from role.
    pub granted: &'a [String],
    pub limits: &'a LookupLimits,
    pub on_progress: &'a (dyn Fn(LookupProgress) + Send + Sync),
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ErrorBody {
    error: ErrorFields,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ErrorFields {
    code: String,
    message: String,
}

impl GraphCaller<'_> {
    pub async fn get(&self, url: &str) -> Result<Vec<u8>, GraphError> {
        self.send(http::Method::GET, url, None).await
    }

    pub async fn post(&self, url: &str, body: Vec<u8>) -> Result<Vec<u8>, GraphError> {
        self.send(http::Method::POST, url, Some(body)).await
    }

    async fn send(&self, method: http::Method, url: &str, body: Option<Vec<u8>>) -> Result<Vec<u8>, GraphError> {
        let mut waited = Duration::ZERO;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let mut builder = http::Request::builder()
                .method(method.clone())
                .uri(url)
                .header(ACCEPT, "application/json")
                .header(AUTHORIZATION, format!("Bearer {}", self.token.expose()))
                // Report-only results are evolvable enum members (learn: appliedconditionalaccesspolicy).
                .header("Prefer", "include-unknown-enum-members");
            if body.is_some() {
                builder = builder.header(CONTENT_TYPE, "application/json");
            }
            let request = builder
                .body(body.clone().unwrap_or_default())
                .map_err(|e| GraphError::BadAnswer(format!("the request to {url} could not be built: {e}")))?;
            let response = self
                .http
                .send(request)
                .await
                .map_err(|e| GraphError::Unreachable(e.0))?;
            let status = response.status().as_u16();
            if status == 429 || status == 503 {
                let retry_after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok());
                // Without Retry-After: back off, doubling from the first wait.
                // A Retry-After of 0 still waits a little: no tight loop.
                let wait = match retry_after {
                    Some(seconds) => Duration::from_secs(seconds),
                    None => self
                        .limits
                        .throttle_first_wait
                        .saturating_mul(1u32 << attempt.min(6).saturating_sub(1)),
                }
                .max(MIN_THROTTLE_WAIT);
                if attempt > MAX_THROTTLED_ATTEMPTS || waited.saturating_add(wait) > self.limits.max_throttle_wait {
                    return Err(GraphError::Throttled { waited });
                }
                (self.on_progress)(LookupProgress::Waiting {
                    seconds: wait.as_secs().max(1),
                    reason: match retry_after {
                        Some(_) => "Microsoft Graph is throttling: waiting as its Retry-After asks".to_owned(),
                        None => "Microsoft Graph is throttling (no Retry-After): backing off".to_owned(),
                    },
                    attempt,
                    until_gives_up_seconds: self.limits.max_throttle_wait.saturating_sub(waited).as_secs(),
                });
                tokio::time::sleep(wait).await;
                waited = waited.saturating_add(wait);
                continue;
            }
            let bytes = response.into_body();
            if (200..300).contains(&status) {
                return Ok(bytes);
            }
            let error: ErrorBody = serde_json::from_slice(&bytes).unwrap_or_default();
            return Err(GraphError::Refused {
                status,
                code: error.error.code,
                message: error.error.message,
            });
        }
    }
}
