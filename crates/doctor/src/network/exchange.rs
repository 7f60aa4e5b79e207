//! The HTTP step: one request over a connection the earlier steps opened, so
//! each step's time and failure are known exactly.

use super::connection::Stream;
use super::step::{NetworkFailure, Step};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::header::{HeaderMap, HeaderValue, ACCEPT, HOST, USER_AGENT};
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use url::Url;

/// Sign-in answers are a few KiB; anything past this is not one.
pub(super) const MAX_BODY_BYTES: usize = 1024 * 1024;

pub(crate) struct HttpAnswer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl HttpAnswer {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }
}

/// The connection was made, but the exchange on it failed.
pub(super) fn failed(why: &str) -> NetworkFailure {
    NetworkFailure::new(
        Step::Http,
        format!("The connection was made, but the HTTP exchange failed: {why}."),
    )
    .fix([
        "A proxy or security product may be interfering; try another network to compare.",
        "If this keeps happening, the service may be having problems: check the service status page.",
    ])
}

/// Stops hyper's connection task when the exchange is over, whatever happened.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A GET that asks for JSON.
pub(super) fn get_json(url: &Url) -> Result<Request<Vec<u8>>, NetworkFailure> {
    Request::get(url.as_str())
        .header(ACCEPT, "application/json")
        .body(Vec::new())
        .map_err(|e| NetworkFailure::new(Step::Http, format!("Could not build a request for {url}: {e}.")))
}

pub(crate) async fn send(
    stream: Stream,
    request: Request<Vec<u8>>,
    url: &Url,
    deadline: Instant,
    started: Instant,
) -> Result<HttpAnswer, NetworkFailure> {
    let exchange = async {
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
        let _driver = AbortOnDrop(tokio::spawn(async move {
            // The outcome reaches the caller through send_request.
            let _ = connection.await;
        }));
        let (mut parts, body) = request.into_parts();
        // HTTP/1.1 origin-form: the path goes on the request line, the host in Host (RFC 9112 §3.2.1).
        let target = &url[url::Position::BeforePath..url::Position::AfterQuery];
        parts.uri = target
            .parse()
            .map_err(|e| format!("bad request target {target}: {e}"))?;
        let host = &url[url::Position::BeforeHost..url::Position::AfterPort];
        let host = HeaderValue::from_str(host).map_err(|e| e.to_string())?;
        parts.headers.insert(HOST, host);
        parts
            .headers
            .entry(USER_AGENT)
            .or_insert(HeaderValue::from_static(concat!(
                "SigninDoctor/",
                env!("CARGO_PKG_VERSION")
            )));
        let request = Request::from_parts(parts, Full::new(Bytes::from(body)));
        let response = sender.send_request(request).await.map_err(|e| e.to_string())?;
        let (parts, body) = response.into_parts();
        let body = Limited::new(body, MAX_BODY_BYTES)
            .collect()
            .await
            .map_err(|e| format!("reading the answer failed: {e}"))?
            .to_bytes();
        Ok::<_, String>(HttpAnswer {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        })
    };
    match tokio::time::timeout_at(deadline, exchange).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(why)) => Err(failed(&why).detail(&why)),
        Err(_) => Err(NetworkFailure::timed_out(
            Step::Http,
            started.elapsed(),
            "waiting for the server's answer: the connection opened but no HTTP response came",
        )),
    }
}
