//! Text and JSON output for the CLI's commands.

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
        println!("Sign-in Doctor: {} (client {})", profile.authority, profile.client_id);
        for result in &summary.results {
            println!();
            println!(
                "[{}] {}: {}",
                result.status.word().to_uppercase(),
                result.title,
                result.summary
            );
            for evidence in &result.evidence {
                println!("    {}: {}", evidence.label, evidence.value);
            }
            if matches!(result.status, Status::Fail | Status::Warn) {
                for (n, step) in result.fix_steps.iter().enumerate() {
                    println!("    Fix {}. {step}", n + 1);
                }
            }
        }
        println!();
        println!(
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
        println!("{} = {}", setting.key, setting.value);
        println!("    from {} (override with {})", setting.source.detail, setting.env_var);
    }
    println!();
    println!(
        "Machine-wide file: {}",
        report.system_config.as_deref().unwrap_or("none on this OS")
    );
    println!(
        "Your file:         {}",
        report.user_config.as_deref().unwrap_or("none on this OS")
    );
    for problem in &report.problems {
        println!("Problem: {problem}");
    }
    ExitCode::SUCCESS
}

/// Prints one JSON object on stdout; a value that cannot be written is bad output (exit 2).
pub fn print_json(value: &impl Serialize) -> Result<(), ExitCode> {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            println!("{text}");
            Ok(())
        }
        Err(e) => {
            eprintln!("error: could not write JSON: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// The three values help-desk searches the Entra sign-in logs by.
pub fn print_help_desk_ids(error: &doctor::signin::SignInError) {
    println!(
        "  Trace ID (Request ID): {}",
        error.trace_id.as_deref().unwrap_or("not given")
    );
    println!(
        "  Correlation ID:        {}",
        error.correlation_id.as_deref().unwrap_or("not given")
    );
    println!(
        "  Timestamp (UTC):       {}",
        error.timestamp.as_deref().unwrap_or("not given")
    );
}
