//! Sign-in on another device: the device authorization grant (RFC 8628).
//!
//! Written against the RFC rather than oauth2's device flow, whose polling
//! error type drops Entra's error_codes, trace_id and correlation_id, and
//! whose loop hides progress the window must show.

use super::attempt::{Attempt, AttemptOutcome, Flow};
use super::entra_error::{SignInError, TokenErrorBody};
use super::run::{signed_in_outcome, Interruption, SignInProgress};
use super::tokens::{TokenAnswer, TokenSet};
use crate::clock::Now;
use crate::network::{DiscoveryDocument, FailedStep, HttpClient, Step};
use crate::profile::Profile;
use crate::secret::Secret;
use serde::Deserialize;
use std::future::Future;
use std::time::{Duration, Instant};

/// RFC 8628 §3.5: without an `interval`, poll every 5 seconds; `slow_down` adds 5.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// RFC 8628 §3.2, plus Microsoft's older `verification_url` and its `message`.
/// Public only for the fuzz target `token_answers`.
#[doc(hidden)]
#[derive(Deserialize)]
pub struct DeviceAuthorization {
    device_code: String,
    user_code: String,
    verification_uri: Option<String>,
    verification_url: Option<String>,
    verification_uri_complete: Option<String>,
    expires_in: u64,
    interval: Option<u64>,
    message: Option<String>,
}

impl DeviceAuthorization {
    /// Reads the device authorization answer's body (RFC 8628 §3.2).
    pub fn from_json(body: &[u8]) -> serde_json::Result<Self> {
        serde_json::from_slice(body)
    }

    /// How long the code may be used: the server's `expires_in`, kept
    /// between a second and an hour so a wild value neither ends the wait
    /// at once nor holds it for days.
    pub fn lifetime(&self) -> Duration {
        Duration::from_secs(self.expires_in.clamp(1, 3600))
    }

    /// RFC 8628 §3.5: the server's `interval`, else 5 seconds; kept between 1 and 60.
    pub fn poll_interval(&self) -> Duration {
        self.interval
            .map_or(DEFAULT_INTERVAL, |s| Duration::from_secs(s.clamp(1, 60)))
    }
}

pub struct DeviceCodeSignIn<'a> {
    pub profile: &'a Profile,
    pub discovery: &'a DiscoveryDocument,
    pub http: &'a HttpClient,
    pub now: Now,
}

