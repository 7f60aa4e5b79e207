//! Decoding a JWT (RFC 7519) without trusting it: split the compact form
//! (RFC 7515 §7.1), base64url-decode header and payload, read them as JSON
//! objects. Every way this fails has a name; nothing here panics.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;
use serde_json::{Map, Value};

/// Entra tokens are a few KiB even with many groups; past this it is not a token.
pub const MAX_TOKEN_BYTES: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    IdToken,
    AccessToken,
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DecodedToken {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    /// The signature segment, still base64url (it is checked, never shown decoded).
    pub signature: String,
    /// `header.payload`, the bytes the signature covers (RFC 7515 §5.2).
    pub signing_input: String,
    pub kind: TokenKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    Header,
    Payload,
    Signature,
}

impl Segment {
    fn name(self) -> &'static str {
        match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("nothing was given to decode")]
    Empty,
    #[error("this is {0} bytes long; a token is at most {MAX_TOKEN_BYTES}")]
    TooLarge(usize),
    #[error("this is an encrypted token (JWE, five parts): only its recipient can read it")]
    Encrypted,
    #[error("a token has three parts separated by dots; this has {0}")]
    SegmentCount(usize),
    #[error("the {} has base64 padding (=), which JWTs never use (RFC 7515 §2)", .0.name())]
    Padded(Segment),
    #[error("the {} is not base64url text", .0.name())]
    BadBase64(Segment),
    #[error("the {} is not JSON", .0.name())]
    NotJson(Segment),
    #[error("the {} is JSON but not an object", .0.name())]
    NotObject(Segment),
}

impl DecodeError {
    /// A stable name for scripts (the CLI's verdict id).
    pub fn id(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::TooLarge(_) => "too_large",
            DecodeError::Encrypted => "encrypted",
            DecodeError::SegmentCount(_) => "segment_count",
            DecodeError::Padded(_) => "padding",
            DecodeError::BadBase64(_) => "base64url",
            DecodeError::NotJson(_) => "not_json",
            DecodeError::NotObject(_) => "not_object",
        }
    }
}

/// Decodes a pasted token. Tolerates what people paste around it: spaces,
/// line breaks, quotes, and a `Bearer ` prefix.
pub fn decode(text: &str) -> Result<DecodedToken, DecodeError> {
    if text.len() > MAX_TOKEN_BYTES {
        return Err(DecodeError::TooLarge(text.len()));
    }
    let mut token = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if let Some(rest) = token.strip_prefix("Bearer ").or_else(|| token.strip_prefix("bearer ")) {
        token = rest.trim();
    }
    let token: String = token.chars().filter(|c| !c.is_whitespace()).collect();
    if token.is_empty() {
        return Err(DecodeError::Empty);
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => {}
        5 => return Err(DecodeError::Encrypted),
        n => return Err(DecodeError::SegmentCount(n)),
    }
    let header = object(parts[0], Segment::Header)?;
    let claims = object(parts[1], Segment::Payload)?;
    if parts[2].contains('=') {
        return Err(DecodeError::Padded(Segment::Signature));
    }
    if URL_SAFE_NO_PAD.decode(parts[2]).is_err() {
        return Err(DecodeError::BadBase64(Segment::Signature));
    }
    let kind = kind_of(&header, &claims);
    Ok(DecodedToken {
        header,
        claims,
        signature: parts[2].to_owned(),
        signing_input: format!("{}.{}", parts[0], parts[1]),
        kind,
    })
}

fn object(part: &str, segment: Segment) -> Result<Map<String, Value>, DecodeError> {
    if part.contains('=') {
        return Err(DecodeError::Padded(segment));
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| DecodeError::BadBase64(segment))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(DecodeError::NotObject(segment)),
        Err(_) => Err(DecodeError::NotJson(segment)),
    }
}

/// Access tokens carry scopes or roles (and `typ: at+jwt`, RFC 9068 §2.1);
/// ID tokens carry a nonce or hashes of the code or access token (OIDC Core §2).
fn kind_of(header: &Map<String, Value>, claims: &Map<String, Value>) -> TokenKind {
    let has = |name: &str| claims.contains_key(name);
    let typ = header
        .get("typ")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    if typ == "at+jwt" || has("scp") || has("roles") || header.contains_key("nonce") {
        TokenKind::AccessToken
    } else if has("nonce") || has("at_hash") || has("c_hash") || (has("aud") && has("sub") && has("iss") && !has("scp"))
    {
        TokenKind::IdToken
    } else {
        TokenKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(header: &str, payload: &str) -> String {
        format!(
            "{}.{}.c2ln",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn decodes_and_tolerates_bearer_quotes_and_line_breaks() {
        let token = jwt(
            r#"{"alg":"RS256","kid":"k"}"#,
            r#"{"aud":"a","iss":"i","sub":"s","nonce":"n"}"#,
        );
        let pasted = format!("  \"Bearer {}\n{}\"  ", &token[..10], &token[10..]);
        let decoded = decode(&pasted).expect("decodes");
        assert_eq!(decoded.kind, TokenKind::IdToken);
        assert_eq!(decoded.header["kid"], "k");
    }

    #[test]
    fn each_malformation_has_its_name() {
        let good_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#);
        let cases = [
            ("", DecodeError::Empty),
            ("abc", DecodeError::SegmentCount(1)),
            ("a.b.c.d.e", DecodeError::Encrypted),
            ("%%%.e30.c2ln", DecodeError::BadBase64(Segment::Header)),
            (
                &*format!("{good_header}=.e30.c2ln"),
                DecodeError::Padded(Segment::Header),
            ),
            (
                &*format!("{good_header}.bm90IGpzb24.c2ln"),
                DecodeError::NotJson(Segment::Payload),
            ),
            (
                &*format!("{good_header}.WzEsMl0.c2ln"),
                DecodeError::NotObject(Segment::Payload),
            ),
            (
                &*format!("{good_header}.e30.%%%"),
                DecodeError::BadBase64(Segment::Signature),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(decode(text), Err(expected), "{text}");
        }
        assert_eq!(
            decode(&"a".repeat(MAX_TOKEN_BYTES + 1)),
            Err(DecodeError::TooLarge(MAX_TOKEN_BYTES + 1))
        );
    }
}
