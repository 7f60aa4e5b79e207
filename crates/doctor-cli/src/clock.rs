//! `clock`: this computer's clock against remote clocks.
//!
//! `--ntp HOST[:PORT]` (repeatable) and `--http-date URL` replace the
//! profile's sources; with neither, the profile's time servers and the sign-in
//! authority's HTTPS Date are asked. Exit status: 0 pass; 1 warn, fail or
//! unknown (no remote clock answered); 2 bad usage.

use crate::console::{say, warn_line};
use doctor::network::{HttpClient, SystemResolver};
use doctor::remote_clock::{measure, outcome, ClockReport, ClockSources, Verdict};
use doctor::{Profile, Status};
use std::process::ExitCode;
use std::sync::Arc;

pub async fn run(profile: &Profile, ntp: Vec<String>, http_date: Option<String>, json: bool) -> ExitCode {
    let sources = if ntp.is_empty() && http_date.is_none() {
        ClockSources::from_profile(profile)
    } else {
        match ClockSources::from_names(&ntp, http_date.as_deref()) {
            Ok(sources) => sources,
            Err(why) => {
                warn_line!("error: {why}");
                return ExitCode::from(2);
            }
        }
    };
    // The HTTPS Date goes through the profile's proxy, like every request.
    let http = HttpClient::system(profile).await;
    let report = measure(&sources, &http, Arc::new(SystemResolver), profile.check_timeout).await;
    if json {
        if let Err(code) = crate::output::print_json(&report) {
            return code;
        }
    } else {
        print_text(&report);
    }
    match report.verdict {
        Verdict::Pass => ExitCode::SUCCESS,
        Verdict::Warn | Verdict::Fail | Verdict::Unknown => ExitCode::from(1),
    }
}

fn print_text(report: &ClockReport) {
    let row = outcome(report);
    let word = match report.verdict {
        Verdict::Unknown => "UNKNOWN".to_owned(),
        verdict => verdict.status().word().to_uppercase(),
    };
    say!("[{word}] Clock: {}", row.summary.plain());
    for evidence in &row.evidence {
        say!("    {}: {}", evidence.label, evidence.value);
    }
    if matches!(row.status, Status::Warn | Status::Fail) {
        for (n, step) in row.fix_steps.iter().enumerate() {
            say!("    Fix {}. {step}", n + 1);
        }
    }
    say!();
    say!("Offsets are this computer's clock minus the remote clock: positive means this computer is ahead.");
}
