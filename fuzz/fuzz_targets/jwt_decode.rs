//! Any bytes as a pasted token: decoding and judging must give a verdict or
//! a named error, never panic.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let now = Utc.timestamp_opt(1_800_000_000, 0).single().unwrap_or_default();
    if let Ok((token, inspection)) = doctor::token::inspect(&text, now) {
        let _ = doctor::token::compare_with_request(&token, &["https://graph.microsoft.com/User.Read".to_owned()]);
        let _ = serde_json_len(&inspection);
    }
});

fn serde_json_len(inspection: &doctor::token::Inspection) -> usize {
    inspection.verdicts.len() + inspection.explained_claims.len()
}
