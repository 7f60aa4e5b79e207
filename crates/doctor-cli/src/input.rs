//! The CLI's one way to read FILE-or-stdin input (`decode`, `explain`,
//! `report --error`): FILE, or stdin when FILE is absent or `-`; at most
//! `limit` bytes; invalid UTF-8 read leniently (the parsers judge the text).

use std::io::Read;
use std::path::Path;

/// Input that could not be read: exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("could not read {source_name}: {error}")]
pub struct InputError {
    source_name: String,
    error: std::io::Error,
}

/// The last `keep` bytes of FILE or stdin, and how many came before them: a
/// log's newest error is at its end. A file is read from `len - keep`;
/// stdin is read through, but at most `MAX_STDIN_BYTES` of it, so an endless
/// stream still ends.
pub fn read_input_end(file: Option<&Path>, keep: usize) -> Result<(String, u64), InputError> {
    use std::io::{Seek, SeekFrom};
    let keep_u64 = u64::try_from(keep).unwrap_or(u64::MAX);
    match file {
        Some(path) if path.as_os_str() != "-" => {
            let failed = |error| InputError {
                source_name: path.display().to_string(),
                error,
            };
            let mut handle = std::fs::File::open(path).map_err(failed)?;
            let len = handle.metadata().map_err(failed)?.len();
            let skip = len.saturating_sub(keep_u64);
            if skip > 0 {
                handle.seek(SeekFrom::Start(skip)).map_err(failed)?;
            }
            let mut bytes = Vec::new();
            handle.take(keep_u64).read_to_end(&mut bytes).map_err(failed)?;
            Ok((String::from_utf8_lossy(&bytes).into_owned(), skip))
        }
        _ => {
            let mut stdin = std::io::stdin().take(MAX_STDIN_BYTES);
            let mut kept: Vec<u8> = Vec::new();
            let mut dropped = 0u64;
            let mut chunk = vec![0u8; 1 << 20];
            loop {
                let n = stdin.read(&mut chunk).map_err(|error| InputError {
                    source_name: "stdin".to_owned(),
                    error,
                })?;
                if n == 0 {
                    break;
                }
                kept.extend_from_slice(&chunk[..n]);
                // Trim in large steps, so the copying stays linear.
                if kept.len() > keep.saturating_mul(2) {
                    let excess = kept.len() - keep;
                    kept.drain(..excess);
                    dropped += u64::try_from(excess).unwrap_or(u64::MAX);
                }
            }
            if kept.len() > keep {
                let excess = kept.len() - keep;
                kept.drain(..excess);
                dropped += u64::try_from(excess).unwrap_or(u64::MAX);
            }
            Ok((String::from_utf8_lossy(&kept).into_owned(), dropped))
        }
    }
}

/// More of stdin than any log: past it, the reading stops (`yes | … explain` ends).
const MAX_STDIN_BYTES: u64 = 1024 * 1024 * 1024;

pub fn read_input(file: Option<&Path>, limit: usize) -> Result<String, InputError> {
    let limit = u64::try_from(limit).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    let read = match file {
        Some(path) if path.as_os_str() != "-" => std::fs::File::open(path)
            .and_then(|handle| handle.take(limit).read_to_end(&mut bytes))
            .map_err(|error| InputError {
                source_name: path.display().to_string(),
                error,
            }),
        _ => std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|error| InputError {
                source_name: "stdin".to_owned(),
                error,
            }),
    };
    read?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
