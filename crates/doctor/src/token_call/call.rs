//! One controlled call with the session's access token, judged by what the
//! resource server answers (RFC 6750 §3: 401 with a Bearer challenge for a
//! token it refuses, 403 for a missing permission). The token goes only in
//! the Authorization header; nothing here prints it.

use super::challenge::{self, Challenge};
use crate::network::{HttpClient, NetworkFailure};
use crate::secret::Secret;
use url::Url;

/// Text from the server is shown cut to this many characters.
const MAX_SHOWN_CHARS: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallVerdict {
    /// 2xx: the token was accepted.
    Works { status: u16 },
    /// 401 invalid_token: the token is refused; `expired` when the server says so.
    TokenRefused { expired: bool, description: Option<String> },
    /// 401 insufficient_claims: Conditional Access or continuous access
    /// evaluation asks for more (the claims the token must carry).
    ClaimsChallenge { claims: Option<String> },
    /// 403: the token lacks a permission; `scope` when the server names it.
    Forbidden {
        scope: Option<String>,
        description: Option<String>,
    },
    /// Any other answer.
    Other { status: u16, description: Option<String> },
    /// The request did not get an answer.
    NoAnswer(NetworkFailure),
}

/// GETs `url` with `token` as a Bearer token (RFC 6750 §2.1).
pub async fn call(http: &HttpClient, url: &Url, token: &Secret<String>) -> CallVerdict {
    let request = http::Request::get(url.as_str())
        .header(http::header::ACCEPT, "application/json")
        .header(http::header::AUTHORIZATION, format!("Bearer {}", token.expose()))
        .body(Vec::new());
    let request = match request {
        Ok(request) => request,
        Err(e) => {
            return CallVerdict::NoAnswer(NetworkFailure::new(
                crate::network::Step::Http,
                format!("The request could not be made: {e}."),
            ))
        }
    };
    match http.send(request).await {
        Ok(answer) => judge(answer.status().as_u16(), answer.headers(), answer.body()),
        Err(failure) => CallVerdict::NoAnswer(failure.0),
    }
}

/// The verdict for an answer. Pure, so every case is tested with fixed inputs.
pub fn judge(status: u16, headers: &http::HeaderMap, body: &[u8]) -> CallVerdict {
    let challenge = headers
        .get_all(http::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(challenge::parse)
        .unwrap_or_default();
    let description = challenge
        .error_description
        .clone()
        .or_else(|| body_message(body))
        .map(|text| shown(&text));
    match (status, challenge.error.as_deref()) {
        (200..=299, _) => CallVerdict::Works { status },
        (401, Some("insufficient_claims")) => CallVerdict::ClaimsChallenge {
            claims: challenge.claims.map(|c| shown(&c)),
        },
        (401, _) => CallVerdict::TokenRefused {
            expired: says_expired(&challenge, description.as_deref()),
            description,
        },
        (403, _) => CallVerdict::Forbidden {
            scope: challenge.scope.map(|s| shown(&s)),
            description,
        },
        (status, _) => CallVerdict::Other { status, description },
    }
}

fn says_expired(challenge: &Challenge, description: Option<&str>) -> bool {
    let text = description.unwrap_or_default().to_ascii_lowercase();
    challenge.error.as_deref() == Some("invalid_token") && (text.contains("expired") || text.contains("lifetime"))
}

/// Graph's `{"error": {"code", "message"}}`, or OAuth's `error_description`.
fn body_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let graph = value.pointer("/error/message").and_then(|m| m.as_str());
    let oauth = value.get("error_description").and_then(|m| m.as_str());
    graph.or(oauth).map(str::to_owned)
}

/// Server text as the screen shows it: one line, no control characters, cut.
fn shown(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_SHOWN_CHARS)
        .collect();
    if text.chars().count() > MAX_SHOWN_CHARS {
        format!("{clean}…")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_challenge(value: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::WWW_AUTHENTICATE,
            http::HeaderValue::from_str(value).expect("header"),
        );
        headers
    }

    #[test]
    fn each_answer_has_its_verdict() {
        let none = http::HeaderMap::new();
        assert_eq!(judge(200, &none, b"{}"), CallVerdict::Works { status: 200 });
        assert_eq!(
            judge(
                401,
                &with_challenge(
                    r#"Bearer error="invalid_token", error_description="Lifetime validation failed, the token is expired.""#
                ),
                b""
            ),
            CallVerdict::TokenRefused {
                expired: true,
                description: Some("Lifetime validation failed, the token is expired.".to_owned())
            }
        );
        assert!(matches!(
            judge(401, &with_challenge(r#"Bearer error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlcyI6WyJjMSJdfX19""#), b""),
            CallVerdict::ClaimsChallenge { claims: Some(c) } if c.contains("acrs")
        ));
        // Graph's 403 body.
        let graph = br#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"#;
        assert_eq!(
            judge(403, &none, graph),
            CallVerdict::Forbidden {
                scope: None,
                description: Some("Insufficient privileges to complete the operation.".to_owned())
            }
        );
        assert_eq!(
            judge(500, &none, b"<html>"),
            CallVerdict::Other {
                status: 500,
                description: None
            }
        );
    }

    #[test]
    fn server_text_is_one_short_line() {
        let long = format!("line\none{}", "x".repeat(1000));
        let shown = shown(&long);
        assert!(!shown.contains('\n') && shown.chars().count() <= MAX_SHOWN_CHARS + 1);
    }
}
