//! The OS keychain through a real backend (Secret Service under the test
//! session), including a token longer than Windows' per-item limit.

use doctor::secret::Secret;
use doctor::store::{Keychain, TokenStore, CHUNK_CHARS};
use test_peers::real_session_available;

#[test]
fn a_long_refresh_token_round_trips_in_parts_and_is_forgotten() {
    if !real_session_available() {
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
