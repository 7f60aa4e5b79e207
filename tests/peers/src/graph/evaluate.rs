//! Conditional Access What If (`POST identity/conditionalAccess/evaluate`,
//! learn: conditionalaccessroot-evaluate, whatifanalysisresult): a small
//! evaluator over the fixture's policies, good enough to answer "which
//! policies apply, and the first condition that kept each other one out".

use super::GraphTenant;
use serde_json::{json, Value};

pub fn evaluate(tenant: &GraphTenant, body: &Value) -> Vec<Value> {
    let user = body["signInIdentity"]["userId"].as_str();
    let apps: Vec<&str> = body["signInContext"]["includeApplications"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let conditions = &body["signInConditions"];
    tenant
        .policies
        .iter()
        .filter(|p| {
            matches!(
                p["state"].as_str(),
                Some("enabled" | "enabledForReportingButNotEnforced")
            )
        })
        .map(|policy| {
            let reason = first_reason(tenant, policy, user, &apps, conditions);
            let mut result = policy.clone();
            result["policyApplies"] = json!(reason.is_none());
            result["analysisReasons"] = json!(reason.unwrap_or("notSet"));
            result
        })
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn has(list: &[String], wanted: &str) -> bool {
    list.iter().any(|v| v.eq_ignore_ascii_case(wanted))
}

fn first_reason(
    tenant: &GraphTenant,
    policy: &Value,
    user: Option<&str>,
    apps: &[&str],
    input: &Value,
) -> Option<&'static str> {
    let c = &policy["conditions"];
    let include_users = strings(&c["users"]["includeUsers"]);
    let exclude_users = strings(&c["users"]["excludeUsers"]);
    match user {
        None => return Some("notEnoughInformation"),
        Some(u) if has(&exclude_users, u) || !(has(&include_users, "All") || has(&include_users, u)) => {
            return Some("users")
        }
        _ => {}
    }
    let include_apps = strings(&c["applications"]["includeApplications"]);
    if !has(&include_apps, "All") && !apps.iter().any(|a| has(&include_apps, a)) {
        return Some("application");
    }
    let platforms = strings(&c["platforms"]["includePlatforms"]);
    if !platforms.is_empty() && !has(&platforms, "all") {
        match input["devicePlatform"].as_str() {
            None => return Some("notEnoughInformation"),
            Some(p) if !has(&platforms, p) => return Some("devicePlatform"),
            _ => {}
        }
    }
    let client_apps = strings(&c["clientAppTypes"]);
    if !client_apps.is_empty() && !has(&client_apps, "all") {
        match input["clientAppType"].as_str() {
            None => return Some("notEnoughInformation"),
            Some(t) if !has(&client_apps, t) => return Some("clientApps"),
            _ => {}
        }
    }
    let locations = strings(&c["locations"]["includeLocations"]);
    if !locations.is_empty() {
        let excluded_trusted = has(&strings(&c["locations"]["excludeLocations"]), "AllTrusted");
        match input["country"].as_str() {
            None => return Some("notEnoughInformation"),
            Some(country) if excluded_trusted && has(&tenant.trusted_countries, country) => return Some("location"),
            _ => {}
        }
    }
    let methods = c["authenticationFlows"]["transferMethods"].as_str().unwrap_or_default();
    if !methods.is_empty() {
        match input["authenticationFlow"]["transferMethod"].as_str() {
            None => return Some("notEnoughInformation"),
            Some(m) if !methods.split(',').any(|x| x.trim().eq_ignore_ascii_case(m)) => {
                return Some("authenticationFlow")
            }
            _ => {}
        }
    }
    None
}
