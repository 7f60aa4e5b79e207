//! Where the session's access token may go: only to its issuer's own origin
//! or, for Microsoft Graph, to the Graph of the issuer's cloud. A bearer
//! token works for whoever holds it (RFC 6750 §5.3: "don't pass bearer
//! tokens" to others; RFC 9700 §4.10: sender-unconstrained tokens must be
//! kept to their audience), so the address a discovery document names is
//! checked against the issuer, not only for its form.

use crate::helpdesk::graph_target;
use crate::profile::Authority;
use url::Url;

/// Whether the token issued at `issuer` may be sent to `url`.
pub fn may_carry_token(issuer: &Authority, url: &Url) -> bool {
    // A `user@` part is a classic way to dress one host as another.
    if !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    same_origin(issuer.url(), url) || graph_of(issuer).is_some_and(|graph| same_origin(&graph, url))
}

/// Microsoft Graph of the issuer's cloud (learn: /graph/deployments), when
/// the issuer is one of Microsoft's sign-in hosts.
pub fn graph_of(issuer: &Authority) -> Option<Url> {
    let target = graph_target(issuer.url().as_str(), None).ok()?;
    Url::parse(&target.base).ok()
}

/// Scheme, host and port (RFC 6454 §4).
fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authority(text: &str) -> Authority {
        Authority::parse(text).expect("authority")
    }

    fn url(text: &str) -> Url {
        Url::parse(text).expect("url")
    }

    #[test]
    fn the_token_goes_to_its_issuer_or_its_clouds_graph_only() {
        let entra = authority("https://login.microsoftonline.com/organizations/v2.0");
        assert!(may_carry_token(
            &entra,
            &url("https://graph.microsoft.com/oidc/userinfo")
        ));
        assert!(may_carry_token(&entra, &url("https://login.microsoftonline.com/x")));
        for elsewhere in [
            "https://graph.microsoft.com.evil.example/oidc/userinfo",
            "https://graph.microsoft.us/v1.0/me",
            "https://evil.example/userinfo",
            "http://graph.microsoft.com/oidc/userinfo",
            "https://graph.microsoft.com:8443/oidc/userinfo",
            "https://graph.microsoft.com@evil.example/",
            "https://user@graph.microsoft.com/oidc/userinfo",
        ] {
            assert!(!may_carry_token(&entra, &url(elsewhere)), "{elsewhere}");
        }
        let us = authority("https://login.microsoftonline.us/contoso.us/v2.0");
        assert!(may_carry_token(&us, &url("https://graph.microsoft.us/v1.0/me")));
        assert!(!may_carry_token(&us, &url("https://graph.microsoft.com/v1.0/me")));

        let local = authority("http://127.0.0.1:5000/");
        assert!(may_carry_token(&local, &url("http://127.0.0.1:5000/me")));
        assert!(!may_carry_token(&local, &url("http://127.0.0.1:5001/me")));
        assert!(!may_carry_token(
            &local,
            &url("http://127.0.0.1:5000@127.0.0.1:5001/me")
        ));
        assert_eq!(graph_of(&local), None, "no Graph for a non-Microsoft issuer");
    }
}
