//! The lookup: find the entry, explain each failed policy with its own
//! definition, run What If when asked; every failure a typed problem.

use super::answer::{LookupAnswer, MatchSummary, PolicyVerdict, SignInSummary};
use super::cloud::{self, GraphTarget};
use super::entry::{AppliedPolicy, SignInEntry};
use super::explain::explain;
use super::find::{search, Found};
use super::graph::GraphCaller;
use super::graph_problem::{granted, problem_of};
use super::input::LookupInput;
use super::policy::Policy;
use super::problem::{Problem, ProblemKind, LEAST_ROLE, LOGS_SCOPE, POLICY_SCOPE};
use super::progress::{LookupLimits, LookupProgress};
use crate::clock::Now;
use crate::network::HttpClient;
use crate::profile::Profile;
use crate::secret::Secret;
use chrono::Duration as Days;
use futures::stream::{self, StreamExt};
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// Sign-in logs are kept 30 days with P1/P2, 7 without (learn: reference-reports-data-retention).
const RETENTION_DAYS: i64 = 30;
/// At most this many policy definitions are asked for at once: enough to
/// overlap the round trips of a usual refusal (one to three policies), few
/// enough that a hostile entry naming thousands opens no flood of connections
/// nor spends the tenant's Graph throttling budget (learn: throttling-limits).
const POLICY_REQUESTS_AT_ONCE: usize = 4;
/// At most this many distinct policies are read: a refusal names a few; the
/// others are still explained, from the log's facts alone.
const MAX_POLICIES_READ: usize = 25;
/// At most this many failed policies are explained: a tenant holds at most
/// 195 Conditional Access policies (240 since 2026); an entry naming more is
/// not Graph's answer, and each verdict is a block in the window and the ticket.
const MAX_POLICIES_EXPLAINED: usize = 250;
/// Beyond this age an entry missing from the logs will not arrive any more (latency P99 ≈ 5 min; MFA details up to 2 h).
const LATENCY_HORIZON_MINUTES: i64 = 120;

pub struct LookupContext<'a> {
    /// The help-desk profile (`helpdesk_profile`).
    pub profile: &'a Profile,
    /// The engine's shared client for that profile.
    pub http: &'a HttpClient,
    /// The help-desk access token for Graph.
    pub token: Secret<String>,
    /// The scopes the token answer said were granted (`TokenSet::scopes`); empty if unknown.
    pub granted_scopes: Vec<String>,
    pub now: Now,
    pub limits: LookupLimits,
}

/// Looks the sign-in up. Never panics; every wait is bounded by `ctx.limits`
/// and every request by the client's bound.
pub async fn lookup(
    ctx: &LookupContext<'_>,
    input: &LookupInput,
    on_progress: impl Fn(LookupProgress) + Send + Sync,
) -> LookupAnswer {
    // The help-desk token is for the cloud it was signed in at: that cloud's
    // Graph, never the one the packet names (a packet can come from anyone).
    let target = match cloud::help_desk_graph(
        ctx.profile.authority.url().as_str(),
        input.authority.as_deref(),
        ctx.profile.graph_url.as_ref(),
    ) {
        Ok(target) => target,
        Err(problem) => return failed(problem),
    };
    if !input.can_search() {
        return failed(Problem::new(
            ProblemKind::NotFoundYet,
            "Nothing to search by: the packet has no request ID, correlation ID or user.",
        ));
    }
    let now = (ctx.now)();
    if input.at.is_some_and(|at| now - at > Days::days(RETENTION_DAYS)) {
        return failed(Problem::new(
            ProblemKind::TooOld,
            "The sign-in is older than the sign-in logs are kept (30 days with Entra ID P1 or P2, 7 days without), so Graph no longer has it. Ask the user to try again and send a fresh packet.",
        ));
    }
    let caller = GraphCaller {
        http: ctx.http,
        token: &ctx.token,
        granted: &ctx.granted_scopes,
        limits: &ctx.limits,
        on_progress: &on_progress,
    };
    let entry = match find_waiting(&caller, &target, input, ctx).await {
        Ok(entry) => entry,
        Err(answer) => return *answer,
    };
    explain_entry(&caller, &target, input, entry).await
}

/// An answer that is only its problem.
pub(crate) fn failed(problem: Problem) -> LookupAnswer {
    LookupAnswer {
        problem: Some(problem),
        ..LookupAnswer::default()
    }
}

