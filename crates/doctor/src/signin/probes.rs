//! The checklist's sign-in rows: the last interactive sign-in, and the
//! silent sign-in with the session saved in the keychain.

use super::advice;
use super::attempt::{Attempt, AttemptOutcome, Flow};
use super::refresh::{self, RefreshOutcome, RefreshRefusal};
use super::session::{SessionTokenError, NOT_SIGNED_IN, OTHER_AUTHORITY};
use crate::checks::{ids, Check, CheckId, Outcome, Probe, ProbeContext, Signal, Status};
use crate::personal::{Marked, PersonalKind};
use crate::store::{within, StoreError, TokenStore};
use crate::ActionKind;
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use futures::FutureExt;
use std::sync::Arc;
use std::time::Duration;

/// The row of a check with no sign-in to read yet, in the one wording
/// every such row uses, with the button that signs in.
pub(crate) fn until_signed_in() -> Outcome {
    Outcome::new(Status::Skipped, NOT_SIGNED_IN).with_action(ActionKind::Reauthenticate)
}

/// The row of a check whose sign-in was made under other settings (another
/// authority, tenant or client): its tokens are not used, and signing in
/// again under these settings is the way on.
pub(crate) fn under_another_authority() -> Outcome {
    Outcome::new(Status::Skipped, OTHER_AUTHORITY).with_action(ActionKind::Reauthenticate)
}

/// The row for a session whose tokens cannot be read for this run.
pub(crate) fn without_tokens(why: SessionTokenError) -> Outcome {
    match why {
        SessionTokenError::OtherAuthority => under_another_authority(),
        SessionTokenError::NotSignedIn | SessionTokenError::NoIdToken => until_signed_in(),
    }
}

/// A check of what a sign-in left (its tokens, the saved session): it
/// waits for the sign-in service to answer first.
pub(crate) fn after_sign_in(id: CheckId, title: &str, bound: Duration) -> Check {
    Check {
        id,
        title: title.to_owned(),
        needs: vec![ids::REACHABILITY],
        bound,
    }
}

/// "Sign-in": what happened the last time the user signed in through the app.
pub struct SignInProbe {
    /// Nothing is recorded yet: wait for the reachability check, so an
    /// unreachable service is named here too instead of "not signed in".
    pub waits_for_service: bool,
}

impl Probe for SignInProbe {
    fn check(&self) -> Check {
        Check {
            id: ids::SIGNIN,
            title: "Sign-in".to_owned(),
            needs: if self.waits_for_service {
                vec![ids::REACHABILITY]
            } else {
                Vec::new()
            },
            // Reads what the app already knows: no network.
            bound: Duration::from_secs(1),
        }
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            if !ctx.session.is_under(&ctx.profile) {
                return under_another_authority();
            }
            match ctx.session.last_attempt() {
                None => until_signed_in(),
                Some(attempt) => describe(&attempt, (ctx.now)()),
            }
        }
        .boxed()
    }
}

