//! A keychain that does not answer (a Secret Service waiting on an unlock
//! prompt nobody sees): the saved-session check and the sign-in's keychain
//! steps end at their bound with a warning in words, not a hang (issue 13 §2).

mod support;

use doctor::checks::ids;
use doctor::secret::Secret;
use doctor::signin::{forget, ForgetError, Session, SignInContext};
use doctor::store::{StoreError, TokenStore};
use doctor::{Diagnosis, Status};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{http, profile, HeadlessChromium};
use test_peers::OidcProvider;

/// Answers every call, but only after `delay`.
#[derive(Debug)]
struct SlowKeychain {
    delay: Duration,
}

impl SlowKeychain {
    fn wait(&self) {
        std::thread::sleep(self.delay);
    }
}

impl TokenStore for SlowKeychain {
    fn save_refresh_token(&self, _: &str, _: &Secret<String>) -> Result<(), StoreError> {
        self.wait();
        Ok(())
    }

    fn load_refresh_token(&self, _: &str) -> Result<Option<Secret<String>>, StoreError> {
        self.wait();
        Ok(Some(Secret::new("a refresh token".to_owned())))
    }

    fn forget(&self, _: &str) -> Result<(), StoreError> {
        self.wait();
        Ok(())
    }
}

#[tokio::test]
async fn a_keychain_that_does_not_answer_is_a_warning_within_the_bound() {
    let provider = OidcProvider::start().expect("provider");
    let mut profile = profile(&provider, "alice");
    profile.check_timeout = Duration::from_secs(2);
    let slow = Arc::new(SlowKeychain {
        delay: Duration::from_secs(6),
    });

    let started = Instant::now();
    let summary = Diagnosis::new(profile.clone())
        .with_token_store(slow.clone())
        .run(1, Arc::new(|_| {}))
        .await;
    let saved = summary.results.iter().find(|r| r.id == ids::REFRESH).expect("row");
    assert_eq!(saved.status, Status::Warn, "{saved:#?}");
    assert!(saved.summary.contains("did not answer within 1 s"), "{saved:#?}");
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());

    // "Forget me" (and the sign-in's own keychain steps) wait one check bound at most.
    let session = Arc::new(Session::default());
    let http = http();
    let ctx = SignInContext {
        token_store: slow,
        ..SignInContext::new(&profile, &http, &session)
    };
    let started = Instant::now();
    let forgot = forget(&ctx).await;
    assert!(
        matches!(&forgot, Err(ForgetError(StoreError::TimedOut(bound))) if *bound == Duration::from_secs(2)),
        "{forgot:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(forgot.is_err_and(|e| e.to_string().contains("did not answer within 2 s")));
}

#[tokio::test]
async fn cancel_ends_a_sign_in_waiting_on_the_keychain() {
    let mut profile = doctor::Profile::defaults();
    profile.check_timeout = Duration::from_secs(20);
    let session = Arc::new(Session::default());
    let http = http();
    let slow = Arc::new(SlowKeychain {
        delay: Duration::from_secs(3),
    });
    let ctx = SignInContext {
        token_store: slow,
        ..SignInContext::new(&profile, &http, &session)
    };
    let started = Instant::now();
    // The browser is never opened: the sign-in is cancelled before that.
    let attempt = doctor::signin::reauthenticate(
        &ctx,
        &HeadlessChromium,
        doctor::signin::Prompt::SelectAccount,
        |_| {},
        async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            doctor::signin::Interruption::Cancelled
        },
    )
    .await;
    assert!(
        matches!(attempt.outcome, doctor::signin::AttemptOutcome::Cancelled),
        "{attempt:#?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}
