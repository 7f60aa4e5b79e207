//! Each rule on its own, and the order between causes that depend on each other.

use super::*;
use crate::checks::ids;
use crate::network::Step;
use chrono::Utc;

fn row(id: CheckId, status: Status, signals: Vec<Signal>) -> CheckResult {
    CheckResult {
        title: id.as_str().to_owned(),
        id,
        status,
        summary: "alice@contoso.example saw this".to_owned(),
        summary_segments: Default::default(),
        evidence: Vec::new(),
        fix_steps: Vec::new(),
        actions: Vec::new(),
        started_at: Utc::now(),
        elapsed_ms: 0,
        timed_out: false,
        signals,
    }
}

fn blocked(code: u32, device_code_flow: bool, ids_given: bool) -> Signal {
    Signal::PolicyBlocked {
        code,
        device_code_flow,
        has_request_id: ids_given,
        has_correlation_id: ids_given,
    }
}

fn cause_of(rows: &[CheckResult]) -> Cause {
    diagnose(rows).cause
}

#[test]
fn every_rule_is_listed_once_and_names_its_cause() {
    let mut seen = std::collections::HashSet::new();
    for rule in &RULES {
        assert!(seen.insert(rule.name), "{} twice", rule.name);
    }
    // A rule only ever names its own cause.
    let rows = [row(ids::CLOCK, Status::Fail, vec![Signal::ClockOff { seconds: 600 }])];
    let facts = Facts::new(&rows);
    for rule in &RULES {
        if let Some(found) = (rule.applies)(&facts) {
            assert_eq!(found.cause, rule.cause, "{}", rule.name);
        }
    }
}

#[test]
fn a_clock_that_breaks_tls_comes_before_the_unreachable_service() {
    let rows = [
        row(
            ids::REACHABILITY,
            Status::Fail,
            vec![Signal::ServiceUnreachable {
                step: Step::Tls,
                timed_out: false,
            }],
        ),
        row(ids::NETWORK_PATH, Status::Fail, vec![Signal::CertificateOutOfDate]),
        row(ids::CLOCK, Status::Fail, vec![Signal::ClockOff { seconds: 3 * 3600 }]),
    ];
    let found = diagnose(&rows);
    assert_eq!(found.cause, Cause::ClockOff);
    assert_eq!(found.evidence, vec![ids::CLOCK, ids::NETWORK_PATH, ids::REACHABILITY]);
    // A DNS failure is not the clock's doing.
    let dns = [
        row(
            ids::REACHABILITY,
            Status::Fail,
            vec![Signal::ServiceUnreachable {
                step: Step::Dns,
                timed_out: false,
            }],
        ),
        row(ids::CLOCK, Status::Fail, vec![Signal::ClockOff { seconds: 3 * 3600 }]),
    ];
    assert_eq!(cause_of(&dns), Cause::ServiceUnreachable);
    // The certificate's dates, with the clock right, name the certificate.
    let certificate = [
        row(
            ids::REACHABILITY,
            Status::Fail,
            vec![Signal::ServiceUnreachable {
                step: Step::Tls,
                timed_out: false,
            }],
        ),
        row(ids::NETWORK_PATH, Status::Fail, vec![Signal::CertificateOutOfDate]),
    ];
    assert_eq!(cause_of(&certificate), Cause::CertificateOutOfDate);
}

#[test]
fn a_53003_never_says_sign_in_again_alone() {
    let rows = [
        row(ids::SIGNIN, Status::Fail, vec![blocked(53003, false, true)]),
        row(ids::REFRESH, Status::Fail, vec![Signal::SessionEnded]),
    ];
    let found = diagnose(&rows);
    assert_eq!(found.cause, Cause::ConditionalAccess);
    assert!(found.headline.contains("AADSTS53003"), "{}", found.headline);
    assert!(found.headline.contains("will not fix it"), "{}", found.headline);
    assert_eq!(found.evidence, vec![ids::SIGNIN]);
    assert_eq!(found.who_acts, WhoFixes::HelpDesk);
    assert!(found.next_step.contains("Request ID"), "{}", found.next_step);
}

