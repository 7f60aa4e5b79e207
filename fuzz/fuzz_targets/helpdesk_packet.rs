//! Any bytes as the packet a user sent, which help-desk double-clicks or
//! pastes: through `helpdesk::packet::read_text` (half the inputs, as text)
//! and `read_file` (the other half, written to a real file, so the byte-order
//! marks and UTF-16 are read as the app reads them). Never a panic; the
//! reading is bounded: every value in it is one short line (no control
//! character, at most 4,096 characters), there are at most 64 notes, and the
//! lookup's input made from it names only what the reading holds.
#![no_main]

use doctor::helpdesk::packet::{read_file, read_text, PacketReading};
use doctor::helpdesk::LookupInput;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const MAX_CHARS: usize = 4096;

fn bounded(value: &Value, path: &str) {
    match value {
        Value::String(s) => {
            assert!(
                s.chars().count() <= MAX_CHARS,
                "{path}: {} characters",
                s.chars().count()
            );
            assert!(!s.chars().any(char::is_control), "{path}: a control character in {s:?}");
        }
        Value::Array(items) => {
            assert!(items.len() <= 64, "{path}: {} items", items.len());
            for (i, item) in items.iter().enumerate() {
                bounded(item, &format!("{path}/{i}"));
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields {
                bounded(field, &format!("{path}/{name}"));
            }
        }
        _ => {}
    }
}

fn check(reading: &PacketReading) {
    let json = serde_json::to_value(reading).expect("a reading serialises for the window");
    bounded(&json, "");
    let input = LookupInput::from_packet(reading, true);
    assert_eq!(input.request_id, reading.request_id);
    assert_eq!(input.correlation_id, reading.correlation_id);
    for id in [&reading.request_id, &reading.correlation_id].into_iter().flatten() {
        assert_eq!(id, &id.to_ascii_lowercase(), "an ID in lower case");
    }
    let _ = reading.can_look_up();
}

fuzz_target!(|data: &[u8]| {
    let reading = if data.first().is_some_and(|b| b.is_multiple_of(2)) {
        read_text(&String::from_utf8_lossy(data))
    } else {
        let path = std::env::temp_dir().join(format!("fuzz-helpdesk-packet-{}.json", std::process::id()));
        if std::fs::write(&path, data).is_err() {
            return;
        }
        read_file(&path)
    };
    match reading {
        Ok(reading) => check(&reading),
        // Every refusal has words for help-desk.
        Err(why) => assert!(!why.to_string().is_empty()),
    }
});
