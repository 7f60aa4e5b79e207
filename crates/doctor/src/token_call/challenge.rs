//! The `WWW-Authenticate: Bearer …` challenge a resource server sends with
//! a 401 or 403 (RFC 6750 §3): `error`, `error_description`, `scope`, and
//! Entra's `claims` (a claims challenge from Conditional Access or
//! continuous access evaluation).

use base64::Engine;

/// Longer headers are cut: a challenge is a few hundred bytes.
const MAX_HEADER_BYTES: usize = 8 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Challenge {
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub scope: Option<String>,
    /// `claims`, decoded from base64 when it is (Entra sends it so), else as sent.
    pub claims: Option<String>,
}

/// The Bearer challenge in `header`, or `None` when it has none.
pub fn parse(header: &str) -> Option<Challenge> {
    let header = cut(header, MAX_HEADER_BYTES);
    let start = find_bearer(header)?;
    let mut challenge = Challenge::default();
    for (name, value) in params(&header[start..]) {
        match name.to_ascii_lowercase().as_str() {
            "error" => challenge.error = Some(value),
            "error_description" => challenge.error_description = Some(value),
            "scope" => challenge.scope = Some(value),
            "claims" => challenge.claims = Some(decode_claims(&value)),
            _ => {}
        }
    }
    Some(challenge)
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Where the Bearer scheme's parameters start (after "Bearer ").
fn find_bearer(header: &str) -> Option<usize> {
    let lower = header.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("bearer") {
        let at = from + at;
        let before_ok = at == 0 || matches!(lower.as_bytes()[at - 1], b' ' | b',');
        let after = at + "bearer".len();
        let after_ok = after == lower.len() || lower.as_bytes()[after] == b' ';
        if before_ok && after_ok {
            return Some(after);
        }
        from = after;
    }
    None
}

/// `name=value` pairs (RFC 9110 §11.2 auth-params): a value is a token or a
/// quoted string with backslash escapes. Stops at the next scheme.
fn params(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == ',') {
            chars.next();
        }
        let name: String = std::iter::from_fn(|| chars.next_if(|c| *c != '=' && *c != ',' && *c != ' ')).collect();
        if name.is_empty() {
            break;
        }
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        if chars.next_if_eq(&'=').is_none() {
            // A bare word: the next challenge's scheme.
            break;
        }
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let value = if chars.next_if_eq(&'"').is_some() {
            let mut value = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
            value
        } else {
            std::iter::from_fn(|| chars.next_if(|c| *c != ',' && *c != ' ')).collect()
        };
        found.push((name, value));
    }
    found
}

fn decode_claims(value: &str) -> String {
    let engines = [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::URL_SAFE,
    ];
    engines
        .iter()
        .find_map(|engine| {
            engine
                .decode(value.trim_end_matches('='))
                .ok()
                .or_else(|| engine.decode(value).ok())
        })
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|text| text.trim_start().starts_with('{'))
        .unwrap_or_else(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_expired_token_challenge() {
        // RFC 6750 §3's example, with Entra's wording.
        let c = parse(r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#)
            .expect("bearer");
        assert_eq!(c.error.as_deref(), Some("invalid_token"));
        assert_eq!(c.error_description.as_deref(), Some("The access token expired"));
    }

    #[test]
    fn reads_entras_claims_challenge_and_decodes_it() {
        // The shape Microsoft documents for a CAE / Conditional Access claims challenge:
        // learn.microsoft.com/entra/identity-platform/claims-challenge
        let header = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#;
        let c = parse(header).expect("bearer");
        assert_eq!(c.error.as_deref(), Some("insufficient_claims"));
        assert_eq!(
            c.claims.as_deref(),
            Some(r#"{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}"#)
        );
    }

    #[test]
    fn odd_headers_give_an_answer_never_a_panic() {
        assert_eq!(parse("Basic realm=\"x\""), None);
        assert_eq!(parse(""), None);
        let c = parse(r#"Bearer error="a\"b", scope=openid, Basic realm="x""#).expect("bearer");
        assert_eq!(c.error.as_deref(), Some("a\"b"));
        assert_eq!(c.scope.as_deref(), Some("openid"));
        for odd in [
            "Bearer",
            "Bearer ",
            "Bearer =",
            "Bearer error=\"",
            "Bearer ,,,,",
            "xBearer error=1",
            "Bearer \u{e9}=\u{e9}",
        ] {
            let _ = parse(odd);
        }
        let huge = format!("Bearer error=\"{}\"", "é".repeat(10_000));
        assert!(parse(&huge).is_some_and(|c| c.error.is_some_and(|e| e.len() <= MAX_HEADER_BYTES)));
    }
}
