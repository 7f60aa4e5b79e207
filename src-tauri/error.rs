//! The one error type every command returns. The UI branches on `kind`,
//! never on the message text.

use doctor::profile::SaveError;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The user's input was refused; the message says why.
    InvalidInput,
    /// A config file could not be used as it is.
    Config,
    /// Reading or writing a file, or the clipboard, failed.
    Io,
    /// A newer run replaced this one.
    Cancelled,
    /// Something of the same kind is already in progress.
    Busy,
    /// A bug: the app should never get here.
    Internal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
}

impl IpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl From<SaveError> for IpcError {
    fn from(e: SaveError) -> Self {
        let kind = match e {
            SaveError::Invalid { .. } | SaveError::UnknownSetting(_) => ErrorKind::InvalidInput,
            SaveError::Malformed { .. } | SaveError::NoUserFile => ErrorKind::Config,
            SaveError::Io { .. } => ErrorKind::Io,
        };
        Self::new(kind, e.to_string())
    }
}
