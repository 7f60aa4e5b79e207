//! The commands the web view may call: one line each into the engine.

use crate::error::{ErrorKind, IpcError};
use crate::runs::Runs;
use doctor::profile::{load_from_system, save_user_settings, ProfileReport};
use doctor::{Check, Diagnosis, ProgressEvent, RunSummary};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

/// The checklist's rows before a run, so the home screen can list them.
#[tauri::command]
pub fn list_checks() -> Vec<Check> {
    Diagnosis::new(load_from_system().profile)
        .probes()
        .iter()
        .map(|p| p.check())
        .collect()
}

/// Runs the checklist on the profile as it is now, streaming each row.
#[tauri::command]
pub async fn run_checks(
    runs: State<'_, Runs>,
    on_event: Channel<ProgressEvent>,
) -> Result<RunSummary, IpcError> {
    runs.start(Diagnosis::new(load_from_system().profile), on_event)
        .await
}

#[tauri::command]
pub fn cancel_run(runs: State<'_, Runs>) -> bool {
    runs.cancel()
}

#[tauri::command]
pub fn get_profile() -> ProfileReport {
    ProfileReport::from(&load_from_system())
}

/// One field of the Settings form. An empty value removes it from the file.
#[derive(Debug, Deserialize)]
pub struct SettingEdit {
    pub key: String,
    pub value: String,
}

#[tauri::command]
pub fn save_settings(edits: Vec<SettingEdit>) -> Result<ProfileReport, IpcError> {
    let edits: Vec<(String, String)> = edits.into_iter().map(|e| (e.key, e.value)).collect();
    Ok(ProfileReport::from(&save_user_settings(&edits)?))
}

#[tauri::command]
pub fn copy_text<R: Runtime>(app: AppHandle<R>, text: String) -> Result<(), IpcError> {
    app.clipboard().write_text(text).map_err(|e| {
        IpcError::new(
            ErrorKind::Io,
            format!("Could not copy to the clipboard: {e}"),
        )
    })
}
