//! A fixture tenant (Contoso) with the sign-ins the help-desk tests look up,
//! in Graph's beta shape (learn: resources/signin, appliedconditionalaccesspolicy;
//! the first is the research notes' composed example).

use super::GraphTenant;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

pub const ALICE_ID: &str = "4b1f7c2e-5d6a-4e8f-9b0c-1d2e3f4a5b6c";
/// Blocked by location (53003), with a report-only compliant-device failure too.
pub const BLOCKED_BY_LOCATION: &str = "5b1c0e2a-7d3f-4f7a-9b1e-2c4d6e8f0a00";
pub const BLOCKED_CORRELATION: &str = "d79f5bee-5860-4832-928f-3133e22ae912";
/// Needs a compliant device; the device is not managed (53000).
pub const NEEDS_COMPLIANT_DEVICE: &str = "6c2d1f3b-8e4a-4a8b-8c2f-3d5e7f9a1b11";
/// Device code sign-in, blocked by an authentication-flows policy; non-interactive.
pub const DEVICE_CODE_BLOCKED: &str = "7d3e2a4c-9f5b-4b9c-9d3a-4e6f8a0b2c22";
/// Two different failed sign-ins under this one correlation ID.
pub const AMBIGUOUS_CORRELATION: &str = "e8a0c1d2-3b4c-4d5e-8f6a-7b8c9d0e1f33";
/// Appears in the logs only a few seconds after the peer starts.
pub const LATE: &str = "8e4f3b5d-0a6c-4cad-8e4b-5f7a9b1c3d44";

pub const BLOCK_COUNTRIES: &str = "8e4a1c7f-0b9d-4d36-a2e5-5f3c9b1d7e40";
pub const COMPLIANT_REPORT_ONLY: &str = "9f5b2d8a-1c0e-4e47-b3f6-6a4d0c2e8f51";
pub const COMPLIANT_DEVICE: &str = "a06c3e9b-2d1f-4f58-84a7-7b5e1d3f9a62";
pub const NO_DEVICE_CODE: &str = "b17d4fac-3e2a-4a69-95b8-8c6f2e4a0b73";

fn at(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn entry(id: &str, when: DateTime<Utc>, correlation: &str, policies: Value, extra: Value) -> Value {
    let mut entry = json!({
        // IDs as Graph may send them, in upper case: the app lowercases them.
        "id": id.to_ascii_uppercase(), "createdDateTime": at(when),
        "userDisplayName": "Alice Example", "userPrincipalName": "alice@contoso.example", "userId": ALICE_ID,
        "appId": "de8bc8b5-d9f9-48b1-a8ad-b748da725064", "appDisplayName": "Graph Explorer",
        "resourceId": "00000003-0000-0000-c000-000000000000", "resourceDisplayName": "Microsoft Graph",
        "clientAppUsed": "Browser", "correlationId": correlation.to_ascii_uppercase(),
        "isInteractive": true, "signInEventTypes": ["interactiveUser"], "authenticationProtocol": "oAuth2",
        "conditionalAccessStatus": "failure", "ipAddress": "203.0.113.24",
        "location": {"city": "Lagos", "state": "Lagos", "countryOrRegion": "NG"},
        "status": {"errorCode": 53003, "failureReason": "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", "additionalDetails": null},
        "deviceDetail": {"deviceId": "", "displayName": "", "operatingSystem": "Windows10", "browser": "Edge 131.0.0", "isCompliant": false, "isManaged": false, "trustType": ""},
        "appliedConditionalAccessPolicies": policies,
        "someFieldGraphAddsLater": {"nested": [1, 2, 3]},
    });
    if let (Some(fields), Some(extra)) = (entry.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            fields.insert(k.clone(), v.clone());
        }
    }
    entry
}

fn applied(id: &str, name: &str, grant: &[&str], result: &str, satisfied: &str) -> Value {
    json!({"id": id, "displayName": name, "enforcedGrantControls": grant, "enforcedSessionControls": [],
           "result": result, "conditionsSatisfied": satisfied, "conditionsNotSatisfied": "none"})
}

fn policy(id: &str, name: &str, state: &str, conditions: Value, controls: &[&str]) -> Value {
    json!({"id": id, "displayName": name, "state": state,
           "createdDateTime": "2025-01-10T08:00:00Z", "modifiedDateTime": null,
           "conditions": conditions,
           "grantControls": {"operator": "OR", "builtInControls": controls, "customAuthenticationFactors": [], "termsOfUse": []},
           "sessionControls": null})
}

