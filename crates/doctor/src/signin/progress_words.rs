//! What a sign-in in progress is doing, in the engine's words: the shell
//! sends these with each progress event, so the window's status line keeps
//! no copy.

use super::run::SignInProgress;

/// What a device-code sign-in cannot do, said wherever one starts (the
/// window's device-code panel, the CLI, help-desk mode): the device that
/// enters the code is not the one Conditional Access sees.
pub const DEVICE_CODE_CAVEAT: &str = "This way of signing in can never meet a Conditional Access policy that requires a compliant or joined device, and many organisations block it. If it fails with 53003 or 530033, sign in with the browser on a managed device instead.";

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

/// "45 seconds", "5 minutes": how long the app waits, as a person says it
/// (the user-side and the help-desk sign-in both say their wait with it).
pub(crate) fn wait_words(seconds: u64) -> String {
    match seconds {
        1 => "1 second".to_owned(),
        0..120 => format!("{seconds} seconds"),
        _ => format!("{} minutes", (seconds + 30) / 60),
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
