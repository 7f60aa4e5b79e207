//! Keychain calls block (D-Bus, Keychain Services, Credential Manager), and a
//! Secret Service may wait on an unlock prompt for as long as nobody answers
//! it. So each call runs on a blocking thread, and the caller waits at most
//! `bound`: past it, or when the caller's future is dropped (Cancel, a newer
//! run), the wait ends and the call finishes unobserved. Callers that are
//! not async (saving Settings) use `within_blocking`: the same bound, on a
//! thread of the call's own.

use super::token_store::{StoreError, TokenStore};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::Duration;

pub(crate) async fn within<T: Send + 'static>(
    bound: Duration,
    store: &Arc<dyn TokenStore>,
    call: impl FnOnce(&dyn TokenStore) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let store = Arc::clone(store);
    match tokio::time::timeout(bound, tokio::task::spawn_blocking(move || call(store.as_ref()))).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(e)) => Err(StoreError::Failed(format!("the keychain call did not finish: {e}"))),
        Err(_) => Err(StoreError::TimedOut(bound)),
    }
}

/// `within` for a caller that is not async (Save runs on a blocking thread):
/// the call runs on a thread of its own and the caller waits at most
/// `bound`; past it, the caller goes on and the call finishes unobserved.
pub(crate) fn within_blocking<T: Send + 'static>(
    bound: Duration,
    call: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let (answer, answered) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("keychain call".to_owned())
        .spawn(move || {
            // The caller may have stopped waiting; then nobody reads it.
            let _ = answer.send(call());
        })
        .map_err(|e| StoreError::Failed(format!("the keychain call could not start: {e}")))?;
    match answered.recv_timeout(bound) {
        Ok(answer) => answer,
        Err(RecvTimeoutError::Timeout) => Err(StoreError::TimedOut(bound)),
        Err(RecvTimeoutError::Disconnected) => Err(StoreError::Failed("the keychain call did not finish".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use std::time::Instant;

    #[derive(Debug)]
    struct Stuck;

    impl TokenStore for Stuck {
        fn save_refresh_token(&self, _: &str, _: &Secret<String>) -> Result<(), StoreError> {
            std::thread::sleep(Duration::from_secs(2));
            Ok(())
        }
        fn load_refresh_token(&self, _: &str) -> Result<Option<Secret<String>>, StoreError> {
            Ok(None)
        }
        fn forget(&self, _: &str) -> Result<(), StoreError> {
            Err(StoreError::Failed("refused".to_owned()))
        }
    }

    #[tokio::test]
    async fn the_wait_ends_at_the_bound_and_answers_pass_through() {
        let store: Arc<dyn TokenStore> = Arc::new(Stuck);
        let started = Instant::now();
        let token = Secret::new("t".to_owned());
        let late = within(Duration::from_millis(200), &store, move |s| {
            s.save_refresh_token("k", &token)
        })
        .await;
        assert_eq!(late, Err(StoreError::TimedOut(Duration::from_millis(200))));
        assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
        assert_eq!(
            within(Duration::from_secs(5), &store, |s| s.load_refresh_token("k"))
                .await
                .map(|t| t.is_none()),
            Ok(true)
        );
        assert_eq!(
            within(Duration::from_secs(5), &store, |s| s.forget("k")).await,
            Err(StoreError::Failed("refused".to_owned()))
        );
    }
}
