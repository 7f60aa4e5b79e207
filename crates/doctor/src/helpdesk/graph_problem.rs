//! A failed Graph call, as the lookup's problem: what it means (role,
//! consent, licence, a cloud without sign-in logs, throttling, no answer)
//! and what to do. Shared by the search, the policies and What If.

use super::cloud::{self, Cloud};
use super::graph::{GraphCaller, GraphError};
use super::problem::{self, Problem, ProblemKind, LOGS_SCOPE};

/// Whether the token's scopes include one of `wanted` (bare or as a full URI).
pub(crate) fn granted(scopes: &[String], wanted: &[&str]) -> bool {
    scopes.iter().any(|s| {
        let bare = s.rsplit('/').next().unwrap_or(s);
        wanted.iter().any(|w| bare.eq_ignore_ascii_case(w))
    })
}

pub(crate) fn bad_answer(what: &str) -> Problem {
    problem::unreachable(&format!(
        "{what}; a proxy or captive portal may have answered in Graph's place."
    ))
}

/// A failed Graph call, as a problem. `scope` is the scope the call needs.
pub(crate) fn problem_of(error: &GraphError, caller: &GraphCaller<'_>, scope: &str, cloud: Option<Cloud>) -> Problem {
    match error {
        GraphError::Refused { message, .. } if message.contains("segment 'signIns'") => {
            cloud::no_sign_in_logs(cloud.unwrap_or(Cloud::Configured))
        }
        GraphError::Refused { code, .. } if code == "Authentication_RequestFromNonPremiumTenantOrB2CTenant" => {
            problem::licence()
        }
        GraphError::Refused { status: 403, .. } => {
            if !caller.granted.is_empty() && !granted(caller.granted, &[scope]) {
                problem::consent(scope)
            } else {
                problem::role()
            }
        }
        GraphError::Refused { status: 401, message, .. } => Problem::new(
            ProblemKind::Consent,
            format!("Microsoft Graph did not accept the help-desk sign-in ({message}). Sign in as help-desk again; if it keeps happening, the help-desk app may lack an admin's consent for Microsoft Graph ({LOGS_SCOPE})."),
        ),
        GraphError::Refused { status, code, message } => problem::unreachable(&format!(
            "Graph answered HTTP {status} {code}: {message}"
        )),
        GraphError::Throttled { waited } => Problem::new(
            ProblemKind::Throttled,
            format!("Microsoft Graph is throttling requests (HTTP 429; sign-in logs allow about 5 requests per 10 seconds per app and tenant) and still was after waiting {} s. Try again in a minute.", waited.as_secs()),
        ),
        GraphError::Unreachable(failure) => problem::unreachable(&format!("{} ({} step)", failure.summary, failure.step.name())),
        GraphError::BadAnswer(what) => bad_answer(what),
    }
}
