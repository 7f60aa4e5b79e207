//! Every format carries the same facts, and presenter mode masks them the same way.

use super::{Format, Packet};
use crate::aadsts::{explain, Explanation};
use crate::device::{Availability, DeviceContext, Fact, WhatIfInputs};
use crate::personal::PersonalKind;
use chrono::{TimeZone, Utc};

const PASTED: &str = "Error Code: 53003\nRequest Id: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e\nCorrelation Id: 7c1d4e2a-3b5f-4c6d-8e9f-0a1b2c3d4e5f\nTimestamp: 2023-05-29T05:46:34Z\nMessage: AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.\nSigned in as alice@contoso.example <script>alert(1)</script>";

fn device() -> DeviceContext {
    DeviceContext {
        os: "linux".to_owned(),
        platform: "Linux".to_owned(),
        facts: vec![
            Fact::measured("operating_system", "Operating system", "Debian GNU/Linux 12 (bookworm)"),
            Fact::not_on_this_os("entra_join", "Microsoft Entra join (dsregcmd /status)", "Windows"),
        ],
        dsreg: None,
        platform_sso: None,
        identity_broker: None,
        browser: None,
    }
}

fn what_if() -> WhatIfInputs {
    WhatIfInputs {
        user: Some("alice@contoso.example".to_owned()),
        client_app_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46".to_owned(),
        resource: "Microsoft Graph (00000003-0000-0000-c000-000000000000), https://graph.microsoft.com".to_owned(),
        client_app_type: "Mobile apps and desktop clients".to_owned(),
        authentication_flow: None,
        device_platform: "Linux".to_owned(),
        device_state: "Not registered (no Microsoft Identity Broker)".to_owned(),
        location: "Not measured here".to_owned(),
        sign_in_time_utc: Some("2023-05-29T05:46:34Z".to_owned()),
        client_app_name: None,
        ip_address: None,
        from_pasted_error: Vec::new(),
    }
}

fn render(format: Format, mask: bool) -> String {
    let explanation = explain(PASTED);
    let device = device();
    let what_if = what_if();
    let sign_in = [Fact::measured("user", "User (UPN)", "Alice Wilson").personal(PersonalKind::DisplayName)];
    format.render(&Packet {
        generated_at: Utc
            .with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
            .single()
            .expect("a valid time"),
        authority: "https://login.microsoftonline.com/organizations/v2.0".to_owned(),
        client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46".to_owned(),
        tenant: Some("organizations".to_owned()),
        run: None,
        attempt: None,
        pasted: Some(&explanation),
        device: Some(&device),
        sign_in_facts: &sign_in,
        what_if: Some(&what_if),
        mask_personal: mask,
    })
}

#[test]
fn markdown_holds_what_help_desk_searches_by() {
    let md = render(Format::Markdown, true);
    assert!(md.contains("**AADSTS53003 BlockedByConditionalAccess**"), "{md}");
    assert!(
        md.contains("- Request ID (Trace ID): `0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e`"),
        "{md}"
    );
    assert!(
        md.contains("- Correlation ID: `7c1d4e2a-3b5f-4c6d-8e9f-0a1b2c3d4e5f`"),
        "{md}"
    );
    assert!(md.contains("- Timestamp (UTC): `2023-05-29T05:46:34Z`"), "{md}");
    assert!(md.contains("Who can fix it: a tenant administrator."), "{md}");
    assert!(
        md.contains("- Operating system: Debian GNU/Linux 12 (bookworm)"),
        "{md}"
    );
    assert!(
        md.contains("- Microsoft Entra join (dsregcmd /status): not available on this OS (Only on Windows.)"),
        "{md}"
    );
    assert!(md.contains("What If inputs"), "{md}");
    assert!(md.contains("- Device platform: Linux"), "{md}");
    assert!(!md.contains("alice@contoso.example"), "{md}");
    assert!(!md.contains("Alice Wilson"), "{md}");
    assert!(md.contains("- User: a•••@c•••.example"), "{md}");
    assert!(md.contains("No tokens are included"), "{md}");
}

#[test]
fn without_presenter_mode_names_stay() {
    let md = render(Format::Markdown, false);
    assert!(md.contains("- User: alice@contoso.example"), "{md}");
    assert!(md.contains("- User (UPN): Alice Wilson"), "{md}");
}

#[test]
fn html_is_escaped_and_self_contained() {
    let page = render(Format::Html, true);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script>"), "pasted text is escaped");
    assert!(!page.contains("src=\"http"), "no remote resources");
    assert!(page.contains("<code>0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e</code>"));
    assert!(page.contains("<strong>AADSTS53003 BlockedByConditionalAccess</strong>"));
    assert!(!page.contains("alice@contoso.example"));
}

