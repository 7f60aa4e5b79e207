//! Splitting a long secret over several keychain entries.
//!
//! Windows Credential Manager caps a credential at 2,560 bytes
//! (CRED_MAX_CREDENTIAL_BLOB_SIZE) and keyring stores text as UTF-16 there,
//! so about 1,280 characters fit; Entra refresh tokens can be longer. Every
//! platform uses the same layout, so the logic is tested everywhere: a
//! header entry `chunks:N:LEN` and N part entries.

/// Characters per part: under the 1,280 UTF-16 units Windows allows.
pub const CHUNK_CHARS: usize = 1000;

const HEADER_PREFIX: &str = "signin-doctor-chunks:v1:";

/// The header value and the parts for `secret`.
pub fn split(secret: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = secret.chars().collect();
    let parts: Vec<String> = chars.chunks(CHUNK_CHARS).map(|c| c.iter().collect()).collect();
    (format!("{HEADER_PREFIX}{}:{}", parts.len(), chars.len()), parts)
}

/// How many parts the header announces, and the total length.
pub fn header(value: &str) -> Option<(usize, usize)> {
    let rest = value.strip_prefix(HEADER_PREFIX)?;
    let (count, length) = rest.split_once(':')?;
    let count: usize = count.parse().ok()?;
    // A header that claims more than a refresh token could need is damaged.
    (count <= 64).then_some(())?;
    Some((count, length.parse().ok()?))
}

/// Puts the parts back together, refusing a set that does not add up (a
/// write cut short, or entries from two different saves).
pub fn join(header_value: &str, parts: &[String]) -> Option<String> {
    let (count, length) = header(header_value)?;
    if parts.len() != count {
        return None;
    }
    let joined: String = parts.concat();
    (joined.chars().count() == length).then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_secrets_split_under_the_windows_limit_and_join_back() {
        for length in [0, 1, CHUNK_CHARS - 1, CHUNK_CHARS, CHUNK_CHARS + 1, 5_321] {
            let secret: String = (0..length).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            let (head, parts) = split(&secret);
            assert!(parts.iter().all(|p| p.encode_utf16().count() * 2 <= 2560), "{length}");
            assert_eq!(parts.len(), length.div_ceil(CHUNK_CHARS), "{length}");
            assert_eq!(join(&head, &parts).as_deref(), Some(secret.as_str()), "{length}");
        }
    }

    #[test]
    fn a_missing_or_foreign_part_is_refused() {
        let secret = "x".repeat(2_500);
        let (head, mut parts) = split(&secret);
        assert_eq!(join(&head, &parts[..2]), None);
        parts[1] = "y".repeat(10);
        assert_eq!(join(&head, &parts), None);
        assert_eq!(join("not a header", &parts), None);
        assert_eq!(header("signin-doctor-chunks:v1:99999:1"), None);
    }
}
