//! The network path between this computer and Microsoft: TLS inspection, a
//! captive portal, a proxy, an unreachable service, an out-of-date certificate.

use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{ids, Signal};
use crate::headline::cause::{headline, when_raised, Cause, Said};
use crate::headline::{Facts, Headline};

pub(super) fn tls_inspection_untrusted(facts: &Facts) -> Option<Headline> {
    let said = Said {
        cause: Cause::TlsInspectionUntrusted,
        headline: "Your network inspects TLS, and this computer does not trust the inspecting certificate, so the app cannot reach Microsoft sign-in safely.",
        next_step: "Ask IT for a TLS-inspection exemption for the Microsoft sign-in endpoints, or try another network such as a phone hotspot.",
        who: WhoFixes::HelpDesk,
    };
    when_raised(
        facts,
        |s| matches!(s, Signal::TlsInspected { trusted: false }),
        Some(ids::REACHABILITY),
        said,
    )
}

pub(super) fn captive_portal(facts: &Facts) -> Option<Headline> {
    let said = Said {
        cause: Cause::CaptivePortal,
        headline: "A captive portal (a hotel, airport or guest Wi-Fi sign-in page) is in the way, so sign-in cannot reach Microsoft.",
        next_step: "Open a browser, go to any http:// website, accept the network's page, then run the checks again.",
        who: WhoFixes::User,
    };
    when_raised(
        facts,
        |s| matches!(s, Signal::CaptivePortal),
        Some(ids::REACHABILITY),
        said,
    )
}

pub(super) fn proxy_in_the_way(facts: &Facts) -> Option<Headline> {
    let said = Said {
        cause: Cause::ProxyInTheWay,
        headline:
            "The proxy between this computer and Microsoft refused the connection, so sign-in cannot get through.",
        next_step: "Check the proxy in Settings (address, user name and password), or ask IT which proxy to use.",
        who: WhoFixes::HelpDesk,
    };
    when_raised(
        facts,
        |s| matches!(s, Signal::ProxyInTheWay),
        Some(ids::REACHABILITY),
        said,
    )
}

pub(super) fn service_unreachable(facts: &Facts) -> Option<Headline> {
    let ((step, timed_out), _) = facts.find(|s| match s {
        Signal::ServiceUnreachable { step, timed_out } => Some((*step, *timed_out)),
        _ => None,
    })?;
    let text = if timed_out {
        format!("The Microsoft sign-in service did not answer in time (it hung at the {step} step), so nothing else could be checked.")
    } else {
        format!("This computer cannot reach the Microsoft sign-in service (it failed at the {step} step), so nothing else could be checked.")
    };
    Some(headline(
        Cause::ServiceUnreachable,
        text,
        facts.raised_by(|s| matches!(s, Signal::ServiceUnreachable { .. })),
        "Check this computer's network connection, then run the checks again; the Sign-in service row says what failed.",
        WhoFixes::User,
    ))
}

pub(super) fn certificate_out_of_date(facts: &Facts) -> Option<Headline> {
    let said = Said {
        cause: Cause::CertificateOutOfDate,
        headline: "The sign-in host's certificate looks out of date although this computer's clock looks right: something on the network may be presenting an old certificate.",
        next_step: "Try another network such as a phone hotspot, and tell IT what the Network path row shows.",
        who: WhoFixes::HelpDesk,
    };
    when_raised(
        facts,
        |s| matches!(s, Signal::CertificateOutOfDate),
        Some(ids::REACHABILITY),
        said,
    )
}

pub(super) fn tls_inspection_trusted(facts: &Facts) -> Option<Headline> {
    let said = Said {
        cause: Cause::TlsInspectionTrusted,
        headline: "Your network inspects TLS. This computer trusts it, so sign-in may work, but inspection can break sign-in in some apps.",
        next_step: "If sign-in fails in an app, ask IT for a TLS-inspection exemption for the Microsoft sign-in endpoints.",
        who: WhoFixes::HelpDesk,
    };
    when_raised(
        facts,
        |s| matches!(s, Signal::TlsInspected { trusted: true }),
        None,
        said,
    )
}
