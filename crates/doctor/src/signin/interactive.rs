//! Interactive sign-in: authorization code + PKCE (RFC 7636, S256) in the
//! system browser, back through a loopback redirect (RFC 8252).

use super::attempt::{Attempt, AttemptOutcome, Flow};
use super::browser::Browser;
use super::entra_error::SignInError;
use super::loopback::{LoopbackListener, Redirect, WaitEnded};
use super::oauth_client::{self, OAuthClient, TokenRequestFailed};
use super::run::{signed_in_outcome, Interruption, SignInProgress};
use super::tokens::TokenSet;
use crate::clock::Now;
use crate::network::{DiscoveryDocument, FailedStep, HttpClient, Step};
use crate::profile::Profile;
use crate::secret::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use oauth2::{AuthorizationCode, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, Scope};
use serde::Serialize;
use std::future::Future;
use std::time::Instant;

/// The `prompt` sent to the authorize endpoint (OIDC Core §3.1.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Prompt {
    /// Let the user pick (or add) an account: the re-authenticate default.
    SelectAccount,
    /// Make the user enter credentials again, ignoring any browser session.
    Login,
}

impl Prompt {
    fn as_str(self) -> &'static str {
        match self {
            Prompt::SelectAccount => "select_account",
            Prompt::Login => "login",
        }
    }
}

pub struct InteractiveSignIn<'a> {
    pub profile: &'a Profile,
    pub discovery: &'a DiscoveryDocument,
    pub http: &'a HttpClient,
    pub browser: &'a dyn Browser,
    pub prompt: Prompt,
    pub now: Now,
}

