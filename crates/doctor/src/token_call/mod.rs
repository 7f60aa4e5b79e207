//! "A call with the token": the controlled call the help article asks for.
//! The session's access token goes to the authority's `userinfo` endpoint
//! (OIDC Core §5.3) and, when the token is for Microsoft Graph, to
//! `GET /v1.0/me`; the answers say whether the token works, has expired,
//! is challenged for more claims, or lacks a permission.

mod call;
mod challenge;
mod destination;

pub use call::{call, judge, CallVerdict};
pub use challenge::{parse as parse_challenge, Challenge};
pub use destination::{graph_of, may_carry_token};

use crate::checks::{ids, Check, Outcome, Probe, ProbeContext, Signal, Status};
use crate::profile::Authority;
use crate::signin::{after_sign_in, without_tokens};
use crate::ActionKind;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::time::Duration;
use url::Url;

/// Microsoft Graph's application ID: an access token for Graph has it (or
/// Graph's address) as its audience.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

pub struct TokenCallProbe {
    pub bound: Duration,
}

/// One call: what it was, where, and what came back.
struct Called {
    what: &'static str,
    url: Url,
    verdict: CallVerdict,
}

impl Probe for TokenCallProbe {
    fn check(&self) -> Check {
        after_sign_in(ids::TOKEN_CALL, "A call with the token", self.bound)
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            let tokens = match ctx.session.tokens_for(&ctx.profile) {
                Ok(tokens) => tokens,
                Err(why) => return without_tokens(why),
            };
            // The issuer is the authority the tokens were issued under
            // (`tokens_for` checked that it is this run's).
            let issuer = ctx.profile.authority.clone();
            let named = ctx
                .found
                .discovery
                .get()
                .and_then(|d| d.userinfo_endpoint.as_deref())
                .and_then(|u| Url::parse(u).ok());
            let (userinfo, kept_from) = match named {
                Some(url) if may_carry_token(&issuer, &url) => (Some(url), None),
                other => (None, other),
            };
            let graph = graph_me(&issuer, tokens.access_token.expose());
            if userinfo.is_none() && graph.is_none() {
                return match kept_from {
                    Some(url) => not_sent(&issuer, &url),
                    None => Outcome::new(
                        Status::Skipped,
                        "The sign-in service offers no userinfo endpoint, and the token is not for Microsoft Graph: nothing to call.",
                    ),
                };
            }
            let http = ctx.http();
            let token = &tokens.access_token;
            let call_one = |what: &'static str, url: Option<Url>| {
                let http = http.clone();
                async move {
                    let url = url?;
                    let verdict = call(&http, &url, token).await;
                    Some(Called { what, url, verdict })
                }
            };
            let (a, b) = futures::join!(call_one("userinfo", userinfo), call_one("Microsoft Graph /me", graph));
            let called: Vec<Called> = a.into_iter().chain(b).collect();
            let outcome = outcome(&called, &token_scopes(tokens.access_token.expose()));
            match kept_from {
                Some(url) => outcome.with_evidence("userinfo", not_sent_words(&issuer, &url)),
                None => outcome,
            }
        }
        .boxed()
    }
}

/// The discovery document named a userinfo endpoint away from the issuer:
/// the token was kept from it.
fn not_sent(issuer: &Authority, url: &Url) -> Outcome {
    Outcome::new(Status::Warn, format!("The token was not sent: {}.", not_sent_words(issuer, url)))
        .with_fix_steps(vec![
            "Check the authority in Settings: the sign-in service's discovery document should name its own userinfo endpoint.".to_owned(),
        ])
        .with_action(ActionKind::RunAgain)
}

fn not_sent_words(issuer: &Authority, url: &Url) -> String {
    format!(
        "the sign-in service names a userinfo endpoint at {}, which is neither the token's issuer ({}) nor Microsoft Graph of its cloud, so the token does not go there",
        url.host_str().unwrap_or("an address with no host"),
        issuer.host()
    )
}

/// `GET /v1.0/me` on the Graph of the issuer's cloud, when the token is for Graph.
fn graph_me(issuer: &Authority, access_token: &str) -> Option<Url> {
    let base = graph_of(issuer)?;
    let decoded = crate::token::decode(access_token).ok()?;
    let audience = decoded
        .claims
        .get("aud")?
        .as_str()?
        .trim_end_matches('/')
        .to_ascii_lowercase();
    let base_text = base.as_str().trim_end_matches('/');
    // A token for another cloud's Graph is not sent to this one's (nor the reverse).
    let for_graph = audience == GRAPH_APP_ID || audience == base_text;
    for_graph.then(|| base.join("/v1.0/me").ok()).flatten()
}

