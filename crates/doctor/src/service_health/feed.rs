//! Reading the Azure status feed (RSS 2.0: `rss/channel/item` with `title`,
//! `description`, `link`, `pubDate`) and picking the items about sign-in.

use quick_xml::events::Event;
use quick_xml::Reader;

/// One incident in the feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedItem {
    pub title: String,
    /// The description with its HTML markup removed.
    pub description: String,
    pub link: String,
    pub published: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("the answer is not XML ({0})")]
    NotXml(String),
    #[error("the answer is XML but not an RSS feed (no <rss><channel>)")]
    NotRss,
}

/// Words that mark an incident as one that affects sign-in.
const SIGN_IN_WORDS: [&str; 7] = [
    "entra",
    "azure active directory",
    "azure ad",
    "aad",
    "sign-in",
    "sign in",
    "authentication",
];

impl FeedItem {
    /// The incident names Entra ID, Azure Active Directory or sign-in.
    pub fn is_about_sign_in(&self) -> bool {
        let text = format!("{} {}", self.title, self.description).to_ascii_lowercase();
        SIGN_IN_WORDS.iter().any(|word| contains_word(&text, word))
    }
}

/// `word` in `text` on word boundaries ("aad" but not "haad").
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every item in the feed, in feed order.
pub fn parse_feed(xml: &str) -> Result<Vec<FeedItem>, FeedError> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut items = Vec::new();
    let mut current: Option<FeedItem> = None;
    let mut text = String::new();
    let mut saw_channel = false;
    loop {
        let event = reader.read_event().map_err(|e| FeedError::NotXml(e.to_string()))?;
        match event {
            Event::Start(start) => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).to_ascii_lowercase();
                if name == "channel" && path.last().is_some_and(|p| p == "rss") {
                    saw_channel = true;
                }
                if name == "item" {
                    current = Some(FeedItem::default());
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.decode().map_err(|e| FeedError::NotXml(e.to_string()))?),
            Event::CData(t) => text.push_str(&t.decode().map_err(|e| FeedError::NotXml(e.to_string()))?),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let name = r.decode().map_err(|e| FeedError::NotXml(e.to_string()))?;
                    text.push_str(quick_xml::escape::resolve_predefined_entity(&name).unwrap_or(""));
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                if let Some(item) = current.as_mut() {
                    let value = text.trim().to_owned();
                    match name.as_str() {
                        "title" => item.title = value,
                        "description" => item.description = strip_html(&value),
                        "link" => item.link = value,
                        "pubdate" => item.published = value,
                        "item" => items.extend(current.take()),
                        _ => {}
                    }
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_channel {
        return Err(FeedError::NotRss);
    }
    Ok(items)
}

/// The feed's descriptions are escaped HTML; keep the words.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../../tests/peers/feeds/azure-status.xml");

    #[test]
    fn reads_the_sample_feed_and_picks_the_entra_incident() {
        let items = parse_feed(SAMPLE).expect("parses");
        assert_eq!(items.len(), 2);
        let about: Vec<&FeedItem> = items.iter().filter(|i| i.is_about_sign_in()).collect();
        assert_eq!(about.len(), 1);
        assert!(about[0].title.contains("Microsoft Entra ID"), "{}", about[0].title);
        assert!(
            about[0].description.starts_with("Summary of Impact:"),
            "{}",
            about[0].description
        );
        assert!(!about[0].description.contains('<'));
        assert!(!items[1].is_about_sign_in(), "{:?}", items[1]);
    }

    #[test]
    fn an_empty_feed_has_no_items_and_other_documents_are_named() {
        let empty = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Azure Status</title></channel></rss>"#;
        assert_eq!(parse_feed(empty), Ok(Vec::new()));
        assert_eq!(
            parse_feed("<html><body>Sign in to Wi-Fi</body></html>"),
            Err(FeedError::NotRss)
        );
        assert!(matches!(
            parse_feed("<rss><channel><item></rss>"),
            Err(FeedError::NotXml(_))
        ));
    }

    #[test]
    fn sign_in_words_match_on_word_boundaries() {
        assert!(contains_word("issue with aad sign-ins", "aad"));
        assert!(!contains_word("haad", "aad"));
    }
}
