//! What the app keeps: refresh tokens in the OS keychain (and only there),
//! and the history of runs (no secrets) in the app's data folder.

mod chunks;
mod history;
mod keychain;

pub use chunks::{join, split, CHUNK_CHARS};
pub use history::{History, HistoryEntry, HistoryRow};
pub use keychain::{Keychain, StoreError};
