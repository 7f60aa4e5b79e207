//! This computer's time zone. A wrong zone with a wall clock set to look
//! right is a classic: the screen shows the right time, but UTC (which
//! sign-in uses) is off by whole hours.

use chrono::{Local, Offset};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LocalZone {
    /// The IANA name, e.g. "Europe/Berlin", when the OS says.
    pub name: Option<String>,
    /// Windows' own name for the zone, e.g. "W. Europe Standard Time"
    /// (only on Windows, so other systems' JSON has no such key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub windows_name: Option<String>,
    /// E.g. "+01:00".
    pub utc_offset: String,
    pub utc_offset_seconds: i32,
}

impl LocalZone {
    /// The zone in effect now (chrono's `Local`).
    pub fn current() -> Self {
        let seconds = Local::now().offset().fix().local_minus_utc();
        let (name, windows_name) = zone_names();
        Self {
            name,
            windows_name,
            utc_offset: format_offset(seconds),
            utc_offset_seconds: seconds,
        }
    }

    /// "Europe/Berlin (UTC+01:00)"; on Windows
    /// "Europe/Berlin (W. Europe Standard Time, UTC+01:00)".
    pub fn describe(&self) -> String {
        let offset = format!("UTC{}", self.utc_offset);
        match (&self.name, &self.windows_name) {
            (Some(name), Some(windows)) => format!("{name} ({windows}, {offset})"),
            (Some(name), None) => format!("{name} ({offset})"),
            (None, Some(windows)) => format!("{windows} ({offset})"),
            (None, None) => format!("{offset} (zone name unknown)"),
        }
    }
}

/// (IANA name, Windows name). Windows: its own setting, named in IANA terms
/// by CLDR's table. chrono's `Local` ignores `TZ` there, so this does too.
#[cfg(windows)]
fn zone_names() -> (Option<String>, Option<String>) {
    let key = super::windows_time_zone::key_name();
    let iana = iana_for_windows(key.as_deref(), || iana_time_zone::get_timezone().ok());
    (iana, key)
}

/// (IANA name, None): `TZ` first, as chrono's `Local` reads it; then the OS setting.
#[cfg(not(windows))]
fn zone_names() -> (Option<String>, Option<String>) {
    let from_env = std::env::var("TZ").ok().and_then(|tz| {
        let tz = tz.trim_start_matches(':');
        let tz = tz.split("zoneinfo/").last().unwrap_or(tz).trim();
        (!tz.is_empty()).then(|| tz.to_owned())
    });
    (from_env.or_else(|| iana_time_zone::get_timezone().ok()), None)
}

/// The IANA name for Windows' zone `key`: CLDR's, else what `system` says
/// (iana-time-zone, through WinRT) for a zone newer than the table.
#[cfg(any(windows, test))]
fn iana_for_windows(key: Option<&str>, system: impl FnOnce() -> Option<String>) -> Option<String> {
    key.and_then(super::windows_zones::iana_name)
        .map(str::to_owned)
        .or_else(system)
}

fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_offsets_like_iso_8601() {
        assert_eq!(format_offset(0), "+00:00");
        assert_eq!(format_offset(5 * 3600 + 1800), "+05:30");
        assert_eq!(format_offset(-(3 * 3600 + 1800)), "-03:30");
    }

    #[test]
    fn describes_with_or_without_a_name() {
        let mut zone = LocalZone {
            name: Some("Asia/Kolkata".into()),
            windows_name: None,
            utc_offset: "+05:30".into(),
            utc_offset_seconds: 19800,
        };
        assert_eq!(zone.describe(), "Asia/Kolkata (UTC+05:30)");
        zone.name = None;
        assert_eq!(zone.describe(), "UTC+05:30 (zone name unknown)");
    }

    /// Seen under Wine: "UTC+00:00 (zone name unknown)", because the IANA
    /// name came only from WinRT. Windows' own name is shown beside it.
    #[test]
    fn describes_a_windows_zone_by_both_names() {
        let mut zone = LocalZone {
            name: Some("Europe/Berlin".into()),
            windows_name: Some("W. Europe Standard Time".into()),
            utc_offset: "+01:00".into(),
            utc_offset_seconds: 3600,
        };
        assert_eq!(zone.describe(), "Europe/Berlin (W. Europe Standard Time, UTC+01:00)");
        let json = serde_json::to_value(&zone).unwrap_or_default();
        assert_eq!(json["name"], "Europe/Berlin");
        assert_eq!(json["windows_name"], "W. Europe Standard Time");
        // A zone CLDR 48 does not map yet still has a name to show.
        zone.name = None;
        zone.windows_name = Some("Alberta Standard Time".into());
        assert_eq!(zone.describe(), "Alberta Standard Time (UTC+01:00)");
    }

    /// Linux and macOS JSON stays as it was: no `windows_name` key at all.
    #[test]
    fn the_windows_name_is_left_out_of_json_when_there_is_none() {
        let zone = LocalZone {
            name: Some("Etc/UTC".into()),
            windows_name: None,
            utc_offset: "+00:00".into(),
            utc_offset_seconds: 0,
        };
        assert_eq!(
            serde_json::to_string(&zone).unwrap_or_default(),
            r#"{"name":"Etc/UTC","utc_offset":"+00:00","utc_offset_seconds":0}"#
        );
    }

    #[test]
    fn a_windows_zone_gets_its_iana_name_from_cldr_then_from_the_system() {
        let no_system = || None;
        assert_eq!(
            iana_for_windows(Some("W. Europe Standard Time"), no_system).as_deref(),
            Some("Europe/Berlin")
        );
        assert_eq!(
            iana_for_windows(Some("Alberta Standard Time"), || Some("America/Edmonton".into())).as_deref(),
            Some("America/Edmonton")
        );
        assert_eq!(iana_for_windows(Some("Alberta Standard Time"), no_system), None);
        assert_eq!(iana_for_windows(None, no_system), None);
    }
}
