//! Opening the system browser (RFC 8252 §8.12: never an embedded web view).
//! The desktop app opens it through Tauri's opener, the CLI through the
//! OS; both honour `$BROWSER` on Linux.

use crate::network::web_address::is_web_address;
use std::fmt;
use url::Url;

pub trait Browser: Send + Sync {
    fn open(&self, url: &str) -> Result<(), BrowserError>;
}

/// The browser did not start; the reason is the operating system's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BrowserError(String);

impl BrowserError {
    pub fn new(reason: impl fmt::Display) -> Self {
        Self(reason.to_string())
    }
}

/// Only web pages go to the OS opener: `https`, or `http` to this computer
/// (RFC 8252 §8.12: the system browser, for the authorization page). A
/// `file:` path or a custom scheme (`ms-settings:`, `smb:`…) would start
/// some other program, so it is refused before the opener sees it.
pub fn web_page(url: &str) -> Result<Url, BrowserError> {
    match Url::parse(url) {
        Ok(parsed) if is_web_address(&parsed) => Ok(parsed),
        _ => Err(BrowserError::new(format!(
            "refused to open \"{url}\": only https addresses (or http on this computer) are opened in the browser"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_pages_reach_the_opener() {
        assert!(web_page("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?x=1").is_ok());
        assert!(web_page("http://127.0.0.1:4000/auth").is_ok());
        for bad in [
            "file:///etc/passwd",
            "ms-settings:windowsupdate",
            "javascript:alert(1)",
            "http://evil.example/",
            "",
        ] {
            let refused = web_page(bad).expect_err(bad);
            assert!(refused.to_string().contains("refused to open"), "{refused}");
        }
    }
}
