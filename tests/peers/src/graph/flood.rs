//! Fault injection: a hostile stand-in for Graph on 127.0.0.1 that answers
//! every sign-in list request with one page of many minimal, distinct entries
//! (`{"id":"17"}`) and a next link to itself, whatever `$top` asked for. It
//! checks no token: what it tests is how the app bears an answer no real
//! Graph sends. Every other request gets Graph's 404.

use super::http::{self, Response};
use crate::accept_loop::AcceptLoop;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub struct GraphFlood {
    pub port: u16,
    /// How many entries each page holds.
    pub entries: usize,
    /// The page's size in bytes.
    pub page_bytes: usize,
    lists: Arc<AtomicUsize>,
    _serving: AcceptLoop,
}

impl GraphFlood {
    /// Serves pages of `entries` distinct entries (IDs `0` to `entries - 1`).
    pub fn start(entries: usize) -> io::Result<Self> {
        let lists = Arc::new(AtomicUsize::new(0));
        let counted = lists.clone();
        // The page names the peer's own address in its next link, known only
        // once it listens: it is made on the first request.
        let page = Arc::new(std::sync::OnceLock::<Vec<u8>>::new());
        let serving = AcceptLoop::start(move |mut stream, _| {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let Ok(Some(request)) = http::read(&mut stream) else {
                return;
            };
            let response = if request.path.ends_with("/auditLogs/signIns") {
                counted.fetch_add(1, Ordering::SeqCst);
                let host = request.header("host").unwrap_or("127.0.0.1").to_owned();
                let body = page.get_or_init(|| flood_page(entries, &host)).clone();
                Response {
                    status: 200,
                    headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
                    body,
                }
            } else {
                Response::json(
                    404,
                    serde_json::json!({"error": {"code": "Request_ResourceNotFound", "message": "Resource not found."}}),
                )
            };
            let _ = http::write(&mut stream, &response);
        })?;
        Ok(Self {
            port: serving.port,
            entries,
            page_bytes: flood_page(entries, &format!("127.0.0.1:{}", serving.port)).len(),
            lists,
            _serving: serving,
        })
    }

    /// The Graph base URL (what the app's `graph_url` setting takes).
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// How many sign-in list requests it answered.
    pub fn list_requests(&self) -> usize {
        self.lists.load(Ordering::SeqCst)
    }
}

fn flood_page(entries: usize, host: &str) -> Vec<u8> {
    let mut body = String::with_capacity(entries * 16 + 200);
    body.push_str(r#"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#auditLogs/signIns","value":["#);
    for n in 0..entries {
        if n > 0 {
            body.push(',');
        }
        body.push_str(&format!(r#"{{"id":"{n}"}}"#));
    }
    body.push_str(&format!(
        r#"],"@odata.nextLink":"http://{host}/beta/auditLogs/signIns?$top=50&$skiptoken={entries}"}}"#
    ));
    body.into_bytes()
}
