//! The one `reqwest::Client` that carries every plain request of a profile
//! (discovery, JWKS, token, device code, userinfo, status feed, HTTP `Date`,
//! captive-portal test), built once so its connections are reused.

use super::proxy::{ProxySettings, Route};
use super::request_progress::MarkConnections;
use super::resolver::ForSharedClient;
use super::step::{NetworkFailure, Step};
use super::{tls, Resolver};
use std::sync::Arc;
use std::time::Duration;

/// Builds the client: the app's rustls config (ring, the platform verifier),
/// the profile's proxy and bypass list, the injected resolver, `bound` on
/// connecting and on each read, and no redirects followed (RFC 9700 §4.11
/// for token endpoints; the captive-portal test must see the redirect).
pub(super) fn build(
    proxies: Arc<ProxySettings>,
    resolver: Arc<dyn Resolver>,
    bound: Duration,
) -> Result<reqwest::Client, NetworkFailure> {
    let tls = tls::client_config(None)
        .map_err(|why| NetworkFailure::new(Step::Tls, format!("TLS could not start: {why}.")))?;
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        // Replaces reqwest's own reading of the proxy variables.
        .proxy(reqwest::Proxy::custom(move |url| proxy_for(&proxies, url)))
        .dns_resolver(Arc::new(ForSharedClient(resolver)))
        .connector_layer(MarkConnections)
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(bound)
        .read_timeout(bound)
        .user_agent(concat!("SigninDoctor/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| NetworkFailure::new(Step::Connect, format!("The app's HTTP client could not start: {e}.")))
}

/// The proxy `url` goes through, per the profile's settings (bypass list
/// included), or `None` to go direct.
fn proxy_for(proxies: &ProxySettings, url: &url::Url) -> Option<url::Url> {
    match proxies.route_for(url) {
        Route::Proxy { endpoint, .. } => endpoint.url(),
        Route::Direct { .. } | Route::DirectCannotFollow { .. } => None,
    }
}
