//! A Microsoft Graph peer on 127.0.0.1 for help-desk mode: `/v1.0` and
//! `/beta` `auditLogs/signIns`, `identity/conditionalAccess/policies/{id}`
//! and `identity/conditionalAccess/evaluate`, in Graph's documented shapes,
//! from a fixture tenant the test writes. It verifies bearer tokens issued
//! by the oidc-provider peer (signature against its JWKS, audience, scopes)
//! and refuses the way Graph does (learn.microsoft.com/graph/errors, signin-list
//! permissions, throttling): Authorization_RequestDenied,
//! Authentication_RequestFromNonPremiumTenantOrB2CTenant, 429 with or without
//! Retry-After, CA details omitted without the policy scope or a CA role,
//! report-only results hidden without `Prefer: include-unknown-enum-members`.

mod evaluate;
mod filter;
pub mod fixtures;
mod flood;
mod http;
mod token;

pub use flood::GraphFlood;

use crate::accept_loop::AcceptLoop;
use http::{Request, Response};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The audience Graph's tokens are for.
pub const GRAPH_AUDIENCE: &str = "https://graph.microsoft.com";

/// Directory roles that may read sign-in logs (learn: signin-list permissions).
const SIGN_IN_ROLES: &[&str] = &[
    "Global Administrator",
    "Global Reader",
    "Reports Reader",
    "Security Administrator",
    "Security Operator",
    "Security Reader",
];
/// Roles that also see `appliedConditionalAccessPolicies` and may read policies.
const CA_ROLES: &[&str] = &[
    "Global Administrator",
    "Global Reader",
    "Security Administrator",
    "Security Reader",
    "Conditional Access Administrator",
];
const POLICY_SCOPES: &[&str] = &[
    "Policy.Read.All",
    "Policy.Read.ConditionalAccess",
    "Policy.ReadWrite.ConditionalAccess",
];
/// Retention with P1/P2 (learn: reference-reports-data-retention).
const RETENTION_DAYS: i64 = 30;

/// The tenant the peer serves, as the test writes it.
#[derive(Clone, Debug, Default)]
pub struct GraphTenant {
    /// Sign-in entries in Graph's beta shape (with `appliedConditionalAccessPolicies`).
    pub sign_ins: Vec<Value>,
    /// Conditional Access policies in Graph's shape.
    pub policies: Vec<Value>,
    /// Directory roles by token subject (the oidc-provider account ID).
    pub roles: HashMap<String, Vec<String>>,
    /// Whether the tenant has Entra ID P1 or P2.
    pub premium: bool,
    /// True for a cloud whose Graph has no sign-in logs (21Vianet's answer, msgraph-sdk-powershell#3189).
    pub no_sign_in_logs: bool,
    /// Entry IDs that only appear this long after the peer starts (log latency).
    pub visible_after: HashMap<String, Duration>,
    /// Countries the What If evaluation treats as trusted named locations.
    pub trusted_countries: Vec<String>,
}

impl GraphTenant {
    /// A P1 tenant where `helpdesk` is a Security Reader (the least role for logs and CA).
    pub fn premium() -> Self {
        let mut roles = HashMap::new();
        roles.insert("helpdesk".to_owned(), vec!["Security Reader".to_owned()]);
        roles.insert("helpdesk-nopolicy".to_owned(), vec!["Security Reader".to_owned()]);
        roles.insert("helpdesk-nologs".to_owned(), vec!["Security Reader".to_owned()]);
        roles.insert("helpdesk-noroles".to_owned(), vec![]);
        Self {
            premium: true,
            roles,
            ..Self::default()
        }
    }
}

