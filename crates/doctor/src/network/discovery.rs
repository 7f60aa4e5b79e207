//! Reading an OpenID Provider's discovery document (OIDC Discovery 1.0 §3).

use serde_json::Value;

/// The parts of a discovery document the checks use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscoveryDocument {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    pub device_authorization_endpoint: Option<String>,
    pub userinfo_endpoint: Option<String>,
}

/// OIDC Discovery 1.0 §3 marks these REQUIRED; `token_endpoint` is required
/// for every flow but implicit, and this app uses the code flow.
const REQUIRED: [&str; 7] = [
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "response_types_supported",
    "subject_types_supported",
    "id_token_signing_alg_values_supported",
];

impl DiscoveryDocument {
    /// Returns the document, or the names of the required members that are
    /// missing or not of the right type.
    pub fn from_json(json: &Value) -> Result<Self, Vec<&'static str>> {
        let Some(object) = json.as_object() else {
            return Err(REQUIRED.to_vec());
        };
        let missing: Vec<&'static str> = REQUIRED
            .into_iter()
            .filter(|name| match object.get(*name) {
                Some(Value::String(s)) => s.trim().is_empty(),
                Some(Value::Array(items)) => items.is_empty(),
                _ => true,
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let text = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_owned);
        Ok(Self {
            issuer: text("issuer").unwrap_or_default(),
            authorization_endpoint: text("authorization_endpoint").unwrap_or_default(),
            token_endpoint: text("token_endpoint").unwrap_or_default(),
            jwks_uri: text("jwks_uri").unwrap_or_default(),
            device_authorization_endpoint: text("device_authorization_endpoint"),
            userinfo_endpoint: text("userinfo_endpoint"),
        })
    }

    /// Microsoft's `common` and `organizations` endpoints publish the issuer
    /// as a template (`…/{tenantid}/v2.0`); the real issuer is known only
    /// from a token's `tid`.
    pub fn issuer_is_tenant_template(&self) -> bool {
        self.issuer.contains("{tenantid}")
    }
}

/// Entra answers a bad tenant or cloud with a JSON error such as
/// `{"error":"invalid_tenant","error_description":"AADSTS90002: …"}`.
pub(super) fn error_description(json: &Value) -> Option<String> {
    let description = json.get("error_description").and_then(Value::as_str);
    let error = json.get("error").and_then(Value::as_str);
    match (error, description) {
        (_, Some(d)) => Some(d.lines().next().unwrap_or(d).trim().to_owned()),
        (Some(e), None) => Some(e.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_every_missing_required_member() {
        let missing =
            DiscoveryDocument::from_json(&json!({"issuer": "https://x", "jwks_uri": ""})).expect_err("incomplete");
        assert_eq!(
            missing,
            vec![
                "authorization_endpoint",
                "token_endpoint",
                "jwks_uri",
                "response_types_supported",
                "subject_types_supported",
                "id_token_signing_alg_values_supported"
            ]
        );
        assert_eq!(
            DiscoveryDocument::from_json(&json!([1, 2])).expect_err("array").len(),
            7
        );
    }

    #[test]
    fn reads_a_microsoft_multi_tenant_document() {
        let doc = DiscoveryDocument::from_json(&json!({
            "issuer": "https://login.microsoftonline.com/{tenantid}/v2.0",
            "authorization_endpoint": "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
            "token_endpoint": "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
            "device_authorization_endpoint": "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode",
            "jwks_uri": "https://login.microsoftonline.com/organizations/discovery/v2.0/keys",
            "response_types_supported": ["code", "id_token"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"]
        }))
        .expect("valid");
        assert!(doc.issuer_is_tenant_template());
        assert!(doc.device_authorization_endpoint.is_some());
    }

    #[test]
    fn reads_entra_error_bodies() {
        let body = json!({"error": "invalid_tenant", "error_description": "AADSTS90002: Tenant 'nope' not found.\r\nTrace ID: 1"});
        assert_eq!(
            error_description(&body).as_deref(),
            Some("AADSTS90002: Tenant 'nope' not found.")
        );
        assert_eq!(error_description(&json!({"x": 1})), None);
    }
}
