//! The desktop shell: a thin layer that hands the web view's requests to the
//! engine (`doctor`) and streams its progress back.

mod commands;
mod error;
mod navigation;
mod runs;

pub use error::{ErrorKind, IpcError};

use tauri::{Builder, Runtime};

/// Starts the app. `main.rs` calls only this.
pub fn run() {
    let built = run_app(Builder::default()).build(tauri::generate_context!());
    match built {
        Ok(app) => app.run(|_app, _event| {}),
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
        .manage(runs::Runs::default())
        .invoke_handler(tauri::generate_handler![
            commands::list_checks,
            commands::run_checks,
            commands::cancel_run,
            commands::get_profile,
            commands::save_settings,
            commands::copy_text,
        ])
}

#[cfg(test)]
mod tests;
