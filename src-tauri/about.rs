//! The About box's facts, all from the build's own metadata (Cargo.toml and
//! tauri.conf.json), so they cannot drift from the installer's.

use doctor::AppError;
use serde::Serialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;

/// The help page: the project's README, from Cargo.toml's `homepage`.
pub const HELP_PAGE: &str = env!("CARGO_PKG_HOMEPAGE");

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct About {
    pub name: String,
    pub version: String,
    pub licence: &'static str,
    pub help_page: &'static str,
}

pub fn about<R: Runtime>(app: &AppHandle<R>) -> About {
    let info = app.package_info();
    About {
        name: info.name.clone(),
        version: info.version.to_string(),
        licence: env!("CARGO_PKG_LICENSE"),
        help_page: HELP_PAGE,
    }
}

/// Opens the help page in the system browser; the web view never loads
/// remote pages (see navigation.rs). The address is fixed here, never taken
/// from the web view.
pub fn open_help_page<R: Runtime>(app: &AppHandle<R>) -> Result<(), AppError> {
    app.opener()
        .open_url(HELP_PAGE, None::<&str>)
        .map_err(AppError::help_page)
}
