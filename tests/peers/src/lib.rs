//! Real peers for the tests, all on 127.0.0.1, each stopped when dropped.
//!
//! - [`OidcProvider`]: npm `oidc-provider` (see `oidc/server.mjs`).
//! - [`SilentServer`]: accepts connections and never answers, to test time bounds.
//! - headless Chromium as the system browser (`headless-browser.sh`).
//! - [`ChronyServer`]: chronyd (`-x`, never touching this machine's clock) serving
//!   NTP on a loopback port, its clock shifted with libfaketime.
//! - [`ShiftedHttpServer`]: an HTTP server whose `Date` header is shifted.
//! - [`BadNtpServer`]: answers SNTP requests with broken packets.
//! - [`OneShotHttpServer`]: answers every request with one fixed HTTP response,
//!   for fault injection (HTTP 500, an HTML page, the wrong JSON).

mod bad_ntp;
mod browser;
mod chrony;
mod oidc;
mod oneshot;
mod shifted_http;
mod silent;

pub use bad_ntp::{BadNtpAnswer, BadNtpServer};
pub use browser::{
    headless_browser_script, headless_chromium_as_default_browser, open_in_headless_chromium, real_session_available,
};
pub use chrony::{chrony_available, chronyd_path, libfaketime_path, ChronyServer};
pub use oidc::OidcProvider;
pub use oneshot::OneShotHttpServer;
pub use shifted_http::ShiftedHttpServer;
pub use silent::SilentServer;

use std::net::TcpListener;

/// A loopback port that was free a moment ago and is now closed, so
/// connecting to it is refused.
pub fn closed_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
