//! The answer's marks reach the window's JSON and the copied Markdown.

use super::*;
use crate::helpdesk::Unmet;
use crate::personal::{Marked, Personal, PersonalKind};

const TRACE: &str = "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e";

#[test]
fn the_answer_for_the_window_marks_every_personal_value() {
    let answer = LookupAnswer {
        found: true,
        sign_in: Some(SignInSummary {
            user: Some(Personal::new(PersonalKind::Upn, "alice@contoso.example".to_owned())),
            ip_address: Some(Personal::new(PersonalKind::IpAddress, "203.0.113.24".to_owned())),
            device: crate::helpdesk::DeviceSummary {
                name: Some(Personal::new(PersonalKind::DeviceName, "CONTOSO-LAPTOP-7".to_owned())),
                ..Default::default()
            },
            failure_reason: Some("Blocked for bob@contoso.example.".to_owned()),
            failure_reason_segments: Marked::scan("Blocked for bob@contoso.example."),
            id: Some(TRACE.to_ascii_lowercase()),
            ..SignInSummary::default()
        }),
        blocking_policies: vec![PolicyVerdict {
            id: None,
            name: Some("CA020: Block untrusted countries".to_owned()),
            result: Some("failure".to_owned()),
            grant_controls: vec!["Block".to_owned()],
            conditions_matched: Vec::new(),
            definition: None,
            unmet: Unmet::Location,
            why: "blocks sign-ins from outside the named locations; this one came from 203.0.113.24 (Lagos, NG)"
                .to_owned(),
            why_segments: Marked::scan("blocks sign-ins from outside the named locations; this one came from ")
                .then_personal(PersonalKind::IpAddress, "203.0.113.24")
                .then_text(" (Lagos, NG)"),
            fix: "Ask alice@contoso.example to sign in from the office.".to_owned(),
        }],
        matches: vec![MatchSummary {
            id: None,
            created_at: None,
            user: Some(Personal::new(PersonalKind::Upn, "carol@contoso.example".to_owned())),
            app: None,
            error_code: None,
            correlation_id: None,
        }],
        ..LookupAnswer::default()
    };
    let value = marked_answer(&answer);
    // Each personal value carries its plain text, its kind and its masked form.
    assert_eq!(value["sign_in"]["user"]["text"], "alice@contoso.example");
    assert_eq!(value["sign_in"]["user"]["masked"], "a•••@c•••.example");
    assert_eq!(value["sign_in"]["ip_address"]["personal"], "ip_address");
    assert_eq!(value["sign_in"]["ip_address"]["masked"], "203.0.113.•••");
    assert_eq!(value["sign_in"]["device"]["name"]["masked"], "C•••");
    assert_eq!(
        value["sign_in"]["failure_reason"], "Blocked for bob@contoso.example.",
        "plain strings stay"
    );
    assert_eq!(value["sign_in"]["failure_reason_segments"][1]["personal"], "email");
    assert_eq!(value["matches"][0]["user"]["personal"], "upn");
    assert!(value["sign_in"].get("app_segments").is_none());
    let why = &value["blocking_policies"][0]["why_segments"];
    assert_eq!(why[1]["text"], "203.0.113.24", "{why}");
    assert_eq!(why[1]["personal"], "ip_address", "{why}");

    // Copy answer in presenter mode: no address, no IP; the IDs stay.
    let copied = answer_markdown(&answer, true);
    assert!(copied.contains("CA020: Block untrusted countries"), "{copied}");
    assert!(copied.contains(&TRACE.to_ascii_lowercase()), "{copied}");
    for personal in ["alice@", "bob@", "carol@", "203.0.113.24", "CONTOSO-LAPTOP-7"] {
        assert!(!copied.contains(personal), "{personal} in {copied}");
    }
    assert!(answer_markdown(&answer, false).contains("203.0.113.24"));
}

/// Live Markdown (a link, an image, or HTML) in the copied answer, and where.
fn live_markup(text: &str) -> Option<&str> {
    crate::report::escape::live_markup_at(text).map(|at| &text[at..])
}

const HOSTILE: &str = "![x](https://evil.example/p.png) [Re-verify](https://evil.example)";

