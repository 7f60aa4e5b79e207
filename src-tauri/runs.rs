//! At most one checklist run at a time: starting a new one cancels the old.

use crate::error::IpcError;
use doctor::store::{History, HistoryEntry};
use doctor::{AppError, Diagnosis, ProgressEvent, RunSummary};
use futures::future::{AbortHandle, Abortable};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use tauri::ipc::Channel;

#[derive(Default)]
pub struct Runs {
    next_id: AtomicU64,
    // Held only to swap the handle, never across an await.
    current: Mutex<Option<(u64, AbortHandle)>>,
    /// The last finished run, for the help-desk packet.
    last: Mutex<Option<RunSummary>>,
}

impl Runs {
    pub async fn start(&self, diagnosis: Diagnosis, channel: Channel<ProgressEvent>) -> Result<RunSummary, IpcError> {
        let run_id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let sink = Arc::new(move |event: ProgressEvent| {
            // The window may have closed; there is nobody to tell then.
            let _ = channel.send(event);
        });
        let (handle, registration) = AbortHandle::new_pair();
        self.replace(Some((run_id, handle)));
        // Dropping the run's future on abort closes its sockets at once.
        let outcome = Abortable::new(diagnosis.run(run_id, sink), registration).await;
        self.clear_if(run_id);
        let summary = outcome.map_err(|_| AppError::RunReplaced)?;
        *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(summary.clone());
        record_in_history(&summary);
        Ok(summary)
    }

    pub fn last_summary(&self) -> Option<RunSummary> {
        self.last.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Cancels the run in flight, if any. Returns whether one was running.
    pub fn cancel(&self) -> bool {
        self.replace(None)
    }

    fn replace(&self, next: Option<(u64, AbortHandle)>) -> bool {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        match std::mem::replace(&mut *current, next) {
            Some((_, previous)) => {
                previous.abort();
                true
            }
            None => false,
        }
    }

    fn clear_if(&self, run_id: u64) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if current.as_ref().is_some_and(|(id, _)| *id == run_id) {
            *current = None;
        }
    }
}

/// Keeps the run in the local history; a history that cannot be written is logged, not fatal.
fn record_in_history(summary: &RunSummary) {
    let Some(history) = History::for_this_user() else {
        return;
    };
    if let Err(e) = history.append(&HistoryEntry::from_run(summary)) {
        log::warn!("could not add the run to {}: {e}", history.path().display());
    }
}
