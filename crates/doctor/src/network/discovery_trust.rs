//! Whether a discovery document may be used: its issuer is the authority it
//! was fetched for (OIDC Discovery 1.0 §4.3), and every endpoint it names is
//! a web address this app will talk to (`https`, or `http` to loopback).
//! That is the form of an address only: whether a token may go to one is
//! decided where it is sent, against the token's issuer
//! (`token_call::may_carry_token`; Entra's own userinfo is on Graph's host).

use super::discovery::DiscoveryDocument;
use super::web_address::is_web_address;
use crate::profile::Authority;
use url::Url;

/// Why a discovery document was refused; each names the member at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DiscoveryRefusal {
    #[error("the document's issuer is {issuer}, but it was fetched for the authority {authority}: refused, as another service could be answering in its name (OIDC Discovery §4.3)")]
    IssuerMismatch { issuer: String, authority: String },
    #[error("the document's {member} is \"{value}\", which is not an https address (plain http only to this computer): refused (RFC 6749 §3.1, RFC 9700 §2.6)")]
    UnsafeEndpoint { member: &'static str, value: String },
}

impl DiscoveryRefusal {
    pub fn member(&self) -> &'static str {
        match self {
            Self::IssuerMismatch { .. } => "issuer",
            Self::UnsafeEndpoint { member, .. } => member,
        }
    }
}

impl DiscoveryDocument {
    pub fn check_trust(&self, authority: &Authority) -> Result<(), DiscoveryRefusal> {
        let endpoints = [
            ("authorization_endpoint", Some(&self.authorization_endpoint)),
            ("token_endpoint", Some(&self.token_endpoint)),
            ("jwks_uri", Some(&self.jwks_uri)),
            (
                "device_authorization_endpoint",
                self.device_authorization_endpoint.as_ref(),
            ),
            ("userinfo_endpoint", self.userinfo_endpoint.as_ref()),
        ];
        for (member, value) in endpoints {
            let Some(value) = value else { continue };
            if !Url::parse(value).is_ok_and(|url| is_web_address(&url)) {
                return Err(DiscoveryRefusal::UnsafeEndpoint {
                    member,
                    value: value.clone(),
                });
            }
        }
        let authority = authority.to_string();
        if issuer_names(&self.issuer, &authority) {
            Ok(())
        } else {
            Err(DiscoveryRefusal::IssuerMismatch {
                issuer: self.issuer.clone(),
                authority,
            })
        }
    }
}

/// OIDC Discovery §4.3: the issuer is identical to the authority, with two
/// known Entra exceptions, each a single tenant path segment:
/// - the multi-tenant endpoints (`common`, `organizations`) publish the
///   template `…/{tenantid}/v2.0`; the token's `tid` fills it later;
/// - an authority named by the tenant's domain (`contoso.com`) publishes the
///   tenant's ID (a GUID) in that place.
fn issuer_names(issuer: &str, authority: &str) -> bool {
    let issuer = issuer.trim_end_matches('/');
    let authority = authority.trim_end_matches('/');
    if issuer == authority {
        return true;
    }
    let (issuer_segments, authority_segments) = (segments(issuer), segments(authority));
    if issuer_segments.len() != authority_segments.len() {
        return false;
    }
    let differing: Vec<(usize, &str, &str)> = issuer_segments
        .into_iter()
        .zip(authority_segments)
        .enumerate()
        .filter(|(_, (i, a))| i != a)
        .map(|(at, (i, a))| (at, i, a))
        .collect();
    match differing.as_slice() {
        // "https:", "", the host, then the path: only a path segment may differ.
        [(at, issued, asked)] if *at >= FIRST_PATH_SEGMENT && !asked.is_empty() => {
            *issued == "{tenantid}" || (asked.contains('.') && uuid::Uuid::parse_str(issued).is_ok())
        }
        _ => false,
    }
}

const FIRST_PATH_SEGMENT: usize = 3;

