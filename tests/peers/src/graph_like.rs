//! A resource server on 127.0.0.1 that answers `GET /v1.0/me` the way
//! Microsoft Graph does, in the mode the test picks: the profile, an expired
//! token, a claims challenge, or a missing permission. It keeps the last
//! Authorization header it received, so tests can see what was sent.

use crate::accept_loop::AcceptLoop;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphAnswer {
    /// 200 with the signed-in user's profile.
    Me,
    /// 401 invalid_token, the token's lifetime is over.
    Expired,
    /// 401 insufficient_claims with Entra's base64 `claims` (a CAE challenge).
    ClaimsChallenge,
    /// 403 Authorization_RequestDenied: the token lacks User.Read.
    Forbidden,
}

pub struct GraphLikeServer {
    pub port: u16,
    authorization: Arc<Mutex<Option<String>>>,
    connections: Arc<AtomicUsize>,
    _serving: AcceptLoop,
}

impl GraphLikeServer {
    pub fn start(answer: GraphAnswer) -> io::Result<Self> {
        let authorization = Arc::new(Mutex::new(None));
        let seen = authorization.clone();
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = connections.clone();
        let serving = AcceptLoop::start(move |stream, stopping| {
            // The accept loop's own wake-up at drop is not a client.
            if !stopping.load(Ordering::SeqCst) {
                counted.fetch_add(1, Ordering::SeqCst);
            }
            let _ = serve(stream, answer, &seen);
        })?;
        Ok(Self {
            port: serving.port,
            authorization,
            connections,
            _serving: serving,
        })
    }

    /// The address of `/v1.0/me`.
    pub fn me_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1.0/me", self.port)
    }

    /// How many connections were made to it so far (whether or not a request followed).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The Authorization header of the last request.
    pub fn last_authorization(&self) -> Option<String> {
        self.authorization
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

fn serve(mut stream: TcpStream, answer: GraphAnswer, seen: &Mutex<Option<String>>) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let authorization = head
        .lines()
        .find_map(|line| {
            line.split_once(':')
                .filter(|(name, _)| name.eq_ignore_ascii_case("authorization"))
        })
        .map(|(_, value)| value.trim().to_owned());
    *seen.lock().unwrap_or_else(PoisonError::into_inner) = authorization.clone();
    let path_ok = head.starts_with("GET /v1.0/me ");
    // Graph's answers, as documented at learn.microsoft.com/graph/errors and
    // learn.microsoft.com/entra/identity-platform/claims-challenge.
    let (status, extra, body) = match (path_ok, authorization.is_some(), answer) {
        (false, _, _) => ("404 Not Found", String::new(), r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource not found."}}"#),
        (true, false, _) => (
            "401 Unauthorized",
            "WWW-Authenticate: Bearer realm=\"\", error=\"invalid_request\"\r\n".to_owned(),
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}"#,
        ),
        (true, true, GraphAnswer::Me) => (
            "200 OK",
            String::new(),
            r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity","displayName":"Alice Example","userPrincipalName":"alice@contoso.example","id":"4b1f7c2e-5d6a-4e8f-9b0c-1d2e3f4a5b6c"}"#,
        ),
        (true, true, GraphAnswer::Expired) => (
            "401 Unauthorized",
            "WWW-Authenticate: Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\", error=\"invalid_token\", error_description=\"Lifetime validation failed, the token is expired.\"\r\n".to_owned(),
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}"#,
        ),
        (true, true, GraphAnswer::ClaimsChallenge) => (
            "401 Unauthorized",
            "WWW-Authenticate: Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=\"\r\n".to_owned(),
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp"}}"#,
        ),
        (true, true, GraphAnswer::Forbidden) => (
            "403 Forbidden",
            String::new(),
            r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"#,
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes())?;
    stream.flush()
}
