//! The loopback redirect listener (RFC 8252 §7.3): loopback only, an
//! ephemeral port, and single use. The first request that carries the
//! expected `state` ends the wait; any other request gets a 400 page and
//! changes nothing (RFC 6749 §10.12: state binds the response to this sign-in).
//!
//! A `localhost` redirect is heard on 127.0.0.1 and on [::1] at the same
//! port: browsers may try either, and a port left free on the other address
//! could be taken by another program (RFC 8252 §8.3). Each connection is
//! served in its own task, so one that idles, trickles or resets cannot hold
//! up the browser's real redirect; and every connection is accepted at once,
//! freeing the oldest when all slots are busy, so another local process
//! holding every slot cannot keep the browser's connection waiting.

use super::entra_error::SignInError;
use super::pages;
use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinSet};
use url::{Host, Url};

/// A request head larger than this is not a sign-in redirect.
const MAX_REQUEST_BYTES: usize = 16 * 1024;
/// A browser sends its request at once; a connection that dawdles is dropped.
const READ_BOUND: Duration = Duration::from_secs(5);
/// Connections served at once. A newer one frees the oldest: a browser sends
/// its request as soon as it connects, so the oldest is the likeliest idler.
const MAX_CONNECTIONS: usize = 16;
/// Tries at finding a port that is free on both loopback addresses.
const PORT_TRIES: usize = 8;
/// The pause after an accept error that is not about one connection (no
/// file descriptors left, no memory), so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

pub struct LoopbackListener {
    listeners: Vec<TcpListener>,
    redirect_uri: Url,
}

/// How the wait ended.
#[derive(Debug)]
pub enum Redirect {
    /// The browser came back with an authorization code.
    Code {
        code: oauth2::AuthorizationCode,
        issuer: Option<String>,
    },
    /// The browser came back with an error (RFC 6749 §4.1.2.1).
    Error(SignInError),
}

#[derive(Debug, thiserror::Error)]
pub enum WaitEnded {
    #[error("no answer came back from the browser within {} s", .0.as_secs())]
    TimedOut(Duration),
    #[error("cancelled")]
    Cancelled,
    #[error("the listener failed: {0}")]
    Io(#[from] io::Error),
}

impl LoopbackListener {
    /// Binds the loopback address of the profile's redirect on a port the
    /// OS picks, and builds the redirect URI from the profile's form (scheme,
    /// host and path) with that port. For loopback redirects the port is not
    /// compared (RFC 8252 §7.3), so a registration of `http://localhost`
    /// matches. `localhost` gets both 127.0.0.1 and [::1] (when this computer
    /// has IPv6 loopback).
    pub async fn bind(redirect_form: &str) -> io::Result<Self> {
        let mut redirect_uri = Url::parse(redirect_form).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let (first, also) = addresses_for(&redirect_uri);
        let listeners = bind_same_port(first, also).await?;
        let port = listeners
            .first()
            .map(TcpListener::local_addr)
            .transpose()?
            .map_or(0, |a| a.port());
        redirect_uri
            .set_port(Some(port))
            .map_err(|()| io::Error::new(io::ErrorKind::InvalidInput, "the redirect URI cannot take a port"))?;
        Ok(Self {
            listeners,
            redirect_uri,
        })
    }

    pub fn redirect_uri(&self) -> &Url {
        &self.redirect_uri
    }

    pub fn port(&self) -> u16 {
        self.redirect_uri.port().unwrap_or(0)
    }

    /// The addresses being listened on.
    pub fn local_addrs(&self) -> Vec<SocketAddr> {
        self.listeners.iter().filter_map(|l| l.local_addr().ok()).collect()
    }

