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

/// What Windows says about itself (read in windows_version.rs).
#[cfg(any(windows, test))]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WindowsVersion {
    pub major: u32,
    pub minor: u32,
    pub build: u32,
    /// Windows Server (or a domain controller) rather than a desktop edition.
    pub server: bool,
    /// The registry's DisplayVersion, e.g. "23H2" (Windows 10 20H2 and later).
    pub display_version: Option<String>,
    /// The registry's UBR: the monthly update, the number after the build's dot.
    pub update_revision: Option<u32>,
}

/// "Windows 11 23H2 (build 22631.4317)". Windows 11 still reports version
/// 10.0, so only its build (22000 and later) tells it from Windows 10.
#[cfg(any(windows, test))]
pub fn windows_name(version: &WindowsVersion) -> String {
    let WindowsVersion {
        major,
        minor,
        build,
        server,
        ..
    } = *version;
    // Versions 6.x as Microsoft's "Operating System Version" table names them.
    let family = match (major, minor, server) {
        (10, 0, true) | (6, _, true) => "Windows Server".to_owned(),
        (10, 0, false) if build >= 22000 => "Windows 11".to_owned(),
        (10, 0, false) => "Windows 10".to_owned(),
        (6, 3, false) => "Windows 8.1".to_owned(),
        (6, 2, false) => "Windows 8".to_owned(),
        (6, 1, false) => "Windows 7".to_owned(),
        (6, 0, false) => "Windows Vista".to_owned(),
        (major, minor, _) => format!("Windows {major}.{minor}"),
    };
    let release = match version.display_version.as_deref().map(str::trim) {
        Some(release) if !release.is_empty() => format!(" {release}"),
        _ => String::new(),
    };
    let build = match version.update_revision {
        Some(revision) => format!("{build}.{revision}"),
        None => build.to_string(),
    };
    format!("{family}{release} (build {build})")
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
        assert_eq!(entra_platform("linux"), "Linux");
        assert_eq!(entra_platform("freebsd"), "Unknown platform");
    }

    fn windows(major: u32, minor: u32, build: u32, release: Option<&str>, revision: Option<u32>) -> WindowsVersion {
        WindowsVersion {
            major,
            minor,
            build,
            server: false,
            display_version: release.map(str::to_owned),
            update_revision: revision,
        }
    }

    /// Recorded values. Builds and revisions are Microsoft's update history
    /// titles; the DisplayVersion of each build is in Microsoft's Windows 10
    /// and Windows 11 release information pages.
    #[test]
    fn windows_is_named_from_its_version_numbers() {
        // "October 8, 2024—KB5044285 (OS Builds 22621.4317 and 22631.4317)"; 22631 is 23H2.
        assert_eq!(
            windows_name(&windows(10, 0, 22631, Some("23H2"), Some(4317))),
            "Windows 11 23H2 (build 22631.4317)"
        );
        // "October 8, 2024—KB5044284 (OS Build 26100.2033)"; 26100 is 24H2.
        assert_eq!(
            windows_name(&windows(10, 0, 26100, Some("24H2"), Some(2033))),
            "Windows 11 24H2 (build 26100.2033)"
        );
        // "December 12, 2023—KB5033372 (OS Builds 19044.3803 and 19045.3803)"; 19045 is 22H2.
        assert_eq!(
            windows_name(&windows(10, 0, 19045, Some("22H2"), Some(3803))),
            "Windows 10 22H2 (build 19045.3803)"
        );
        // "October 8, 2024—KB5044281 (OS Build 20348.2762)", Windows Server 2022.
        let server = WindowsVersion {
            server: true,
            ..windows(10, 0, 20348, None, Some(2762))
        };
        assert_eq!(windows_name(&server), "Windows Server (build 20348.2762)");
        // Windows 7 SP1 is 6.1.7601 (also Wine's "win7" in dlls/ntdll/version.c).
        assert_eq!(windows_name(&windows(6, 1, 7601, None, None)), "Windows 7 (build 7601)");
    }

    /// Wine's default Windows 10 (dlls/ntdll/version.c, Wine 10: 10.0.19045,
    /// a workstation) may have no DisplayVersion nor UBR in its registry.
    #[test]
    fn wine_without_the_registry_values_still_gets_a_name() {
        assert_eq!(
            windows_name(&windows(10, 0, 19045, None, None)),
            "Windows 10 (build 19045)"
        );
        assert_eq!(
            windows_name(&windows(10, 0, 19043, Some(" "), None)),
            "Windows 10 (build 19043)"
        );
        // Wine's "win11" answers 10.0.22000.
        assert_eq!(
            windows_name(&windows(10, 0, 22000, None, None)),
            "Windows 11 (build 22000)"
        );
        assert_eq!(
            windows_name(&windows(5, 1, 2600, None, None)),
            "Windows 5.1 (build 2600)"
        );
    }
}
