//! Gathers what a packet is made of: the last run, the last sign-in, an
//! explained error, the device facts and the What If inputs.

use super::Packet;
use crate::aadsts::{explain, Explanation};
use crate::checks::RunSummary;
use crate::device::{collect, sign_in_facts, what_if, DeviceContext, Fact, WhatIfInputs};
use crate::profile::Profile;
use crate::signin::{Attempt, AttemptOutcome};
use chrono::{DateTime, Utc};
use std::time::Duration;

pub struct Gathered {
    authority: String,
    client_id: String,
    tenant: Option<String>,
    run: Option<RunSummary>,
    attempt: Option<Attempt>,
    explanation: Option<Explanation>,
    device: DeviceContext,
    sign_in_facts: Vec<Fact>,
    what_if: WhatIfInputs,
}

/// The tenant signed in to, else the one the authority's path names
/// ("organizations", "common", a domain or a GUID).
fn tenant(profile: &Profile, attempt: Option<&Attempt>) -> Option<String> {
    let signed_in = attempt.and_then(|a| match &a.outcome {
        AttemptOutcome::SignedIn { account, .. } => account.tenant_id.clone(),
        _ => None,
    });
    signed_in.or_else(|| {
        profile
            .authority
            .url()
            .path_segments()
            .and_then(|mut s| s.next())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    })
}

/// `device_bound` caps each device tool (dsregcmd, app-sso…).
pub async fn gather(
    profile: &Profile,
    run: Option<RunSummary>,
    attempt: Option<Attempt>,
    pasted: Option<&str>,
    device_bound: Duration,
) -> Gathered {
    let device = collect(device_bound).await;
    let explanation = pasted.filter(|t| !t.trim().is_empty()).map(explain);
    let mut what_if = what_if(&device, profile, attempt.as_ref());
    // A pasted error is the sign-in that failed: its app, time and the page's
    // device facts are what Conditional Access evaluated.
    if let Some(e) = &explanation {
        what_if.take_from_pasted_error(e.app_id.as_deref(), e.timestamp.as_deref(), e.page.as_ref());
    }
    Gathered {
        authority: profile.authority.to_string(),
        client_id: profile.client_id.clone(),
        tenant: tenant(profile, attempt.as_ref()),
        sign_in_facts: sign_in_facts(profile, attempt.as_ref()),
        what_if,
        device,
        run,
        attempt,
        explanation,
    }
}

impl Gathered {
    pub fn packet(&self, generated_at: DateTime<Utc>, mask_personal: bool) -> Packet<'_> {
        Packet {
            generated_at,
            authority: self.authority.clone(),
            client_id: self.client_id.clone(),
            tenant: self.tenant.clone(),
            run: self.run.as_ref(),
            attempt: self.attempt.as_ref(),
            pasted: self.explanation.as_ref(),
            device: Some(&self.device),
            sign_in_facts: &self.sign_in_facts,
            what_if: Some(&self.what_if),
            mask_personal,
        }
    }
}
