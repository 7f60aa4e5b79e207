//! Any bytes as the request that comes back to the loopback redirect
//! listener, and as a redirect's error, error_description and error_uri:
//! the page the browser tab gets back is built without a panic, and nothing
//! from the request becomes markup (no tag but the page's own).
#![no_main]

use doctor::signin::pages::{failure, refused, success};
use doctor::signin::{judge_request, Redirect, SignInError};
use libfuzzer_sys::fuzz_target;
use url::Url;

const STATE: &str = "state-1";

/// The only tags the pages write.
const OUR_TAGS: [&str; 11] = [
    "!doctype", "html", "head", "meta", "title", "style", "body", "h1", "p", "ul", "li",
];

fuzz_target!(|data: &[u8]| {
    let Ok(redirect_uri) = Url::parse("http://127.0.0.1:5000/") else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    // As the listener answers: the request judged, then its page.
    let head = format!("GET /?state={STATE}&{text} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    for head in [head.as_bytes(), data] {
        let page = match judge_request(&redirect_uri, head, STATE) {
            Ok(Redirect::Code { .. }) => success(),
            Ok(Redirect::Error(error)) => failure(&error),
            Err(refusal) => refused(refusal.reason()),
        };
        only_our_tags(&page);
    }
    // The error's parts straight in, decoded as the query would give them.
    let mut parts = text.split('\u{1f}');
    let error = parts.next().unwrap_or_default();
    let error = SignInError::from_redirect(error, parts.next(), parts.next());
    only_our_tags(&failure(&error));
});

/// Every `<` in the page opens one of the page's own tags.
fn only_our_tags(page: &str) {
    for (at, _) in page.match_indices('<') {
        let name: String = page[at + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>')
            .collect();
        let name = name.trim_start_matches('/');
        assert!(OUR_TAGS.contains(&name) || name == "code", "a tag <{name}> in {page}");
    }
}
