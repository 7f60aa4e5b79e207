//! Library and page formats that put a fact where no label names it: each
//! read by a short check around a literal, found in one linear search.

/// msal-node's server error message: `<code> - [<yyyy-mm-dd hh:mm:ssZ>]: AADSTS<code>: …`.
/// The bracketed time is the one Entra sent (a log line's own time has no
/// such shape). Returns it as written, e.g. "2023-03-05 22:32:01Z".
pub(super) fn msal_node_server_time(text: &str) -> Option<&str> {
    const SHAPE: &[u8] = b"[dddd-dd-dd dd:dd:ddZ]: ";
    text.match_indices("Z]: ").find_map(|(at, _)| {
        let start = (at + 4).checked_sub(SHAPE.len())?;
        let candidate = text.as_bytes().get(start..at + 4)?;
        let shaped = candidate.iter().zip(SHAPE).all(|(byte, want)| match want {
            b'd' => byte.is_ascii_digit(),
            other => byte == other,
        });
        let before = text.get(..start)?;
        let after = text.get(at + 4..)?;
        let code_before = before
            .strip_suffix(" - ")
            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
        let aadsts_after = after.get(..6).is_some_and(|w| w.eq_ignore_ascii_case("aadsts"));
        (shaped && code_before && aadsts_after)
            .then(|| text.get(start + 1..at + 1))
            .flatten()
    })
}

/// A Microsoft account (consumer) page's own error code: eight hex digits
/// starting 8004 (`Error Code: 80043490`, `0x80049dd3`). These are not
/// AADSTS codes: Microsoft account is a different service. Read only after
/// `0x` or a "code" label, never inside a longer number or a GUID.
pub(super) fn microsoft_account_code(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    text.match_indices("8004").find_map(|(at, _)| {
        if !is_microsoft_account_code_at(text, at) {
            return None;
        }
        let digits = bytes.get(at..at + 8)?;
        let prefixed = at >= 2
            && bytes[at - 2..at].eq_ignore_ascii_case(b"0x")
            && is_edge(at.checked_sub(3).and_then(|i| bytes.get(i)));
        let labelled = is_edge(at.checked_sub(1).and_then(|i| bytes.get(i))) && {
            let from = at.saturating_sub(16);
            bytes[from..at].windows(4).any(|w| w.eq_ignore_ascii_case(b"code"))
        };
        (prefixed || labelled).then(|| String::from_utf8_lossy(digits).to_ascii_lowercase())
    })
}

/// Whether eight hex digits starting 8004 begin at `at` and end there (no
/// longer number, no GUID group after them).
fn is_microsoft_account_code_at(text: &str, at: usize) -> bool {
    starts_like_microsoft_account_code(text, at) && is_edge(text.as_bytes().get(at + 8))
}

/// Whether eight hex digits starting 8004 begin at `at`: then the digits
/// there are no AADSTS code, even where a form of the text glued a word to them.
pub(super) fn starts_like_microsoft_account_code(text: &str, at: usize) -> bool {
    text.as_bytes()
        .get(at..at + 8)
        .is_some_and(|digits| digits.starts_with(b"8004") && digits.iter().all(u8::is_ascii_hexdigit))
}

/// Whether the byte (or the text's end) cannot continue a number, a word or a GUID.
fn is_edge(byte: Option<&u8>) -> bool {
    byte.is_none_or(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bracketed_server_time_of_msal_node_and_nothing_else() {
        let message =
            "errorMessage: \"7000215 - [2023-03-05 22:32:01Z]: AADSTS7000215: Invalid client secret provided.";
        assert_eq!(msal_node_server_time(message), Some("2023-03-05 22:32:01Z"));
        assert_eq!(msal_node_server_time("[2023-03-05 22:32:01Z]: started"), None);
        assert_eq!(msal_node_server_time("x - [2023-03-05 22:32:01Z]: AADSTS1"), None);
        assert_eq!(msal_node_server_time("Z]: "), None);
        assert_eq!(msal_node_server_time("1 - [2023-03-05 2é:32:01Z]: AADSTS1"), None);
    }

    #[test]
    fn a_microsoft_account_code_after_a_label_or_0x() {
        assert_eq!(
            microsoft_account_code("Error Code: 80043490\n").as_deref(),
            Some("80043490")
        );
        assert_eq!(
            microsoft_account_code("it return 0x80049dd3").as_deref(),
            Some("80049dd3")
        );
        assert_eq!(
            microsoft_account_code("Trace ID: 11111111-8004-4bbb-8ccc-222222222222 code"),
            None
        );
        assert_eq!(microsoft_account_code("code 800434901"), None);
        assert_eq!(microsoft_account_code("the value 80043490"), None);
        assert_eq!(microsoft_account_code("8004"), None);
    }
}
