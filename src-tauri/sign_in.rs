//! The interactive sign-in as the window drives it: one at a time, with
//! Cancel and "paste the error page's details" able to end the wait.

use crate::browser::SystemBrowser;
use crate::error::IpcError;
use crate::runs::Runs;
use doctor::network::HttpClient;
use doctor::profile::load_from_system;
use doctor::signin::{
    self, sign_in_progress_words, Attempt, AttemptOutcome, Browser, Interruption, Prompt, Session, SignInContext,
    SignInProgress, DEVICE_CODE_CAVEAT,
};
use doctor::AppError;
use serde::Serialize;
use std::sync::{Arc, Mutex, PoisonError};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime};
use tokio::sync::oneshot;

/// The sign-in waiting for the browser, if any.
#[derive(Default)]
pub struct SignInWait {
    // Held only to swap the sender, never across an await.
    interrupt: Mutex<Option<oneshot::Sender<Interruption>>>,
}

impl SignInWait {
    fn begin(&self, sender: oneshot::Sender<Interruption>) -> bool {
        let mut slot = self.interrupt.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.as_ref().is_some_and(|s| !s.is_closed()) {
            return false;
        }
        *slot = Some(sender);
        true
    }

    /// Ends the wait early. Returns whether a sign-in was waiting.
    pub fn interrupt(&self, why: Interruption) -> bool {
        let sender = self.interrupt.lock().unwrap_or_else(PoisonError::into_inner).take();
        sender.is_some_and(|s| s.send(why).is_ok())
    }
}

/// A progress event as the window gets it: the engine's event and, in
/// `words`, the engine's sentence for the status line.
#[derive(Serialize)]
pub struct ShownProgress {
    #[serde(flatten)]
    progress: SignInProgress,
    words: String,
    /// With a device code: what that way of signing in cannot do.
    #[serde(skip_serializing_if = "Option::is_none")]
    caveat: Option<&'static str>,
}

impl From<SignInProgress> for ShownProgress {
    fn from(progress: SignInProgress) -> Self {
        let words = sign_in_progress_words(&progress);
        let caveat = matches!(progress, SignInProgress::DeviceCodeShown { .. }).then_some(DEVICE_CODE_CAVEAT);
        Self {
            progress,
            words,
            caveat,
        }
    }
}

/// Which way to sign in.
pub enum Way {
    /// The system browser on this computer, with this prompt.
    Browser(Box<dyn Browser>, Prompt),
    /// A code entered on another device.
    DeviceCode,
}

impl Way {
    pub fn browser<R: Runtime>(app: AppHandle<R>, prompt: Prompt) -> Self {
        Way::Browser(Box::new(SystemBrowser(app)), prompt)
    }
}

pub async fn run(
    way: Way,
    session: Arc<Session>,
    wait: &SignInWait,
    progress: Channel<ShownProgress>,
) -> Result<Attempt, IpcError> {
    let (sender, receiver) = oneshot::channel();
    if !wait.begin(sender) {
        return Err(AppError::SignInBusy.into());
    }
    let loaded = load_from_system();
    let http = HttpClient::system(&loaded.profile).await;
    let ctx = SignInContext::new(&loaded.profile, &http, &session);
    let interrupted = async { receiver.await.unwrap_or(Interruption::Cancelled) };
    let report = |stage: SignInProgress| {
        let _ = progress.send(stage.into());
    };
    log::info!("sign-in started against {}", loaded.profile.authority);
    let attempt = match way {
        Way::Browser(browser, prompt) => {
            signin::reauthenticate(&ctx, browser.as_ref(), prompt, report, interrupted).await
        }
        Way::DeviceCode => signin::sign_in_on_another_device(&ctx, report, interrupted).await,
    };
    wait.interrupt(Interruption::Cancelled);
    log::info!(
        "sign-in ended: {} (client-request-id {})",
        describe(&attempt.outcome),
        attempt.client_request_id
    );
    Ok(attempt)
}

/// "Forget me" cancels the checklist run and the sign-in in flight, so a
/// refresh token they receive (or rotate, RFC 9700 §4.14.2) is not saved
/// back; the engine also refuses any save from a run that began before.
pub async fn forget(session: Arc<Session>, runs: &Runs, wait: &SignInWait) -> Result<(), IpcError> {
    runs.cancel();
    wait.interrupt(Interruption::Cancelled);
    let loaded = load_from_system();
    let http = HttpClient::system(&loaded.profile).await;
    let ctx = SignInContext::new(&loaded.profile, &http, &session);
    signin::forget(&ctx).await?;
    log::info!("saved sign-in for {} forgotten", loaded.profile.authority);
    Ok(())
}

/// A log line for an outcome: codes and IDs, never token bytes.
fn describe(outcome: &AttemptOutcome) -> String {
    match outcome {
        AttemptOutcome::SignedIn {
            expires_at,
            refresh_token_status,
            ..
        } => {
            format!("signed in; valid until {expires_at:?}; refresh: {refresh_token_status}")
        }
        AttemptOutcome::Refused { error } => format!(
            "refused: {error}; trace {:?}; correlation {:?}; at {:?}",
            error.trace_id, error.correlation_id, error.timestamp
        ),
        AttemptOutcome::Cancelled => "cancelled".to_owned(),
        AttemptOutcome::TimedOut { waited_seconds } => format!("no answer within {waited_seconds} s"),
        AttemptOutcome::Failed(failure) => format!("failed at {}: {}", failure.step, failure.message),
    }
}
