//! The local history of runs: one JSON line per run in the app's data
//! folder, with verdicts, codes and IDs but no secrets, so past failures can
//! be found again ("filter for 53003").

use crate::checks::{RunSummary, Status};
use crate::personal::Marked;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// Past this size the file keeps only its newer half.
const MAX_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub id: String,
    pub title: String,
    #[serde(flatten, with = "crate::checks::status_word::status")]
    pub status: Status,
    pub summary: String,
    /// `summary` with its personal values marked (left out when it has none).
    #[serde(default, skip_serializing_if = "Marked::is_unmarked")]
    pub summary_segments: Marked,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub started_at: DateTime<Utc>,
    #[serde(flatten, with = "crate::checks::status_word::overall")]
    pub overall: Status,
    /// Every AADSTS code the run's rows name, for filtering.
    pub codes: Vec<u32>,
    /// The run's headline diagnosis (runs saved before it existed have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<crate::headline::Headline>,
    pub rows: Vec<HistoryRow>,
}

impl HistoryEntry {
    pub fn from_run(run: &RunSummary) -> Self {
        let rows: Vec<HistoryRow> = run
            .results
            .iter()
            .map(|r| HistoryRow {
                id: r.id.to_string(),
                title: r.title.clone(),
                status: r.status,
                summary: r.summary.clone(),
                summary_segments: r.marked_summary().into_marks(),
            })
            .collect();
        // The explainer's reader finds the codes, whatever row wrote them.
        let text: Vec<String> = run
            .results
            .iter()
            .flat_map(|r| {
                std::iter::once(r.summary.clone()).chain(r.evidence.iter().map(|e| format!("{}: {}", e.label, e.value)))
            })
            .collect();
        Self {
            started_at: run.started_at,
            overall: run.overall,
            codes: crate::aadsts::extract(&text.join("\n")).codes,
            diagnosis: run.diagnosis.clone(),
            rows,
        }
    }
}

impl HistoryEntry {
    /// A line written before summaries carried marks has its addresses marked now.
    fn with_addresses_marked(mut self) -> Self {
        for row in &mut self.rows {
            row.summary_segments = Marked::from_wire(&row.summary, &row.summary_segments).into_marks();
        }
        self
    }
}

pub struct History {
    path: PathBuf,
}

/// Why the list of past runs could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("This system has no folder for the app's data.")]
    NoDataFolder,
    #[error("Could not read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
}

