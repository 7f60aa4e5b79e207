//! The loopback redirect listener (RFC 8252 §7.3): 127.0.0.1, an ephemeral
//! port, and single use. The first request that carries the expected
//! `state` ends the wait; any other request gets a 400 page and changes
//! nothing (RFC 6749 §10.12: state binds the response to this sign-in).

use super::entra_error::SignInError;
use super::pages;
use std::future::Future;
use std::io;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

/// A request head larger than this is not a sign-in redirect.
const MAX_REQUEST_BYTES: usize = 16 * 1024;
/// A browser sends its request at once; a connection that dawdles is dropped.
const READ_BOUND: Duration = Duration::from_secs(5);

pub struct LoopbackListener {
    listener: TcpListener,
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
    /// Binds 127.0.0.1 on a port the OS picks, and builds the redirect URI
    /// from the profile's form (scheme, host and path) with that port. For
    /// loopback redirects the port is not compared (RFC 8252 §7.3), so a
    /// registration of `http://localhost` matches.
    pub async fn bind(redirect_form: &str) -> io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = listener.local_addr()?.port();
        let mut redirect_uri = Url::parse(redirect_form).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        redirect_uri
            .set_port(Some(port))
            .map_err(|()| io::Error::new(io::ErrorKind::InvalidInput, "the redirect URI cannot take a port"))?;
        Ok(Self { listener, redirect_uri })
    }

    pub fn redirect_uri(&self) -> &Url {
        &self.redirect_uri
    }

    pub fn port(&self) -> u16 {
        self.redirect_uri.port().unwrap_or(0)
    }

    /// Waits for the redirect that carries `state`, at most `timeout`, or
    /// until `cancel` completes. The listener closes when this returns.
    pub async fn wait(
        self,
        state: &str,
        timeout: Duration,
        cancel: impl Future<Output = ()>,
    ) -> Result<Redirect, WaitEnded> {
        let serve = async {
            loop {
                let (stream, _) = self.listener.accept().await?;
                if let Some(redirect) = self.answer(stream, state).await {
                    return Ok::<_, io::Error>(redirect);
                }
            }
        };
        tokio::select! {
            served = tokio::time::timeout(timeout, serve) => match served {
                Ok(Ok(redirect)) => Ok(redirect),
                Ok(Err(e)) => Err(WaitEnded::Io(e)),
                Err(_) => Err(WaitEnded::TimedOut(timeout)),
            },
            () = cancel => Err(WaitEnded::Cancelled),
        }
    }

    /// Answers one connection. Returns the redirect when this request ends the wait.
    async fn answer(&self, mut stream: TcpStream, state: &str) -> Option<Redirect> {
        let head = tokio::time::timeout(READ_BOUND, read_request_head(&mut stream)).await;
        let judged = match head {
            Ok(Ok(head)) => judge_request(&self.redirect_uri, &head, state),
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
