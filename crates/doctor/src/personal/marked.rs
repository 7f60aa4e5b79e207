//! Text as a sequence of plain and personal segments.
//!
//! On the wire a marked text sits beside the plain string it marks (e.g.
//! `summary` and `summary_segments`), so readers of the CLI's JSON see the
//! same strings as before. Each segment is `{text, personal?, masked?,
//! what?}`: `personal` is the kind, `masked` the masked form and `what` the
//! kind in words. A text with nothing personal in it leaves its segments out.

use super::{Masking, PersonalKind};
use regex_lite::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "SegmentWire", from = "SegmentWire")]
pub struct Segment {
    pub text: String,
    /// None for plain text.
    pub personal: Option<PersonalKind>,
}

impl Segment {
    pub fn text(&self, masking: Masking) -> String {
        match self.personal {
            Some(kind) if masking.masks(kind) => kind.mask(&self.text),
            _ => self.text.clone(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct SegmentWire {
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    personal: Option<PersonalKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    masked: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    what: Option<String>,
}

impl From<Segment> for SegmentWire {
    fn from(segment: Segment) -> Self {
        Self {
            masked: segment.personal.map(|kind| kind.mask(&segment.text)),
            what: segment.personal.map(|kind| kind.words().to_owned()),
            personal: segment.personal,
            text: segment.text,
        }
    }
}

/// The masked form is computed again from the rule, never trusted from a file.
impl From<SegmentWire> for Segment {
    fn from(wire: SegmentWire) -> Self {
        Self {
            text: wire.text,
            personal: wire.personal,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Marked(Vec<Segment>);

fn email_pattern() -> &'static Regex {
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    EMAIL.get_or_init(|| {
        // The local part is RFC 5322's dot-atom (§3.2.3): a guest's sign-in
        // name `alice_fabrikam.com#EXT#@contoso.onmicrosoft.com` has `#` in it,
        // and an apostrophe (o'brien@) is common. A quote never starts it, so
        // 'alice@contoso.example' keeps its quotes outside the mask.
        Regex::new(
            r"[A-Za-z0-9._%+#&!$*/=?^{}~-][A-Za-z0-9._%+#&!$*/=?^{}~'-]*@[A-Za-z0-9-][A-Za-z0-9.-]*\.[A-Za-z]{2,}\b",
        )
        .unwrap_or_else(|e| unreachable!("constant pattern: {e}"))
    })
}

impl Marked {
    /// Text with every e-mail-shaped value in it marked as an e-mail address.
    pub fn scan(text: &str) -> Self {
        Self::default().then_text(text)
    }

    /// One personal value, as a whole.
    pub fn personal(kind: PersonalKind, value: impl Into<String>) -> Self {
        Self::default().then_personal(kind, value)
    }

    /// Reads a marked text back from the wire: its segments, or the plain
    /// string scanned for addresses when it has none (older history lines).
    pub fn from_wire(plain: &str, segments: &Marked) -> Self {
        if segments.0.is_empty() {
            Self::scan(plain)
        } else {
            segments.clone()
        }
    }

    fn push(mut self, text: &str, personal: Option<PersonalKind>) -> Self {
        if text.is_empty() {
            return self;
        }
        match self.0.last_mut() {
            Some(last) if personal.is_none() && last.personal.is_none() => last.text.push_str(text),
            _ => self.0.push(Segment {
                text: text.to_owned(),
                personal,
            }),
        }
        self
    }

    /// Appends text; e-mail addresses in it are marked.
    pub fn then_text(mut self, text: &str) -> Self {
        let mut last = 0;
        for found in email_pattern().find_iter(text) {
            self = self
                .push(&text[last..found.start()], None)
                .push(found.as_str(), Some(PersonalKind::Email));
            last = found.end();
        }
        self.push(&text[last..], None)
    }

    pub fn then_personal(self, kind: PersonalKind, value: impl Into<String>) -> Self {
        self.push(&value.into(), Some(kind))
    }

    pub fn then(mut self, other: Marked) -> Self {
        for segment in other.0 {
            self = self.push(&segment.text, segment.personal);
        }
        self
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn has_personal(&self) -> bool {
        self.0.iter().any(|s| s.personal.is_some())
    }

    /// The marks to send beside the plain string: none when nothing is
    /// personal, so a text reads back equal to what was written.
    pub fn into_marks(self) -> Self {
        if self.has_personal() {
            self
        } else {
            Self::default()
        }
    }

    /// For `skip_serializing_if`: nothing personal, so the plain string says it all.
    pub fn is_unmarked(&self) -> bool {
        !self.has_personal()
    }

    pub fn text(&self, masking: Masking) -> String {
        self.0.iter().map(|s| s.text(masking)).collect()
    }

    pub fn plain(&self) -> String {
        self.text(Masking::Off)
    }
}

impl From<&str> for Marked {
    fn from(text: &str) -> Self {
        Self::scan(text)
    }
}

impl From<String> for Marked {
    fn from(text: String) -> Self {
        Self::scan(&text)
    }
}

impl From<&String> for Marked {
    fn from(text: &String) -> Self {
        Self::scan(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn signed_in() -> Marked {
        Marked::scan("Signed in as ")
            .then_personal(PersonalKind::DisplayName, "Alice Example")
            .then_text(" (")
            .then_personal(PersonalKind::Tenant, "72f988bf-86f1-41af-91ab-2d7cd011db47")
            .then_text(").")
    }

    #[test]
    fn each_masking_applies_its_rule() {
        let text = signed_in();
        assert_eq!(
            text.plain(),
            "Signed in as Alice Example (72f988bf-86f1-41af-91ab-2d7cd011db47)."
        );
        assert_eq!(text.text(Masking::Presenter), "Signed in as A••• E••• (72f988bf-•••).");
        // Help-desk keeps the tenant: it finds the sign-in by it.
        assert_eq!(
            text.text(Masking::HelpDesk),
            "Signed in as A••• E••• (72f988bf-86f1-41af-91ab-2d7cd011db47)."
        );
    }

    #[test]
    fn addresses_in_free_text_are_marked_and_ids_are_not() {
        let text = Marked::scan("Signed in as alice@contoso.example (trace 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e)");
        assert_eq!(
            text.text(Masking::HelpDesk),
            "Signed in as a•••@c•••.example (trace 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e)"
        );
        assert!(Marked::scan("no address here").is_unmarked());
        // A guest's sign-in name and an apostrophe are masked whole.
        let guest =
            Marked::scan("Blocked for alice_fabrikam.com#EXT#@contoso.onmicrosoft.com and 'o'brien@contoso.example'.");
        assert_eq!(
            guest.text(Masking::HelpDesk),
            "Blocked for a•••@c•••.com and 'o•••@c•••.example'."
        );
        assert_eq!(Marked::scan("").segments().len(), 0);
    }

    #[test]
    fn the_wire_carries_the_masked_form_and_the_kind_in_words() {
        let wire = serde_json::to_value(signed_in()).expect("serialise");
        assert_eq!(wire[0], json!({"text": "Signed in as "}));
        assert_eq!(
            wire[1],
            json!({"text": "Alice Example", "personal": "display_name", "masked": "A••• E•••", "what": "name"})
        );
        assert_eq!(wire[2], json!({"text": " ("}));
        // A masked form in a file is not trusted: it is computed again.
        let read: Marked = serde_json::from_value(json!([
            {"text": "Alice Example", "personal": "display_name", "masked": "Alice Example"}
        ]))
        .expect("read");
        assert_eq!(read.text(Masking::Presenter), "A••• E•••");
    }

    #[test]
    fn a_plain_string_without_segments_is_scanned_when_read_back() {
        let old = Marked::from_wire("Signed in as alice@contoso.example.", &Marked::default());
        assert_eq!(old.text(Masking::Presenter), "Signed in as a•••@c•••.example.");
        let new = Marked::from_wire("ignored", &signed_in());
        assert_eq!(new, signed_in());
        assert_eq!(Marked::scan("nothing personal").into_marks(), Marked::default());
        assert_eq!(signed_in().into_marks(), signed_in());
    }
}
