//! `signin-doctor-cli`: the same engine as the app, without a window.
//!
//! Exit status: 0 when all is well, 1 when something is wrong (a check
//! failed, a sign-in was refused, a token fails a verdict, the clock is off
//! or could not be compared), 2 for bad usage or input. Each command's help
//! and the README give its exact rule.

mod clock;
mod console;
mod decode;
mod explain;
mod input;
mod lookup;
mod output;
mod report;
mod service_principal;
mod signin;

use clap::{Parser, Subcommand};
use console::warn_line;
use doctor::profile::{load_from_system, ProfileReport};
use doctor::Diagnosis;
use std::path::PathBuf;
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
    /// Runs the checklist and prints the help-desk packet: verdicts, codes and IDs, device facts, What If inputs. Never a token.
    Report {
        /// Markdown for tickets, HTML to attach, JSON for tools.
        #[arg(long, value_enum, default_value = "markdown")]
        format: report::ReportFormat,
        /// An error text to explain and include (a file, or - for stdin).
        #[arg(long, value_name = "FILE")]
        error: Option<PathBuf>,
        /// Show e-mail addresses and names (masked by default, as in the app's presenter mode).
        #[arg(long)]
        show_personal: bool,
    },
    /// Shows the settings in effect and where each came from.
    Profile {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Signs in (system browser, or a code on another device) and reports the outcome with the error's IDs.
    Signin {
        /// Sign in on another device with a code, instead of this computer's browser.
        #[arg(long)]
        device_code: bool,
        /// Ask for the password again (prompt=login) rather than offering the signed-in accounts.
        #[arg(long, conflicts_with = "device_code")]
        password_again: bool,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Help-desk: finds a user's sign-in in Microsoft Graph's logs (from their packet or IDs) and says which Conditional Access policy refused it and what would meet it. Signs in as help-desk (your own account).
    Lookup(lookup::LookupArgs),
    /// Deletes the saved sign-in for the profile from this computer's keychain.
    Forget {
        /// Delete the saved help-desk sign-in (from `lookup`) instead; the user-side one stays.
        #[arg(long)]
        helpdesk: bool,
    },
    /// Compares this computer's clock with remote clocks (SNTP and the authority's HTTPS Date).
    Clock {
        /// An SNTP server as HOST[:PORT]; repeat for several. Replaces the profile's sources.
        #[arg(long)]
        ntp: Vec<String>,
        /// A URL whose HTTPS Date header to read. Replaces the profile's sources.
        #[arg(long)]
        http_date: Option<String>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Explains any pasted error text (from FILE, or stdin when FILE is absent or -): code, IDs, who fixes it, steps.
    Explain {
        /// The file holding the error text; - or nothing for stdin.
        file: Option<PathBuf>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Decodes a JWT (from FILE, or stdin when FILE is absent or -), explains its claims and judges it offline.
    Decode {
        /// The file holding the token; - or nothing for stdin.
        file: Option<PathBuf>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Tests an automation account's credentials (client credentials with a secret or a certificate).
    ServicePrincipal {
        /// The automation account's application (client) ID.
        #[arg(long)]
        client_id: String,
        /// Read the client secret from this environment variable (never from the command line).
        #[arg(long, value_name = "VARIABLE", conflicts_with_all = ["secret_stdin", "certificate"])]
        secret_env: Option<String>,
        /// Read the client secret from standard input.
        #[arg(long, conflicts_with = "certificate")]
        secret_stdin: bool,
        /// A PEM certificate registered on the app (use with --key).
        #[arg(long, requires = "key")]
        certificate: Option<PathBuf>,
        /// The certificate's PEM private key.
        #[arg(long, requires = "certificate")]
        key: Option<PathBuf>,
        /// The permission to ask for: the resource followed by /.default.
        #[arg(long, default_value = "https://graph.microsoft.com/.default")]
        scope: String,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let loaded = load_from_system();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            warn_line!("error: could not start: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Profile { json } => output::print_profile(&ProfileReport::from(&loaded), json),
        Command::Check { json } => {
            for problem in &loaded.problems {
                warn_line!("warning: {problem}");
            }
            let diagnosis = Diagnosis::new(loaded.profile.clone());
            let summary = runtime.block_on(diagnosis.run(1, Arc::new(|_| {})));
            output::print_run(&summary, &loaded.problems, diagnosis.profile(), json)
        }
        Command::Report {
            format,
            error,
            show_personal,
        } => runtime.block_on(report::run(&loaded.profile, format, error, show_personal)),
        Command::Signin {
            device_code,
            password_again,
            json,
        } => runtime.block_on(signin::run(&loaded.profile, device_code, password_again, json)),
        Command::Forget { helpdesk } => runtime.block_on(signin::forget(&loaded.profile, helpdesk)),
        Command::Lookup(args) => runtime.block_on(lookup::run(&loaded.profile, args)),
        Command::Decode { file, json } => decode::run(file, json),
        Command::Explain { file, json } => explain::run(file, json),
        Command::Clock { ntp, http_date, json } => runtime.block_on(clock::run(&loaded.profile, ntp, http_date, json)),
        Command::ServicePrincipal {
            client_id,
            secret_env,
            secret_stdin,
            certificate,
            key,
            scope,
            json,
        } => {
            let credential = match service_principal::read_credential(secret_env, secret_stdin, certificate, key) {
                Ok(credential) => credential,
                Err(why) => {
                    warn_line!("error: {why}");
                    return ExitCode::from(2);
                }
            };
            runtime.block_on(service_principal::run(
                &loaded.profile,
                &client_id,
                &credential,
                &scope,
                json,
            ))
        }
    }
}
