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

/// What a token verdict is about. `decode --json` prints these names, and
/// scripts match on them: a test pins every one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictId {
    Decode,
    /// The token is not a JWT (RFC 6749 §1.4: access tokens may be opaque).
    Opaque,
    Algorithm,
    Expiry,
    NotBefore,
    GraphToken,
    Signature,
    Issuer,
    Audience,
    Nonce,
    RequestedAudience,
    RequestedScopes,
}

impl VerdictId {
    pub const ALL: [VerdictId; 12] = [
        VerdictId::Decode,
        VerdictId::Opaque,
        VerdictId::Algorithm,
        VerdictId::Expiry,
        VerdictId::NotBefore,
        VerdictId::GraphToken,
        VerdictId::Signature,
        VerdictId::Issuer,
        VerdictId::Audience,
        VerdictId::Nonce,
        VerdictId::RequestedAudience,
        VerdictId::RequestedScopes,
    ];

    /// The name `decode --json` prints.
    pub fn name(self) -> &'static str {
        match self {
            VerdictId::Decode => "decode",
            VerdictId::Opaque => "opaque",
            VerdictId::Algorithm => "algorithm",
            VerdictId::Expiry => "expiry",
            VerdictId::NotBefore => "not_before",
            VerdictId::GraphToken => "graph_token",
            VerdictId::Signature => "signature",
            VerdictId::Issuer => "issuer",
            VerdictId::Audience => "audience",
            VerdictId::Nonce => "nonce",
            VerdictId::RequestedAudience => "requested_audience",
            VerdictId::RequestedScopes => "requested_scopes",
        }
    }
}

impl std::fmt::Display for VerdictId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One named finding about a token: pass, warn or fail, as a checklist row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TokenVerdict {
    pub id: VerdictId,
    #[serde(flatten, serialize_with = "crate::checks::status_word::status::serialize")]
    pub status: Status,
    pub message: String,
}

impl TokenVerdict {
    pub fn new(id: VerdictId, status: Status, message: impl Into<String>) -> Self {
        Self {
            id,
            status,
            message: message.into(),
        }
    }
}

pub fn offline(token: &DecodedToken, now: DateTime<Utc>) -> Vec<TokenVerdict> {
    let mut found = vec![algorithm(token)];
    found.extend(times(token, now));
    if token.header.contains_key("nonce") {
        found.push(TokenVerdict::new(
            VerdictId::GraphToken,
            Status::Warn,
            "A Microsoft Graph access token: Graph hashes the nonce in its header before checking the signature, so no one but Graph can verify it. That is normal, not an error.",
        ));
    }
    found
}

/// RFC 8725 §3.1–3.2: an unsigned or unexpected algorithm is refused.
fn algorithm(token: &DecodedToken) -> TokenVerdict {
    match token.header.get("alg").and_then(Value::as_str) {
        None => TokenVerdict::new(VerdictId::Algorithm, Status::Fail, "The header names no signature algorithm."),
        Some(alg) if alg.eq_ignore_ascii_case("none") => TokenVerdict::new(
            VerdictId::Algorithm,
            Status::Fail,
            "Unsigned token (alg: none): anyone could have written it. No service accepts it.",
        ),
        Some(_) if token.signature.is_empty() => {
            TokenVerdict::new(VerdictId::Algorithm, Status::Fail, "The token claims a signature algorithm but has no signature.")
        }
        Some(alg) => TokenVerdict::new(
            VerdictId::Algorithm,
            Status::Pass,
            format!("Carries an {alg} signature (checking it needs the issuer's keys: the Tokens row does that for your sign-in)."),
        ),
    }
}

fn times(token: &DecodedToken, now: DateTime<Utc>) -> Vec<TokenVerdict> {
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
        (false, _) => found.push(TokenVerdict::new(
            VerdictId::Expiry,
            Status::Warn,
            "The token has no expiry time.",
        )),
        (true, None) => found.push(TokenVerdict::new(
            VerdictId::Expiry,
            Status::Fail,
            "The expiry time (exp) is not a number of seconds.",
        )),
        (true, Some(exp)) if now >= exp + leeway => found.push(TokenVerdict::new(
            VerdictId::Expiry,
            Status::Fail,
            format!(
                "Expired at {} UTC ({} ago).",
                exp.format("%Y-%m-%d %H:%M:%S"),
                span(now - exp)
            ),
        )),
        (true, Some(exp)) if now >= exp => found.push(TokenVerdict::new(
            VerdictId::Expiry,
            Status::Warn,
            format!(
                "Expired at {} UTC, just now: services allowing clock skew may still take it.",
                exp.format("%H:%M:%S")
            ),
        )),
        (true, Some(exp)) => found.push(TokenVerdict::new(
            VerdictId::Expiry,
            Status::Pass,
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
            found.push(TokenVerdict::new(
                VerdictId::NotBefore,
                Status::Fail,
                format!(
                    "Not valid until {} UTC ({} from now). If that is unexpected, this computer's clock may be behind.",
                    nbf.format("%Y-%m-%d %H:%M:%S"),
                    span(nbf - now)
                ),
            ));
        } else {
            found.push(TokenVerdict::new(
                VerdictId::NotBefore,
                Status::Pass,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLI contract: `decode --json` verdict ids, exactly as scripts see them.
    #[test]
    fn every_verdict_id_keeps_its_name() {
        let names: Vec<&str> = VerdictId::ALL.iter().map(|id| id.name()).collect();
        assert_eq!(
            names,
            [
                "decode",
                "opaque",
                "algorithm",
                "expiry",
                "not_before",
                "graph_token",
                "signature",
                "issuer",
                "audience",
                "nonce",
                "requested_audience",
                "requested_scopes",
            ]
        );
        for id in VerdictId::ALL {
            assert_eq!(serde_json::to_value(id).ok(), Some(serde_json::json!(id.name())));
        }
    }

    #[test]
    fn a_verdict_serialises_as_id_status_message() {
        let verdict = TokenVerdict::new(VerdictId::Expiry, Status::Fail, "Expired.");
        assert_eq!(
            serde_json::to_value(&verdict).ok(),
            Some(serde_json::json!({"id": "expiry", "status": "fail", "status_word": "Fail", "message": "Expired."}))
        );
    }
}
