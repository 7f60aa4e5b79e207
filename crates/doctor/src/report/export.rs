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
    // Whole or not at all: a reader never sees a half-written report.
    match crate::store::write_whole(&path, text.as_bytes()) {
        Ok(()) => Ok((path, format)),
        Err(source) => Err(ExportError::Write { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use std::io::Read;
    use std::time::Duration;

    /// A report saved over an older one replaces it whole: a reader (the
    /// e2e suite, a user's mail client attaching it) never sees an empty or
    /// half-written file. `fs::write` truncated the file in place. On Unix a
    /// reader that had the older file open goes on reading it; Windows
    /// refuses to replace a file that is open, so there the report is
    /// written in place (whole, as before).
    #[tokio::test]
    async fn saving_over_an_older_report_replaces_it_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("report.json");
        std::fs::write(&path, "older report").expect("older");
        let mut reader = std::fs::File::open(&path).expect("open older");
        let gathered = crate::report::gather(&Profile::defaults(), None, None, None, Duration::from_secs(1)).await;

        let (saved, format) = save(&path, &gathered, Utc::now(), true).expect("saved");

        assert_eq!((saved.as_path(), format), (path.as_path(), Format::Json));
        let mut older = String::new();
        reader.read_to_string(&mut older).expect("read");
        if cfg!(unix) {
            assert_eq!(older, "older report", "the file was rewritten in place");
        }
        let text = std::fs::read_to_string(&path).expect("new report");
        assert!(text.trim_end().ends_with('}'), "{text}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["report.json"], "nothing is left beside it");
    }
}
