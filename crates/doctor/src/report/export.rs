//! Export…: the packet saved in the format its file name asks for.

use super::{Format, Gathered};
use chrono::{DateTime, Utc};
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("Save the report as .md (Markdown), .html (web page) or .json.")]
    UnknownFormat,
    #[error("Could not save {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// Writes the packet to `path` (".md" added when it has no extension).
/// Returns where it went and in which format.
pub fn save(
    path: &Path,
    gathered: &Gathered,
    generated_at: DateTime<Utc>,
    mask_personal: bool,
) -> Result<(PathBuf, Format), ExportError> {
    let path = match path.extension() {
        Some(_) => path.to_path_buf(),
        None => path.with_extension("md"),
    };
    let format = Format::from_path(&path).ok_or(ExportError::UnknownFormat)?;
    let text = format.render(&gathered.packet(generated_at, mask_personal));
    match std::fs::write(&path, text) {
        Ok(()) => Ok((path, format)),
        Err(source) => Err(ExportError::Write { path, source }),
    }
}
