//! The system browser, through Tauri's opener (xdg-open on Linux, which
//! honours $BROWSER; the default browser on Windows and macOS).

use doctor::signin::BrowserError;
use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;

pub struct SystemBrowser<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> doctor::signin::Browser for SystemBrowser<R> {
    fn open(&self, url: &str) -> Result<(), BrowserError> {
        let page = doctor::signin::web_page(url)?;
        self.0
            .opener()
            .open_url(page.as_str(), None::<&str>)
            .map_err(BrowserError::new)
    }
}
