//! Sign in as help-desk, then look up the sign-in the packet names: the
//! engine's journey (`doctor::helpdesk::sign_in_and_look_up`) with the
//! system browser, its progress streamed as it words it, Cancel as its
//! interrupt, and the answer kept for Copy answer.

use crate::browser::SystemBrowser;
use crate::error::{ErrorKind, IpcError};
use doctor::helpdesk::packet::{answer_markdown, marked_answer, PacketError, PacketReading};
use doctor::helpdesk::{self, HelpDeskContext, HelpDeskProgress, LookupAnswer, LookupInput, SignInWay};
use doctor::profile::{load_from_system, Profile};
use doctor::signin::Session;
use doctor::store::{Keychain, TokenStore};
use doctor::AppError;
use serde_json::Value;
use std::sync::{Arc, Mutex, PoisonError};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tokio::sync::watch;

/// Help-desk mode's state: the packet read last, the lookup in flight and its answer.
pub struct HelpDesk {
    /// The help-desk sign-in: a session of its own, apart from the user-side one.
    session: Session,
    /// Where its refresh token is kept: the OS keychain (a test's stand-in in tests).
    token_store: Arc<dyn TokenStore>,
    // Each held only to swap a value, never across an await.
    reading: Mutex<Option<PacketReading>>,
    answer: Mutex<Option<LookupAnswer>>,
    cancel: Mutex<Option<watch::Sender<bool>>>,
}

impl Default for HelpDesk {
    fn default() -> Self {
        Self::with_token_store(Arc::new(Keychain))
    }
}

impl HelpDesk {
    pub fn with_token_store(token_store: Arc<dyn TokenStore>) -> Self {
        Self {
            session: Session::default(),
            token_store,
            reading: Mutex::default(),
            answer: Mutex::default(),
            cancel: Mutex::default(),
        }
    }

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

/// Sign in as help-desk and look the packet's sign-in up. The answer is the
/// window's view of it (`marked_answer`); a problem is part of the answer.
pub async fn look_up<R: Runtime>(
    app: AppHandle<R>,
    desk: &HelpDesk,
    progress: Channel<HelpDeskProgress>,
) -> Result<Value, IpcError> {
    let reading = desk
        .reading
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .ok_or(PacketError::NoneOpen)?;
    let cancel = desk.begin().ok_or(AppError::SignInBusy)?;
    let user_side = load_from_system().profile;
    let ctx = HelpDeskContext {
        token_store: desk.token_store.clone(),
        ..HelpDeskContext::new(&user_side, &desk.session)
    };
    let input = LookupInput::from_packet(&reading, true);
    let browser = SystemBrowser(app);
    let answer = helpdesk::sign_in_and_look_up(&ctx, &input, SignInWay::Browser(&browser), cancelled(cancel), |p| {
        let _ = progress.send(p);
    })
    .await;
    desk.cancel();
    let answer = answer.map_err(|cancelled| IpcError::new(ErrorKind::Cancelled, cancelled.to_string()))?;
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

/// Forget for help-desk mode: ends a lookup in flight (so its sign-in saves
/// nothing back), then deletes the help-desk sign-in from memory and the
/// keychain. The words come from the engine.
pub async fn forget(desk: &HelpDesk, user_side: &Profile) -> Result<String, IpcError> {
    desk.cancel();
    let words = helpdesk::forget_help_desk_sign_in(user_side, &desk.session, desk.token_store.clone()).await?;
    log::info!("saved help-desk sign-in for {} forgotten", user_side.authority);
    Ok(words)
}
