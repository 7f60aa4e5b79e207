//! The CLI's one way to read FILE-or-stdin input (`decode`, `explain`,
//! `report --error`): FILE, or stdin when FILE is absent or `-`; at most
//! `limit` bytes; invalid UTF-8 read leniently (the parsers judge the text).

use doctor::aadsts::{read_file_end, read_stream_end};
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
/// log's newest error is at its end. The engine's readers, which the app
/// uses too: a file is read from `len - keep`; stdin is read through, but at
/// most `MAX_STREAM_BYTES` of it, so an endless stream still ends.
pub fn read_input_end(file: Option<&Path>, keep: usize) -> Result<(String, u64), InputError> {
    match file {
        Some(path) if path.as_os_str() != "-" => read_file_end(path, keep).map_err(|error| InputError {
            source_name: path.display().to_string(),
            error,
        }),
        _ => read_stream_end(std::io::stdin().lock(), keep).map_err(|error| InputError {
            source_name: "stdin".to_owned(),
            error,
        }),
    }
}

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
