//! The clock check: this computer's clock against remote clocks (SNTP and
//! the sign-in service's HTTPS Date).
//!
//! Sign convention, which the CLI's JSON promises: an offset is local −
//! remote, so it is POSITIVE WHEN THIS COMPUTER'S CLOCK IS AHEAD.
//!
//! - [`measure`] asks every source at once within one time bound and
//!   returns a [`ClockReport`] (what `signin-doctor-cli clock --json` prints).
//! - [`ClockProbe`] is the checklist row built on it.

mod agreement;
mod date_header;
mod error;
mod fix_steps;
mod http_date;
mod measure;
mod ntp;
mod probe;
mod reply_checks;
mod report;
mod sample;
mod sources;
mod time_zone;
mod verdict;
#[cfg(windows)]
mod windows_time_zone;
#[cfg(any(windows, test))]
mod windows_zones;
mod wording;

pub use agreement::{best_estimate, Estimate};
pub use date_header::parse_http_date;
pub use error::ClockError;
pub use fix_steps::{clock_fix_steps, unreachable_fix_steps, Os};
pub use http_date::{read_http_date, HttpDateReading};
pub use measure::measure;
pub use ntp::{ask_ntp_server, NtpReading};
pub use probe::{outcome, ClockProbe, TITLE};
pub use report::{ClockReport, Reading, SourceResult};
pub use sample::Sample;
pub use sources::{parse_http_date_url, ClockSources, NtpServer, SourceError, SourceKind, NTP_PORT};
pub use time_zone::LocalZone;
pub use verdict::{Verdict, FAIL_ABOVE_SECONDS, WARN_FROM_SECONDS};
