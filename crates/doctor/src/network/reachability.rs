//! "Sign-in service reachable": DNS, connect, TLS, HTTP, then the OpenID
//! discovery document, each timed, and the exact step named when one fails.

use super::connection;
use super::discovery::{error_description, DiscoveryDocument};
use super::exchange::{self, HttpAnswer};
use super::step::{network_fix_steps, NetworkFailure, Step};
use super::trail::Trail;
use super::HttpClient;
use crate::checks::{ids, Check, Outcome, Probe, ProbeContext, Signal, Status};
use crate::profile::Authority;
use crate::ActionKind;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::time::Duration;
use tokio::time::Instant;

pub const TITLE: &str = "Sign-in service reachable";

/// Above this, the service is reachable but slow enough to make sign-in flaky.
const SLOW: Duration = Duration::from_secs(3);

pub struct ReachabilityProbe {
    pub bound: Duration,
}

impl Probe for ReachabilityProbe {
    fn check(&self) -> Check {
        Check {
            id: ids::REACHABILITY,
            title: TITLE.to_owned(),
            needs: Vec::new(),
            bound: self.bound,
        }
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            let mut trail = Trail::default();
            match reach(ctx, &mut trail).await {
                Ok(document) => {
                    // Later checks (refresh, sign-in) use the endpoints found here.
                    let _ = ctx.found.discovery.set(document.clone());
                    verdict(document, trail)
                }
                Err(failure) => failed(failure, trail),
            }
        }
        .boxed()
    }
}

async fn reach(ctx: &ProbeContext, trail: &mut Trail) -> Result<DiscoveryDocument, NetworkFailure> {
    let url = ctx.profile.authority.discovery_url();
    let started = Instant::now();
    trail.note("Discovery URL", url.as_str());
    let stream = connection::open(&url, ctx.resolver.as_ref(), &ctx.proxies, ctx.deadline, started, trail).await?;
    let step_start = Instant::now();
    let answer = exchange::send(stream, exchange::get_json(&url)?, &url, ctx.deadline, started).await?;
    trail.timed(Step::Http, step_start);
    trail.total = started.elapsed();
    interpret(&ctx.profile.authority, &url, answer)
}

/// Fetches the authority's discovery document (OIDC Discovery 1.0 §4), for
/// flows that need its endpoints.
pub async fn fetch_discovery(http: &HttpClient, authority: &Authority) -> Result<DiscoveryDocument, NetworkFailure> {
    let url = authority.discovery_url();
    let answer = http.get_json(&url).await?;
    interpret(authority, &url, answer)
}

/// Turns the discovery answer into the document, or the step that failed.
fn interpret(authority: &Authority, url: &url::Url, answer: HttpAnswer) -> Result<DiscoveryDocument, NetworkFailure> {
    let json: Option<serde_json::Value> = serde_json::from_slice(&answer.body).ok();
    if (300..400).contains(&answer.status) {
        let to = answer
            .header("location")
            .unwrap_or_else(|| "an unnamed address".to_owned());
        return Err(NetworkFailure::new(
            Step::Http,
            format!("HTTP {}: the server redirected to {to} instead of answering. A captive portal (hotel or guest Wi-Fi) or a proxy is the usual cause.", answer.status),
        )
        .fix(network_fix_steps()));
    }
    if !(200..300).contains(&answer.status) {
        let said = json
            .as_ref()
            .and_then(error_description)
            .map(|d| format!(" The service said: {d}"))
            .unwrap_or_default();
        return Err(NetworkFailure::new(
            Step::Http,
            format!(
                "HTTP {} from {}.{said}",
                answer.status,
                url.host_str().unwrap_or("the server")
            ),
        )
        .fix(http_status_fix(answer.status)));
    }
    let Some(json) = json else {
        let kind = answer
            .header("content-type")
            .unwrap_or_else(|| "no content type".to_owned());
        return Err(NetworkFailure::new(
            Step::Json,
            format!("The answer was not JSON ({kind}; starts \"{}\"). A web page here usually comes from a proxy, a captive portal or an error page.", preview(&answer.body)),
        )
        .fix(network_fix_steps()));
    };
    let document = DiscoveryDocument::from_json(&json).map_err(|missing| {
        NetworkFailure::new(
            Step::Discovery,
            format!(
                "The answer is JSON but not an OpenID discovery document: it lacks {}.",
                missing.join(", ")
            ),
        )
        .fix(authority_fix_steps())
    })?;
    // Nothing from a document that names another issuer or an unsafe
    // endpoint is used: no request, no browser (OIDC Discovery §4.3, RFC 6749 §3.1).
    document.check_trust(authority).map_err(|refusal| {
        NetworkFailure::new(
            Step::Discovery,
            format!("The discovery document was refused: {refusal}."),
        )
        .fix(authority_fix_steps())
    })?;
    Ok(document)
}

