//! "Network path": what lies between this computer and the sign-in service.
//! Which proxy requests go through (and whether the app can follow it), what
//! DNS answers for the sign-in host, the certificate chain the host presents
//! (a private root or an inspection product's name means the network
//! decrypts HTTPS), and whether a captive portal intercepts plain http.

use super::captive_portal::{self, PortalVerdict};
use super::connection;
use super::private_address::private_kind;
use super::proxy::Route;
use super::step::{network_fix_steps, NetworkFailure, Step};
use super::tls_chain::{read_chain, ChainReading, DateError};
use super::trail::Trail;
use crate::checks::{ids, Check, Outcome, Probe, ProbeContext, Signal, Status};
use crate::ActionKind;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::time::Duration;
use tokio::time::Instant;

pub const TITLE: &str = "Network path (proxy, TLS inspection, captive portal)";

pub struct NetworkPathProbe {
    pub bound: Duration,
}

/// One thing found, with how much it matters.
struct Finding {
    status: Status,
    summary: String,
    fix_steps: Vec<String>,
    timed_out: bool,
    signal: Option<Signal>,
}

impl Finding {
    fn new(status: Status, summary: impl Into<String>) -> Self {
        Self {
            status,
            summary: summary.into(),
            fix_steps: Vec::new(),
            timed_out: false,
            signal: None,
        }
    }

    fn signal(mut self, signal: Signal) -> Self {
        self.signal = Some(signal);
        self
    }

    fn fix<I: IntoIterator<Item = S>, S: Into<String>>(mut self, steps: I) -> Self {
        self.fix_steps.extend(steps.into_iter().map(Into::into));
        self
    }
}

impl Probe for NetworkPathProbe {
    fn check(&self) -> Check {
        Check {
            id: ids::NETWORK_PATH,
            title: TITLE.to_owned(),
            needs: Vec::new(),
            bound: self.bound,
        }
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            let http = ctx.http();
            let (path, portal) = futures::join!(
                path_to_authority(ctx),
                captive_portal::test(&http, &ctx.profile.connectivity_check_url)
            );
            let (mut findings, evidence) = path;
            findings.push(portal_finding(&portal, ctx));
            let mut outcome = verdict(findings);
            outcome.evidence.extend(evidence);
            outcome.evidence.push(crate::Evidence::new(
                "Captive portal test",
                format!("{} → {}", ctx.profile.connectivity_check_url, portal_text(&portal)),
            ));
            outcome
                .with_action(ActionKind::RunAgain)
                .with_action(ActionKind::CopyDetails)
        }
        .boxed()
    }
}

/// Opens a connection to the authority as sign-in does (proxy, DNS, connect,
/// TLS) and reads what each step saw.
async fn path_to_authority(ctx: &ProbeContext) -> (Vec<Finding>, Vec<crate::Evidence>) {
    let url = ctx.profile.authority.discovery_url();
    let host = ctx.profile.authority.host();
    let mut trail = Trail::default();
    let mut findings = Vec::new();
    let opened = connection::open(
        &url,
        ctx.resolver.as_ref(),
        &ctx.proxies,
        ctx.deadline,
        Instant::now(),
        &mut trail,
    )
    .await;

    findings.extend(proxy_finding(&ctx.proxies.route_for(&url)));
    if ctx.profile.authority.ip().is_none() {
        findings.extend(trail.addresses.iter().filter_map(|ip| {
            private_kind(*ip).map(|kind| {
                Finding::new(
                    Status::Fail,
                    format!("DNS sends {host} to {ip}, a {kind} address the Microsoft sign-in service never has. Something on this computer or network rewrites DNS answers."),
                )
                .fix([
                    "Look for an entry for this host in the hosts file (/etc/hosts, or C:\\Windows\\System32\\drivers\\etc\\hosts) and remove it.".to_owned(),
                    "Ask IT whether the network's DNS filter blocks or redirects Microsoft sign-in.".to_owned(),
                    network_fix_steps()[2].to_owned(),
                ])
            })
        }));
    }

    let failure = opened.as_ref().err();
    let reading = read_chain(&trail.chain, (ctx.now)());
    match (&reading, failure) {
        (Some(reading), failure) => findings.push(chain_finding(reading, &host, failure.is_some())),
        (None, Some(failure)) => findings.push(connection_finding(&host, failure)),
        (None, None) => {}
    }
    let mut evidence = trail.evidence.clone();
    if let Some(reading) = &reading {
        evidence.extend(chain_evidence(reading));
    }
    if let Some(failure) = failure {
        evidence.push(crate::Evidence::new("Failed step", failure.step.name()));
        evidence.push(crate::Evidence::new("What happened", failure.summary.clone()));
    }
    (findings, evidence)
}

