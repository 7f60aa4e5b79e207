//! The commands the web view may call: one line each into the engine.
//! Tauri runs a plain `fn` command on the main thread, so only commands that
//! answer from memory at once are plain; file reads, tools and scans of a
//! paste run in the background (a test pins this).

use crate::background::in_background;
use crate::error::IpcError;
use crate::helpdesk_lookup::{self, HelpDesk};
use crate::inspector;
use crate::packet::{self, OpenedPacket, OpenedPackets};
use crate::runs::Runs;
use crate::sign_in::{self, SignInWait, Way};
use crate::user_packet;
use doctor::profile::{load_from_system, save_user_settings, ProfileReport};
use doctor::signin::{Attempt, Interruption, Prompt, Session, WhichToken};
use doctor::{AppError, Check, Diagnosis, ProgressEvent, RunSummary};
use serde::Deserialize;
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

/// The checklist's rows before a run, so the home screen can list them.
#[tauri::command]
pub async fn list_checks() -> Result<Vec<Check>, IpcError> {
    in_background(|| {
        Diagnosis::new(load_from_system().profile)
            .probes()
            .iter()
            .map(|p| p.check())
            .collect()
    })
    .await
}

/// Runs the checklist on the profile as it is now, streaming each row.
#[tauri::command]
pub async fn run_checks(
    runs: State<'_, Runs>,
    session: State<'_, Arc<Session>>,
    on_event: Channel<ProgressEvent>,
) -> Result<RunSummary, IpcError> {
    runs.start(
        Diagnosis::new(load_from_system().profile).with_session(session.inner().clone()),
        on_event,
    )
    .await
}

/// Drops the profile's cached tokens and signs in again in the system browser.
#[tauri::command]
pub async fn reauthenticate<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Arc<Session>>,
    wait: State<'_, SignInWait>,
    prompt: Prompt,
    on_progress: Channel<sign_in::ShownProgress>,
) -> Result<Attempt, IpcError> {
    sign_in::run(Way::browser(app, prompt), session.inner().clone(), &wait, on_progress).await
}

/// Signs in with a code entered on another device (RFC 8628).
#[tauri::command]
pub async fn sign_in_on_another_device(
    session: State<'_, Arc<Session>>,
    wait: State<'_, SignInWait>,
    on_progress: Channel<sign_in::ShownProgress>,
) -> Result<Attempt, IpcError> {
    sign_in::run(Way::DeviceCode, session.inner().clone(), &wait, on_progress).await
}

#[tauri::command]
pub fn cancel_sign_in(wait: State<'_, SignInWait>) -> bool {
    wait.interrupt(Interruption::Cancelled)
}

/// Ends the wait with the details the user copied from the browser's error page.
#[tauri::command]
pub fn paste_sign_in_error(wait: State<'_, SignInWait>, text: String) -> bool {
    wait.interrupt(Interruption::Pasted(text))
}

/// "Forget me": stops any run or sign-in in flight, then deletes the saved
/// sign-in from memory and the keychain.
#[tauri::command]
pub async fn forget_me(
    session: State<'_, Arc<Session>>,
    runs: State<'_, Runs>,
    wait: State<'_, SignInWait>,
) -> Result<(), IpcError> {
    sign_in::forget(session.inner().clone(), &runs, &wait).await
}

#[tauri::command]
pub fn cancel_run(runs: State<'_, Runs>) -> bool {
    runs.cancel()
}

#[tauri::command]
pub async fn get_profile() -> Result<ProfileReport, IpcError> {
    in_background(|| ProfileReport::from(&load_from_system())).await
}

/// One field of the Settings form. An empty value removes it from the file.
#[derive(Debug, Deserialize)]
pub struct SettingEdit {
    pub key: String,
    pub value: String,
}

/// Saves the Settings form; a sign-in made under the settings before is
/// dropped from memory when they changed its authority, tenant or client.
#[tauri::command]
pub async fn save_settings(
    session: State<'_, Arc<Session>>,
    edits: Vec<SettingEdit>,
) -> Result<ProfileReport, IpcError> {
    let edits: Vec<(String, String)> = edits.into_iter().map(|e| (e.key, e.value)).collect();
    let session = session.inner().clone();
    in_background(move || {
        let loaded = save_user_settings(&edits)?;
        session.clear_unless_under(&loaded.profile);
        Ok(ProfileReport::from(&loaded))
    })
    .await?
}

#[tauri::command]
pub async fn copy_text<R: Runtime>(app: AppHandle<R>, text: String) -> Result<(), IpcError> {
    Ok(app.clipboard().write_text(text).map_err(AppError::clipboard)?)
}

/// Decodes a pasted token on this machine.
#[tauri::command]
pub async fn inspect_token(text: String) -> Result<doctor::token::Inspection, IpcError> {
    in_background(move || inspector::pasted(&text)).await?
}

