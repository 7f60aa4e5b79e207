//! ID token validation (OIDC Core §3.1.3.7) against the issuer's published
//! keys (the discovery document's jwks_uri), with jsonwebtoken.

use super::decode::DecodedToken;
use super::verdicts::{TokenVerdict, VerdictId};
use crate::checks::Status;
use crate::network::FailedStep;
use futures::future::BoxFuture;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, JwkSet, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;
use std::collections::HashSet;

/// Where the issuer's signing keys come from. `refresh` asks for a fresh
/// copy (keys roll over; an unknown kid earns exactly one refetch).
pub trait KeySource: Send + Sync {
    fn keys(&self, refresh: bool) -> BoxFuture<'_, Result<JwkSet, FailedStep>>;
}

/// What the ID token must match.
pub struct Expectations<'a> {
    /// The app the token was issued to.
    pub client_id: &'a str,
    /// The discovery document's issuer; Microsoft's multi-tenant endpoints
    /// publish a `{tenantid}` template, filled from the token's `tid`.
    pub issuer: &'a str,
    /// The nonce the sign-in sent, when known.
    pub nonce: Option<&'a str>,
}

pub async fn validate_id_token(
    token: &DecodedToken,
    keys: &dyn KeySource,
    expect: &Expectations<'_>,
) -> Vec<TokenVerdict> {
    let mut found = vec![signature(token, keys).await];
    found.push(issuer(token, expect.issuer));
    found.push(audience(token, expect.client_id));
    if let Some(nonce) = expect.nonce {
        found.push(nonce_matches(token, nonce));
    }
    found
}

/// Step 6: the signature, by the key the header names, with the algorithm
/// the key is for (RFC 8725 §3.1: never the header's say-so alone).
async fn signature(token: &DecodedToken, keys: &dyn KeySource) -> TokenVerdict {
    let fail = |message: String| TokenVerdict::new(VerdictId::Signature, Status::Fail, message);
    let kid = token.header.get("kid").and_then(Value::as_str);
    let claimed = token.header.get("alg").and_then(Value::as_str).unwrap_or_default();
    // RFC 8725 §3.1-3.2: only the asymmetric algorithms an issuer signs ID
    // tokens with; "none" and the HMAC family (a secret anyone can read in a
    // JWKS) are refused before any key is looked at.
    if !ALLOWED.iter().any(|a| format!("{a:?}") == claimed) {
        return fail(format!(
            "The header names the algorithm \"{claimed}\", which this app does not accept for an ID token (only RS*, PS*, ES256/384): refused (RFC 8725 §3.1)."
        ));
    }
    let key = match key_for(kid, keys).await {
        Ok(key) => key,
        Err(verdict) => return verdict,
    };
    // RFC 7517 §4.2: a key marked for another use must not verify signatures.
    match &key.common.public_key_use {
        None | Some(PublicKeyUse::Signature) => {}
        Some(other) => {
            return fail(format!(
                "The issuer's key (kid {}) is published for \"{}\", not for signatures (use \"sig\"): refused (RFC 7517 §4.2).",
                kid.unwrap_or("not named"),
                use_name(other)
            ))
        }
    }
    let Some(algorithm) = algorithm_of(&key) else {
        return fail(
            "The issuer's key is not an RSA or EC signing key this app accepts (symmetric \"oct\" keys are refused, RFC 8725 §3.2)."
                .to_owned(),
        );
    };
    if claimed != format!("{algorithm:?}") {
        return fail(format!(
            "The header claims {claimed}, but the key is for {algorithm:?}: refused (RFC 8725 §3.1)."
        ));
    }
    let decoding_key = match DecodingKey::from_jwk(&key) {
        Ok(k) => k,
        Err(e) => return fail(format!("The issuer's key could not be used: {e}.")),
    };
    let mut validation = Validation::new(algorithm);
    // Times, audience and issuer get their own named verdicts.
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims = HashSet::new();
    let compact = format!("{}.{}", token.signing_input, token.signature);
    super::ensure_jwt_crypto();
    match jsonwebtoken::decode::<Value>(&compact, &decoding_key, &validation) {
        Ok(_) => TokenVerdict::new(
            VerdictId::Signature,
            Status::Pass,
            format!("Signed by the issuer's key ({}).", kid.unwrap_or("its only key")),
        ),
        Err(e) => fail(format!(
            "The signature does not match the issuer's key: the token was altered or forged ({e})."
        )),
    }
}

/// The key the header names; an unknown kid earns one refetch (key
/// rollover, OIDC Core §10.1.1). When that refetch fails the token is still
/// unverified, so it fails: only a first fetch that fails is "not checked".
async fn key_for(kid: Option<&str>, keys: &dyn KeySource) -> Result<Jwk, TokenVerdict> {
    for refresh in [false, true] {
        let set = match keys.keys(refresh).await {
            Ok(set) => set,
            Err(why) if refresh => {
                return Err(TokenVerdict::new(
                    VerdictId::Signature,
                    Status::Fail,
                    format!(
                        "Signed with a key (kid {}) the issuer's key set does not hold, and fetching the keys again failed ({why}): not verified.",
                        kid.unwrap_or("not named")
                    ),
                ))
            }
            Err(why) => {
                return Err(TokenVerdict::new(
                    VerdictId::Signature,
                    Status::Warn,
                    format!("Not checked: the issuer's keys could not be fetched ({why})."),
                ))
            }
        };
        let key = match kid {
            Some(kid) => set.find(kid).cloned(),
            None if set.keys.len() == 1 => set.keys.first().cloned(),
            None => None,
        };
        if let Some(key) = key {
            return Ok(key);
        }
    }
    Err(TokenVerdict::new(
        VerdictId::Signature,
        Status::Fail,
        format!(
            "Signed with a key (kid {}) the issuer does not publish: the token is forged, or comes from another issuer or cloud.",
            kid.unwrap_or("not named")
        ),
    ))
}

