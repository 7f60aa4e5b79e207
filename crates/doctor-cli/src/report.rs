//! `report`: runs the checklist and prints the help-desk packet (Markdown,
//! HTML or JSON), with an explained error text when one is given.

use crate::console::{say, warn_line};
use doctor::report::{gather, Format};
use doctor::{Diagnosis, Profile};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Html,
    Json,
}

pub async fn run(profile: &Profile, format: ReportFormat, error: Option<PathBuf>, show_personal: bool) -> ExitCode {
    let pasted = match error {
        None => None,
        Some(path) => match crate::input::read_input(Some(&path), doctor::aadsts::MAX_TEXT_BYTES) {
            Ok(text) => Some(text),
            Err(why) => {
                warn_line!("error: {why}");
                return ExitCode::from(2);
            }
        },
    };
    let diagnosis = Diagnosis::new(profile.clone());
    let summary = diagnosis.run(1, Arc::new(|_| {})).await;
    let failed = summary.any_failed();
    let gathered = gather(profile, Some(summary), None, pasted.as_deref(), Duration::from_secs(3)).await;
    let format = match format {
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
    };
    let packet = gathered.packet(doctor::clock::system_now()(), !show_personal);
    say!("{}", format.render(&packet));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
