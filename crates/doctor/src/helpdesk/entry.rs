//! A sign-in log entry as Microsoft Graph returns it (learn: resources/signin,
//! appliedconditionalaccesspolicy; v1.0 and beta). Unknown fields are
//! ignored, every field may be missing or null, GUIDs are lowercased and
//! times kept in UTC.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SignInEntry {
    #[serde(deserialize_with = "guid")]
    pub id: Option<String>,
    #[serde(deserialize_with = "utc")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "text")]
    pub user_principal_name: Option<String>,
    #[serde(deserialize_with = "guid")]
    pub user_id: Option<String>,
    #[serde(deserialize_with = "guid")]
    pub app_id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub app_display_name: Option<String>,
    #[serde(deserialize_with = "guid")]
    pub resource_id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub resource_display_name: Option<String>,
    #[serde(deserialize_with = "text")]
    pub client_app_used: Option<String>,
    #[serde(deserialize_with = "guid")]
    pub correlation_id: Option<String>,
    #[serde(deserialize_with = "guid")]
    pub original_request_id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub conditional_access_status: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub is_interactive: Option<bool>,
    #[serde(deserialize_with = "lenient")]
    pub sign_in_event_types: Option<Vec<String>>,
    #[serde(deserialize_with = "text")]
    pub authentication_protocol: Option<String>,
    #[serde(deserialize_with = "text")]
    pub original_transfer_method: Option<String>,
    #[serde(deserialize_with = "text")]
    pub ip_address: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub location: Option<Location>,
    #[serde(deserialize_with = "lenient")]
    pub status: Option<Status>,
    #[serde(deserialize_with = "lenient")]
    pub device_detail: Option<DeviceDetail>,
    /// `None` when Graph left the field out: the caller lacks a role or the policy scope.
    #[serde(deserialize_with = "lenient")]
    pub applied_conditional_access_policies: Option<Vec<AppliedPolicy>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Location {
    #[serde(deserialize_with = "text")]
    pub city: Option<String>,
    #[serde(deserialize_with = "text")]
    pub state: Option<String>,
    #[serde(deserialize_with = "text")]
    pub country_or_region: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Status {
    #[serde(deserialize_with = "lenient")]
    pub error_code: Option<i64>,
    #[serde(deserialize_with = "text")]
    pub failure_reason: Option<String>,
    #[serde(deserialize_with = "text")]
    pub additional_details: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeviceDetail {
    #[serde(deserialize_with = "guid")]
    pub device_id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub display_name: Option<String>,
    #[serde(deserialize_with = "text")]
    pub operating_system: Option<String>,
    #[serde(deserialize_with = "text")]
    pub browser: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub is_compliant: Option<bool>,
    #[serde(deserialize_with = "lenient")]
    pub is_managed: Option<bool>,
    #[serde(deserialize_with = "text")]
    pub trust_type: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AppliedPolicy {
    #[serde(deserialize_with = "guid")]
    pub id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub display_name: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub enforced_grant_controls: Option<Vec<String>>,
    #[serde(deserialize_with = "lenient")]
    pub enforced_session_controls: Option<Vec<String>>,
    /// `success`, `failure`, `notApplied`, `reportOnlyFailure`, … (report-only only with the Prefer header).
    #[serde(deserialize_with = "text")]
    pub result: Option<String>,
    /// Beta: comma-separated flags such as `application,users,location`.
    #[serde(deserialize_with = "text")]
    pub conditions_satisfied: Option<String>,
    #[serde(deserialize_with = "text")]
    pub conditions_not_satisfied: Option<String>,
}

impl SignInEntry {
    pub fn error_code(&self) -> Option<i64> {
        self.status.as_ref().and_then(|s| s.error_code)
    }

    /// A failed sign-in (a non-zero error code).
    pub fn failed(&self) -> bool {
        self.error_code().is_some_and(|c| c != 0)
    }

    /// Conditional Access refused this sign-in.
    pub fn blocked_by_ca(&self) -> bool {
        self.conditional_access_status.as_deref() == Some("failure")
            || self
                .error_code()
                .is_some_and(|c| (53000..=53004).contains(&c) || (530000..=530099).contains(&c))
    }

    /// Sign-in used the device code flow (beta `authenticationProtocol`, or `originalTransferMethod`).
    pub fn device_code(&self) -> bool {
        self.authentication_protocol.as_deref() == Some("deviceCode")
            || self.original_transfer_method.as_deref() == Some("deviceCodeFlow")
    }
}

impl AppliedPolicy {
    pub fn conditions_matched(&self) -> Vec<String> {
        flags(self.conditions_satisfied.as_deref())
    }
}

/// `a,b,c` → [a, b, c]; "none" names nothing.
pub fn flags(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty() && *f != "none")
        .map(str::to_owned)
        .collect()
}

/// A value of the wrong type reads as missing rather than failing the whole answer.
pub(crate) fn lenient<'de, D, T>(de: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(de)?;
    Ok(serde_json::from_value(value).ok())
}

/// A non-empty string, trimmed.
pub(crate) fn text<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    let value: Option<String> = lenient(de)?;
    Ok(value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()))
}

/// A GUID (or any ID) in lower case.
pub(crate) fn guid<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    Ok(text(de)?.map(|v| v.to_ascii_lowercase()))
}

fn utc<'de, D: Deserializer<'de>>(de: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Ok(text(de)?.and_then(|v| DateTime::parse_from_rfc3339(&v).ok().map(|t| t.with_timezone(&Utc))))
}

#[path = "page.rs"]
mod page;
pub use page::{Page, MAX_ENTRIES_PER_PAGE};

#[cfg(test)]
#[path = "entry_tests.rs"]
mod tests;
