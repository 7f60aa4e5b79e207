//! The operating system, and the device platform Conditional Access matches
//! it as (Entra reads the platform from the browser's or app's user agent).

/// "windows", "macos", "linux"… as Rust names them.
pub fn current_os() -> &'static str {
    std::env::consts::OS
}

/// The device platform condition's value for this OS.
pub fn entra_platform(os: &str) -> &'static str {
    match os {
        "windows" => "Windows",
        "macos" => "macOS",
        "linux" => "Linux",
        "ios" => "iOS",
        "android" => "Android",
        // Policies that "block unknown platforms" block these.
        _ => "Unknown platform",
    }
}

/// PRETTY_NAME from /etc/os-release, e.g. "Debian GNU/Linux 12 (bookworm)".
pub fn parse_os_release(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("PRETTY_NAME=")?;
        Some(value.trim().trim_matches('"').to_owned())
    })
}

/// `ver` prints "Microsoft Windows [Version 10.0.22631.4317]"; builds from
/// 22000 are Windows 11 although the version still says 10.
pub fn parse_windows_ver(text: &str) -> Option<String> {
    let version = text.split("[Version ").nth(1)?.split(']').next()?.trim();
    let build: u32 = version.split('.').nth(2)?.parse().ok()?;
    let name = if build >= 22000 { "Windows 11" } else { "Windows 10" };
    Some(format!("{name} (version {version})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_names_are_read() {
        let release = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n";
        assert_eq!(
            parse_os_release(release).as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
        assert_eq!(
            parse_windows_ver("\r\nMicrosoft Windows [Version 10.0.22631.4317]\r\n").as_deref(),
            Some("Windows 11 (version 10.0.22631.4317)")
        );
        assert_eq!(
            parse_windows_ver("Microsoft Windows [Version 10.0.19045.3803]").as_deref(),
            Some("Windows 10 (version 10.0.19045.3803)")
        );
        assert_eq!(parse_windows_ver("nonsense"), None);
        assert_eq!(entra_platform("linux"), "Linux");
        assert_eq!(entra_platform("freebsd"), "Unknown platform");
    }
}
