//! A token's kind in the engine's words: the inspector shows `kind_words`
//! and keeps no copy.

use super::TokenKind;

impl TokenKind {
    /// Every kind, for the test that keeps the UI free of copies of the words.
    pub const ALL: [TokenKind; 3] = [TokenKind::IdToken, TokenKind::AccessToken, TokenKind::Unknown];

    pub fn words(self) -> &'static str {
        match self {
            TokenKind::IdToken => "ID token",
            TokenKind::AccessToken => "Access token",
            TokenKind::Unknown => "Token of unknown kind",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_inspection_sends_the_kind_with_its_words() {
        // A token with no `aud`/`scp` hints: neither an ID token nor an access token by its claims.
        let token = "eyJhbGciOiJub25lIn0.eyJmb28iOiJiYXIifQ.";
        let (_, inspection) = crate::token::inspect(token, chrono::DateTime::UNIX_EPOCH).expect("decodes");
        let value = serde_json::to_value(&inspection).expect("json");
        assert_eq!(value["kind_words"], inspection.kind.words());
        assert_eq!(value["kind"], serde_json::to_value(inspection.kind).expect("json"));
    }
}
