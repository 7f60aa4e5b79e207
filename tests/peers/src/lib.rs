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
//!   for fault injection (HTTP 500, an HTML page, the wrong JSON), a
//!   captive-portal redirect, the status feed; optionally after a delay.
//! - [`GraphFlood`]: fault injection, a hostile Graph whose pages hold tens of thousands of entries.
//! - [`GraphServer`]: Microsoft Graph's sign-in logs, Conditional Access policies and
//!   What If for help-desk mode, from a fixture tenant, verifying the provider's tokens.
//! - [`ForwardProxy`]: an HTTP proxy (CONNECT tunnels and forwarded requests) that logs where it carried traffic.
//! - [`InspectingTlsServer`]: TLS with a certificate from a CA made on the
//!   spot, as a TLS-inspecting middlebox presents.
//! - [`TricklingServer`]: answers one byte a second.
//! - [`long_log`]: an `az login --debug`-style log of any size whose last line is an AADSTS53003 error.
//! - [`cli_command`]: the CLI under test, the Linux build or the Windows one under Wine.
//! - [`AZURE_STATUS_FEED`]: a status feed in the Azure status RSS format,
//!   with one Entra incident and one unrelated incident.

mod accept_loop;
mod bad_ntp;
mod browser;
mod chrony;
mod cli_under_test;
mod forward_proxy;
mod graph;
mod graph_like;
mod long_log;
mod oidc;
mod oneshot;
mod shifted_http;
mod silent;
mod slow;
mod tls_server;

pub use bad_ntp::{BadNtpAnswer, BadNtpServer};
pub use browser::{
    headless_browser_script, headless_chromium_as_default_browser, open_in_headless_chromium, real_keychain_available,
    real_session_available,
};
pub use chrony::{chrony_available, chronyd_path, libfaketime_path, ChronyServer};
pub use cli_under_test::{cli_command, testing_the_windows_build, CLI_UNDER_WINE};
pub use forward_proxy::ForwardProxy;
pub use graph::{
    fixtures as graph_fixtures, GraphFlood, GraphServer, GraphTenant, SeenRequest, Throttle, GRAPH_AUDIENCE,
};
pub use graph_like::{GraphAnswer, GraphLikeServer};
pub use long_log::{long_log, LOG_CORRELATION_ID, LOG_LAST_LINE, LOG_TIMESTAMP, LOG_TRACE_ID};
pub use oidc::OidcProvider;
pub use oneshot::OneShotHttpServer;
pub use shifted_http::ShiftedHttpServer;
pub use silent::SilentServer;
pub use slow::TricklingServer;
pub use tls_server::InspectingTlsServer;

/// The sample Azure status feed (tests/peers/feeds/azure-status.xml).
pub const AZURE_STATUS_FEED: &str = include_str!("../feeds/azure-status.xml");

use std::net::TcpListener;

/// Settings that keep a whole-checklist run on 127.0.0.1 when a test names
/// no peer of its own: time servers, the status feed and the captive-portal
/// test at closed loopback ports, and no proxy (whatever this machine's
/// proxy settings say). Each is an environment variable the app and CLI read.
pub fn loopback_only_env() -> std::io::Result<Vec<(&'static str, String)>> {
    Ok(vec![
        ("SIGNIN_DOCTOR_NTP_SERVERS", format!("127.0.0.1:{}", closed_port()?)),
        (
            "SIGNIN_DOCTOR_STATUS_FEED",
            format!("http://127.0.0.1:{}/feed", closed_port()?),
        ),
        (
            "SIGNIN_DOCTOR_CONNECTIVITY_CHECK_URL",
            format!("http://127.0.0.1:{}/connecttest.txt", closed_port()?),
        ),
        ("SIGNIN_DOCTOR_PROXY", "direct".to_owned()),
    ])
}

/// A loopback port that was free a moment ago and is now closed, so
/// connecting to it is refused.
pub fn closed_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
