//! Which sign-in a search found: one, several (a short list and how many),
//! or none.

use super::super::entry::SignInEntry;
use std::collections::HashSet;

/// At most this many matches are listed when several match: enough to pick
/// from by eye, few enough for a window and a ticket; beyond that the
/// help-desk narrows the search (request ID, time) rather than scrolls.
pub(crate) const MAX_MATCHES_LISTED: usize = 25;

pub(crate) enum Found {
    One(Box<SignInEntry>),
    Many(Matches),
    Nothing,
}

/// Several sign-ins match: the first [`MAX_MATCHES_LISTED`] of them, and how many there were.
pub(crate) struct Matches {
    pub listed: Vec<SignInEntry>,
    /// How many matched among the entries read.
    pub total: usize,
    /// Graph had more entries than were read (`find::MAX_ENTRIES_READ`).
    pub more_unread: bool,
}

impl Matches {
    /// The words for several matches, saying so when not all are listed.
    pub fn words(&self) -> String {
        let listed = self.listed.len();
        if self.total <= listed {
            return format!(
                "{listed} sign-ins match and none was picked: choose one by its request ID (listed) and look it up again."
            );
        }
        let count = if self.more_unread {
            format!("More than {}", self.total)
        } else {
            self.total.to_string()
        };
        format!("{count} sign-ins match and none was picked; the first {MAX_MATCHES_LISTED} are listed. Choose one by its request ID and look it up again, or narrow the search with the request ID or the time of the sign-in.")
    }
}

/// The entries read so far for one query, within `find::MAX_ENTRIES_READ`.
#[derive(Default)]
pub(super) struct Read {
    pub entries: Vec<SignInEntry>,
    pub more_unread: bool,
}

/// One sign-in, several, or none: failures are preferred over the other
/// events of the same sign-in; rows with one ID are one sign-in. Linear in
/// the entries read (a set of IDs), so no answer can stall the runtime here.
pub(super) fn choose(read: Read) -> Found {
    let mut ids: HashSet<String> = HashSet::new();
    let unique: Vec<SignInEntry> = read
        .entries
        .into_iter()
        .filter(|e| e.id.as_ref().is_none_or(|id| ids.insert(id.clone())))
        .collect();
    let pool = if unique.iter().any(SignInEntry::failed) {
        unique.into_iter().filter(SignInEntry::failed).collect()
    } else {
        unique
    };
    let mut pool: Vec<SignInEntry> = if pool.iter().any(SignInEntry::blocked_by_ca) {
        pool.into_iter().filter(SignInEntry::blocked_by_ca).collect()
    } else {
        pool
    };
    match pool.len() {
        0 => Found::Nothing,
        1 => Found::One(Box::new(pool.remove(0))),
        total => {
            pool.truncate(MAX_MATCHES_LISTED);
            Found::Many(Matches {
                listed: pool,
                total,
                more_unread: read.more_unread,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::helpdesk::find::MAX_ENTRIES_READ;

    fn entry(id: &str, error: i64) -> SignInEntry {
        serde_json::from_value(serde_json::json!({"id": id, "status": {"errorCode": error}})).expect("entry")
    }

    #[test]
    fn rows_of_one_sign_in_are_one_and_its_failure_is_chosen() {
        let read = Read {
            entries: vec![entry("a", 0), entry("A", 53003), entry("a", 0)],
            more_unread: false,
        };
        // IDs are lowercased when read, so "A" is "a": the first row stands for the sign-in.
        assert!(matches!(choose(read), Found::One(e) if e.id.as_deref() == Some("a")));
        let read = Read {
            entries: vec![entry("a", 0), entry("b", 53003), entry("c", 0)],
            more_unread: false,
        };
        assert!(matches!(choose(read), Found::One(e) if e.id.as_deref() == Some("b")));
    }

    #[test]
    fn many_distinct_entries_are_chosen_among_at_once_and_listed_within_the_bound() {
        let entries: Vec<SignInEntry> = (0..MAX_ENTRIES_READ).map(|n| entry(&n.to_string(), 50126)).collect();
        let started = std::time::Instant::now();
        let Found::Many(matches) = choose(Read {
            entries,
            more_unread: true,
        }) else {
            panic!("several match");
        };
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(matches.listed.len(), MAX_MATCHES_LISTED);
        assert_eq!(matches.total, MAX_ENTRIES_READ);
        assert!(matches.more_unread);
        assert_eq!(matches.listed[0].id.as_deref(), Some("0"), "in Graph's order");
    }
}

#[cfg(test)]
mod words_tests {
    use super::*;

    fn matches(listed: usize, total: usize, more_unread: bool) -> Matches {
        Matches {
            listed: vec![SignInEntry::default(); listed],
            total,
            more_unread,
        }
    }

    #[test]
    fn the_words_say_how_many_matched_and_how_many_are_listed() {
        assert!(matches(2, 2, false)
            .words()
            .starts_with("2 sign-ins match and none was picked: choose one"));
        let words = matches(MAX_MATCHES_LISTED, 40, false).words();
        assert!(words.starts_with("40 sign-ins match"), "{words}");
        assert!(words.contains("the first 25 are listed"), "{words}");
        let words = matches(MAX_MATCHES_LISTED, 1000, true).words();
        assert!(words.starts_with("More than 1000 sign-ins match"), "{words}");
    }
}
