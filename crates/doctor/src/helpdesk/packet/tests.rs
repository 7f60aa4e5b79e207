//! Round trips through the real report writers: a packet is built, written
//! as JSON, Markdown and HTML, and read back; then hostile input.

use super::*;
use crate::device::{DeviceContext, Fact, WhatIfInputs};
use crate::personal::PersonalKind;
use crate::report::{Format, Packet};
use crate::signin::{Attempt, AttemptOutcome, Flow, SignInError, TokenErrorBody};
use chrono::TimeZone;

const TRACE: &str = "0B6B1E0E-5C7D-4A7B-9D7E-1F2A3B4C5D6E";
const CORRELATION: &str = "7c1d4e2a-3b5f-4c6d-8e9f-0a1b2c3d4e5f";
const CLIENT_REQUEST: &str = "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const APP: &str = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, h, m, s)
        .single()
        .expect("a valid time")
}

fn refused(flow: Flow) -> Attempt {
    let body = TokenErrorBody {
        error: "invalid_grant".to_owned(),
        error_description: Some(
            "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: x".to_owned(),
        ),
        error_codes: vec![53003],
        timestamp: Some("2026-11-26 11:58:07Z".to_owned()),
        trace_id: Some(TRACE.to_owned()),
        correlation_id: Some(CORRELATION.to_owned()),
        ..TokenErrorBody::default()
    };
    Attempt {
        flow,
        client_request_id: CLIENT_REQUEST.to_owned(),
        started_at: at(11, 58, 0),
        finished_at: at(11, 58, 8),
        token_round_trip_ms: None,
        outcome: AttemptOutcome::Refused {
            error: SignInError::from_token_response(&body),
        },
    }
}

fn device() -> DeviceContext {
    DeviceContext {
        os: "linux".to_owned(),
        platform: "Linux".to_owned(),
        facts: vec![Fact::measured(
            "operating_system",
            "Operating system",
            "Debian GNU/Linux 12 (bookworm)",
        )],
        dsreg: None,
        platform_sso: None,
        identity_broker: None,
        browser: None,
    }
}

fn what_if(flow: Option<&str>) -> WhatIfInputs {
    WhatIfInputs {
        user: Some("alice_w@contoso.example".to_owned()),
        client_app_id: APP.to_owned(),
        resource: "Microsoft Graph (00000003-0000-0000-c000-000000000000), https://graph.microsoft.com".to_owned(),
        client_app_type: "Mobile apps and desktop clients".to_owned(),
        authentication_flow: flow.map(str::to_owned),
        device_platform: "Linux".to_owned(),
        device_state: "Not registered (no Microsoft Identity Broker)".to_owned(),
        location: "Not measured here: use the IP address shown in the sign-in log entry".to_owned(),
        sign_in_time_utc: Some("2026-11-26T11:58:07Z".to_owned()),
        client_app_name: None,
        ip_address: None,
        from_pasted_error: Vec::new(),
    }
}

/// The packet as Export… writes it, in `format`.
fn written(format: Format, mask: bool, attempt: Option<&Attempt>, pasted: Option<&Explanation>) -> String {
    written_with_ip(format, mask, attempt, pasted, None)
}

fn written_with_ip(
    format: Format,
    mask: bool,
    attempt: Option<&Attempt>,
    pasted: Option<&Explanation>,
    ip: Option<&str>,
) -> String {
    let device = device();
    let device_code = attempt.is_some_and(|a| a.flow == Flow::DeviceCode);
    let mut what_if = what_if(device_code.then_some("Device code flow"));
    what_if.ip_address = ip.map(str::to_owned);
    let facts = [
        Fact::measured(
            "sign_in_flow",
            "Sign-in flow used",
            match attempt.map(|a| a.flow) {
                Some(Flow::DeviceCode) => "Device code (sign in on another device)",
                Some(Flow::AuthorizationCode) => "Browser sign-in (authorization code with PKCE, system browser)",
                None => "No sign-in through the app yet",
            },
        ),
        Fact::measured("user", "User (UPN)", "alice_w@contoso.example").personal(PersonalKind::Upn),
    ];
    format.render(&Packet {
        generated_at: at(12, 0, 0),
        authority: "https://login.microsoftonline.com/organizations/v2.0".to_owned(),
        client_id: APP.to_owned(),
        tenant: Some("organizations".to_owned()),
        run: None,
        attempt,
        pasted,
        device: Some(&device),
        sign_in_facts: &facts,
        what_if: Some(&what_if),
        mask_personal: mask,
    })
}