fn proxy_finding(route: &Route) -> Option<Finding> {
    match route {
        Route::DirectCannotFollow { why } => Some(
            Finding::new(
                Status::Warn,
                format!("The browser may use a proxy the app cannot follow: {why}. The app's results may differ from the browser's."),
            )
            .fix(["Ask IT for the proxy's address, and set it in HTTPS_PROXY to test through it."]),
        ),
        Route::Direct { why } => Some(Finding::new(Status::Pass, format!("Goes direct ({why})."))),
        Route::Proxy { endpoint, source } => Some(Finding::new(
            Status::Pass,
            format!("Goes through the proxy {endpoint} (from {source}), as the browser does."),
        )),
    }
}

fn chain_finding(reading: &ChainReading, host: &str, untrusted: bool) -> Finding {
    let issuer = reading
        .certificates
        .first()
        .map(|c| c.issuer.as_str())
        .unwrap_or("an unknown issuer");
    if let Some((subject, error)) = &reading.out_of_date {
        let (what, when) = match error {
            DateError::Expired(at) => ("expired on", at),
            DateError::NotYetValid(at) => ("is not valid until", at),
        };
        return Finding::new(
            Status::Fail,
            format!(
                "The certificate for {subject} {what} {} UTC. This often means this computer's clock is wrong: see the Clock check.",
                when.format("%Y-%m-%d %H:%M")
            ),
        )
        .fix([
            "Check this computer's date, time and time zone (the Clock row says how far off it is), then run the checks again.",
            "If the clock is right, the network may be inspecting TLS with an out-of-date certificate: tell IT.",
        ])
        .signal(Signal::CertificateOutOfDate);
    }
    if reading.inspected() {
        let product = reading
            .product
            .map(|p| format!(", a name used by {p}"))
            .unwrap_or_default();
        let trust = if untrusted {
            "This computer does not trust it, so sign-in fails."
        } else {
            "This computer trusts it (IT added its root), so sign-in may work, but the network can read and change it."
        };
        return Finding::new(
            if untrusted { Status::Fail } else { Status::Warn },
            format!(
                "Your network inspects TLS: the certificate for {host} was issued by \"{issuer}\"{product}, ending in \"{}\", which is not a public root. {trust}",
                reading.root
            ),
        )
        .fix([
            "TLS inspection can strip or rewrite the headers sign-in depends on, and breaks apps that pin Microsoft's certificates.",
            "Ask IT for a TLS-inspection exemption for the Microsoft sign-in endpoints: login.microsoftonline.com, login.microsoft.com, login.windows.net, device.login.microsoftonline.com and aadcdn.msftauth.net.",
            "Try another network, such as a phone hotspot: if sign-in works there, the inspection is the cause.",
        ])
        .signal(Signal::TlsInspected { trusted: !untrusted });
    }
    Finding::new(
        if untrusted { Status::Fail } else { Status::Pass },
        format!(
            "The certificate for {host} comes from a public root (\"{}\"): no sign of TLS inspection.",
            reading.root
        ),
    )
}