    /// Waits for the redirect that carries `state`, at most `timeout`, or
    /// until `cancel` completes. The listeners close, and every connection
    /// still being served is dropped, when this returns.
    pub async fn wait(
        self,
        state: &str,
        timeout: Duration,
        cancel: impl Future<Output = ()>,
    ) -> Result<Redirect, WaitEnded> {
        let redirect_uri = Arc::new(self.redirect_uri.clone());
        let state: Arc<str> = Arc::from(state);
        let (found, mut arrived) = mpsc::channel::<Redirect>(1);
        let slots = Arc::new(Slots::default());
        let mut serving = JoinSet::new();
        for listener in self.listeners {
            serving.spawn(accept_loop(
                listener,
                Arc::clone(&redirect_uri),
                Arc::clone(&state),
                found.clone(),
                Arc::clone(&slots),
            ));
        }
        drop(found);
        let outcome = tokio::select! {
            served = tokio::time::timeout(timeout, arrived.recv()) => match served {
                Ok(Some(redirect)) => Ok(redirect),
                // Every accept loop ended: none does unless its task panicked.
                Ok(None) => Err(WaitEnded::Io(io::Error::other("the listener stopped"))),
                Err(_) => Err(WaitEnded::TimedOut(timeout)),
            },
            () = cancel => Err(WaitEnded::Cancelled),
        };
        // Closes the listeners and drops the connections in flight, now.
        serving.shutdown().await;
        outcome
    }
}

/// 127.0.0.1 and [::1] for `localhost`; the one address an IP names.
fn addresses_for(redirect_uri: &Url) -> (IpAddr, Option<IpAddr>) {
    match redirect_uri.host() {
        Some(Host::Ipv6(ip)) => (IpAddr::V6(ip), None),
        Some(Host::Ipv4(ip)) => (IpAddr::V4(ip), None),
        _ => (IpAddr::V4(Ipv4Addr::LOCALHOST), Some(IpAddr::V6(Ipv6Addr::LOCALHOST))),
    }
}

/// Binds `first` on an ephemeral port, then `also` on the same port. If that
/// port is taken on `also` (another program is there), tries another port;
/// if `also` cannot be bound at all (no IPv6 on this computer), carries on
/// with `first` alone and says so in the log.
async fn bind_same_port(first: IpAddr, also: Option<IpAddr>) -> io::Result<Vec<TcpListener>> {
    let mut last_taken = None;
    for _ in 0..PORT_TRIES {
        let listener = TcpListener::bind((first, 0)).await?;
        let Some(also) = also else {
            return Ok(vec![listener]);
        };
        let port = listener.local_addr()?.port();
        match TcpListener::bind((also, port)).await {
            Ok(second) => return Ok(vec![listener, second]),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => last_taken = Some(e),
            Err(e) => {
                log::info!("the sign-in redirect listens on {first} only: {also} could not be bound ({e}); this computer may have no IPv6 loopback");
                return Ok(vec![listener]);
            }
        }
    }
    Err(last_taken.unwrap_or_else(|| io::Error::from(io::ErrorKind::AddrInUse)))
}

/// The connections being served on every address, oldest first.
#[derive(Default)]
struct Slots(Mutex<VecDeque<AbortHandle>>);

impl Slots {
    /// Takes in a connection just accepted. Finished ones leave; while all
    /// `MAX_CONNECTIONS` are still busy, the oldest is dropped.
    fn admit(&self, connection: AbortHandle) {
        // The list stays whole even if a holder panicked: go on with it.
        let mut serving = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        serving.retain(|c| !c.is_finished());
        while serving.len() >= MAX_CONNECTIONS {
            if let Some(oldest) = serving.pop_front() {
                oldest.abort();
            }
        }
        serving.push_back(connection);
    }
}

/// Accepts connections until the wait ends, serving each in its own task,
/// at most `MAX_CONNECTIONS` at once across every address.
async fn accept_loop(
    listener: TcpListener,
    redirect_uri: Arc<Url>,
    state: Arc<str>,
    found: mpsc::Sender<Redirect>,
    slots: Arc<Slots>,
) {
    let mut connections = JoinSet::new();
    loop {
        // Reap finished connection tasks so the set does not grow.
        while connections.try_join_next().is_some() {}
        match listener.accept().await {
            Ok((stream, _)) => {
                let (redirect_uri, state, found) = (Arc::clone(&redirect_uri), Arc::clone(&state), found.clone());
                let connection = connections.spawn(async move {
                    if let Some(redirect) = answer(stream, &redirect_uri, &state).await {
                        let _ = found.send(redirect).await;
                    }
                });
                slots.admit(connection);
            }
            // A connection that failed before it was accepted (reset,
            // aborted) concerns that connection only.
            Err(e) if is_connection_error(&e) => {}
            // Anything else (no file descriptors, no memory) may pass: pause
            // and go on; the sign-in's own time limit still ends the wait.
            Err(e) => {
                log::warn!("the sign-in redirect listener could not accept a connection: {e}; trying again");
                tokio::time::sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
    )
}

/// Answers one connection. Returns the redirect when this request ends the wait.
async fn answer(mut stream: TcpStream, redirect_uri: &Url, state: &str) -> Option<Redirect> {
    let head = tokio::time::timeout(READ_BOUND, read_request_head(&mut stream)).await;
    let judged = match head {
        Ok(Ok(head)) => judge_request(redirect_uri, &head, state),
        _ => Err(Refusal::Unreadable),
    };
    match judged {
        Ok(redirect) => {
            let page = match &redirect {
                Redirect::Code { .. } => pages::success(),
                Redirect::Error(e) => pages::failure(e),
            };
            respond(&mut stream, 200, &page).await;
            Some(redirect)
        }
        Err(refusal) => {
            respond(&mut stream, refusal.status(), &pages::refused(refusal.reason())).await;
            None
        }
    }
}

/// Why a request to the listener was turned away (and the wait goes on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a readable `GET /… HTTP/1.1` request head.
    Unreadable,
    /// The target does not make an address with the redirect URI.
    BadAddress,
    /// Another path: browsers also ask for /favicon.ico and the like.
    NotHere,
    /// No `state`, or another sign-in's (RFC 6749 §10.12).
    WrongState,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::NotHere => 404,
            _ => 400,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Unreadable => "That request could not be read.",
            Refusal::BadAddress => "That address could not be read.",
            Refusal::NotHere => "Nothing here.",
            Refusal::WrongState => "This response does not belong to the sign-in in progress, so it was ignored.",
        }
    }
}

