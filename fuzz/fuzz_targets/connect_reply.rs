//! Any bytes as a proxy's answer head to CONNECT (RFC 9110 §9.3.6): the
//! tunnel opens on a 2xx, else a named failure on one line that never
//! prints the proxy's password, never a panic.
#![no_main]

use doctor::network::proxy::{judge_connect_reply, ProxyEndpoint};
use doctor::secret::Secret;
use libfuzzer_sys::fuzz_target;

const PASSWORD: &str = "pw-7Hq2-never-printed";

fuzz_target!(|data: &[u8]| {
    let proxy = ProxyEndpoint {
        host: "proxy.example".to_owned(),
        port: 3128,
        credentials: Some(Secret::new(format!("alice:{PASSWORD}"))),
    };
    match judge_connect_reply(data, &proxy, "login.microsoftonline.com:443") {
        Ok(()) => {
            // Only a 2xx status opens the tunnel.
            let text = String::from_utf8_lossy(data);
            let status = text
                .lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .unwrap_or_default();
            assert!(
                status.parse::<u16>().is_ok_and(|s| (200..300).contains(&s)),
                "{status:?}"
            );
        }
        Err(failure) => {
            // NetworkFailure::summary is one line for the checklist row.
            assert!(!failure.summary.is_empty());
            assert!(!failure.summary.chars().any(char::is_control), "{:?}", failure.summary);
            // Unless the proxy itself said it (control characters are left out of the summary).
            let said: String = String::from_utf8_lossy(data)
                .chars()
                .filter(|c| !c.is_control())
                .collect();
            if !said.contains(PASSWORD) {
                assert!(!failure.summary.contains(PASSWORD));
                assert!(!format!("{failure:?}").contains(PASSWORD));
            }
        }
    }
});
