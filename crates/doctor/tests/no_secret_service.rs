//! Sign-in on a computer with no Secret Service: the real keychain cannot
//! keep the refresh token, the app says so in words, and nothing is written
//! in its place. A test binary of its own, because it points the whole
//! process's session bus at nothing and its home folders at a scratch one.

mod support;

use doctor::checks::ids;
use doctor::clock::system_now;
use doctor::report::{gather, save};
use doctor::secret::Secret;
use doctor::signin::{reauthenticate, AttemptOutcome, Interruption, Prompt, Session, SignInContext};
use doctor::store::{History, HistoryEntry, Keychain, StoreError, TokenStore};
use doctor::{Diagnosis, Status};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use support::{http, profile, HeadlessChromium};
use test_peers::{real_session_available, OidcProvider};

/// The real keychain, noting each refresh token it is asked to keep, so the
/// test knows what to look for on disk.
#[derive(Debug, Default)]
struct Witness {
    keychain: Keychain,
    offered: Mutex<Vec<String>>,
}

impl TokenStore for Witness {
    fn save_refresh_token(&self, profile_key: &str, token: &Secret<String>) -> Result<(), StoreError> {
        self.offered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(token.expose().clone());
        self.keychain.save_refresh_token(profile_key, token)
    }

    fn load_refresh_token(&self, profile_key: &str) -> Result<Option<Secret<String>>, StoreError> {
        self.keychain.load_refresh_token(profile_key)
    }

    fn forget(&self, profile_key: &str) -> Result<(), StoreError> {
        self.keychain.forget(profile_key)
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test]
async fn with_no_secret_service_sign_in_warns_and_writes_the_refresh_token_nowhere() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let scratch = tempfile::tempdir().expect("scratch folder");
    // A bus address with nothing behind it (so no Secret Service, and no
    // autolaunched bus), and every per-user folder inside the scratch one.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", scratch.path().join("no-bus").display()),
    );
    for (variable, folder) in [
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ] {
        let dir = scratch.path().join(folder);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        std::env::set_var(variable, dir);
    }
    std::env::remove_var("SIGNIN_DOCTOR_DATA_DIR");

    let profile = profile(&provider, "alice");
    let session = Arc::new(Session::default());
    let witness = Arc::new(Witness::default());
    let http = http();
    let ctx = SignInContext {
        profile: &profile,
        http: &http,
        session: &session,
        token_store: witness.clone(),
        now: system_now(),
    };
    let attempt = reauthenticate(
        &ctx,
        &HeadlessChromium,
        Prompt::SelectAccount,
        |_| {},
        std::future::pending::<Interruption>(),
    )
    .await;

    // Signed in, and told in words that the session was not kept.
    let AttemptOutcome::SignedIn {
        refresh_token_status, ..
    } = &attempt.outcome
    else {
        panic!("expected a sign-in, got {attempt:#?}");
    };
    assert!(
        refresh_token_status.starts_with("not saved: no secure credential store is available on this computer"),
        "{refresh_token_status}"
    );
    let offered = witness.offered.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let [refresh_token] = offered.as_slice() else {
        panic!(
            "the provider issues one refresh token and the app offers it to the keychain once: {} offers",
            offered.len()
        );
    };

    // The checklist says the same: the sign-in row where the token went, the saved-session row a warning.
    let summary = Diagnosis::new(profile.clone())
        .with_session(session.clone())
        .with_token_store(witness.clone())
        .run(1, Arc::new(|_| {}))
        .await;
    let row = |id| summary.results.iter().find(|r| r.id == id).expect("row");
    let signin = row(ids::SIGNIN);
    assert!(
        signin
            .evidence
            .iter()
            .any(|e| e.label == "Refresh token" && e.value.starts_with("not saved")),
        "{signin:#?}"
    );
    let saved = row(ids::REFRESH);
    assert_eq!(saved.status, Status::Warn, "{saved:#?}");
    assert!(saved.summary.contains("keychain is not available"), "{saved:#?}");

    // What the app writes itself, the history line and an exported packet,
    // lands in the scratch folders; none of it, nor anything else there,
    // holds the refresh token.
    let history = History::for_this_user().expect("a data folder");
    assert!(
        history.path().starts_with(scratch.path()),
        "{}",
        history.path().display()
    );
    history.append(&HistoryEntry::from_run(&summary)).expect("history");
    let gathered = gather(
        &profile,
        Some(summary.clone()),
        session.last_attempt(),
        None,
        Duration::from_secs(1),
    )
    .await;
    let exported = scratch.path().join("home/report.json");
    save(&exported, &gathered, system_now()(), false).expect("export");
    let files = files_under(scratch.path());
    assert!(
        files.contains(&exported) && files.contains(&history.path().to_path_buf()),
        "{files:#?}"
    );
    for file in &files {
        let bytes = std::fs::read(file).expect("readable file");
        assert!(
            !bytes
                .windows(refresh_token.len())
                .any(|w| w == refresh_token.as_bytes()),
            "{} holds the refresh token",
            file.display()
        );
    }
}
