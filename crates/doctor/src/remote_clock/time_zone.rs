//! This computer's time zone. A wrong zone with a wall clock set to look
//! right is a classic: the screen shows the right time, but UTC (which
//! sign-in uses) is off by whole hours.

use chrono::{Local, Offset};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LocalZone {
    /// The IANA name, e.g. "Europe/Berlin", when the OS says.
    pub name: Option<String>,
    /// E.g. "+01:00".
    pub utc_offset: String,
    pub utc_offset_seconds: i32,
}

impl LocalZone {
    /// The zone in effect now (chrono's `Local`, which honours `TZ`).
    pub fn current() -> Self {
        let seconds = Local::now().offset().fix().local_minus_utc();
        Self {
            name: zone_name(),
            utc_offset: format_offset(seconds),
            utc_offset_seconds: seconds,
        }
    }

    /// "Europe/Berlin (UTC+01:00)".
    pub fn describe(&self) -> String {
        match &self.name {
            Some(name) => format!("{name} (UTC{})", self.utc_offset),
            None => format!("UTC{} (zone name unknown)", self.utc_offset),
        }
    }
}

/// `TZ` first, as chrono's `Local` reads it; then the OS setting.
fn zone_name() -> Option<String> {
    let from_env = std::env::var("TZ").ok().and_then(|tz| {
        let tz = tz.trim_start_matches(':');
        let tz = tz.split("zoneinfo/").last().unwrap_or(tz).trim();
        (!tz.is_empty()).then(|| tz.to_owned())
    });
    from_env.or_else(|| iana_time_zone::get_timezone().ok())
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
            utc_offset: "+05:30".into(),
            utc_offset_seconds: 19800,
        };
        assert_eq!(zone.describe(), "Asia/Kolkata (UTC+05:30)");
        zone.name = None;
        assert_eq!(zone.describe(), "UTC+05:30 (zone name unknown)");
    }
}