fn describe(attempt: &Attempt, now: DateTime<Utc>) -> Outcome {
    let flow = match attempt.flow {
        Flow::AuthorizationCode => "browser sign-in (authorization code + PKCE)",
        Flow::DeviceCode => "sign-in on another device (device code)",
    };
    let mut outcome = match &attempt.outcome {
        AttemptOutcome::SignedIn {
            account,
            expires_at,
            scopes,
            refresh_token_status,
        } => {
            let who = Marked::scan("Signed in as ").then(account.marked_label());
            let mut o = match expires_at {
                Some(at) if *at <= now => Outcome::new(
                    Status::Warn,
                    who.then_text(&format!(
                        ", but the token expired at {} UTC. Re-authenticate to get a fresh one.",
                        at.format("%H:%M")
                    )),
                ),
                Some(at) => Outcome::new(
                    Status::Pass,
                    who.then_text(&format!("; the token is valid until {} UTC.", at.format("%H:%M"))),
                ),
                None => Outcome::new(Status::Pass, who.then_text(".")),
            };
            o = o.with_marked_evidence("Account", account.marked_label(), true);
            if let Some(name) = &account.name {
                o = o.with_personal_evidence("Name", PersonalKind::DisplayName, name.clone());
            }
            if let Some(tenant) = &account.tenant_id {
                o = o.with_personal_evidence("Tenant ID", PersonalKind::Tenant, tenant.clone());
            }
            if let Some(at) = expires_at {
                o = o.with_evidence("Token valid until (UTC)", at.to_rfc3339());
            }
            o.with_evidence("Scopes granted", if scopes.is_empty() { "as requested".to_owned() } else { scopes.join(" ") })
                .with_evidence("Refresh token", refresh_token_status.clone())
                .with_action(ActionKind::CopyDetails)
        }
        AttemptOutcome::Refused { error } => {
            let mut o = Outcome::new(Status::Fail, error.to_string())
                .with_fix_steps(advice::fix_steps(error))
                .with_signal(refusal_signal(error, attempt.flow));
            if let Some(code) = error.code {
                o = o.with_evidence("Error code", format!("AADSTS{code}"));
            }
            if !error.error.is_empty() {
                o = o.with_evidence("OAuth error", error.error.clone());
            }
            o = o
                .with_evidence("Trace ID (Request ID)", error.trace_id.clone().unwrap_or_else(|| "not given".to_owned()))
                .with_evidence(
                    "Correlation ID",
                    error.correlation_id.clone().unwrap_or_else(|| "not given".to_owned()),
                )
                // As the service wrote it (Entra's times are UTC), so a search matches exactly.
                .with_evidence(
                    "Timestamp (UTC)",
                    error
                        .timestamp
                        .clone()
                        .or_else(|| error.timestamp_utc.map(|t| t.format("%Y-%m-%d %H:%M:%SZ").to_string()))
                        .unwrap_or_else(|| "not given".to_owned()),
                );
            if let Some(sub) = &error.suberror {
                o = o.with_evidence("Sub-error", sub.clone());
            }
            o.with_evidence("Captured from", error.captured_from())
                .with_action(ActionKind::CopyDetails)
        }
        AttemptOutcome::Cancelled => Outcome::new(Status::Warn, "The last sign-in was cancelled before it finished."),
        AttemptOutcome::TimedOut { waited_seconds } => Outcome::new(
            Status::Fail,
            format!("No answer came back from the browser within {waited_seconds} s."),
        )
        .with_fix_steps([
            "If the browser stopped on a Microsoft error page, copy its Troubleshooting details and paste them into the app while it waits.",
            "If the browser did not open, check your default browser, then try again.",
        ]),
        AttemptOutcome::Failed(failure) => {
            Outcome::new(Status::Fail, failure.message.clone()).with_evidence("Failed step", failure.step.name())
        }
    };
    outcome = outcome.with_evidence("Flow", flow).with_evidence(
        "Attempt started (UTC)",
        attempt.started_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    );
    if !attempt.client_request_id.is_empty() {
        outcome = outcome.with_evidence("Client request ID", attempt.client_request_id.clone());
    }
    if let Some(ms) = attempt.token_round_trip_ms {
        outcome = outcome.with_evidence("Token request took", format!("{ms} ms"));
    }
    outcome.with_action(ActionKind::Reauthenticate)
}

/// A refusal as a fact: Conditional Access (and device policies) apart from the rest.
fn refusal_signal(error: &super::SignInError, flow: Flow) -> Signal {
    use crate::aadsts::knowledge::{family, Category};
    match error.code {
        Some(code) if matches!(family(code), Some(Category::ConditionalAccess | Category::Device)) => {
            Signal::PolicyBlocked {
                code,
                device_code_flow: flow == Flow::DeviceCode,
                has_request_id: error.trace_id.is_some(),
                has_correlation_id: error.correlation_id.is_some(),
            }
        }
        code => Signal::SignInRefused { code },
    }
}

/// "Saved session": redeems the refresh token from the keychain, as apps do
/// silently, and classifies a refusal.
pub struct RefreshProbe {
    pub bound: Duration,
    /// Where the saved session is: the OS keychain, or a test's stand-in.
    pub token_store: Arc<dyn TokenStore>,
}

impl RefreshProbe {
    /// Half the check's bound: the refresh request needs the rest.
    fn keychain_bound(&self) -> Duration {
        self.bound / 2
    }
}