fn verdict(document: DiscoveryDocument, trail: Trail) -> Outcome {
    let mut outcome = Outcome::new(
        Status::Pass,
        format!("Reached {} in {} ms.", document.issuer, trail.total.as_millis()),
    );
    let issuer_note = if document.issuer_is_tenant_template() {
        " (multi-tenant template: the real issuer is your tenant's, checked against the token's tid)"
    } else {
        ""
    };
    outcome = outcome.with_evidence("Issuer", format!("{}{issuer_note}", document.issuer));
    // OIDC Discovery 1.0 §4.3: a document naming another issuer was refused in `interpret`.
    if trail.total > SLOW {
        outcome.status = Status::Warn;
        outcome.summary = format!(
            "Reached {}, but slowly: {:.1} s. Sign-in may time out on this network.",
            document.issuer,
            trail.total.as_secs_f64()
        )
        .into();
        outcome.fix_steps.extend(network_fix_steps().map(str::to_owned));
    }
    outcome = outcome
        .with_evidence("Authorization endpoint", document.authorization_endpoint)
        .with_evidence("Token endpoint", document.token_endpoint)
        .with_evidence(
            "Device code endpoint",
            document
                .device_authorization_endpoint
                .unwrap_or_else(|| "not offered".to_owned()),
        )
        .with_evidence("Signing keys (JWKS)", document.jwks_uri);
    outcome.evidence.extend(trail.evidence.iter().cloned());
    outcome
        .with_evidence("Timing", trail.timing_text())
        .with_action(ActionKind::RunAgain)
}

fn failed(failure: NetworkFailure, trail: Trail) -> Outcome {
    let mut outcome = Outcome::new(Status::Fail, failure.summary)
        .timed_out(failure.timed_out)
        .with_signal(Signal::ServiceUnreachable {
            step: failure.step,
            timed_out: failure.timed_out,
        })
        .with_evidence("Failed step", failure.step.name())
        .with_fix_steps(failure.fix_steps);
    outcome.evidence.extend(trail.evidence.iter().cloned());
    if let Some(detail) = failure.detail {
        outcome = outcome.with_evidence("Error", detail);
    }
    if !trail.timings.is_empty() {
        outcome = outcome.with_evidence("Timing", trail.timing_text());
    }
    outcome = outcome.with_action(ActionKind::RunAgain);
    if matches!(failure.step, Step::Dns | Step::Http | Step::Json | Step::Discovery) {
        outcome = outcome.with_action(ActionKind::OpenSettings);
    }
    outcome.with_action(ActionKind::CopyDetails)
}

fn http_status_fix(status: u16) -> Vec<String> {
    let mut steps = Vec::new();
    match status {
        400 | 404 => steps.extend(authority_fix_steps()),
        407 => steps.push("Your network's proxy wants you to sign in to it first: open a browser, or ask IT for the proxy settings.".to_owned()),
        500..=599 => steps.push("The service answered with an error of its own. Check the service status page, wait a few minutes and try again.".to_owned()),
        _ => steps.extend(network_fix_steps().map(str::to_owned)),
    }
    steps
}

fn authority_fix_steps() -> Vec<String> {
    vec![
        "Check the sign-in authority in Settings. For Microsoft it looks like https://login.microsoftonline.com/<tenant>/v2.0, where <tenant> is organizations, common, your tenant ID or your domain.".to_owned(),
        "Government and China clouds use their own hosts (login.microsoftonline.us, login.partner.microsoftonline.cn).".to_owned(),
    ]
}

/// The first characters of a body, printable only, to show what came back.
fn preview(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(60)])
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}
