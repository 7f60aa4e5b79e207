use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The script that opens a URL in headless Chromium (the tests' system browser).
pub fn headless_browser_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("headless-browser.sh")
}

/// Opens `url` the way a user's browser would: it returns at once, while
/// headless Chromium follows the sign-in redirects in the background.
pub fn open_in_headless_chromium(url: &str) -> io::Result<()> {
    let status = Command::new(headless_browser_script())
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "the headless browser script failed: {status}"
        )))
    }
}

/// Whether the real peers that need a session (headless Chromium, a Secret
/// Service, a display) are here. With SIGNIN_DOCTOR_E2E=required (as
/// scripts/test.sh sets) a missing one fails the test instead of skipping it.
pub fn real_session_available() -> bool {
    let required = std::env::var("SIGNIN_DOCTOR_E2E").is_ok_and(|v| v == "required");
    let chromium = Command::new("chromium")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    if chromium && bus {
        return true;
    }
    assert!(
        !required,
        "SIGNIN_DOCTOR_E2E=required but chromium={chromium} session bus={bus}: run through scripts/test.sh"
    );
    eprintln!("skipping: needs chromium and a D-Bus session with a Secret Service (scripts/test.sh provides them)");
    false
}

/// Whether the OS keychain is here: always on Windows (Credential Manager,
/// under Wine too) and macOS; on Linux, a Secret Service on the session bus
/// (scripts/test.sh starts one), as [`real_session_available`] checks.
pub fn real_keychain_available() -> bool {
    cfg!(any(windows, target_os = "macos")) || real_session_available()
}

/// Registers headless Chromium as the default web browser in scratch XDG
/// folders under `dir`, the way a desktop records its default browser, and
/// returns the environment that selects them (XDG_DATA_HOME, XDG_CONFIG_HOME).
/// xdg-open (which the app's opener and the CLI run) asks xdg-mime for the
/// x-scheme-handler/http application; $BROWSER is consulted only when none
/// is registered, and Debian's chromium registers one.
pub fn headless_chromium_as_default_browser(dir: &Path) -> io::Result<Vec<(&'static str, PathBuf)>> {
    let data = dir.join("data");
    let config = dir.join("config");
    std::fs::create_dir_all(data.join("applications"))?;
    std::fs::create_dir_all(&config)?;
    let desktop = format!(
        "[Desktop Entry]\nType=Application\nName=Headless Chromium (tests)\nExec={} %u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
        headless_browser_script().display()
    );
    std::fs::write(data.join("applications/signin-doctor-test-browser.desktop"), desktop)?;
    std::fs::write(
        config.join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/http=signin-doctor-test-browser.desktop\nx-scheme-handler/https=signin-doctor-test-browser.desktop\n",
    )?;
    Ok(vec![("XDG_DATA_HOME", data), ("XDG_CONFIG_HOME", config)])
}
