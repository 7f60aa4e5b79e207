//! Opening the system browser (RFC 8252 §8.12: never an embedded web view).
//! The desktop app opens it through Tauri's opener, the CLI through the
//! OS; both honour `$BROWSER` on Linux.

use std::fmt;

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
