//! Checks a bearer token the way Microsoft Graph does: signed by the
//! issuer's keys (its JWKS), for Graph's audience, not expired; then reads
//! who it is for and which delegated scopes it carries (`scp` in Entra's
//! tokens, `scope` in oidc-provider's RFC 9068 tokens).

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{DecodingKey, Validation};
use serde_json::Value;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub struct Caller {
    pub subject: String,
    pub scopes: Vec<String>,
}

/// The issuer's signing keys, fetched once from `{issuer}/jwks` (oidc-provider's jwks_uri).
pub fn fetch_jwks(issuer: &str) -> io::Result<JwkSet> {
    let rest = issuer
        .strip_prefix("http://")
        .ok_or_else(|| io::Error::other("the issuer is not http://127.0.0.1:PORT"))?;
    let host = rest.trim_end_matches('/');
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET /jwks HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut text = String::new();
    stream.read_to_string(&mut text)?;
    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default();
    serde_json::from_str(body).map_err(io::Error::other)
}

/// The caller, or why the token is refused (Graph's 401 message).
pub fn verify(token: &str, keys: &JwkSet, issuer: &str, audience: &str) -> Result<Caller, String> {
    let header = jsonwebtoken::decode_header(token).map_err(|e| format!("IDX14100: JWT is not well formed: {e}"))?;
    let key = header
        .kid
        .as_deref()
        .and_then(|kid| keys.find(kid))
        .or_else(|| keys.keys.first())
        .ok_or("IDX10503: Signature validation failed. No key matches.")?;
    let decoding = DecodingKey::from_jwk(key).map_err(|e| format!("IDX10503: {e}"))?;
    let mut validation = Validation::new(header.alg);
    validation.set_audience(&[audience]);
    validation.set_issuer(&[issuer]);
    let claims = jsonwebtoken::decode::<Value>(token, &decoding, &validation)
        .map_err(|e| format!("Access token validation failure: {e}"))?
        .claims;
    let scopes = claims["scp"]
        .as_str()
        .or(claims["scope"].as_str())
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    Ok(Caller {
        subject: claims["sub"].as_str().unwrap_or_default().to_owned(),
        scopes,
    })
}
