//! Parser tests on documented sample answers. Sources (the samples are in
//! tests/fixtures/graph/, also the fuzz seeds):
//! - signin-list-v1.json: learn "List signIns" v1.0 response example
//!   (microsoft-graph-docs-contrib api-reference/v1.0/api/signin-list.md); one
//!   trailing comma the published sample has after the policies was removed.
//! - signin-log-schema.json: learn "How to use Microsoft Entra log schemas"
//!   sign-in example (entra-docs monitoring-health/howto-use-log-schemas.md);
//!   its `000`, a stray brace and trailing commas were fixed to make it JSON.
//! - research-composed.json: the research notes' example composed from the
//!   documented fields (research/graph-signin-logs.md §3).
//! - evaluate-v1.json: "conditionalAccessRoot: evaluate" example 1 response
//!   (api-reference/v1.0/api/conditionalaccessroot-evaluate.md).

use super::*;
use crate::helpdesk::explain::{explain, Unmet};
use crate::helpdesk::what_if::parse as parse_what_if;

const LIST_V1: &str = include_str!("../../tests/fixtures/graph/signin-list-v1.json");
const LOG_SCHEMA: &str = include_str!("../../tests/fixtures/graph/signin-log-schema.json");
const COMPOSED: &str = include_str!("../../tests/fixtures/graph/research-composed.json");
const EVALUATE: &str = include_str!("../../tests/fixtures/graph/evaluate-v1.json");

#[test]
fn the_documented_list_page_reads_with_its_next_link() {
    let page: Page = serde_json::from_str(LIST_V1).expect("parses");
    assert_eq!(page.value.len(), 1);
    assert!(page.next_link.as_deref().is_some_and(|l| l.contains("$skiptoken=")));
    let entry = &page.value[0];
    assert_eq!(entry.id.as_deref(), Some("66ea54eb-6301-4ee5-be62-ff5a759b0100"));
    assert_eq!(
        crate::helpdesk::answer::utc(entry.created_date_time).as_deref(),
        Some("2020-03-13T19:15:41Z"),
        "RFC 3339 UTC, whole seconds"
    );
    assert_eq!(entry.error_code(), Some(0));
    assert!(!entry.failed());
    let device = entry.device_detail.clone().expect("device");
    assert_eq!(device.device_id, None, "an empty device ID is no ID");
    assert_eq!(device.is_compliant, None, "null is unknown, not false");
    let policies = entry.applied_conditional_access_policies.clone().expect("policies");
    assert_eq!(policies.len(), 2);
    assert_eq!(policies[0].result.as_deref(), Some("notEnabled"));
}

#[test]
fn the_documented_log_schema_sample_keeps_grant_tokens_and_condition_flags() {
    let entry: SignInEntry = serde_json::from_str(LOG_SCHEMA).expect("parses");
    assert_eq!(entry.user_principal_name.as_deref(), Some("BalaS@microsoft.com"));
    let device = entry.device_detail.clone().expect("device");
    assert_eq!(device.trust_type.as_deref(), Some("Azure AD joined"));
    assert_eq!(device.is_compliant, Some(true));
    let policies = entry.applied_conditional_access_policies.clone().expect("policies");
    assert_eq!(
        policies[0].enforced_grant_controls.as_deref(),
        Some(&["Mfa".to_owned()][..])
    );
    assert_eq!(policies[0].conditions_matched(), vec!["application", "users"]);
    assert_eq!(
        flags(policies[1].conditions_not_satisfied.as_deref()),
        vec!["clientType"]
    );
    assert!(!entry.blocked_by_ca());
}

#[test]
fn the_composed_53003_is_a_block_by_location() {
    let entry: SignInEntry = serde_json::from_str(COMPOSED).expect("parses");
    assert!(entry.blocked_by_ca());
    let policies = entry.applied_conditional_access_policies.clone().expect("policies");
    let verdict = explain(&policies[0], None, &entry);
    assert_eq!(verdict.unmet, Unmet::Location);
    assert!(verdict.why.plain().contains("203.0.113.24 (NG)"), "{:?}", verdict.why);
    assert_eq!(
        verdict
            .why
            .text(crate::personal::Masking::Presenter)
            .matches("203.0.113.•••")
            .count(),
        1
    );
}

