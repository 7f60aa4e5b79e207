//! Work a command must not do on the main thread (which paints the window):
//! reading files, running tools, scanning a long paste.

use crate::error::{ErrorKind, IpcError};

/// Runs `work` on a blocking thread and waits for it without blocking anyone.
pub async fn in_background<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| IpcError::new(ErrorKind::Internal, format!("the background task did not finish: {e}")))
}
