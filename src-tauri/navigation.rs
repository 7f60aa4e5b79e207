//! The web view shows only the app's own pages. Sign-in happens in the
//! system browser (RFC 8252 §8.12: native apps must not use embedded
//! user-agents), so any navigation elsewhere is refused.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Runtime, Url};

pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|_webview, url| is_app_page(url))
        .build()
}

/// The app's own origin: `tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows.
pub fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_app_page;

    #[test]
    fn only_the_apps_own_origin_is_allowed() {
        let allowed = [
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "https://tauri.localhost/x",
        ];
        for url in allowed {
            assert!(is_app_page(&url.parse().expect("url")), "{url}");
        }
        let refused = [
            "https://login.microsoftonline.com/",
            "http://127.0.0.1:4000/",
            "https://tauri.localhost.evil.example/",
            "tauri://evil/",
            "file:///etc/passwd",
            "javascript:alert(1)",
        ];
        for url in refused {
            assert!(!is_app_page(&url.parse().expect("url")), "{url}");
        }
    }
}