#[test]
fn the_documented_what_if_answer_reads() {
    let policies = parse_what_if(EVALUATE.as_bytes()).expect("parses");
    assert_eq!(policies.len(), 2);
    assert!(policies.iter().all(|p| p.applies));
    assert_eq!(policies[1].grant_controls, vec!["mfa", "passwordChange"]);
    assert!(policies[1].reasons.is_empty(), "notSet names no reason");
}

#[test]
fn wrong_types_and_upper_case_ids_do_not_break_an_entry() {
    let entry: SignInEntry = serde_json::from_str(
        r#"{"id": "ABCDEF00-0000-4000-8000-000000000000", "createdDateTime": "not a time",
            "status": {"errorCode": "53003"}, "deviceDetail": [], "isInteractive": "yes",
            "appliedConditionalAccessPolicies": {"oops": true}, "location": null}"#,
    )
    .expect("parses");
    assert_eq!(entry.id.as_deref(), Some("abcdef00-0000-4000-8000-000000000000"));
    assert_eq!(entry.created_date_time, None);
    assert_eq!(entry.error_code(), None);
    assert!(entry.applied_conditional_access_policies.is_none());
    let page: Page = serde_json::from_str(r#"{"value": [1, "x", {"id": "A"}], "@odata.nextLink": 7}"#).expect("parses");
    assert_eq!(page.value.len(), 1);
    assert_eq!(page.next_link, None);
}

#[test]
fn device_grant_controls_are_read_in_both_spellings() {
    let entry: SignInEntry = serde_json::from_str(COMPOSED).expect("parses");
    for token in ["RequireCompliantDevice", "CompliantDevice", "compliantDevice"] {
        let applied = AppliedPolicy {
            enforced_grant_controls: Some(vec![token.to_owned()]),
            result: Some("failure".into()),
            ..AppliedPolicy::default()
        };
        let verdict = explain(&applied, None, &entry);
        assert_eq!(verdict.unmet, Unmet::CompliantDevice, "{token}");
        assert!(verdict.why.plain().contains("no device identity"), "{:?}", verdict.why);
    }
    let mfa = AppliedPolicy {
        enforced_grant_controls: Some(vec!["Mfa".into()]),
        ..AppliedPolicy::default()
    };
    assert_eq!(explain(&mfa, None, &entry).unmet, Unmet::Mfa);
}

#[test]
fn a_page_longer_than_graph_sends_is_read_only_to_its_bound() {
    let ids: Vec<String> = (0..MAX_ENTRIES_PER_PAGE + 500)
        .map(|n| format!(r#"{{"id":"{n}"}}"#))
        .collect();
    let text = format!(
        r#"{{"value":[{}],"@odata.nextLink":"https://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=x"}}"#,
        ids.join(",")
    );
    let page: Page = serde_json::from_str(&text).expect("parses");
    assert_eq!(page.value.len(), MAX_ENTRIES_PER_PAGE);
    assert_eq!(page.value[0].id.as_deref(), Some("0"));
    assert!(page.next_link.is_some(), "what follows the list is still read");
    // What is skipped must still be JSON.
    let broken = format!(r#"{{"value":[{},{{"id":]}}"#, ids.join(","));
    assert!(serde_json::from_str::<Page>(&broken).is_err());
}

#[test]
fn a_value_that_is_not_a_list_reads_as_no_entries() {
    for value in [r#"{"a":[1,{"b":2}]}"#, "null", "7", "-1", "1.5", "true", r#""x""#] {
        let page: Page = serde_json::from_str(&format!(r#"{{"value":{value},"@odata.nextLink":"n"}}"#)).expect(value);
        assert!(page.value.is_empty(), "{value}");
        assert_eq!(page.next_link.as_deref(), Some("n"), "{value}");
    }
    let page: Page = serde_json::from_str(r#"{"value":[7,null,"x",{"id":"A"}]}"#).expect("parses");
    assert_eq!(page.value.len(), 1, "entries that are not objects are skipped");
}
