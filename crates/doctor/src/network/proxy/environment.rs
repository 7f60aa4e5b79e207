//! The proxy environment variables, read as curl reads them: lower case
//! first, then upper case; `https_proxy` for https, `http_proxy` for http,
//! `all_proxy` for either; `no_proxy` lists hosts reached directly.

use super::{ProxyRule, ProxySettings};

/// The settings from the environment, or `None` when no proxy variable is set.
pub fn from_environment(env: &dyn Fn(&str) -> Option<String>) -> Option<ProxySettings> {
    let read = |name: &str| -> Option<(String, String)> {
        [name.to_owned(), name.to_ascii_uppercase()]
            .into_iter()
            .find_map(|variable| env(&variable).filter(|v| !v.trim().is_empty()).map(|v| (variable, v)))
    };
    let all = read("all_proxy");
    let https = read("https_proxy").or_else(|| all.clone());
    let http = read("http_proxy").or_else(|| all.clone());
    if https.is_none() && http.is_none() {
        return None;
    }
    let mut names: Vec<String> = [&https, &http].into_iter().flatten().map(|(n, _)| n.clone()).collect();
    names.dedup();
    let bypass = read("no_proxy")
        .map(|(_, list)| {
            list.split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Some(ProxySettings {
        https: https.and_then(|(_, v)| ProxyRule::parse(&v)),
        http: http.and_then(|(_, v)| ProxyRule::parse(&v)),
        bypass,
        pac_url: None,
        source: format!("environment variable {}", names.join(" and ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn lower_case_wins_and_all_proxy_fills_in() {
        let settings = from_environment(&env(&[
            ("https_proxy", "http://lower:1"),
            ("HTTPS_PROXY", "http://upper:2"),
            ("ALL_PROXY", "http://all:3"),
            ("NO_PROXY", "localhost, .corp"),
        ]))
        .expect("a proxy");
        assert_eq!(settings.https.map(|r| r.to_string()).as_deref(), Some("lower:1"));
        assert_eq!(settings.http.map(|r| r.to_string()).as_deref(), Some("all:3"));
        assert_eq!(settings.bypass, vec!["localhost", ".corp"]);
        assert_eq!(settings.source, "environment variable https_proxy and ALL_PROXY");
    }

    #[test]
    fn no_variables_means_no_environment_proxy() {
        assert!(from_environment(&env(&[("NO_PROXY", "*")])).is_none());
        assert!(from_environment(&env(&[("HTTP_PROXY", " ")])).is_none());
    }
}
