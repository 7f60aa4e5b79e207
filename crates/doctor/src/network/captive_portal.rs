//! The captive-portal test: fetch a plain-http address whose answer is known
//! ("Microsoft Connect Test", what Windows' own network indicator asks for).
//! A portal on hotel or guest Wi-Fi answers it with a redirect to its sign-in page.

use super::step::NetworkFailure;
use super::HttpClient;
use url::Url;

/// Windows' connectivity test answers exactly this.
const EXPECTED: &str = "Microsoft Connect Test";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortalVerdict {
    /// The expected answer came back: no portal in the way.
    Clear,
    /// Redirected (HTTP 3xx) to `to`.
    Redirected { status: u16, to: String },
    /// Something else answered in place of the test address.
    OtherAnswer { status: u16, starts: String },
    /// The test could not be made.
    NotTested(NetworkFailure),
}

pub async fn test(http: &HttpClient, url: &Url) -> PortalVerdict {
    let answer = match http.clone().allow_plain_http().get(url, "text/plain").await {
        Ok(answer) => answer,
        Err(failure) => return PortalVerdict::NotTested(failure),
    };
    if (300..400).contains(&answer.status) {
        return PortalVerdict::Redirected {
            status: answer.status,
            to: answer
                .header("location")
                .unwrap_or_else(|| "an unnamed address".to_owned()),
        };
    }
    let body = String::from_utf8_lossy(&answer.body);
    if answer.status == 200 && body.trim() == EXPECTED {
        return PortalVerdict::Clear;
    }
    let starts: String = body
        .chars()
        .take(60)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    PortalVerdict::OtherAnswer {
        status: answer.status,
        starts: starts.trim().to_owned(),
    }
}
