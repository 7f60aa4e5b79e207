//! The lookup's answer: the same object for the window and `lookup --json`
//! (issue 11's contract), and the redacted Markdown for the ticket.

use super::entry::{AppliedPolicy, SignInEntry};
use super::explain::{Explanation, Unmet};
use super::policy::Policy;
use super::problem::Problem;
use super::what_if::WhatIfAnswer;
use crate::personal::mask;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::fmt::Write;

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
    pub user: Option<String>,
    pub user_id: Option<String>,
    pub app: Option<String>,
    pub app_id: Option<String>,
    pub resource: Option<String>,
    pub resource_id: Option<String>,
    pub client_app: Option<String>,
    /// Beta `authenticationProtocol`: `deviceCode` for device code sign-in.
    pub protocol: Option<String>,
    pub interactive: Option<bool>,
    pub ip_address: Option<String>,
    pub location: LocationSummary,
    pub device: DeviceSummary,
    pub error_code: Option<i64>,
    pub failure_reason: Option<String>,
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
    pub name: Option<String>,
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
    pub fix: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatchSummary {
    pub id: Option<String>,
    pub created_at: Option<String>,
    pub user: Option<String>,
    pub app: Option<String>,
    pub error_code: Option<i64>,
    pub correlation_id: Option<String>,
}

pub(crate) fn utc(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
}

impl From<&SignInEntry> for SignInSummary {
    fn from(e: &SignInEntry) -> Self {
        let location = e.location.clone().unwrap_or_default();
        let device = e.device_detail.clone().unwrap_or_default();
        let status = e.status.clone().unwrap_or_default();
        Self {
            id: e.id.clone(),
            created_at: utc(e.created_date_time),
            user: e.user_principal_name.clone(),
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
            ip_address: e.ip_address.clone(),
            location: LocationSummary {
                city: location.city,
                state: location.state,
                country: location.country_or_region,
            },
            device: DeviceSummary {
                id: device.device_id,
                name: device.display_name,
                os: device.operating_system,
                browser: device.browser,
                compliant: device.is_compliant,
                managed: device.is_managed,
                trust_type: device.trust_type,
            },
            error_code: status.error_code,
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
            user: e.user_principal_name.clone(),
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
            why: explanation.why,
            fix: explanation.fix,
        }
    }
}

/// A value from Graph as Markdown text: one line, no markup of its own.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            '\\' | '|' | '<' | '>' | '[' | ']' | '*' | '_' | '`' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn or_dash(value: &Option<String>) -> String {
    value.as_deref().map(md).unwrap_or_else(|| "—".to_owned())
}

impl LookupAnswer {
    /// The answer for the ticket, in Markdown. With `mask_personal` (presenter
    /// mode), the user's address, name, IP and device name are masked; no
    /// token is ever part of the answer.
    pub fn summary_markdown(&self, mask_personal: bool) -> String {
        let masked = |value: &Option<String>, how: fn(&str) -> String| match value {
            Some(v) if mask_personal => md(&how(v)),
            _ => or_dash(value),
        };
        let mut out = String::from("## Sign-in looked up (help-desk)\n\n");
        if let Some(problem) = &self.problem {
            let _ = writeln!(
                out,
                "**Problem ({}):** {}\n",
                serde_json::to_value(problem.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                problem.message
            );
        }
        if let Some(s) = &self.sign_in {
            let _ = writeln!(out, "| | |\n|---|---|");
            let rows = [
                ("Time (UTC)", or_dash(&s.created_at)),
                ("User", masked(&s.user, mask::address)),
                ("App", format!("{} ({})", or_dash(&s.app), or_dash(&s.app_id))),
                ("Resource", or_dash(&s.resource)),
                ("Client app", or_dash(&s.client_app)),
                ("Protocol", or_dash(&s.protocol)),
                ("IP address", masked(&s.ip_address, mask::ip_address)),
                ("Country", or_dash(&s.location.country)),
                (
                    "Device",
                    format!(
                        "{} · {} · compliant: {} · managed: {} · {}",
                        masked(&s.device.name, mask::first_letter),
                        or_dash(&s.device.os),
                        s.device.compliant.map_or("—".to_owned(), |v| v.to_string()),
                        s.device.managed.map_or("—".to_owned(), |v| v.to_string()),
                        or_dash(&s.device.trust_type)
                    ),
                ),
                (
                    "Error",
                    format!(
                        "{} {}",
                        s.error_code.map_or("—".to_owned(), |c| c.to_string()),
                        or_dash(&s.failure_reason)
                    ),
                ),
                ("Request ID", or_dash(&s.id)),
                ("Correlation ID", or_dash(&s.correlation_id)),
            ];
            for (label, value) in rows {
                let _ = writeln!(out, "| {label} | {value} |");
            }
            out.push('\n');
        }
        let section = |out: &mut String, title: &str, verdicts: &[PolicyVerdict]| {
            if verdicts.is_empty() {
                return;
            }
            let _ = writeln!(out, "### {title}\n");
            for v in verdicts {
                let _ = writeln!(
                    out,
                    "- **{}** ({}): {}.",
                    or_dash(&v.name),
                    v.grant_controls.join(", "),
                    v.why
                );
                let _ = writeln!(out, "  - Fix: {}", v.fix);
            }
            out.push('\n');
        };
        section(&mut out, "Blocking policies", &self.blocking_policies);
        section(
            &mut out,
            "Report-only policies that would also fail",
            &self.report_only_failures,
        );
        if let Some(what_if) = &self.what_if {
            let _ = writeln!(out, "### What If\n");
            for p in &what_if.policies {
                let _ = writeln!(
                    out,
                    "- {}: {}",
                    or_dash(&p.name),
                    if p.applies {
                        format!("applies ({})", p.grant_controls.join(", "))
                    } else {
                        format!("does not apply ({})", p.reasons.join(", "))
                    }
                );
            }
            if !what_if.not_evaluated.is_empty() {
                let _ = writeln!(
                    out,
                    "- Not evaluated (not in the packet): {}",
                    what_if.not_evaluated.join(", ")
                );
            }
            out.push('\n');
        }
        if !self.matches.is_empty() {
            let _ = writeln!(out, "### Matching sign-ins\n");
            for m in &self.matches {
                let _ = writeln!(
                    out,
                    "- {} · {} · {} · error {}",
                    or_dash(&m.created_at),
                    or_dash(&m.id),
                    or_dash(&m.app),
                    m.error_code.map_or("—".to_owned(), |c| c.to_string())
                );
            }
        }
        out
    }
}