impl DeviceCodeSignIn<'_> {
    pub async fn run(
        &self,
        on_progress: impl Fn(SignInProgress),
        interrupt: impl Future<Output = Interruption>,
    ) -> (Attempt, Option<TokenSet>) {
        let client_request_id = uuid::Uuid::new_v4().to_string();
        let started_at = (self.now)();
        let (outcome, tokens) = tokio::select! {
            done = self.steps(&client_request_id, &on_progress) => done,
            why = interrupt => match why {
                Interruption::Cancelled => (AttemptOutcome::Cancelled, None),
                Interruption::Pasted(text) => (AttemptOutcome::Refused { error: SignInError::from_pasted(&text) }, None),
            },
        };
        let attempt = Attempt::ended(
            Flow::DeviceCode,
            client_request_id,
            started_at,
            (self.now)(),
            (outcome, None),
        );
        (attempt, tokens)
    }

    async fn steps(
        &self,
        client_request_id: &str,
        on_progress: &impl Fn(SignInProgress),
    ) -> (AttemptOutcome, Option<TokenSet>) {
        let failed = |step: Step, message: String| (AttemptOutcome::Failed(FailedStep::new(step, message)), None);
        let Some(endpoint) = &self.discovery.device_authorization_endpoint else {
            return failed(
                Step::Discovery,
                "This sign-in service does not offer sign-in on another device (no device_authorization_endpoint)."
                    .to_owned(),
            );
        };
        let mut form = vec![
            ("client_id", self.profile.client_id.clone()),
            ("scope", self.profile.scopes.join(" ")),
        ];
        if let Some(hint) = &self.profile.login_hint {
            form.push(("login_hint", hint.clone()));
        }
        // RFC 8628 §3.1: the device authorization request.
        let answer = match self
            .post(Step::DeviceAuthorization, endpoint, &form, client_request_id)
            .await
        {
            Ok(answer) => answer,
            Err(failure) => return (AttemptOutcome::Failed(failure), None),
        };
        let authorization = match answer {
            (200, body) => match DeviceAuthorization::from_json(&body) {
                Ok(a) => a,
                Err(e) => return failed(Step::DeviceAuthorization, format!("The answer could not be read: {e}.")),
            },
            (_, body) => return refused_or_failed(&body, Step::DeviceAuthorization),
        };
        let lifetime = authorization.lifetime();
        let mut interval = authorization.poll_interval();
        let device_code = Secret::new(authorization.device_code);
        let Some(verification_uri) = authorization.verification_uri.or(authorization.verification_url) else {
            return failed(
                Step::DeviceAuthorization,
                "The answer named no verification address.".to_owned(),
            );
        };
        let expires_at = (self.now)() + chrono::Duration::from_std(lifetime).unwrap_or_default();
        on_progress(SignInProgress::DeviceCodeShown {
            user_code: authorization.user_code,
            verification_uri,
            verification_uri_complete: authorization.verification_uri_complete,
            expires_at,
            message: authorization.message,
        });

        // RFC 8628 §3.4–3.5: poll the token endpoint until the user finishes or the code expires.
        let deadline = Instant::now() + lifetime;
        loop {
            if Instant::now() + interval > deadline {
                return (
                    AttemptOutcome::TimedOut {
                        waited_seconds: lifetime.as_secs(),
                    },
                    None,
                );
            }
            tokio::time::sleep(interval).await;
            let form = [
                ("grant_type", DEVICE_GRANT.to_owned()),
                ("client_id", self.profile.client_id.clone()),
                ("device_code", device_code.expose().clone()),
            ];
            let (status, body) = match self
                .post(Step::Token, &self.discovery.token_endpoint, &form, client_request_id)
                .await
            {
                Ok(answer) => answer,
                Err(failure) => return (AttemptOutcome::Failed(failure), None),
            };
            if status == 200 {
                return match serde_json::from_slice::<TokenAnswer>(&body) {
                    Ok(answer) => {
                        let tokens = TokenSet::from_answer(&answer, (self.now)());
                        (signed_in_outcome(&tokens), Some(tokens))
                    }
                    Err(e) => failed(
                        Step::TokenAnswer,
                        format!("The token answer could not be read (at \"{}\").", e.line()),
                    ),
                };
            }
            let error: Option<TokenErrorBody> = serde_json::from_slice(&body).ok();
            match error.as_ref().map(|e| e.error.as_str()) {
                Some("authorization_pending") => continue,
                Some("slow_down") => interval += SLOW_DOWN_STEP,
                Some("expired_token") => {
                    return (
                        AttemptOutcome::TimedOut {
                            waited_seconds: lifetime.as_secs(),
                        },
                        None,
                    )
                }
                // access_denied (RFC 8628), authorization_declined (Entra), and any refusal with its codes.
                _ => return refused_or_failed(&body, Step::Token),
            }
        }
    }

    /// A form POST; a failure is reported as `step`.
    async fn post(
        &self,
        step: Step,
        url: &str,
        form: &[(&str, String)],
        client_request_id: &str,
    ) -> Result<(u16, Vec<u8>), FailedStep> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let request = http::Request::post(url)
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(http::header::ACCEPT, "application/json")
            .header("client-request-id", client_request_id)
            .header("return-client-request-id", "true")
            .body(body.into_bytes())
            .map_err(|e| FailedStep::new(step, format!("Could not build the request: {e}.")))?;
        let response = self
            .http
            .send(request)
            .await
            .map_err(|e| FailedStep::new(step, e.0.summary))?;
        Ok((response.status().as_u16(), response.into_body()))
    }
}

fn refused_or_failed(body: &[u8], step: Step) -> (AttemptOutcome, Option<TokenSet>) {
    match serde_json::from_slice::<TokenErrorBody>(body) {
        Ok(error) => (
            AttemptOutcome::Refused {
                error: SignInError::from_token_response(&error),
            },
            None,
        ),
        Err(_) => (
            AttemptOutcome::Failed(FailedStep::new(
                step,
                "The service answered with an error that could not be read.",
            )),
            None,
        ),
    }
}