#[test]
fn a_hostile_packet_authority_puts_no_live_markup_into_copy_answer() {
    // The packet a user double-clicked, through the reader, the lookup's input and its cloud.
    let packet = serde_json::json!({
        "report": crate::report::labels::JSON_REPORT,
        "authority": HOSTILE,
        "error": {"code": "AADSTS53003", "trace_id": TRACE},
    })
    .to_string();
    let reading = crate::helpdesk::packet::read_text(&packet).expect("a packet");
    let input = crate::helpdesk::LookupInput::from_packet(&reading, false);
    let authority = input.authority.clone().expect("the packet's authority");
    let problem = crate::helpdesk::graph_target(&authority, None).expect_err("no Microsoft cloud");
    let answer = LookupAnswer {
        problem: Some(problem),
        ..LookupAnswer::default()
    };
    for mask in [false, true] {
        let copied = answer_markdown(&answer, mask);
        assert_eq!(live_markup(&copied), None, "{copied}");
    }
}

#[test]
fn every_value_from_graph_is_escaped_in_copy_answer() {
    let hostile = Some(HOSTILE.to_owned());
    let verdict = PolicyVerdict {
        id: hostile.clone(),
        name: hostile.clone(),
        result: Some("failure".to_owned()),
        grant_controls: vec![HOSTILE.to_owned()],
        conditions_matched: Vec::new(),
        definition: None,
        unmet: Unmet::Location,
        // `why` names the app by Graph's appDisplayName, which the app's owner chooses.
        why: format!("{HOSTILE} needs a compliant device"),
        why_segments: Marked::default(),
        fix: format!("Ask the owner of {HOSTILE}."),
    };
    let answer = LookupAnswer {
        found: true,
        sign_in: Some(SignInSummary {
            app: hostile.clone(),
            failure_reason: hostile.clone(),
            correlation_id: hostile.clone(),
            ..SignInSummary::default()
        }),
        blocking_policies: vec![verdict.clone()],
        report_only_failures: vec![verdict],
        what_if: Some(crate::helpdesk::WhatIfAnswer {
            policies: vec![crate::helpdesk::WhatIfPolicy {
                id: hostile.clone(),
                name: hostile.clone(),
                state: None,
                applies: false,
                reasons: vec![HOSTILE.to_owned()],
                grant_controls: vec![HOSTILE.to_owned()],
            }],
            not_evaluated: Vec::new(),
            problem: None,
        }),
        matches: vec![MatchSummary {
            id: hostile.clone(),
            created_at: hostile.clone(),
            user: None,
            app: hostile,
            error_code: None,
            correlation_id: None,
        }],
        problem: None,
    };
    for mask in [false, true] {
        let copied = answer_markdown(&answer, mask);
        assert_eq!(live_markup(&copied), None, "{copied}");
    }
}

const GUEST: &str = "alice_fabrikam.com#EXT#@contoso.onmicrosoft.com";

#[test]
fn a_guest_sign_in_name_is_masked_in_copy_answer_wherever_it_is() {
    let answer = LookupAnswer {
        found: true,
        sign_in: Some(SignInSummary {
            user: Some(Personal::new(PersonalKind::Upn, GUEST.to_owned())),
            failure_reason: Some(format!("Blocked for {GUEST}.")),
            failure_reason_segments: Marked::scan(&format!("Blocked for {GUEST}.")).into_marks(),
            ..SignInSummary::default()
        }),
        problem: Some(crate::helpdesk::Problem::new(
            crate::helpdesk::ProblemKind::NotFoundYet,
            format!("No sign-in by {GUEST} is in the logs yet."),
        )),
        ..LookupAnswer::default()
    };
    let copied = answer_markdown(&answer, true);
    for part in ["alice", "fabrikam", "EXT"] {
        assert!(!copied.contains(part), "{part} in {copied}");
    }
    assert!(copied.contains(r"a•••@c•••.com"), "{copied}");
    assert!(answer_markdown(&answer, false).contains(r"alice\_fabrikam.com\#EXT\#@contoso.onmicrosoft.com"));
}
