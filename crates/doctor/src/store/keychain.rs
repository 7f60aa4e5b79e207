//! The OS keychain through the `keyring` crate: Windows Credential Manager,
//! macOS Keychain, Secret Service on Linux (the kernel keyring when no
//! Secret Service runs). Calls block, so async callers go through
//! `bounded_call::within` (a blocking thread, waited on for a bounded time).

use super::chunks;
use super::token_store::{StoreError, TokenStore};
use crate::secret::Secret;

const SERVICE: &str = "Sign-in Doctor";

/// The refresh tokens of every profile, one keychain item (or a few, when
/// long) per profile.
#[derive(Clone, Debug, Default)]
pub struct Keychain;

impl TokenStore for Keychain {
    fn save_refresh_token(&self, profile_key: &str, token: &Secret<String>) -> Result<(), StoreError> {
        self.forget(profile_key)?;
        let (head, parts) = chunks::split(token.expose());
        for (i, part) in parts.iter().enumerate() {
            entry(&part_name(profile_key, i))?
                .set_password(part)
                .map_err(classify)?;
        }
        // The header goes last: a save cut short leaves no header, so no half token is ever read.
        entry(&header_name(profile_key))?.set_password(&head).map_err(classify)
    }

    fn load_refresh_token(&self, profile_key: &str) -> Result<Option<Secret<String>>, StoreError> {
        let head = match entry(&header_name(profile_key))?.get_password() {
            Ok(head) => head,
            Err(keyring::Error::NoEntry) => return Ok(None),
            Err(e) => return Err(classify(e)),
        };
        let Some((count, _)) = chunks::header(&head) else {
            return Ok(None);
        };
        let mut parts = Vec::with_capacity(count);
        for i in 0..count {
            match entry(&part_name(profile_key, i))?.get_password() {
                Ok(part) => parts.push(part),
                Err(keyring::Error::NoEntry) => return Ok(None),
                Err(e) => return Err(classify(e)),
            }
        }
        Ok(chunks::join(&head, &parts).map(Secret::new))
    }

    fn forget(&self, profile_key: &str) -> Result<(), StoreError> {
        let head = match entry(&header_name(profile_key))?.get_password() {
            Ok(head) => Some(head),
            Err(keyring::Error::NoEntry) => None,
            Err(e) => return Err(classify(e)),
        };
        delete(&header_name(profile_key))?;
        let count = head.as_deref().and_then(chunks::header).map_or(0, |(count, _)| count);
        // Also sweep parts a cut-short save may have left behind its header.
        for i in 0..count.max(8) {
            delete(&part_name(profile_key, i))?;
        }
        Ok(())
    }
}

fn header_name(profile_key: &str) -> String {
    format!("{profile_key}/refresh_token")
}

fn part_name(profile_key: &str, index: usize) -> String {
    format!("{profile_key}/refresh_token/{index}")
}

pub(super) fn entry(name: &str) -> Result<keyring::Entry, StoreError> {
    keyring::Entry::new(SERVICE, name).map_err(classify)
}

pub(super) fn delete(name: &str) -> Result<(), StoreError> {
    match entry(name)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(classify(e)),
    }
}

pub(super) fn classify(e: keyring::Error) -> StoreError {
    match e {
        keyring::Error::NoStorageAccess(why) => StoreError::Unavailable(why.to_string()),
        keyring::Error::PlatformFailure(why) => StoreError::Unavailable(why.to_string()),
        other => StoreError::Failed(other.to_string()),
    }
}
