//! Personal values in the words the user reads, marked where the engine
//! writes them, and masked by one rule per kind.
//!
//! A personal value that is a field of its own (the help-desk answer's user,
//! IP address and device name) is a [`Personal`].
//!
//! Every producer that puts a person's e-mail address, name, UPN, IP
//! address, device name, tenant or object ID into a summary, evidence,
//! fact, claim or report marks it as a [`Segment`] of a [`Marked`] text.
//! Free text from outside (an error message from the service) is scanned
//! for e-mail addresses, so an address the service wrote is marked too.
//! The window, "Copy details", the help-desk packet and history all mask
//! from these marks; the window receives the masked form with each value
//! and never computes a mask itself.
//!
//! **Where masking applies** (the one place this rule is written down):
//! - [`Masking::Presenter`], for the screen in presenter mode and what is
//!   copied from it ("Copy details"): every marked value is masked.
//! - [`Masking::HelpDesk`], for the help-desk packet (copy, Export…, and the
//!   CLI's `report` unless `--show-personal`): a person's e-mail address,
//!   name, UPN, IP address and device name are masked, but the tenant and
//!   object IDs stay, because help-desk finds the sign-in log entry and the
//!   directory objects by them, and they name no one.
//! - [`Masking::Off`]: the values as they are.

mod marked;
pub(crate) mod mask;
mod value;

pub use marked::{Marked, Segment};
pub use value::Personal;

use serde::{Deserialize, Serialize};

/// What a personal value is; each kind has one masking rule ([`PersonalKind::mask`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalKind {
    Email,
    DisplayName,
    /// The sign-in name (user principal name): usually e-mail-shaped.
    Upn,
    IpAddress,
    DeviceName,
    Tenant,
    ObjectId,
}

impl PersonalKind {
    pub const ALL: [PersonalKind; 7] = [
        PersonalKind::Email,
        PersonalKind::DisplayName,
        PersonalKind::Upn,
        PersonalKind::IpAddress,
        PersonalKind::DeviceName,
        PersonalKind::Tenant,
        PersonalKind::ObjectId,
    ];

    /// What the value is, in words: "Show the e-mail address".
    pub fn words(self) -> &'static str {
        match self {
            PersonalKind::Email => "e-mail address",
            PersonalKind::DisplayName => "name",
            PersonalKind::Upn => "sign-in name",
            PersonalKind::IpAddress => "IP address",
            PersonalKind::DeviceName => "device name",
            PersonalKind::Tenant => "tenant",
            PersonalKind::ObjectId => "object ID",
        }
    }

    /// Tenant and object IDs name no one, and help-desk finds the sign-in
    /// by them: kept in the packet. Every other kind names a person.
    pub fn names_a_person(self) -> bool {
        !matches!(self, PersonalKind::Tenant | PersonalKind::ObjectId)
    }

    /// The value as it shows when masked.
    pub fn mask(self, value: &str) -> String {
        match self {
            PersonalKind::Email | PersonalKind::Upn => mask::address(value),
            PersonalKind::DisplayName => mask::name(value),
            PersonalKind::IpAddress => mask::ip_address(value),
            PersonalKind::DeviceName => mask::first_letter(value),
            PersonalKind::Tenant => mask::tenant(value),
            PersonalKind::ObjectId => mask::identifier(value),
        }
    }
}

/// Who will read the text: see the module docs for the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Masking {
    Off,
    Presenter,
    HelpDesk,
}

impl Masking {
    /// The packet's masking: help-desk's rule when presenter mode (or the CLI's default) asks for it.
    pub fn for_packet(mask: bool) -> Self {
        if mask {
            Masking::HelpDesk
        } else {
            Masking::Off
        }
    }

    fn masks(self, kind: PersonalKind) -> bool {
        match self {
            Masking::Off => false,
            Masking::Presenter => true,
            Masking::HelpDesk => kind.names_a_person(),
        }
    }
}
