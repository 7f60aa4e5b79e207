//! The layering rule of DESIGN.md, made impossible to break quietly: only
//! `ui/api.js` talks to Tauri. Every other UI file renders plain data, so a
//! view can never call a command of its own (the engine's crates are kept
//! free of Tauri by the `cargo deny` ban in deny.toml). The engine's import
//! circles that were untied stay untied.

use std::path::{Path, PathBuf};

/// What only `ui/api.js` may write: the global Tauri object, and a command call.
const TAURI_ONLY: [&str; 2] = ["__TAURI__", "invoke("];

fn ui_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            ui_files(&path, found);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "mjs" | "html" | "css")
        ) {
            found.push(path);
        }
    }
}

#[test]
fn only_api_js_talks_to_tauri() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let api = ui.join("api.js");
    let mut files = Vec::new();
    ui_files(&ui, &mut files);
    assert!(files.len() > 5, "expected the UI's files under {}", ui.display());

    let mut offences = Vec::new();
    for file in files.iter().filter(|f| **f != api) {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        for (number, line) in text.lines().enumerate() {
            for word in TAURI_ONLY.iter().filter(|w| line.contains(**w)) {
                offences.push(format!("{}:{}: {word}", file.display(), number + 1));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "only ui/api.js may talk to Tauri:\n{}",
        offences.join("\n")
    );

    // The rule must bite where it matters: api.js itself is the gateway.
    let gateway = std::fs::read_to_string(&api).expect("ui/api.js");
    assert!(
        gateway.contains("__TAURI__"),
        "ui/api.js no longer reaches Tauri: update this test"
    );
}

/// The engine's import circles that were untied, kept untied: a file (or
/// every file under a folder) of `crates/doctor/src` that must not name a
/// module, in a `use` line or a path. Each folder's files stand above what
/// they use.
const MUST_NOT_USE: [(&str, &str); 5] = [
    // The network owns the proxy setting; the profile uses the network.
    ("network/proxy", "crate::profile"),
    // reauthenticate runs the two ways of signing in; they do not call back,
    // and what they share lives below them in signin/run.rs.
    ("signin/interactive.rs", "reauthenticate"),
    ("signin/device_code.rs", "reauthenticate"),
    ("signin/device_code.rs", "super::interactive"),
    ("signin/interactive.rs", "super::device_code"),
];

fn rust_files(path: &Path, found: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let entries = std::fs::read_dir(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        for entry in entries {
            rust_files(&entry.expect("directory entry").path(), found);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        found.push(path.to_owned());
    }
}

#[test]
fn untied_import_circles_stay_untied() {
    let engine = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/doctor/src");
    let mut offences = Vec::new();
    for (place, forbidden) in MUST_NOT_USE {
        let mut files = Vec::new();
        rust_files(&engine.join(place), &mut files);
        assert!(!files.is_empty(), "{place} is gone: update MUST_NOT_USE");
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
            for (number, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if !code.starts_with("//") && code.contains(forbidden) {
                    offences.push(format!("{}:{}: {forbidden}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "an import circle came back (see MUST_NOT_USE):\n{}",
        offences.join("\n")
    );
}