/// The sign-in's own token, decoded (never raw).
#[tauri::command]
pub async fn inspect_session_token(
    session: State<'_, Arc<Session>>,
    which: WhichToken,
) -> Result<doctor::token::Inspection, IpcError> {
    let session = session.inner().clone();
    in_background(move || inspector::from_session(&session, which)).await?
}

/// The sign-in's raw token, only when the user asks to reveal it.
#[tauri::command]
pub async fn reveal_session_token(session: State<'_, Arc<Session>>, which: WhichToken) -> Result<String, IpcError> {
    log::info!("the user revealed the {which:?}");
    inspector::reveal(&session, which)
}

/// Explains any pasted error text (code, name, IDs, who fixes it, steps).
#[tauri::command]
pub async fn explain_error(text: String) -> Result<doctor::aadsts::Explanation, IpcError> {
    in_background(move || doctor::aadsts::explain(&text)).await
}

/// Open a log file…: the native dialog, then the engine reads the file's end
/// and explains it in the background; `None` when the user cancelled.
#[tauri::command]
pub async fn explain_log_file<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<doctor::aadsts::ExplainedFile>, IpcError> {
    crate::log_file::open_and_explain(&app).await
}

/// Copies the help-desk packet to the clipboard and returns it.
#[tauri::command]
pub async fn copy_help_desk_packet<R: Runtime>(
    app: AppHandle<R>,
    runs: State<'_, Runs>,
    session: State<'_, Arc<Session>>,
    mask_personal: bool,
    pasted: Option<String>,
) -> Result<String, IpcError> {
    user_packet::copy(&app, &runs, &session, mask_personal, pasted.as_deref()).await
}

/// Export…: the packet saved where the user chooses; `None` when cancelled.
#[tauri::command]
pub async fn export_help_desk_packet<R: Runtime>(
    app: AppHandle<R>,
    runs: State<'_, Runs>,
    session: State<'_, Arc<Session>>,
    mask_personal: bool,
    pasted: Option<String>,
) -> Result<Option<String>, IpcError> {
    user_packet::export(&app, &runs, &session, mask_personal, pasted.as_deref()).await
}

/// Past runs, newest first; with `code`, only those that named that AADSTS code.
#[tauri::command]
pub async fn list_history(code: Option<u32>) -> Result<Vec<doctor::store::HistoryEntry>, IpcError> {
    in_background(move || Ok(doctor::store::History::list_for_this_user(code)?)).await?
}

/// The About box: name, version, licence and help page.
#[tauri::command]
pub fn about<R: Runtime>(app: AppHandle<R>) -> crate::about::About {
    crate::about::about(&app)
}

/// Opens the help page in the system browser.
#[tauri::command]
pub async fn open_help_page<R: Runtime>(app: AppHandle<R>) -> Result<(), IpcError> {
    Ok(crate::about::open_help_page(&app)?)
}

/// Open packet…: the packet a user sent, chosen in the native open dialog; `None` when cancelled.
#[tauri::command]
pub async fn open_packet<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Arc<HelpDesk>>,
) -> Result<Option<OpenedPacket>, IpcError> {
    packet::open(&app, &desk).await
}

/// A pasted packet, or any error text (through the explainer).
#[tauri::command]
pub async fn read_packet(
    desk: State<'_, Arc<HelpDesk>>,
    text: String,
) -> Result<doctor::helpdesk::packet::PacketReading, IpcError> {
    packet::pasted(text, &desk).await
}

/// The window listens for packet files the system hands the app (a double-click).
#[tauri::command]
pub async fn watch_opened_packets(
    packets: State<'_, OpenedPackets>,
    on_packet: Channel<OpenedPacket>,
) -> Result<(), IpcError> {
    packets.watch(on_packet);
    Ok(())
}

/// Sign in as help-desk, then find the packet's sign-in and say which policy refused it, and why.
#[tauri::command]
pub async fn look_up_as_help_desk<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Arc<HelpDesk>>,
    on_progress: Channel<doctor::helpdesk::HelpDeskProgress>,
) -> Result<serde_json::Value, IpcError> {
    helpdesk_lookup::look_up(app, &desk, on_progress).await
}

/// Forget in help-desk mode: deletes the help-desk sign-in (the user-side one stays).
#[tauri::command]
pub async fn forget_help_desk_sign_in(desk: State<'_, Arc<HelpDesk>>) -> Result<String, IpcError> {
    let user_side = in_background(|| load_from_system().profile).await?;
    helpdesk_lookup::forget(&desk, &user_side).await
}

#[tauri::command]
pub fn cancel_help_desk_lookup(desk: State<'_, Arc<HelpDesk>>) -> bool {
    desk.cancel()
}

/// Copy answer: the last answer as redacted Markdown for the ticket.
#[tauri::command]
pub async fn copy_help_desk_answer<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Arc<HelpDesk>>,
    mask_personal: bool,
) -> Result<String, IpcError> {
    helpdesk_lookup::copy_answer(&app, &desk, mask_personal)
}
