//! Which of several codes a text is about. People paste stories, not single
//! errors: an app's symptom with the sign-in page quoted below it, the error
//! they had before and the one they get now, a device flow's polling before
//! its real failure, a portal log entry beside the app's message.

use super::knowledge::lookup;
use std::sync::OnceLock;

/// Where a code was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    /// An `AADSTS…` in a message, `error_codes`, or a plain `code:` field.
    Message,
    /// The sign-in page's own "Error Code:" line: the root of what an app
    /// reports around it.
    Page,
    /// The admin portal's sign-in log ("Sign-in error code"): the log's view
    /// of a sign-in, beside the error the person actually got.
    PortalLog,
}

/// A code, where it was in the text, and where it was read.
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    pub at: usize,
    pub code: u32,
    pub source: Source,
}

/// The device code flow's polling state (RFC 8628 §3.5 `authorization_pending`,
/// Entra's AADSTS70016): the app is still waiting, it is no failure, so any
/// other code in the same text is the error.
const STILL_WAITING: [u32; 1] = [70016];

/// What people write before the error they get now ("now I'm getting a
/// different error"): the codes after the last of these are the current ones.
const NOW_CUES: [&str; 12] = [
    "now i'm getting",
    "now i’m getting",
    "now i am getting",
    "now i get",
    "now getting",
    "now i got",
    "now it says",
    "now the error",
    "now i see",
    "different error",
    "new error",
    "another error",
];

/// Where the last "now I get…" cue ends, if the text has one (one linear pass).
pub(super) fn last_cue_end(text: &str) -> Option<usize> {
    static FINDER: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(NOW_CUES)
            .unwrap_or_else(|e| unreachable!("constant cues: {e}"))
    });
    finder.find_iter(text).last().map(|m| m.end())
}

/// A code that a more telling code usually follows: a wrapper (the knowledge
/// base's `generic`) or a polling state.
pub(super) fn is_weak(code: u32) -> bool {
    STILL_WAITING.contains(&code) || lookup(code).is_some_and(|info| info.generic)
}

/// The code the text is about: the current one after a "now I get…" cue,
/// else the sign-in page's own code, else the first telling code in the
/// text's order; a portal log's code only when nothing else is named.
pub(super) fn main_code(found: &[Found], cue_end: Option<usize>) -> Option<u32> {
    let strong = |f: &&Found| !is_weak(f.code);
    let not_portal = |f: &&Found| f.source != Source::PortalLog;
    let after_cue = |f: &&Found| cue_end.is_some_and(|end| f.at >= end);
    let page = |f: &&Found| f.source == Source::Page;
    found
        .iter()
        .filter(not_portal)
        .filter(strong)
        .find(after_cue)
        .or_else(|| found.iter().filter(strong).find(page))
        .or_else(|| found.iter().filter(not_portal).find(strong))
        .or_else(|| found.iter().find(strong))
        .or_else(|| found.iter().find(not_portal))
        .or_else(|| found.first())
        .map(|f| f.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(list: &[(usize, u32, Source)]) -> Vec<Found> {
        list.iter()
            .map(|&(at, code, source)| Found { at, code, source })
            .collect()
    }

    #[test]
    fn the_code_after_the_last_cue_is_the_current_one() {
        let codes = found(&[(0, 700016, Source::Message), (80, 50011, Source::Message)]);
        assert_eq!(main_code(&codes, None), Some(700016));
        assert_eq!(main_code(&codes, Some(40)), Some(50011));
        assert_eq!(last_cue_end("AADSTS1. Now I'm getting AADSTS2"), Some(24));
        assert_eq!(last_cue_end("no cue"), None);
    }

    #[test]
    fn a_page_code_is_the_root_and_a_portal_code_comes_last() {
        let codes = found(&[(0, 50011, Source::Message), (90, 53003, Source::Page)]);
        assert_eq!(main_code(&codes, None), Some(53003));
        let portal = found(&[(0, 53003, Source::PortalLog), (50, 50076, Source::Message)]);
        assert_eq!(main_code(&portal, None), Some(50076));
        assert_eq!(main_code(&found(&[(0, 53004, Source::PortalLog)]), None), Some(53004));
    }

    #[test]
    fn polling_gives_way_to_the_real_failure() {
        let codes = found(&[(0, 70016, Source::Message), (90, 7000218, Source::Message)]);
        assert_eq!(main_code(&codes, None), Some(7000218));
        assert_eq!(main_code(&found(&[(0, 70016, Source::Message)]), None), Some(70016));
    }
}
