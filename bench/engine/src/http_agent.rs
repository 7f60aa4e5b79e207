//! A user agent that does only what a browser must do for a sign-in against
//! the loopback provider: follow redirects and keep cookies. With it, the
//! sign-in figure is the protocol the app controls, without a browser's
//! start-up time (which a real user's already-running browser does not pay).

use doctor::signin::{Browser, BrowserError};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Each hop's connect, write and read are bounded by this.
const HOP_BOUND: Duration = Duration::from_secs(5);
const MAX_HOPS: usize = 20;

/// Notes how long each sign-in spent at the provider (authorize → the code
/// delivered to the app's listener), to tell it apart from the app's own work.
#[derive(Default)]
pub struct RedirectFollower {
    pub at_provider: Arc<Mutex<Vec<Duration>>>,
}

impl Browser for RedirectFollower {
    fn open(&self, url: &str) -> Result<(), BrowserError> {
        let url = url.to_owned();
        let at_provider = self.at_provider.clone();
        // A browser returns at once and loads the page in the background.
        std::thread::spawn(move || {
            let started = Instant::now();
            match follow(&url) {
                Ok(()) => {
                    if let Ok(mut times) = at_provider.lock() {
                        times.push(started.elapsed());
                    }
                }
                Err(e) => eprintln!("bench user agent: {e}"),
            }
        });
        Ok(())
    }
}

/// GETs `url` and every redirect after it, until a page answers 200.
pub fn follow(start: &str) -> Result<(), String> {
    let mut cookies: BTreeMap<String, String> = BTreeMap::new();
    let mut url = start.to_owned();
    for _ in 0..MAX_HOPS {
        let (authority, path) = split_http_url(&url)?;
        let answer = get(&authority, &path, &cookies)?;
        for (name, value) in answer.set_cookies {
            cookies.insert(name, value);
        }
        match answer.location {
            Some(location) if (300..400).contains(&answer.status) => {
                url = if location.starts_with("http://") {
                    location
                } else if location.starts_with('/') {
                    format!("http://{authority}{location}")
                } else {
                    return Err(format!("unexpected redirect to {location}"));
                };
            }
            _ if answer.status == 200 => return Ok(()),
            _ => return Err(format!("HTTP {} from {url}", answer.status)),
        }
    }
    Err(format!("more than {MAX_HOPS} redirects"))
}

struct Answer {
    status: u16,
    location: Option<String>,
    set_cookies: Vec<(String, String)>,
}

fn split_http_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("only http:// on loopback is followed, not {url}"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if !(authority.starts_with("127.0.0.1:") || authority.starts_with("localhost:")) {
        return Err(format!("the bench talks to loopback only, not {authority}"));
    }
    Ok((authority.to_owned(), path.to_owned()))
}

fn get(authority: &str, path: &str, cookies: &BTreeMap<String, String>) -> Result<Answer, String> {
    let address = authority.replacen("localhost", "127.0.0.1", 1);
    let socket = address.parse().map_err(|e| format!("bad address {address}: {e}"))?;
    let mut stream = TcpStream::connect_timeout(&socket, HOP_BOUND).map_err(|e| format!("{authority}: {e}"))?;
    stream.set_read_timeout(Some(HOP_BOUND)).map_err(|e| e.to_string())?;
    stream.set_write_timeout(Some(HOP_BOUND)).map_err(|e| e.to_string())?;
    let cookie_line = if cookies.is_empty() {
        String::new()
    } else {
        let jar: Vec<String> = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("Cookie: {}\r\n", jar.join("; "))
    };
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nAccept: text/html\r\n{cookie_line}Connection: close\r\n\r\n"
    )
    .map_err(|e| format!("{authority}: {e}"))?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| format!("{authority}: {e}"))?;
    let text = String::from_utf8_lossy(&raw);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no HTTP status from {authority}"))?;
    let mut answer = Answer {
        status,
        location: None,
        set_cookies: Vec::new(),
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("location") {
            answer.location = Some(value.to_owned());
        } else if name.eq_ignore_ascii_case("set-cookie") {
            let pair = value.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                answer.set_cookies.push((k.trim().to_owned(), v.trim().to_owned()));
            }
        }
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_is_followed() {
        assert!(split_http_url("https://login.microsoftonline.com/x").is_err());
        assert!(split_http_url("http://example.com:80/x").is_err());
        assert_eq!(
            split_http_url("http://127.0.0.1:8080/auth?x=1").unwrap(),
            ("127.0.0.1:8080".to_owned(), "/auth?x=1".to_owned())
        );
    }
}