fn segments(url: &str) -> Vec<&str> {
    url.split('/').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(issuer: &str) -> DiscoveryDocument {
        DiscoveryDocument {
            issuer: issuer.to_owned(),
            authorization_endpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize".to_owned(),
            token_endpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/token".to_owned(),
            jwks_uri: "https://login.microsoftonline.com/organizations/discovery/v2.0/keys".to_owned(),
            device_authorization_endpoint: None,
            userinfo_endpoint: Some("https://graph.microsoft.com/oidc/userinfo".to_owned()),
        }
    }

    fn authority(text: &str) -> Authority {
        Authority::parse(text).expect("authority")
    }

    #[test]
    fn the_issuer_must_be_the_authority_or_entras_tenant_template() {
        let organizations = authority("https://login.microsoftonline.com/organizations/v2.0");
        let template = document("https://login.microsoftonline.com/{tenantid}/v2.0");
        assert_eq!(template.check_trust(&organizations), Ok(()));
        let tenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        let by_id = authority(&format!("https://login.microsoftonline.com/{tenant}/v2.0/"));
        let exact = document(&format!("https://login.microsoftonline.com/{tenant}/v2.0"));
        assert_eq!(exact.check_trust(&by_id), Ok(()));
        let by_domain = authority("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
        assert_eq!(exact.check_trust(&by_domain), Ok(()));

        let refused = [
            (document("https://login.evil.example/{tenantid}/v2.0"), &organizations),
            (
                document("https://login.microsoftonline.com/{tenantid}/v1.0"),
                &organizations,
            ),
            (
                document("https://login.microsoftonline.com/{tenantid}/extra/v2.0"),
                &organizations,
            ),
            (
                document("https://login.microsoftonline.com/other-tenant/v2.0"),
                &organizations,
            ),
            (
                document("https://login.microsoftonline.com/ffffffff-0000-0000-0000-000000000000/v2.0"),
                &by_id,
            ),
            (
                document("https://login.evil.example/organizations/v2.0"),
                &organizations,
            ),
            (
                document("{tenantid}//login.microsoftonline.com/organizations/v2.0"),
                &organizations,
            ),
            (
                document("https://aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/organizations/v2.0"),
                &organizations,
            ),
        ];
        for (doc, asked) in refused {
            let refusal = doc.check_trust(asked).expect_err(&doc.issuer);
            assert_eq!(refusal.member(), "issuer", "{refusal}");
            assert!(refusal.to_string().contains("OIDC Discovery §4.3"), "{refusal}");
        }
    }

    #[test]
    fn every_endpoint_must_be_https_or_loopback_http() {
        let organizations = authority("https://login.microsoftonline.com/organizations/v2.0");
        let base = document("https://login.microsoftonline.com/{tenantid}/v2.0");
        let bad = [
            ("authorization_endpoint", "file:///etc/passwd"),
            ("authorization_endpoint", "ms-excel:ofe|u|https://x"),
            ("token_endpoint", "http://login.microsoftonline.com/token"),
            ("jwks_uri", "not a url"),
            ("device_authorization_endpoint", "javascript:alert(1)"),
            ("userinfo_endpoint", "ftp://graph.microsoft.com/oidc/userinfo"),
        ];
        for (member, value) in bad {
            let mut doc = base.clone();
            match member {
                "authorization_endpoint" => doc.authorization_endpoint = value.to_owned(),
                "token_endpoint" => doc.token_endpoint = value.to_owned(),
                "jwks_uri" => doc.jwks_uri = value.to_owned(),
                "device_authorization_endpoint" => doc.device_authorization_endpoint = Some(value.to_owned()),
                _ => doc.userinfo_endpoint = Some(value.to_owned()),
            }
            let refusal = doc.check_trust(&organizations).expect_err(value);
            assert_eq!(refusal.member(), member, "{refusal}");
            assert!(refusal.to_string().contains(member), "{refusal}");
        }
        let local = authority("http://127.0.0.1:5000");
        let mut test_server = document("http://127.0.0.1:5000");
        test_server.token_endpoint = "http://127.0.0.1:5000/token".to_owned();
        assert_eq!(test_server.check_trust(&local), Ok(()));
    }
}
