//! Reading a log for the explainer, the one way the CLI and the app both do
//! it: a file is read from `len - keep` (its end, where the newest error is;
//! the bytes before are never read); a stream is read through but only its
//! last `keep` bytes are kept. Invalid UTF-8 is read leniently (the
//! explainer judges the text), and valid text is never copied, so memory
//! stays at about the size of what was kept.

use super::explain::{explain_end_of, Explanation};
use super::extract::MAX_LOG_BYTES;
use serde::Serialize;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// More of a stream than any log: past it, the reading stops (so `yes | …`
/// ends).
pub const MAX_STREAM_BYTES: u64 = 1024 * 1024 * 1024;

/// The last `keep` bytes of the file at `path`, and how many bytes came
/// before them (not read).
pub fn read_file_end(path: &Path, keep: usize) -> std::io::Result<(String, u64)> {
    let mut handle = std::fs::File::open(path)?;
    let len = handle.metadata()?.len();
    let keep_u64 = u64::try_from(keep).unwrap_or(u64::MAX);
    let skip = len.saturating_sub(keep_u64);
    if skip > 0 {
        handle.seek(SeekFrom::Start(skip))?;
    }
    // Room for all of it at once: growing by doubling would hold two copies.
    let expected = usize::try_from(len - skip).unwrap_or(keep).min(keep);
    let mut bytes = Vec::with_capacity(expected);
    handle.take(keep_u64).read_to_end(&mut bytes)?;
    Ok((text_of(bytes), skip))
}

/// The last `keep` bytes of `stream` (read to its end, or to
/// [`MAX_STREAM_BYTES`]), and how many bytes came before them.
pub fn read_stream_end(stream: impl Read, keep: usize) -> std::io::Result<(String, u64)> {
    let mut stream = stream.take(MAX_STREAM_BYTES);
    let mut kept: Vec<u8> = Vec::new();
    let mut dropped = 0u64;
    let mut chunk = vec![0u8; 1 << 20];
    let drop_front = |kept: &mut Vec<u8>, dropped: &mut u64| {
        let excess = kept.len() - keep;
        kept.drain(..excess);
        *dropped += u64::try_from(excess).unwrap_or(u64::MAX);
    };
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        kept.extend_from_slice(&chunk[..n]);
        // Trim in large steps, so the copying stays linear.
        if kept.len() > keep.saturating_mul(2) {
            drop_front(&mut kept, &mut dropped);
        }
    }
    if kept.len() > keep {
        drop_front(&mut kept, &mut dropped);
    }
    Ok((text_of(kept), dropped))
}

/// The bytes as text: as they are when they are UTF-8 (no copy), else with
/// each invalid sequence replaced (a cut character at the start, a binary file).
fn text_of(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// A log file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("Could not read {}: {error}", path.display())]
pub struct ReadLogError {
    pub path: PathBuf,
    #[source]
    pub error: std::io::Error,
}

/// A log file, explained: what was read of it, in words, and the explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainedFile {
    /// The file's name (not its folder).
    pub file_name: String,
    /// Its size when it was read.
    pub bytes: u64,
    /// What was read, e.g. "Read all of az-login.log (10.0 MiB)."
    pub read_words: String,
    pub explanation: Explanation,
}

/// Reads the end of the log at `path` (up to [`MAX_LOG_BYTES`]) and explains
/// it; the answer says what was not read. Blocking: run it off any UI thread.
pub fn explain_file(path: &Path) -> Result<ExplainedFile, ReadLogError> {
    let failed = |error| ReadLogError {
        path: path.to_owned(),
        error,
    };
    let (text, dropped) = read_file_end(path, MAX_LOG_BYTES).map_err(failed)?;
    let read = u64::try_from(text.len()).unwrap_or(u64::MAX);
    let explanation = explain_end_of(&text, dropped);
    drop(text);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = read.saturating_add(dropped);
    let read_words = if dropped == 0 {
        format!("Read all of {file_name} ({}).", size_words(bytes))
    } else {
        format!(
            "Read the last {} of {file_name} ({}); the first {} were not read.",
            size_words(read),
            size_words(bytes),
            size_words(dropped)
        )
    };
    Ok(ExplainedFile {
        file_name,
        bytes,
        read_words,
        explanation,
    })
}

/// "812 bytes", "12.4 KiB", "64.0 MiB".
fn size_words(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.1} MiB", b / (KIB * KIB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_from_its_end_and_the_rest_is_counted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("log.txt");
        std::fs::write(&path, "0123456789").expect("write");
        assert_eq!(read_file_end(&path, 4).expect("read"), ("6789".to_owned(), 6));
        assert_eq!(read_file_end(&path, 40).expect("read"), ("0123456789".to_owned(), 0));
        assert!(read_file_end(&dir.path().join("absent"), 4).is_err());
    }

    #[test]
    fn a_stream_keeps_its_end_and_a_cut_character_is_replaced() {
        let long = "é".repeat(3 << 20);
        let (kept, dropped) = read_stream_end(long.as_bytes(), 5).expect("read");
        assert_eq!(kept.len() + usize::try_from(dropped).expect("small"), long.len() + 2);
        assert!(kept.starts_with('\u{fffd}') && kept.ends_with("éé"), "{kept}");
        assert_eq!(
            read_stream_end(&b"short"[..], 5).expect("read"),
            ("short".to_owned(), 0)
        );
    }

    #[test]
    fn a_log_file_is_explained_and_the_answer_says_what_was_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("az-login.log");
        let log = "DEBUG: nothing here\n".repeat(20_000)
            + "ERROR: AADSTS53003: Access has been blocked by Conditional Access policies. Trace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e\n";
        std::fs::write(&path, &log).expect("write");
        let explained = explain_file(&path).expect("explained");
        assert_eq!(explained.explanation.code, Some(53003));
        assert_eq!(explained.bytes, log.len() as u64);
        assert!(
            explained.read_words.starts_with("Read all of az-login.log ("),
            "{}",
            explained.read_words
        );
        assert!(explained.read_words.ends_with(" KiB)."), "{}", explained.read_words);
        assert_eq!(explained.explanation.not_read, None);
        let missing = explain_file(&dir.path().join("gone.log")).expect_err("no file");
        assert!(missing.to_string().starts_with("Could not read "), "{missing}");
    }
}
