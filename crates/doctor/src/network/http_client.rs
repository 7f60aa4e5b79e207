//! The engine's one way to send a plain request (the `oauth2` crate sends
//! every token request through it too). Behind it is one shared
//! `reqwest::Client` per profile, so connections are reused; every request
//! follows the profile's proxy, has a time bound, and a failure names its step.

use super::connection::{check_scheme, PlainHttp};
use super::exchange::{HttpAnswer, MAX_BODY_BYTES};
use super::proxy::{ProxySettings, Route};
use super::request_progress::Progress;
use super::step::{NetworkFailure, Step};
use super::{http_failure, shared_client, Resolver};
use http::header::ACCEPT;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use url::Url;

/// Clones share one connection pool; each may have its own time bound.
#[derive(Clone)]
pub struct HttpClient {
    /// The shared client, or why it could not be built (said on every request).
    client: Result<reqwest::Client, NetworkFailure>,
    /// The proxy settings the client follows, to name the proxy in failures.
    proxies: Arc<ProxySettings>,
    /// The bound on one request, connection included.
    timeout: Duration,
    /// A request must also end by this instant (a check's deadline).
    deadline: Option<Instant>,
    plain_http: PlainHttp,
}

/// A failed request: the step and what to do, in words.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", .0.summary)]
pub struct HttpFailure(pub NetworkFailure);

impl HttpClient {
    /// The client for one profile: its proxy settings (there is no client
    /// without them), a resolver, and the bound on each request.
    pub fn new(proxies: Arc<ProxySettings>, resolver: Arc<dyn Resolver>, timeout: Duration) -> Self {
        Self {
            client: shared_client::build(proxies.clone(), resolver, timeout),
            proxies,
            timeout,
            deadline: None,
            plain_http: PlainHttp::LoopbackOnly,
        }
    }

    /// The operating system's resolver and the profile's proxy (by default the
    /// browser's), each request bounded by the profile's check time limit.
    pub async fn system(profile: &crate::Profile) -> Self {
        Self::new(
            Arc::new(ProxySettings::for_choice(&profile.proxy).await),
            Arc::new(super::SystemResolver),
            profile.check_timeout,
        )
    }

    /// The same client (same connections), whose requests also end by `deadline`.
    pub fn until(&self, deadline: Instant) -> Self {
        Self {
            deadline: Some(deadline),
            ..self.clone()
        }
    }

    /// Lets plain http go beyond loopback: only for the captive-portal test.
    pub(crate) fn allow_plain_http(mut self) -> Self {
        self.plain_http = PlainHttp::Allowed;
        self
    }

    /// Sends one request (no redirects are followed: RFC 9700 §4.11 warns
    /// that following them from a token endpoint can leak credentials).
    pub async fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, HttpFailure> {
        let request = reqwest::Request::try_from(request)
            .map_err(|e| HttpFailure(NetworkFailure::new(Step::Http, format!("Bad request address: {e}."))))?;
        let answer = self.exchange(request).await.map_err(HttpFailure)?;
        let mut response = http::Response::new(answer.body.to_vec());
        *response.status_mut() = http::StatusCode::from_u16(answer.status).unwrap_or(http::StatusCode::BAD_GATEWAY);
        *response.headers_mut() = answer.headers;
        Ok(response)
    }

    /// GETs `url` and returns the answer whatever its status (the caller judges it).
    pub(crate) async fn get(&self, url: &Url, accept: &'static str) -> Result<HttpAnswer, NetworkFailure> {
        let mut request = reqwest::Request::new(reqwest::Method::GET, url.clone());
        request
            .headers_mut()
            .insert(ACCEPT, http::HeaderValue::from_static(accept));
        self.exchange(request).await
    }

    /// GETs JSON from `url`.
    pub(crate) async fn get_json(&self, url: &Url) -> Result<HttpAnswer, NetworkFailure> {
        self.get(url, "application/json").await
    }

    async fn exchange(&self, request: reqwest::Request) -> Result<HttpAnswer, NetworkFailure> {
        let started = Instant::now();
        let deadline = match self.deadline {
            Some(deadline) => deadline.min(started + self.timeout),
            None => started + self.timeout,
        };
        let url = request.url().clone();
        check_scheme(&url, self.plain_http)?;
        let client = self.client.as_ref().map_err(Clone::clone)?;
        let route = self.proxies.route_for(&url);
        let via = match &route {
            Route::Proxy { endpoint, .. } => Some(endpoint.to_string()),
            _ => None,
        };
        let host = url.host_str().unwrap_or("the server");
        let progress = Arc::new(Progress::default());
        let failed = |e: reqwest::Error| {
            if e.is_timeout() {
                progress.timed_out(started.elapsed(), host, via.as_deref())
            } else {
                http_failure::classify(&e, &url, &route)
            }
        };
        let exchange = progress.track(async {
            let mut response = client.execute(request).await.map_err(failed)?;
            progress.answered();
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(failed)? {
                if body.len().saturating_add(chunk.len()) > MAX_BODY_BYTES {
                    return Err(NetworkFailure::new(
                        Step::Http,
                        format!(
                            "The answer from {host} is over {} KiB: no sign-in answer is that large.",
                            MAX_BODY_BYTES / 1024
                        ),
                    ));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(HttpAnswer {
                status,
                headers,
                body: body.into(),
            })
        });
        match tokio::time::timeout_at(deadline, exchange).await {
            Ok(answer) => answer,
            Err(_) => Err(progress.timed_out(started.elapsed(), host, via.as_deref())),
        }
    }
}
