//! "Copy for help-desk": the packet, built from the last run, the last
//! sign-in and any error the user had explained, copied to the clipboard.

use crate::error::{ErrorKind, IpcError};
use crate::runs::Runs;
use doctor::aadsts::explain;
use doctor::clock::system_now;
use doctor::profile::load_from_system;
use doctor::report::{markdown, Packet};
use doctor::signin::Session;
use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;

pub fn copy<R: Runtime>(
    app: &AppHandle<R>,
    runs: &Runs,
    session: &Session,
    mask_personal: bool,
    pasted: Option<&str>,
) -> Result<String, IpcError> {
    let profile = load_from_system().profile;
    let run = runs.last_summary();
    let attempt = session.last_attempt();
    let explanation = pasted.filter(|t| !t.trim().is_empty()).map(explain);
    let text = markdown(&Packet {
        generated_at: system_now()(),
        authority: profile.authority.to_string(),
        client_id: profile.client_id.clone(),
        run: run.as_ref(),
        attempt: attempt.as_ref(),
        pasted: explanation.as_ref(),
        mask_personal,
    });
    app.clipboard()
        .write_text(text.clone())
        .map_err(|e| IpcError::new(ErrorKind::Io, format!("Could not copy to the clipboard: {e}")))?;
    log::info!(
        "help-desk packet copied ({} characters, personal details masked: {mask_personal})",
        text.len()
    );
    Ok(text)
}
