//! What the app keeps: refresh tokens in the OS keychain (and only there),
//! and the history of runs (no secrets) in the app's data folder.

mod chunks;
mod history;
mod keychain;
mod private_file;

pub use chunks::{join, split, CHUNK_CHARS};
pub use history::{History, HistoryEntry, HistoryRow};
pub use keychain::{Keychain, StoreError};
pub use private_file::{append_private, create_private_dir, write_atomically};
