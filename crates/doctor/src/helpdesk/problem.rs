//! Every way a help-desk lookup can fail, each with its own words and what to do.

use crate::personal::Marked;
use crate::signin::AttemptOutcome;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not in the logs yet (they lag by minutes); waited as long as allowed.
    NotFoundYet,
    /// Older than the tenant's retention (7 days Free, 30 days P1/P2).
    TooOld,
    /// The help-desk person lacks a directory role that may read sign-in logs.
    Role,
    /// A scope was not granted to the help-desk app: an admin grants it.
    Consent,
    /// The tenant has no Entra ID P1 or P2 licence: Graph gives no sign-in logs.
    Licence,
    /// The entry came back without its Conditional Access details.
    NoCaDetails,
    /// Graph kept answering 429 for longer than allowed.
    Throttled,
    /// Several entries match: none was picked.
    Ambiguous,
    /// Graph could not be reached (the network path's verdict says why).
    Unreachable,
    /// This cloud has no sign-in logs in Graph.
    UnsupportedCloud,
    /// The packet's sign-in is in another Microsoft cloud than the help-desk
    /// sign-in: its token is not sent to that cloud's Graph.
    CloudMismatch,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub message: String,
    /// Any e-mail address in the message (the help-desk account's, a service's words) is marked.
    #[serde(skip_serializing_if = "Marked::is_unmarked")]
    pub message_segments: Marked,
}

impl Problem {
    pub fn new(kind: ProblemKind, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            kind,
            message_segments: Marked::scan(&message).into_marks(),
            message,
        }
    }

    /// The help-desk sign-in that did not end signed in, as the lookup's
    /// problem (the window and the CLI say the same); `None` when it did.
    pub fn from_help_desk_sign_in(outcome: &AttemptOutcome) -> Option<Self> {
        let why = match outcome {
            AttemptOutcome::SignedIn { .. } => return None,
            // AADSTS65001 / 65004 / 90094 / 90095: the help-desk app lacks consent.
            AttemptOutcome::Refused { error } if matches!(error.code, Some(65001 | 65004 | 90094 | 90095)) => {
                return Some(Problem::new(
                    ProblemKind::Consent,
                    format!(
                        "The help-desk sign-in was refused for lack of consent ({error}). An admin grants the \
                         help-desk app {LOGS_SCOPE}, Directory.Read.All and {POLICY_SCOPE} (Enterprise \
                         applications › Microsoft Graph Command Line Tools › Permissions › Grant admin consent)."
                    ),
                ));
            }
            AttemptOutcome::Refused { error } => format!("refused: {error}"),
            AttemptOutcome::Cancelled => "cancelled".to_owned(),
            AttemptOutcome::TimedOut { waited_seconds } => {
                format!("no answer from the browser within {waited_seconds} s")
            }
            AttemptOutcome::Failed(failure) => format!("{} ({} step)", failure.message, failure.step),
        };
        Some(Problem::new(
            ProblemKind::Unreachable,
            format!("The help-desk sign-in did not complete: {why}"),
        ))
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The least directory role that reads sign-in logs with their Conditional
/// Access details (learn: signins-roles-for-ca-data; how-to-view-applied-conditional-access-policies).
pub const LEAST_ROLE: &str = "Security Reader";
/// The scope that reads sign-in logs (learn: signin-list permissions).
pub const LOGS_SCOPE: &str = "AuditLog.Read.All";
/// The scope that reads Conditional Access policies and What If.
pub const POLICY_SCOPE: &str = "Policy.Read.All";

pub fn role() -> Problem {
    Problem::new(
        ProblemKind::Role,
        format!("Your account may not read sign-in logs: it needs a directory role that can. The least that shows sign-ins with their Conditional Access details is {LEAST_ROLE} (Global Reader also works; Reports Reader shows sign-ins without the policies). Ask an admin to assign it (Entra admin center › Roles and administrators), then sign in as help-desk again."),
    )
}

pub fn consent(scope: &str) -> Problem {
    Problem::new(
        ProblemKind::Consent,
        format!("The help-desk app has not been granted {scope}. Only an admin can grant it: Entra admin center › Enterprise applications › the help-desk app (Microsoft Graph Command Line Tools by default) › Permissions › Grant admin consent for {scope}. Then sign in as help-desk again."),
    )
}

pub fn licence() -> Problem {
    Problem::new(
        ProblemKind::Licence,
        "This tenant has no Microsoft Entra ID P1 or P2 licence, and Microsoft Graph gives sign-in logs only to tenants that have one (Graph answered Authentication_RequestFromNonPremiumTenantOrB2CTenant). Look the sign-in up in the Entra admin center › Sign-in logs instead, or ask for a P1 licence.",
    )
}

pub fn unreachable(why: &str) -> Problem {
    Problem::new(
        ProblemKind::Unreachable,
        format!("Microsoft Graph could not be reached: {why}"),
    )
}
