//! One personal value as a field of what the engine sends.
//!
//! A `Personal` always serialises with its kind, its masked form and the
//! kind in words (`{text, personal, masked, what}`, one [`super::Segment`]),
//! so whatever carries it to the window, the CLI's JSON or a copy cannot
//! drop the marks. Text for people goes through [`Personal::text`], which
//! masks by the kind's one rule.

use super::{Marked, Masking, PersonalKind, Segment};
use serde::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Personal<T = String> {
    kind: PersonalKind,
    value: T,
}

impl<T: AsRef<str>> Personal<T> {
    pub fn new(kind: PersonalKind, value: T) -> Self {
        Self { kind, value }
    }

    pub fn kind(&self) -> PersonalKind {
        self.kind
    }

    /// The value itself, for searching by it (never for a person to read).
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value as `masking` shows it.
    pub fn text(&self, masking: Masking) -> String {
        self.marked().text(masking)
    }

    /// The value as a marked text, to put inside a longer one.
    pub fn marked(&self) -> Marked {
        Marked::personal(self.kind, self.value.as_ref())
    }
}

/// As the one segment it is: `{text, personal, masked, what}`.
impl<T: AsRef<str>> Serialize for Personal<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Segment {
            text: self.value.as_ref().to_owned(),
            personal: Some(self.kind),
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn it_always_serialises_with_its_kind_and_masked_form() {
        let ip = Personal::new(PersonalKind::IpAddress, "203.0.113.24".to_owned());
        assert_eq!(
            serde_json::to_value(&ip).expect("serialise"),
            json!({"text": "203.0.113.24", "personal": "ip_address", "masked": "203.0.113.•••", "what": "IP address"})
        );
        assert_eq!(ip.text(Masking::Presenter), "203.0.113.•••");
        assert_eq!(ip.text(Masking::Off), "203.0.113.24");
        assert_eq!(ip.value(), "203.0.113.24");
    }

    #[test]
    fn the_packet_rule_keeps_ids_and_masks_people() {
        let tenant = Personal::new(PersonalKind::Tenant, "72f988bf-86f1-41af-91ab-2d7cd011db47");
        assert_eq!(tenant.text(Masking::HelpDesk), "72f988bf-86f1-41af-91ab-2d7cd011db47");
        let user = Personal::new(PersonalKind::Upn, "alice@contoso.example");
        assert_eq!(user.text(Masking::HelpDesk), "a•••@c•••.example");
        assert_eq!(user.marked().text(Masking::Presenter), "a•••@c•••.example");
    }
}
