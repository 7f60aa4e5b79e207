//! The HTTP client sign-in uses (the `oauth2` crate calls it for every token
//! request): the same step-by-step connection as the reachability check, so
//! a failed token request names its step too, and every request has a bound.

use super::connection::{self, PlainHttp};
use super::exchange::{self, HttpAnswer};
use super::proxy::ProxySettings;
use super::step::StepFailure;
use super::trail::Trail;
use super::Resolver;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use url::Url;

#[derive(Clone)]
pub struct HttpClient {
    resolver: Arc<dyn Resolver>,
    /// The bound on one request, connection included.
    timeout: Duration,
    /// The proxy the browser would use, which requests follow.
    proxies: Arc<ProxySettings>,
    plain_http: PlainHttp,
}

/// A failed request: the step and what to do, in words.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", .0.summary)]
pub struct HttpFailure(pub StepFailure);

impl HttpClient {
    /// A client that goes direct (no proxy); see [`HttpClient::with_proxies`].
    pub fn new(resolver: Arc<dyn Resolver>, timeout: Duration) -> Self {
        Self {
            resolver,
            timeout,
            proxies: Arc::new(ProxySettings::none()),
            plain_http: PlainHttp::LoopbackOnly,
        }
    }

    /// Sends requests through the proxy `proxies` names for each address.
    pub fn with_proxies(mut self, proxies: Arc<ProxySettings>) -> Self {
        self.proxies = proxies;
        self
    }

    /// Lets plain http go beyond loopback: only for the captive-portal test.
    pub(crate) fn allow_plain_http(mut self) -> Self {
        self.plain_http = PlainHttp::Allowed;
        self
    }

    /// The operating system's resolver and the profile's proxy (by default the
    /// browser's), each request bounded by the profile's check time limit.
    pub fn system(profile: &crate::Profile) -> Self {
        Self::new(Arc::new(super::SystemResolver), profile.check_timeout)
            .with_proxies(Arc::new(ProxySettings::for_choice(&profile.proxy)))
    }

    /// Sends one request (no redirects are followed: RFC 9700 §4.11 warns
    /// that following them from a token endpoint can leak credentials).
    pub async fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, HttpFailure> {
        let url = Url::parse(&request.uri().to_string()).map_err(|e| {
            HttpFailure(StepFailure::new(
                super::Step::Http,
                format!("Bad request address: {e}."),
            ))
        })?;
        let answer = self.send_to(&url, request).await.map_err(HttpFailure)?;
        let mut response = http::Response::new(answer.body.to_vec());
        *response.status_mut() = http::StatusCode::from_u16(answer.status).unwrap_or(http::StatusCode::BAD_GATEWAY);
        *response.headers_mut() = answer.headers;
        Ok(response)
    }

    /// GETs `url` and returns the answer whatever its status (the caller judges it).
    pub(crate) async fn get(&self, url: &Url, accept: &'static str) -> Result<HttpAnswer, StepFailure> {
        let request = exchange::get(url, accept)?;
        self.send_to(url, request).await
    }

    /// GETs JSON from `url`.
    pub(crate) async fn get_json(&self, url: &Url) -> Result<HttpAnswer, StepFailure> {
        let request = exchange::get_json(url)?;
        self.send_to(url, request).await
    }

    async fn send_to(&self, url: &Url, request: http::Request<Vec<u8>>) -> Result<HttpAnswer, StepFailure> {
        let started = Instant::now();
        let deadline = started + self.timeout;
        let mut trail = Trail::default();
        let stream = connection::open(
            url,
            self.resolver.as_ref(),
            &self.proxies,
            self.plain_http,
            deadline,
            started,
            &mut trail,
        )
        .await?;
        exchange::send(stream, request, url, deadline, started).await
    }
}
