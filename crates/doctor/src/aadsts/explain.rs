//! The explainer: the facts from any pasted error text, joined with what the
//! knowledge base says about the code. `signin-doctor-cli explain --json`
//! prints this object as it is (a contract other tools depend on).

use super::extract::extract;
use super::knowledge::{family, generic_steps, lookup, lookup_url, step_lines, Category, WhoFixes};
use super::page::ErrorPage;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    /// The most specific AADSTS code: a generic wrapper (such as 70002) gives
    /// way to a specific code that follows it.
    pub code: Option<u32>,
    /// Microsoft's name for it, e.g. BlockedByConditionalAccess.
    pub name: Option<&'static str>,
    pub other_codes: Vec<u32>,
    /// The OAuth error, e.g. interaction_required.
    pub error: Option<String>,
    /// The Request ID in the sign-in logs (the browser page calls it Request Id).
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// RFC 3339, UTC.
    pub timestamp: Option<String>,
    pub app_id: Option<String>,
    pub category: Option<Category>,
    /// The category in words, e.g. "Conditional Access": the UI shows this.
    pub category_words: Option<&'static str>,
    pub who_fixes: Option<WhoFixes>,
    /// Who fixes it, in words, e.g. "a tenant administrator".
    pub who_fixes_words: Option<&'static str>,
    pub summary: String,
    pub steps: Vec<String>,
    /// Microsoft's page for the code.
    pub lookup_url: Option<String>,
    /// A Microsoft account (consumer) page's own code, e.g. "80043490": not
    /// an Entra code, so the summary says so (left out when there is none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub microsoft_account_code: Option<String>,
    /// The error page's Troubleshooting details (App name, IP address, Device
    /// identifier, Device platform, Device state, Resource): null when the
    /// text has none; each field null when the page left it out, said "Not
    /// available", or the user redacted it.
    pub page: Option<ErrorPage>,
    /// What was not read, when the text was longer than the explainer reads
    /// (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_read: Option<String>,
}

/// The first code that is not a generic wrapper (such as 70002, which a
/// specific code usually follows), or the first code when all are generic.
pub fn most_specific(codes: &[u32]) -> Option<u32> {
    codes
        .iter()
        .copied()
        .find(|c| !super::story::is_weak(*c))
        .or_else(|| codes.first().copied())
}

pub fn explain(text: &str) -> Explanation {
    explain_end_of(text, 0)
}

/// The end of a longer text: `text` is what was kept, after `dropped` bytes
/// that a reader left out (the answer says so).
pub fn explain_end_of(text: &str, dropped: u64) -> Explanation {
    let mut facts = extract(text);
    facts.unread_bytes = facts
        .unread_bytes
        .saturating_add(usize::try_from(dropped).unwrap_or(usize::MAX));
    let code = facts.main_code;
    let other_codes = facts.codes.iter().copied().filter(|c| Some(*c) != code).collect();
    let info = code.and_then(lookup);
    let (summary, steps) = match (code, info) {
        (Some(_), Some(info)) => (info.summary.to_owned(), step_lines(&info.steps)),
        (Some(code), None) => {
            let family_words = family(code).map(|c| format!(" It belongs to the {} family.", c.words())).unwrap_or_default();
            (
                format!(
                    "AADSTS{code} is not in this app's knowledge base.{family_words} Microsoft's page for it: {}",
                    lookup_url(code)
                ),
                step_lines(generic_steps()),
            )
        }
        (None, _) if facts.microsoft_account_code.is_some() => (
            format!(
                "This is a Microsoft account (personal account) page, not a Microsoft Entra sign-in: its error code {} is Microsoft account's own, not an Entra (AADSTS) code, so this app's knowledge base does not cover it. Microsoft account support can look it up with the Correlation ID and the time.",
                facts.microsoft_account_code.as_deref().unwrap_or_default()
            ),
            step_lines(generic_steps()),
        ),
        (None, _) => (
            "No AADSTS error code was found in this text. If it came from a sign-in page, copy the page's Troubleshooting details instead.".to_owned(),
            step_lines(generic_steps()),
        ),
    };
    let category = info.map(|i| i.category).or_else(|| code.and_then(family));
    let who_fixes = info.map(|i| i.who_fixes);
    Explanation {
        code,
        name: info.map(|i| i.name),
        other_codes,
        error: facts.error,
        trace_id: facts.trace_id,
        correlation_id: facts.correlation_id,
        timestamp: facts.timestamp,
        app_id: facts.app_id,
        category,
        category_words: category.map(Category::words),
        who_fixes,
        who_fixes_words: who_fixes.map(WhoFixes::words),
        summary,
        steps,
        lookup_url: code.map(lookup_url),
        microsoft_account_code: facts.microsoft_account_code,
        page: facts.page,
        not_read: (facts.unread_bytes > 0).then(|| {
            format!(
                "Only the last {} MiB of this text were read (the newest part of a log); the first {:.1} MiB were not.",
                super::MAX_LOG_BYTES / (1024 * 1024),
                facts.unread_bytes as f64 / (1024.0 * 1024.0)
            )
        }),
    }
}
