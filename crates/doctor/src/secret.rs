//! A wrapper for tokens, refresh tokens, client secrets and PKCE verifiers.
//!
//! It prints as `[redacted]`, cannot be serialized or compared, and gives up
//! its contents only through the explicitly named [`Secret::expose`].

use std::fmt;

pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The only way to read the secret. Call it where the bytes must leave
    /// (an HTTP body, the OS keychain), never for logging or display.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T: Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

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
        let dir = std::env::temp_dir().join(format!("sd-cert-debug-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let (key, cert) = (dir.join("k.pem"), dir.join("c.pem"));
        let made = std::process::Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=t", "-days", "1", "-keyout",
            ])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .output();
        if !made.is_ok_and(|o| o.status.success()) {
            eprintln!("skipping: openssl is not available");
            return;
        }
        let key_pem = std::fs::read_to_string(&key).expect("key");
        let certificate =
            ClientCertificate::from_pem(&std::fs::read(&cert).expect("cert"), key_pem.as_bytes()).expect("usable");
        let printed = format!("{:?}", Credential::Certificate(certificate));
        let key_body: String = key_pem.lines().nth(1).unwrap_or_default().to_owned();
        assert!(!printed.contains(&key_body), "key bytes printed: {printed}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
