//! The token inspector's commands: pasted tokens are decoded here, on this
//! machine; the sign-in's own tokens are shown decoded, and their raw text
//! only when the user asks to reveal one.

use crate::error::IpcError;
use doctor::clock::system_now;
use doctor::signin::{Session, WhichToken};
use doctor::token::{inspect, Inspection, NotAToken};

pub fn pasted(text: &str) -> Result<Inspection, IpcError> {
    let (_, inspection) = inspect(text, system_now()()).map_err(NotAToken)?;
    Ok(inspection)
}

pub fn from_session(session: &Session, which: WhichToken) -> Result<Inspection, IpcError> {
    pasted(session.token(which)?.expose())
}

/// The raw token, for the user's explicit "Reveal".
pub fn reveal(session: &Session, which: WhichToken) -> Result<String, IpcError> {
    Ok(session.token(which)?.expose().clone())
}
