//! The one redaction function every packet format goes through.

use regex_lite::Regex;
use std::sync::OnceLock;

/// "alice@contoso.example" → "a•••@c•••.example" (as the window masks them).
pub fn mask_emails(text: &str) -> String {
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    let email = EMAIL.get_or_init(|| {
        Regex::new(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-])[A-Za-z0-9.-]*(\.[A-Za-z]{2,})\b")
            .unwrap_or_else(|e| unreachable!("constant pattern: {e}"))
    });
    email.replace_all(text, "${1}•••@${2}•••${3}").into_owned()
}

/// A value as presenter mode shows it: addresses masked everywhere, and a
/// value that names a person (an account name) hidden as a whole.
pub fn mask_personal(text: &str, personal: bool, mask: bool) -> String {
    if !mask {
        return text.to_owned();
    }
    let masked = mask_emails(text);
    if personal && masked == text {
        "•••••• (hidden in presenter mode)".to_owned()
    } else {
        masked
    }
}

#[cfg(test)]
mod tests {
    use super::{mask_emails, mask_personal};

    #[test]
    fn addresses_are_masked_and_ids_are_not() {
        assert_eq!(
            mask_emails("Signed in as alice@contoso.example (trace 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e)"),
            "Signed in as a•••@c•••.example (trace 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e)"
        );
        assert_eq!(mask_emails("no address here"), "no address here");
    }

    #[test]
    fn names_are_hidden_only_in_presenter_mode() {
        assert_eq!(
            mask_personal("Alice Wilson", true, true),
            "•••••• (hidden in presenter mode)"
        );
        assert_eq!(mask_personal("alice@contoso.example", true, true), "a•••@c•••.example");
        assert_eq!(mask_personal("Alice Wilson", true, false), "Alice Wilson");
        assert_eq!(mask_personal("Linux", false, true), "Linux");
    }
}
