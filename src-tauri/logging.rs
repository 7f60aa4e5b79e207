//! The app's log: to stderr and to a file in the OS log folder
//! (~/.local/share/app.signindoctor.desktop/logs on Linux), for help-desk.
//! Only codes, IDs, steps and verdicts are logged; token types redact
//! themselves, and a test greps the file after a real sign-in.

use tauri::plugin::TauriPlugin;
use tauri::Runtime;
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