impl History {
    /// `SIGNIN_DOCTOR_DATA_DIR`, or the OS data folder (~/.local/share, AppData, Application Support).
    pub fn for_this_user() -> Option<Self> {
        let dir = std::env::var_os("SIGNIN_DOCTOR_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs::data_local_dir().map(|d| d.join("signin-doctor")))?;
        Some(Self::at(dir.join("history.jsonl")))
    }

    /// This user's past runs, newest first; with `code`, only those that named it.
    pub fn list_for_this_user(code: Option<u32>) -> Result<Vec<HistoryEntry>, HistoryError> {
        let history = Self::for_this_user().ok_or(HistoryError::NoDataFolder)?;
        history.read(code).map_err(|source| HistoryError::Read {
            path: history.path.clone(),
            source,
        })
    }

    pub fn at(path: PathBuf) -> Self {
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn append(&self, entry: &HistoryEntry) -> io::Result<()> {
        self.trim()?;
        let line = serde_json::to_string(entry).map_err(io::Error::other)?;
        let mut file = super::append_private(&self.path)?;
        writeln!(file, "{line}")
    }

    /// Newest first; with `code`, only runs that named it. Unreadable lines are skipped.
    pub fn read(&self, code: Option<u32>) -> io::Result<Vec<HistoryEntry>> {
        let file = match std::fs::File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut entries: Vec<HistoryEntry> = io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|line| serde_json::from_str(&line).ok())
            .map(HistoryEntry::with_addresses_marked)
            .filter(|e: &HistoryEntry| code.is_none_or(|c| e.codes.contains(&c)))
            .collect();
        entries.reverse();
        Ok(entries)
    }

    fn trim(&self) -> io::Result<()> {
        let size = match std::fs::metadata(&self.path) {
            Ok(meta) => meta.len(),
            Err(_) => return Ok(()),
        };
        if size <= MAX_BYTES {
            return Ok(());
        }
        let text = std::fs::read_to_string(&self.path)?;
        let lines: Vec<&str> = text.lines().collect();
        let keep = lines[lines.len() / 2..].join("\n");
        super::write_atomically(&self.path, format!("{keep}\n").as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{CheckId, CheckResult, Evidence};
    use chrono::TimeZone;

    fn run(code_text: &str, at: i64) -> RunSummary {
        let started_at = Utc.timestamp_opt(at, 0).single().unwrap_or_default();
        RunSummary {
            run_id: 1,
            started_at,
            elapsed_ms: 10,
            overall: Status::Fail,
            results: vec![CheckResult {
                id: CheckId::from_static("signin"),
                title: "Sign-in".to_owned(),
                status: Status::Fail,
                summary: code_text.to_owned(),
                summary_segments: Default::default(),
                evidence: vec![Evidence::new(
                    "Trace ID (Request ID)",
                    "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e",
                )],
                fix_steps: Vec::new(),
                actions: Vec::new(),
                started_at,
                elapsed_ms: 5,
                timed_out: false,
                signals: Vec::new(),
            }],
            diagnosis: None,
        }
    }

    #[test]
    fn runs_are_kept_newest_first_and_found_by_code() {
        let dir = tempfile::tempdir().expect("dir");
        let history = History::at(dir.path().join("h/history.jsonl"));
        history
            .append(&HistoryEntry::from_run(&run(
                "AADSTS53003: Access has been blocked.",
                1_000,
            )))
            .expect("append");
        history
            .append(&HistoryEntry::from_run(&run("AADSTS50076: MFA required.", 2_000)))
            .expect("append");
        std::fs::OpenOptions::new()
            .append(true)
            .open(history.path())
            .and_then(|mut f| writeln!(f, "not json"))
            .expect("a damaged line");
        let all = history.read(None).expect("read");
        assert_eq!(all.len(), 2, "the damaged line is skipped");
        assert_eq!(all[0].codes, vec![50076]);
        let blocked = history.read(Some(53003)).expect("read");
        assert_eq!(blocked.len(), 1);
        assert_eq!(blocked[0].rows[0].summary, "AADSTS53003: Access has been blocked.");
        assert!(History::at(dir.path().join("missing.jsonl"))
            .read(None)
            .expect("read")
            .is_empty());
    }

    #[test]
    fn a_line_written_before_marks_has_its_addresses_marked_when_read() {
        let dir = tempfile::tempdir().expect("dir");
        let history = History::at(dir.path().join("history.jsonl"));
        std::fs::write(
            history.path(),
            r#"{"started_at":"2026-11-26T12:00:00Z","overall":"pass","codes":[],"rows":[{"id":"signin","title":"Sign-in","status":"pass","summary":"Signed in as alice@contoso.example."}]}"#,
        )
        .expect("an older line");
        let entries = history.read(None).expect("read");
        let row = &entries[0].rows[0];
        assert_eq!(row.summary, "Signed in as alice@contoso.example.");
        assert_eq!(
            row.summary_segments.text(crate::personal::Masking::Presenter),
            "Signed in as a•••@c•••.example."
        );
    }

    #[cfg(unix)]
    #[test]
    fn history_is_readable_by_this_user_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let history = History::at(dir.path().join("data/history.jsonl"));
        history
            .append(&HistoryEntry::from_run(&run("AADSTS53003", 1_000)))
            .expect("append");
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(history.path()), 0o600);
        assert_eq!(mode(&dir.path().join("data")), 0o700);
    }

    #[test]
    fn entries_carry_the_engine_words_and_older_lines_still_read() {
        let entry = HistoryEntry::from_run(&run("AADSTS53003: Access has been blocked.", 1_000));
        let value = serde_json::to_value(&entry).expect("json");
        assert_eq!(value["overall"], "fail");
        assert_eq!(value["overall_word"], "Fail");
        assert_eq!(value["rows"][0]["status"], "fail");
        assert_eq!(value["rows"][0]["status_word"], "Fail");
        let back: HistoryEntry = serde_json::from_value(value).expect("reads back");
        assert_eq!(back, entry);
        // A line written before the words were added.
        let older = r#"{"started_at":"2024-01-01T00:00:00Z","overall":"warn","codes":[],"rows":[{"id":"clock","title":"Clock","status":"warn","summary":"Off by 3 minutes."}]}"#;
        let read: HistoryEntry = serde_json::from_str(older).expect("reads");
        assert_eq!((read.overall, read.rows[0].status), (Status::Warn, Status::Warn));
    }
}
