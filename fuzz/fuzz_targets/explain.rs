//! Any bytes as pasted error text: the explainer returns an answer, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let explanation = doctor::aadsts::explain(&text);
    // Every GUID it reports is one it read, lower-cased.
    for id in [&explanation.trace_id, &explanation.correlation_id, &explanation.app_id]
        .into_iter()
        .flatten()
    {
        // A GUID, or a Microsoft account page's 32 hex digits (read as written).
        assert!(id.len() == 36 || id.len() == 32, "{id}");
        assert_eq!(id, &id.to_ascii_lowercase());
    }
});
