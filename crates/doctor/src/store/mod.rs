//! Where sign-in state lives: refresh tokens in the OS keychain, and only there.

mod chunks;
mod keychain;

pub use chunks::{join, split, CHUNK_CHARS};
pub use keychain::{Keychain, StoreError};
