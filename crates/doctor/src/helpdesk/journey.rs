//! Help-desk mode from the button (or `lookup`) to the answer, once for the
//! window and the CLI: the help-desk profile, a cloud without sign-in logs
//! said before anyone signs in, the saved help-desk sign-in or a new one
//! (system browser, or a code on another device), then [`lookup`], every
//! step reported with its words. An interrupt (the window's Cancel, the
//! CLI's Ctrl-C) ends it at any step.

use super::cloud::help_desk_graph;
use super::countdown::Countdown;
use super::input::LookupInput;
use super::journey_progress::HelpDeskProgress;
use super::lookup::{failed, lookup, LookupContext};
use super::problem::{Problem, ProblemKind};
use super::profile::helpdesk_profile;
use super::progress::LookupLimits;
use super::resume::resume_saved;
use super::LookupAnswer;
use crate::clock::Now;
use crate::network::HttpClient;
use crate::profile::Profile;
use crate::signin::{self, Browser, Interruption, Prompt, Session, SignInContext, TokenSet};
use crate::store::{Keychain, TokenStore};
use std::future::{pending, Future};
use std::sync::Arc;

pub struct HelpDeskContext<'a> {
    /// The user-side profile; the help-desk one is derived from it (`helpdesk_profile`).
    pub user_side: &'a Profile,
    /// The help-desk sign-in: a session of its own, apart from the user side's.
    pub session: &'a Session,
    /// Where the help-desk refresh token is kept: the OS keychain, or a test's stand-in.
    pub token_store: Arc<dyn TokenStore>,
    pub now: Now,
    pub limits: LookupLimits,
}

impl<'a> HelpDeskContext<'a> {
    /// The usual context: the OS keychain, the system clock, the default bounds.
    pub fn new(user_side: &'a Profile, session: &'a Session) -> Self {
        Self {
            user_side,
            session,
            token_store: Arc::new(Keychain),
            now: crate::clock::system_now(),
            limits: LookupLimits::default(),
        }
    }
}

/// How to sign in as help-desk when the saved sign-in is not accepted.
#[derive(Clone, Copy)]
pub enum SignInWay<'a> {
    /// The system browser (authorization code + PKCE).
    Browser(&'a dyn Browser),
    /// A code entered on another device (RFC 8628).
    DeviceCode,
}

/// The interrupt came before the answer: nothing more was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Cancelled.")]
pub struct Cancelled;

/// Signs in as help-desk and looks the sign-in up. Every step is bounded:
/// the keychain by the profile's check time limit, the browser by its
/// sign-in time limit, a code by its lifetime, the lookup by `ctx.limits`;
/// `interrupt` ends any of them: the step in hand is dropped (a browser
/// wait's listener closes), and nothing more is done.
pub async fn sign_in_and_look_up(
    ctx: &HelpDeskContext<'_>,
    input: &LookupInput,
    way: SignInWay<'_>,
    interrupt: impl Future<Output = ()>,
    on_progress: impl Fn(HelpDeskProgress) + Send + Sync,
) -> Result<LookupAnswer, Cancelled> {
    tokio::select! {
        biased;
        () = interrupt => Err(Cancelled),
        answer = steps(ctx, input, way, &on_progress) => Ok(answer),
    }
}

async fn steps(
    ctx: &HelpDeskContext<'_>,
    input: &LookupInput,
    way: SignInWay<'_>,
    on_progress: &(dyn Fn(HelpDeskProgress) + Send + Sync),
) -> LookupAnswer {
    let profile = helpdesk_profile(ctx.user_side);
    // A cloud without sign-in logs, or a packet from another cloud than the
    // help-desk signs in to, is said before anyone signs in.
    if let Err(problem) = help_desk_graph(
        profile.authority.url().as_str(),
        input.authority.as_deref(),
        profile.graph_url.as_ref(),
    ) {
        return failed(problem);
    }
    on_progress(HelpDeskProgress::CheckingSavedSignIn);
    let http = HttpClient::system(&profile).await;
    let sign_in = SignInContext {
        profile: &profile,
        http: &http,
        session: ctx.session,
        token_store: ctx.token_store.clone(),
        now: ctx.now.clone(),
    };
    let tokens = match resume_saved(&sign_in).await {
        Some(tokens) => {
            on_progress(HelpDeskProgress::SignedIn { saved: true });
            tokens
        }
        None => match sign_in_anew(&sign_in, way, on_progress).await {
            Ok(tokens) => tokens,
            Err(problem) => return failed(problem),
        },
    };
    let lookup_ctx = LookupContext {
        profile: &profile,
        http: &http,
        token: tokens.access_token.clone(),
        granted_scopes: tokens.scopes.clone(),
        now: ctx.now.clone(),
        limits: ctx.limits.clone(),
    };
    let countdown = Countdown::new(on_progress);
    tokio::select! {
        answer = lookup(&lookup_ctx, input, |step| countdown.report(step)) => answer,
        never = countdown.run() => match never {},
    }
}

/// The help-desk sign-in, in the browser or with a code: the tokens, or
/// why there are none (a refusal, a time-out… as the lookup's problem).
/// Cancel is the journey's interrupt, so the sign-in itself waits for none.
async fn sign_in_anew(
    ctx: &SignInContext<'_>,
    way: SignInWay<'_>,
    on_progress: &(dyn Fn(HelpDeskProgress) + Send + Sync),
) -> Result<TokenSet, Problem> {
    on_progress(HelpDeskProgress::SigningIn {
        device_code: matches!(way, SignInWay::DeviceCode),
    });
    let report = |stage| on_progress(HelpDeskProgress::from(stage));
    let attempt = match way {
        SignInWay::Browser(browser) => {
            signin::reauthenticate(ctx, browser, Prompt::SelectAccount, report, pending::<Interruption>()).await
        }
        SignInWay::DeviceCode => signin::sign_in_on_another_device(ctx, report, pending::<Interruption>()).await,
    };
    if let Some(problem) = Problem::from_help_desk_sign_in(&attempt.outcome) {
        return Err(problem);
    }
    let tokens = ctx.session.tokens().ok_or_else(|| {
        Problem::new(
            ProblemKind::Unreachable,
            "The help-desk sign-in did not complete: no tokens came back.",
        )
    })?;
    on_progress(HelpDeskProgress::SignedIn { saved: false });
    Ok(tokens)
}
