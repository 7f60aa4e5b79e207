//! Conditional Access What If through Graph (`POST
//! identity/conditionalAccess/evaluate`, v1.0; learn:
//! conditionalaccessroot-evaluate, whatifanalysisresult, signinconditions):
//! which policies apply to these inputs, and why the others do not. Inputs
//! that are missing are named as not evaluated.

use super::entry::{lenient, text, SignInEntry};
use super::graph::GraphCaller;
use super::graph_problem::{bad_answer, problem_of};
use super::input::WhatIfQuery;
use super::policy::Policy;
use super::problem::{Problem, POLICY_SCOPE};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhatIfAnswer {
    pub policies: Vec<WhatIfPolicy>,
    /// Inputs the packet lacked, so their conditions were not evaluated.
    pub not_evaluated: Vec<&'static str>,
    pub problem: Option<Problem>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhatIfPolicy {
    pub id: Option<String>,
    pub name: Option<String>,
    pub state: Option<String>,
    pub applies: bool,
    /// Why it does not apply (`notSet` when it applies): users, application, devicePlatform, location, …
    pub reasons: Vec<String>,
    pub grant_controls: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct AnalysisResult {
    #[serde(flatten)]
    policy: Policy,
    #[serde(deserialize_with = "lenient")]
    policy_applies: Option<bool>,
    #[serde(deserialize_with = "text")]
    analysis_reasons: Option<String>,
}

/// The request body, and the inputs left out.
pub(crate) fn body(query: &WhatIfQuery, entry: Option<&SignInEntry>) -> (Value, Vec<&'static str>) {
    let mut missing = Vec::new();
    let user_id = query.user_id.clone().or_else(|| entry.and_then(|e| e.user_id.clone()));
    let app = query
        .resource_app_id
        .clone()
        .or_else(|| entry.and_then(|e| e.resource_id.clone()));
    let mut conditions = Map::new();
    let mut put = |name: &'static str, key: &str, value: Option<Value>| match value {
        Some(v) => {
            conditions.insert(key.to_owned(), v);
        }
        None => missing.push(name),
    };
    put(
        "device_platform",
        "devicePlatform",
        query.device_platform.clone().map(Value::from),
    );
    put(
        "client_app_type",
        "clientAppType",
        query.client_app_type.clone().map(Value::from),
    );
    put("ip_address", "ipAddress", query.ip_address.clone().map(Value::from));
    put("country", "country", query.country.clone().map(Value::from));
    put(
        "authentication_flow",
        "authenticationFlow",
        query.authentication_flow.clone().map(|m| json!({"transferMethod": m})),
    );
    let mut device = Map::new();
    if let Some(compliant) = query.device_compliant {
        device.insert("isCompliant".to_owned(), json!(compliant));
    }
    if let Some(trust) = &query.device_trust_type {
        device.insert("trustType".to_owned(), json!(trust));
    }
    put(
        "device_state",
        "deviceInfo",
        (!device.is_empty()).then_some(Value::Object(device)),
    );
    if user_id.is_none() {
        missing.insert(0, "user");
    }
    if app.is_none() {
        missing.insert(0, "cloud_app");
    }
    let body = json!({
        "signInIdentity": {"@odata.type": "#microsoft.graph.userSignIn", "userId": user_id},
        "signInContext": {"@odata.type": "#microsoft.graph.applicationContext", "includeApplications": app.into_iter().collect::<Vec<_>>()},
        "signInConditions": conditions,
        "appliedPoliciesOnly": false,
    });
    (body, missing)
}

/// The evaluation's results: a collection (`value`), or a bare array.
pub fn parse(bytes: &[u8]) -> Option<Vec<WhatIfPolicy>> {
    let value: Value = serde_json::from_slice(bytes).ok()?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut object) => match object.remove("value") {
            Some(Value::Array(items)) => items,
            _ => return None,
        },
        _ => return None,
    };
    Some(
        items
            .into_iter()
            .filter_map(|item| serde_json::from_value::<AnalysisResult>(item).ok())
            .map(|r| WhatIfPolicy {
                id: r.policy.id.clone(),
                name: r.policy.display_name.clone(),
                state: r.policy.state.clone(),
                grant_controls: r.policy.built_in_controls(),
                applies: r.policy_applies == Some(true),
                // `notSet` is the value of a policy that applies: no reason.
                reasons: super::entry::flags(r.analysis_reasons.as_deref())
                    .into_iter()
                    .filter(|reason| reason != "notSet")
                    .collect(),
            })
            .collect(),
    )
}

pub(crate) async fn evaluate(
    caller: &GraphCaller<'_>,
    base: &str,
    query: &WhatIfQuery,
    entry: Option<&SignInEntry>,
) -> WhatIfAnswer {
    let (body, not_evaluated) = body(query, entry);
    let url = format!("{base}/v1.0/identity/conditionalAccess/evaluate");
    let answer = caller.post(&url, body.to_string().into_bytes()).await;
    let (policies, problem) = match answer {
        Ok(bytes) => match parse(&bytes) {
            Some(policies) => (policies, None),
            None => (Vec::new(), Some(bad_answer("the What If answer is not Graph's JSON"))),
        },
        Err(error) => (Vec::new(), Some(problem_of(&error, caller, POLICY_SCOPE, None))),
    };
    WhatIfAnswer {
        policies,
        not_evaluated,
        problem,
    }
}
