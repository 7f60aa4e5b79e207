//! The small pages the browser tab shows after the redirect.

use super::entra_error::SignInError;
// Everything shown came from the request, so none of it may become markup.
use crate::report::escape::html as escape;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} - Sign-in Doctor</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;line-height:1.5}}\
         code{{font-size:.95em}}</style></head><body><h1>{title}</h1>{body}</body></html>",
        title = escape(title)
    )
}

pub fn success() -> String {
    page(
        "Signed in",
        "<p>Sign-in Doctor has what it needs. You can close this tab and go back to the app.</p>",
    )
}

pub fn failure(error: &SignInError) -> String {
    let mut rows = String::new();
    let mut row = |label: &str, value: Option<&str>| {
        if let Some(value) = value {
            rows.push_str(&format!("<li>{}: <code>{}</code></li>", escape(label), escape(value)));
        }
    };
    row("Error", Some(&error.to_string()));
    row("Trace ID", error.trace_id.as_deref());
    row("Correlation ID", error.correlation_id.as_deref());
    row("Timestamp", error.timestamp.as_deref());
    page(
        "Sign-in was refused",
        &format!("<ul>{rows}</ul><p>Sign-in Doctor has recorded these details. You can close this tab and go back to the app.</p>"),
    )
}

pub fn refused(why: &str) -> String {
    page("Not accepted", &format!("<p>{}</p>", escape(why)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_text_from_the_redirect_cannot_inject_markup() {
        let e = SignInError::from_redirect("access_denied", Some("<script>alert(1)</script>"), None);
        let html = failure(&e);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }
}