#[test]
fn json_is_typed_and_masked() {
    let text = render(Format::Json, true);
    let value: serde_json::Value = serde_json::from_str(&text).expect("test setup");
    assert_eq!(value["error"]["code"], 53003);
    assert_eq!(value["error"]["trace_id"], "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e");
    assert_eq!(value["error"]["timestamp"], "2023-05-29T05:46:34Z");
    assert_eq!(value["device"]["platform"], "Linux");
    assert_eq!(value["device"]["facts"][1]["availability"], "not_on_this_os");
    assert_eq!(value["device"]["facts"][1]["value"], serde_json::Value::Null);
    assert_eq!(value["what_if"]["user"], "a•••@c•••.example");
    assert_eq!(value["sign_in_facts"][0]["value"], "A••• W•••");
    assert_eq!(value["tokens_included"], false);
    assert!(!text.contains("alice@contoso.example"));
    assert_eq!(Availability::Measured.words(), "measured on this device");
}

/// Free text from outside (the service's words in a pasted error) is masked
/// where the packet writes it, and the error keeps `explain --json`'s fields.
#[test]
fn json_masks_addresses_in_free_text_where_it_writes_them() {
    let mut explanation = explain(PASTED);
    explanation.summary = "The account bob@fabrikam.example is blocked.".to_owned();
    explanation.steps = vec!["Ask bob@fabrikam.example to sign in again.".to_owned()];
    let text = render_pasted(Format::Json, &explanation, None, true);
    assert!(!text.contains("bob@fabrikam.example"), "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(value["error"]["summary"], "The account b•••@f•••.example is blocked.");
    assert_eq!(value["error"]["steps"][0], "Ask b•••@f•••.example to sign in again.");
    // The same fields as `explain --json`, less the marks.
    let mut explained = serde_json::to_value(&explanation).expect("serialises");
    let fields = |v: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        keys.sort();
        keys
    };
    if let Some(o) = explained.as_object_mut() {
        o.retain(|k, _| !k.ends_with("_segments"));
    }
    assert_eq!(fields(&value["error"]), fields(&explained));
}

#[test]
fn formats_follow_the_file_name() {
    use std::path::Path;
    assert_eq!(Format::from_path(Path::new("report.md")), Some(Format::Markdown));
    assert_eq!(Format::from_path(Path::new("report.HTML")), Some(Format::Html));
    assert_eq!(Format::from_path(Path::new("report.json")), Some(Format::Json));
    assert_eq!(Format::from_path(Path::new("report")), Some(Format::Markdown));
    assert_eq!(Format::from_path(Path::new("report.exe")), None);
}

/// The Markdown packet of one sign-in attempt, presenter mode on.
fn markdown_of_attempt(attempt: &crate::signin::Attempt) -> String {
    super::markdown(&Packet {
        generated_at: Utc::now(),
        authority: "https://login.microsoftonline.com/organizations/v2.0".to_owned(),
        client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46".to_owned(),
        tenant: None,
        run: None,
        attempt: Some(attempt),
        pasted: None,
        device: None,
        sign_in_facts: &[],
        what_if: None,
        mask_personal: true,
    })
}

#[test]
fn a_refused_sign_in_is_named_with_its_code_and_ids() {
    use crate::signin::{Attempt, AttemptOutcome, Flow, SignInError};
    let attempt = Attempt {
        flow: Flow::AuthorizationCode,
        client_request_id: "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d".to_owned(),
        started_at: Utc::now(),
        finished_at: Utc::now(),
        token_round_trip_ms: None,
        outcome: AttemptOutcome::Refused {
            error: SignInError::from_pasted(PASTED),
        },
    };
    let md = markdown_of_attempt(&attempt);
    assert!(
        md.contains("- Error code: AADSTS53003 BlockedByConditionalAccess"),
        "{md}"
    );
    assert!(
        md.contains("- Request ID (Trace ID): `0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e`"),
        "{md}"
    );
    assert!(
        md.contains("- Client request ID (sent as client-request-id): `9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d`"),
        "{md}"
    );
}

#[test]
fn text_from_outside_cannot_format_the_markdown_packet() {
    use crate::signin::{Attempt, AttemptOutcome, Flow, SignInError};
    // Anyone on the computer can send the loopback redirect an error, so its
    // description is hostile text: it must not become a link, an image or a heading.
    let forged = "AADSTS53003: [Open the fix](https://evil.example/fix) <img src=x onerror=alert(1)> `id` *now*";
    let attempt = Attempt {
        flow: Flow::AuthorizationCode,
        client_request_id: "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d`](https://evil.example)".to_owned(),
        started_at: Utc::now(),
        finished_at: Utc::now(),
        token_round_trip_ms: None,
        outcome: AttemptOutcome::Refused {
            error: SignInError::from_redirect("access_denied", Some(forged), None),
        },
    };
    let md = markdown_of_attempt(&attempt);
    assert!(!md.contains("[Open the fix]("), "{md}");
    assert!(md.contains(r"\[Open the fix\](https://evil.example/fix)"), "{md}");
    assert!(md.contains(r"\<img") && !md.contains(" <img"), "HTML stays text: {md}");
    assert!(
        !md.contains("`](https://evil.example)"),
        "an ID cannot close its code span: {md}"
    );
}

