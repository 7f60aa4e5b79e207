//! Any bytes as the output of `dsregcmd /status` or `app-sso platform -s`:
//! reading it gives the device's state or "not this tool's output", never a
//! panic, and IDs always come out lower-case.
#![no_main]

use doctor::device::{parse_app_sso, parse_dsregcmd};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(status) = parse_dsregcmd(&text) {
        for id in [&status.device_id, &status.tenant_id].into_iter().flatten() {
            assert_eq!(id, &id.to_ascii_lowercase());
        }
        let _ = status.join_type();
    }
    if let Some(status) = parse_app_sso(&text) {
        let _ = status.is_microsoft();
    }
});