fn connection_finding(host: &str, failure: &NetworkFailure) -> Finding {
    let status = if failure.step == Step::Proxy {
        Status::Fail
    } else {
        Status::Warn
    };
    let mut finding = Finding::new(
        status,
        format!(
            "Could not open the path to {host}, so its certificate was not read: {}",
            failure.summary
        ),
    )
    .fix(failure.fix_steps.clone());
    finding.timed_out = failure.timed_out;
    if failure.step == Step::Proxy {
        finding.signal = Some(Signal::ProxyInTheWay);
    }
    finding
}

fn chain_evidence(reading: &ChainReading) -> Vec<crate::Evidence> {
    let mut evidence = vec![
        crate::Evidence::new("Certificate chain", reading.path_text()),
        crate::Evidence::new(
            "Root",
            format!(
                "{} ({})",
                reading.root,
                if reading.public_root {
                    "a public root"
                } else {
                    "not a public root"
                }
            ),
        ),
    ];
    for cert in &reading.certificates {
        let date = |d: Option<chrono::DateTime<chrono::Utc>>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "?".to_owned())
        };
        evidence.push(crate::Evidence::new(
            format!("Valid ({})", cert.subject),
            format!(
                "{} to {}, issued by {}",
                date(cert.not_before),
                date(cert.not_after),
                cert.issuer
            ),
        ));
    }
    evidence
}

fn portal_finding(portal: &PortalVerdict, ctx: &ProbeContext) -> Finding {
    let url = &ctx.profile.connectivity_check_url;
    match portal {
        PortalVerdict::Clear => Finding::new(Status::Pass, "No captive portal."),
        PortalVerdict::Redirected { status, to } => Finding::new(
            Status::Fail,
            format!("A captive portal is in the way: {url} was redirected (HTTP {status}) to {to}. Sign-in cannot work until you accept the network's sign-in page."),
        )
        .fix([
            "Open a browser, go to any http:// website, and accept or sign in to the network's page (hotel, airport or guest Wi-Fi).",
            "Then run the checks again.",
        ])
        .signal(Signal::CaptivePortal),
        PortalVerdict::OtherAnswer { status, starts } => Finding::new(
            Status::Warn,
            format!("Something answered in place of {url} (HTTP {status}, \"{starts}\"): a captive portal or a filtering proxy."),
        )
        .fix(network_fix_steps()),
        PortalVerdict::NotTested(failure) => {
            let mut finding = Finding::new(
                Status::Warn,
                format!("Could not test for a captive portal: {}", failure.summary),
            )
            .fix(failure.fix_steps.clone());
            finding.timed_out = failure.timed_out;
            finding
        }
    }
}

fn portal_text(portal: &PortalVerdict) -> String {
    match portal {
        PortalVerdict::Clear => "the expected answer (no portal)".to_owned(),
        PortalVerdict::Redirected { status, to } => format!("HTTP {status} redirect to {to}"),
        PortalVerdict::OtherAnswer { status, starts } => format!("HTTP {status}, \"{starts}\""),
        PortalVerdict::NotTested(failure) => format!("not tested: {}", failure.summary),
    }
}

/// The worst finding leads the row; a clean path says so in one line.
fn verdict(findings: Vec<Finding>) -> Outcome {
    let worst = findings.iter().map(|f| f.status).max().unwrap_or(Status::Pass);
    let timed_out = findings.iter().any(|f| f.timed_out);
    if worst == Status::Pass {
        let summary = findings
            .iter()
            .map(|f| f.summary.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        return Outcome::new(Status::Pass, summary);
    }
    let signals: Vec<Signal> = findings.iter().filter_map(|f| f.signal.clone()).collect();
    let mut leading: Vec<&Finding> = findings.iter().filter(|f| f.status == worst).collect();
    leading.sort_by_key(|f| !f.timed_out);
    let summary = leading.iter().map(|f| f.summary.as_str()).collect::<Vec<_>>().join(" ");
    let mut outcome = Outcome::new(worst, summary).timed_out(timed_out);
    outcome.signals = signals;
    for finding in findings.iter().filter(|f| f.status != Status::Pass) {
        for step in &finding.fix_steps {
            if !outcome.fix_steps.contains(step) {
                outcome.fix_steps.push(step.clone());
            }
        }
    }
    outcome
}
