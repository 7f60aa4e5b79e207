//! The settings every engine figure runs with: everything on 127.0.0.1.

use doctor::profile::{Authority, ProxyChoice};
use doctor::Profile;
use std::time::Duration;

/// The test provider's public client, as `crates/doctor/tests/signin.rs` uses it.
/// `feed` and `connectivity` are the status feed and the captive-portal test
/// address; both must be on 127.0.0.1 too.
pub fn loopback_profile(
    authority: &str,
    ntp_servers: Vec<String>,
    bound: Duration,
    feed: &str,
    connectivity: &str,
) -> Result<Profile, String> {
    let mut p = Profile::defaults();
    p.authority = Authority::parse(authority).map_err(|e| format!("authority {authority}: {e}"))?;
    p.client_id = "signin-doctor-tests".to_owned();
    p.redirect_uri = "http://127.0.0.1/callback".to_owned();
    p.scopes = ["openid", "profile", "email", "offline_access"]
        .map(String::from)
        .to_vec();
    p.login_hint = Some("alice".to_owned());
    p.signin_timeout = Duration::from_secs(30);
    p.check_timeout = bound;
    p.ntp_servers = ntp_servers;
    p.status_feed = url::Url::parse(feed).map_err(|e| format!("feed {feed}: {e}"))?;
    p.connectivity_check_url = url::Url::parse(connectivity).map_err(|e| format!("{connectivity}: {e}"))?;
    // Whatever this machine's proxy settings, the figures are for the direct path.
    p.proxy = ProxyChoice::Direct;
    Ok(p)
}

/// The test provider's profile for figures that touch neither the status
/// feed nor the captive-portal test: a closed loopback port stands in for
/// both, so they stay local.
pub fn without_side_services(authority: &str) -> Result<Profile, String> {
    let closed = test_peers::closed_port().map_err(|e| e.to_string())?;
    loopback_profile(
        authority,
        Vec::new(),
        Duration::from_secs(10),
        &format!("http://127.0.0.1:{closed}/feed"),
        &format!("http://127.0.0.1:{closed}/connecttest.txt"),
    )
}
