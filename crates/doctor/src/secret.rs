//! A wrapper for tokens, refresh tokens, client secrets and PKCE verifiers.
//!
//! It prints as `[redacted]`, cannot be serialized or compared, gives up
//! its contents only through the explicitly named [`Secret::expose`], and
//! wipes its buffer when dropped, so a freed token does not linger in memory.

use std::fmt;
use zeroize::Zeroize;

pub struct Secret<T: Zeroize>(T);

impl<T: Zeroize> Secret<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The only way to read the secret. Call it where the bytes must leave
    /// (an HTTP body, the OS keychain), never for logging or display.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T: Zeroize> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T: Zeroize + Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use zeroize::Zeroize;

    // Pinned at compile time: a secret can be neither serialized nor compared
    // (a comparison would leak it through timing, a serializer into a file).
    static_assertions::assert_not_impl_any!(Secret<String>: serde::Serialize, PartialEq, Eq, PartialOrd, std::hash::Hash);
    static_assertions::assert_not_impl_any!(Secret<Vec<u8>>: serde::Serialize, PartialEq, Eq, PartialOrd, std::hash::Hash);

    /// Counts how often its buffer is wiped.
    struct Wiped(Arc<AtomicUsize>);

    impl Zeroize for Wiped {
        fn zeroize(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_secret_wipes_its_buffer_when_dropped() {
        let wipes = Arc::new(AtomicUsize::new(0));
        let secret = Secret::new(Wiped(Arc::clone(&wipes)));
        assert_eq!(wipes.load(Ordering::SeqCst), 0);
        drop(secret);
        assert_eq!(wipes.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn debug_and_display_never_show_the_secret() {
        let secret = Secret::new(String::from("eyJhbGciOiJSUzI1NiJ9.super-secret"));
        assert_eq!(format!("{secret:?}"), "[redacted]");
        assert_eq!(format!("{secret}"), "[redacted]");
        assert_eq!(format!("{:#?}", Some(&secret)), "Some(\n    [redacted],\n)");
        assert_eq!(secret.expose(), "eyJhbGciOiJSUzI1NiJ9.super-secret");
    }
}

/// Every type in the app that holds a token, secret, key or PKCE verifier
/// prints without its bytes.
#[cfg(test)]
mod no_secret_type_prints_its_bytes {
    use super::Secret;
    use crate::signin::{ClientCertificate, Credential, TokenSet};

    const BYTES: &str = "SECRET-BYTES-0123456789";

    fn assert_hidden(printed: String) {
        assert!(!printed.contains(BYTES), "secret bytes printed: {printed}");
    }

    #[test]
    fn tokens_secrets_and_verifiers() {
        let secret = || Secret::new(BYTES.to_owned());
        assert_hidden(format!("{:?}", secret()));
        assert_hidden(format!("{:#?}", Credential::Secret(secret())));
        assert_hidden(format!(
            "{:?}",
            TokenSet {
                access_token: secret(),
                refresh_token: Some(secret()),
                id_token: Some(secret()),
                expires_at: None,
                scopes: Vec::new(),
                nonce: None,
            }
        ));
        // The oauth2 types the sign-in passes them through.
        assert_hidden(format!("{:?}", oauth2::PkceCodeVerifier::new(BYTES.to_owned())));
        assert_hidden(format!("{:?}", oauth2::ClientSecret::new(BYTES.to_owned())));
        assert_hidden(format!("{:?}", oauth2::AuthorizationCode::new(BYTES.to_owned())));
        assert_hidden(format!("{:?}", oauth2::RefreshToken::new(BYTES.to_owned())));
        assert_hidden(format!("{:?}", oauth2::AccessToken::new(BYTES.to_owned())));
        assert_hidden(format!("{:?}", oauth2::CsrfToken::new(BYTES.to_owned())));
        let raw_id: crate::signin::RawIdToken = serde_json::from_value(serde_json::json!(BYTES)).expect("id token");
        assert_hidden(format!("{raw_id:?}"));
    }

    #[test]
    fn certificate_keys() {
        // A real RSA key (the token table's checked-in test key) and a real
        // certificate: no `openssl` command, so this runs on every OS.
        let key_pem = include_str!("../tests/fixtures/token/issuer-test-key.pem");
        let issued = rcgen::generate_simple_self_signed(vec!["t".to_owned()]).expect("certificate");
        let certificate =
            ClientCertificate::from_pem(issued.cert.pem().as_bytes(), key_pem.as_bytes()).expect("usable");
        let printed = format!("{:?}", Credential::Certificate(certificate));
        let key_body: String = key_pem.lines().nth(1).unwrap_or_default().to_owned();
        assert!(key_body.len() > 40, "a key line to look for");
        assert!(!printed.contains(&key_body), "key bytes printed: {printed}");
    }
}
