//! Windows names its time zones its own way ("W. Europe Standard Time");
//! sign-in logs and everything else use IANA names ("Europe/Berlin"). The
//! table that maps one to the other is Unicode CLDR's windowsZones, kept as
//! data in windows_zones.txt (its source, version and licence are at its top).

/// CLDR 48's rows for the world as a whole (territory "001").
const TABLE: &str = include_str!("windows_zones.txt");

/// The IANA zone CLDR gives for Windows' zone `windows_name` (the registry
/// key name), or None for a zone the table does not know.
pub(super) fn iana_name(windows_name: &str) -> Option<&'static str> {
    let windows_name = windows_name.trim();
    rows().find_map(|(windows, iana)| windows.eq_ignore_ascii_case(windows_name).then_some(iana))
}

/// The table's rows, (Windows name, IANA name); comments and blank lines skipped.
fn rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLE
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_row_of_the_table_is_read() {
        let data: Vec<&str> = TABLE
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        assert_eq!(data.len(), 139, "CLDR 48 has 139 rows for territory 001");
        assert_eq!(rows().count(), data.len(), "every row has a tab");
        let mut seen = HashSet::new();
        for (windows, iana) in rows() {
            assert!(!windows.is_empty() && windows.trim() == windows, "{windows:?}");
            assert!(!iana.contains(char::is_whitespace), "one IANA name per row: {iana:?}");
            assert!(iana.contains('/'), "{iana:?}");
            assert!(seen.insert(windows.to_ascii_lowercase()), "{windows} twice");
        }
    }

    #[test]
    fn known_windows_zones_map_to_cldr_s_iana_names() {
        assert_eq!(iana_name("W. Europe Standard Time"), Some("Europe/Berlin"));
        assert_eq!(iana_name("Pacific Standard Time"), Some("America/Los_Angeles"));
        assert_eq!(iana_name("Pacific Standard Time (Mexico)"), Some("America/Tijuana"));
        assert_eq!(iana_name("India Standard Time"), Some("Asia/Calcutta"));
        assert_eq!(iana_name("UTC"), Some("Etc/UTC"));
        assert_eq!(iana_name("UTC-11"), Some("Etc/GMT+11"));
        assert_eq!(iana_name("GMT Standard Time"), Some("Europe/London"));
        // Registry key names are not case-sensitive.
        assert_eq!(iana_name("w. europe standard time "), Some("Europe/Berlin"));
    }

    #[test]
    fn an_unknown_zone_has_no_iana_name() {
        // Added by Microsoft in 2026, after CLDR 48.
        assert_eq!(iana_name("Alberta Standard Time"), None);
        assert_eq!(iana_name(""), None);
        assert_eq!(iana_name("#"), None);
    }
}