/// Issue 15: the packet leads with the run's diagnosis, and says first when
/// the pasted error lacks the IDs help-desk searches by.
#[test]
fn the_packet_leads_with_the_diagnosis_and_missing_ids() {
    use crate::checks::{ids, CheckResult, RunSummary, Signal, Status};
    let signin = CheckResult {
        id: ids::SIGNIN,
        title: "Sign-in".to_owned(),
        status: Status::Fail,
        summary: "AADSTS53003".to_owned(),
        summary_segments: Default::default(),
        evidence: Vec::new(),
        fix_steps: Vec::new(),
        actions: Vec::new(),
        started_at: Utc::now(),
        elapsed_ms: 1,
        timed_out: false,
        signals: vec![Signal::PolicyBlocked {
            code: 53003,
            device_code_flow: false,
            has_request_id: true,
            has_correlation_id: true,
        }],
    };
    let results = vec![signin];
    let run = RunSummary {
        run_id: 1,
        started_at: Utc::now(),
        elapsed_ms: 1,
        overall: Status::Fail,
        diagnosis: Some(crate::headline::diagnose(&results)),
        results,
    };
    let pasted = explain("AADSTS53003: Access has been blocked by Conditional Access policies.");
    let text = super::markdown(&Packet {
        generated_at: Utc::now(),
        authority: "https://login.microsoftonline.com/organizations/v2.0".to_owned(),
        client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46".to_owned(),
        tenant: None,
        run: Some(&run),
        attempt: None,
        pasted: Some(&pasted),
        device: None,
        sign_in_facts: &[],
        what_if: None,
        mask_personal: true,
    });
    let diagnosis = text.find("## Diagnosis").expect("a Diagnosis section");
    let missing = text
        .find("has no Request ID and no Correlation ID")
        .expect("missing IDs named");
    let headline = text
        .find("A Conditional Access policy blocked this sign-in (AADSTS53003)")
        .expect("headline");
    let summary = text.find("## Summary").expect("summary");
    assert!(
        diagnosis < missing && missing < headline && headline < summary,
        "{text}"
    );
    assert!(text.contains("Next step (help-desk)"), "{text}");
    assert!(text.contains("Shown by: Sign-in"), "{text}");
}

/// Found by the fuzz target `report_writers`: an ID is shown as code, but the
/// token endpoint's JSON can put a line break in its `trace_id` or
/// `timestamp`, and a line break ends the code span and the list item, so
/// the next line could be a heading, a link or HTML in the ticket.
#[test]
fn a_line_break_in_an_id_stays_inside_its_row() {
    use crate::signin::{Attempt, AttemptOutcome, Flow, SignInError, TokenErrorBody};
    let body = TokenErrorBody {
        error: "invalid_grant".to_owned(),
        trace_id: Some("0b6b1e0e\n# Call this number\r<img src=x onerror=alert(1)>".to_owned()),
        timestamp: Some("2023-05-29\r\n[Open the fix](https://evil.example/fix)".to_owned()),
        ..TokenErrorBody::default()
    };
    let attempt = Attempt {
        flow: Flow::AuthorizationCode,
        client_request_id: "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d".to_owned(),
        started_at: Utc::now(),
        finished_at: Utc::now(),
        token_round_trip_ms: None,
        outcome: AttemptOutcome::Refused {
            error: SignInError::from_token_response(&body),
        },
    };
    let md = markdown_of_attempt(&attempt);
    assert!(
        md.contains("- Request ID (Trace ID): `0b6b1e0e # Call this number <img src=x onerror=alert(1)>`"),
        "{md}"
    );
    assert!(
        md.contains("- Timestamp (UTC): `2023-05-29  [Open the fix](https://evil.example/fix)`"),
        "{md}"
    );
    for line in md.split(['\n', '\r']) {
        assert!(
            !line.starts_with("# Call") && !line.starts_with("<img") && !line.starts_with("[Open"),
            "{md}"
        );
    }
}

/// Issue 12: the error page's Troubleshooting details go into the packet and
/// its What If inputs; the IP address is masked by its rule in presenter
/// mode, the device identifier (an object ID) stays for help-desk.
const PAGE: &str = "Error Code: 53003\nRequest Id: 790d21d9-68fb-457f-b1a4-674c11e3bf00\nCorrelation Id: 62e76ee1-52af-46d3-ba8f-3f0be6aea289\nTimestamp: 2026-09-03T13:32:53.761Z\nApp name: Microsoft Azure CLI\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46\nIP address: 155.93.134.86\nDevice identifier: 11111111-aaaa-4bbb-8ccc-222222222222\nDevice platform: Windows 10\nDevice state: Unregistered";

