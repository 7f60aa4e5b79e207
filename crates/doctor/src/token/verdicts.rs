//! What can be said of a token without the network: its algorithm, its
//! times, and whether anyone but Microsoft Graph could verify it.

use super::decode::DecodedToken;
use super::numeric_date::NumericDate;
use crate::checks::Status;
use chrono::{DateTime, TimeDelta, Utc};
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
    let leeway = TimeDelta::from_std(LEEWAY).unwrap_or_default();
    let mut found = Vec::new();
    // RFC 7519 §4.1.4: refuse on or after exp (with a small leeway for clock skew).
    found.push(match NumericDate::of(&token.claims, "exp") {
        NumericDate::Missing => TokenVerdict::new(VerdictId::Expiry, Status::Warn, "The token has no expiry time."),
        NumericDate::NotANumber => TokenVerdict::new(
            VerdictId::Expiry,
            Status::Fail,
            "The expiry time (exp) is not a number of seconds.",
        ),
        NumericDate::OutOfRange => TokenVerdict::new(
            VerdictId::Expiry,
            Status::Fail,
            "The token's expiry (exp) is out of range: no calendar date is that far from 1970. No service accepts it.",
        ),
        // Checked: an exp at the calendar's end has no room for the leeway (and is then long past now).
        NumericDate::At(exp) if exp.checked_add_signed(leeway).is_some_and(|end| now >= end) => TokenVerdict::new(
            VerdictId::Expiry,
            Status::Fail,
            format!(
                "Expired at {} UTC ({} ago).",
                exp.format("%Y-%m-%d %H:%M:%S"),
                span(now.signed_duration_since(exp))
            ),
        ),
        NumericDate::At(exp) if now >= exp => TokenVerdict::new(
            VerdictId::Expiry,
            Status::Warn,
            format!(
                "Expired at {} UTC, just now: services allowing clock skew may still take it.",
                exp.format("%H:%M:%S")
            ),
        ),
        NumericDate::At(exp) => TokenVerdict::new(
            VerdictId::Expiry,
            Status::Pass,
            format!(
                "Valid until {} UTC (for {}).",
                exp.format("%Y-%m-%d %H:%M:%S"),
                span(exp.signed_duration_since(now))
            ),
        ),
    });
    // RFC 7519 §4.1.5: refuse before nbf.
    match NumericDate::of(&token.claims, "nbf") {
        NumericDate::Missing => {}
        NumericDate::NotANumber => found.push(TokenVerdict::new(
            VerdictId::NotBefore,
            Status::Fail,
            "The start time (nbf) is not a number of seconds.",
        )),
        NumericDate::OutOfRange => found.push(TokenVerdict::new(
            VerdictId::NotBefore,
            Status::Fail,
            "The token's start time (nbf) is out of range: no calendar date is that far from 1970. No service accepts it.",
        )),
        // Checked: an nbf at the calendar's start has no room for the leeway (and is then long past).
        NumericDate::At(nbf) if nbf.checked_sub_signed(leeway).is_some_and(|start| now < start) => {
            found.push(TokenVerdict::new(
                VerdictId::NotBefore,
                Status::Fail,
                format!(
                    "Not valid until {} UTC ({} from now). If that is unexpected, this computer's clock may be behind.",
                    nbf.format("%Y-%m-%d %H:%M:%S"),
                    span(nbf.signed_duration_since(now))
                ),
            ))
        }
        NumericDate::At(_) => found.push(TokenVerdict::new(
            VerdictId::NotBefore,
            Status::Pass,
            "Already valid (nbf is past).",
        )),
    }
    found
}

fn span(d: TimeDelta) -> String {
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

/// Times from a pasted token are hostile input: no value may overflow the
/// arithmetic (issue 13: exp 8210266876799 plus the leeway used to abort).
#[cfg(test)]
mod hostile_times {
    use super::*;
    use crate::token::decode;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn verdicts_for(claims: &str) -> Vec<TokenVerdict> {
        let token = format!(
            "{}.{}.c2ln",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#),
            URL_SAFE_NO_PAD.encode(claims)
        );
        let now = DateTime::from_timestamp(1_700_000_000, 0).expect("a time");
        offline(&decode(&token).expect("decodes"), now)
    }

    fn verdict(found: &[TokenVerdict], id: VerdictId) -> TokenVerdict {
        found.iter().find(|v| v.id == id).cloned().expect("a verdict")
    }

    #[test]
    fn an_expiry_or_start_past_any_calendar_is_out_of_range_not_a_crash() {
        for value in [
            "8210266876800",
            "9223372036854775807",
            "18446744073709551615",
            "1e300",
            "-9223372036854775808",
        ] {
            let found = verdicts_for(&format!(r#"{{"exp":{value},"nbf":{value}}}"#));
            let expiry = verdict(&found, VerdictId::Expiry);
            assert_eq!(expiry.status, Status::Fail, "{value}: {expiry:?}");
            assert!(expiry.message.contains("out of range"), "{value}: {expiry:?}");
            let not_before = verdict(&found, VerdictId::NotBefore);
            assert_eq!(not_before.status, Status::Fail, "{value}: {not_before:?}");
            assert!(not_before.message.contains("out of range"), "{value}: {not_before:?}");
        }
    }

    #[test]
    fn a_time_that_is_not_a_number_is_named() {
        let found = verdicts_for(r#"{"exp":"tomorrow","nbf":null}"#);
        let expiry = verdict(&found, VerdictId::Expiry);
        assert_eq!(expiry.status, Status::Fail);
        assert!(expiry.message.contains("not a number"), "{expiry:?}");
        let not_before = verdict(&found, VerdictId::NotBefore);
        assert_eq!(not_before.status, Status::Fail);
        assert!(not_before.message.contains("not a number"), "{not_before:?}");
    }

    #[test]
    fn a_fractional_time_is_a_numeric_date() {
        // RFC 7519 §2: a NumericDate may be non-integer.
        let found = verdicts_for(r#"{"exp":1700003600.5,"nbf":1699999000.25}"#);
        assert_eq!(verdict(&found, VerdictId::Expiry).status, Status::Pass);
        assert_eq!(verdict(&found, VerdictId::NotBefore).status, Status::Pass);
    }

    #[test]
    fn times_at_the_edges_of_the_calendar_still_get_a_verdict() {
        let max = DateTime::<Utc>::MAX_UTC.timestamp();
        let min = DateTime::<Utc>::MIN_UTC.timestamp();
        // The issue's reproducer, 8210266876799, is the calendar's last second.
        assert_eq!(max, 8_210_266_876_799);
        for value in [max, max - 1, -1, 0, min, min + 1] {
            let found = verdicts_for(&format!(r#"{{"exp":{value},"nbf":{value}}}"#));
            assert_eq!(found.iter().filter(|v| v.id == VerdictId::Expiry).count(), 1, "{value}");
        }
    }
}
