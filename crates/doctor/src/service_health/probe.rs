//! The service-health row: fetch the feed (bounded like every network step,
//! through the same proxy) and report incidents that touch sign-in.

use super::feed::{parse_feed, FeedItem};
use crate::checks::{ids, Check, Outcome, Probe, ProbeContext, Signal, Status};
use crate::ActionKind;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::time::Duration;

pub const TITLE: &str = "Microsoft service health";

/// Where tenant admins see the incidents that affect their own tenant.
pub const ADMIN_SERVICE_HEALTH: &str = "https://admin.microsoft.com/#/servicehealth";

pub struct ServiceHealthProbe {
    pub bound: Duration,
}

impl Probe for ServiceHealthProbe {
    fn check(&self) -> Check {
        Check {
            id: ids::SERVICE_HEALTH,
            title: TITLE.to_owned(),
            needs: Vec::new(),
            bound: self.bound,
        }
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            let url = &ctx.profile.status_feed;
            let outcome = match ctx.http().get(url, "application/rss+xml, application/xml;q=0.9, */*;q=0.1").await {
                Err(failure) => unreadable(format!("Could not read Microsoft's status feed: {}", failure.summary))
                    .timed_out(failure.timed_out),
                Ok(answer) if !(200..300).contains(&answer.status) => unreadable(format!(
                    "Could not read Microsoft's status feed: it answered HTTP {}{}.",
                    answer.status,
                    answer
                        .header("location")
                        .map(|to| format!(" (redirected to {to}: a captive portal or proxy?)"))
                        .unwrap_or_default()
                )),
                Ok(answer) => match parse_feed(&String::from_utf8_lossy(&answer.body)) {
                    Err(e) => unreadable(format!("Microsoft's status feed could not be read: {e}. A captive portal or proxy page often answers in its place.")),
                    Ok(items) => verdict(items),
                },
            };
            outcome
                .with_evidence("Status feed", url.as_str())
                .with_evidence("For admins: Microsoft 365 service health", ADMIN_SERVICE_HEALTH)
                .with_action(ActionKind::RunAgain)
        }
        .boxed()
    }
}

fn unreadable(summary: String) -> Outcome {
    Outcome::new(Status::Warn, summary).with_fix_steps([
        "This says nothing about sign-in itself: the other rows still do.".to_owned(),
        format!("Admins can see incidents for their own tenant at {ADMIN_SERVICE_HEALTH} (Microsoft 365 admin center › Health › Service health)."),
    ])
}

/// Titles that say the incident is over.
fn is_over(item: &FeedItem) -> bool {
    let title = item.title.to_ascii_lowercase();
    title.starts_with("mitigated") || title.starts_with("resolved")
}

fn verdict(items: Vec<FeedItem>) -> Outcome {
    let (about, other): (Vec<&FeedItem>, Vec<&FeedItem>) = items.iter().partition(|i| i.is_about_sign_in());
    let active: Vec<&&FeedItem> = about.iter().filter(|i| !is_over(i)).collect();
    let mut outcome = match active.as_slice() {
        [] => Outcome::new(
            Status::Pass,
            format!(
                "No active Microsoft incident mentions Entra ID, Azure Active Directory or sign-in ({} other incident{} listed).",
                other.len(),
                if other.len() == 1 { "" } else { "s" }
            ),
        ),
        [first, ..] => Outcome::new(
            Status::Warn,
            format!(
                "Microsoft reports {} active incident{} that may affect sign-in: \"{}\".",
                active.len(),
                if active.len() == 1 { "" } else { "s" },
                first.title
            ),
        )
        .with_fix_steps([
            "If your sign-in fails the way the incident describes, the cause is on Microsoft's side: wait for the incident to be mitigated and try again.".to_owned(),
            format!("Admins: see whether your tenant is affected at {ADMIN_SERVICE_HEALTH}."),
        ])
        .with_signal(Signal::ServiceIncident),
    };
    for item in about {
        let description: String = item.description.chars().take(300).collect();
        outcome = outcome.with_evidence(
            format!(
                "Incident ({})",
                if item.published.is_empty() {
                    "no date"
                } else {
                    &item.published
                }
            ),
            format!("{}: {description}", item.title),
        );
    }
    for item in other {
        outcome = outcome.with_evidence("Other incident (not about sign-in)", item.title.clone());
    }
    outcome
}
