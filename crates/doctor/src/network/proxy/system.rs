//! The system proxy settings the browser follows when no proxy variable is
//! set. Each reader parses a command's recorded output, so every parser is
//! tested on every platform; only running the command is platform-specific.

use super::{ProxyRule, ProxySettings};
use std::time::Duration;

/// No settings command may hold up a run for longer than this.
const COMMAND_BOUND: Duration = Duration::from_secs(2);

/// This computer's system proxy settings, or "none found".
pub(super) async fn detect() -> ProxySettings {
    detect_for_this_os().await.unwrap_or_else(ProxySettings::none)
}

#[cfg(target_os = "linux")]
async fn detect_for_this_os() -> Option<ProxySettings> {
    let desktop = std::env::var("XDG_CURRENT_DESKTOP")
        .unwrap_or_default()
        .to_ascii_uppercase();
    let kde = || {
        let path = dirs::config_dir()?.join("kioslaverc");
        parse_kioslaverc(&std::fs::read_to_string(path).ok()?)
    };
    let gnome =
        || async { parse_gsettings(&run_bounded("gsettings", &["list-recursively", "org.gnome.system.proxy"]).await?) };
    if desktop.contains("KDE") {
        match kde() {
            Some(settings) => Some(settings),
            None => gnome().await,
        }
    } else {
        match gnome().await {
            Some(settings) => Some(settings),
            None => kde(),
        }
    }
}

#[cfg(target_os = "macos")]
async fn detect_for_this_os() -> Option<ProxySettings> {
    parse_scutil(&run_bounded("scutil", &["--proxy"]).await?)
}

