//! A Conditional Access policy as Graph returns it (learn:
//! conditionalaccesspolicy, conditionalaccessconditionset,
//! conditionalaccessgrantcontrols). Only what the explanation reads; the
//! rest is ignored. Every field may be missing.

use super::entry::{guid, lenient, text};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Policy {
    #[serde(deserialize_with = "guid")]
    pub id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub display_name: Option<String>,
    /// `enabled`, `disabled`, `enabledForReportingButNotEnforced`.
    #[serde(deserialize_with = "text")]
    pub state: Option<String>,
    #[serde(deserialize_with = "lenient")]
    pub conditions: Option<Conditions>,
    #[serde(deserialize_with = "lenient")]
    pub grant_controls: Option<GrantControls>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Conditions {
    #[serde(deserialize_with = "lenient")]
    pub client_app_types: Option<Vec<String>>,
    #[serde(deserialize_with = "lenient")]
    pub platforms: Option<Platforms>,
    #[serde(deserialize_with = "lenient")]
    pub locations: Option<Locations>,
    #[serde(deserialize_with = "lenient")]
    pub authentication_flows: Option<AuthenticationFlows>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Platforms {
    #[serde(deserialize_with = "lenient")]
    pub include_platforms: Option<Vec<String>>,
    #[serde(deserialize_with = "lenient")]
    pub exclude_platforms: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Locations {
    #[serde(deserialize_with = "lenient")]
    pub include_locations: Option<Vec<String>>,
    #[serde(deserialize_with = "lenient")]
    pub exclude_locations: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct AuthenticationFlows {
    /// Comma-separated: `deviceCodeFlow`, `authenticationTransfer`.
    #[serde(deserialize_with = "text")]
    pub transfer_methods: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct GrantControls {
    /// `AND` or `OR`.
    #[serde(deserialize_with = "text")]
    pub operator: Option<String>,
    /// `block`, `mfa`, `compliantDevice`, `domainJoinedDevice`, `approvedApplication`,
    /// `compliantApplication`, `passwordChange`, …
    #[serde(deserialize_with = "lenient")]
    pub built_in_controls: Option<Vec<String>>,
    #[serde(deserialize_with = "lenient")]
    pub terms_of_use: Option<Vec<String>>,
    #[serde(deserialize_with = "lenient")]
    pub authentication_strength: Option<serde_json::Value>,
}

impl Policy {
    pub fn built_in_controls(&self) -> Vec<String> {
        self.grant_controls
            .as_ref()
            .and_then(|g| g.built_in_controls.clone())
            .unwrap_or_default()
    }

    pub fn blocks_device_code(&self) -> bool {
        self.conditions
            .as_ref()
            .and_then(|c| c.authentication_flows.as_ref())
            .and_then(|f| f.transfer_methods.as_deref())
            .is_some_and(|m| m.split(',').any(|x| x.trim() == "deviceCodeFlow"))
    }

    pub fn has_locations(&self) -> bool {
        self.conditions
            .as_ref()
            .and_then(|c| c.locations.as_ref())
            .is_some_and(|l| l.include_locations.as_ref().is_some_and(|v| !v.is_empty()))
    }
}