impl Probe for RefreshProbe {
    fn check(&self) -> Check {
        after_sign_in(ids::REFRESH, "Saved session (silent sign-in)", self.bound)
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            let since = ctx.session.forgets();
            let key = ctx.profile.session_key();
            let saved = match within(self.keychain_bound(), &self.token_store, move |store| {
                store.load_refresh_token(&key)
            })
            .await
            {
                Ok(Some(token)) => token,
                Ok(None) => {
                    return Outcome::new(
                        Status::Skipped,
                        "No saved session for this profile: nothing to refresh.",
                    )
                    .with_action(ActionKind::Reauthenticate)
                }
                Err(StoreError::Unavailable(why)) => {
                    return Outcome::new(
                        Status::Warn,
                        format!("The keychain is not available ({why}), so no session is saved between runs."),
                    )
                }
                Err(e @ StoreError::TimedOut(_)) => {
                    return Outcome::new(Status::Warn, format!("The saved session could not be read: {e}."))
                }
                Err(e) => return Outcome::new(Status::Warn, format!("The keychain could not be read: {e}.")),
            };
            let Some(discovery) = ctx.found.discovery.get() else {
                return Outcome::new(Status::Skipped, "The sign-in service's endpoints are not known.");
            };
            match refresh::redeem(
                (*ctx.profile).clone(),
                discovery.clone(),
                ctx.http(),
                saved,
                ctx.now.clone(),
            )
            .await
            {
                RefreshOutcome::Refreshed {
                    tokens,
                    account,
                    expires_at,
                } => {
                    let key = ctx.profile.session_key();
                    let rotated = tokens.refresh_token.clone();
                    let note = match rotated {
                        // RFC 9700 §4.14.2: the service may rotate refresh tokens; keep the newest.
                        // Not after "Forget me" was pressed during this run.
                        Some(token) => match ctx
                            .session
                            .save_unless_forgotten(&self.token_store, key, token, since, self.keychain_bound())
                            .await
                        {
                            Ok(true) => "renewed and saved".to_owned(),
                            Ok(false) => "renewed, not saved: \"Forget me\" was pressed during this run".to_owned(),
                            Err(e) => format!("renewed but not saved: {e}"),
                        },
                        None => "still valid".to_owned(),
                    };
                    let who = account
                        .map(|a| a.marked_label())
                        .unwrap_or_else(|| Marked::scan("the saved account"));
                    let mut o = Outcome::new(
                        Status::Pass,
                        Marked::scan("The saved session works: signed in silently as ")
                            .then(who.clone())
                            .then_text("."),
                    )
                    .with_marked_evidence("Account", who, true)
                    .with_evidence("Refresh token", note);
                    if let Some(at) = expires_at {
                        o = o.with_evidence("New token valid until (UTC)", at.to_rfc3339());
                    }
                    o
                }
                RefreshOutcome::Refused { refusal, error } => {
                    let signal = match refusal {
                        // Signing in again truly fixes these (70043 is a sign-in frequency policy asking for it).
                        RefreshRefusal::ExpiredByInactivity
                        | RefreshRefusal::RevokedByPasswordChange
                        | RefreshRefusal::SignInFrequency => Signal::SessionEnded,
                        _ => refusal_signal(&error, Flow::AuthorizationCode),
                    };
                    let mut o = Outcome::new(Status::Fail, format!("{} ({error})", refusal.explanation()))
                        .with_signal(signal)
                        .with_fix_steps(advice::fix_steps(&error))
                        .with_evidence("Error", error.to_string());
                    if let Some(trace) = &error.trace_id {
                        o = o.with_evidence("Trace ID (Request ID)", trace.clone());
                    }
                    if let Some(correlation) = &error.correlation_id {
                        o = o.with_evidence("Correlation ID", correlation.clone());
                    }
                    if let Some(at) = &error.timestamp {
                        o = o.with_evidence("Timestamp", at.clone());
                    }
                    o.with_action(ActionKind::Reauthenticate)
                        .with_action(ActionKind::CopyDetails)
                }
                RefreshOutcome::Failed(failure) => Outcome::new(Status::Fail, failure.message)
                    .with_evidence("Failed step", failure.step.name())
                    .with_action(ActionKind::RunAgain),
            }
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::personal::Masking;
    use crate::signin::Account;

    #[test]
    fn the_signed_in_row_marks_the_account_the_name_and_the_tenant() {
        let now = Utc::now();
        let attempt = Attempt {
            flow: Flow::AuthorizationCode,
            client_request_id: "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d".to_owned(),
            started_at: now,
            finished_at: now,
            token_round_trip_ms: None,
            outcome: AttemptOutcome::SignedIn {
                account: Account {
                    username: Some("alice@contoso.example".to_owned()),
                    name: Some("Alice Example".to_owned()),
                    tenant_id: Some("72f988bf-86f1-41af-91ab-2d7cd011db47".to_owned()),
                },
                expires_at: None,
                scopes: Vec::new(),
                refresh_token_status: "saved in the keychain".to_owned(),
            },
        };
        let row = describe(&attempt, now);
        assert_eq!(row.summary.plain(), "Signed in as alice@contoso.example.");
        assert_eq!(row.summary.text(Masking::Presenter), "Signed in as a•••@c•••.example.");
        let shown: Vec<String> = row
            .evidence
            .iter()
            .map(|e| format!("{}: {}", e.label, e.value_segments.text(Masking::Presenter)))
            .collect();
        for line in [
            "Account: a•••@c•••.example",
            "Name: A••• E•••",
            "Tenant ID: 72f988bf-•••",
        ] {
            assert!(shown.iter().any(|s| s == line), "{line} not in {shown:?}");
        }
        // The JSON keeps its plain strings and flags, and adds the marks.
        let name = row.evidence.iter().find(|e| e.label == "Name").expect("name");
        assert_eq!(name.value, "Alice Example");
        assert!(name.personal);
        let tenant = row.evidence.iter().find(|e| e.label == "Tenant ID").expect("tenant");
        assert!(!tenant.personal, "a tenant names no one");
        assert_eq!(
            serde_json::to_value(name).expect("json"),
            serde_json::json!({
                "label": "Name", "value": "Alice Example", "personal": true,
                "value_segments": [{"text": "Alice Example", "personal": "display_name", "masked": "A••• E•••", "what": "name"}],
            })
        );
        let plain = row.evidence.iter().find(|e| e.label == "Refresh token").expect("plain");
        assert_eq!(
            serde_json::to_value(plain).expect("json"),
            serde_json::json!({"label": "Refresh token", "value": "saved in the keychain"}),
            "nothing personal: no segments"
        );
    }

    fn refused(error: super::super::SignInError) -> Attempt {
        let now = Utc::now();
        Attempt {
            flow: Flow::AuthorizationCode,
            client_request_id: "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d".to_owned(),
            started_at: now,
            finished_at: now,
            token_round_trip_ms: None,
            outcome: AttemptOutcome::Refused { error },
        }
    }

    /// RFC 8252 §8.5 / RFC 9700 §4.1: the loopback port is open to every
    /// program on this computer, so an `error=` there proves nothing about the
    /// service; the row says so, and shows the 53003 the same way otherwise.
    #[test]
    fn an_error_from_the_redirect_is_labelled_not_verified() {
        let description = "AADSTS53003: Access has been blocked by Conditional Access policies. Trace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e";
        let from_redirect = super::super::SignInError::from_redirect("access_denied", Some(description), None);
        let row = describe(&refused(from_redirect.clone()), Utc::now());
        assert_eq!(row.summary.plain(), from_redirect.to_string());
        assert_eq!(row.status, Status::Fail);
        let captured = row
            .evidence
            .iter()
            .find(|e| e.label == "Captured from")
            .expect("source");
        assert_eq!(
            captured.value,
            "the browser's redirect (not verified: the error came to the loopback address, which any program on this computer can reach)"
        );
        assert!(row
            .evidence
            .iter()
            .any(|e| e.label == "Error code" && e.value == "AADSTS53003"));

        let body = super::super::TokenErrorBody {
            error: "interaction_required".to_owned(),
            error_description: Some(description.to_owned()),
            ..Default::default()
        };
        let row = describe(
            &refused(super::super::SignInError::from_token_response(&body)),
            Utc::now(),
        );
        let captured = row
            .evidence
            .iter()
            .find(|e| e.label == "Captured from")
            .expect("source");
        assert_eq!(captured.value, "the token endpoint");
    }
}
