//! The silent sign-in check: redeem the saved refresh token (RFC 6749 §6)
//! and say why it was refused, when it was.

use super::entra_error::SignInError;
use super::oauth_client::{self, TokenRequestFailed};
use super::tokens::{Account, TokenSet};
use crate::clock::Now;
use crate::network::{DiscoveryDocument, FailedStep, HttpClient};
use crate::profile::Profile;
use crate::secret::Secret;
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use futures::FutureExt;
use oauth2::{RefreshToken, Scope};

/// Why a refresh was refused, from the AADSTS code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshRefusal {
    /// 700082 / 70008: unused for too long (90 days by default).
    ExpiredByInactivity,
    /// 50173 / 50133 / 50132: revoked, e.g. by a password change or reset.
    RevokedByPasswordChange,
    /// 70043: a Conditional Access sign-in frequency policy wants a fresh sign-in.
    SignInFrequency,
    /// 53003 and the 530xx family, or MFA (50076): Conditional Access applies to refreshes too.
    ConditionalAccess,
    /// Any other `invalid_grant`.
    OtherInvalidGrant,
    /// Anything else the service said.
    Other,
}

impl RefreshRefusal {
    pub fn classify(error: &SignInError) -> Self {
        match error.code {
            Some(700082) | Some(70008) => Self::ExpiredByInactivity,
            Some(50173) | Some(50133) | Some(50132) => Self::RevokedByPasswordChange,
            Some(70043) => Self::SignInFrequency,
            Some(53000..=53004) | Some(530000..=530099) | Some(50076) | Some(50074) | Some(50079) => {
                Self::ConditionalAccess
            }
            _ if error.error == "invalid_grant" => Self::OtherInvalidGrant,
            _ => Self::Other,
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            Self::ExpiredByInactivity => "The saved session expired because it was not used for a long time.",
            Self::RevokedByPasswordChange => "The saved session was revoked, usually because the password was changed or reset.",
            Self::SignInFrequency => "A sign-in frequency policy requires signing in again now.",
            Self::ConditionalAccess => "Conditional Access blocked the silent sign-in: it checks refreshes too, and this device or place does not meet the policy.",
            Self::OtherInvalidGrant => "The saved session is no longer accepted.",
            Self::Other => "The service refused the saved session.",
        }
    }
}

pub enum RefreshOutcome {
    Refreshed {
        tokens: TokenSet,
        account: Option<Account>,
        expires_at: Option<DateTime<Utc>>,
    },
    Refused {
        refusal: RefreshRefusal,
        error: SignInError,
    },
    Failed(FailedStep),
}

/// Owned inputs and a boxed future: oauth2's borrowed HTTP closure
/// otherwise makes the compiler unable to prove the future is `Send`.
pub fn redeem(
    profile: Profile,
    discovery: DiscoveryDocument,
    http: HttpClient,
    refresh_token: Secret<String>,
    now: Now,
) -> BoxFuture<'static, RefreshOutcome> {
    async move { redeem_owned(&profile, &discovery, &http, &refresh_token, now).await }.boxed()
}

async fn redeem_owned(
    profile: &Profile,
    discovery: &DiscoveryDocument,
    http: &HttpClient,
    refresh_token: &Secret<String>,
    now: Now,
) -> RefreshOutcome {
    let client = match oauth_client::build(profile, discovery, None) {
        Ok(client) => client,
        Err(failure) => return RefreshOutcome::Failed(failure),
    };
    let client_request_id = uuid::Uuid::new_v4().to_string();
    let http = oauth_client::TracedHttp {
        http,
        client_request_id: &client_request_id,
    };
    let token = RefreshToken::new(refresh_token.expose().clone());
    let answer = client
        .exchange_refresh_token(&token)
        .add_scopes(profile.scopes.iter().cloned().map(Scope::new))
        .request_async(&http)
        .await;
    match answer {
        Ok(answer) => {
            let tokens = TokenSet::from_answer(&answer, now());
            RefreshOutcome::Refreshed {
                account: tokens.account(),
                expires_at: tokens.expires_at,
                tokens,
            }
        }
        Err(e) => match TokenRequestFailed::from(e) {
            TokenRequestFailed::Refused(error) => RefreshOutcome::Refused {
                refusal: RefreshRefusal::classify(&error),
                error: *error,
            },
            TokenRequestFailed::Failed(failure) => RefreshOutcome::Failed(failure),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(code: u32, error: &str) -> RefreshRefusal {
        let description = format!("AADSTS{code}: something.");
        RefreshRefusal::classify(&SignInError::from_redirect(error, Some(&description), None))
    }

    #[test]
    fn refusals_are_classified_by_aadsts_code() {
        assert_eq!(refused(700082, "invalid_grant"), RefreshRefusal::ExpiredByInactivity);
        assert_eq!(refused(50173, "invalid_grant"), RefreshRefusal::RevokedByPasswordChange);
        assert_eq!(refused(70043, "invalid_grant"), RefreshRefusal::SignInFrequency);
        assert_eq!(
            refused(53003, "interaction_required"),
            RefreshRefusal::ConditionalAccess
        );
        assert_eq!(refused(530003, "invalid_grant"), RefreshRefusal::ConditionalAccess);
        assert_eq!(refused(9002313, "invalid_grant"), RefreshRefusal::OtherInvalidGrant);
        assert_eq!(refused(90002, "invalid_request"), RefreshRefusal::Other);
    }
}
