//! The token inspector's commands: pasted tokens are decoded here, on this
//! machine; the sign-in's own tokens are shown decoded, and their raw text
//! only when the user asks to reveal one.

use crate::error::{ErrorKind, IpcError};
use doctor::clock::system_now;
use doctor::signin::{Session, TokenSet};
use doctor::token::{inspect, Inspection};
use serde::Deserialize;

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhichToken {
    IdToken,
    AccessToken,
}

pub fn pasted(text: &str) -> Result<Inspection, IpcError> {
    inspect(text, system_now()())
        .map(|(_, inspection)| inspection)
        .map_err(|e| {
            IpcError::new(
                ErrorKind::InvalidInput,
                format!("This is not a token the inspector can read: {e}."),
            )
        })
}

pub fn from_session(session: &Session, which: WhichToken) -> Result<Inspection, IpcError> {
    pasted(&raw(session, which)?)
}

/// The raw token, for the user's explicit "Reveal".
pub fn reveal(session: &Session, which: WhichToken) -> Result<String, IpcError> {
    raw(session, which)
}

fn raw(session: &Session, which: WhichToken) -> Result<String, IpcError> {
    let tokens: TokenSet = session.tokens().ok_or_else(|| {
        IpcError::new(
            ErrorKind::InvalidInput,
            "There are no tokens yet: sign in first (Re-authenticate).",
        )
    })?;
    let token = match which {
        WhichToken::IdToken => tokens.id_token,
        WhichToken::AccessToken => Some(tokens.access_token),
    };
    token.map(|t| t.expose().clone()).ok_or_else(|| {
        IpcError::new(
            ErrorKind::InvalidInput,
            "The sign-in returned no ID token (openid was not asked for).",
        )
    })
}