fn read(text: &str) -> PacketReading {
    read_text(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn every_format_reads_back_to_the_same_facts() {
    let attempt = refused(Flow::AuthorizationCode);
    for (format, kind) in [
        (Format::Json, PacketKind::Json),
        (Format::Markdown, PacketKind::Markdown),
        (Format::Html, PacketKind::Html),
    ] {
        let text = written(format, false, Some(&attempt), None);
        let r = read(&text);
        assert_eq!(r.kind, kind, "{text}");
        assert_eq!(
            r.request_id.as_deref(),
            Some(TRACE.to_ascii_lowercase().as_str()),
            "{format:?}"
        );
        assert_eq!(r.correlation_id.as_deref(), Some(CORRELATION), "{format:?}");
        assert_eq!(r.client_request_id.as_deref(), Some(CLIENT_REQUEST), "{format:?}");
        assert_eq!(r.timestamp, Some(at(11, 58, 7)), "{format:?}");
        assert_eq!(r.error_code, Some(53003), "{format:?}");
        assert_eq!(r.error_name, Some("BlockedByConditionalAccess"), "{format:?}");
        assert_eq!(
            r.authority.as_deref(),
            Some("https://login.microsoftonline.com/organizations/v2.0")
        );
        assert_eq!(r.cloud, Some(Cloud::Global), "{format:?}");
        assert_eq!(r.tenant.as_deref(), Some("organizations"), "{format:?}");
        assert_eq!(
            r.user.as_ref().map(Personal::value),
            Some(&"alice_w@contoso.example".to_owned()),
            "{format:?}"
        );
        assert_eq!(
            r.user.as_ref().map(Personal::kind),
            Some(PersonalKind::Upn),
            "{format:?}"
        );
        assert_eq!(r.generated_at, Some(at(12, 0, 0)), "{format:?}");
        assert_eq!(r.presenter_mode, Some(false), "{format:?}");
        assert!(r.can_look_up());
        let w = &r.what_if;
        assert_eq!(w.user, r.user, "{format:?}");
        assert_eq!(w.app_id.as_deref(), Some(APP), "{format:?}");
        assert_eq!(
            w.resource_app_id.as_deref(),
            Some("00000003-0000-0000-c000-000000000000"),
            "{format:?}"
        );
        assert_eq!(w.platform.as_deref(), Some("linux"), "{format:?}");
        assert_eq!(
            w.client_app_type.as_deref(),
            Some("mobileAppsAndDesktopClients"),
            "{format:?}"
        );
        assert_eq!(
            w.device_state.as_deref(),
            Some("Not registered (no Microsoft Identity Broker)"),
            "{format:?}"
        );
        assert_eq!(w.flow.as_deref(), Some("none"), "{format:?}");
        assert_eq!(w.ip_address, None, "{format:?}");
        assert_eq!(w.not_in_packet, vec!["IP address", "country"], "{format:?}");
        assert!(r.notes.is_empty(), "{format:?}: {:?}", r.notes);
    }
}

#[test]
fn a_presenter_mode_packet_says_the_user_is_masked_and_never_uses_the_mask() {
    let attempt = refused(Flow::AuthorizationCode);
    for format in [Format::Json, Format::Markdown, Format::Html] {
        let r = read(&written(format, true, Some(&attempt), None));
        assert_eq!(r.user, None, "{format:?}");
        assert_eq!(r.what_if.user, None, "{format:?}");
        assert_eq!(
            r.user_masked_in_packet.as_deref(),
            Some("a•••@c•••.example"),
            "{format:?}"
        );
        assert_eq!(r.presenter_mode, Some(true), "{format:?}");
        assert!(r.notes.iter().any(|n| n.contains("presenter mode")), "{:?}", r.notes);
        // IDs are not personal: they survive presenter mode, so the lookup works.
        assert_eq!(r.request_id.as_deref(), Some(TRACE.to_ascii_lowercase().as_str()));
        assert!(r.can_look_up());
    }
}

/// The writer and the reader share the packet's labels (`report::labels`):
/// whatever the format, every fact the reader takes comes back the same.
#[test]
fn the_three_formats_read_back_to_one_reading() {
    let attempt = refused(Flow::AuthorizationCode);
    let pasted = explain(&format!(
        "AADSTS50076 Request Id: 11111111-2222-4333-8444-555555555555\nCorrelation Id: {CORRELATION}\nApp id: {APP}"
    ));
    for mask in [false, true] {
        let readings: Vec<serde_json::Value> = [Format::Json, Format::Markdown, Format::Html]
            .into_iter()
            .map(|format| {
                let text = written_with_ip(format, mask, Some(&attempt), Some(&pasted), Some("203.0.113.24"));
                let mut value = serde_json::to_value(read(&text)).expect("serialises");
                for format_only in ["kind", "kind_words"] {
                    value.as_object_mut().map(|v| v.remove(format_only));
                }
                value
            })
            .collect();
        assert_eq!(readings[0]["request_id"], TRACE.to_ascii_lowercase(), "{}", readings[0]);
        assert_eq!(readings[0]["client_request_id"], CLIENT_REQUEST, "{}", readings[0]);
        assert_eq!(
            readings[0]["what_if"]["resource_app_id"],
            "00000003-0000-0000-c000-000000000000"
        );
        assert_eq!(readings[0]["presenter_mode"], mask);
        assert_eq!(readings[0], readings[1], "JSON and Markdown (masked: {mask})");
        assert_eq!(readings[0], readings[2], "JSON and HTML (masked: {mask})");
    }
}

#[test]
fn a_device_code_sign_in_is_the_device_code_flow() {
    let attempt = refused(Flow::DeviceCode);
    for format in [Format::Json, Format::Markdown, Format::Html] {
        let r = read(&written(format, false, Some(&attempt), None));
        assert_eq!(r.what_if.flow.as_deref(), Some("deviceCodeFlow"), "{format:?}");
    }
}

#[test]
fn a_pasted_error_alone_is_read_from_the_error_section() {
    let pasted = explain(&format!(
        "Error Code: 53003\nRequest Id: {TRACE}\nCorrelation Id: {CORRELATION}\nTimestamp: 2026-11-26T11:58:07Z"
    ));
    for format in [Format::Json, Format::Markdown, Format::Html] {
        let r = read(&written(format, false, None, Some(&pasted)));
        assert_eq!(r.error_code, Some(53003), "{format:?}");
        assert_eq!(r.request_id.as_deref(), Some(TRACE.to_ascii_lowercase().as_str()));
        assert_eq!(r.correlation_id.as_deref(), Some(CORRELATION), "{format:?}");
        assert_eq!(r.timestamp, Some(at(11, 58, 7)), "{format:?}");
        assert_eq!(r.what_if.flow, None, "no sign-in through the app: {format:?}");
    }
}

#[test]
fn the_apps_own_capture_wins_and_another_pasted_failure_is_named() {
    let other = "11111111-2222-4333-8444-555555555555";
    let pasted = explain(&format!("AADSTS50076 Request Id: {other}"));
    let attempt = refused(Flow::AuthorizationCode);
    for format in [Format::Json, Format::Markdown, Format::Html] {
        let r = read(&written(format, false, Some(&attempt), Some(&pasted)));
        assert_eq!(r.request_id.as_deref(), Some(TRACE.to_ascii_lowercase().as_str()));
        assert_eq!(r.error_code, Some(53003));
        assert!(
            r.notes.iter().any(|n| n.contains(other) && n.contains("AADSTS50076")),
            "{format:?}: {:?}",
            r.notes
        );
    }
}

#[test]
fn any_error_text_goes_through_the_explainer() {
    let r = read(&format!(
        "Sorry, but we're having trouble signing you in.\nAADSTS53003: Access has been blocked by Conditional Access policies.\nRequest Id: {TRACE}\nCorrelation Id: {CORRELATION}\nTimestamp: 2026-11-26T11:58:07.123Z"
    ));
    assert_eq!(r.kind, PacketKind::ErrorText);
    assert_eq!(r.error_code, Some(53003));
    assert_eq!(r.request_id.as_deref(), Some(TRACE.to_ascii_lowercase().as_str()));
    assert_eq!(r.timestamp, Some(at(11, 58, 7)));
    assert_eq!(r.authority, None);
    assert_eq!(r.cloud, None);
    assert!(r.what_if.not_in_packet.contains(&"device platform"));
}

#[test]
fn the_cloud_follows_the_authority() {
    for (authority, cloud) in [
        (
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
            Cloud::Global,
        ),
        (
            "https://login.microsoftonline.us/organizations/v2.0",
            Cloud::UsGovernment,
        ),
        ("https://login.chinacloudapi.cn/common", Cloud::China),
        ("https://LOGIN.PARTNER.MICROSOFTONLINE.CN/x", Cloud::China),
        ("http://127.0.0.1:4000", Cloud::Other),
    ] {
        assert_eq!(Cloud::from_authority(authority), Some(cloud), "{authority}");
    }
    assert_eq!(Cloud::from_authority("not a url"), None);
}

#[test]
fn files_are_read_in_any_text_encoding_and_binary_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = written(Format::Json, true, Some(&refused(Flow::AuthorizationCode)), None);

    let plain = dir.path().join("report.json");
    std::fs::write(&plain, &text).expect("write");
    assert_eq!(read_file(&plain).expect("read").kind, PacketKind::Json);

    // Windows Notepad's "Unicode": UTF-16 LE with a byte-order mark.
    let utf16 = dir.path().join("report-utf16.json");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes).expect("write");
    let r = read_file(&utf16).expect("read");
    assert_eq!(r.kind, PacketKind::Json);
    assert_eq!(r.error_code, Some(53003));

    let picture = dir.path().join("screenshot.png");
    std::fs::write(&picture, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let refused = read_file(&picture).unwrap_err();
    assert!(
        refused.to_string().starts_with("screenshot.png is not a text file"),
        "{refused}"
    );

    let missing = read_file(&dir.path().join("nope.json")).unwrap_err();
    assert!(matches!(missing, PacketError::Unreadable { .. }), "{missing}");
}

#[test]
fn empty_and_meaningless_input_gets_a_verdict() {
    assert!(matches!(read_text("  \n\t "), Err(PacketError::Empty)));
    let nothing = read_text("hello, my computer is broken").unwrap_err();
    assert!(
        matches!(
            nothing,
            PacketError::NothingToLookUp {
                kind: PacketKind::ErrorText
            }
        ),
        "{nothing}"
    );
    assert!(nothing.to_string().contains("nothing to look up"), "{nothing}");
}

#[test]
fn a_cut_short_json_packet_is_read_as_text_and_says_so() {
    let text = written(Format::Json, false, Some(&refused(Flow::AuthorizationCode)), None);
    let cut = &text[..text.len() / 2];
    let r = read(cut);
    assert_eq!(r.kind, PacketKind::ErrorText);
    assert!(
        r.notes.iter().any(|n| n.contains("cut short or damaged")),
        "{:?}",
        r.notes
    );
    // The IDs come before the cut, and the explainer finds them by their labels.
    assert_eq!(r.request_id.as_deref(), Some(TRACE.to_ascii_lowercase().as_str()));
}

#[test]
fn wrong_shapes_are_left_out_with_a_note_and_never_panic() {
    let shapes = [
        r#"{"report": "Sign-in Doctor help-desk packet", "sign_in": 5, "error": [1, 2], "what_if": "x", "sign_in_facts": {"a": 1}}"#,
        r#"{"report": "Sign-in Doctor help-desk packet", "sign_in": {"result": {"kind": "refused", "code": "53003", "trace_id": 7, "correlation_id": ["x"], "timestamp": "yesterday"}}}"#,
        r#"{"report": "Sign-in Doctor help-desk packet", "authority": {"a": "b"}, "sign_in_facts": [1, "x", {"key": "user", "value": 3}], "error": {"code": 53003}}"#,
        r#"["Sign-in Doctor help-desk packet"]"#,
        r#"{"report": "Sign-in Doctor help-desk packet", "error": {"code": 4294967296, "trace_id": "<img src=x onerror=alert(1)>"}}"#,
    ];
    for text in shapes {
        match read_text(text) {
            Ok(r) => {
                assert!(r.request_id.is_none(), "{text}");
                assert!(r.correlation_id.is_none(), "{text}");
            }
            Err(e) => assert!(matches!(e, PacketError::NothingToLookUp { .. }), "{text}: {e}"),
        }
    }
    let misshapen = read_text(&format!(
        r#"{{"report": "Sign-in Doctor help-desk packet", "sign_in": 5, "error": {{"code": 53003, "trace_id": "{TRACE}"}}}}"#
    ))
    .expect("the error part is usable");
    assert!(
        misshapen
            .notes
            .iter()
            .any(|n| n.contains("not in the shape") && n.contains("sign_in")),
        "{:?}",
        misshapen.notes
    );
    let not_a_time = read(&format!(
        r#"{{"report": "Sign-in Doctor help-desk packet", "error": {{"code": 53003, "trace_id": "{TRACE}", "timestamp": "yesterday"}}}}"#
    ));
    assert_eq!(not_a_time.timestamp, None);
    assert!(
        not_a_time.notes.iter().any(|n| n.contains("timestamp")),
        "{:?}",
        not_a_time.notes
    );
}

#[test]
fn html_injection_stays_text_and_forged_ids_are_left_out() {
    let forged = concat!(
        "<!DOCTYPE html>\n<html><head><title>Sign-in Doctor report</title></head><body>\n",
        "<h2>The error</h2>\n",
        "<p><strong>AADSTS53003 BlockedByConditionalAccess</strong>: <script>alert(1)</script></p>\n",
        "<table>\n",
        "<tr><th scope=\"row\">Request ID (Trace ID)</th><td><code>' or 1 eq 1 or id eq '</code></td></tr>\n",
        "<tr><th scope=\"row\">Correlation ID</th><td><img src=x onerror=alert(1)>7c1d4e2a-3b5f-4c6d-8e9f-0a1b2c3d4e5f</td></tr>\n",
        "<tr><th scope=\"row\">Timestamp (UTC)</th><td>2026-11-26T11:58:07Z</td></tr>\n",
        "</table>\n<h2>What If inputs (x)</h2>\n<table>\n",
        "<tr><th scope=\"row\">User</th><td>&lt;b&gt;bob@contoso.example&lt;/b&gt;</td></tr>\n",
        "<tr><th scope=\"row\">Device state</th><td>",
    );
    let long_value = "A".repeat(MAX_VALUE_CHARS + 1);
    let text = format!("{forged}{long_value}</td></tr>\n</table></body></html>");
    let r = read(&text);
    assert_eq!(r.kind, PacketKind::Html);
    assert_eq!(r.error_code, Some(53003));
    assert_eq!(r.request_id, None, "a filter injection is not a GUID");
    assert!(
        r.notes.iter().any(|n| n.contains("request ID is not a GUID")),
        "{:?}",
        r.notes
    );
    // The tag is dropped; what is left is the GUID itself.
    assert_eq!(r.correlation_id.as_deref(), Some(CORRELATION));
    // Entities decode to text, never markup: the view renders it as text.
    assert_eq!(
        r.user.as_ref().map(|u| u.value().as_str()),
        Some("<b>bob@contoso.example</b>")
    );
    assert_eq!(r.what_if.device_state, None, "over-long values are dropped");
}

#[test]
fn markdown_escapes_are_undone() {
    let attempt = refused(Flow::AuthorizationCode);
    let md = written(Format::Markdown, false, Some(&attempt), None);
    assert!(md.contains(r"alice\_w@contoso.example"), "{md}");
    assert_eq!(
        read(&md).user.as_ref().map(|u| u.value().as_str()),
        Some("alice_w@contoso.example")
    );
}

#[test]
fn huge_input_is_read_as_a_log_with_its_newest_end() {
    let mut text = "x".repeat(MAX_PACKET_BYTES + 10);
    text.push_str(&format!("\nAADSTS53003 Request Id: {TRACE}\n"));
    let r = read(&text);
    assert_eq!(r.kind, PacketKind::ErrorText);
    assert_eq!(r.error_code, Some(53003));
    assert!(r.notes.iter().any(|n| n.contains("read as a log")), "{:?}", r.notes);

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.log");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: a file larger than the cap without writing it all.
    file.set_len(u64::try_from(MAX_LOG_BYTES).expect("fits") + 4096)
        .expect("grow");
    drop(file);
    let refused = read_file(&path).unwrap_err();
    assert!(
        matches!(refused, PacketError::NotText { .. }),
        "zeros are not text: {refused}"
    );
}

#[test]
fn truncated_markdown_and_html_keep_what_came_before_the_cut() {
    let attempt = refused(Flow::AuthorizationCode);
    for format in [Format::Markdown, Format::Html] {
        let text = written(format, false, Some(&attempt), None);
        for cut in (0..text.len()).step_by(97) {
            let Some(part) = text.get(..cut) else { continue };
            // Never a panic; either a reading or a clear verdict.
            let _ = read_text(part);
        }
    }
}

#[test]
fn the_reading_serializes_for_the_window_and_the_cli() {
    let r = read(&written(
        Format::Json,
        false,
        Some(&refused(Flow::AuthorizationCode)),
        None,
    ));
    let value = serde_json::to_value(&r).expect("serializes");
    assert_eq!(value["kind"], "json");
    assert_eq!(value["request_id"], TRACE.to_ascii_lowercase());
    assert_eq!(value["timestamp"], "2026-11-26T11:58:07Z");
    assert_eq!(value["cloud"], "global");
    assert_eq!(value["user"]["text"], "alice_w@contoso.example");
    assert_eq!(value["user"]["personal"], "upn");
    assert_eq!(value["user"]["masked"], "a•••@c•••.example");
    assert_eq!(value["what_if"]["platform"], "linux");
}

#[test]
fn the_ip_address_an_error_page_gave_is_a_what_if_input_unless_masked() {
    let attempt = refused(Flow::AuthorizationCode);
    for format in [Format::Json, Format::Markdown, Format::Html] {
        let plain = read(&written_with_ip(
            format,
            false,
            Some(&attempt),
            None,
            Some("203.0.113.24"),
        ));
        let ip = plain.what_if.ip_address.as_ref().expect("the IP address");
        assert_eq!(
            (ip.value().as_str(), ip.kind()),
            ("203.0.113.24", PersonalKind::IpAddress),
            "{format:?}"
        );
        assert!(!plain.what_if.not_in_packet.contains(&"IP address"), "{format:?}");
        let masked = read(&written_with_ip(
            format,
            true,
            Some(&attempt),
            None,
            Some("203.0.113.24"),
        ));
        assert_eq!(masked.what_if.ip_address, None, "a masked IP is never used: {format:?}");
    }
}
