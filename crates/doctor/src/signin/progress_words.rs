//! What a sign-in in progress is doing, in the engine's words: the shell
//! sends these with each progress event, so the window's status line keeps
//! no copy.

use super::run::SignInProgress;

/// One sentence for the status line while the sign-in waits or works.
pub fn sign_in_progress_words(progress: &SignInProgress) -> String {
    match progress {
        SignInProgress::WaitingForBrowser { timeout_seconds, .. } => format!(
            "Waiting for you to finish signing in in the browser (up to {}).",
            wait_words(*timeout_seconds)
        ),
        SignInProgress::ExchangingCode => "Signed in at the browser; fetching tokens…".to_owned(),
        SignInProgress::DeviceCodeShown { .. } => "Waiting for the sign-in on the other device…".to_owned(),
    }
}

/// "45 seconds", "5 minutes": how long the app waits, as a person says it.
fn wait_words(seconds: u64) -> String {
    if seconds < 120 {
        format!("{seconds} seconds")
    } else {
        format!("{} minutes", (seconds + 30) / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_said_in_minutes_past_two_of_them() {
        let waiting = |timeout_seconds| SignInProgress::WaitingForBrowser {
            client_request_id: "0b6b1e0e".to_owned(),
            redirect_uri: "http://127.0.0.1:4711/".to_owned(),
            timeout_seconds,
        };
        assert_eq!(
            sign_in_progress_words(&waiting(300)),
            "Waiting for you to finish signing in in the browser (up to 5 minutes)."
        );
        assert_eq!(
            sign_in_progress_words(&waiting(45)),
            "Waiting for you to finish signing in in the browser (up to 45 seconds)."
        );
        assert_eq!(
            sign_in_progress_words(&SignInProgress::ExchangingCode),
            "Signed in at the browser; fetching tokens…"
        );
    }
}
