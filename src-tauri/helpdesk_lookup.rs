//! Sign in as help-desk, then look up the sign-in the packet names: the
//! saved help-desk session when there is one (its own keychain entry, never
//! the user-side one), else the system browser; then the engine's lookup
//! (`doctor::helpdesk::lookup`), streaming its progress, and the answer
//! kept for Copy answer.

use crate::browser::SystemBrowser;
use crate::error::{ErrorKind, IpcError};
use doctor::helpdesk::packet::{answer_markdown, marked_answer, PacketError, PacketReading};
use doctor::helpdesk::{
    self, graph_target, helpdesk_profile, LookupAnswer, LookupContext, LookupInput, LookupLimits, Problem, ProblemKind,
};
use doctor::network::HttpClient;
use doctor::profile::load_from_system;
use doctor::signin::{self, Interruption, Prompt, Session, SignInContext, SignInProgress};
use doctor::AppError;
use serde_json::{json, Value};
use std::sync::{Mutex, PoisonError};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tokio::sync::watch;

/// Help-desk mode's state: the packet read last, the lookup in flight and its answer.
#[derive(Default)]
pub struct HelpDesk {
    /// The help-desk sign-in: a session of its own, apart from the user-side one.
    session: Session,
    // Each held only to swap a value, never across an await.
    reading: Mutex<Option<PacketReading>>,
    answer: Mutex<Option<LookupAnswer>>,
    cancel: Mutex<Option<watch::Sender<bool>>>,
}

impl HelpDesk {
    /// The packet the window shows now (None after a packet that could not be read).
    pub fn set_reading(&self, reading: Option<PacketReading>) {
        *self.reading.lock().unwrap_or_else(PoisonError::into_inner) = reading;
    }

    /// Cancel: ends the sign-in wait or the lookup. Whether one was running.
    pub fn cancel(&self) -> bool {
        let sender = self.cancel.lock().unwrap_or_else(PoisonError::into_inner).take();
        sender.is_some_and(|s| s.send(true).is_ok())
    }

    fn begin(&self) -> Option<watch::Receiver<bool>> {
        let mut slot = self.cancel.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.as_ref().is_some_and(|s| !s.is_closed()) {
            return None;
        }
        let (sender, receiver) = watch::channel(false);
        *slot = Some(sender);
        Some(receiver)
    }
}

async fn cancelled(mut receiver: watch::Receiver<bool>) {
    // A dropped sender (the lookup ended) is not a cancel: wait forever then.
    if receiver.wait_for(|c| *c).await.is_err() {
        std::future::pending::<()>().await;
    }
}

fn failed(problem: Problem) -> LookupAnswer {
    LookupAnswer {
        problem: Some(problem),
        ..LookupAnswer::default()
    }
}

/// Sign in as help-desk and look the packet's sign-in up. The answer is the
/// window's view of it (`marked_answer`); a problem is part of the answer.
pub async fn look_up<R: Runtime>(
    app: AppHandle<R>,
    desk: &HelpDesk,
    progress: Channel<Value>,
) -> Result<Value, IpcError> {
    let reading = desk
        .reading
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .ok_or(PacketError::NoneOpen)?;
    let cancel = desk.begin().ok_or(AppError::SignInBusy)?;
    let answer = tokio::select! {
        answer = sign_in_and_look_up(app, desk, &reading, &progress) => answer,
        () = cancelled(cancel) => return Err(IpcError::new(ErrorKind::Cancelled, "Cancelled.")),
    };
    desk.cancel();
    log::info!(
        "help-desk lookup ended: found {}, {} blocking policies, problem {:?}",
        answer.found,
        answer.blocking_policies.len(),
        answer.problem.as_ref().map(|p| p.kind)
    );
    let shown = marked_answer(&answer);
    *desk.answer.lock().unwrap_or_else(PoisonError::into_inner) = Some(answer);
    Ok(shown)
}

async fn sign_in_and_look_up<R: Runtime>(
    app: AppHandle<R>,
    desk: &HelpDesk,
    reading: &PacketReading,
    progress: &Channel<Value>,
) -> LookupAnswer {
    let send = |value: Value| {
        let _ = progress.send(value);
    };
    let profile = helpdesk_profile(&load_from_system().profile);
    let input = LookupInput::from_packet(reading, true);
    let authority = input.authority.clone().unwrap_or_else(|| profile.authority.to_string());
    // A cloud without sign-in logs is said before anyone signs in.
    if let Err(problem) = graph_target(&authority, profile.graph_url.as_ref()) {
        return failed(problem);
    }
    let http = HttpClient::system(&profile).await;
    let ctx = SignInContext::new(&profile, &http, &desk.session);
    let tokens = match helpdesk::resume_saved(&ctx).await {
        Some(tokens) => {
            send(json!({"kind": "signed_in", "saved": true}));
            tokens
        }
        None => {
            let browser = SystemBrowser(app);
            let report = |stage: SignInProgress| {
                send(match stage {
                    SignInProgress::WaitingForBrowser { timeout_seconds, .. } => {
                        json!({"kind": "waiting_for_browser", "timeout_seconds": timeout_seconds})
                    }
                    SignInProgress::ExchangingCode => json!({"kind": "exchanging_code"}),
                    SignInProgress::DeviceCodeShown { .. } => json!({"kind": "device_code_shown"}),
                })
            };
            let never = std::future::pending::<Interruption>();
            let attempt = signin::reauthenticate(&ctx, &browser, Prompt::SelectAccount, report, never).await;
            if let Some(problem) = Problem::from_help_desk_sign_in(&attempt.outcome) {
                return failed(problem);
            }
            match desk.session.tokens() {
                Some(tokens) => {
                    send(json!({"kind": "signed_in", "saved": false}));
                    tokens
                }
                None => {
                    return failed(Problem::new(
                        ProblemKind::Unreachable,
                        "The help-desk sign-in did not complete: no tokens came back.",
                    ))
                }
            }
        }
    };
    let lookup = LookupContext {
        profile: &profile,
        http: &http,
        token: tokens.access_token.clone(),
        granted_scopes: tokens.scopes.clone(),
        now: doctor::clock::system_now(),
        limits: LookupLimits::default(),
    };
    helpdesk::lookup(&lookup, &input, |p| {
        send(serde_json::to_value(p).unwrap_or(Value::Null))
    })
    .await
}

/// Copy answer: the last answer as Markdown for the ticket; in presenter
/// mode every personal value is masked (`packet::answer_markdown`).
pub fn copy_answer<R: Runtime>(app: &AppHandle<R>, desk: &HelpDesk, mask_personal: bool) -> Result<String, IpcError> {
    let answer = desk.answer.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let answer = answer.ok_or_else(|| IpcError::new(ErrorKind::InvalidInput, "There is no answer to copy yet."))?;
    let text = answer_markdown(&answer, mask_personal);
    app.clipboard().write_text(text.clone()).map_err(AppError::clipboard)?;
    log::info!(
        "help-desk answer copied ({} characters, personal details masked: {mask_personal})",
        text.len()
    );
    Ok(text)
}
