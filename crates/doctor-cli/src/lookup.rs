//! `lookup`: help-desk mode from a terminal. Signs in as help-desk (the
//! saved help-desk session when there is one, else the browser or a device
//! code), finds the user's sign-in in Microsoft Graph's logs and says which
//! Conditional Access policy refused it, and why.
//!
//! Exit status: 0 found and explained, 1 a problem (`problem.kind`), 2 usage.

use crate::console::{say, warn_line};
use crate::signin::SystemBrowser;
use chrono::{DateTime, NaiveDateTime, Utc};
use doctor::helpdesk::{
    self, graph_target, helpdesk_profile, LookupAnswer, LookupContext, LookupInput, LookupLimits, LookupProgress,
    Problem, ProblemKind,
};
use doctor::network::HttpClient;
use doctor::signin::{self, Interruption, Prompt, Session, SignInContext, WhichToken};
use doctor::Profile;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

pub struct LookupArgs {
    pub json: bool,
    pub packet: Option<PathBuf>,
    pub request_id: Option<String>,
    pub correlation_id: Option<String>,
    pub user: Option<String>,
    pub at: Option<String>,
    pub what_if: bool,
    pub device_code: bool,
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
    let profile = helpdesk_profile(user_side);
    let authority = input.authority.clone().unwrap_or_else(|| profile.authority.to_string());
    // A cloud without sign-in logs is said before anyone signs in.
    if let Err(problem) = graph_target(&authority, profile.graph_url.as_ref()) {
        return print(&failed(problem), args.json);
    }
    let http = HttpClient::system(&profile).await;
    let session = Session::default();
    let ctx = SignInContext::new(&profile, &http, &session);
    let tokens = match helpdesk::resume_saved(&ctx).await {
        Some(tokens) => {
            warn_line!("Using the saved help-desk sign-in.");
            tokens
        }
        None => match sign_in(&ctx, args.device_code).await {
            Ok(()) => match session.tokens() {
                Some(tokens) => tokens,
                None => {
                    return print(
                        &failed(Problem::new(
                            ProblemKind::Unreachable,
                            "The help-desk sign-in did not complete: no tokens came back",
                        )),
                        args.json,
                    )
                }
            },
            Err(problem) => return print(&failed(problem), args.json),
        },
    };
    let token = match session.token(WhichToken::AccessToken) {
        Ok(token) => token,
        Err(_) => tokens.access_token.clone(),
    };
    let lookup = LookupContext {
        profile: &profile,
        http: &http,
        token,
        granted_scopes: tokens.scopes.clone(),
        now: doctor::clock::system_now(),
        limits: limits(args.wait_seconds),
    };
    let answer = helpdesk::lookup(&lookup, &input, show_progress).await;
    print(&answer, args.json)
}

fn failed(problem: Problem) -> LookupAnswer {
    LookupAnswer {
        problem: Some(problem),
        ..LookupAnswer::default()
    }
}

async fn sign_in(ctx: &SignInContext<'_>, device_code: bool) -> Result<(), Problem> {
    let interrupted = async {
        let _ = tokio::signal::ctrl_c().await;
        Interruption::Cancelled
    };
    warn_line!("Signing in as help-desk (your own account)…");
    let attempt = if device_code {
        signin::sign_in_on_another_device(ctx, crate::signin::show_progress, interrupted).await
    } else {
        signin::reauthenticate(
            ctx,
            &SystemBrowser,
            Prompt::SelectAccount,
            crate::signin::show_progress,
            interrupted,
        )
        .await
    };
    match Problem::from_help_desk_sign_in(&attempt.outcome) {
        None => Ok(()),
        Some(problem) => Err(problem),
    }
}

/// Progress goes to stderr, so stdout stays one JSON object with --json.
fn show_progress(progress: LookupProgress) {
    match progress {
        LookupProgress::Querying { what } => warn_line!("Searching the sign-in logs {what}…"),
        LookupProgress::Waiting {
            seconds,
            reason,
            until_gives_up_seconds,
            ..
        } => warn_line!("{reason}: waiting {seconds} s (gives up in {until_gives_up_seconds} s)."),
        LookupProgress::FetchingPolicy { id } => warn_line!("Reading policy {id}…"),
        LookupProgress::Evaluating => warn_line!("Running What If…"),
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
