//! What the app keeps: refresh tokens and proxy passwords in the OS keychain
//! (and only there), and the history of runs (no secrets) in the app's data
//! folder.

mod bounded_call;
mod chunks;
mod history;
mod keychain;
mod private_file;
mod proxy_password;
mod token_store;

pub(crate) use bounded_call::{within, within_blocking};
pub use chunks::{join, split, CHUNK_CHARS};
pub use history::{History, HistoryEntry, HistoryError, HistoryRow};
pub use keychain::Keychain;
pub use private_file::{append_private, create_private_dir, make_private, write_atomically, write_whole};
pub use proxy_password::{proxy_password_within, ProxyAccount, ProxyPasswords};
pub use token_store::{StoreError, TokenStore};
