//! The default browser, and whether it can carry this device's identity to
//! Microsoft Entra. Sign-in in the system browser passes device-based
//! Conditional Access only when the browser presents the device signal:
//! Edge signed into a work profile, Chrome with the Microsoft Single Sign On
//! extension, Safari through the Enterprise SSO plug-in (Microsoft's
//! "Conditional Access: conditions" article). Private windows never do.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BrowserKind {
    Edge,
    Chrome,
    Chromium,
    Firefox,
    Safari,
    InternetExplorer,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceSignal {
    /// Carries it once signed in with the work account.
    Yes,
    /// Carries it only after something is installed or switched on.
    WithSetup,
    No,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DefaultBrowser {
    /// As the OS names it (desktop file, ProgId, bundle identifier).
    pub id: String,
    pub kind: BrowserKind,
    pub device_signal: DeviceSignal,
    /// What it needs, in words.
    pub advice: String,
}

impl BrowserKind {
    pub fn words(self) -> &'static str {
        match self {
            BrowserKind::Edge => "Microsoft Edge",
            BrowserKind::Chrome => "Google Chrome",
            BrowserKind::Chromium => "Chromium",
            BrowserKind::Firefox => "Mozilla Firefox",
            BrowserKind::Safari => "Safari",
            BrowserKind::InternetExplorer => "Internet Explorer",
            BrowserKind::Other => "another browser",
        }
    }
}

/// From a desktop file (Linux), ProgId (Windows) or bundle id (macOS).
pub fn classify(id: &str) -> BrowserKind {
    let id = id.to_ascii_lowercase();
    if id.contains("edge") || id.starts_with("msedge") {
        BrowserKind::Edge
    } else if id.contains("chrome") && !id.contains("chromium") {
        BrowserKind::Chrome
    } else if id.contains("chromium") {
        BrowserKind::Chromium
    } else if id.contains("firefox") || id.contains("mozilla") {
        BrowserKind::Firefox
    } else if id.contains("safari") {
        BrowserKind::Safari
    } else if id.starts_with("ie.") || id.contains("iexplore") {
        BrowserKind::InternetExplorer
    } else {
        BrowserKind::Other
    }
}

/// Whether `kind` on `os` ("windows", "macos", "linux") can carry the signal.
pub fn device_signal(kind: BrowserKind, os: &str) -> (DeviceSignal, &'static str) {
    match (kind, os) {
        (BrowserKind::Edge, "windows") => (
            DeviceSignal::Yes,
            "Edge carries the device signal when its profile is signed in with your work account.",
        ),
        (BrowserKind::Edge, "macos") => (
            DeviceSignal::WithSetup,
            "Edge carries the device signal with Company Portal's Enterprise SSO plug-in installed and the profile signed in with your work account.",
        ),
        (BrowserKind::Edge, "linux") => (
            DeviceSignal::WithSetup,
            "Edge carries the device signal when this computer is enrolled with Intune (Microsoft Identity Broker) and the profile is signed in with your work account.",
        ),
        (BrowserKind::Chrome, "windows") => (
            DeviceSignal::WithSetup,
            "Chrome needs the Microsoft Single Sign On extension (or IT's CloudAPAuthEnabled policy) to carry the device signal.",
        ),
        (BrowserKind::Chrome, "macos") => (
            DeviceSignal::WithSetup,
            "Chrome needs the Microsoft Single Sign On extension and Company Portal's Enterprise SSO plug-in to carry the device signal.",
        ),
        (BrowserKind::Chrome, "linux") => (
            DeviceSignal::WithSetup,
            "Chrome needs the Microsoft Single Sign On extension and the Microsoft Identity Broker (Intune enrollment) to carry the device signal.",
        ),
        (BrowserKind::Firefox, "windows") => (
            DeviceSignal::WithSetup,
            "Firefox carries the device signal only with its setting 'Allow Windows single sign-on for Microsoft, work, and school accounts' switched on.",
        ),
        (BrowserKind::Safari, "macos") => (
            DeviceSignal::WithSetup,
            "Safari carries the device signal through Company Portal's Enterprise SSO plug-in (Platform SSO).",
        ),
        (BrowserKind::Firefox | BrowserKind::Chromium | BrowserKind::InternetExplorer, _) => (
            DeviceSignal::No,
            "This browser cannot carry the device signal here. For policies that require a compliant or joined device, sign in with Microsoft Edge.",
        ),
        _ => (
            DeviceSignal::Unknown,
            "Not known whether this browser can carry the device signal. Microsoft Edge can.",
        ),
    }
}