/// Searches, and while the entry is not there and could still arrive, waits and asks again.
async fn find_waiting(
    caller: &GraphCaller<'_>,
    target: &GraphTarget,
    input: &LookupInput,
    ctx: &LookupContext<'_>,
) -> Result<SignInEntry, Box<LookupAnswer>> {
    let mut waited = Duration::ZERO;
    let mut wait = ctx.limits.first_retry.max(Duration::from_millis(100));
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        match search(caller, &target.base, input, (ctx.now)()).await {
            Ok(Found::One(entry)) => return Ok(*entry),
            Ok(Found::Many(matches)) => {
                return Err(Box::new(LookupAnswer {
                    matches: matches.listed.iter().map(MatchSummary::from).collect(),
                    problem: Some(Problem::new(ProblemKind::Ambiguous, matches.words())),
                    ..LookupAnswer::default()
                }))
            }
            Ok(Found::Nothing) => {}
            Err(error) => {
                return Err(Box::new(failed(problem_of(
                    &error,
                    caller,
                    LOGS_SCOPE,
                    Some(target.cloud),
                ))))
            }
        }
        let now = (ctx.now)();
        let could_still_arrive = input
            .at
            .is_none_or(|at| now - at < Days::minutes(LATENCY_HORIZON_MINUTES));
        if !could_still_arrive {
            return Err(Box::new(failed(Problem::new(
                ProblemKind::NotFoundYet,
                "No sign-in matches, and it is old enough that it should be in the logs by now: check the IDs and the time, and that the user signed in to this tenant.",
            ))));
        }
        if waited + wait > ctx.limits.max_wait_for_entry {
            return Err(Box::new(failed(Problem::new(
                ProblemKind::NotFoundYet,
                format!("The sign-in is not in the logs yet (waited {} s). Sign-in logs usually arrive within 2 to 5 minutes: look it up again in a few minutes.", waited.as_secs()),
            ))));
        }
        (caller.on_progress)(LookupProgress::Waiting {
            seconds: wait.as_secs().max(1),
            reason: "The sign-in is not in the logs yet (they lag by minutes): asking again".to_owned(),
            attempt,
            until_gives_up_seconds: ctx.limits.max_wait_for_entry.saturating_sub(waited).as_secs(),
        });
        tokio::time::sleep(wait).await;
        waited += wait;
        wait = (wait * 2).min(Duration::from_secs(60));
    }
}

async fn explain_entry(
    caller: &GraphCaller<'_>,
    target: &GraphTarget,
    input: &LookupInput,
    entry: SignInEntry,
) -> LookupAnswer {
    let mut answer = LookupAnswer {
        found: true,
        sign_in: Some(SignInSummary::from(&entry)),
        ..LookupAnswer::default()
    };
    let failed: Vec<&AppliedPolicy> = match &entry.applied_conditional_access_policies {
        // Missing details matter when CA refused, or might have (not when it was not applied).
        None if entry.blocked_by_ca()
            || (entry.failed() && entry.conditional_access_status.as_deref() != Some("notApplied")) =>
        {
            answer.problem = Some(no_ca_details(caller.granted));
            Vec::new()
        }
        None => Vec::new(),
        Some(applied) => applied
            .iter()
            .filter(|p| matches!(p.result.as_deref(), Some("failure" | "reportOnlyFailure")))
            .collect(),
    };
    let failed: Vec<&AppliedPolicy> = failed.into_iter().take(MAX_POLICIES_EXPLAINED).collect();
    // Each failed policy's definition (once per ID, the first few IDs) and
    // What If need only the entry: against Graph each is a round trip, so
    // they are asked side by side, a few policies at a time.
    let mut seen: HashSet<&str> = HashSet::new();
    let ids: Vec<&str> = failed
        .iter()
        .filter_map(|p| p.id.as_deref())
        .filter(|id| seen.insert(id))
        .take(MAX_POLICIES_READ)
        .collect();
    // The requests are made into a list first: a stream that maps with a
    // borrowing closure makes the whole lookup's future not `Send` for every
    // lifetime (a known limit of rustc's auto traits), and the window runs it
    // on its runtime.
    let fetches: Vec<_> = ids.iter().map(|id| fetch_policy(caller, &target.base, id)).collect();
    let definitions = stream::iter(fetches)
        .buffered(POLICY_REQUESTS_AT_ONCE)
        .collect::<Vec<Option<Policy>>>();
    let what_if = async {
        match &input.what_if {
            Some(query) => {
                (caller.on_progress)(LookupProgress::Evaluating);
                Some(super::what_if::evaluate(caller, &target.base, query, Some(&entry)).await)
            }
            None => None,
        }
    };
    let (definitions, what_if) = futures::join!(definitions, what_if);
    let by_id: HashMap<&str, Option<Policy>> = ids.iter().copied().zip(definitions).collect();
    for policy in failed {
        let definition = policy.id.as_deref().and_then(|id| by_id.get(id)).cloned().flatten();
        let explanation = explain(policy, definition.as_ref(), &entry);
        let verdict = PolicyVerdict::new(policy, definition, explanation);
        if policy.result.as_deref() == Some("reportOnlyFailure") {
            answer.report_only_failures.push(verdict);
        } else {
            answer.blocking_policies.push(verdict);
        }
    }
    answer.what_if = what_if;
    answer
}

/// The policy's definition by ID; `None` when it cannot be read (the verdict still stands on the log's facts).
async fn fetch_policy(caller: &GraphCaller<'_>, base: &str, id: &str) -> Option<Policy> {
    (caller.on_progress)(LookupProgress::FetchingPolicy { id: id.to_owned() });
    let safe: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let bytes = caller
        .get(&format!("{base}/v1.0/identity/conditionalAccess/policies/{safe}"))
        .await
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn no_ca_details(scopes: &[String]) -> Problem {
    let policy_scopes = [
        "Policy.Read.All",
        "Policy.Read.ConditionalAccess",
        "Policy.ReadWrite.ConditionalAccess",
    ];
    let message = if !scopes.is_empty() && !granted(scopes, &policy_scopes) {
        format!("The sign-in was found, but Graph left out its Conditional Access details: the help-desk app has not been granted {POLICY_SCOPE}. An admin grants it (Enterprise applications › the help-desk app › Permissions › Grant admin consent); then sign in as help-desk again.")
    } else {
        format!("The sign-in was found, but Graph left out its Conditional Access details: your account needs a role that sees them, such as {LEAST_ROLE} (or Global Reader, Security Administrator, Conditional Access Administrator). An admin assigns it; then sign in as help-desk again.")
    };
    Problem::new(ProblemKind::NoCaDetails, message)
}