#[test]
fn the_device_facts_name_the_likely_requirement() {
    let device_code = [row(ids::SIGNIN, Status::Fail, vec![blocked(53003, true, true)])];
    let found = diagnose(&device_code);
    assert_eq!(found.cause, Cause::DeviceCodeBlocked);
    assert!(
        found.headline.starts_with("This way of signing in is blocked"),
        "{}",
        found.headline
    );

    let unknown = [
        row(ids::SIGNIN, Status::Fail, vec![blocked(53000, false, true)]),
        row(ids::DEVICE, Status::Warn, vec![Signal::DeviceUnknownToEntra]),
    ];
    let found = diagnose(&unknown);
    assert_eq!(found.cause, Cause::DeviceNotKnownToEntra);
    assert!(
        found
            .headline
            .starts_with("A registered or compliant device is required"),
        "{}",
        found.headline
    );
    assert_eq!(found.evidence, vec![ids::SIGNIN, ids::DEVICE]);

    let browser = [
        row(ids::SIGNIN, Status::Fail, vec![blocked(53000, false, true)]),
        row(ids::DEVICE, Status::Warn, vec![Signal::BrowserWithoutDeviceSignal]),
    ];
    assert_eq!(cause_of(&browser), Cause::BrowserWithoutDeviceSignal);
    assert!(diagnose(&browser)
        .headline
        .starts_with("Use Edge or the sign-in broker"));
}

#[test]
fn missing_ids_are_said_first_with_how_to_get_them() {
    let rows = [row(ids::SIGNIN, Status::Fail, vec![blocked(53003, false, false)])];
    let found = diagnose(&rows);
    assert_eq!(found.cause, Cause::ConditionalAccess);
    assert!(
        found.headline.starts_with("The error is missing its Request ID"),
        "{}",
        found.headline
    );
    assert!(
        found.next_step.contains("Troubleshooting details"),
        "{}",
        found.next_step
    );
    assert!(found.next_step.contains("Re-authenticate"), "{}", found.next_step);
}

#[test]
fn the_network_path_comes_before_what_needs_the_network() {
    let rows = [
        row(
            ids::REACHABILITY,
            Status::Fail,
            vec![Signal::ServiceUnreachable {
                step: Step::Tls,
                timed_out: false,
            }],
        ),
        row(
            ids::NETWORK_PATH,
            Status::Fail,
            vec![Signal::TlsInspected { trusted: false }],
        ),
        row(ids::CLOCK, Status::Fail, vec![Signal::ClockOff { seconds: 420 }]),
    ];
    let found = diagnose(&rows);
    assert_eq!(found.cause, Cause::TlsInspectionUntrusted);
    assert_eq!(found.evidence, vec![ids::NETWORK_PATH, ids::REACHABILITY]);

    let portal = [row(ids::NETWORK_PATH, Status::Fail, vec![Signal::CaptivePortal])];
    assert_eq!(cause_of(&portal), Cause::CaptivePortal);
    let proxy = [row(ids::NETWORK_PATH, Status::Fail, vec![Signal::ProxyInTheWay])];
    assert_eq!(cause_of(&proxy), Cause::ProxyInTheWay);
}

#[test]
fn every_endpoint_hung_is_named_as_the_service_not_answering() {
    let rows = [
        row(
            ids::REACHABILITY,
            Status::Fail,
            vec![Signal::ServiceUnreachable {
                step: Step::Tls,
                timed_out: true,
            }],
        ),
        row(ids::CLOCK, Status::Warn, Vec::new()),
        row(ids::SERVICE_HEALTH, Status::Warn, Vec::new()),
    ];
    let found = diagnose(&rows);
    assert_eq!(found.cause, Cause::ServiceUnreachable);
    assert!(found.headline.contains("did not answer in time"), "{}", found.headline);
}

