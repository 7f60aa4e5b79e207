//! Any text as the values of a help-desk lookup's answer (a packet's
//! authority in the problem's words, Graph's app and policy names, grant
//! controls, failure reason, What If reasons, the user, IP address and device
//! name): fields are separated by 0x1F and repeat when there are fewer. The
//! first byte picks presenter mode. Through `helpdesk::answer_markdown`, the
//! Copy answer text. Never a panic; no value leaves a `[`, `]` or `<`
//! unescaped (no link, image or HTML: the writer itself writes none); no
//! control character but the writer's own line breaks; every table row keeps
//! its three cells; in presenter mode a user's address never shows whole.
#![no_main]

use doctor::helpdesk::packet::answer_markdown;
use doctor::helpdesk::{
    LookupAnswer, MatchSummary, PolicyVerdict, Problem, ProblemKind, SignInSummary, Unmet, WhatIfAnswer, WhatIfPolicy,
};
use doctor::personal::{Marked, Personal, PersonalKind};
use doctor::report::escape::live_markup_at;
use libfuzzer_sys::fuzz_target;

fn verdict(field: &dyn Fn(usize) -> String, at: usize) -> PolicyVerdict {
    let why = Marked::scan(&field(at + 3)).then_personal(PersonalKind::IpAddress, field(at + 4));
    PolicyVerdict {
        id: Some(field(at)),
        name: Some(field(at + 1)),
        result: Some("failure".to_owned()),
        grant_controls: vec![field(at + 2), field(at + 5)],
        conditions_matched: Vec::new(),
        definition: None,
        unmet: Unmet::Location,
        why: why.plain(),
        why_segments: why.into_marks(),
        fix: field(at + 6),
    }
}

/// Unescaped pipes: a table row's cell borders.
fn borders(line: &str) -> usize {
    let mut escaped = false;
    let mut count = 0;
    for c in line.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => count += 1,
            _ => {}
        }
    }
    count
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fields: Vec<&str> = text.split('\u{1f}').collect();
    let field = |i: usize| fields[i % fields.len()].to_owned();
    let mask = data.first().is_some_and(|b| b % 2 == 1);
    let user = field(1);
    let failure = field(7);
    let answer = LookupAnswer {
        found: true,
        sign_in: Some(SignInSummary {
            id: Some(field(2)),
            created_at: Some(field(3)),
            user: Some(Personal::new(PersonalKind::Upn, user.clone())),
            app: Some(field(4)),
            app_id: Some(field(5)),
            resource: Some(field(6)),
            ip_address: Some(Personal::new(PersonalKind::IpAddress, field(8))),
            failure_reason_segments: Marked::scan(&failure).into_marks(),
            failure_reason: Some(failure),
            correlation_id: Some(field(9)),
            ..SignInSummary::default()
        }),
        blocking_policies: vec![verdict(&field, 10)],
        report_only_failures: vec![verdict(&field, 17)],
        what_if: Some(WhatIfAnswer {
            policies: vec![WhatIfPolicy {
                id: Some(field(24)),
                name: Some(field(25)),
                state: None,
                applies: data.len().is_multiple_of(2),
                reasons: vec![field(26)],
                grant_controls: vec![field(27)],
            }],
            not_evaluated: vec!["country"],
            problem: None,
        }),
        matches: vec![MatchSummary {
            id: Some(field(28)),
            created_at: Some(field(29)),
            user: Some(Personal::new(PersonalKind::Upn, user.clone())),
            app: Some(field(30)),
            error_code: None,
            correlation_id: None,
        }],
        // The packet's authority goes into the problem's words as it is.
        problem: Some(Problem::new(
            ProblemKind::UnsupportedCloud,
            format!(
                "The sign-in's authority ({}) is not one of Microsoft's clouds.",
                field(0)
            ),
        )),
    };
    let copied = answer_markdown(&answer, mask);
    if let Some(at) = live_markup_at(&copied) {
        panic!("live markup at byte {at}: {copied}");
    }
    assert!(!copied.chars().any(|c| c.is_control() && c != '\n'), "{copied:?}");
    for line in copied.lines().filter(|l| l.starts_with("| ")) {
        assert_eq!(borders(line), 3, "a value split a table row: {line}");
    }
    // A user the address scanner reads as one address (guests' `_` and `#`
    // too) is masked in presenter mode; checked when no other value carries
    // the same text (a value that is not personal is shown as it is).
    let scanned = Marked::scan(&user);
    let one_address = matches!(scanned.segments(), [s] if s.personal == Some(PersonalKind::Email));
    let elsewhere = (0..=30).filter(|i| *i != 1).any(|i| field(i).contains(&user));
    if mask && one_address && !elsewhere {
        let escaped = doctor::report::escape::markdown(&user);
        assert!(
            !copied.contains(&user) && !copied.contains(&escaped),
            "{user} shows in presenter mode: {copied}"
        );
    }
});
