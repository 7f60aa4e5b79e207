//! `explain`: any pasted error text, explained. Contract: one JSON object
//! (code, name, other_codes, error, trace_id, correlation_id, timestamp,
//! app_id, category, category_words, who_fixes, who_fixes_words, summary,
//! steps, page: the error page's Troubleshooting details or null, and not_read
//! when a text past 64 MiB was read from its end); exit 0 when a code was found, 1 when none was (the JSON is still
//! printed), 2 for unreadable input.

use crate::console::{say, warn_line};
use crate::input::read_input_end;
use crate::output::print_json;
use doctor::aadsts::{explain_end_of, MAX_LOG_BYTES};
use doctor::report::labels;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(file: Option<PathBuf>, json: bool) -> ExitCode {
    // A long log is read to its end, where its newest error is.
    let (text, dropped) = match read_input_end(file.as_deref(), MAX_LOG_BYTES) {
        Ok(read) => read,
        Err(why) => {
            warn_line!("error: {why}");
            return ExitCode::from(2);
        }
    };
    let explanation = explain_end_of(&text, dropped);
    if json {
        if let Err(code) = print_json(&explanation) {
            return code;
        }
    } else {
        match (explanation.code, explanation.name) {
            (Some(code), Some(name)) => say!("AADSTS{code} {name}"),
            (Some(code), None) => say!("AADSTS{code}"),
            (None, _) => say!("No AADSTS code found."),
        }
        say!("{}", explanation.summary);
        if let Some(note) = &explanation.not_read {
            say!("Note: {note}");
        }
        if let Some(who) = explanation.who_fixes {
            say!("Who can fix it: {}", who.words());
        }
        for (label, value) in [
            (labels::REQUEST_ID, &explanation.trace_id),
            (labels::CORRELATION_ID, &explanation.correlation_id),
            (labels::TIMESTAMP, &explanation.timestamp),
            ("App ID", &explanation.app_id),
            ("OAuth error", &explanation.error),
        ] {
            if let Some(value) = value {
                say!("{label}: {value}");
            }
        }
        if let Some(page) = &explanation.page {
            for (label, value) in [
                ("App name", &page.app_name),
                ("IP address", &page.ip_address),
                ("Device identifier", &page.device_id),
                ("Device platform", &page.device_platform),
                ("Device state", &page.device_state),
                ("Resource", &page.resource),
            ] {
                if let Some(value) = value {
                    say!("{label} (error page): {value}");
                }
            }
        }
        if !explanation.other_codes.is_empty() {
            let others: Vec<String> = explanation.other_codes.iter().map(|c| format!("AADSTS{c}")).collect();
            say!("Also named: {}", others.join(", "));
        }
        say!("What to do:");
        for (n, step) in explanation.steps.iter().enumerate() {
            say!("  {}. {step}", n + 1);
        }
    }
    if explanation.code.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