#[test]
fn a_clock_off_by_minutes_comes_before_token_and_certificate_verdicts() {
    let rows = [
        row(ids::TOKEN, Status::Fail, Vec::new()),
        row(ids::NETWORK_PATH, Status::Fail, vec![Signal::CertificateOutOfDate]),
        row(ids::CLOCK, Status::Fail, vec![Signal::ClockOff { seconds: -7 * 60 }]),
    ];
    let found = diagnose(&rows);
    assert_eq!(found.cause, Cause::ClockOff);
    assert!(found.headline.contains("7 minutes behind"), "{}", found.headline);
    assert_eq!(found.evidence, vec![ids::CLOCK, ids::TOKEN, ids::NETWORK_PATH]);
    // Minutes are rounded as the Clock row rounds them: 6 min 59 s is "7 minutes", never "6".
    let nearly_seven = [row(ids::CLOCK, Status::Fail, vec![Signal::ClockOff { seconds: -419 }])];
    let found = diagnose(&nearly_seven);
    assert!(found.headline.contains("7 minutes behind"), "{}", found.headline);
    // Seconds off do not make a headline of their own.
    let slightly = [row(ids::CLOCK, Status::Warn, vec![Signal::ClockOff { seconds: 90 }])];
    assert_eq!(cause_of(&slightly), Cause::CheckWarned);
    // Nor does a clock explain a policy block.
    let blocked_too = [
        row(ids::CLOCK, Status::Fail, vec![Signal::ClockOff { seconds: 420 }]),
        row(ids::SIGNIN, Status::Fail, vec![blocked(53003, false, true)]),
    ];
    assert_eq!(cause_of(&blocked_too), Cause::ConditionalAccess);
    let certificate = [row(ids::NETWORK_PATH, Status::Fail, vec![Signal::CertificateOutOfDate])];
    assert_eq!(cause_of(&certificate), Cause::CertificateOutOfDate);
}

#[test]
fn sign_in_again_only_where_it_fixes_it() {
    let rows = [row(ids::REFRESH, Status::Fail, vec![Signal::SessionEnded])];
    let found = diagnose(&rows);
    assert_eq!(found.cause, Cause::SessionEnded);
    assert_eq!(found.next_step, "Press Re-authenticate.");
    let refused = [row(
        ids::SIGNIN,
        Status::Fail,
        vec![Signal::SignInRefused { code: Some(50126) }],
    )];
    let found = diagnose(&refused);
    assert_eq!(found.cause, Cause::SignInRefused);
    assert!(found.headline.contains("AADSTS50126"), "{}", found.headline);
}

#[test]
fn a_claims_challenge_is_named_as_policy_asking_for_more() {
    let rows = [row(ids::TOKEN_CALL, Status::Fail, vec![Signal::ClaimsChallenge])];
    let found = diagnose(&rows);
    assert_eq!(found.cause, Cause::ClaimsChallenge);
    assert!(found.headline.contains("claims challenge"), "{}", found.headline);
    assert_eq!(found.evidence, vec![ids::TOKEN_CALL]);
}

#[test]
fn a_service_incident_is_named_when_something_failed() {
    let failing = [
        row(ids::SERVICE_HEALTH, Status::Warn, vec![Signal::ServiceIncident]),
        row(ids::TOKEN, Status::Fail, Vec::new()),
    ];
    assert_eq!(cause_of(&failing), Cause::ServiceIncident);
    let only_incident = [row(ids::SERVICE_HEALTH, Status::Warn, vec![Signal::ServiceIncident])];
    assert_eq!(cause_of(&only_incident), Cause::CheckWarned);
}

#[test]
fn rows_without_a_rule_still_get_a_headline_without_personal_values() {
    let failed = [row(ids::TOKEN, Status::Fail, Vec::new())];
    let found = diagnose(&failed);
    assert_eq!(found.cause, Cause::CheckFailed);
    assert!(!found.headline.contains('@'), "{}", found.headline);
    let trusted = [row(
        ids::NETWORK_PATH,
        Status::Warn,
        vec![Signal::TlsInspected { trusted: true }],
    )];
    assert_eq!(cause_of(&trusted), Cause::TlsInspectionTrusted);
    let not_yet = [
        row(ids::SIGNIN, Status::Skipped, Vec::new()),
        row(ids::CLOCK, Status::Pass, Vec::new()),
    ];
    assert_eq!(cause_of(&not_yet), Cause::NotSignedInYet);
    let all_pass = [row(ids::SIGNIN, Status::Pass, Vec::new())];
    assert_eq!(cause_of(&all_pass), Cause::NothingFound);
}
