//! The help-desk packet: what help-desk needs to find the failed sign-in
//! and see why, in one paste. It never holds a token; in presenter mode it
//! masks e-mail addresses (IDs are not secrets and stay).

mod markdown;
mod redact;

pub use markdown::markdown;
pub use redact::mask_emails;

use crate::aadsts::Explanation;
use crate::checks::RunSummary;
use crate::signin::Attempt;
use chrono::{DateTime, Utc};

/// Everything the packet is made from.
pub struct Packet<'a> {
    pub generated_at: DateTime<Utc>,
    pub authority: String,
    pub client_id: String,
    pub run: Option<&'a RunSummary>,
    pub attempt: Option<&'a Attempt>,
    /// An error text the user pasted and had explained.
    pub pasted: Option<&'a Explanation>,
    /// Presenter mode: e-mail addresses masked.
    pub mask_personal: bool,
}
