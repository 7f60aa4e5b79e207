//! The interactive sign-in as the window drives it: one at a time, with
//! Cancel and "paste the error page's details" able to end the wait.

use crate::browser::SystemBrowser;
use crate::error::{ErrorKind, IpcError};
use doctor::network::HttpClient;
use doctor::profile::load_from_system;
use doctor::signin::{self, Attempt, Browser, Interruption, Outcome, Prompt, Session, SignInContext, SignInProgress};
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
    progress: Channel<SignInProgress>,
) -> Result<Attempt, IpcError> {
    let (sender, receiver) = oneshot::channel();
    if !wait.begin(sender) {
        return Err(IpcError::new(
            ErrorKind::Busy,
            "A sign-in is already waiting for the browser. Finish it there, or cancel it first.",
        ));
    }
    let loaded = load_from_system();
    let http = HttpClient::system(&loaded.profile).await;
    let ctx = SignInContext::new(&loaded.profile, &http, &session);
    let interrupted = async { receiver.await.unwrap_or(Interruption::Cancelled) };
    let report = |stage: SignInProgress| {
        let _ = progress.send(stage);
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

pub async fn forget(session: Arc<Session>) -> Result<(), IpcError> {
    let loaded = load_from_system();
    let http = HttpClient::system(&loaded.profile).await;
    let ctx = SignInContext::new(&loaded.profile, &http, &session);
    signin::forget(&ctx)
        .await
        .map_err(|e| IpcError::new(ErrorKind::Io, format!("Could not delete the saved sign-in: {e}.")))?;
    log::info!("saved sign-in for {} forgotten", loaded.profile.authority);
    Ok(())
}

/// A log line for an outcome: codes and IDs, never token bytes.
fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::SignedIn {
            expires_at,
            refresh_token_status,
            ..
        } => {
            format!("signed in; valid until {expires_at:?}; refresh: {refresh_token_status}")
        }
        Outcome::Refused { error } => format!(
            "refused: {error}; trace {:?}; correlation {:?}; at {:?}",
            error.trace_id, error.correlation_id, error.timestamp
        ),
        Outcome::Cancelled => "cancelled".to_owned(),
        Outcome::TimedOut { waited_seconds } => format!("no answer within {waited_seconds} s"),
        Outcome::Failed { step, message } => format!("failed at {step}: {message}"),
    }
}
