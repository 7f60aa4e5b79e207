//! Every claim explained in plain words, as the inspector and the CLI show
//! them. Times are given in UTC; the window adds local time and a countdown.

use super::numeric_date::NumericDate;
use crate::personal::{Marked, PersonalKind};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainedClaim {
    pub name: String,
    /// The value as JSON text (strings without quotes).
    pub value: String,
    pub meaning: String,
    /// Names or identifies a person: masked in presenter mode until revealed.
    pub personal: bool,
    /// `value` with its personal values marked (left out when it has none).
    #[serde(skip_serializing_if = "Marked::is_unmarked")]
    pub value_segments: Marked,
    /// For time claims (exp, nbf, iat, auth_time…): the moment in UTC.
    pub time: Option<DateTime<Utc>>,
}

pub fn explain(claims: &Map<String, Value>) -> Vec<ExplainedClaim> {
    claims
        .iter()
        .map(|(name, value)| {
            let time = if is_time(name) {
                NumericDate::from_value(value).moment()
            } else {
                None
            };
            let value_segments = match personal_kind(name) {
                Some(kind) => Marked::personal(kind, text(value)),
                None => Marked::scan(&text(value)),
            };
            ExplainedClaim {
                name: name.clone(),
                value: text(value),
                meaning: meaning(name, value).to_owned(),
                personal: personal_kind(name).is_some_and(PersonalKind::names_a_person),
                value_segments: value_segments.into_marks(),
                time,
            }
        })
        .collect()
}

pub fn explain_header(header: &Map<String, Value>) -> Vec<ExplainedClaim> {
    header
        .iter()
        .map(|(name, value)| ExplainedClaim {
            name: name.clone(),
            value: text(value),
            meaning: header_meaning(name).to_owned(),
            personal: false,
            value_segments: Marked::default(),
            time: None,
        })
        .collect()
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn is_time(name: &str) -> bool {
    matches!(name, "exp" | "nbf" | "iat" | "auth_time" | "pwd_exp" | "xms_tcdt")
}

/// The claims that name or identify a person, and their tenant.
fn personal_kind(name: &str) -> Option<PersonalKind> {
    Some(match name {
        "upn" | "preferred_username" | "unique_name" | "login_hint" => PersonalKind::Upn,
        "email" | "verified_primary_email" | "verified_secondary_email" => PersonalKind::Email,
        "name" | "given_name" | "family_name" => PersonalKind::DisplayName,
        "ipaddr" => PersonalKind::IpAddress,
        "oid" | "sub" => PersonalKind::ObjectId,
        "tid" => PersonalKind::Tenant,
        _ => return None,
    })
}

fn header_meaning(name: &str) -> &'static str {
    match name {
        "alg" => "Signature algorithm the token claims to use. The key decides the algorithm when checking, never this field (RFC 8725 §3.1).",
        "typ" => "Token type: JWT, or at+jwt for access tokens (RFC 9068).",
        "kid" => "Which of the issuer's published signing keys signed this token.",
        "x5t" => "Thumbprint of the signing certificate (Microsoft's older key identifier).",
        "nonce" => "Present in Microsoft Graph access tokens: Graph hashes it before checking the signature, so only Graph can verify these tokens.",
        "cty" => "Content type of a nested token.",
        _ => "A header field not explained here.",
    }
}

fn meaning(name: &str, value: &Value) -> &'static str {
    match name {
        "aud" => "Audience: the app or API this token is for. A token for another audience is refused there.",
        "iss" => "Issuer: the service (and for Entra, the tenant) that issued the token.",
        "tid" => "Tenant ID: the Entra directory the account signed in to.",
        "oid" => "Object ID: the account's permanent ID in the tenant (same across apps).",
        "sub" => "Subject: the account's ID for this app (differs between apps).",
        "upn" => "User principal name: the account's sign-in name.",
        "preferred_username" => "The account's sign-in name as shown to people (may change; never use it as an ID).",
        "unique_name" => "The account's sign-in name (v1.0 tokens).",
        "email" => "The account's e-mail address, when known.",
        "name" => "The person's display name.",
        "given_name" | "family_name" => "Part of the person's name.",
        "scp" => "Delegated permissions (scopes) granted to the app for this user, separated by spaces.",
        "roles" => "App roles granted: to the user for this app, or to the app itself for app-only tokens.",
        "amr" => "How the user authenticated, e.g. pwd (password), mfa (multi-factor), rsa, fido.",
        "acr" => "Authentication context class: \"1\" means a full sign-in, \"0\" does not meet ISO/IEC 29115 level 1.",
        "acrs" => "Authentication contexts satisfied (Conditional Access authentication strengths).",
        "deviceid" => "The ID of the registered device the sign-in came from: present only when the device identified itself (what device-based Conditional Access needs).",
        "appid" | "azp" => "The application (client) that asked for the token.",
        "appidacr" | "azpacr" => "How that application proved itself: 0 public client, 1 client secret, 2 certificate.",
        "ver" => "Token format version: 1.0 or 2.0.",
        "wids" => "Directory roles of the user (IDs of built-in admin roles).",
        "groups" => "Groups the user belongs to (object IDs).",
        "_claim_names" | "_claim_sources" => "Group overage: the user is in too many groups to list here; apps must ask Microsoft Graph for them.",
        "hasgroups" => "The user is in too many groups to list in this token.",
        "exp" => "Expires: the token is refused from this moment.",
        "nbf" => "Not before: the token is refused until this moment.",
        "iat" => "Issued at. Entra back-dates it by a few minutes, so it is no guide to the real time.",
        "auth_time" => "When the user last entered credentials.",
        "nonce" => "Ties this ID token to the sign-in request that asked for it (replay protection).",
        "at_hash" => "Hash of the access token issued alongside (OIDC Core §3.2.2.9).",
        "c_hash" => "Hash of the authorization code issued alongside.",
        "idp" => "The identity provider that authenticated the user, when it is not this tenant (guests, personal accounts).",
        "ipaddr" => "The IP address the user signed in from, as Entra saw it.",
        "sid" => "Session ID: the browser sign-in session this token belongs to.",
        "uti" | "rh" | "aio" => "Microsoft's internal bookkeeping: ignore it.",
        "xms_cc" => "Client capabilities the app declared (e.g. cp1: it can handle claims challenges).",
        "xms_ssm" | "xms_st" | "xms_tcdt" | "xms_tdbr" | "xms_idrel" | "xms_ftd" => "A Microsoft extension claim (xms_*): informational.",
        "ctry" | "tenant_ctry" => "Country of the user or tenant.",
        "onprem_sid" => "The account's on-premises Active Directory SID (synced accounts).",
        "login_hint" => "A hint the app can send to sign in to this account again.",
        _ if name.starts_with("xms_") => "A Microsoft extension claim (xms_*): informational.",
        _ => match value {
            Value::Object(_) | Value::Array(_) => "A structured claim not explained here.",
            _ => "A claim not explained here.",
        },
    }
}
