//! What can be said of a token without the network: its algorithm, its
//! times, and whether anyone but Microsoft Graph could verify it.

use super::decode::DecodedToken;
use crate::checks::Status;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::time::Duration;

/// The time tolerance for exp/nbf: Microsoft's own libraries allow 5 minutes
/// (Microsoft.IdentityModel's DefaultClockSkew).
pub const LEEWAY: Duration = Duration::from_secs(300);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictStatus {
    Pass,
    Warn,
    Fail,
}

/// The same three as a check's: they read with the same words.
impl From<VerdictStatus> for Status {
    fn from(status: VerdictStatus) -> Status {
        match status {
            VerdictStatus::Pass => Status::Pass,
            VerdictStatus::Warn => Status::Warn,
            VerdictStatus::Fail => Status::Fail,
        }
    }
}

/// One named finding about a token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub id: &'static str,
    #[serde(flatten, serialize_with = "crate::checks::status_word::status::serialize")]
    pub status: VerdictStatus,
    pub message: String,
}

impl Verdict {
    pub fn new(id: &'static str, status: VerdictStatus, message: impl Into<String>) -> Self {
        Self {
            id,
            status,
            message: message.into(),
        }
    }
}

pub fn offline(token: &DecodedToken, now: DateTime<Utc>) -> Vec<Verdict> {
    let mut found = vec![algorithm(token)];
    found.extend(times(token, now));
    if token.header.contains_key("nonce") {
        found.push(Verdict::new(
            "graph_token",
            VerdictStatus::Warn,
            "A Microsoft Graph access token: Graph hashes the nonce in its header before checking the signature, so no one but Graph can verify it. That is normal, not an error.",
        ));
    }
    found
}

/// RFC 8725 §3.1–3.2: an unsigned or unexpected algorithm is refused.
fn algorithm(token: &DecodedToken) -> Verdict {
    match token.header.get("alg").and_then(Value::as_str) {
        None => Verdict::new("algorithm", VerdictStatus::Fail, "The header names no signature algorithm."),
        Some(alg) if alg.eq_ignore_ascii_case("none") => Verdict::new(
            "algorithm",
            VerdictStatus::Fail,
            "Unsigned token (alg: none): anyone could have written it. No service accepts it.",
        ),
        Some(_) if token.signature.is_empty() => {
            Verdict::new("algorithm", VerdictStatus::Fail, "The token claims a signature algorithm but has no signature.")
        }
        Some(alg) => Verdict::new(
            "algorithm",
            VerdictStatus::Pass,
            format!("Carries an {alg} signature (checking it needs the issuer's keys: the Tokens row does that for your sign-in)."),
        ),
    }
}

fn times(token: &DecodedToken, now: DateTime<Utc>) -> Vec<Verdict> {
    let leeway = chrono::Duration::from_std(LEEWAY).unwrap_or_default();
    let moment = |name: &str| {
        token
            .claims
            .get(name)
            .and_then(Value::as_i64)
            .and_then(|s| DateTime::from_timestamp(s, 0))
    };
    let mut found = Vec::new();
    // RFC 7519 §4.1.4: refuse on or after exp (with a small leeway for clock skew).
    match (token.claims.contains_key("exp"), moment("exp")) {
        (false, _) => found.push(Verdict::new(
            "expiry",
            VerdictStatus::Warn,
            "The token has no expiry time.",
        )),
        (true, None) => found.push(Verdict::new(
            "expiry",
            VerdictStatus::Fail,
            "The expiry time (exp) is not a number of seconds.",
        )),
        (true, Some(exp)) if now >= exp + leeway => found.push(Verdict::new(
            "expiry",
            VerdictStatus::Fail,
            format!(
                "Expired at {} UTC ({} ago).",
                exp.format("%Y-%m-%d %H:%M:%S"),
                span(now - exp)
            ),
        )),
        (true, Some(exp)) if now >= exp => found.push(Verdict::new(
            "expiry",
            VerdictStatus::Warn,
            format!(
                "Expired at {} UTC, just now: services allowing clock skew may still take it.",
                exp.format("%H:%M:%S")
            ),
        )),
        (true, Some(exp)) => found.push(Verdict::new(
            "expiry",
            VerdictStatus::Pass,
            format!(
                "Valid until {} UTC (for {}).",
                exp.format("%Y-%m-%d %H:%M:%S"),
                span(exp - now)
            ),
        )),
    }
    // RFC 7519 §4.1.5: refuse before nbf.
    if let Some(nbf) = moment("nbf") {
        if now + leeway < nbf {
            found.push(Verdict::new(
                "not_before",
                VerdictStatus::Fail,
                format!(
                    "Not valid until {} UTC ({} from now). If that is unexpected, this computer's clock may be behind.",
                    nbf.format("%Y-%m-%d %H:%M:%S"),
                    span(nbf - now)
                ),
            ));
        } else {
            found.push(Verdict::new(
                "not_before",
                VerdictStatus::Pass,
                "Already valid (nbf is past).",
            ));
        }
    }
    found
}

fn span(d: chrono::Duration) -> String {
    let secs = d.num_seconds().abs();
    match secs {
        0..=119 => format!("{secs} s"),
        120..=7199 => format!("{} min", secs / 60),
        7200..=172_799 => format!("{} h", secs / 3600),
        _ => format!("{} days", secs / 86_400),
    }
}
