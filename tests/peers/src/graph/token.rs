//! Checks a bearer token the way Microsoft Graph does: signed by the
//! issuer's keys (its JWKS), for Graph's audience, not expired; then reads
//! who it is for and which delegated scopes it carries (`scp` in Entra's
//! tokens, `scope` in oidc-provider's RFC 9068 tokens).
//!
//! The RS256 signature is checked with ring directly rather than through a
//! jsonwebtoken crypto provider: a provider is process-wide, and this peer runs
//! inside the engine's test binaries, where the engine installs its own.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::Algorithm;
use ring::signature::{RsaPublicKeyComponents, RSA_PKCS1_2048_8192_SHA256};
use serde_json::Value;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How far past `exp` a token is still taken (jsonwebtoken's default leeway).
const LEEWAY_SECONDS: i64 = 60;

#[derive(Debug)]
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
    let malformed = |e: &dyn std::fmt::Display| format!("IDX14100: JWT is not well formed: {e}");
    let header = jsonwebtoken::decode_header(token).map_err(|e| malformed(&e))?;
    // oidc/server.mjs has the provider sign Graph's tokens RS256.
    if header.alg != Algorithm::RS256 {
        return Err(format!(
            "IDX10511: Signature validation failed. {:?} is not RS256.",
            header.alg
        ));
    }
    let key = header
        .kid
        .as_deref()
        .and_then(|kid| keys.find(kid))
        .or_else(|| keys.keys.first())
        .ok_or("IDX10503: Signature validation failed. No key matches.")?;
    let AlgorithmParameters::RSA(rsa) = &key.algorithm else {
        return Err("IDX10503: Signature validation failed. The key is not an RSA key.".to_owned());
    };
    let base64url = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|e| malformed(&e));
    let (signed, signature) = token.rsplit_once('.').ok_or_else(|| malformed(&"no signature"))?;
    RsaPublicKeyComponents {
        n: base64url(&rsa.n)?,
        e: base64url(&rsa.e)?,
    }
    .verify(&RSA_PKCS1_2048_8192_SHA256, signed.as_bytes(), &base64url(signature)?)
    .map_err(|_| "IDX10503: Signature validation failed.".to_owned())?;
    // The signature is checked above; this only reads the payload.
    let claims: Value = jsonwebtoken::dangerous::insecure_decode_claims(token).map_err(|e| malformed(&e))?;
    check_claims(&claims, issuer, audience, unix_now())?;
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

/// Issuer, audience and expiry, as jsonwebtoken's `Validation` checked them.
fn check_claims(claims: &Value, issuer: &str, audience: &str, now: i64) -> Result<(), String> {
    let failure = |why: &str| format!("Access token validation failure. {why}");
    if claims["iss"].as_str() != Some(issuer) {
        return Err(failure("Invalid issuer."));
    }
    let for_audience = match &claims["aud"] {
        Value::String(aud) => aud == audience,
        Value::Array(auds) => auds.iter().any(|aud| aud.as_str() == Some(audience)),
        _ => false,
    };
    if !for_audience {
        return Err(failure("Invalid audience."));
    }
    match claims["exp"].as_i64() {
        None => Err(failure("The token has no expiry.")),
        Some(exp) if exp + LEEWAY_SECONDS < now => Err("Lifetime validation failed, the token is expired.".to_owned()),
        Some(_) => Ok(()),
    }
}

fn unix_now() -> i64 {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;
    use ring::signature::RsaKeyPair;
    use serde_json::json;

    // The engine's throwaway issuer key (see its README there).
    const KEY_PEM: &str = include_str!("../../../../crates/doctor/tests/fixtures/token/issuer-test-key.pem");
    const N_B64URL: &str = include_str!("../../../../crates/doctor/tests/fixtures/token/issuer-test-key.n.b64url");
    const ISSUER: &str = "http://127.0.0.1:1";

    fn keys() -> JwkSet {
        serde_json::from_value(json!({"keys": [{"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256", "n": N_B64URL.trim(), "e": "AQAB"}]}))
            .expect("a JWKS")
    }

    /// A compact JWS over `claims`, signed RS256 with the test key.
    fn sign(alg: &str, claims: &Value) -> String {
        let body: String = KEY_PEM.lines().filter(|l| !l.starts_with("-----")).collect();
        let pkcs8 = base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("PEM body");
        let pair = RsaKeyPair::from_pkcs8(&pkcs8).expect("ring reads the test key");
        let header = json!({"alg": alg, "kid": "k1", "typ": "at+jwt"});
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0; pair.public().modulus_len()];
        pair.sign(
            &ring::signature::RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            input.as_bytes(),
            &mut signature,
        )
        .expect("ring signs");
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    fn claims(change: impl FnOnce(&mut Value)) -> Value {
        let mut claims = json!({
            "iss": ISSUER, "aud": "https://graph.microsoft.com", "sub": "helpdesk",
            "exp": unix_now() + 3600, "scope": "AuditLog.Read.All Policy.Read.All",
        });
        change(&mut claims);
        claims
    }

    fn check(token: &str) -> Result<Caller, String> {
        verify(token, &keys(), ISSUER, "https://graph.microsoft.com")
    }

    #[test]
    fn a_token_from_the_issuer_names_its_caller_and_scopes() {
        let caller = check(&sign("RS256", &claims(|_| {}))).expect("accepted");
        assert_eq!(caller.subject, "helpdesk");
        assert_eq!(caller.scopes, ["AuditLog.Read.All", "Policy.Read.All"]);
    }

    #[test]
    fn an_altered_or_unsigned_token_is_refused() {
        let token = sign("RS256", &claims(|_| {}));
        let (header, rest) = token.split_once('.').expect("three parts");
        let (_, signature) = rest.split_once('.').expect("three parts");
        let other = URL_SAFE_NO_PAD.encode(claims(|c| c["sub"] = json!("admin")).to_string());
        let altered = format!("{header}.{other}.{signature}");
        assert!(check(&altered).expect_err("altered").starts_with("IDX10503"));
        let unsigned = format!("{header}.{other}.");
        assert!(check(&unsigned).is_err());
        // The same claims under another algorithm are never taken.
        assert!(check(&sign("RS384", &claims(|_| {})))
            .expect_err("RS384")
            .starts_with("IDX10511"));
        assert!(check(&sign("HS256", &claims(|_| {}))).is_err());
    }

    #[test]
    fn issuer_audience_and_expiry_are_checked() {
        let refused = |change: fn(&mut Value)| check(&sign("RS256", &claims(change))).expect_err("refused");
        assert!(refused(|c| c["iss"] = json!("http://127.0.0.1:2")).contains("Invalid issuer"));
        assert!(refused(|c| c["aud"] = json!("api://other")).contains("Invalid audience"));
        assert!(refused(|c| c["exp"] = json!(unix_now() - 120)).contains("expired"));
        assert!(refused(|c| {
            c.as_object_mut().expect("object").remove("exp");
        })
        .contains("no expiry"));
        // An audience list holding Graph's, and an expiry within the leeway, pass.
        let list = claims(|c| {
            c["aud"] = json!(["api://other", "https://graph.microsoft.com"]);
            c["exp"] = json!(unix_now() - 30);
        });
        assert!(check(&sign("RS256", &list)).is_ok());
    }
}
