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
