//! Any bytes as a settings file (the TOML an admin deploys or the user's
//! own): the profile loads with each bad part named by line, never a panic.
//! The bytes go through a real file and `profile::load`, as the app reads it.
#![no_main]

use doctor::profile::{load, ConfigLocations};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn scratch_file() -> &'static PathBuf {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        // tmpfs when there is one: a file per input is the slow part.
        let dir = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        dir.join(format!("signin-doctor-fuzz-config-{}.toml", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch_file();
    if std::fs::write(path, data).is_err() {
        return;
    }
    let locations = ConfigLocations {
        system: Some(path.clone()),
        user: None,
    };
    let loaded = load(&locations, &|_| None);
    let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
    for problem in &loaded.problems {
        // A problem's line, when it names one, is a line of the file.
        if let Some(line) = problem.line {
            assert!(line >= 1 && line <= lines, "line {line} of {lines}");
        }
    }
    let _ = doctor::ProfileReport::from(&loaded);
});
