//! The desktop shell: a thin layer that hands the web view's requests to the
//! engine (`doctor`) and streams its progress back.

mod about;
mod background;
mod browser;
mod commands;
mod desktop;
mod error;
mod helpdesk_lookup;
mod inspector;
mod log_file;
mod logging;
mod navigation;
mod packet;
mod painting;
mod runs;
mod sign_in;
mod user_packet;

pub use error::{ErrorKind, IpcError};

use tauri::{Builder, Runtime};

/// Starts the app. `main.rs` calls only this.
pub fn run() {
    // Before anything else, while this is the only thread (see painting.rs).
    let painting = painting::apply();
    // The logger is process-wide, and one instance is a desktop matter, so
    // only the real app installs them (tests build many apps).
    let builder = desktop::plugins(Builder::default()).plugin(logging::plugin());
    let built = run_app(builder).build(tauri::generate_context!());
    match built {
        Ok(app) => {
            logging::make_private(app.handle());
            if let Some(painting) = painting {
                log::info!("the window paints with {painting}");
            }
            // A packet file double-clicked: its path is this launch's argument.
            let args: Vec<String> = std::env::args().collect();
            let cwd = std::env::current_dir().unwrap_or_default();
            packet::from_launch(app.handle(), &args, &cwd);
            desktop::show_main_window_soon(app.handle());
            app.run(|_app, _event| {
                // macOS hands a double-clicked file over as an event, not an argument.
                #[cfg(target_os = "macos")]
                if let tauri::RunEvent::Opened { urls } = _event {
                    let paths = urls.iter().filter_map(|u| u.to_file_path().ok()).collect();
                    if let Some(packets) = tauri::Manager::try_state::<packet::OpenedPackets>(_app) {
                        packets.hand_over(paths);
                    }
                }
            })
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
    let help_desk = std::sync::Arc::new(helpdesk_lookup::HelpDesk::default());
    builder
        .plugin(navigation::guard())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(runs::Runs::default())
        .manage(std::sync::Arc::new(doctor::signin::Session::default()))
        .manage(sign_in::SignInWait::default())
        .manage(help_desk.clone())
        .manage(packet::OpenedPackets::new(help_desk))
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
            commands::open_packet,
            commands::read_packet,
            commands::watch_opened_packets,
            commands::look_up_as_help_desk,
            commands::cancel_help_desk_lookup,
            commands::forget_help_desk_sign_in,
            commands::copy_help_desk_answer,
        ])
}

#[cfg(test)]
mod page_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
#[path = "ui_bundle.rs"]
mod ui_bundle;
