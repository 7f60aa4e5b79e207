//! `signin-doctor-cli`: the same checks as the app, without a window.
//!
//! Exit status: 0 when every check passed (or warned), 1 when a check
//! failed, 2 for bad usage or input.

mod output;

use clap::{Parser, Subcommand};
use doctor::profile::{load_from_system, ProfileReport};
use doctor::Diagnosis;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "signin-doctor-cli",
    version,
    about = "Diagnoses Microsoft sign-in failures (such as AADSTS53003) from the command line."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the checklist and prints each check's verdict.
    Check {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Shows the settings in effect and where each came from.
    Profile {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let loaded = load_from_system();
    match cli.command {
        Command::Profile { json } => {
            let report = ProfileReport::from(&loaded);
            output::print_profile(&report, json)
        }
        Command::Check { json } => {
            for problem in &loaded.problems {
                eprintln!("warning: {problem}");
            }
            let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(e) => {
                    eprintln!("error: could not start: {e}");
                    return ExitCode::from(2);
                }
            };
            let diagnosis = Diagnosis::new(loaded.profile.clone());
            let summary = runtime.block_on(diagnosis.run(1, Arc::new(|_| {})));
            output::print_run(&summary, &loaded.problems, diagnosis.profile(), json)
        }
    }
}
