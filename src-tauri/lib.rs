//! The desktop shell: a thin layer that hands the web view's requests to the
//! engine (`doctor`) and streams its progress back.

mod about;
mod background;
mod browser;
mod commands;
mod desktop;
mod error;
mod help_desk;
mod inspector;
mod log_file;
mod logging;
mod navigation;
mod runs;
mod sign_in;

pub use error::{ErrorKind, IpcError};

use tauri::{Builder, Runtime};

/// Starts the app. `main.rs` calls only this.
pub fn run() {
    // The logger is process-wide, and one instance is a desktop matter, so
    // only the real app installs them (tests build many apps).
    let builder = desktop::plugins(Builder::default()).plugin(logging::plugin());
    let built = run_app(builder).build(tauri::generate_context!());
    match built {
        Ok(app) => {
            logging::make_private(app.handle());
            app.run(|_app, _event| {})
        }
        Err(e) => {
            eprintln!("Sign-in Doctor could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// Everything the app registers, on any runtime, so command-layer tests can
/// use `tauri::test::mock_builder()`.
pub fn run_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(navigation::guard())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(runs::Runs::default())
        .manage(std::sync::Arc::new(doctor::signin::Session::default()))
        .manage(sign_in::SignInWait::default())
        .invoke_handler(tauri::generate_handler![
            commands::list_checks,
            commands::run_checks,
            commands::cancel_run,
            commands::get_profile,
            commands::save_settings,
            commands::copy_text,
            commands::reauthenticate,
            commands::sign_in_on_another_device,
            commands::cancel_sign_in,
            commands::paste_sign_in_error,
            commands::forget_me,
            commands::inspect_token,
            commands::inspect_session_token,
            commands::reveal_session_token,
            commands::explain_error,
            commands::explain_log_file,
            commands::copy_help_desk_packet,
            commands::export_help_desk_packet,
            commands::list_history,
            commands::about,
            commands::open_help_page,
        ])
}

#[cfg(test)]
mod page_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
#[path = "ui_bundle.rs"]
mod ui_bundle;
