//! "Open a log file…": the user picks a log in the native dialog and the
//! engine reads it itself, on a background thread (a 64 MiB log never
//! crosses into the web view), the same way the CLI reads a FILE.

use crate::background::in_background;
use crate::error::IpcError;
use doctor::aadsts::{explain_file, ExplainedFile};
use doctor::AppError;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Asks which log to read, then explains it; `None` when the user cancelled.
pub async fn open_and_explain<R: Runtime>(app: &AppHandle<R>) -> Result<Option<ExplainedFile>, IpcError> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let mut dialog = app.dialog().file();
    // Logs are usually saved in Documents or the home folder.
    if let Some(folder) = app.path().document_dir().ok().or_else(|| app.path().home_dir().ok()) {
        dialog = dialog.set_directory(folder);
    }
    dialog
        .set_title("Open a log file to explain")
        .add_filter("Logs and text", &["log", "txt", "json", "md", "html", "htm", "out"])
        .add_filter("All files", &["*"])
        .pick_file(move |chosen| {
            let _ = sender.send(chosen);
        });
    let chosen = receiver.await.map_err(|_| AppError::OpenDialogClosed)?;
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(AppError::not_a_file)?;
    let explained = in_background(move || explain_file(&path)).await??;
    log::info!(
        "log file explained ({} bytes, code {:?})",
        explained.bytes,
        explained.explanation.code
    );
    Ok(Some(explained))
}