/// Steps 2: the issuer is the one the discovery document names.
fn issuer(token: &DecodedToken, expected: &str) -> TokenVerdict {
    let claim = |name: &str| token.claims.get(name).and_then(Value::as_str);
    let Some(iss) = claim("iss") else {
        return TokenVerdict::new(VerdictId::Issuer, Status::Fail, "The token names no issuer (iss).");
    };
    let expected =
        if expected.contains("{tenantid}") {
            match claim("tid") {
                Some(tid) => expected.replace("{tenantid}", tid),
                None => return TokenVerdict::new(
                    VerdictId::Issuer,
                    Status::Fail,
                    "The authority is multi-tenant, but the token names no tenant (tid) to check its issuer against.",
                ),
            }
        } else {
            expected.to_owned()
        };
    if iss.trim_end_matches('/') == expected.trim_end_matches('/') {
        TokenVerdict::new(VerdictId::Issuer, Status::Pass, format!("Issued by {iss}."))
    } else {
        TokenVerdict::new(
            VerdictId::Issuer,
            Status::Fail,
            format!("Issued by {iss}, but this sign-in expects {expected}."),
        )
    }
}

/// Steps 3–5: the audience includes this app; with several, azp names it.
fn audience(token: &DecodedToken, client_id: &str) -> TokenVerdict {
    let audiences: Vec<&str> = match token.claims.get("aud") {
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !audiences.contains(&client_id) {
        return TokenVerdict::new(
            VerdictId::Audience,
            Status::Fail,
            format!(
                "Issued to {}, not to this app ({client_id}).",
                if audiences.is_empty() {
                    "no one".to_owned()
                } else {
                    audiences.join(", ")
                }
            ),
        );
    }
    let azp = token.claims.get("azp").and_then(Value::as_str);
    if audiences.len() > 1 && azp != Some(client_id) {
        return TokenVerdict::new(
            VerdictId::Audience,
            Status::Warn,
            "Issued to several audiences without naming this app as the authorized party (azp).",
        );
    }
    TokenVerdict::new(
        VerdictId::Audience,
        Status::Pass,
        format!("Issued to this app ({client_id})."),
    )
}

/// Step 11: the nonce is the one this sign-in sent.
fn nonce_matches(token: &DecodedToken, expected: &str) -> TokenVerdict {
    match token.claims.get("nonce").and_then(Value::as_str) {
        Some(nonce) if nonce == expected => {
            TokenVerdict::new(VerdictId::Nonce, Status::Pass, "Carries this sign-in's nonce.")
        }
        Some(_) => TokenVerdict::new(
            VerdictId::Nonce,
            Status::Fail,
            "Carries another request's nonce: a replayed or mixed-up token.",
        ),
        None => TokenVerdict::new(
            VerdictId::Nonce,
            Status::Fail,
            "Carries no nonce, though the sign-in sent one.",
        ),
    }
}

/// The asymmetric algorithms accepted for ID tokens (RFC 8725 §3.1: an
/// explicit allow-list). EdDSA is left out: Entra does not use it.
const ALLOWED: [Algorithm; 8] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
];

/// The algorithm the key is for: its `alg` when named, else the usual one for
/// its type; only when it is on the allow-list and fits the key's type.
fn algorithm_of(key: &Jwk) -> Option<Algorithm> {
    let algorithm = match (&key.algorithm, key.common.key_algorithm) {
        (AlgorithmParameters::RSA(_), Some(alg)) => format!("{alg:?}").parse().ok()?,
        (AlgorithmParameters::RSA(_), None) => Algorithm::RS256,
        (AlgorithmParameters::EllipticCurve(p), alg) => {
            let by_curve = match p.curve {
                EllipticCurve::P256 => Algorithm::ES256,
                EllipticCurve::P384 => Algorithm::ES384,
                _ => return None,
            };
            match alg {
                Some(alg) if format!("{alg:?}") != format!("{by_curve:?}") => return None,
                _ => by_curve,
            }
        }
        _ => return None,
    };
    let rsa_family = matches!(
        algorithm,
        Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 | Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512
    );
    let fits = rsa_family == matches!(key.algorithm, AlgorithmParameters::RSA(_));
    (fits && ALLOWED.contains(&algorithm)).then_some(algorithm)
}

fn use_name(key_use: &PublicKeyUse) -> &str {
    match key_use {
        PublicKeyUse::Signature => "sig",
        PublicKeyUse::Encryption => "enc",
        PublicKeyUse::Other(other) => other,
    }
}
