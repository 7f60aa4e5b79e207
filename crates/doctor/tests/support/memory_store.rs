//! The keychain, in memory: what a sign-in saved, by key, so a test needs no
//! Secret Service (the keychain's own tests use the real one).

use doctor::secret::Secret;
use doctor::store::{StoreError, TokenStore};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

#[derive(Debug, Default)]
pub struct MemoryStore(Mutex<HashMap<String, String>>);

impl TokenStore for MemoryStore {
    fn save_refresh_token(&self, key: &str, token: &Secret<String>) -> Result<(), StoreError> {
        let mut saved = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        saved.insert(key.to_owned(), token.expose().clone());
        Ok(())
    }

    fn load_refresh_token(&self, key: &str) -> Result<Option<Secret<String>>, StoreError> {
        let saved = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(saved.get(key).cloned().map(Secret::new))
    }

    fn forget(&self, key: &str) -> Result<(), StoreError> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).remove(key);
        Ok(())
    }
}
