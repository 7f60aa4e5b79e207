//! Any bytes as the sign-in service's HTTP `Date` header (RFC 9110
//! §5.6.7), read as the clock check reads it: a date bounded into a
//! sample, judged with the other sources into the clock report and its
//! checklist row, or a named bad header, never a panic.
#![no_main]

use chrono::{DateTime, TimeDelta, Utc};
use doctor::remote_clock::{
    outcome, parse_http_date, ClockError, ClockReport, HttpDateReading, LocalZone, Os, Reading, Sample, SourceKind,
    SourceResult,
};
use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fn zone() -> LocalZone {
    LocalZone {
        name: Some("Europe/Berlin".to_owned()),
        utc_offset: "+01:00".to_owned(),
        utc_offset_seconds: 3600,
        windows_name: None,
    }
}

fuzz_target!(|data: &[u8]| {
    let header = String::from_utf8_lossy(data).trim().to_owned();
    let reading = match parse_http_date(&header) {
        Some(date) => {
            // This computer's clock: today, and the calendar's ends.
            for sent in [
                DateTime::<Utc>::MIN_UTC,
                DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
                DateTime::<Utc>::MAX_UTC,
            ] {
                let received = sent.checked_add_signed(TimeDelta::milliseconds(150)).unwrap_or(sent);
                let sample = Sample::from_http_date(sent, received, date);
                assert!(sample.lowest() <= sample.highest(), "{sample:?}");
                assert!(sample.uncertainty >= 0.5, "a Date has whole seconds: {sample:?}");
            }
            let sent = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
            let received = sent.checked_add_signed(TimeDelta::milliseconds(150)).unwrap_or(sent);
            Ok(Reading::HttpDate(HttpDateReading {
                sample: Sample::from_http_date(sent, received, date),
                date_header: header.clone(),
                status: 200,
            }))
        }
        None => Err(ClockError::BadDateHeader(header.clone())),
    };
    let sources = vec![SourceResult {
        kind: SourceKind::HttpDate,
        server: "https://login.microsoftonline.com/common/discovery/instance".to_owned(),
        address: None,
        reading,
    }];
    for local_time in [
        DateTime::UNIX_EPOCH,
        DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
        DateTime::from_timestamp(253_402_300_799, 0).unwrap_or_default(),
    ] {
        let report = ClockReport::from_results(
            sources.clone(),
            zone(),
            local_time,
            Duration::from_millis(150),
            Os::Linux,
        );
        let row = outcome(&report);
        assert!(!row.summary.plain().is_empty());
        let _ = serde_json::to_string(&report);
    }
});
