//! `signin` and `forget`: the app's sign-in, from a terminal.

use crate::console::{say, warn_line};
use doctor::network::HttpClient;
use doctor::signin::{
    self, Attempt, AttemptOutcome, Browser, BrowserError, Interruption, Prompt, Session, SignInContext, SignInProgress,
};
use doctor::Profile;
use std::process::ExitCode;

/// The default browser, as the OS opens links (xdg-open, open, start).
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&self, url: &str) -> Result<(), BrowserError> {
        let page = signin::web_page(url)?;
        open::that_detached(page.as_str()).map_err(BrowserError::new)
    }
}

pub async fn run(profile: &Profile, device_code: bool, password_again: bool, json: bool) -> ExitCode {
    let http = HttpClient::system(profile).await;
    let session = Session::default();
    let ctx = SignInContext::new(profile, &http, &session);
    // Ctrl-C cancels the wait cleanly (the listener closes, nothing is saved).
    let interrupted = async {
        let _ = tokio::signal::ctrl_c().await;
        Interruption::Cancelled
    };
    let attempt = if device_code {
        signin::sign_in_on_another_device(&ctx, show_progress, interrupted).await
    } else {
        let prompt = if password_again {
            Prompt::Login
        } else {
            Prompt::SelectAccount
        };
        signin::reauthenticate(&ctx, &SystemBrowser, prompt, show_progress, interrupted).await
    };
    print_attempt(&attempt, json)
}

/// Deletes the saved sign-in: the user side's, or with `helpdesk` only the
/// help-desk one (its own keychain entry, `helpdesk_profile`).
pub async fn forget(user_side: &Profile, helpdesk: bool) -> ExitCode {
    if helpdesk {
        // The engine's one Forget for help-desk mode, as the window's.
        let store = std::sync::Arc::new(doctor::store::Keychain);
        return match doctor::helpdesk::forget_help_desk_sign_in(user_side, &Session::default(), store).await {
            Ok(words) => {
                say!("{words}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                warn_line!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let http = HttpClient::system(user_side).await;
    let session = Session::default();
    let ctx = SignInContext::new(user_side, &http, &session);
    match signin::forget(&ctx).await {
        Ok(()) => {
            say!(
                "The saved sign-in for {} was deleted from this computer.",
                user_side.authority
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            warn_line!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Progress goes to stderr, so stdout stays one JSON object with --json.
fn show_progress(progress: SignInProgress) {
    match &progress {
        SignInProgress::WaitingForBrowser {
            client_request_id,
            timeout_seconds,
            ..
        } => warn_line!(
            "Your browser opened at the sign-in page. Waiting up to {timeout_seconds} s (attempt {client_request_id}); Ctrl-C cancels."
        ),
        SignInProgress::ExchangingCode => warn_line!("{}", signin::sign_in_progress_words(&progress)),
        SignInProgress::DeviceCodeShown {
            user_code,
            verification_uri,
            ..
        } => {
            warn_line!("On another device, open {verification_uri} and enter the code:\n\n    {user_code}\n");
            warn_line!("Note: {}", signin::DEVICE_CODE_CAVEAT);
        }
    }
}

fn print_attempt(attempt: &Attempt, json: bool) -> ExitCode {
    if json {
        if let Err(code) = crate::output::print_json(attempt) {
            return code;
        }
    } else {
        match &attempt.outcome {
            AttemptOutcome::SignedIn {
                account,
                expires_at,
                refresh_token_status,
                ..
            } => {
                say!("Signed in as {}.", account.label());
                if let Some(at) = expires_at {
                    say!("Token valid until {} UTC.", at.format("%Y-%m-%d %H:%M:%S"));
                }
                say!("Refresh token: {refresh_token_status}.");
            }
            AttemptOutcome::Refused { error } => {
                say!("Refused: {error}");
                say!("Captured from {}.", error.captured_from());
                crate::output::print_help_desk_ids(error);
            }
            AttemptOutcome::Cancelled => say!("Cancelled."),
            AttemptOutcome::TimedOut { waited_seconds } => say!("No answer within {waited_seconds} s."),
            AttemptOutcome::Failed(failure) => say!("Failed ({}): {}", failure.step, failure.message),
        }
        if !attempt.client_request_id.is_empty() {
            say!("Client request ID: {}", attempt.client_request_id);
        }
    }
    match attempt.outcome {
        AttemptOutcome::SignedIn { .. } => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    }
}