#[cfg(target_os = "windows")]
async fn detect_for_this_os() -> Option<ProxySettings> {
    // Browsers follow the user's WinINET settings; WinHTTP is what services use.
    let key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings";
    if let Some(settings) = run_bounded("reg", &["query", key])
        .await
        .and_then(|out| parse_windows_registry(&out))
    {
        return Some(settings);
    }
    parse_netsh_winhttp(&run_bounded("netsh", &["winhttp", "show", "proxy"]).await?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
async fn detect_for_this_os() -> Option<ProxySettings> {
    None
}

/// Runs a settings command through the engine's one bounded runner; no
/// answer (missing, failed, hung or flooding) means no settings from it.
#[allow(dead_code)] // Unused only on platforms without a settings command.
async fn run_bounded(program: &str, args: &[&str]) -> Option<String> {
    crate::os_tool::run(program, args, COMMAND_BOUND).await.ok()
}

fn unquote(value: &str) -> String {
    value.trim().trim_matches('\'').trim_matches('"').to_owned()
}

/// `gsettings list-recursively org.gnome.system.proxy` (GNOME, and the
/// desktops that share its settings).
pub fn parse_gsettings(output: &str) -> Option<ProxySettings> {
    let get = |schema: &str, key: &str| -> Option<String> {
        output.lines().find_map(|line| {
            let mut parts = line.splitn(3, ' ');
            (parts.next()? == schema && parts.next()? == key).then(|| parts.next().unwrap_or_default().to_owned())
        })
    };
    let base = "org.gnome.system.proxy";
    let mode = unquote(&get(base, "mode")?);
    let source = format!("GNOME proxy settings (mode {mode})");
    match mode.as_str() {
        "manual" => {
            let rule = |scheme: &str| {
                let schema = format!("{base}.{scheme}");
                let host = unquote(&get(&schema, "host")?);
                let port = get(&schema, "port").map(|p| unquote(&p)).unwrap_or_default();
                (!host.is_empty()).then(|| ProxyRule::parse(&format!("{host}:{port}")))?
            };
            let bypass = get(base, "ignore-hosts")
                .map(|list| {
                    list.trim()
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .split(',')
                        .map(unquote)
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            Some(ProxySettings {
                https: rule("https"),
                http: rule("http"),
                bypass,
                pac_url: None,
                source,
            })
        }
        "auto" => {
            let url = get(base, "autoconfig-url").map(|u| unquote(&u)).unwrap_or_default();
            Some(ProxySettings {
                pac_url: Some(if url.is_empty() {
                    "WPAD (found automatically on the network)".to_owned()
                } else {
                    url
                }),
                source,
                ..ProxySettings::default()
            })
        }
        _ => Some(ProxySettings {
            source,
            ..ProxySettings::default()
        }),
    }
}

/// KDE's `~/.config/kioslaverc` `[Proxy Settings]` group.
pub fn parse_kioslaverc(text: &str) -> Option<ProxySettings> {
    let mut in_group = false;
    let mut values = std::collections::HashMap::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_group = line == "[Proxy Settings]";
        } else if let (true, Some((key, value))) = (in_group, line.split_once('=')) {
            values.insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    let kind = values.get("ProxyType")?.clone();
    let source = format!("KDE proxy settings (ProxyType={kind})");
    // KDE writes "http://host port" (a space before the port) or "host:port".
    let rule = |key: &str| {
        let raw = values.get(key)?.trim();
        (!raw.is_empty()).then(|| ProxyRule::parse(&raw.replacen(' ', ":", 1)))?
    };
    Some(match kind.as_str() {
        "1" => ProxySettings {
            https: rule("httpsProxy"),
            http: rule("httpProxy"),
            bypass: values
                .get("NoProxyFor")
                .map(|l| {
                    l.split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            pac_url: None,
            source,
        },
        "2" => ProxySettings {
            pac_url: values.get("Proxy Config Script").cloned().filter(|s| !s.is_empty()),
            source,
            ..ProxySettings::default()
        },
        "3" => ProxySettings {
            pac_url: Some("WPAD (found automatically on the network)".to_owned()),
            source,
            ..ProxySettings::default()
        },
        // 0: none; 4: "use the environment variables", already read before this.
        _ => ProxySettings {
            source,
            ..ProxySettings::default()
        },
    })
}

/// macOS `scutil --proxy`.
pub fn parse_scutil(output: &str) -> Option<ProxySettings> {
    let mut values = std::collections::HashMap::new();
    let mut exceptions = Vec::new();
    let mut in_exceptions = false;
    for line in output.lines().map(str::trim) {
        if line.starts_with("ExceptionsList") {
            in_exceptions = true;
            continue;
        }
        if in_exceptions {
            if line == "}" {
                in_exceptions = false;
            } else if let Some((_, host)) = line.split_once(" : ") {
                exceptions.push(host.trim().to_owned());
            }
            continue;
        }
        if let Some((key, value)) = line.split_once(':') {
            values.insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    if !output.contains("<dictionary>") {
        return None;
    }
    let enabled = |key: &str| values.get(key).is_some_and(|v| v == "1");
    let rule = |prefix: &str| {
        if !enabled(&format!("{prefix}Enable")) {
            return None;
        }
        let host = values.get(&format!("{prefix}Proxy"))?;
        let port = values.get(&format!("{prefix}Port")).cloned().unwrap_or_default();
        ProxyRule::parse(&format!("{host}:{port}"))
    };
    let pac_url = if enabled("ProxyAutoConfigEnable") {
        values.get("ProxyAutoConfigURLString").cloned()
    } else if enabled("ProxyAutoDiscoveryEnable") {
        Some("WPAD (found automatically on the network)".to_owned())
    } else {
        None
    };
    Some(ProxySettings {
        https: rule("HTTPS"),
        http: rule("HTTP"),
        bypass: exceptions,
        pac_url,
        source: "macOS network proxy settings (scutil --proxy)".to_owned(),
    })
}

/// Windows `reg query "HKCU\...\Internet Settings"` (WinINET: what Edge and Chrome use).
pub fn parse_windows_registry(output: &str) -> Option<ProxySettings> {
    let value = |name: &str| {
        output.lines().find_map(|line| {
            let mut parts = line.split_whitespace();
            (parts.next()? == name).then(|| {
                parts.next(); // the type, e.g. REG_SZ
                parts.collect::<Vec<_>>().join(" ")
            })
        })
    };
    let enabled = value("ProxyEnable").is_some_and(|v| v == "0x1");
    let pac_url = value("AutoConfigURL").filter(|v| !v.is_empty());
    let source = "Windows Internet Options (WinINET)".to_owned();
    let mut settings = match (enabled, value("ProxyServer")) {
        (true, Some(server)) => windows_servers(&server, value("ProxyOverride").as_deref(), source),
        _ => ProxySettings {
            source,
            ..ProxySettings::default()
        },
    };
    settings.pac_url = pac_url;
    Some(settings)
}

/// Windows `netsh winhttp show proxy` (the machine-wide WinHTTP proxy).
pub fn parse_netsh_winhttp(output: &str) -> Option<ProxySettings> {
    let source = "Windows WinHTTP proxy (netsh winhttp)".to_owned();
    if output.contains("Direct access") {
        return Some(ProxySettings {
            source,
            ..ProxySettings::default()
        });
    }
    let field = |name: &str| {
        output
            .lines()
            .find_map(|line| {
                line.trim()
                    .strip_prefix(name)
                    .and_then(|rest| rest.trim().strip_prefix(':'))
            })
            .map(|v| v.trim().to_owned())
    };
    let server = field("Proxy Server(s)")?;
    Some(windows_servers(&server, field("Bypass List").as_deref(), source))
}

/// `host:port` for every scheme, or `http=host:port;https=host:port`.
fn windows_servers(server: &str, bypass: Option<&str>, source: String) -> ProxySettings {
    let mut settings = ProxySettings {
        source,
        bypass: bypass
            .map(|l| {
                l.split([';', ','])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        ..ProxySettings::default()
    };
    if server.contains('=') {
        for part in server.split(';') {
            match part.split_once('=') {
                Some(("https", address)) => settings.https = ProxyRule::parse(address),
                Some(("http", address)) => settings.http = ProxyRule::parse(address),
                _ => {}
            }
        }
    } else {
        settings.https = ProxyRule::parse(server);
        settings.http = ProxyRule::parse(server);
    }
    settings
}

#[cfg(test)]
#[path = "system_tests.rs"]
mod tests;