/// Reads what the browser sent back (the request head, as received) against
/// the redirect URI and the expected `state`. Pure, so the fuzz target
/// `redirect_query` can feed it anything.
pub fn judge_request(redirect_uri: &Url, head: &[u8], state: &str) -> Result<Redirect, Refusal> {
    let target = request_target(head).ok_or(Refusal::Unreadable)?;
    let url = redirect_uri.join(&target).map_err(|_| Refusal::BadAddress)?;
    if url.path() != redirect_uri.path() {
        return Err(Refusal::NotHere);
    }
    let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    if param("state").as_deref() != Some(state) {
        return Err(Refusal::WrongState);
    }
    Ok(match (param("code"), param("error")) {
        (_, Some(error)) => Redirect::Error(SignInError::from_redirect(
            &error,
            param("error_description").as_deref(),
            param("error_uri").as_deref(),
        )),
        (Some(code), None) => Redirect::Code {
            code: oauth2::AuthorizationCode::new(code),
            // RFC 9207: the issuer, when the server sends it, defends against mix-up.
            issuer: param("iss"),
        },
        (None, None) => Redirect::Error(SignInError::from_redirect(
            "invalid_response",
            Some("The sign-in service came back with neither a code nor an error."),
            None,
        )),
    })
}

/// Reads the request head, up to the blank line (or the end of the stream).
async fn read_request_head(stream: &mut TcpStream) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > MAX_REQUEST_BYTES {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "request too large"));
        }
    }
    Ok(head)
}

/// The request line's target (`/path?query`), for a GET only.
fn request_target(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    let line = text.lines().next().unwrap_or_default();
    let mut parts = line.split_whitespace();
    match (parts.next(), parts.next()) {
        (Some("GET"), Some(target)) if target.starts_with('/') => Some(target.to_owned()),
        _ => None,
    }
}

async fn respond(stream: &mut TcpStream, status: u16, html: &str) {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Bad Request",
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{html}",
        html.len()
    );
    // The browser may already have gone; nothing more to do then.
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(head: &str) -> Result<Redirect, Refusal> {
        let redirect_uri = Url::parse("http://127.0.0.1:5000/").expect("url");
        judge_request(&redirect_uri, head.as_bytes(), "s1")
    }

    #[test]
    fn a_redirect_with_the_state_and_a_code_ends_the_wait() {
        match judge("GET /?code=abc&state=s1&iss=https%3A%2F%2Fidp HTTP/1.1\r\nHost: x\r\n\r\n") {
            Ok(Redirect::Code { code, issuer }) => {
                assert_eq!(code.secret(), "abc");
                assert_eq!(issuer.as_deref(), Some("https://idp"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_error_wins_over_a_code_and_keeps_its_aadsts_code() {
        let head =
            "GET /?code=abc&state=s1&error=access_denied&error_description=AADSTS53003%3A+Blocked HTTP/1.1\r\n\r\n";
        match judge(head) {
            Ok(Redirect::Error(e)) => {
                assert_eq!(e.error, "access_denied");
                assert_eq!(e.code, Some(53003));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_requests_are_refused_with_a_reason() {
        assert_eq!(
            judge("GET /?code=abc HTTP/1.1\r\n\r\n").err(),
            Some(Refusal::WrongState)
        );
        assert_eq!(
            judge("GET /?code=abc&state=s2 HTTP/1.1\r\n\r\n").err(),
            Some(Refusal::WrongState)
        );
        assert_eq!(judge("GET /favicon.ico HTTP/1.1\r\n\r\n").err(), Some(Refusal::NotHere));
        assert_eq!(
            judge("POST /?state=s1 HTTP/1.1\r\n\r\n").err(),
            Some(Refusal::Unreadable)
        );
        assert_eq!(
            judge("GET http://evil/ HTTP/1.1\r\n\r\n").err(),
            Some(Refusal::Unreadable)
        );
        assert_eq!(judge("").err(), Some(Refusal::Unreadable));
        assert_eq!(Refusal::NotHere.status(), 404);
        assert_eq!(Refusal::WrongState.status(), 400);
    }
}
