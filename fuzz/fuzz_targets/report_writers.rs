//! Any text as the values a help-desk packet is made of (a pasted error
//! through the explainer, a redirect's or token endpoint's error, an account,
//! check summaries, device facts, the What If inputs) and through every
//! masking rule: the Markdown, HTML and JSON writers never panic, no value
//! becomes markup (no tag in the HTML but the writer's own; in the Markdown
//! no line break, raw HTML or link from a value), and in presenter mode a
//! person's value never shows whole. Fields are separated by 0x1F; with
//! fewer fields than needed they repeat. The first byte picks the sign-in's
//! outcome (of six) and whether presenter mode is on.
#![no_main]

use chrono::{DateTime, Utc};
use doctor::aadsts::explain;
use doctor::checks::{ids, CheckId, CheckResult, Evidence, RunSummary, Status};
use doctor::device::{DeviceContext, Fact, WhatIfInputs};
use doctor::network::{FailedStep, Step};
use doctor::personal::{Marked, Masking, PersonalKind};
use doctor::report::{build, Format, Packet};
use doctor::signin::{Account, Attempt, AttemptOutcome, Flow, SignInError};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 3] = [Format::Markdown, Format::Html, Format::Json];

const KINDS: [PersonalKind; 7] = PersonalKind::ALL;

/// The only tags the HTML writer writes.
const OUR_TAGS: [&str; 19] = [
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "tr", "th", "td", "code",
    "strong", "em", "/", "",
];

fn moment(text: &str, fallback: DateTime<Utc>) -> DateTime<Utc> {
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or(fallback)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fields: Vec<&str> = text.split('\u{1f}').collect();
    let field = |i: usize| fields[i % fields.len()];
    let selector = data.first().copied().unwrap_or_default();

    masks(&fields);

    // A person's value, in every place one goes.
    let who = field(1);
    // Read once: the explainer and the error readers are the slow part.
    let explanation = explain(field(0));
    let refusal = match selector % 6 {
        0 => Some(SignInError::from_redirect(field(2), Some(field(3)), Some(field(4)))),
        1 => Some(SignInError::from_pasted(field(2))),
        _ => None,
    };
    // The packet in every format: Markdown, HTML, JSON.
    let packet_for = |who: &str, mask: bool| -> [String; 3] {
        let outcome = match (selector % 6, &refusal) {
            (_, Some(error)) => AttemptOutcome::Refused { error: error.clone() },
            (2, _) => AttemptOutcome::SignedIn {
                account: Account {
                    username: Some(who.to_owned()),
                    name: Some(who.to_owned()),
                    tenant_id: Some(field(3).to_owned()),
                },
                expires_at: Some(moment(field(4), DateTime::<Utc>::MAX_UTC)),
                scopes: vec![field(5).to_owned()],
                refresh_token_status: field(6).to_owned(),
            },
            (3, _) => AttemptOutcome::Failed(FailedStep::new(Step::TokenAnswer, field(2))),
            (4, _) => AttemptOutcome::TimedOut {
                waited_seconds: field(2).trim().parse().unwrap_or(u64::MAX),
            },
            _ => AttemptOutcome::Cancelled,
        };
        let started_at = moment(field(7), DateTime::<Utc>::MIN_UTC);
        let attempt = Attempt {
            flow: Flow::AuthorizationCode,
            client_request_id: field(8).to_owned(),
            started_at,
            finished_at: started_at,
            token_round_trip_ms: None,
            outcome,
        };
        let row = |id: CheckId, summary: Marked| CheckResult {
            id,
            title: field(9).to_owned(),
            status: Status::Fail,
            summary: summary.plain(),
            summary_segments: summary.into_marks(),
            evidence: vec![Evidence::new(field(10), field(11))],
            fix_steps: vec![field(12).to_owned()],
            actions: Vec::new(),
            started_at,
            elapsed_ms: u64::MAX,
            timed_out: false,
            // Any code the input names, so the headline's words are fuzzed too.
            signals: vec![doctor::checks::Signal::PolicyBlocked {
                code: field(14).len() as u32,
                device_code_flow: field(15).is_empty(),
                has_request_id: field(16).is_empty(),
                has_correlation_id: true,
            }],
        };
        let results = vec![
            row(ids::CLOCK, Marked::scan(field(14))),
            row(
                ids::SIGNIN,
                Marked::scan(field(15)).then_personal(PersonalKind::DisplayName, who),
            ),
        ];
        let run = RunSummary {
            run_id: 1,
            started_at: moment(field(13), DateTime::<Utc>::MAX_UTC),
            elapsed_ms: 0,
            overall: Status::Fail,
            diagnosis: Some(doctor::headline::diagnose(&results)),
            results,
        };
        let device = DeviceContext {
            os: "linux".to_owned(),
            platform: field(16).to_owned(),
            facts: vec![
                Fact::measured("device_name", field(17), who).personal(PersonalKind::DeviceName),
                Fact::measured("device_id", "Device ID", field(18)).personal(PersonalKind::ObjectId),
                Fact::could_not_measure("platform_sso", field(19), field(20)),
            ],
            dsreg: None,
            platform_sso: None,
            identity_broker: Some(field(21).to_owned()),
            browser: None,
        };
        let sign_in_facts = [
            Fact::measured("user", "User (UPN)", who).personal(PersonalKind::Upn),
            Fact::measured("client_app_id", "Client app", field(22)),
        ];
        let what_if = WhatIfInputs {
            user: Some(who.to_owned()),
            client_app_id: field(22).to_owned(),
            resource: field(23).to_owned(),
            client_app_type: field(24).to_owned(),
            authentication_flow: Some(field(25).to_owned()),
            device_platform: field(16).to_owned(),
            device_state: field(26).to_owned(),
            location: field(27).to_owned(),
            sign_in_time_utc: Some(field(28).to_owned()),
            client_app_name: Some(field(31).to_owned()),
            ip_address: Some(field(32).to_owned()),
            from_pasted_error: vec![field(33).to_owned()],
        };
        let packet = Packet {
            generated_at: moment(field(29), DateTime::<Utc>::MAX_UTC),
            authority: field(30).to_owned(),
            client_id: field(22).to_owned(),
            tenant: Some(field(3).to_owned()),
            run: Some(&run),
            attempt: Some(&attempt),
            pasted: Some(&explanation),
            device: Some(&device),
            sign_in_facts: &sign_in_facts,
            what_if: Some(&what_if),
            mask_personal: mask,
        };
        let out = FORMATS.map(|format| format.render(&packet));
        markdown_is_safe(&packet, &out[0]);
        out
    };

    // One packet per input (the first byte picks the outcome and presenter mode): it is slow.
    let mask = (selector / 6) % 2 == 1;
    let [markdown, page, packet_json] = packet_for(who, mask);
    only_our_tags(&page);
    let value: serde_json::Value = serde_json::from_str(&packet_json).expect("the JSON packet is JSON");
    assert_eq!(value["tokens_included"], serde_json::json!(false));

    // Presenter mode: a person's value that shows nowhere else never shows whole.
    let distinct = who.trim().chars().count() >= 6 && !who.contains('•');
    if mask && distinct && !packet_for("", false).iter().any(|out| out.contains(who.trim())) {
        for out in [&markdown, &page, &packet_json] {
            assert!(!out.contains(who.trim()), "{who:?} shows in presenter mode:\n{out}");
        }
    }
});

