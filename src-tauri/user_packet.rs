//! The user's own packet, for "Copy for help-desk" and "Export…": built
//! from the last run, the last sign-in, any error the user had explained
//! and the device facts, copied to the clipboard or saved as Markdown, HTML
//! or JSON. (Help-desk mode, which reads such a packet, is `packet.rs` and
//! `helpdesk_lookup.rs`.)

use crate::error::IpcError;
use crate::runs::Runs;
use doctor::clock::system_now;
use doctor::profile::load_from_system;
use doctor::report::{gather, save, Format, Gathered};
use doctor::signin::Session;
use doctor::AppError;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;

/// Each device tool (dsregcmd, app-sso…) gets this long.
const DEVICE_TOOL_BOUND: Duration = Duration::from_secs(3);

async fn gather_now(runs: &Runs, session: &Session, pasted: Option<&str>) -> Gathered {
    let profile = load_from_system().profile;
    gather(
        &profile,
        runs.last_summary(),
        session.last_attempt(),
        pasted,
        DEVICE_TOOL_BOUND,
    )
    .await
}

pub async fn copy<R: Runtime>(
    app: &AppHandle<R>,
    runs: &Runs,
    session: &Session,
    mask_personal: bool,
    pasted: Option<&str>,
) -> Result<String, IpcError> {
    let gathered = gather_now(runs, session, pasted).await;
    let text = Format::Markdown.render(&gathered.packet(system_now()(), mask_personal));
    app.clipboard().write_text(text.clone()).map_err(AppError::clipboard)?;
    log::info!(
        "help-desk packet copied ({} characters, personal details masked: {mask_personal})",
        text.len()
    );
    Ok(text)
}

/// Asks where to save, then writes the packet in the format the file name
/// says. `None` when the user cancelled the dialog.
pub async fn export<R: Runtime>(
    app: &AppHandle<R>,
    runs: &Runs,
    session: &Session,
    mask_personal: bool,
    pasted: Option<&str>,
) -> Result<Option<String>, IpcError> {
    let gathered = gather_now(runs, session, pasted).await;
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let mut dialog = app.dialog().file();
    // Start where people keep documents, not wherever the app was started from.
    if let Some(folder) = app.path().document_dir().ok().or_else(|| app.path().home_dir().ok()) {
        dialog = dialog.set_directory(folder);
    }
    dialog
        .set_title("Export the help-desk report")
        .set_file_name("sign-in-doctor-report.md")
        .add_filter("Markdown", &["md"])
        .add_filter("Web page (HTML)", &["html"])
        .add_filter("JSON", &["json"])
        .add_filter("Sign-in Doctor packet (opens in Sign-in Doctor)", &["signindoctor"])
        .save_file(move |chosen| {
            let _ = sender.send(chosen);
        });
    let chosen = receiver.await.map_err(|_| AppError::DialogClosed)?;
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(AppError::location)?;
    let saved = write_packet(&path, &gathered, mask_personal)?;
    Ok(Some(saved.display().to_string()))
}

/// Writes the packet to `path` (".md" added when it has no extension).
pub fn write_packet(path: &Path, gathered: &Gathered, mask_personal: bool) -> Result<PathBuf, IpcError> {
    let (path, format) = save(path, gathered, system_now()(), mask_personal)?;
    log::info!("help-desk packet exported as {format:?} (personal details masked: {mask_personal})");
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[tokio::test]
    async fn export_writes_the_format_the_name_asks_for() {
        let dir = tempfile::tempdir().expect("test setup");
        let runs = Runs::default();
        let session = Session::default();
        let gathered = gather_now(
            &runs,
            &session,
            Some("AADSTS53003: blocked. Trace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"),
        )
        .await;

        let md = write_packet(&dir.path().join("report"), &gathered, true).expect("test setup");
        assert_eq!(md.extension().expect("test setup"), "md");
        assert!(std::fs::read_to_string(&md)
            .expect("test setup")
            .contains("AADSTS53003"));

        let html = write_packet(&dir.path().join("report.html"), &gathered, true).expect("test setup");
        assert!(std::fs::read_to_string(html)
            .expect("test setup")
            .starts_with("<!DOCTYPE html>"));

        let json = write_packet(&dir.path().join("report.json"), &gathered, true).expect("test setup");
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(json).expect("test setup")).expect("test setup");
        assert_eq!(value["error"]["code"], 53003);
        assert_eq!(value["error"]["trace_id"], "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e");

        let refused = write_packet(&dir.path().join("report.exe"), &gathered, true).unwrap_err();
        assert_eq!(refused.kind, ErrorKind::InvalidInput);
        let unwritable = write_packet(&dir.path().join("no-such-folder/report.md"), &gathered, true).unwrap_err();
        assert_eq!(unwritable.kind, ErrorKind::Io);
    }
}