/// The token's delegated scopes (`scp`), when it is a readable JWT.
fn token_scopes(access_token: &str) -> Vec<String> {
    crate::token::decode(access_token)
        .ok()
        .and_then(|d| d.claims.get("scp").and_then(|s| s.as_str()).map(str::to_owned))
        .map(|s| s.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The row: the worst answer leads.
fn outcome(called: &[Called], scopes: &[String]) -> Outcome {
    let judged: Vec<(Status, String, Vec<String>, Option<Signal>)> =
        called.iter().map(|c| judge_one(c, scopes)).collect();
    let worst = judged.iter().map(|(s, ..)| *s).max().unwrap_or(Status::Pass);
    let summary = judged
        .iter()
        .filter(|(s, ..)| *s == worst)
        .map(|(_, text, ..)| text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut outcome = Outcome::new(worst, summary);
    for (c, (_, _, steps, signal)) in called.iter().zip(&judged) {
        outcome = outcome.with_evidence(format!("{} ({})", c.what, c.url), answer_words(&c.verdict));
        let new: Vec<String> = steps
            .iter()
            .filter(|s| !outcome.fix_steps.contains(s))
            .cloned()
            .collect();
        outcome = outcome.with_fix_steps(new);
        if let Some(signal) = signal {
            outcome = outcome.with_signal(signal.clone());
        }
    }
    if !scopes.is_empty() {
        outcome = outcome.with_evidence("Token's scopes (scp)", scopes.join(" "));
    }
    outcome.with_action(ActionKind::RunAgain)
}

fn answer_words(verdict: &CallVerdict) -> String {
    match verdict {
        CallVerdict::Works { status } => format!("HTTP {status}: accepted"),
        CallVerdict::TokenRefused { description, .. } => format!(
            "HTTP 401 invalid_token{}",
            description.as_deref().map(|d| format!(": {d}")).unwrap_or_default()
        ),
        CallVerdict::ClaimsChallenge { claims } => format!(
            "HTTP 401 insufficient_claims{}",
            claims.as_deref().map(|c| format!(", claims {c}")).unwrap_or_default()
        ),
        CallVerdict::Forbidden { description, .. } => format!(
            "HTTP 403{}",
            description.as_deref().map(|d| format!(": {d}")).unwrap_or_default()
        ),
        CallVerdict::Other { status, description } => format!(
            "HTTP {status}{}",
            description.as_deref().map(|d| format!(": {d}")).unwrap_or_default()
        ),
        CallVerdict::NoAnswer(failure) => format!("no answer ({} step): {}", failure.step.name(), failure.summary),
    }
}

/// One call's status, sentence, fix steps and fact for the headline.
fn judge_one(c: &Called, scopes: &[String]) -> (Status, String, Vec<String>, Option<Signal>) {
    let what = c.what;
    match &c.verdict {
        CallVerdict::Works { status } => (
            Status::Pass,
            format!("The token works: {what} accepted it (HTTP {status})."),
            Vec::new(),
            None,
        ),
        CallVerdict::TokenRefused { expired: true, .. } => (
            Status::Fail,
            format!("{what} refused the token: it has expired (HTTP 401 invalid_token)."),
            vec!["Sign in again (Re-authenticate) to get a fresh token; if it expires at once, check the Clock row.".to_owned()],
            Some(Signal::SessionEnded),
        ),
        CallVerdict::TokenRefused { .. } => (
            Status::Fail,
            format!("{what} refused the token (HTTP 401 invalid_token): it is not valid for this resource, or was revoked."),
            vec![
                "Check the Tokens row: the audience and scopes must be this resource's.".to_owned(),
                "Sign in again (Re-authenticate); if it is refused again, send help-desk the packet.".to_owned(),
            ],
            None,
        ),
        CallVerdict::ClaimsChallenge { .. } => (
            Status::Fail,
            format!("{what} asked for more than this token carries (HTTP 401 insufficient_claims): a claims challenge from Conditional Access or continuous access evaluation, for example after a password change, a revoked session or a new network location."),
            vec![
                "The app using this token must sign in again with the claims the challenge names; Re-authenticate here to get a fresh token.".to_owned(),
                "If it keeps coming back, send help-desk the packet: a Conditional Access policy (or a location rule under continuous access evaluation) is asking for it.".to_owned(),
            ],
            Some(Signal::ClaimsChallenge),
        ),
        CallVerdict::Forbidden { scope, .. } => {
            let needed = scope
                .clone()
                .unwrap_or_else(|| if what.contains("Graph") { "User.Read".to_owned() } else { "openid".to_owned() });
            let has = if scopes.is_empty() {
                String::new()
            } else {
                format!(" (the token has: {})", scopes.join(" "))
            };
            (
                Status::Fail,
                format!("{what} refused the call (HTTP 403): the token lacks the permission {needed}{has}."),
                vec![format!("Ask for the scope {needed} when signing in (Settings › Scopes), and have an admin grant consent to it if your organisation requires that.")],
                None,
            )
        }
        CallVerdict::Other { status, .. } => (
            Status::Warn,
            format!("{what} answered HTTP {status}, which says nothing certain about the token."),
            vec!["Run the checks again; if it stays, the resource may be having trouble.".to_owned()],
            None,
        ),
        CallVerdict::NoAnswer(failure) => (
            Status::Fail,
            format!("{what} could not be called: {}", failure.summary),
            failure.fix_steps.clone(),
            None,
        ),
    }
}
