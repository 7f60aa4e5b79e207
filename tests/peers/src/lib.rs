//! Real peers for the tests, all on 127.0.0.1, each stopped when dropped.
//!
//! - [`OidcProvider`]: npm `oidc-provider` (see `oidc/server.mjs`).
//! - [`SilentServer`]: accepts connections and never answers, to test time bounds.
//! - headless Chromium as the system browser (`headless-browser.sh`).
//! - [`OneShotHttpServer`]: answers every request with one fixed HTTP response,
//!   for fault injection (HTTP 500, an HTML page, the wrong JSON).

mod browser;
mod oidc;
mod oneshot;
mod silent;

pub use browser::{
    headless_browser_script, headless_chromium_as_default_browser, open_in_headless_chromium, real_session_available,
};
pub use oidc::OidcProvider;
pub use oneshot::OneShotHttpServer;
pub use silent::SilentServer;

use std::net::TcpListener;

/// A loopback port that was free a moment ago and is now closed, so
/// connecting to it is refused.
pub fn closed_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
