//! Any bytes as Microsoft Graph's answers in help-desk mode: a page of
//! sign-in logs (`@odata.nextLink` and `value`), one sign-in entry, a
//! Conditional Access policy and the What If evaluation, through the typed
//! readers, the explanation of every applied policy (with and without the
//! policy's definition) and the ticket's Markdown. Never a panic; IDs in
//! lower case; times in RFC 3339 UTC; in presenter mode the user's
//! address never shows whole (a guest's name with `_` and `#` too); the
//! Markdown has no link, image or HTML from a value.
#![no_main]

use doctor::helpdesk::{explain, parse_what_if, LookupAnswer, Page, Policy, SignInEntry, SignInSummary, WhatIfAnswer};
use doctor::personal::{Marked, PersonalKind};
use libfuzzer_sys::fuzz_target;

fn check(entry: &SignInEntry, definition: Option<&Policy>) {
    let summary = SignInSummary::from(entry);
    for id in [
        &summary.id,
        &summary.user_id,
        &summary.correlation_id,
        &summary.device.id,
    ]
    .into_iter()
    .flatten()
    {
        assert_eq!(id, &id.to_ascii_lowercase(), "an ID in lower case");
    }
    if let Some(at) = &summary.created_at {
        assert!(at.ends_with('Z'), "{at}");
    }
    let mut answer = LookupAnswer {
        found: true,
        sign_in: Some(summary.clone()),
        ..LookupAnswer::default()
    };
    for applied in entry.applied_conditional_access_policies.iter().flatten() {
        let verdict = explain(applied, definition, entry);
        assert!(!verdict.fix.is_empty() && !verdict.why.plain().is_empty());
    }
    answer.what_if = Some(WhatIfAnswer {
        policies: Vec::new(),
        not_evaluated: vec!["country"],
        problem: None,
    });
    let plain = answer.summary_markdown(false);
    let masked = answer.summary_markdown(true);
    assert!(!plain.contains('\r') && !masked.contains('\r'));
    for text in [&plain, &masked] {
        assert_eq!(doctor::report::escape::live_markup_at(text), None, "{text}");
    }
    if let Some(user) = summary.user.as_ref().map(|u| u.value().as_str()) {
        presenter_hides(user, &summary, &masked);
    }
    let _ = serde_json::to_string(&answer);
}

/// In presenter mode the user's address never shows whole, nor as the
/// Markdown writer escapes it: any name the address scanner reads as one
/// address, a guest's `alice_fabrikam.com#EXT#@…` with its `_` and `#` too.
/// Not checked when a value that is not personal (the app's name, an ID, the
/// words of the failure reason) carries the same text: those show as they are.
fn presenter_hides(user: &str, summary: &SignInSummary, masked: &str) {
    let one_address = matches!(Marked::scan(user).segments(), [s] if s.personal == Some(PersonalKind::Email));
    let location = &summary.location;
    let device = &summary.device;
    let shown_as_is = [
        &summary.id,
        &summary.created_at,
        &summary.app,
        &summary.app_id,
        &summary.resource,
        &summary.client_app,
        &summary.protocol,
        &summary.failure_reason,
        &summary.correlation_id,
        &location.country,
        &device.os,
        &device.trust_type,
    ];
    let elsewhere = shown_as_is.into_iter().flatten().any(|v| v.contains(user));
    if one_address && !elsewhere {
        let escaped = doctor::report::escape::markdown(user);
        assert!(
            !masked.contains(user) && !masked.contains(&escaped),
            "{user} shows in presenter mode: {masked}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let definition = serde_json::from_slice::<Policy>(data).ok();
    if let Ok(page) = serde_json::from_slice::<Page>(data) {
        for entry in &page.value {
            check(entry, definition.as_ref());
        }
    }
    if let Ok(entry) = serde_json::from_slice::<SignInEntry>(data) {
        check(&entry, None);
        check(&entry, definition.as_ref());
    }
    if let Some(policies) = parse_what_if(data) {
        for policy in policies {
            assert!(!policy.reasons.iter().any(|r| r == "notSet"));
        }
    }
});
