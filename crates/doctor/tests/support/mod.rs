//! What the sign-in tests share: the loopback provider's profile, a plain
//! HTTP client and the headless browser.

use doctor::network::{HttpClient, ProxySettings, SystemResolver};
use doctor::profile::Authority;
use doctor::signin::{Browser, BrowserError};
use doctor::Profile;
use std::sync::Arc;
use std::time::Duration;
use test_peers::{open_in_headless_chromium, OidcProvider};

pub struct HeadlessChromium;

impl Browser for HeadlessChromium {
    fn open(&self, url: &str) -> Result<(), BrowserError> {
        open_in_headless_chromium(url).map_err(BrowserError::new)
    }
}

pub fn profile(provider: &OidcProvider, user: &str) -> Profile {
    let mut p = Profile::defaults();
    p.authority = Authority::parse(&provider.issuer).expect("issuer");
    p.client_id = "signin-doctor-tests".to_owned();
    p.redirect_uri = "http://127.0.0.1/callback".to_owned();
    p.scopes = vec![
        "openid".into(),
        "profile".into(),
        "email".into(),
        "offline_access".into(),
    ];
    p.login_hint = Some(user.to_owned());
    p.signin_timeout = Duration::from_secs(30);
    p.check_timeout = Duration::from_secs(5);
    // Tests talk to 127.0.0.1 only: no real time servers.
    p.ntp_servers = vec![format!("127.0.0.1:{}", test_peers::closed_port().expect("port"))];
    let closed = |path: &str| {
        url::Url::parse(&format!(
            "http://127.0.0.1:{}/{path}",
            test_peers::closed_port().expect("port")
        ))
        .expect("url")
    };
    p.status_feed = closed("feed");
    p.connectivity_check_url = closed("connecttest.txt");
    p.proxy = doctor::profile::ProxyChoice::Direct;
    p
}

pub fn http() -> HttpClient {
    HttpClient::new(
        Arc::new(ProxySettings::none()),
        Arc::new(SystemResolver),
        Duration::from_secs(5),
    )
}