/// Each masking rule hides the value and keeps its mark; scanning text keeps it whole.
fn masks(fields: &[&str]) {
    for value in fields {
        for kind in KINDS {
            let masked = kind.mask(value);
            assert!(masked.contains('•'), "{kind:?} {value:?} → {masked:?}");
            let trimmed = value.trim();
            if kind.names_a_person() && trimmed.chars().count() >= 2 && !value.contains('•') {
                assert!(!masked.contains(trimmed), "{kind:?} {value:?} → {masked:?}");
            }
        }
        let scanned = Marked::scan(value);
        assert_eq!(scanned.plain(), *value);
        for masking in [Masking::Presenter, Masking::HelpDesk] {
            let shown = scanned.text(masking);
            for segment in scanned.segments().iter().filter(|s| s.personal.is_some()) {
                assert!(!shown.contains(&segment.text), "{:?} shows in {shown:?}", segment.text);
            }
        }
        // The wire form (history, the window) reads back with the same marks.
        if let Ok(wire) = serde_json::to_string(&scanned) {
            let back: Marked = serde_json::from_str(&wire).expect("marks read back");
            assert_eq!(back, scanned);
        }
    }
}

/// Every `<` in the page opens one of the writer's own tags.
fn only_our_tags(page: &str) {
    for (at, _) in page.match_indices('<') {
        let name: String = page[at + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>')
            .collect();
        let name = name.trim_start_matches('/');
        assert!(OUR_TAGS.contains(&name), "a tag <{name}> in the page");
    }
}

/// No value breaks a line (so none starts a heading or list), and outside
/// the code spans of IDs no `<` or `[` is left unescaped.
fn markdown_is_safe(packet: &Packet<'_>, out: &str) {
    let doc = build(packet);
    let structural = 3 + doc
        .sections
        .iter()
        .map(|s| 1 + s.lead.len() + s.rows.len())
        .sum::<usize>();
    let lines = out
        .replace("\r\n", "\n")
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(lines, structural, "a value broke a line:\n{out}");
    for line in out.lines() {
        let (mut escaped, mut code) = (false, false);
        for c in line.chars() {
            if code {
                code = c != '`';
                continue;
            }
            match c {
                '\\' if !escaped => {
                    escaped = true;
                    continue;
                }
                '`' if !escaped => code = true,
                '<' | '[' if !escaped => panic!("an unescaped {c} in {line:?}"),
                _ => {}
            }
            escaped = false;
        }
    }
}
