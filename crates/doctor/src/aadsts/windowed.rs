//! A pattern that runs only where its label is.
//!
//! regex-lite has no literal prefilter: it steps its PikeVM over every byte,
//! so a dozen labelled patterns over every form of a pasted text cost a few
//! microseconds a byte. Every match of these patterns starts at a literal
//! word ("correlation", "timestamp", "AADSTS"…), so the words of all the
//! patterns are found first in one Aho-Corasick pass over the text, and each
//! pattern runs anchored on a short window from each of its words, so it stops as soon as the text there cannot match. The answers are
//! those of running the pattern over the whole text, given a match ends
//! within [`AFTER_WORD`] bytes of its word.

use aho_corasick::AhoCorasick;
use regex_lite::{Captures, Regex};
use std::sync::OnceLock;

/// How far past its word a match may reach: a label, quotes, spaces and a
/// GUID or a timestamp take well under 100 bytes.
const AFTER_WORD: usize = 512;

/// Every word a pattern starts from (lower case; found without regard to
/// ASCII case, as `(?i)` matches in regex-lite).
const WORDS: [&str; 14] = [
    "aadsts",
    "error",
    "code",
    "trace",
    "request",
    "x-ms-request-id",
    "correlation",
    "timestamp",
    "resource",
    "parent",
    "client",
    "app",
    "application with",
    "to access",
];

/// A text with every place one of [`WORDS`] occurs in it, found in one pass.
pub(super) struct Form {
    pub(super) text: String,
    /// (start, end, index into [`WORDS`]), in order of start.
    hits: Vec<(usize, usize, usize)>,
}

impl Form {
    pub(super) fn new(text: String) -> Self {
        static FINDER: OnceLock<AhoCorasick> = OnceLock::new();
        let finder = FINDER.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(WORDS)
                .unwrap_or_else(|e| unreachable!("constant words: {e}"))
        });
        // Overlapping: "request" inside "x-ms-request-id" is a place too.
        let mut hits: Vec<(usize, usize, usize)> = finder
            .find_overlapping_iter(&text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        hits.sort_unstable();
        Form { text, hits }
    }
}

pub(super) struct Windowed {
    /// Which of [`WORDS`] this pattern starts from, as bits.
    words: u32,
    /// The pattern anchored at the start of each window.
    anchored: Regex,
    /// Whether the pattern starts with a guard that reads the character
    /// before its word (`(?:^|[^a-z0-9-])`): then each window starts there.
    guarded: bool,
}

/// Where a pattern's match starts: at its word, or one character before it.
#[derive(Clone, Copy)]
pub(super) enum Start {
    AtWord,
    /// The pattern's first item reads the character before the word (a
    /// guard such as `(?:^|[^a-z0-9-])`), or the start of the text.
    GuardBefore,
}

impl Windowed {
    /// `words`: the literals (from [`WORDS`]) a match starts with, `start`: where.
    pub(super) fn new(words: &[&str], start: Start, pattern: &str) -> Self {
        let anchored = format!("^(?:{pattern})");
        let bits = words.iter().fold(0, |bits, word| {
            let index = WORDS
                .iter()
                .position(|w| w == word)
                .unwrap_or_else(|| unreachable!("{word} is not in WORDS"));
            bits | 1 << index
        });
        Windowed {
            words: bits,
            anchored: Regex::new(&anchored).unwrap_or_else(|e| unreachable!("constant pattern {anchored}: {e}")),
            guarded: matches!(start, Start::GuardBefore),
        }
    }

    /// The matches in the form's order, never overlapping, each with the
    /// offset its captures count from.
    pub(super) fn captures_iter<'t>(&'t self, form: &'t Form) -> impl Iterator<Item = (usize, Captures<'t>)> + 't {
        let text = form.text.as_str();
        let mut taken_to = 0;
        form.hits
            .iter()
            .filter(|(_, _, word)| self.words & 1 << word != 0)
            .filter_map(move |&(word_start, word_end, _)| {
                let start = if self.guarded {
                    match text[..word_start].char_indices().next_back() {
                        // Every guard refuses a letter or a digit before the word
                        // ("ParentRequestId", "whatsapp"): no need to ask the pattern.
                        Some((_, before)) if before.is_ascii_alphanumeric() => return None,
                        Some((at, _)) => at,
                        None => 0,
                    }
                } else {
                    word_start
                };
                if start < taken_to {
                    // This word is inside the match before it.
                    return None;
                }
                let end = ceil_boundary(text, word_end.saturating_add(AFTER_WORD));
                let found = self.anchored.captures(&text[start..end])?;
                taken_to = start + found.get(0).map_or(0, |m| m.end());
                Some((start, found))
            })
    }

    #[cfg(test)]
    pub(super) fn captures<'t>(&'t self, form: &'t Form) -> Option<Captures<'t>> {
        self.captures_iter(form).next().map(|(_, found)| found)
    }
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::{Form, Start, Windowed};
    use regex_lite::Regex;

    fn whole_and_windowed(words: &[&str], start: Start, pattern: &str, text: &str) {
        let whole: Vec<(usize, String)> = Regex::new(pattern)
            .expect("a pattern")
            .find_iter(text)
            .map(|m| (m.start(), m.as_str().to_owned()))
            .collect();
        let form = Form::new(text.to_owned());
        let found: Vec<(usize, String)> = Windowed::new(words, start, pattern)
            .captures_iter(&form)
            .filter_map(|(at, c)| c.get(0).map(|m| (at + m.start(), m.as_str().to_owned())))
            .collect();
        assert_eq!(found, whole, "{pattern} over {text:?}");
    }

    #[test]
    fn the_same_matches_as_the_whole_text() {
        let guarded = r#"(?i)(?:^|[^a-z0-9-])request[ _-]?id["']?\s*[:=]\s*["']?([0-9a-f]{4})"#;
        for text in [
            "Request Id: abcd",
            "x Request Id: abcd, request_id=0123 ParentRequestId: ffff",
            "client-request-id: abcd",
            "ÄRequest Id: abcd",
            "",
            "request",
            "Request Id: abcd Request Id: 0123Request Id: 4567",
        ] {
            whole_and_windowed(&["request"], Start::GuardBefore, guarded, text);
        }
        let qualified = r"(?i)(?:^|[^a-z0-9-])((?:resource|parent)\s*)?(?:client\s+)?app[ _]?id\s*[:=]\s*([0-9a-f]{4})";
        for text in [
            "Resource app ID: abcd app id: 0123",
            "ParentAppId=abcd",
            "AppId: 9999",
            "Client app ID: abcd",
            "whatsapp id: abcd",
        ] {
            whole_and_windowed(
                &["resource", "parent", "client", "app"],
                Start::GuardBefore,
                qualified,
                text,
            );
        }
        whole_and_windowed(
            &["aadsts"],
            Start::AtWord,
            r"(?i)AADSTS(\d{5,7})",
            "aadsts53003 AADSTS12 AADSTS700016123 xAADSTS50076",
        );
    }

    #[test]
    fn a_value_far_past_its_word_is_not_read() {
        let windowed = Windowed::new(&["trace"], Start::AtWord, r"trace:\s*(\d+)");
        let far = Form::new(format!("trace:{}42", " ".repeat(600)));
        assert!(windowed.captures(&far).is_none());
        let near = Form::new("trace: 42".to_owned());
        assert_eq!(windowed.captures(&near).map(|c| c[1].to_owned()), Some("42".to_owned()));
    }
}
