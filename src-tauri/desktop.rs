//! How the app behaves as a desktop program: one instance (a second launch
//! hands its packet file to the first), the window where the user left it,
//! and shown once its page has loaded. Only the real app registers these
//! (`run()`); command-layer tests build many apps in one process and need
//! none of them.

use std::time::Duration;
use tauri::webview::PageLoadEvent;
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
        // The window starts hidden (tauri.conf.json). WebKitGTK, drawing a
        // window whose page is still loading, blocks the UI thread for up to
        // half a second waiting for the page's first frame: in 4 of 9
        // launches the window appeared ~500 ms late (issue 15).
        .on_page_load(|webview, payload| {
            if payload.event() == PageLoadEvent::Finished {
                let _ = webview.window().show();
            }
        })
}

/// If the page never finishes loading, the window still appears: a window
/// that never shows looks like a crash.
pub const SHOW_ANYWAY_AFTER: Duration = Duration::from_secs(3);

pub fn show_main_window_soon<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(SHOW_ANYWAY_AFTER);
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.show();
        }
    });
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
