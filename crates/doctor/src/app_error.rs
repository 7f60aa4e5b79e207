//! What can go wrong around the engine's work in the desktop app: the
//! clipboard, the save dialog, the help page, one sign-in or run at a time.
//! Worded here, so every sentence the user reads comes from the engine and
//! the shell only forwards it.

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error("Could not copy to the clipboard: {0}")]
    Clipboard(String),
    #[error("Could not open the help page: {0}")]
    HelpPage(String),
    #[error("The save dialog closed without an answer.")]
    DialogClosed,
    #[error("That location cannot be saved to: {0}")]
    Location(String),
    #[error("The open dialog closed without an answer.")]
    OpenDialogClosed,
    #[error("That file cannot be opened: {0}")]
    NotAFile(String),
    #[error("A sign-in is already waiting for the browser. Finish it there, or cancel it first.")]
    SignInBusy,
    #[error("A newer run replaced this one.")]
    RunReplaced,
}

impl AppError {
    /// The clipboard refused; `why` is the platform's reason.
    pub fn clipboard(why: impl std::fmt::Display) -> Self {
        Self::Clipboard(why.to_string())
    }

    /// The help page did not open; `why` is the platform's reason.
    pub fn help_page(why: impl std::fmt::Display) -> Self {
        Self::HelpPage(why.to_string())
    }

    pub fn location(why: impl std::fmt::Display) -> Self {
        Self::Location(why.to_string())
    }

    /// The open dialog's choice is not a file this computer can read.
    pub fn not_a_file(why: impl std::fmt::Display) -> Self {
        Self::NotAFile(why.to_string())
    }
}
