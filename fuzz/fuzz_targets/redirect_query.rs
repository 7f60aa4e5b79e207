//! Any bytes as the request that comes back to the loopback redirect
//! listener (RFC 8252 §7.3): a redirect or a named refusal, never a panic,
//! and never a code accepted without the sign-in's `state` (RFC 6749 §10.12).
#![no_main]

use doctor::signin::{judge_request, Redirect};
use libfuzzer_sys::fuzz_target;
use url::Url;

const STATE: &str = "state-1";

fuzz_target!(|data: &[u8]| {
    let Ok(redirect_uri) = Url::parse("http://127.0.0.1:5000/") else {
        return;
    };
    // Half the inputs are a whole request head; the others only its query,
    // so the fuzzer spends its time on the parameters.
    let head = match data.split_first() {
        Some((selector, rest)) if selector % 2 == 0 => {
            let mut head = b"GET /?".to_vec();
            head.extend_from_slice(rest);
            head.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            head
        }
        _ => data.to_vec(),
    };
    match judge_request(&redirect_uri, &head, STATE) {
        Ok(Redirect::Code { .. }) | Ok(Redirect::Error(_)) => {
            // Only a request naming this sign-in's state ends the wait.
            let decoded = percent_encoding::percent_decode(&head).decode_utf8_lossy();
            assert!(
                decoded.contains(&format!("state={STATE}")),
                "accepted without the state: {decoded:?}"
            );
        }
        Err(refusal) => assert!(matches!(refusal.status(), 400 | 404) && !refusal.reason().is_empty()),
    }
});
