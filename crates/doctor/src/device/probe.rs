//! "This device, as Conditional Access sees it": the device facts in the
//! checklist, and a warning when they explain a Conditional Access refusal.

use super::collect::{collect, DeviceContext};
use super::what_if::sign_in_facts;
use super::{BrowserKind, DeviceSignal};
use crate::aadsts::knowledge::{family, Category};
use crate::checks::{ids, Check, Outcome, Probe, ProbeContext, Signal, Status};
use crate::signin::{Attempt, AttemptOutcome, Flow};
use futures::future::BoxFuture;
use futures::FutureExt;
use std::time::Duration;

pub struct DeviceProbe {
    pub bound: Duration,
}

impl Probe for DeviceProbe {
    fn check(&self) -> Check {
        Check {
            id: ids::DEVICE,
            title: "This device, as Conditional Access sees it".to_owned(),
            // Reads local tools and the session only: no network, so it
            // waits for nothing.
            needs: Vec::new(),
            bound: self.bound,
        }
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            let left = ctx.deadline.saturating_duration_since(tokio::time::Instant::now());
            // Leave the tools part of the bound, so the row reports them by name.
            let context = collect(left.mul_f32(0.8)).await;
            let attempt = ctx.session.last_attempt();
            describe(&context, attempt.as_ref(), &ctx.profile)
        }
        .boxed()
    }
}

/// The code of a refusal Conditional Access (or device state) caused.
fn conditional_access_code(attempt: Option<&Attempt>) -> Option<u32> {
    match &attempt?.outcome {
        AttemptOutcome::Refused { error } => error
            .code
            .filter(|c| matches!(family(*c), Some(Category::ConditionalAccess | Category::Device))),
        _ => None,
    }
}

pub fn describe(context: &DeviceContext, attempt: Option<&Attempt>, profile: &crate::Profile) -> Outcome {
    let state = context.device_state();
    let browser = context
        .browser
        .as_ref()
        .map_or("default browser unknown".to_owned(), |b| match b.kind {
            BrowserKind::Other => format!("default browser {}", b.id),
            kind => format!("default browser {}", kind.words()),
        });
    let summary = format!("{} · {state} · {browser}", context.platform);

    let mut problems = Vec::new();
    let mut signals = Vec::new();
    if let Some(code) = conditional_access_code(attempt) {
        if attempt.is_some_and(|a| a.flow == Flow::DeviceCode) {
            problems.push(format!(
                "The blocked sign-in (AADSTS{code}) used the device code flow, which can never pass a policy that requires a compliant or joined device, and which policies on authentication flows may block. Sign in with Re-authenticate (the browser) instead."
            ));
        }
        if context.known_to_entra() == Some(false) {
            signals.push(Signal::DeviceUnknownToEntra);
            problems.push(format!(
                "Microsoft Entra does not know this device ({state}). If the policy requires a registered, compliant or joined device, ask help-desk how to enroll it (Company Portal on Windows and macOS, Intune Portal on Linux)."
            ));
        }
        if matches!(
            context.browser_can_carry_signal(),
            Some(DeviceSignal::No | DeviceSignal::WithSetup)
        ) {
            if let Some(b) = &context.browser {
                signals.push(Signal::BrowserWithoutDeviceSignal);
                problems.push(b.advice.clone());
            }
        }
    }

    let status = if problems.is_empty() {
        Status::Pass
    } else {
        Status::Warn
    };
    let summary = if problems.is_empty() {
        summary
    } else {
        format!("{summary}. This can explain the Conditional Access block.")
    };
    let mut outcome = Outcome::new(status, summary).with_fix_steps(problems);
    outcome.signals = signals;
    for fact in context.facts.iter().chain(sign_in_facts(profile, attempt).iter()) {
        outcome = outcome.with_marked_evidence(fact.label.clone(), fact.display_value(), fact.names_a_person());
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::{collect, Availability};
    use crate::signin::SignInError;
    use chrono::Utc;

    fn refused(flow: Flow, text: &str) -> Attempt {
        Attempt {
            flow,
            client_request_id: "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d".to_owned(),
            started_at: Utc::now(),
            finished_at: Utc::now(),
            token_round_trip_ms: None,
            outcome: AttemptOutcome::Refused {
                error: SignInError::from_pasted(text),
            },
        }
    }

    #[tokio::test]
    async fn a_device_code_sign_in_blocked_by_conditional_access_is_explained() {
        let context = collect(Duration::from_secs(3)).await;
        let profile = crate::Profile::defaults();
        let attempt = refused(
            Flow::DeviceCode,
            "AADSTS53003: Access has been blocked by Conditional Access policies.",
        );
        let outcome = describe(&context, Some(&attempt), &profile);
        assert_eq!(outcome.status, Status::Warn);
        assert!(
            outcome.fix_steps.iter().any(|s| s.contains("device code flow")),
            "{outcome:?}"
        );
        let flow = outcome
            .evidence
            .iter()
            .find(|e| e.label == "Sign-in flow used")
            .expect("test setup");
        assert!(flow.value.starts_with("Device code"));
    }

    #[tokio::test]
    async fn without_a_conditional_access_refusal_the_facts_are_only_reported() {
        let context = collect(Duration::from_secs(3)).await;
        let profile = crate::Profile::defaults();
        let attempt = refused(Flow::AuthorizationCode, "AADSTS50126: Error validating credentials.");
        let outcome = describe(&context, Some(&attempt), &profile);
        assert_eq!(outcome.status, Status::Pass);
        assert!(outcome.fix_steps.is_empty());
        assert!(outcome.summary.plain().starts_with(&context.platform));
        // Every device fact is in the row, measured or marked as not available.
        for fact in &context.facts {
            let shown = outcome
                .evidence
                .iter()
                .find(|e| e.label == fact.label)
                .expect("test setup");
            if fact.availability != Availability::Measured {
                assert!(shown.value.contains(fact.availability.words()), "{shown:?}");
            }
        }
    }
}
