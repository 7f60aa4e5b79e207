//! Any bytes as the history file (one JSON line per run) and as the
//! keychain's chunked refresh token (a `signin-doctor-chunks:v1:N:LEN`
//! header and its parts): the history reads back the runs it can and skips
//! the rest, a chunk set that does not add up is refused, never a panic.
//! The history bytes go through a real file and `History::read`, as the app
//! reads them.
#![no_main]

use doctor::personal::Masking;
use doctor::store::{join, split, History};
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
        dir.join(format!("signin-doctor-fuzz-history-{}.jsonl", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    history(data);
    chunks(&String::from_utf8_lossy(data));
});

fn history(data: &[u8]) {
    let path = scratch_file();
    if std::fs::write(path, data).is_err() {
        return;
    }
    let history = History::at(path.clone());
    let Ok(entries) = history.read(None) else {
        return;
    };
    let lines = data.split(|b| *b == b'\n').count();
    assert!(entries.len() <= lines, "{} entries from {lines} lines", entries.len());
    for entry in &entries {
        for row in &entry.rows {
            // What the window shows, masked or not.
            for masking in [Masking::Off, Masking::Presenter, Masking::HelpDesk] {
                let _ = row.summary_segments.text(masking);
            }
        }
        // The window receives each entry as JSON, and it reads back.
        let json = serde_json::to_string(entry).expect("an entry serialises");
        let back = serde_json::from_str::<doctor::store::HistoryEntry>(&json);
        assert!(back.is_ok(), "{json}");
    }
    if let Some(code) = entries.iter().flat_map(|e| e.codes.first()).next() {
        let found = history.read(Some(*code)).unwrap_or_default();
        assert!(found.iter().all(|e| e.codes.contains(code)));
    }
}

/// The first line as the header entry, the others as its parts.
fn chunks(text: &str) {
    let mut lines = text.split('\n');
    let header = lines.next().unwrap_or_default();
    let parts: Vec<String> = lines.map(str::to_owned).collect();
    if let Some(joined) = join(header, &parts) {
        assert_eq!(joined, parts.concat());
    }
    // Whatever is saved reads back whole.
    if text.chars().count() <= 64 * doctor::store::CHUNK_CHARS {
        let (header, parts) = split(text);
        assert_eq!(join(&header, &parts).as_deref(), Some(text));
    }
}
