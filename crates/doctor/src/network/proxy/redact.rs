//! The one way a proxy address is shown: `http://user:***@host:port`. A
//! proxy URL may carry a password (`http://user:password@host:port`), and
//! it is shown in the profile, in Settings, in the CLI and in problems
//! about a bad value.

use url::Url;

/// `url` written out as it was given: `Url` adds a "/" path to an address
/// given without one.
pub fn as_given(url: &Url, given: &str) -> String {
    let written = url.to_string();
    match written.strip_suffix('/') {
        Some(trimmed) if !given.ends_with('/') => trimmed.to_owned(),
        _ => written,
    }
}

/// `text` with the password in its user info replaced by `***`; text that is
/// not a URL loses everything before its last `@`.
pub fn redacted(text: &str) -> String {
    let with_scheme = if text.contains("://") {
        text.to_owned()
    } else {
        format!("http://{text}")
    };
    match Url::parse(&with_scheme) {
        Ok(mut url) if url.password().is_some() => {
            // Fails only for URLs that cannot have user info, which this one has.
            let _ = url.set_password(Some("***"));
            let shown = as_given(&url, &with_scheme);
            if text.contains("://") {
                shown
            } else {
                shown.trim_start_matches("http://").to_owned()
            }
        }
        Ok(_) => text.to_owned(),
        Err(_) => match text.rsplit_once('@') {
            Some((before, after)) => {
                let scheme = before
                    .split_once("://")
                    .map(|(s, _)| format!("{s}://"))
                    .unwrap_or_default();
                format!("{scheme}***@{after}")
            }
            None => text.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn hides_the_password_and_keeps_the_rest() {
        assert_eq!(redacted("http://alice:pw@host:3128"), "http://alice:***@host:3128");
        assert_eq!(
            redacted("http://alice:p%40ss@10.0.0.1:8080/"),
            "http://alice:***@10.0.0.1:8080/"
        );
        assert_eq!(redacted("alice:pw@proxy.corp:3128"), "alice:***@proxy.corp:3128");
        assert_eq!(
            redacted("socks5://bob:hunter2@127.0.0.1:1080"),
            "socks5://bob:***@127.0.0.1:1080"
        );
        assert_eq!(redacted("http://proxy.corp:3128"), "http://proxy.corp:3128");
        assert_eq!(redacted("http://alice@proxy.corp:3128"), "http://alice@proxy.corp:3128");
        let broken = redacted("http://al ice:hunter2@[bad");
        assert!(!broken.contains("hunter2"), "{broken}");
    }
}
