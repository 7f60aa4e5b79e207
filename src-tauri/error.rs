//! The one error type every command returns. The UI branches on `kind`,
//! never on the message text. The words come from the engine's error types;
//! here each only gets its kind.

use doctor::profile::SaveError;
use doctor::report::ExportError;
use doctor::signin::{ForgetError, SessionTokenError};
use doctor::store::HistoryError;
use doctor::token::NotAToken;
use doctor::AppError;
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

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        let kind = match e {
            AppError::Clipboard(_) | AppError::HelpPage(_) => ErrorKind::Io,
            AppError::DialogClosed => ErrorKind::Internal,
            AppError::Location(_) => ErrorKind::InvalidInput,
            AppError::SignInBusy => ErrorKind::Busy,
            AppError::RunReplaced => ErrorKind::Cancelled,
        };
        Self::new(kind, e.to_string())
    }
}

impl From<ExportError> for IpcError {
    fn from(e: ExportError) -> Self {
        let kind = match e {
            ExportError::UnknownFormat => ErrorKind::InvalidInput,
            ExportError::Write { .. } => ErrorKind::Io,
        };
        Self::new(kind, e.to_string())
    }
}

impl From<HistoryError> for IpcError {
    fn from(e: HistoryError) -> Self {
        Self::new(ErrorKind::Io, e.to_string())
    }
}

impl From<ForgetError> for IpcError {
    fn from(e: ForgetError) -> Self {
        Self::new(ErrorKind::Io, e.to_string())
    }
}

impl From<NotAToken> for IpcError {
    fn from(e: NotAToken) -> Self {
        Self::new(ErrorKind::InvalidInput, e.to_string())
    }
}

impl From<SessionTokenError> for IpcError {
    fn from(e: SessionTokenError) -> Self {
        Self::new(ErrorKind::InvalidInput, e.to_string())
    }
}
