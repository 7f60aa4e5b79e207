//! The HTTP client sign-in uses (the `oauth2` crate calls it for every token
//! request): the same step-by-step connection as the reachability check, so
//! a failed token request names its step too, and every request has a bound.

use super::connection;
use super::exchange::{self, HttpAnswer};
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
}

/// A failed request: the step and what to do, in words.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", .0.summary)]
pub struct HttpFailure(pub StepFailure);

impl HttpClient {
    pub fn new(resolver: Arc<dyn Resolver>, timeout: Duration) -> Self {
        Self { resolver, timeout }
    }

    /// The operating system's resolver, each request bounded by `timeout`.
    pub fn system(timeout: Duration) -> Self {
        Self::new(Arc::new(super::SystemResolver), timeout)
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

    /// GETs JSON from `url`.
    pub(crate) async fn get_json(&self, url: &Url) -> Result<HttpAnswer, StepFailure> {
        let request = exchange::get_json(url)?;
        self.send_to(url, request).await
    }

    async fn send_to(&self, url: &Url, request: http::Request<Vec<u8>>) -> Result<HttpAnswer, StepFailure> {
        let started = Instant::now();
        let deadline = started + self.timeout;
        let mut trail = Trail::default();
        let stream = connection::open(url, self.resolver.as_ref(), deadline, started, &mut trail).await?;
        exchange::send(stream, request, url, deadline, started).await
    }
}
