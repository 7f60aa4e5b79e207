//! The app's log: to stderr and to a file in the OS log folder
//! (~/.local/share/app.signindoctor.desktop/logs on Linux), for help-desk.
//! Only codes, IDs, steps and verdicts are logged; token types redact
//! themselves, and a test greps the file after a real sign-in.

use tauri::plugin::TauriPlugin;
use tauri::{Manager, Runtime};
use tauri_plugin_log::{Target, TargetKind};

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .level(log::LevelFilter::Info)
        .targets([
            Target::new(TargetKind::Stderr),
            Target::new(TargetKind::LogDir { file_name: None }),
        ])
        .build()
}

/// Makes the log private (folder 0700, files 0600 on Unix) once the plugin
/// has opened it: it names the authority, the client and the attempts.
pub fn make_private<R: Runtime>(app: &tauri::AppHandle<R>) {
    let Ok(dir) = app.path().app_log_dir() else {
        return;
    };
    if let Err(e) = doctor::store::create_private_dir(&dir) {
        log::warn!("the log folder {} could not be made private: {e}", dir.display());
        return;
    }
    for file in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if let Err(e) = doctor::store::make_private(&file.path()) {
            log::warn!("the log file {} could not be made private: {e}", file.path().display());
        }
    }
}
