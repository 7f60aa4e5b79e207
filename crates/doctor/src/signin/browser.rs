//! Opening the system browser (RFC 8252 §8.12: never an embedded web view).
//! The desktop app opens it through Tauri's opener, the CLI through the
//! OS; both honour `$BROWSER` on Linux.

pub trait Browser: Send + Sync {
    fn open(&self, url: &str) -> Result<(), String>;
}
