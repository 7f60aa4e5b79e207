//! The lookup's answer in Markdown, for the ticket (Copy answer) and the
//! CLI: masked from the answer's own marks by the packet's rule.

use super::{LookupAnswer, PolicyVerdict};
use crate::personal::{Marked, Masking, Personal};
use std::fmt::Write;

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

/// Copy answer: the answer as Markdown for the ticket. With `mask_personal`
/// (presenter mode) every personal value is masked by the packet's rule
/// (`Masking::HelpDesk`): the user, IP address and device name, in free
/// text too, and any e-mail address; IDs stay.
pub fn answer_markdown(answer: &LookupAnswer, mask_personal: bool) -> String {
    answer.summary_markdown(mask_personal)
}

/// The lookup's answer as the window shows it: the same JSON as
/// `lookup --json`, which carries its own marks (its personal values are
/// [`Personal`] fields, its free text has `*_segments`).
pub fn marked_answer(answer: &LookupAnswer) -> serde_json::Value {
    serde_json::to_value(answer).unwrap_or(serde_json::Value::Null)
}

impl LookupAnswer {
    /// The answer for the ticket, in Markdown. With `mask_personal` (presenter
    /// mode), the user's address, name, IP and device name are masked; no
    /// token is ever part of the answer.
    pub fn summary_markdown(&self, mask_personal: bool) -> String {
        let masking = Masking::for_packet(mask_personal);
        let personal = |value: &Option<Personal>| match value {
            Some(v) => md(&v.text(masking)),
            None => "—".to_owned(),
        };
        let marked = |plain: &str, segments: &Marked| Marked::from_wire(plain, segments).text(masking);
        let mut out = String::from("## Sign-in looked up (help-desk)\n\n");
        if let Some(problem) = &self.problem {
            let _ = writeln!(
                out,
                "**Problem ({}):** {}\n",
                serde_json::to_value(problem.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                marked(&problem.message, &problem.message_segments)
            );
        }
        if let Some(s) = &self.sign_in {
            let _ = writeln!(out, "| | |\n|---|---|");
            let rows = [
                ("Time (UTC)", or_dash(&s.created_at)),
                ("User", personal(&s.user)),
                ("App", format!("{} ({})", or_dash(&s.app), or_dash(&s.app_id))),
                ("Resource", or_dash(&s.resource)),
                ("Client app", or_dash(&s.client_app)),
                ("Protocol", or_dash(&s.protocol)),
                ("IP address", personal(&s.ip_address)),
                ("Country", or_dash(&s.location.country)),
                (
                    "Device",
                    format!(
                        "{} · {} · compliant: {} · managed: {} · {}",
                        personal(&s.device.name),
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
                        or_dash(
                            &s.failure_reason
                                .as_deref()
                                .map(|r| marked(r, &s.failure_reason_segments))
                        )
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
                    marked(&v.why, &v.why_segments)
                );
                let _ = writeln!(out, "  - Fix: {}", marked(&v.fix, &Marked::default()));
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
