//! How the app behaves as a desktop program: one instance (a second launch
//! hands its packet file to the first), and the window where the user left
//! it. Only the real app registers these (`run()`); command-layer tests
//! build many apps in one process and need neither.

use tauri::{AppHandle, Builder, Manager, Runtime};
use tauri_plugin_window_state::StateFlags;

/// Single-instance must be the first plugin registered, so a second launch
/// exits before anything else starts.
pub fn plugins<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            // A packet file double-clicked while the app runs: the running window opens it.
            crate::packet::from_launch(app, &args, std::path::Path::new(&cwd));
            focus_main_window(app)
        }))
        .plugin(
            tauri_plugin_window_state::Builder::new()
                // Size, place and maximised, but never hidden or full screen:
                // a window restored off-screen or invisible looks like a crash.
                .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
                .build(),
        )
}

/// A second launch brings the running window forward instead of opening another.
fn focus_main_window<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    // Each step may fail on some desktops (focus stealing prevention); the window is still there.
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}
