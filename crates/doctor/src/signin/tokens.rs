//! What a successful sign-in returns, with every token in a redacting wrapper.

use crate::personal::{Marked, PersonalKind};
use crate::secret::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use oauth2::basic::BasicTokenType;
use oauth2::{ExtraTokenFields, StandardTokenResponse, TokenResponse};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The ID token beside the access token (OIDC Core §3.1.3.3). Its Debug is
/// redacted because oauth2 may print the whole response.
#[derive(Clone, Deserialize, Serialize)]
#[serde(transparent)]
pub struct RawIdToken(String);

impl fmt::Debug for RawIdToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawIdToken([redacted])")
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct OidcFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<RawIdToken>,
}

impl ExtraTokenFields for OidcFields {}

pub type TokenAnswer = StandardTokenResponse<OidcFields, BasicTokenType>;

/// Tokens from one sign-in or refresh. The access and ID tokens stay in
/// memory; the refresh token goes only to the OS keychain.
#[derive(Clone)]
pub struct TokenSet {
    pub access_token: Secret<String>,
    pub refresh_token: Option<Secret<String>>,
    pub id_token: Option<Secret<String>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub scopes: Vec<String>,
    /// The nonce the sign-in sent (OIDC Core §3.1.2.1), to check the ID token against.
    pub nonce: Option<String>,
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &self.access_token)
            .field("refresh_token", &self.refresh_token)
            .field("id_token", &self.id_token)
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .field("nonce", &self.nonce)
            .finish()
    }
}

impl TokenSet {
    pub fn from_answer(answer: &TokenAnswer, now: DateTime<Utc>) -> Self {
        Self {
            access_token: Secret::new(answer.access_token().secret().clone()),
            refresh_token: answer.refresh_token().map(|t| Secret::new(t.secret().clone())),
            id_token: answer
                .extra_fields()
                .id_token
                .as_ref()
                .map(|t| Secret::new(t.0.clone())),
            expires_at: expires_at(now, answer.expires_in()),
            scopes: answer
                .scopes()
                .map(|s| s.iter().map(|s| s.to_string()).collect())
                .unwrap_or_default(),
            nonce: None,
        }
    }

    /// Who signed in, read from the ID token for display (validation is the
    /// token inspector's job).
    pub fn account(&self) -> Option<Account> {
        self.id_token.as_ref().and_then(|t| Account::from_id_token(t.expose()))
    }
}

/// When a token answered `now` with `expires_in` (RFC 6749 §5.1) expires.
/// The lifetime comes from the server: one past the calendar's end leaves
/// the expiry unknown rather than overflowing.
pub(crate) fn expires_at(now: DateTime<Utc>, expires_in: Option<std::time::Duration>) -> Option<DateTime<Utc>> {
    let lifetime = chrono::TimeDelta::from_std(expires_in?).ok()?;
    now.checked_add_signed(lifetime)
}

/// The signed-in account, as shown on the sign-in row. Personal: the UI
/// masks it in presenter mode.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub username: Option<String>,
    pub name: Option<String>,
    pub tenant_id: Option<String>,
}

impl Account {
    pub fn from_id_token(jwt: &str) -> Option<Self> {
        let payload = jwt.split('.').nth(1)?;
        let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
        let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        // A blank claim names no one: the next one is read instead.
        let text = |name: &str| {
            claims
                .get(name)
                .and_then(|v| v.as_str())
                .filter(|v| !v.trim().is_empty())
                .map(str::to_owned)
        };
        Some(Self {
            // v2.0 tokens carry preferred_username; v1.0 carry upn; others email.
            username: text("preferred_username")
                .or_else(|| text("upn"))
                .or_else(|| text("email"))
                .or_else(|| text("sub")),
            name: text("name"),
            tenant_id: text("tid"),
        })
    }

    pub fn label(&self) -> String {
        self.marked_label().plain()
    }

    /// The sign-in name, else the display name, marked as personal.
    pub fn marked_label(&self) -> Marked {
        match (&self.username, &self.name) {
            (Some(username), _) => Marked::personal(PersonalKind::Upn, username.clone()),
            (None, Some(name)) => Marked::personal(PersonalKind::DisplayName, name.clone()),
            (None, None) => Marked::scan("an unnamed account"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_comes_from_the_id_token_claims() {
        let payload =
            URL_SAFE_NO_PAD.encode(r#"{"preferred_username":"alice@contoso.example","name":"Alice","tid":"t-1"}"#);
        let account = Account::from_id_token(&format!("eyJhbGciOiJub25lIn0.{payload}.sig")).expect("account");
        assert_eq!(account.label(), "alice@contoso.example");
        assert_eq!(account.tenant_id.as_deref(), Some("t-1"));
        assert_eq!(Account::from_id_token("not a jwt"), None);
        assert_eq!(Account::from_id_token("a.%%%.c"), None);
    }

    /// issue 13: `expires_in: 10000000000000` used to overflow `now + expires_in`
    /// and abort the app at every start (a run starts at launch).
    #[test]
    fn a_lifetime_past_the_calendar_leaves_the_expiry_unknown_instead_of_crashing() {
        let now = DateTime::from_timestamp(1_700_000_000, 0).expect("a time");
        let answer = |expires_in: &str| -> TokenAnswer {
            serde_json::from_str(&format!(
                r#"{{"access_token":"a","token_type":"Bearer","expires_in":{expires_in}}}"#
            ))
            .expect("a token answer")
        };
        for huge in ["10000000000000", "18446744073709551615"] {
            assert_eq!(TokenSet::from_answer(&answer(huge), now).expires_at, None, "{huge}");
        }
        assert_eq!(
            TokenSet::from_answer(&answer("3599"), now).expires_at,
            DateTime::from_timestamp(1_700_003_599, 0)
        );
        assert_eq!(
            expires_at(DateTime::<Utc>::MAX_UTC, Some(std::time::Duration::from_secs(1))),
            None
        );
        assert_eq!(expires_at(now, Some(std::time::Duration::MAX)), None);
        assert_eq!(expires_at(now, None), None);
    }

    /// Found by the fuzz target `account_from_id_token`: `"upn": ""` made an
    /// account with an empty sign-in name, shown as an empty label (and no
    /// personal mark), instead of falling through to the next claim.
    #[test]
    fn a_blank_claim_falls_through_to_the_next_one() {
        let token = |claims: &str| format!("eyJhbGciOiJub25lIn0.{}.sig", URL_SAFE_NO_PAD.encode(claims));
        let account = Account::from_id_token(&token(
            r#"{"preferred_username":" ","upn":"","email":"alice@contoso.example","name":"  "}"#,
        ))
        .expect("account");
        assert_eq!(account.username.as_deref(), Some("alice@contoso.example"));
        assert_eq!(account.name, None);
        let nameless = Account::from_id_token(&token(r#"{"upn":"","tid":""}"#)).expect("account");
        assert_eq!(nameless, Account::default());
        assert_eq!(nameless.label(), "an unnamed account");
    }

    #[test]
    fn token_debug_output_has_no_token_bytes() {
        let set = TokenSet {
            access_token: Secret::new("AT-SECRET-BYTES".to_owned()),
            refresh_token: Some(Secret::new("RT-SECRET-BYTES".to_owned())),
            id_token: Some(Secret::new("ID-SECRET-BYTES".to_owned())),
            expires_at: None,
            scopes: vec!["openid".to_owned()],
            nonce: None,
        };
        let printed = format!("{set:?} {:?}", RawIdToken("ID-SECRET-BYTES".to_owned()));
        assert!(!printed.contains("SECRET-BYTES"), "{printed}");
    }
}
