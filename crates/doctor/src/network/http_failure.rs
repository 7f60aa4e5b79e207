//! A failed plain request in the same words as the step-by-step connector:
//! the step (DNS, proxy, connect, TLS, HTTP) and what to do.

use super::connect;
use super::exchange;
use super::proxy::{self, Route};
use super::resolver::LookupFailed;
use super::step::{NetworkFailure, Step};
use super::tls;
use std::error::Error;
use std::io;
use url::Url;

/// `error` from sending a request to `url` along `route`.
pub(super) fn classify(error: &reqwest::Error, url: &Url, route: &Route) -> NetworkFailure {
    let host = url.host_str().unwrap_or("the server");
    let target = proxy::authority(
        host.trim_start_matches('[').trim_end_matches(']'),
        url.port_or_known_default().unwrap_or(443),
    );
    let chain = causes(error);
    let failure = if let Some(lookup) = find::<LookupFailed>(error) {
        lookup.failure()
    } else if let (Some(said), Route::Proxy { endpoint, .. }) = (tunnel_error(&chain), route) {
        // hyper-util's tunnel error type is private; its words are not.
        match said {
            "proxy authorization required" => proxy::wants_password(endpoint),
            "unsuccessful" => proxy::refused(endpoint, &target, "it answered with an error"),
            _ => proxy::closed(endpoint, &target),
        }
    } else if let Some(tls_error) = find::<rustls::Error>(error) {
        tls::tls_failure(host, Some(tls_error), &chain)
    } else if let (true, Some(io_error)) = (error.is_connect(), find::<io::Error>(error)) {
        match route {
            Route::Proxy { endpoint, .. } => connect::refused(&format!("the proxy {endpoint}"), io_error),
            _ => connect::refused(&target, io_error),
        }
    } else if error.is_connect() {
        NetworkFailure::new(Step::Connect, format!("Could not connect to {target}: {chain}."))
            .fix(super::step::network_fix_steps())
    } else {
        exchange::failed(&chain)
    };
    failure.detail(chain)
}

/// The error and its causes, in one line.
fn causes(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let said = cause.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        source = cause.source();
    }
    text
}

/// The first cause of type `T`, looking inside I/O errors too (TLS errors
/// arrive wrapped in them, and `io::Error::source` skips what it wraps).
fn find<T: Error + 'static>(error: &reqwest::Error) -> Option<&T> {
    let mut source = error.source();
    while let Some(cause) = source {
        if let Some(found) = cause.downcast_ref::<T>() {
            return Some(found);
        }
        // reqwest wraps tokio-rustls's I/O error in one of its own.
        let mut wrapped = cause.downcast_ref::<io::Error>().and_then(io::Error::get_ref);
        while let Some(inner) = wrapped {
            if let Some(found) = inner.downcast_ref::<T>() {
                return Some(found);
            }
            wrapped = inner.downcast_ref::<io::Error>().and_then(io::Error::get_ref);
        }
        source = cause.source();
    }
    None
}

/// What the CONNECT tunnel said went wrong, if it did.
fn tunnel_error(chain: &str) -> Option<&str> {
    let (_, rest) = chain.split_once("tunnel error: ")?;
    Some(rest.split(':').next().unwrap_or(rest).trim())
}