/// A request as the peer received it: enough to send it again byte for byte
/// in meaning (the benchmark replays the app's Graph requests with a plain client).
#[derive(Clone, Debug)]
pub struct SeenRequest {
    pub method: String,
    /// Path and query as sent.
    pub target: String,
    /// Every header, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// How the next requests are throttled.
#[derive(Clone, Copy, Debug)]
pub struct Throttle {
    pub requests: u32,
    /// `Retry-After` seconds, or none (as the policy endpoint does).
    pub retry_after: Option<u64>,
}

struct State {
    tenant: GraphTenant,
    started: Instant,
    throttle: Option<Throttle>,
    /// How long each answer waits before it is made (Graph across the internet).
    delay: Duration,
    requests: Vec<String>,
    seen: Vec<SeenRequest>,
    issuer: String,
    keys: Option<jsonwebtoken::jwk::JwkSet>,
    /// Fault injection: every list answer's `@odata.nextLink`, whatever is left to list.
    next_link: Option<String>,
    /// Requests being answered now, and the most there ever were at once.
    in_flight: usize,
    max_in_flight: usize,
}

pub struct GraphServer {
    pub port: u16,
    state: Arc<Mutex<State>>,
    _serving: AcceptLoop,
}

impl GraphServer {
    /// Serves `tenant`, trusting tokens `issuer` (the oidc-provider peer) signed.
    pub fn start(issuer: &str, tenant: GraphTenant) -> io::Result<Self> {
        let state = Arc::new(Mutex::new(State {
            tenant,
            started: Instant::now(),
            throttle: None,
            delay: Duration::ZERO,
            requests: Vec::new(),
            seen: Vec::new(),
            issuer: issuer.trim_end_matches('/').to_owned(),
            keys: None,
            next_link: None,
            in_flight: 0,
            max_in_flight: 0,
        }));
        let shared = state.clone();
        let serving = AcceptLoop::start(move |mut stream, _| {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            if let Ok(Some(request)) = http::read(&mut stream) {
                // Outside the lock: requests sent at once wait at once, as with the real Graph.
                let delay = {
                    let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
                    state.in_flight += 1;
                    state.max_in_flight = state.max_in_flight.max(state.in_flight);
                    state.delay
                };
                std::thread::sleep(delay);
                let response = answer(&shared, &request);
                let _ = http::write(&mut stream, &response);
                let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
                state.in_flight = state.in_flight.saturating_sub(1);
            }
        })?;
        Ok(Self {
            port: serving.port,
            state,
            _serving: serving,
        })
    }

    /// The Graph base URL (what the app's `graph_url` setting takes).
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Throttles the next requests with 429.
    pub fn throttle(&self, throttle: Throttle) {
        self.lock().throttle = Some(throttle);
    }

    /// Makes every answer from now on wait `delay` first (each request on its own).
    pub fn delay(&self, delay: Duration) {
        self.lock().delay = delay;
    }

    /// Each request so far: method, path and query, and its Prefer header.
    pub fn requests(&self) -> Vec<String> {
        self.lock().requests.clone()
    }

    /// Each request so far in full (method, target, headers, body), oldest first.
    pub fn seen(&self) -> Vec<SeenRequest> {
        self.lock().seen.clone()
    }

    /// The `$filter` of each sign-in list request so far, percent-decoded, oldest first.
    pub fn filters(&self) -> Vec<String> {
        let state = self.lock();
        state
            .seen
            .iter()
            .filter(|r| r.target.contains("/auditLogs/signIns?"))
            .filter_map(|r| {
                let query = r.target.split_once('?').map(|(_, q)| q).unwrap_or_default();
                query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("$filter="))
                    .map(http::decode)
            })
            .collect()
    }

    /// The most requests that were being answered at once (each counted from
    /// its read to its answer, delay included).
    pub fn max_in_flight(&self) -> usize {
        self.lock().max_in_flight
    }

    /// Fault injection: every list answer names `link` as its next page, as a
    /// hostile or broken Graph might (the app must follow only its own Graph).
    pub fn next_link(&self, link: &str) {
        self.lock().next_link = Some(link.to_owned());
    }

    /// Forgets the requests seen so far (`requests` and `seen`).
    pub fn clear_seen(&self) {
        let mut state = self.lock();
        state.requests.clear();
        state.seen.clear();
    }

