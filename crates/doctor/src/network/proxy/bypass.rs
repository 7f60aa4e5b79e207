//! The bypass list (NO_PROXY, GNOME's ignore-hosts, Windows' ProxyOverride):
//! host names, `.domain` or `*.domain` suffixes, IP addresses, CIDR ranges,
//! `host:port`, `<local>` (names without a dot) and `*` (everything).

use ipnet::IpNet;
use std::net::IpAddr;

/// The first entry that sends `host` direct, if any.
pub(super) fn matching_entry<'a>(entries: &'a [String], host: &str, port: Option<u16>) -> Option<&'a str> {
    let host = host.to_ascii_lowercase();
    entries
        .iter()
        .find(|entry| matches(&entry.to_ascii_lowercase(), &host, port))
        .map(String::as_str)
}

fn matches(entry: &str, host: &str, port: Option<u16>) -> bool {
    let entry = entry.trim();
    if entry == "*" {
        return true;
    }
    if entry == "<local>" {
        return !host.contains('.') && !host.contains(':');
    }
    if entry.contains('/') {
        return in_range(host, entry);
    }
    let (name, entry_port) = split_port(entry);
    if entry_port.is_some() && entry_port != port {
        return false;
    }
    let name = name.trim_start_matches("*.").trim_start_matches('*');
    if let Some(suffix) = name.strip_prefix('.') {
        return host.ends_with(&format!(".{suffix}")) || host == suffix;
    }
    // curl treats a plain name as the name itself and any subdomain of it.
    host == name || host.ends_with(&format!(".{name}"))
}

fn split_port(entry: &str) -> (&str, Option<u16>) {
    if entry.matches(':').count() == 1 {
        if let Some((name, port)) = entry.split_once(':') {
            if let Ok(port) = port.parse() {
                return (name, Some(port));
            }
        }
    }
    (entry.trim_start_matches('[').trim_end_matches(']'), None)
}

/// `host` is an IP address inside the CIDR range `entry` (`10.0.0.0/8`, `fd00::/8`).
fn in_range(host: &str, entry: &str) -> bool {
    match (host.parse::<IpAddr>(), entry.parse::<IpNet>()) {
        (Ok(ip), Ok(range)) => range.contains(&ip),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(entries: &[&str]) -> Vec<String> {
        entries.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_suffixes_ranges_ports_and_star() {
        let entries = list(&[
            "localhost",
            ".corp.example",
            "*.microsoftonline.com",
            "10.0.0.0/8",
            "intranet:8080",
        ]);
        assert_eq!(matching_entry(&entries, "localhost", Some(80)), Some("localhost"));
        assert_eq!(
            matching_entry(&entries, "a.corp.example", Some(443)),
            Some(".corp.example")
        );
        assert_eq!(
            matching_entry(&entries, "login.microsoftonline.com", Some(443)),
            Some("*.microsoftonline.com")
        );
        assert_eq!(matching_entry(&entries, "10.2.3.4", Some(443)), Some("10.0.0.0/8"));
        assert_eq!(matching_entry(&entries, "11.0.0.1", Some(443)), None);
        assert_eq!(matching_entry(&list(&["fd00::/8"]), "fd12::1", None), Some("fd00::/8"));
        assert_eq!(matching_entry(&list(&["10.0.0.0/33"]), "10.0.0.1", None), None);
        assert_eq!(matching_entry(&entries, "intranet", Some(8080)), Some("intranet:8080"));
        assert_eq!(matching_entry(&entries, "intranet", Some(443)), None);
        assert_eq!(matching_entry(&entries, "example.org", Some(443)), None);
        assert_eq!(matching_entry(&list(&["*"]), "anything", None), Some("*"));
        assert_eq!(matching_entry(&list(&["<local>"]), "printer", None), Some("<local>"));
        assert_eq!(matching_entry(&list(&["<local>"]), "a.b", None), None);
    }
}
