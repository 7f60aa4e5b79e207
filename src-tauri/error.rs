//! The one error type every command returns. The UI branches on `kind`,
//! never on the message text. The words come from the engine's error types;
//! here each only gets its kind.

use doctor::aadsts::ReadLogError;
use doctor::helpdesk::packet::PacketError;
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
            SaveError::Io { .. } | SaveError::ProxyPassword { .. } => ErrorKind::Io,
        };
        Self::new(kind, e.to_string())
    }
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        let kind = match e {
            AppError::Clipboard(_) | AppError::HelpPage(_) => ErrorKind::Io,
            AppError::DialogClosed | AppError::OpenDialogClosed => ErrorKind::Internal,
            AppError::Location(_) | AppError::NotAFile(_) => ErrorKind::InvalidInput,
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

impl From<PacketError> for IpcError {
    fn from(e: PacketError) -> Self {
        let kind = match e {
            PacketError::Unreadable { .. } => ErrorKind::Io,
            PacketError::Empty
            | PacketError::NotText { .. }
            | PacketError::NothingToLookUp { .. }
            | PacketError::NoneOpen => ErrorKind::InvalidInput,
        };
        Self::new(kind, e.to_string())
    }
}

/// Engine errors whose every case is of one kind.
macro_rules! of_one_kind {
    ($($error:ty => $kind:ident),* $(,)?) => {
        $(impl From<$error> for IpcError {
            fn from(e: $error) -> Self {
                Self::new(ErrorKind::$kind, e.to_string())
            }
        })*
    };
}

of_one_kind! {
    HistoryError => Io,
    ReadLogError => Io,
    ForgetError => Io,
    NotAToken => InvalidInput,
    SessionTokenError => InvalidInput,
}

#[cfg(test)]
mod tests {
    use super::*;
    use doctor::store::StoreError;

    /// The shell adds a kind and nothing else: the words are the engine's.
    #[test]
    fn engine_errors_keep_their_words_and_get_a_kind() {
        let not_a_token = doctor::token::decode("").err().map(NotAToken).map(IpcError::from);
        let cases: Vec<(IpcError, ErrorKind, &str)> = vec![
            (
                AppError::SignInBusy.into(),
                ErrorKind::Busy,
                "A sign-in is already waiting for the browser. Finish it there, or cancel it first.",
            ),
            (
                AppError::RunReplaced.into(),
                ErrorKind::Cancelled,
                "A newer run replaced this one.",
            ),
            (
                AppError::DialogClosed.into(),
                ErrorKind::Internal,
                "The save dialog closed without an answer.",
            ),
            (
                AppError::clipboard("no display").into(),
                ErrorKind::Io,
                "Could not copy to the clipboard: no display",
            ),
            (
                AppError::location("not a file").into(),
                ErrorKind::InvalidInput,
                "That location cannot be saved to: not a file",
            ),
            (
                SessionTokenError::NotSignedIn.into(),
                ErrorKind::InvalidInput,
                doctor::signin::NOT_SIGNED_IN,
            ),
            (
                ExportError::UnknownFormat.into(),
                ErrorKind::InvalidInput,
                "Save the report as .md (Markdown), .html (web page) or .json.",
            ),
            (
                HistoryError::NoDataFolder.into(),
                ErrorKind::Io,
                "This system has no folder for the app's data.",
            ),
            (
                ForgetError(StoreError::Failed("locked".to_owned())).into(),
                ErrorKind::Io,
                "Could not delete the saved sign-in: the credential store refused: locked.",
            ),
        ];
        for (error, kind, message) in cases {
            assert_eq!(error, IpcError::new(kind, message));
        }
        let not_a_token = not_a_token.expect("an empty text is not a token");
        assert_eq!(not_a_token.kind, ErrorKind::InvalidInput);
        assert!(
            not_a_token
                .message
                .starts_with("This is not a token the inspector can read: "),
            "{}",
            not_a_token.message
        );
    }
}
