//! The HTTPS `Date` fallback: many company networks block UDP port 123, but
//! the sign-in service's own HTTPS answers carry its clock (RFC 9110 §6.6.1).

use super::date_header::parse_http_date;
use super::{ClockError, Sample};
use crate::network::HttpClient;
use chrono::Utc;
use http::header::{ACCEPT, AGE, CACHE_CONTROL, DATE};
use tokio::time::Instant;
use url::Url;

/// A usable `Date` reading.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpDateReading {
    pub sample: Sample,
    /// The header as received.
    pub date_header: String,
    pub status: u16,
}

/// GETs `url` once by `deadline`, through `http` (so through the profile's
/// proxy: where UDP 123 is blocked, often only the proxy gets out), and
/// bounds the offset from its `Date`.
pub async fn read_http_date(url: &Url, http: &HttpClient, deadline: Instant) -> Result<HttpDateReading, ClockError> {
    let started = Instant::now();
    let request = http::Request::get(url.as_str())
        .header(ACCEPT, "application/json")
        // RFC 9111 §5.2.1.4: ask caches on the way not to answer from a stored copy.
        .header(CACHE_CONTROL, "no-cache")
        .body(Vec::new())
        .map_err(|e| ClockError::HttpFailed(format!("Could not build a request for {url}: {e}.")))?;
    let client = http.until(deadline);
    // t0 is taken before DNS, connect and TLS, since HttpClient does all of
    // them (unless it reuses a connection): that widens the bound a little,
    // and keeps it honest.
    let sent = Utc::now();
    let response = match tokio::time::timeout_at(deadline, client.send(request)).await {
        // The client's own bound ends at the same deadline: the same verdict.
        Err(_) => return Err(ClockError::http_no_answer(started.elapsed())),
        Ok(Err(failure)) if failure.0.timed_out => return Err(ClockError::http_no_answer(started.elapsed())),
        Ok(Err(failure)) => return Err(ClockError::HttpFailed(failure.0.summary)),
        Ok(Ok(response)) => response,
    };
    let received = Utc::now();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).trim().to_owned())
    };
    if let Some(age) = header(AGE) {
        return Err(ClockError::CachedResponse { age });
    }
    let date_header = header(DATE).ok_or(ClockError::NoDateHeader)?;
    let date = parse_http_date(&date_header).ok_or_else(|| ClockError::BadDateHeader(date_header.clone()))?;
    Ok(HttpDateReading {
        sample: Sample::from_http_date(sent, received, date),
        date_header,
        status: response.status().as_u16(),
    })
}