impl GraphTenant {
    /// Contoso, P1, with its sign-ins `now` minus a few minutes.
    pub fn contoso(now: DateTime<Utc>) -> Self {
        let mut tenant = Self::premium();
        let all_users = json!({"includeUsers": ["All"], "excludeUsers": []});
        let all_apps = json!({"includeApplications": ["All"]});
        tenant.policies = vec![
            policy(
                BLOCK_COUNTRIES,
                "CA020: Block untrusted countries",
                "enabled",
                json!({"users": all_users, "applications": all_apps, "clientAppTypes": ["all"],
                       "locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}}),
                &["block"],
            ),
            policy(
                COMPLIANT_REPORT_ONLY,
                "CA030: Require compliant device (report-only)",
                "enabledForReportingButNotEnforced",
                json!({"users": all_users, "applications": all_apps, "clientAppTypes": ["all"]}),
                &["compliantDevice"],
            ),
            policy(
                COMPLIANT_DEVICE,
                "CA010: Require compliant device for Office",
                "enabled",
                json!({"users": all_users, "applications": {"includeApplications": ["00000002-0000-0ff1-ce00-000000000000"]}, "clientAppTypes": ["all"],
                       "platforms": {"includePlatforms": ["windows", "macOS"]}}),
                &["compliantDevice"],
            ),
            policy(
                NO_DEVICE_CODE,
                "CA040: Block device code flow",
                "enabled",
                json!({"users": all_users, "applications": all_apps, "clientAppTypes": ["all"],
                       "authenticationFlows": {"transferMethods": "deviceCodeFlow"}}),
                &["block"],
            ),
        ];
        tenant.trusted_countries = vec!["GB".to_owned(), "FR".to_owned()];
        let ago = |minutes: i64| now - Duration::minutes(minutes);
        tenant.sign_ins = vec![
            entry(
                BLOCKED_BY_LOCATION,
                ago(3),
                BLOCKED_CORRELATION,
                json!([
                    applied(
                        BLOCK_COUNTRIES,
                        "CA020: Block untrusted countries",
                        &["Block"],
                        "failure",
                        "application,users,location"
                    ),
                    applied(
                        COMPLIANT_REPORT_ONLY,
                        "CA030: Require compliant device (report-only)",
                        &["RequireCompliantDevice"],
                        "reportOnlyFailure",
                        "application,users"
                    ),
                    applied(
                        NO_DEVICE_CODE,
                        "CA040: Block device code flow",
                        &[],
                        "notApplied",
                        "none"
                    )
                ]),
                json!({}),
            ),
            // The same sign-in's earlier interrupt: same correlation, not a CA failure.
            entry(
                "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                ago(4),
                BLOCKED_CORRELATION,
                json!([]),
                json!({"conditionalAccessStatus": "notApplied", "status": {"errorCode": 50140, "failureReason": "This error occurred due to 'Keep me signed in' interrupt when the user was signing in."}}),
            ),
            entry(
                NEEDS_COMPLIANT_DEVICE,
                ago(6),
                "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9",
                json!([applied(
                    COMPLIANT_DEVICE,
                    "CA010: Require compliant device for Office",
                    &["RequireCompliantDevice"],
                    "failure",
                    "application,users,devicePlatform"
                )]),
                json!({"status": {"errorCode": 53000, "failureReason": "Device is not in required device state: compliant."},
                       "appDisplayName": "Outlook", "resourceDisplayName": "Office 365 Exchange Online", "resourceId": "00000002-0000-0ff1-ce00-000000000000",
                       "location": {"city": "London", "countryOrRegion": "GB"}}),
            ),
            entry(
                DEVICE_CODE_BLOCKED,
                ago(8),
                "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
                json!([applied(
                    NO_DEVICE_CODE,
                    "CA040: Block device code flow",
                    &["Block"],
                    "failure",
                    "application,users,authenticationFlows"
                )]),
                json!({"isInteractive": false, "signInEventTypes": ["nonInteractiveUser"], "authenticationProtocol": "deviceCode",
                       "originalTransferMethod": "deviceCodeFlow", "clientAppUsed": "Mobile Apps and Desktop clients",
                       "location": {"city": "Paris", "countryOrRegion": "FR"}}),
            ),
            entry(
                "3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d7e",
                ago(10),
                AMBIGUOUS_CORRELATION,
                json!([applied(
                    BLOCK_COUNTRIES,
                    "CA020: Block untrusted countries",
                    &["Block"],
                    "failure",
                    "application,users,location"
                )]),
                json!({}),
            ),
            entry(
                "4c5d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e8f",
                ago(11),
                AMBIGUOUS_CORRELATION,
                json!([applied(
                    BLOCK_COUNTRIES,
                    "CA020: Block untrusted countries",
                    &["Block"],
                    "failure",
                    "application,users,location"
                )]),
                json!({}),
            ),
            entry(
                LATE,
                ago(1),
                "5d6e7f8a-9b0c-4d1e-8f2a-4b5c6d7e8f90",
                json!([applied(
                    BLOCK_COUNTRIES,
                    "CA020: Block untrusted countries",
                    &["Block"],
                    "failure",
                    "application,users,location"
                )]),
                json!({}),
            ),
        ];
        tenant
            .visible_after
            .insert(LATE.to_ascii_uppercase(), std::time::Duration::from_secs(3));
        tenant
    }
}

/// A 53003 entry for a refusal the oidc-provider peer just sent (its
/// `trace_id`, `correlation_id`, `timestamp`), blocked by CA020 by location,
/// so an end-to-end test can look up the packet it exported:
/// `graph.edit(|t| t.sign_ins.push(blocked_entry(..)))`.
pub fn blocked_entry(request_id: &str, correlation_id: &str, when: DateTime<Utc>, upn: &str) -> Value {
    entry(
        request_id,
        when,
        correlation_id,
        json!([applied(
            BLOCK_COUNTRIES,
            "CA020: Block untrusted countries",
            &["Block"],
            "failure",
            "application,users,location"
        )]),
        json!({"userPrincipalName": upn.to_ascii_lowercase()}),
    )
}
