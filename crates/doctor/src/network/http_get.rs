//! The HTTP step: one GET over a connection the earlier steps opened, so
//! each step's time and failure are known exactly.

use super::step::{Step, StepFailure};
use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::header::{ACCEPT, CONTENT_TYPE, HOST, LOCATION, USER_AGENT};
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::task::JoinHandle;
use tokio::time::Instant;
use url::Url;

/// A discovery document is a few KiB; anything past this is not one.
const MAX_BODY_BYTES: usize = 1024 * 1024;

pub(super) struct HttpAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: Bytes,
}

/// Stops hyper's connection task when the exchange is over, whatever happened.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub(super) async fn get<S>(
    stream: S,
    url: &Url,
    deadline: Instant,
    started: Instant,
) -> Result<HttpAnswer, StepFailure>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let exchange = async {
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
        let _driver = AbortOnDrop(tokio::spawn(async move {
            // The outcome reaches the caller through send_request.
            let _ = connection.await;
        }));
        let host = &url[url::Position::BeforeHost..url::Position::AfterPort];
        let target = &url[url::Position::BeforePath..url::Position::AfterQuery];
        let request = Request::get(target)
            .header(HOST, host)
            .header(ACCEPT, "application/json")
            .header(
                USER_AGENT,
                concat!("SigninDoctor/", env!("CARGO_PKG_VERSION")),
            )
            .body(Empty::<Bytes>::new())
            .map_err(|e| e.to_string())?;
        let response = sender
            .send_request(request)
            .await
            .map_err(|e| e.to_string())?;
        let (parts, body) = response.into_parts();
        let header = |name| {
            parts
                .headers
                .get(name)
                .and_then(|v: &hyper::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(CONTENT_TYPE);
        let location = header(LOCATION);
        let body = Limited::new(body, MAX_BODY_BYTES)
            .collect()
            .await
            .map_err(|e| format!("reading the answer failed: {e}"))?
            .to_bytes();
        Ok::<_, String>(HttpAnswer {
            status: parts.status.as_u16(),
            content_type,
            location,
            body,
        })
    };
    match tokio::time::timeout_at(deadline, exchange).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(why)) => Err(StepFailure::new(
            Step::Http,
            format!("The connection was made, but the HTTP exchange failed: {why}."),
        )
        .detail(&why)
        .fix([
            "A proxy or security product may be interfering; try another network to compare.",
            "If this keeps happening, the service may be having problems: check the service status page.",
        ])),
        Err(_) => Err(StepFailure::timed_out(
            Step::Http,
            started.elapsed(),
            "waiting for the server's answer: the connection opened but no HTTP response came",
        )),
    }
}
