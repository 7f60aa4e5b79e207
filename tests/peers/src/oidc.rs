use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long node may take to load oidc-provider and listen.
const START_BOUND: Duration = Duration::from_secs(30);

/// npm `oidc-provider`, run by node from `tests/peers/oidc/server.mjs`.
pub struct OidcProvider {
    child: Option<Child>,
    // Held open: the server exits when its stdin closes, so even a test
    // killed mid-way leaves no provider behind.
    _stdin: Option<ChildStdin>,
    pub issuer: String,
    pub port: u16,
    /// The automation account `sp-cert`'s private key and certificate (PEM files).
    pub sp_key: PathBuf,
    pub sp_certificate: PathBuf,
}

impl OidcProvider {
    pub fn start() -> io::Result<Self> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        if !dir.join("node_modules/oidc-provider").is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "oidc-provider is not installed: run `npm ci --prefix {}` (scripts/test.sh does)",
                    dir.display()
                ),
            ));
        }
        let mut child = Command::new("node")
            .arg("oidc/server.mjs")
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child.stdin.take();
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout from the provider"))?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = tx.send(BufReader::new(stdout).read_line(&mut line).map(|_| line));
        });
        let line = match rx.recv_timeout(START_BOUND) {
            Ok(Ok(line)) => line,
            Ok(Err(e)) => return Err(stop_with(child, e)),
            Err(_) => {
                return Err(stop_with(
                    child,
                    io::Error::new(io::ErrorKind::TimedOut, "oidc-provider did not start"),
                ))
            }
        };
        let ready: serde_json::Value = match serde_json::from_str(&line) {
            Ok(ready) => ready,
            Err(e) => {
                return Err(stop_with(
                    child,
                    io::Error::other(format!("unexpected provider output {line:?}: {e}")),
                ))
            }
        };
        let issuer = ready["issuer"].as_str().unwrap_or_default().to_owned();
        let port = ready["port"].as_u64().and_then(|p| u16::try_from(p).ok()).unwrap_or(0);
        let path = |name: &str| PathBuf::from(ready[name].as_str().unwrap_or_default());
        Ok(Self {
            child: Some(child),
            _stdin: stdin,
            issuer,
            port,
            sp_key: path("sp_key"),
            sp_certificate: path("sp_certificate"),
        })
    }

    /// The Entra-shaped error the provider sent last.
    pub fn last_error(&self) -> io::Result<serde_json::Value> {
        self.test_probe("/_test/last-error")
    }

    /// The tokens the provider issued last (to prove none reach a log).
    pub fn last_tokens(&self) -> io::Result<serde_json::Value> {
        self.test_probe("/_test/last-tokens")
    }

    /// An access token for Microsoft Graph this provider issues to the
    /// help-desk client for test user `user` (no browser), with the scopes
    /// that user's tenant consented to: `{"access_token", "scope"}`.
    pub fn helpdesk_token(&self, user: &str) -> io::Result<serde_json::Value> {
        self.test_probe(&format!("/_test/helpdesk-token?user={user}"))
    }

    fn test_probe(&self, path: &str) -> io::Result<serde_json::Value> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )?;
        let mut text = String::new();
        stream.read_to_string(&mut text)?;
        let body = text.split("\r\n\r\n").nth(1).unwrap_or_default();
        serde_json::from_str(body).map_err(io::Error::other)
    }

    /// Stops the provider now; its port then refuses connections.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn stop_with(mut child: Child, error: io::Error) -> io::Error {
    let _ = child.kill();
    let _ = child.wait();
    error
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        self.stop();
    }
}
