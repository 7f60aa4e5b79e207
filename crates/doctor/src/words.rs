//! Every domain word the engine sends with its data, table by table, so a
//! test can keep the UI from holding a copy of one (issue 24: "no word kept
//! twice"). Add a table here when the engine starts sending a new kind of
//! `*_words`.

use crate::aadsts::knowledge::{codes, Category, WhoFixes};
use crate::checks::Status;
use crate::helpdesk::{HelpDeskProgress, LEAST_ROLE};
use crate::personal::PersonalKind;
use crate::profile::SOURCE_KIND_WORDS;
use crate::signin::{fixed_outcome_words, sign_in_progress_words, SignInProgress, DEVICE_CODE_CAVEAT, NOT_SIGNED_IN};
use crate::token::TokenKind;

/// One table of words: what they name, and the words.
#[derive(Clone, Debug)]
pub struct WordTable {
    pub name: &'static str,
    pub words: Vec<String>,
}

fn table<S: Into<String>>(name: &'static str, words: impl IntoIterator<Item = S>) -> WordTable {
    WordTable {
        name,
        words: words.into_iter().map(Into::into).collect(),
    }
}

/// The engine's word tables (fixed words only: a sentence with a number or
/// a name in it is represented by its fixed forms).
pub fn word_tables() -> Vec<WordTable> {
    let progress = [
        SignInProgress::ExchangingCode,
        SignInProgress::DeviceCodeShown {
            user_code: String::new(),
            verification_uri: String::new(),
            verification_uri_complete: None,
            expires_at: chrono::DateTime::UNIX_EPOCH,
            message: None,
        },
    ];
    vec![
        table("check status words", Status::ALL.map(Status::word)),
        table(
            "sign-in outcome words",
            fixed_outcome_words().into_iter().chain([NOT_SIGNED_IN]),
        ),
        table(
            "sign-in progress words",
            progress
                .iter()
                .map(sign_in_progress_words)
                .chain([DEVICE_CODE_CAVEAT.to_owned()]),
        ),
        table(
            "help-desk progress words",
            [
                HelpDeskProgress::CheckingSavedSignIn,
                HelpDeskProgress::SigningIn { device_code: false },
                HelpDeskProgress::SigningIn { device_code: true },
                HelpDeskProgress::ExchangingCode,
                HelpDeskProgress::SignedIn { saved: true },
                HelpDeskProgress::SignedIn { saved: false },
                HelpDeskProgress::Evaluating,
            ]
            .iter()
            .map(HelpDeskProgress::words),
        ),
        table("setting source words", SOURCE_KIND_WORDS.map(|(_, words)| words)),
        table("token kind words", TokenKind::ALL.map(TokenKind::words)),
        table("knowledge base names", codes().iter().map(|info| info.name)),
        table("knowledge base category words", Category::ALL.map(Category::words)),
        table("who fixes words", WhoFixes::ALL.map(WhoFixes::words)),
        table("personal kind words", PersonalKind::ALL.map(PersonalKind::words)),
        table("help-desk least role", [LEAST_ROLE]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_words_and_none_is_empty() {
        let tables = word_tables();
        assert!(tables.len() >= 10);
        for t in &tables {
            assert!(!t.words.is_empty(), "{} is empty", t.name);
            assert!(
                t.words.iter().all(|w| !w.trim().is_empty()),
                "{}: an empty word",
                t.name
            );
        }
        let kb = tables.iter().find(|t| t.name == "knowledge base names").expect("table");
        assert!(kb.words.iter().any(|w| w == "BlockedByConditionalAccess"), "{kb:?}");
    }
}
