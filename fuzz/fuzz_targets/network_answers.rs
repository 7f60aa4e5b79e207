//! Any bytes as what the network checks read: the status feed, the proxy
//! settings commands' outputs, a proxy address and a certificate chain. Each
//! reader returns an answer or an error, never panics.
#![no_main]

use doctor::network::proxy::{
    parse_gsettings, parse_kioslaverc, parse_netsh_winhttp, parse_scutil, parse_windows_registry, ProxyRule,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(items) = doctor::service_health::parse_feed(&text) {
        for item in items {
            let _ = item.is_about_sign_in();
        }
    }
    for settings in [
        parse_gsettings(&text),
        parse_kioslaverc(&text),
        parse_scutil(&text),
        parse_windows_registry(&text),
        parse_netsh_winhttp(&text),
    ]
    .into_iter()
    .flatten()
    {
        if let Ok(url) = url::Url::parse("https://login.microsoftonline.com/organizations/v2.0") {
            let _ = settings.route_for(&url);
        }
    }
    if let Some(rule) = ProxyRule::parse(&text) {
        // The password never prints.
        let _ = rule.to_string();
    }
    let der = rustls_pki_types::CertificateDer::from(data.to_vec());
    let _ = doctor::network::tls_chain::read_chain(&[der], chrono::Utc::now());
});
