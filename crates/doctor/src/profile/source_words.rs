//! Where a setting came from, in the engine's words: the Settings view shows
//! `kind_words` next to each value and keeps no copy.

/// Each kind of source as the profile report names it, with its words.
pub const SOURCE_KIND_WORDS: [(&str, &str); 4] = [
    ("default", "Built-in default"),
    ("system_file", "Your IT department's settings file"),
    ("user_file", "Your settings file"),
    ("environment", "Environment variable"),
];

/// The words for a source kind of [`SOURCE_KIND_WORDS`] (the kind itself
/// for one it does not know, which a test keeps from happening).
pub fn source_kind_words(kind: &'static str) -> &'static str {
    SOURCE_KIND_WORDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(kind, |(_, words)| words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{load, ConfigLocations, ProfileReport, SettingKey};

    #[test]
    fn every_source_in_a_report_has_its_own_words() {
        // One setting from the environment, the others built in.
        let key = SettingKey::ALL[0];
        let loaded = load(&ConfigLocations::default(), &|name| {
            (name == key.env_var()).then(|| key.default_value().to_owned())
        });
        let report = ProfileReport::from(&loaded);
        let words: Vec<&str> = report.settings.iter().map(|s| s.source.kind_words).collect();
        assert_eq!(words[0], "Environment variable");
        assert!(words[1..].iter().all(|w| *w == "Built-in default"), "{words:?}");
        for (kind, words) in SOURCE_KIND_WORDS {
            assert_eq!(source_kind_words(kind), words);
        }
    }
}
