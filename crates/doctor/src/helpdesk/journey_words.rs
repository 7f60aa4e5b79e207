//! The words of each help-desk step: written here once, shown as they are
//! by the window (the event's `words`) and the CLI (on stderr).

use super::journey_progress::HelpDeskProgress;
use crate::signin::progress_words::{wait_words, DEVICE_CODE_CAVEAT};

impl HelpDeskProgress {
    pub fn words(&self) -> String {
        match self {
            Self::CheckingSavedSignIn => "Looking for your saved help-desk sign-in…".to_owned(),
            Self::SigningIn { device_code: false } => {
                "Signing in as help-desk with your own account: your web browser opens at the sign-in page…".to_owned()
            }
            Self::SigningIn { device_code: true } => {
                "Signing in as help-desk with your own account, on another device: asking for a code…".to_owned()
            }
            Self::WaitingForBrowser { timeout_seconds } => format!(
                "Finish signing in with your help-desk account in your web browser. Waiting up to {}.",
                wait_words(*timeout_seconds)
            ),
            Self::ExchangingCode => "Signed in at the browser: completing the help-desk sign-in…".to_owned(),
            Self::DeviceCodeShown {
                user_code,
                verification_uri,
                expires_at,
                ..
            } => format!(
                "On another device, open {verification_uri} and enter the code {user_code} (it works until {} UTC). {DEVICE_CODE_CAVEAT}",
                expires_at.format("%H:%M")
            ),
            Self::SignedIn { saved: true } => "Using your saved help-desk sign-in.".to_owned(),
            Self::SignedIn { saved: false } => "Signed in as help-desk.".to_owned(),
            Self::Querying { what } => format!("Searching the sign-in logs {what}…"),
            Self::Waiting {
                next_try_in_seconds,
                reason,
                until_gives_up_seconds,
                ..
            } => format!("{reason}. Next try in {next_try_in_seconds} s (gives up in {until_gives_up_seconds} s)."),
            Self::FetchingPolicy { id } => format!("Reading the Conditional Access policy {id}…"),
            Self::Evaluating => "Running Conditional Access What If…".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn the_sign_in_steps_say_how_long_and_where() {
        let browser = HelpDeskProgress::WaitingForBrowser { timeout_seconds: 300 };
        assert_eq!(
            browser.words(),
            "Finish signing in with your help-desk account in your web browser. Waiting up to 5 minutes."
        );
        assert!(HelpDeskProgress::WaitingForBrowser { timeout_seconds: 30 }
            .words()
            .ends_with("up to 30 seconds."));
        let code = HelpDeskProgress::DeviceCodeShown {
            user_code: "ABCD-EFGH".into(),
            verification_uri: "https://microsoft.com/devicelogin".into(),
            verification_uri_complete: None,
            expires_at: Utc.with_ymd_and_hms(2026, 11, 27, 9, 36, 0).single().expect("time"),
        };
        let words = code.words();
        assert!(
            words.starts_with(
                "On another device, open https://microsoft.com/devicelogin and enter the code ABCD-EFGH (it works until 09:36 UTC)."
            ),
            "{words}"
        );
    }

    #[test]
    fn a_wait_says_why_when_and_until_when() {
        let wait = HelpDeskProgress::Waiting {
            seconds: 10,
            next_try_in_seconds: 7,
            reason: "The sign-in is not in the logs yet (they lag by minutes): asking again".into(),
            attempt: 2,
            until_gives_up_seconds: 287,
        };
        assert_eq!(
            wait.words(),
            "The sign-in is not in the logs yet (they lag by minutes): asking again. Next try in 7 s (gives up in 287 s)."
        );
    }

    #[test]
    fn every_step_has_words() {
        for step in [
            HelpDeskProgress::CheckingSavedSignIn,
            HelpDeskProgress::SigningIn { device_code: false },
            HelpDeskProgress::SigningIn { device_code: true },
            HelpDeskProgress::ExchangingCode,
            HelpDeskProgress::SignedIn { saved: false },
            HelpDeskProgress::FetchingPolicy { id: "p1".into() },
            HelpDeskProgress::Evaluating,
        ] {
            assert!(step.words().len() > 10, "{step:?}");
        }
    }
}
