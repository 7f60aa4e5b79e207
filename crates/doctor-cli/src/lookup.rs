//! `lookup`: help-desk mode from a terminal, through the engine's journey
//! (`doctor::helpdesk::sign_in_and_look_up`): signs in as help-desk (the
//! saved help-desk session when there is one, else the browser or a device
//! code), finds the user's sign-in in Microsoft Graph's logs and says which
//! Conditional Access policy refused it, and why. Progress is the engine's
//! words, on stderr.
//!
//! Exit status: 0 found and explained, 1 a problem (`problem.kind`), 2
//! usage, 130 cancelled with Ctrl-C (nothing on stdout).

use crate::console::{say, warn_line};
use crate::signin::SystemBrowser;
use chrono::{DateTime, NaiveDateTime, Utc};
use doctor::helpdesk::{self, HelpDeskContext, HelpDeskProgress, LookupAnswer, LookupInput, LookupLimits, SignInWay};
use doctor::signin::Session;
use doctor::Profile;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// `lookup`'s options (clap reads them straight into this).
#[derive(clap::Args)]
pub struct LookupArgs {
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// The packet the user sent (JSON, Markdown or HTML from Export…, or any error text).
    #[arg(long, value_name = "FILE")]
    pub packet: Option<PathBuf>,
    /// The Request ID (the error's Trace ID).
    #[arg(long, value_name = "ID")]
    pub request_id: Option<String>,
    /// The Correlation ID.
    #[arg(long, value_name = "ID")]
    pub correlation_id: Option<String>,
    /// The user's sign-in name (UPN).
    #[arg(long, value_name = "UPN")]
    pub user: Option<String>,
    /// When the sign-in failed, UTC (RFC 3339, or Entra's 2026-11-27 09:21:07Z).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Also run Conditional Access What If with the packet's inputs.
    #[arg(long)]
    pub what_if: bool,
    /// Sign in as help-desk on another device with a code, instead of this computer's browser.
    #[arg(long)]
    pub device_code: bool,
    /// How long to wait for a sign-in that is not in the logs yet (default 300) and for throttling (at most 60).
    #[arg(long, value_name = "SECONDS")]
    pub wait_seconds: Option<u64>,
}

/// RFC 3339, or Entra's "2023-05-29 05:46:34Z".
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), "%Y-%m-%d %H:%M:%S")
                .ok()
                .map(|t| t.and_utc())
        })
}

fn usage(message: &str) -> ExitCode {
    warn_line!("error: {message}");
    ExitCode::from(2)
}

/// The input from the packet, then the options over it.
fn input(args: &LookupArgs) -> Result<LookupInput, ExitCode> {
    let mut input = match &args.packet {
        Some(path) => match helpdesk::packet::read_file(path) {
            Ok(reading) => LookupInput::from_packet(&reading, args.what_if),
            Err(why) => return Err(usage(&format!("{}: {why}", path.display()))),
        },
        None => LookupInput {
            what_if: args.what_if.then(Default::default),
            ..LookupInput::default()
        },
    };
    let given = |value: &Option<String>| value.clone().filter(|v| !v.trim().is_empty());
    input.request_id = given(&args.request_id).or(input.request_id);
    input.correlation_id = given(&args.correlation_id).or(input.correlation_id);
    input.user = given(&args.user).or(input.user);
    if let Some(at) = &args.at {
        input.at = Some(parse_time(at).ok_or_else(|| {
            usage(&format!(
                "--at {at:?} is not a time: use RFC 3339 (2026-11-27T09:21:07Z) or Entra's 2026-11-27 09:21:07Z"
            ))
        })?);
    }
    if !input.can_search_by_anything() {
        return Err(usage(
            "nothing to look up by: give --packet FILE, --request-id, --correlation-id or --user",
        ));
    }
    Ok(input)
}

fn limits(wait_seconds: Option<u64>) -> LookupLimits {
    let mut limits = LookupLimits::default();
    if let Some(seconds) = wait_seconds {
        let bound = Duration::from_secs(seconds.min(3600));
        limits.max_wait_for_entry = bound;
        limits.max_throttle_wait = bound.min(Duration::from_secs(60));
        limits.first_retry = (bound / 4).clamp(Duration::from_millis(500), Duration::from_secs(10));
        limits.throttle_first_wait = (bound / 4).clamp(Duration::from_millis(500), Duration::from_secs(2));
    }
    limits
}

pub async fn run(user_side: &Profile, args: LookupArgs) -> ExitCode {
    let input = match input(&args) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let session = Session::default();
    let ctx = HelpDeskContext {
        limits: limits(args.wait_seconds),
        ..HelpDeskContext::new(user_side, &session)
    };
    let way = if args.device_code {
        SignInWay::DeviceCode
    } else {
        SignInWay::Browser(&SystemBrowser)
    };
    // Ctrl-C ends the sign-in wait or the lookup cleanly (the listener closes).
    let interrupted = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    match helpdesk::sign_in_and_look_up(&ctx, &input, way, interrupted, show_progress).await {
        Ok(answer) => print(&answer, args.json),
        Err(cancelled) => {
            warn_line!("{cancelled}");
            ExitCode::from(130)
        }
    }
}

/// The engine's words go to stderr, so stdout stays one JSON object with
/// --json; a wait is said once, not each second of its countdown.
fn show_progress(progress: HelpDeskProgress) {
    if progress.is_tick() {
        return;
    }
    warn_line!("{}", progress.words());
    if let HelpDeskProgress::DeviceCodeShown { user_code, .. } = &progress {
        warn_line!("\n    {user_code}\n");
    }
}

fn print(answer: &LookupAnswer, json: bool) -> ExitCode {
    if json {
        if let Err(code) = crate::output::print_json(answer) {
            return code;
        }
    } else {
        say!("{}", answer.summary_markdown(false).trim_end());
        if answer.found && answer.problem.is_none() && answer.blocking_policies.is_empty() {
            say!();
            say!("No Conditional Access policy failed this sign-in.");
        }
    }
    if answer.found && answer.problem.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
