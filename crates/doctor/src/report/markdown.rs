//! The packet as Markdown, for pasting into a ticket or a chat.

use super::{mask_emails, Packet};
use crate::checks::Status;
use crate::signin::Outcome;
use std::fmt::Write;

pub fn markdown(packet: &Packet<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Sign-in Doctor report");
    let _ = writeln!(
        out,
        "\nMade {} UTC by Sign-in Doctor {}.",
        packet.generated_at.format("%Y-%m-%d %H:%M:%S"),
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "\n- Authority: {}\n- Application (client) ID: {}",
        packet.authority, packet.client_id
    );

    if let Some(e) = packet.pasted {
        let _ = writeln!(out, "\n## The error");
        match (e.code, e.name) {
            (Some(code), Some(name)) => {
                let _ = writeln!(out, "\n**AADSTS{code} {name}**: {}", e.summary);
            }
            (Some(code), None) => {
                let _ = writeln!(out, "\n**AADSTS{code}**: {}", e.summary);
            }
            (None, _) => {
                let _ = writeln!(out, "\n{}", e.summary);
            }
        }
        if let Some(who) = e.who_fixes {
            let _ = writeln!(out, "\nWho can fix it: {}.", who.words());
        }
        let fields = [
            ("Request ID (Trace ID)", &e.trace_id),
            ("Correlation ID", &e.correlation_id),
            ("Timestamp (UTC)", &e.timestamp),
            ("Application ID", &e.app_id),
            ("OAuth error", &e.error),
        ];
        for (label, value) in fields {
            if let Some(value) = value {
                let _ = writeln!(out, "- {label}: `{value}`");
            }
        }
        if !e.other_codes.is_empty() {
            let others: Vec<String> = e.other_codes.iter().map(|c| format!("AADSTS{c}")).collect();
            let _ = writeln!(out, "- Also named: {}", others.join(", "));
        }
    }

    if let Some(attempt) = packet.attempt {
        let _ = writeln!(out, "\n## Last sign-in through the app");
        let _ = writeln!(
            out,
            "\n- Started: {} UTC",
            attempt.started_at.format("%Y-%m-%d %H:%M:%S")
        );
        let _ = writeln!(out, "- Flow: {:?}", attempt.flow);
        if !attempt.client_request_id.is_empty() {
            let _ = writeln!(out, "- Client request ID: `{}`", attempt.client_request_id);
        }
        match &attempt.outcome {
            Outcome::SignedIn {
                account, expires_at, ..
            } => {
                let _ = writeln!(out, "- Result: signed in as {}", account.label());
                if let Some(at) = expires_at {
                    let _ = writeln!(out, "- Token valid until: {} UTC", at.format("%Y-%m-%d %H:%M:%S"));
                }
            }
            Outcome::Refused { error } => {
                let _ = writeln!(out, "- Result: refused: {error}");
                for (label, value) in [
                    ("Request ID (Trace ID)", &error.trace_id),
                    ("Correlation ID", &error.correlation_id),
                    ("Timestamp (UTC)", &error.timestamp),
                ] {
                    if let Some(value) = value {
                        let _ = writeln!(out, "- {label}: `{value}`");
                    }
                }
            }
            Outcome::Cancelled => {
                let _ = writeln!(out, "- Result: cancelled");
            }
            Outcome::TimedOut { waited_seconds } => {
                let _ = writeln!(out, "- Result: no answer from the browser within {waited_seconds} s");
            }
            Outcome::Failed { step, message } => {
                let _ = writeln!(out, "- Result: failed at {step}: {message}");
            }
        }
    }

    if let Some(run) = packet.run {
        let _ = writeln!(out, "\n## Checks ({} UTC)", run.started_at.format("%Y-%m-%d %H:%M:%S"));
        let _ = writeln!(out);
        for result in &run.results {
            let word = match result.status {
                Status::Pass => "PASS",
                Status::Warn => "WARNING",
                Status::Fail => "FAIL",
                Status::Skipped => "skipped",
                Status::Pending | Status::Running => "not finished",
            };
            let _ = writeln!(out, "- **{}**: {word}: {}", result.title, result.summary);
        }
    }
    let _ = writeln!(out, "\n_No tokens are included in this report._");
    if packet.mask_personal {
        mask_emails(&out)
    } else {
        out
    }
}