fn render_page(format: Format, mask: bool) -> String {
    let explanation = explain(PAGE);
    let mut what_if = what_if();
    what_if.take_from_pasted_error(
        explanation.app_id.as_deref(),
        explanation.timestamp.as_deref(),
        explanation.page.as_ref(),
    );
    render_with_page(format, &what_if, mask)
}

/// The packet of the pasted `PAGE` with these What If inputs.
fn render_with_page(format: Format, what_if: &WhatIfInputs, mask: bool) -> String {
    render_pasted(format, &explain(PAGE), Some(what_if), mask)
}

/// The packet of a pasted error alone (and What If inputs).
fn render_pasted(format: Format, explanation: &Explanation, what_if: Option<&WhatIfInputs>, mask: bool) -> String {
    format.render(&Packet {
        generated_at: Utc
            .with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
            .single()
            .expect("a valid time"),
        authority: "https://login.microsoftonline.com/organizations/v2.0".to_owned(),
        client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46".to_owned(),
        tenant: None,
        run: None,
        attempt: None,
        pasted: Some(explanation),
        device: None,
        sign_in_facts: &[],
        what_if,
        mask_personal: mask,
    })
}

#[test]
fn the_error_page_details_reach_the_packet_and_the_what_if_inputs() {
    let md = render_page(Format::Markdown, true);
    assert!(md.contains("- App name (error page): Microsoft Azure CLI"), "{md}");
    assert!(md.contains("- IP address (error page): 155.93.134.•••"), "{md}");
    assert!(
        md.contains("- Device identifier (error page): `11111111-aaaa-4bbb-8ccc-222222222222`"),
        "help-desk keeps the device's object ID: {md}"
    );
    assert!(md.contains("- Device platform (error page): Windows 10"), "{md}");
    assert!(md.contains("- Device state (error page): Unregistered"), "{md}");
    assert!(!md.contains("155.93.134.86"), "{md}");
    // What If: the failed sign-in's own facts, said where they came from.
    assert!(md.contains("Taken from the pasted error (the sign-in that failed): client app, client app name, device platform, device state, IP address, sign-in time."), "{md}");
    assert!(md.contains("- Device platform: Windows 10"), "{md}");
    assert!(md.contains("- Device state: Unregistered"), "{md}");
    assert!(md.contains("- Location / IP: 155.93.134.•••"), "{md}");
    assert!(md.contains("- Client app name: Microsoft Azure CLI"), "{md}");
    assert!(md.contains("- Sign-in time (UTC): `2026-09-03T13:32:53Z`"), "{md}");

    let shown = render_page(Format::Markdown, false);
    assert!(shown.contains("- IP address (error page): 155.93.134.86"), "{shown}");
    assert!(shown.contains("- Location / IP: 155.93.134.86"), "{shown}");

    let html = render_page(Format::Html, true);
    assert!(
        html.contains("155.93.134.•••") && !html.contains("155.93.134.86"),
        "{html}"
    );

    let text = render_page(Format::Json, true);
    assert!(!text.contains("155.93.134.86"), "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let page = &value["error"]["page"];
    assert_eq!(page["ip_address"], "155.93.134.•••");
    assert_eq!(page["device_id"], "11111111-aaaa-4bbb-8ccc-222222222222");
    assert_eq!(page["device_platform"], "Windows 10");
    assert!(page.get("ip_address_segments").is_none(), "{page}");
    assert_eq!(value["what_if"]["ip_address"], "155.93.134.•••");
    assert_eq!(value["what_if"]["device_state"], "Unregistered");
    assert_eq!(value["what_if"]["client_app_name"], "Microsoft Azure CLI");
    assert_eq!(value["what_if"]["from_pasted_error"][0], "client app");
}

/// Fuzzing found it (report_writers): the names of the What If inputs taken
/// from a pasted error went into the Markdown as written, so a packet read
/// back from a file could put markup there. Only the engine's own input
/// names are written.
#[test]
fn only_known_what_if_input_names_are_written() {
    let mut what_if = what_if();
    what_if.from_pasted_error = vec![
        "<script>alert(1)</script>".to_owned(),
        "device platform".to_owned(),
        "[Open](https://evil.example)".to_owned(),
    ];
    let md = render_with_page(Format::Markdown, &what_if, false);
    assert!(
        md.contains("Taken from the pasted error (the sign-in that failed): device platform."),
        "{md}"
    );
    assert!(!md.contains("<script>") && !md.contains("evil.example"), "{md}");
}
