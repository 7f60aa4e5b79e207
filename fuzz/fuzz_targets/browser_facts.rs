//! Any bytes as the output of the default-browser commands (`reg query
//! …\UserChoice /v ProgId` on Windows, `defaults read … LSHandlers` on
//! macOS, `xdg-settings get default-web-browser` or $BROWSER on Linux) and
//! as the Linux Identity Broker's path: the browser is named with its
//! device-signal advice, or not found, never a panic; the device state for
//! What If is always worded.
#![no_main]

use doctor::device::{describe_browser, parse_macos_handlers, parse_windows_prog_id, DeviceContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut found = vec![text.trim().to_owned()];
    if let Some(prog_id) = parse_windows_prog_id(&text) {
        assert!(!prog_id.contains(['\n', '\r']), "{prog_id:?}");
        found.push(prog_id);
    }
    if let Some(bundle) = parse_macos_handlers(&text) {
        found.push(bundle);
    }
    for id in &found {
        for os in ["windows", "macos", "linux", "freebsd"] {
            let browser = describe_browser(id, os);
            assert_eq!(&browser.id, id);
            assert!(!browser.advice.is_empty());
            let context = DeviceContext {
                os: os.to_owned(),
                platform: os.to_owned(),
                facts: Vec::new(),
                dsreg: None,
                platform_sso: None,
                identity_broker: Some(text.clone().into_owned()),
                browser: Some(browser),
            };
            assert!(!context.device_state().is_empty());
            let _ = context.known_to_entra();
            assert!(context.browser_can_carry_signal().is_some());
        }
    }
});
