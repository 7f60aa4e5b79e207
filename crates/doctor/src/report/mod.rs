//! The help-desk packet: what help-desk needs to find the failed sign-in
//! and see why, in one paste. It never holds a token; in presenter mode it
//! masks personal values by [`crate::personal::Masking::HelpDesk`]'s rule
//! (IDs are not secrets and stay).
//!
//! One [`Document`] is built from the facts, redacted once, and written as
//! Markdown (clipboard, tickets), HTML (a file to attach) or JSON (tools).

mod document;
pub mod escape;
mod export;
mod gather;
mod html;
mod json;
pub mod labels;
mod markdown;

pub use document::{build, Document, Row, Section};
pub use export::{save, ExportError};
pub use gather::{gather, Gathered};
pub use html::html;
pub use json::json;
pub use markdown::markdown;

use crate::aadsts::Explanation;
use crate::checks::RunSummary;
use crate::device::{DeviceContext, Fact, WhatIfInputs};
use crate::signin::Attempt;
use chrono::{DateTime, Utc};

/// Everything the packet is made from.
pub struct Packet<'a> {
    pub generated_at: DateTime<Utc>,
    pub authority: String,
    pub client_id: String,
    /// The tenant signed in to, or the one the authority names.
    pub tenant: Option<String>,
    pub run: Option<&'a RunSummary>,
    pub attempt: Option<&'a Attempt>,
    /// An error text the user pasted and had explained.
    pub pasted: Option<&'a Explanation>,
    pub device: Option<&'a DeviceContext>,
    /// Flow used, client app ID, resource, user.
    pub sign_in_facts: &'a [Fact],
    pub what_if: Option<&'a WhatIfInputs>,
    /// Presenter mode: e-mail addresses and names masked.
    pub mask_personal: bool,
}

/// The file formats Export… offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    /// From a file name's extension; Markdown when there is none.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "txt") | None => Some(Format::Markdown),
            Some("html" | "htm") => Some(Format::Html),
            // The packet's own file type (the installers register it): JSON,
            // which a double-click opens in the Help-desk view.
            Some("json" | "signindoctor") => Some(Format::Json),
            Some(_) => None,
        }
    }

    pub fn render(self, packet: &Packet<'_>) -> String {
        match self {
            Format::Markdown => markdown(packet),
            Format::Html => html(packet),
            Format::Json => json(packet),
        }
    }
}

#[cfg(test)]
mod tests;
