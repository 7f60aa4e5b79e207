//! The access token against what the sign-in asked for: the resource it is
//! for (`aud`) and the permissions granted (`scp`, `roles`).

use super::decode::DecodedToken;
use super::verdicts::{TokenVerdict, VerdictId};
use crate::checks::Status;
use serde_json::Value;

/// OpenID Connect scopes ask for the ID token and refresh token, not for a resource.
const OIDC_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];
const GRAPH: &str = "https://graph.microsoft.com";
/// Microsoft Graph's application ID, which v1.0 Graph tokens use as their audience.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// Splits a requested scope into its resource and permission (Microsoft
/// identity platform: `https://graph.microsoft.com/User.Read`, or a bare
/// `User.Read`, which means Microsoft Graph).
fn resource_and_permission(scope: &str) -> (String, String) {
    match scope.rfind('/') {
        Some(cut) if scope.contains("://") || scope.starts_with("api://") => (
            scope[..cut].trim_end_matches('/').to_owned(),
            scope[cut + 1..].to_owned(),
        ),
        _ => (GRAPH.to_owned(), scope.to_owned()),
    }
}

fn same_resource(aud: &str, resource: &str) -> bool {
    let aud = aud.trim_end_matches('/');
    aud.eq_ignore_ascii_case(resource) || (resource == GRAPH && aud == GRAPH_APP_ID)
}

pub fn compare(token: &DecodedToken, requested_scopes: &[String]) -> Vec<TokenVerdict> {
    let wanted: Vec<(String, String)> = requested_scopes
        .iter()
        .filter(|s| !OIDC_SCOPES.contains(&s.as_str()))
        .map(|s| resource_and_permission(s))
        .collect();
    let Some((resource, _)) = wanted.first() else {
        return Vec::new();
    };
    let aud = token.claims.get("aud").and_then(Value::as_str).unwrap_or_default();
    let mut found = vec![if same_resource(aud, resource) {
        TokenVerdict::new(
            VerdictId::RequestedAudience,
            Status::Pass,
            format!("For {resource}, as asked."),
        )
    } else {
        TokenVerdict::new(
            VerdictId::RequestedAudience,
            Status::Fail,
            format!(
                "For {}, but the sign-in asked for {resource}: the API will refuse it (wrong audience).",
                if aud.is_empty() { "no audience" } else { aud }
            ),
        )
    }];
    let granted: Vec<&str> = ["scp", "roles"]
        .iter()
        .filter_map(|name| token.claims.get(*name))
        .flat_map(|v| match v {
            Value::String(s) => s.split_whitespace().collect::<Vec<_>>(),
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    // `.default` means "whatever has been consented", so nothing specific can be missing.
    let missing: Vec<&str> = wanted
        .iter()
        .map(|(_, p)| p.as_str())
        .filter(|p| *p != ".default" && !granted.iter().any(|g| g.eq_ignore_ascii_case(p)))
        .collect();
    found.push(if missing.is_empty() {
        TokenVerdict::new(
            VerdictId::RequestedScopes,
            Status::Pass,
            "Every requested permission was granted.",
        )
    } else {
        TokenVerdict::new(
            VerdictId::RequestedScopes,
            Status::Warn,
            format!(
                "Not granted: {}. Consent for them is missing, or an admin has to grant it.",
                missing.join(", ")
            ),
        )
    });
    found
}
