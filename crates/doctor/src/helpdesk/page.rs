//! One page of a Graph collection (learn: paging): its first entries, read
//! within a bound, and the next page's address.

use super::{text, SignInEntry};
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// At most this many entries are read from one page. Graph sends at most
/// 1000 a page (the sign-ins list's largest `$top`, learn: signin-list) and
/// the app asks for 50; the rest of a longer page is skipped unread, so a
/// hostile 1 MiB page of ~70,000 tiny entries costs one scan, not 70,000 entries.
pub const MAX_ENTRIES_PER_PAGE: usize = 1000;

/// One page of a Graph collection: `value` (its first [`MAX_ENTRIES_PER_PAGE`]
/// entries) and the next page's address.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Page {
    #[serde(deserialize_with = "first_entries")]
    pub value: Vec<SignInEntry>,
    #[serde(rename = "@odata.nextLink", deserialize_with = "text")]
    pub next_link: Option<String>,
}

/// The first entries of the list; those that do not read as objects are
/// skipped, not fatal, and anything but a list reads as none.
fn first_entries<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<SignInEntry>, D::Error> {
    de.deserialize_any(FirstEntries)
}

struct FirstEntries;

impl<'de> Visitor<'de> for FirstEntries {
    type Value = Vec<SignInEntry>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of sign-ins")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        for _ in 0..MAX_ENTRIES_PER_PAGE {
            match seq.next_element::<serde_json::Value>()? {
                Some(value) => entries.extend(serde_json::from_value(value).ok()),
                None => return Ok(entries),
            }
        }
        // The rest is read past (the JSON must still end well), never kept.
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(entries)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Vec::new())
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}