impl InteractiveSignIn<'_> {
    /// Runs one sign-in. Always returns an attempt (its outcome says how it
    /// ended) and, on success, the tokens.
    pub async fn run(
        &self,
        on_progress: impl Fn(SignInProgress),
        interrupt: impl Future<Output = Interruption>,
    ) -> (Attempt, Option<TokenSet>) {
        let client_request_id = uuid::Uuid::new_v4().to_string();
        let started_at = (self.now)();
        let (outcome, tokens, round_trip) = self.steps(&client_request_id, &on_progress, interrupt).await;
        let finished_at = (self.now)();
        let attempt = Attempt::ended(
            Flow::AuthorizationCode,
            client_request_id,
            started_at,
            finished_at,
            (outcome, round_trip),
        );
        (attempt, tokens)
    }

    async fn steps(
        &self,
        client_request_id: &str,
        on_progress: &impl Fn(SignInProgress),
        interrupt: impl Future<Output = Interruption>,
    ) -> (AttemptOutcome, Option<TokenSet>, Option<u64>) {
        let failed = |step: Step, message: String| (AttemptOutcome::Failed(FailedStep::new(step, message)), None, None);
        let listener = match LoopbackListener::bind(&self.profile.redirect_uri).await {
            Ok(listener) => listener,
            Err(e) => {
                return failed(
                    Step::Loopback,
                    format!("Could not listen on this computer's loopback address for the browser's answer: {e}."),
                )
            }
        };
        let redirect_uri = listener.redirect_uri().to_string();
        let client = match oauth_client::build(self.profile, self.discovery, Some(&redirect_uri)) {
            Ok(client) => client,
            Err(e) => {
                return failed(
                    Step::Discovery,
                    format!("The sign-in service's endpoints are unusable: {e}."),
                )
            }
        };

        // RFC 7636 §4.1–4.2: a fresh verifier per attempt, sent only as its S256 challenge.
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        // OIDC Core §3.1.2.1: the nonce ties the ID token to this request.
        let nonce = Secret::new(CsrfToken::new_random().secret().clone());
        let mut request = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(self.profile.scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge)
            .add_extra_param("nonce", nonce.expose().clone())
            .add_extra_param("prompt", self.prompt.as_str())
            .add_extra_param("client-request-id", client_request_id.to_owned());
        if let Some(hint) = &self.profile.login_hint {
            request = request.add_extra_param("login_hint", hint.clone());
        }
        let (authorize_url, state) = request.url();

        let opened = super::browser::web_page(authorize_url.as_str()).and_then(|page| self.browser.open(page.as_str()));
        if let Err(why) = opened {
            return failed(Step::Browser, format!("Could not open the web browser: {why}."));
        }
        on_progress(SignInProgress::WaitingForBrowser {
            client_request_id: client_request_id.to_owned(),
            redirect_uri: redirect_uri.clone(),
            timeout_seconds: self.profile.signin_timeout.as_secs(),
        });

        // Dropping the wait (on cancel or paste) closes the listener and frees its port.
        let waited = listener.wait(state.secret(), self.profile.signin_timeout, std::future::pending());
        let redirect = tokio::select! {
            redirect = waited => redirect,
            why = interrupt => return match why {
                Interruption::Cancelled => (AttemptOutcome::Cancelled, None, None),
                Interruption::Pasted(text) => (AttemptOutcome::Refused { error: SignInError::from_pasted(&text) }, None, None),
            },
        };
        let (code, issuer) = match redirect {
            Ok(Redirect::Code { code, issuer }) => (code, issuer),
            Ok(Redirect::Error(error)) => return (AttemptOutcome::Refused { error }, None, None),
            Err(WaitEnded::TimedOut(waited)) => {
                return (
                    AttemptOutcome::TimedOut {
                        waited_seconds: waited.as_secs(),
                    },
                    None,
                    None,
                )
            }
            Err(WaitEnded::Cancelled) => return (AttemptOutcome::Cancelled, None, None),
            Err(WaitEnded::Io(e)) => return failed(Step::Loopback, format!("The loopback listener failed: {e}.")),
        };
        // RFC 9207 §2.4: when the server names its issuer, it must be the one we asked.
        if let Some(issuer) = issuer {
            if !self.discovery.issuer_is_tenant_template() && issuer != self.discovery.issuer {
                return failed(
                    Step::Redirect,
                    format!(
                        "The answer came from {issuer}, not from {}: refused (authorization server mix-up).",
                        self.discovery.issuer
                    ),
                );
            }
        }

        on_progress(SignInProgress::ExchangingCode);
        let exchange_started = Instant::now();
        let exchanged = exchange_code(&client, self.http, code, verifier, client_request_id, self.now.clone()).await;
        let round_trip = Some(u64::try_from(exchange_started.elapsed().as_millis()).unwrap_or(u64::MAX));
        let mut tokens = match exchanged {
            Ok(tokens) => tokens,
            Err(TokenRequestFailed::Refused(error)) => {
                return (AttemptOutcome::Refused { error: *error }, None, round_trip)
            }
            Err(TokenRequestFailed::Failed(failed)) => return (AttemptOutcome::Failed(failed), None, round_trip),
        };
        // OIDC Core §3.1.3.7 step 11: the ID token's nonce must be the one sent.
        if let Some(id_token) = &tokens.id_token {
            if nonce_of(id_token.expose()).as_deref() != Some(nonce.expose().as_str()) {
                return failed(
                    Step::IdToken,
                    "The ID token does not carry this sign-in's nonce, so it may be replayed; it was refused."
                        .to_owned(),
                );
            }
        }
        tokens.nonce = Some(nonce.expose().clone());
        let outcome = signed_in_outcome(&tokens);
        (outcome, Some(tokens), round_trip)
    }
}

/// Redeems an authorization code (RFC 6749 §4.1.3) with the PKCE verifier
/// (RFC 7636 §4.5) at the token endpoint, tagged with the attempt's
/// client-request-id.
pub async fn exchange_code(
    client: &OAuthClient,
    http: &HttpClient,
    code: AuthorizationCode,
    verifier: PkceCodeVerifier,
    client_request_id: &str,
    now: Now,
) -> Result<TokenSet, TokenRequestFailed> {
    let http = oauth_client::TracedHttp {
        http,
        client_request_id,
    };
    let answer = client
        .exchange_code(code)
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await?;
    Ok(TokenSet::from_answer(&answer, now()))
}

fn nonce_of(jwt: &str) -> Option<String> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("nonce")?.as_str().map(str::to_owned)
}
