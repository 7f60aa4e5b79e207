//! Which addresses the app will talk to or hand to the browser: `https`
//! anywhere, plain `http` only to this computer's loopback address (test
//! servers). RFC 6749 §3.1 and §3.2 require TLS for the authorization and
//! token endpoints; RFC 9700 §2.6 and RFC 8252 §8.3 keep loopback as the
//! one plain-http exception.

use url::{Host, Url};

/// True for `https:` URLs, and `http:` URLs whose host is a loopback IP.
/// Anything else (`file:`, `javascript:`, custom schemes, plain http to the
/// network) is refused.
pub fn is_web_address(url: &Url) -> bool {
    match (url.scheme(), url.host()) {
        ("https", Some(_)) => true,
        ("http", Some(host)) => is_loopback_ip(&host),
        _ => false,
    }
}

pub fn is_loopback_ip(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
        Host::Domain(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http_is_a_web_address() {
        for good in [
            "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
            "http://127.0.0.1:8080/token",
            "http://[::1]:8080/jwks",
        ] {
            assert!(is_web_address(&Url::parse(good).expect("url")), "{good}");
        }
        for bad in [
            "http://login.microsoftonline.com/token",
            "http://localhost.evil.example/token",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ms-settings:privacy",
            "smb://server/share",
            "data:text/html,hi",
        ] {
            assert!(!is_web_address(&Url::parse(bad).expect("url")), "{bad}");
        }
    }
}