pub fn describe(id: &str, os: &str) -> DefaultBrowser {
    let kind = classify(id);
    let (device_signal, advice) = device_signal(kind, os);
    DefaultBrowser {
        id: id.to_owned(),
        kind,
        device_signal,
        advice: advice.to_owned(),
    }
}

/// `reg query …\UrlAssociations\https\UserChoice /v ProgId` → "MSEdgeHTM".
pub fn parse_windows_prog_id(output: &str) -> Option<String> {
    output.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        (words.next()? == "ProgId" && words.next()? == "REG_SZ").then(|| words.collect::<Vec<_>>().join(" "))
    })
}

/// `defaults read com.apple.LaunchServices/com.apple.launchservices.secure LSHandlers`
/// → the bundle id that handles https; Safari when no handler is set.
pub fn parse_macos_handlers(output: &str) -> Option<String> {
    // Each handler is a top-level { … } block; nested blocks (preferred
    // versions) have their own LSHandlerRoleAll, so they are left out.
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for c in output.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    current.clear();
                }
            }
            '}' => {
                if depth == 1 {
                    blocks.push(std::mem::take(&mut current));
                }
                depth = depth.saturating_sub(1);
            }
            _ if depth == 1 => current.push(c),
            _ => {}
        }
    }
    blocks.iter().find_map(|block| {
        let value = |key: &str| {
            block.split(';').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
            })
        };
        (value("LSHandlerURLScheme").as_deref() == Some("https"))
            .then(|| value("LSHandlerRoleAll"))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_are_named_from_os_identifiers() {
        assert_eq!(classify("microsoft-edge.desktop"), BrowserKind::Edge);
        assert_eq!(classify("MSEdgeHTM"), BrowserKind::Edge);
        assert_eq!(classify("com.microsoft.edgemac"), BrowserKind::Edge);
        assert_eq!(classify("ChromeHTML"), BrowserKind::Chrome);
        assert_eq!(classify("google-chrome.desktop"), BrowserKind::Chrome);
        assert_eq!(classify("chromium.desktop"), BrowserKind::Chromium);
        assert_eq!(classify("FirefoxURL-308046B0AF4A39CB"), BrowserKind::Firefox);
        assert_eq!(classify("org.mozilla.firefox"), BrowserKind::Firefox);
        assert_eq!(classify("com.apple.safari"), BrowserKind::Safari);
        assert_eq!(classify("IE.HTTPS"), BrowserKind::InternetExplorer);
        assert_eq!(classify("headless-browser.sh"), BrowserKind::Other);
    }

    #[test]
    fn only_capable_browsers_are_said_to_carry_the_signal() {
        assert_eq!(device_signal(BrowserKind::Edge, "windows").0, DeviceSignal::Yes);
        assert_eq!(device_signal(BrowserKind::Chrome, "windows").0, DeviceSignal::WithSetup);
        assert_eq!(device_signal(BrowserKind::Firefox, "linux").0, DeviceSignal::No);
        assert_eq!(device_signal(BrowserKind::Chromium, "linux").0, DeviceSignal::No);
        assert_eq!(device_signal(BrowserKind::Other, "linux").0, DeviceSignal::Unknown);
    }

    #[test]
    fn windows_user_choice_is_read() {
        let output = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\Shell\\Associations\\UrlAssociations\\https\\UserChoice\r\n    ProgId    REG_SZ    MSEdgeHTM\r\n\r\n";
        assert_eq!(parse_windows_prog_id(output).as_deref(), Some("MSEdgeHTM"));
        assert_eq!(
            parse_windows_prog_id("ERROR: The system was unable to find the specified registry key or value."),
            None
        );
    }

    #[test]
    fn macos_https_handler_is_read() {
        let output = r#"(
        {
        LSHandlerContentType = "public.html";
        LSHandlerPreferredVersions =         {
            LSHandlerRoleAll = "-";
        };
        LSHandlerRoleAll = "com.google.chrome";
    },
        {
        LSHandlerURLScheme = https;
        LSHandlerPreferredVersions =         {
            LSHandlerRoleAll = "-";
        };
        LSHandlerRoleAll = "com.microsoft.edgemac";
    }
)"#;
        assert_eq!(parse_macos_handlers(output).as_deref(), Some("com.microsoft.edgemac"));
        assert_eq!(parse_macos_handlers("()"), None);
    }
}
