//! The lookup's answer in Markdown, for the ticket (Copy answer) and the
//! CLI: masked from the answer's own marks by the packet's rule, then every
//! value escaped once by the engine's one Markdown writer (`report::escape`):
//! the packet's authority, Graph's names and words are an outsider's text.

use super::{LookupAnswer, PolicyVerdict};
use crate::personal::{Marked, Masking, Personal};
use crate::report::escape::markdown as md;
use std::fmt::Write;

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
        // Masked first, then escaped: the mask rule reads the value as it is.
        let marked = |plain: &str, segments: &Marked| md(&Marked::from_wire(plain, segments).text(masking));
        let list = |values: &[String]| md(&values.join(", "));
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
                                .map(|r| Marked::from_wire(r, &s.failure_reason_segments).text(masking))
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
                    list(&v.grant_controls),
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
                        format!("applies ({})", list(&p.grant_controls))
                    } else {
                        format!("does not apply ({})", list(&p.reasons))
                    }
                );
            }
            if !what_if.not_evaluated.is_empty() {
                let _ = writeln!(
                    out,
                    "- Not evaluated (not in the packet): {}",
                    md(&what_if.not_evaluated.join(", "))
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
