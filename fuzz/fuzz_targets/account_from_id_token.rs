//! Any bytes as the ID token a sign-in returned, read for the account shown
//! on the sign-in row (`Account::from_id_token`): an account or none, never
//! a panic; the label is masked in presenter mode. Half the inputs are used
//! as the whole token, half as its claims (JSON) in a token around them.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use doctor::personal::Masking;
use doctor::signin::Account;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let token = match data.split_first() {
        Some((selector, claims)) if selector % 2 == 0 => {
            format!("eyJhbGciOiJSUzI1NiJ9.{}.c2ln", URL_SAFE_NO_PAD.encode(claims))
        }
        _ => String::from_utf8_lossy(data).into_owned(),
    };
    let Some(account) = Account::from_id_token(&token) else {
        return;
    };
    let label = account.marked_label();
    assert_eq!(label.plain(), account.label());
    match (&account.username, &account.name) {
        (Some(username), _) => assert_eq!(&account.label(), username),
        (None, Some(name)) => assert_eq!(&account.label(), name),
        (None, None) => assert_eq!(account.label(), "an unnamed account"),
    }
    if account.username.is_some() || account.name.is_some() {
        assert!(label.has_personal());
        assert!(label.text(Masking::Presenter).contains('•'));
    }
    // The account is kept in the attempt (history, `signin --json`).
    let json = serde_json::to_string(&account).expect("serialises");
    assert_eq!(serde_json::from_str::<Account>(&json).ok().as_ref(), Some(&account));
});
