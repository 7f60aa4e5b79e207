//! The packet as sections of labelled rows, already redacted, so the
//! Markdown and HTML writers only lay it out.

use super::labels::{self, section};
use super::Packet;
use crate::aadsts::knowledge::lookup;
use crate::checks::{ids, CheckResult, Status};
use crate::device::Fact;
use crate::personal::{Marked, Masking, PersonalKind};
use crate::signin::AttemptOutcome;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Document {
    pub title: String,
    /// "Made … UTC by Sign-in Doctor 0.1.0."
    pub made: String,
    pub sections: Vec<Section>,
    pub footer: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Section {
    pub heading: String,
    /// Sentences before the rows, e.g. the code's name and meaning.
    pub lead: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub label: String,
    pub value: String,
    /// An identifier help-desk copies and searches by: shown as code.
    pub id: bool,
}

struct Builder {
    masking: Masking,
}

impl Builder {
    fn row(&self, label: &str, value: impl Into<Marked>) -> Row {
        Row {
            label: label.to_owned(),
            value: self.text(value),
            id: false,
        }
    }

    fn id(&self, label: &str, value: impl Into<Marked>) -> Row {
        Row {
            id: true,
            ..self.row(label, value)
        }
    }

    fn fact(&self, fact: &Fact) -> Row {
        Row {
            id: matches!(fact.key.as_str(), "client_app_id" | "device_id"),
            ..self.row(&fact.label, fact.display_value())
        }
    }

    /// A check's summary after its status word.
    fn result(&self, label: &str, word: &str, result: &CheckResult) -> Row {
        self.row(label, Marked::scan(&format!("{word}: ")).then(result.marked_summary()))
    }

    fn text(&self, text: impl Into<Marked>) -> String {
        text.into().text(self.masking)
    }
}

/// The answer first: the run's headline diagnosis, and missing IDs said
/// before anything else, since without them help-desk can only search by
/// user and time. The headline never holds a personal value.
fn diagnosis_section(packet: &Packet<'_>) -> Option<Section> {
    let mut section = Section {
        heading: section::DIAGNOSIS.to_owned(),
        ..Section::default()
    };
    if let Some(e) = packet.pasted.filter(|e| e.code.is_some()) {
        let missing: Vec<&str> = [("Request ID", &e.trace_id), ("Correlation ID", &e.correlation_id)]
            .into_iter()
            .filter(|(_, value)| value.is_none())
            .map(|(label, _)| label)
            .collect();
        if !missing.is_empty() {
            section.lead.push(format!(
                "The pasted error has no {}, so help-desk can only search the sign-in logs by user and time. Get them from the error page's Troubleshooting details, or press Re-authenticate so the app captures them.",
                missing.join(" and no ")
            ));
        }
    }
    if let Some(diagnosis) = packet.run.and_then(|run| run.diagnosis.as_ref()) {
        section.lead.push(format!("**{}**", diagnosis.headline));
        section.rows.push(Row {
            label: format!("Next step ({})", diagnosis.who_acts_words),
            value: diagnosis.next_step.clone(),
            id: false,
        });
        let titles: Vec<String> = diagnosis
            .evidence
            .iter()
            .filter_map(|id| packet.run?.results.iter().find(|r| &r.id == id))
            .map(|r| r.title.clone())
            .collect();
        if !titles.is_empty() {
            section.rows.push(Row {
                label: "Shown by".to_owned(),
                value: titles.join(", "),
                id: false,
            });
        }
    }
    (!section.lead.is_empty()).then_some(section)
}

pub fn build(packet: &Packet<'_>) -> Document {
    let b = Builder {
        masking: Masking::for_packet(packet.mask_personal),
    };
    let mut sections = Vec::new();
    if let Some(diagnosis) = diagnosis_section(packet) {
        sections.push(diagnosis);
    }

    let mut overview = Section {
        heading: section::SUMMARY.to_owned(),
        ..Section::default()
    };
    overview.rows.push(b.row(labels::AUTHORITY, &packet.authority));
    overview.rows.push(b.id(labels::CLIENT_ID, &packet.client_id));
    if let Some(tenant) = &packet.tenant {
        overview
            .rows
            .push(b.id(labels::TENANT, Marked::personal(PersonalKind::Tenant, tenant.clone())));
    }
    if let Some(clock) = packet
        .run
        .and_then(|run| run.results.iter().find(|r| r.id == ids::CLOCK))
        .filter(|r| !matches!(r.status, Status::Pending | Status::Running | Status::Skipped))
    {
        overview.rows.push(b.result("Clock", clock.status.word(), clock));
    }
    sections.push(overview);

    if let Some(e) = packet.pasted {
        let mut section = Section {
            heading: section::ERROR.to_owned(),
            ..Section::default()
        };
        section.lead.push(match (e.code, e.name) {
            (Some(code), Some(name)) => format!("**AADSTS{code} {name}**: {}", b.text(&e.summary)),
            (Some(code), None) => format!("**AADSTS{code}**: {}", b.text(&e.summary)),
            (None, _) => b.text(&e.summary),
        });
        if let Some(who) = e.who_fixes {
            section.lead.push(format!("Who can fix it: {}.", who.words()));
        }
        for (label, value) in [
            (labels::REQUEST_ID, &e.trace_id),
            (labels::CORRELATION_ID, &e.correlation_id),
            (labels::TIMESTAMP, &e.timestamp),
            (labels::APPLICATION_ID, &e.app_id),
            ("OAuth error", &e.error),
        ] {
            if let Some(value) = value {
                section.rows.push(b.id(label, value));
            }
        }
        if !e.other_codes.is_empty() {
            let others: Vec<String> = e.other_codes.iter().map(|c| format!("AADSTS{c}")).collect();
            section.rows.push(b.row("Also named", others.join(", ")));
        }
        // What the error page's Troubleshooting details said Conditional Access evaluated.
        if let Some(page) = &e.page {
            if let Some(name) = &page.app_name {
                section.rows.push(b.row("App name (error page)", name));
            }
            if let Some(ip) = &page.ip_address {
                section.rows.push(b.row(
                    "IP address (error page)",
                    Marked::personal(PersonalKind::IpAddress, ip.clone()),
                ));
            }
            if let Some(id) = &page.device_id {
                section.rows.push(b.id(
                    "Device identifier (error page)",
                    Marked::personal(PersonalKind::ObjectId, id.clone()),
                ));
            }
            for (label, value) in [
                ("Device platform (error page)", &page.device_platform),
                ("Device state (error page)", &page.device_state),
                ("Resource (error page)", &page.resource),
            ] {
                if let Some(value) = value {
                    section.rows.push(b.row(label, value));
                }
            }
        }
        sections.push(section);
    }

    if let Some(attempt) = packet.attempt {
        let mut section = Section {
            heading: section::ATTEMPT.to_owned(),
            ..Section::default()
        };
        section.rows.push(b.row(
            labels::STARTED,
            format!("{} UTC", attempt.started_at.format("%Y-%m-%d %H:%M:%S")),
        ));
        if !attempt.client_request_id.is_empty() {
            section
                .rows
                .push(b.id(labels::CLIENT_REQUEST_ID, &attempt.client_request_id));
        }
        match &attempt.outcome {
            AttemptOutcome::SignedIn {
                account, expires_at, ..
            } => {
                section.rows.push(b.row(labels::RESULT, "signed in"));
                section.rows.push(b.row(labels::ACCOUNT, account.marked_label()));
                if let Some(at) = expires_at {
                    section
                        .rows
                        .push(b.row("Token valid until", format!("{} UTC", at.format("%Y-%m-%d %H:%M:%S"))));
                }
            }
            AttemptOutcome::Refused { error } => {
                section
                    .rows
                    .push(b.row(labels::RESULT, format!("refused: {}", error.headline())));
                // The code with Microsoft's name for it, as help-desk searches.
                if let Some(code) = error.code {
                    let named = match lookup(code) {
                        Some(info) => format!("AADSTS{code} {}", info.name),
                        None => format!("AADSTS{code}"),
                    };
                    section.rows.push(b.row(labels::ERROR_CODE, &named));
                }
                for (label, value) in [
                    (labels::REQUEST_ID, &error.trace_id),
                    (labels::CORRELATION_ID, &error.correlation_id),
                    (labels::TIMESTAMP, &error.timestamp),
                ] {
                    if let Some(value) = value {
                        section.rows.push(b.id(label, value));
                    }
                }
                section.rows.push(b.row("Captured from", error.captured_from()));
            }
            AttemptOutcome::Cancelled => section.rows.push(b.row(labels::RESULT, "cancelled")),
            AttemptOutcome::TimedOut { waited_seconds } => section.rows.push(b.row(
                labels::RESULT,
                format!("no answer from the browser within {waited_seconds} s"),
            )),
            AttemptOutcome::Failed(failure) => section.rows.push(b.row(
                labels::RESULT,
                format!("failed at {}: {}", failure.step, failure.message),
            )),
        }
        sections.push(section);
    }

    if let Some(run) = packet.run {
        let mut section = Section {
            heading: format!("Checks ({} UTC)", run.started_at.format("%Y-%m-%d %H:%M:%S")),
            ..Section::default()
        };
        for result in &run.results {
            let word = match result.status {
                Status::Pass => "PASS",
                Status::Warn => "WARNING",
                Status::Fail => "FAIL",
                Status::Skipped => "skipped",
                Status::Pending | Status::Running => "not finished",
            };
            section.rows.push(b.result(&result.title, word, result));
        }
        sections.push(section);
    }

    if packet.device.is_some() || !packet.sign_in_facts.is_empty() {
        let mut section = Section {
            heading: section::DEVICE.to_owned(),
            ..Section::default()
        };
        section.lead.push(
            "Each fact was measured on this device, or is marked as not available on this OS or not measurable."
                .to_owned(),
        );
        let device_facts = packet.device.map(|d| d.facts.as_slice()).unwrap_or_default();
        for fact in device_facts.iter().chain(packet.sign_in_facts) {
            section.rows.push(b.fact(fact));
        }
        sections.push(section);
    }

    if let Some(w) = packet.what_if {
        let mut section = Section {
            heading: format!("{} {}", section::WHAT_IF, section::WHAT_IF_WHERE),
            ..Section::default()
        };
        let taken = w.pasted_input_names();
        if !taken.is_empty() {
            section.lead.push(format!(
                "Taken from the pasted error (the sign-in that failed): {}.",
                taken.join(", ")
            ));
        }
        section.rows.push(match &w.user {
            Some(user) => b.row(labels::USER, Marked::personal(PersonalKind::Upn, user.clone())),
            None => b.row(labels::USER, "not known: ask the user for their sign-in name"),
        });
        section.rows.push(b.row(labels::RESOURCE, &w.resource));
        section.rows.push(b.id(labels::CLIENT_APP_ID, &w.client_app_id));
        if let Some(name) = &w.client_app_name {
            section.rows.push(b.row("Client app name", name));
        }
        section.rows.push(b.row(labels::CLIENT_APPS, &w.client_app_type));
        if let Some(flow) = &w.authentication_flow {
            section.rows.push(b.row(labels::AUTHENTICATION_FLOWS, flow));
        }
        section.rows.push(b.row(labels::DEVICE_PLATFORM, &w.device_platform));
        section.rows.push(b.row(labels::DEVICE_STATE, &w.device_state));
        section.rows.push(match &w.ip_address {
            Some(ip) => b.row(labels::LOCATION, Marked::personal(PersonalKind::IpAddress, ip.clone())),
            None => b.row(labels::LOCATION, &w.location),
        });
        if let Some(time) = &w.sign_in_time_utc {
            section.rows.push(b.id(labels::SIGN_IN_TIME, time));
        }
        sections.push(section);
    }

    Document {
        title: labels::TITLE.to_owned(),
        made: format!(
            "{}{} UTC by Sign-in Doctor {}.",
            labels::MADE,
            packet.generated_at.format("%Y-%m-%d %H:%M:%S"),
            env!("CARGO_PKG_VERSION")
        ),
        sections,
        footer: if packet.mask_personal {
            format!(
                "No tokens are included in this report. E-mail addresses and names are masked {}.",
                labels::PRESENTER_MODE
            )
        } else {
            "No tokens are included in this report.".to_owned()
        },
    }
}
