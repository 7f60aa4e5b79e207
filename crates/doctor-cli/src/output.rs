//! Text and JSON output for the CLI's commands.

use crate::console::{say, warn_line};
use doctor::profile::{ConfigProblem, ProfileReport};
use doctor::{Profile, RunSummary, Status};
use serde::Serialize;
use std::process::ExitCode;

#[derive(Serialize)]
struct CheckOutput<'a> {
    #[serde(flatten)]
    summary: &'a RunSummary,
    config_problems: &'a [ConfigProblem],
}

pub fn print_run(summary: &RunSummary, problems: &[ConfigProblem], profile: &Profile, json: bool) -> ExitCode {
    if json {
        let out = CheckOutput {
            summary,
            config_problems: problems,
        };
        if let Err(code) = crate::output::print_json(&out) {
            return code;
        }
    } else {
        say!("Sign-in Doctor: {} (client {})", profile.authority, profile.client_id);
        // The diagnosis first: a person in trouble reads the answer before the rows.
        if let Some(diagnosis) = &summary.diagnosis {
            say!();
            say!("Diagnosis: {}", diagnosis.headline);
            say!("Next step ({}): {}", diagnosis.who_acts_words, diagnosis.next_step);
            if !diagnosis.evidence.is_empty() {
                let shown: Vec<&str> = diagnosis.evidence.iter().map(|id| id.as_str()).collect();
                say!("Shown by: {}", shown.join(", "));
            }
        }
        for result in &summary.results {
            say!();
            say!(
                "[{}] {}: {}",
                result.status.word().to_uppercase(),
                result.title,
                result.summary
            );
            for evidence in &result.evidence {
                say!("    {}: {}", evidence.label, evidence.value);
            }
            if matches!(result.status, Status::Fail | Status::Warn) {
                for (n, step) in result.fix_steps.iter().enumerate() {
                    say!("    Fix {}. {step}", n + 1);
                }
            }
        }
        say!();
        say!(
            "Overall: {} ({} checks in {:.1} s)",
            summary.overall.word(),
            summary.results.len(),
            summary.elapsed_ms as f64 / 1000.0
        );
    }
    if summary.any_failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn print_profile(report: &ProfileReport, json: bool) -> ExitCode {
    if json {
        return print_json(report).map_or_else(|code| code, |()| ExitCode::SUCCESS);
    }
    for setting in &report.settings {
        say!("{} = {}", setting.key, setting.value);
        say!("    from {} (override with {})", setting.source.detail, setting.env_var);
    }
    say!();
    say!(
        "Machine-wide file: {}",
        report.system_config.as_deref().unwrap_or("none on this OS")
    );
    say!(
        "Your file:         {}",
        report.user_config.as_deref().unwrap_or("none on this OS")
    );
    for problem in &report.problems {
        say!("Problem: {problem}");
    }
    ExitCode::SUCCESS
}

/// Prints one JSON object on stdout; a value that cannot be written is bad output (exit 2).
pub fn print_json(value: &impl Serialize) -> Result<(), ExitCode> {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            say!("{text}");
            Ok(())
        }
        Err(e) => {
            warn_line!("error: could not write JSON: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// The three values help-desk searches the Entra sign-in logs by.
/// Labelled as the packet labels them, so the words match what help-desk reads there.
pub fn print_help_desk_ids(error: &doctor::signin::SignInError) {
    use doctor::report::labels;
    for (label, value) in [
        (labels::REQUEST_ID, &error.trace_id),
        (labels::CORRELATION_ID, &error.correlation_id),
        (labels::TIMESTAMP, &error.timestamp),
    ] {
        say!(
            "  {:<22} {}",
            format!("{label}:"),
            value.as_deref().unwrap_or("not given")
        );
    }
}
