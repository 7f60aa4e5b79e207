//! The token inspector: decode any JWT, explain its claims, and say what
//! can be trusted about it. Pasted tokens never leave the machine.

mod claims;
mod decode;
mod jwks;
mod kind_words;
mod numeric_date;
mod probe;
mod requested;
mod ring_provider;
mod validate;
mod verdicts;

pub use claims::{explain, explain_header, ExplainedClaim};
pub use decode::{decode, DecodeError, DecodedToken, Segment, TokenKind, MAX_TOKEN_BYTES};
pub use jwks::FetchedKeys;
pub use numeric_date::NumericDate;
pub use probe::TokenProbe;
pub use requested::compare as compare_with_request;
pub(crate) use ring_provider::check_rsa_signing_key;
pub use ring_provider::ensure_jwt_crypto;
pub use validate::{validate_id_token, Expectations, KeySource};
pub use verdicts::{offline as offline_verdicts, TokenVerdict, VerdictId, LEEWAY};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

/// A token as the inspector and `signin-doctor-cli decode` show it.
#[derive(Clone, Debug, Serialize)]
pub struct Inspection {
    pub kind: TokenKind,
    /// The kind in words, e.g. "ID token": the inspector shows this.
    pub kind_words: &'static str,
    pub header: serde_json::Map<String, Value>,
    pub claims: serde_json::Map<String, Value>,
    pub explained_header: Vec<ExplainedClaim>,
    pub explained_claims: Vec<ExplainedClaim>,
    pub expires_at: Option<DateTime<Utc>>,
    pub not_before: Option<DateTime<Utc>>,
    pub issued_at: Option<DateTime<Utc>>,
    pub verdicts: Vec<TokenVerdict>,
}

/// A pasted text the inspector cannot decode.
#[derive(Debug, thiserror::Error)]
#[error("This is not a token the inspector can read: {0}.")]
pub struct NotAToken(#[from] pub DecodeError);

impl Inspection {
    pub fn any_failed(&self) -> bool {
        self.verdicts.iter().any(|v| v.status == crate::Status::Fail)
    }
}

/// Decodes and judges a token without the network.
pub fn inspect(text: &str, now: DateTime<Utc>) -> Result<(DecodedToken, Inspection), DecodeError> {
    let token = decode(text)?;
    let time = |name: &str| NumericDate::of(&token.claims, name).moment();
    let inspection = Inspection {
        kind: token.kind,
        kind_words: token.kind.words(),
        header: token.header.clone(),
        claims: token.claims.clone(),
        explained_header: explain_header(&token.header),
        explained_claims: explain(&token.claims),
        expires_at: time("exp"),
        not_before: time("nbf"),
        issued_at: time("iat"),
        verdicts: offline_verdicts(&token, now),
    };
    Ok((token, inspection))
}
