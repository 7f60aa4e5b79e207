//! The OS keychain through a real backend (Secret Service under the test
//! session; Credential Manager for the Windows build, under Wine),
//! including a token longer than Windows' per-item limit.

use doctor::secret::Secret;
use doctor::store::{Keychain, TokenStore, CHUNK_CHARS};
use std::time::Duration;
use test_peers::real_keychain_available;

#[test]
fn a_long_refresh_token_round_trips_in_parts_and_is_forgotten() {
    if !real_keychain_available() {
        return;
    }
    let key = format!("keychain-test-{}@http://127.0.0.1:1", std::process::id());
    let long: String = (0..CHUNK_CHARS * 3 + 17)
        .map(|i| char::from(b'A' + (i % 26) as u8))
        .collect();
    Keychain
        .save_refresh_token(&key, &Secret::new(long.clone()))
        .expect("save");
    let loaded = Keychain.load_refresh_token(&key).expect("load").expect("present");
    assert_eq!(loaded.expose(), &long);

    // Saving a shorter one replaces every part of the longer one.
    Keychain
        .save_refresh_token(&key, &Secret::new("short".to_owned()))
        .expect("save short");
    assert_eq!(
        Keychain
            .load_refresh_token(&key)
            .expect("load")
            .expect("present")
            .expose(),
        "short"
    );

    Keychain.forget(&key).expect("forget");
    assert!(Keychain.load_refresh_token(&key).expect("load").is_none());
    // Forgetting twice is fine.
    Keychain.forget(&key).expect("forget again");
}

/// Issue 13 item 5: a proxy password typed into Settings goes to the
/// keychain; the file keeps only the user and address, and the app's
/// requests still get the password.
#[tokio::test]
async fn a_proxy_password_lives_in_the_keychain_and_the_file_names_only_its_user() {
    use doctor::network::proxy::{ProxyRule, ProxySettings};
    use doctor::profile::{save_edits, ProxyChoice, SettingKey};
    use doctor::store::{ProxyAccount, ProxyPasswords};
    if !real_keychain_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    let user = format!("tester{}", std::process::id());
    let with_password = format!("http://{user}:Quiet%2Fpass-91@127.0.0.1:3128");
    save_edits(
        &path,
        &[(SettingKey::Proxy, with_password)],
        &Keychain,
        Duration::from_secs(10),
    )
    .expect("saved");

    let file = std::fs::read_to_string(&path).expect("file");
    let kept = format!("http://{user}@127.0.0.1:3128");
    assert!(file.contains(&format!("proxy = \"{kept}\"")), "{file}");
    assert!(!file.contains("Quiet") && !file.contains("pass-91"), "{file}");

    let account = ProxyAccount::of(&url::Url::parse(&kept).expect("url")).expect("a user");
    let saved = Keychain.load_proxy_password(&account).expect("load").expect("saved");
    assert_eq!(saved.expose(), "Quiet/pass-91");

    // The requests use it.
    let settings = ProxySettings::for_choice(&ProxyChoice::Fixed(kept.clone())).await;
    let Some(ProxyRule::Use(endpoint)) = &settings.https else {
        panic!("expected a usable proxy, got {settings:?}");
    };
    let credentials = endpoint.credentials.as_ref().expect("credentials");
    assert_eq!(credentials.expose(), &format!("{user}:Quiet/pass-91"));
    assert!(settings.source.contains("keychain"), "{}", settings.source);
    assert!(!format!("{settings:?}").contains("Quiet"), "{settings:?}");

    // Saving the placeholder the app shows keeps the saved password.
    let shown = format!("http://{user}:***@127.0.0.1:3128");
    save_edits(&path, &[(SettingKey::Proxy, shown)], &Keychain, Duration::from_secs(10)).expect("saved");
    let saved = Keychain.load_proxy_password(&account).expect("load").expect("kept");
    assert_eq!(saved.expose(), "Quiet/pass-91");

    // Clearing the setting forgets the password.
    save_edits(
        &path,
        &[(SettingKey::Proxy, String::new())],
        &Keychain,
        Duration::from_secs(10),
    )
    .expect("saved");
    assert!(Keychain.load_proxy_password(&account).expect("load").is_none());
    let settings = ProxySettings::for_choice(&ProxyChoice::Fixed(kept)).await;
    assert!(settings.source.contains("no password"), "{}", settings.source);
}
