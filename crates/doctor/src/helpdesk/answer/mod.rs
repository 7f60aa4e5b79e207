//! The lookup's answer: the same object for the window and `lookup --json`
//! (issue 11's contract). Its personal values are [`Personal`] fields and its
//! free text is marked where it is written, so the window, the CLI and Copy
//! answer mask from the same marks (`markdown` writes the ticket's text).

use super::entry::{AppliedPolicy, SignInEntry};
use super::explain::{Explanation, Unmet};
use super::policy::Policy;
use super::problem::Problem;
use super::what_if::WhatIfAnswer;
use crate::personal::{Marked, Personal, PersonalKind};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

mod markdown;

pub use markdown::{answer_markdown, marked_answer};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LookupAnswer {
    pub found: bool,
    pub sign_in: Option<SignInSummary>,
    pub blocking_policies: Vec<PolicyVerdict>,
    pub report_only_failures: Vec<PolicyVerdict>,
    pub what_if: Option<WhatIfAnswer>,
    /// The entries that matched when there were several (`problem.kind == ambiguous`).
    pub matches: Vec<MatchSummary>,
    pub problem: Option<Problem>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SignInSummary {
    pub id: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: Option<String>,
    pub user: Option<Personal>,
    pub user_id: Option<String>,
    pub app: Option<String>,
    pub app_id: Option<String>,
    pub resource: Option<String>,
    pub resource_id: Option<String>,
    pub client_app: Option<String>,
    /// Beta `authenticationProtocol`: `deviceCode` for device code sign-in.
    pub protocol: Option<String>,
    pub interactive: Option<bool>,
    pub ip_address: Option<Personal>,
    pub location: LocationSummary,
    pub device: DeviceSummary,
    pub error_code: Option<i64>,
    pub failure_reason: Option<String>,
    /// Graph's words: any e-mail address in them is marked.
    #[serde(skip_serializing_if = "Marked::is_unmarked")]
    pub failure_reason_segments: Marked,
    pub correlation_id: Option<String>,
    pub conditional_access_status: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LocationSummary {
    pub city: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DeviceSummary {
    pub id: Option<String>,
    pub name: Option<Personal>,
    pub os: Option<String>,
    pub browser: Option<String>,
    pub compliant: Option<bool>,
    pub managed: Option<bool>,
    pub trust_type: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyVerdict {
    pub id: Option<String>,
    pub name: Option<String>,
    pub result: Option<String>,
    pub grant_controls: Vec<String>,
    pub conditions_matched: Vec<String>,
    /// The policy as Graph returns it by ID; `None` when it could not be read.
    pub definition: Option<Policy>,
    pub unmet: Unmet,
    pub why: String,
    /// The entry's facts in `why` (its IP address) are marked.
    #[serde(skip_serializing_if = "Marked::is_unmarked")]
    pub why_segments: Marked,
    pub fix: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatchSummary {
    pub id: Option<String>,
    pub created_at: Option<String>,
    pub user: Option<Personal>,
    pub app: Option<String>,
    pub error_code: Option<i64>,
    pub correlation_id: Option<String>,
}

pub(crate) fn utc(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// A value Graph sent, as a personal one; an empty one (Graph's "no device name") is none.
fn personal(kind: PersonalKind, value: &Option<String>) -> Option<Personal> {
    value
        .as_ref()
        .filter(|v| !v.trim().is_empty())
        .map(|v| Personal::new(kind, v.clone()))
}

impl From<&SignInEntry> for SignInSummary {
    fn from(e: &SignInEntry) -> Self {
        let location = e.location.clone().unwrap_or_default();
        let device = e.device_detail.clone().unwrap_or_default();
        let status = e.status.clone().unwrap_or_default();
        Self {
            id: e.id.clone(),
            created_at: utc(e.created_date_time),
            user: personal(PersonalKind::Upn, &e.user_principal_name),
            user_id: e.user_id.clone(),
            app: e.app_display_name.clone(),
            app_id: e.app_id.clone(),
            resource: e.resource_display_name.clone(),
            resource_id: e.resource_id.clone(),
            client_app: e.client_app_used.clone(),
            protocol: e.authentication_protocol.clone(),
            interactive: e.is_interactive.or_else(|| {
                e.sign_in_event_types
                    .as_ref()
                    .map(|t| t.iter().any(|t| t == "interactiveUser"))
            }),
            ip_address: personal(PersonalKind::IpAddress, &e.ip_address),
            location: LocationSummary {
                city: location.city,
                state: location.state,
                country: location.country_or_region,
            },
            device: DeviceSummary {
                id: device.device_id,
                name: personal(PersonalKind::DeviceName, &device.display_name),
                os: device.operating_system,
                browser: device.browser,
                compliant: device.is_compliant,
                managed: device.is_managed,
                trust_type: device.trust_type,
            },
            error_code: status.error_code,
            failure_reason_segments: status
                .failure_reason
                .as_deref()
                .map(|r| Marked::scan(r).into_marks())
                .unwrap_or_default(),
            failure_reason: status.failure_reason,
            correlation_id: e.correlation_id.clone(),
            conditional_access_status: e.conditional_access_status.clone(),
        }
    }
}

impl From<&SignInEntry> for MatchSummary {
    fn from(e: &SignInEntry) -> Self {
        Self {
            id: e.id.clone(),
            created_at: utc(e.created_date_time),
            user: personal(PersonalKind::Upn, &e.user_principal_name),
            app: e.app_display_name.clone(),
            error_code: e.error_code(),
            correlation_id: e.correlation_id.clone(),
        }
    }
}

impl PolicyVerdict {
    pub(crate) fn new(applied: &AppliedPolicy, definition: Option<Policy>, explanation: Explanation) -> Self {
        Self {
            id: applied.id.clone(),
            name: applied
                .display_name
                .clone()
                .or_else(|| definition.as_ref().and_then(|d| d.display_name.clone())),
            result: applied.result.clone(),
            grant_controls: applied.enforced_grant_controls.clone().unwrap_or_default(),
            conditions_matched: applied.conditions_matched(),
            definition,
            unmet: explanation.unmet,
            why: explanation.why.plain(),
            why_segments: explanation.why.into_marks(),
            fix: explanation.fix,
        }
    }
}

#[cfg(test)]
mod tests;