    /// Changes the tenant (e.g. adds entries) while serving.
    pub fn edit(&self, change: impl FnOnce(&mut GraphTenant)) {
        change(&mut self.lock().tenant);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn graph_error(status: u16, code: &str, message: &str) -> Response {
    // Graph's error shape (learn.microsoft.com/graph/errors).
    Response::json(
        status,
        json!({"error": {"code": code, "message": message, "innerError": {
            "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
            "request-id": "5c0ae1e2-1d2b-4d8e-9e64-0a1f2b3c4d5e",
            "client-request-id": "5c0ae1e2-1d2b-4d8e-9e64-0a1f2b3c4d5e"}}}),
    )
}

fn denied() -> Response {
    graph_error(
        403,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
    )
}

fn answer(state: &Mutex<State>, request: &Request) -> Response {
    let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
    let prefer = request.header("prefer").unwrap_or_default();
    state
        .requests
        .push(format!("{} {} prefer={prefer}", request.method, request.target));
    state.seen.push(SeenRequest {
        method: request.method.clone(),
        target: request.target.clone(),
        headers: request.headers().to_vec(),
        body: request.body.clone(),
    });
    if let Some(throttle) = state.throttle.as_mut() {
        if throttle.requests > 0 {
            throttle.requests -= 1;
            let mut response = graph_error(
                429,
                "TooManyRequests",
                "Too many requests. Please retry after some time.",
            );
            if let Some(seconds) = throttle.retry_after {
                response.headers.push(("Retry-After".to_owned(), seconds.to_string()));
            }
            return response;
        }
    }
    let Some(bearer) = request
        .header("authorization")
        .and_then(|v| v.strip_prefix("Bearer ").map(str::to_owned))
    else {
        return graph_error(401, "InvalidAuthenticationToken", "Access token is empty.");
    };
    if state.keys.is_none() {
        state.keys = token::fetch_jwks(&state.issuer).ok();
    }
    let Some(keys) = state.keys.as_ref() else {
        return graph_error(
            401,
            "InvalidAuthenticationToken",
            "The issuer's signing keys could not be read.",
        );
    };
    let caller = match token::verify(&bearer, keys, &state.issuer, GRAPH_AUDIENCE) {
        Ok(caller) => caller,
        Err(why) => return graph_error(401, "InvalidAuthenticationToken", &why),
    };
    let roles = state.tenant.roles.get(&caller.subject).cloned().unwrap_or_default();
    let has_role = |allowed: &[&str]| roles.iter().any(|r| allowed.contains(&r.as_str()));
    let has_scope = |allowed: &[&str]| caller.scopes.iter().any(|s| allowed.contains(&s.as_str()));
    let ca_visible = has_role(CA_ROLES) && has_scope(POLICY_SCOPES);

    let (version, path) = match request.path.split_once('/').and_then(|(_, rest)| rest.split_once('/')) {
        Some((version @ ("v1.0" | "beta"), path)) => (version, path.to_owned()),
        _ => return graph_error(400, "BadRequest", "Invalid version."),
    };
    let beta = version == "beta";
    let include_unknown = prefer
        .split(',')
        .any(|p| p.trim().eq_ignore_ascii_case("include-unknown-enum-members"));

    if path == "auditLogs/signIns" || path.starts_with("auditLogs/signIns/") {
        if state.tenant.no_sign_in_logs {
            return graph_error(400, "BadRequest", "Resource not found for the segment 'signIns'.");
        }
        if !has_scope(&["AuditLog.Read.All"]) || !has_role(SIGN_IN_ROLES) {
            return denied();
        }
        if !state.tenant.premium {
            return graph_error(
                403,
                "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                "Neither tenant is B2C or tenant doesn't have premium license",
            );
        }
        let elapsed = state.started.elapsed();
        let oldest = chrono::Utc::now() - chrono::Duration::days(RETENTION_DAYS);
        let visible: Vec<Value> = state
            .tenant
            .sign_ins
            .iter()
            .filter(|e| {
                let id = e["id"].as_str().unwrap_or_default();
                state.tenant.visible_after.get(id).is_none_or(|after| elapsed >= *after)
            })
            .filter(|e| {
                e["createdDateTime"]
                    .as_str()
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                    .is_some_and(|t| t >= oldest)
            })
            .map(|e| shape_entry(e, beta, ca_visible, include_unknown))
            .collect();
        if let Some(id) = path.strip_prefix("auditLogs/signIns/") {
            return match visible.iter().find(|e| e["id"].as_str().is_some_and(|v| v.eq_ignore_ascii_case(id))) {
                Some(entry) => Response::json(200, entry.clone()),
                None => graph_error(404, "Request_ResourceNotFound", &format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present.")),
            };
        }
        let mut response = list(request, version, visible, beta);
        if let Some(link) = state.next_link.clone() {
            response = with_next_link(response, &link);
        }
        return response;
    }
    if let Some(id) = path.strip_prefix("identity/conditionalAccess/policies/") {
        if !has_scope(&["Policy.Read.All"]) || !has_role(CA_ROLES) {
            return denied();
        }
        return match state.tenant.policies.iter().find(|p| p["id"].as_str() == Some(id)) {
            Some(policy) => {
                let mut policy = policy.clone();
                policy["@odata.context"] = json!(format!(
                    "https://graph.microsoft.com/{version}/$metadata#identity/conditionalAccess/policies/$entity"
                ));
                Response::json(200, policy)
            }
            None => graph_error(
                404,
                "Request_ResourceNotFound",
                &format!(
                    "Resource '{id}' does not exist or one of its queried reference-property objects are not present."
                ),
            ),
        };
    }
    if path == "identity/conditionalAccess/evaluate" && request.method == "POST" {
        if !has_scope(POLICY_SCOPES) {
            return denied();
        }
        let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
            return graph_error(400, "BadRequest", "Unable to read JSON request payload.");
        };
        let results = evaluate::evaluate(&state.tenant, &body);
        return Response::json(
            200,
            json!({"@odata.context": format!("https://graph.microsoft.com/{version}/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)"), "value": results}),
        );
    }
    graph_error(
        404,
        "Request_ResourceNotFound",
        &format!("Resource not found for the segment '{path}'."),
    )
}

/// The list answer with its `@odata.nextLink` replaced (fault injection).
fn with_next_link(mut response: Response, link: &str) -> Response {
    if let Ok(mut body) = serde_json::from_slice::<Value>(&response.body) {
        body["@odata.nextLink"] = json!(link);
        response.body = body.to_string().into_bytes();
    }
    response
}

/// The entry as this version and caller see it.
fn shape_entry(entry: &Value, beta: bool, ca_visible: bool, include_unknown: bool) -> Value {
    let mut entry = entry.clone();
    if let Some(fields) = entry.as_object_mut() {
        if !ca_visible {
            fields.remove("appliedConditionalAccessPolicies");
        }
        if !beta {
            for beta_only in [
                "authenticationProtocol",
                "signInEventTypes",
                "originalRequestId",
                "authenticationRequirement",
                "originalTransferMethod",
            ] {
                fields.remove(beta_only);
            }
        }
    }
    if let Some(policies) = entry["appliedConditionalAccessPolicies"].as_array_mut() {
        for policy in policies {
            // Report-only results are evolvable enum members: hidden without the Prefer header.
            let report_only = policy["result"].as_str().is_some_and(|r| r.starts_with("reportOnly"));
            if report_only && !include_unknown {
                policy["result"] = json!("unknownFutureValue");
            }
            if !beta {
                if let Some(fields) = policy.as_object_mut() {
                    for beta_only in [
                        "conditionsSatisfied",
                        "conditionsNotSatisfied",
                        "includeRulesSatisfied",
                        "excludeRulesSatisfied",
                    ] {
                        fields.remove(beta_only);
                    }
                }
            }
        }
    }
    entry
}

fn list(request: &Request, version: &str, visible: Vec<Value>, beta: bool) -> Response {
    let query = request.query();
    let clauses = match query.get("$filter") {
        Some(text) => match filter::parse(text) {
            Some(clauses) => clauses,
            None => return graph_error(400, "BadRequest", "Invalid filter clause"),
        },
        None => Vec::new(),
    };
    let wants_types = clauses.iter().any(|c| matches!(c, filter::Clause::EventTypes(_)));
    let mut found: Vec<Value> = visible
        .into_iter()
        // Without a signInEventTypes filter (and always in v1.0) only interactive sign-ins.
        .filter(|e| (beta && wants_types) || filter::event_types(e).iter().any(|t| t == "interactiveUser"))
        .filter(|e| filter::matches(e, &clauses))
        .collect();
    // Newest first.
    found.sort_by(|a, b| b["createdDateTime"].as_str().cmp(&a["createdDateTime"].as_str()));
    let top = query
        .get("$top")
        .and_then(|t| t.parse::<usize>().ok())
        .unwrap_or(1000)
        .clamp(1, 1000);
    let skip = query
        .get("$skiptoken")
        .and_then(|t| t.parse::<usize>().ok())
        .unwrap_or(0);
    let page: Vec<Value> = found.iter().skip(skip).take(top).cloned().collect();
    let mut body = json!({
        "@odata.context": format!("https://graph.microsoft.com/{version}/$metadata#auditLogs/signIns"),
        "value": page,
    });
    if skip + top < found.len() {
        let mut next = format!(
            "http://{}/{version}/auditLogs/signIns?$top={top}&$skiptoken={}",
            request.header("host").unwrap_or("127.0.0.1"),
            skip + top
        );
        if let Some(filter) = query.get("$filter") {
            next.push_str("&$filter=");
            next.push_str(&http::encode(filter));
        }
        body["@odata.nextLink"] = json!(next);
    }
    Response::json(200, body)
}
