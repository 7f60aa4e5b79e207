//! Gathers the device facts, each tool under the same bound and all at once.

use super::browser::{self, DefaultBrowser, DeviceSignal};
use super::command::{parsed, run_tool, Unmeasured};
use super::fact::Fact;
use super::{app_sso, dsregcmd, linux_broker, os};
use crate::personal::PersonalKind;
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

#[derive(Clone, Debug, Serialize)]
pub struct DeviceContext {
    /// As Rust names it: "windows", "macos", "linux".
    pub os: String,
    /// The device platform Conditional Access matches.
    pub platform: String,
    pub facts: Vec<Fact>,
    #[serde(skip)]
    pub dsreg: Option<dsregcmd::DsregStatus>,
    #[serde(skip)]
    pub platform_sso: Option<app_sso::PlatformSsoStatus>,
    #[serde(skip)]
    pub identity_broker: Option<String>,
    #[serde(skip)]
    pub browser: Option<DefaultBrowser>,
}

impl DeviceContext {
    /// The device state for What If, in the admin center's words.
    pub fn device_state(&self) -> String {
        if let Some(dsreg) = &self.dsreg {
            return dsreg.join_type().to_owned();
        }
        if let Some(psso) = &self.platform_sso {
            return match psso.registration_completed {
                Some(true) => "Microsoft Entra registered (Platform SSO)".to_owned(),
                _ => "Not registered (Platform SSO not set up)".to_owned(),
            };
        }
        match (self.os.as_str(), &self.identity_broker) {
            ("linux", Some(_)) => {
                "Microsoft Identity Broker installed: check enrollment in the Intune Portal app".to_owned()
            }
            ("linux", None) => "Not registered (no Microsoft Identity Broker)".to_owned(),
            _ => "Unknown".to_owned(),
        }
    }

    /// False when the device is certainly unknown to Microsoft Entra.
    pub fn known_to_entra(&self) -> Option<bool> {
        if let Some(dsreg) = &self.dsreg {
            return Some(dsreg.azure_ad_joined == Some(true) || dsreg.workplace_joined == Some(true));
        }
        if let Some(psso) = &self.platform_sso {
            return Some(psso.registration_completed == Some(true));
        }
        match self.os.as_str() {
            "linux" if self.identity_broker.is_none() => Some(false),
            _ => None,
        }
    }

    pub fn browser_can_carry_signal(&self) -> Option<DeviceSignal> {
        self.browser.as_ref().map(|b| b.device_signal)
    }
}

/// Collects every fact on this OS, each tool bounded by `bound`.
pub async fn collect(bound: Duration) -> DeviceContext {
    let os = os::current_os();
    let (os_name, join, browser) = tokio::join!(os_name(os, bound), join_facts(os, bound), default_browser(os, bound));
    let (join_facts, dsreg, platform_sso, identity_broker) = join;
    let mut facts = vec![
        os_name,
        Fact::measured(
            "device_platform",
            "Device platform (as Conditional Access sees it)",
            os::entra_platform(os),
        ),
    ];
    facts.extend(join_facts);
    match &browser {
        Ok(b) => {
            facts.push(Fact::measured(
                "default_browser",
                "Default browser",
                format!("{} ({})", b.kind.words(), b.id),
            ));
            let signal = match b.device_signal {
                DeviceSignal::Yes => "Yes",
                DeviceSignal::WithSetup => "Only with setup",
                DeviceSignal::No => "No",
                DeviceSignal::Unknown => "Unknown",
            };
            facts.push(
                Fact::measured("browser_device_signal", "Browser can carry the device signal", signal)
                    .with_note(format!("{} Private or InPrivate windows never carry it.", b.advice)),
            );
        }
        Err(why) => {
            facts.push(Fact::could_not_measure(
                "default_browser",
                "Default browser",
                why.to_string(),
            ));
        }
    }
    DeviceContext {
        os: os.to_owned(),
        platform: os::entra_platform(os).to_owned(),
        facts,
        dsreg,
        platform_sso,
        identity_broker,
        browser: browser.ok(),
    }
}

async fn os_name(os: &str, bound: Duration) -> Fact {
    const KEY: &str = "operating_system";
    const LABEL: &str = "Operating system";
    let name = match os {
        "linux" => {
            let pretty = std::fs::read_to_string("/etc/os-release")
                .ok()
                .and_then(|t| os::parse_os_release(&t))
                .unwrap_or_else(|| "Linux".to_owned());
            let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
            Ok(match kernel.trim() {
                "" => pretty,
                kernel => format!("{pretty}, kernel {kernel}"),
            })
        }
        "macos" => run_tool("sw_vers", &["-productVersion"], bound)
            .await
            .map(|v| format!("macOS {}", v.trim())),
        // From the system's own numbers: `ver` prints translated words.
        #[cfg(windows)]
        "windows" => super::windows_version::read().map(|version| os::windows_name(&version)),
        other => Ok(other.to_owned()),
    };
    match name {
        Ok(name) => Fact::measured(KEY, LABEL, name),
        Err(why) => Fact::could_not_measure(KEY, LABEL, why.to_string()),
    }
}

type JoinFacts = (
    Vec<Fact>,
    Option<dsregcmd::DsregStatus>,
    Option<app_sso::PlatformSsoStatus>,
    Option<String>,
);

async fn join_facts(os: &str, bound: Duration) -> JoinFacts {
    let mut facts = Vec::new();
    // Windows: dsregcmd /status.
    const JOIN: (&str, &str) = ("entra_join", "Microsoft Entra join (dsregcmd /status)");
    let dsreg = if os == "windows" {
        match parsed(
            run_tool("dsregcmd", &["/status"], bound).await,
            dsregcmd::parse,
            "dsregcmd",
        ) {
            Ok(status) => {
                facts.extend(windows_facts(&status));
                Some(status)
            }
            Err(why) => {
                facts.push(Fact::could_not_measure(JOIN.0, JOIN.1, why.to_string()));
                None
            }
        }
    } else {
        facts.push(Fact::not_on_this_os(JOIN.0, JOIN.1, "Windows"));
        facts.push(Fact::not_on_this_os(
            "primary_refresh_token",
            "Primary Refresh Token (PRT)",
            "Windows",
        ));
        None
    };
    // macOS: Platform SSO and Company Portal.
    const PORTAL: (&str, &str) = ("company_portal", "Company Portal (Enterprise SSO plug-in)");
    const PSSO: (&str, &str) = ("platform_sso", "Platform SSO registration (app-sso platform -s)");
    let platform_sso = if os == "macos" {
        let portal = Path::new("/Applications/Company Portal.app").exists();
        facts.push(Fact::measured(
            PORTAL.0,
            PORTAL.1,
            if portal { "Installed" } else { "Not installed" },
        ));
        match parsed(
            run_tool("app-sso", &["platform", "-s"], bound).await,
            app_sso::parse,
            "app-sso",
        ) {
            Ok(status) => {
                facts.push(platform_sso_fact(&status));
                Some(status)
            }
            Err(why) => {
                facts.push(Fact::could_not_measure(PSSO.0, PSSO.1, why.to_string()));
                None
            }
        }
    } else {
        facts.push(Fact::not_on_this_os(PORTAL.0, PORTAL.1, "macOS"));
        facts.push(Fact::not_on_this_os(PSSO.0, PSSO.1, "macOS"));
        None
    };
    // Linux: the Microsoft Identity Broker and Intune Portal.
    let identity_broker = if os == "linux" {
        let root = Path::new("/");
        let broker = linux_broker::first_present(root, linux_broker::BROKER_PATHS);
        let intune = linux_broker::first_present(root, linux_broker::INTUNE_PATHS);
        facts.push(Fact::measured(
            "identity_broker",
            "Microsoft Identity Broker",
            broker
                .as_deref()
                .map_or("Not installed".to_owned(), |p| format!("Installed ({p})")),
        ));
        facts.push(Fact::measured(
            "intune_portal",
            "Intune Portal (Linux enrollment)",
            intune
                .as_deref()
                .map_or("Not installed".to_owned(), |p| format!("Installed ({p})")),
        ));
        broker
    } else {
        facts.push(Fact::not_on_this_os(
            "identity_broker",
            "Microsoft Identity Broker",
            "Linux",
        ));
        facts.push(Fact::not_on_this_os(
            "intune_portal",
            "Intune Portal (Linux enrollment)",
            "Linux",
        ));
        None
    };
    (facts, dsreg, platform_sso, identity_broker)
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "YES",
        Some(false) => "NO",
        None => "not reported",
    }
}

fn windows_facts(status: &dsregcmd::DsregStatus) -> Vec<Fact> {
    let mut facts = vec![Fact::measured(
        "entra_join",
        "Microsoft Entra join (dsregcmd /status)",
        status.join_type(),
    )
    .with_note(format!(
        "AzureAdJoined {}, DomainJoined {}, WorkplaceJoined {}",
        yes_no(status.azure_ad_joined),
        yes_no(status.domain_joined),
        yes_no(status.workplace_joined)
    ))];
    let mut prt = Fact::measured(
        "primary_refresh_token",
        "Primary Refresh Token (PRT)",
        yes_no(status.azure_ad_prt),
    );
    if let (Some(updated), Some(expires)) = (&status.azure_ad_prt_update_time, &status.azure_ad_prt_expiry_time) {
        prt = prt.with_note(format!("updated {updated}, expires {expires}"));
    }
    facts.push(prt);
    if let Some(id) = &status.device_id {
        facts.push(Fact::measured("device_id", "Device ID", id.clone()).personal(PersonalKind::ObjectId));
    }
    if let Some(id) = &status.tenant_id {
        let mut tenant =
            Fact::measured("device_tenant_id", "Device's tenant", id.clone()).personal(PersonalKind::Tenant);
        if let Some(name) = &status.tenant_name {
            tenant = tenant.with_note(name.clone());
        }
        facts.push(tenant);
    }
    if let Some(error) = &status.prt_error {
        let text = [&error.server_error_code, &error.server_error_description]
            .iter()
            .filter_map(|v| v.as_deref())
            .collect::<Vec<_>>()
            .join(": ");
        let mut fact = Fact::measured("prt_error", "Last PRT error", text);
        if let Some(id) = &error.correlation_id {
            fact = fact.with_note(format!("Correlation ID {id}"));
        }
        facts.push(fact);
    }
    facts
}

fn platform_sso_fact(status: &app_sso::PlatformSsoStatus) -> Fact {
    let value = match (status.registration_completed, status.is_microsoft()) {
        (Some(true), true) => "Registered with Microsoft Entra (Company Portal SSO extension)".to_owned(),
        (Some(true), false) => format!(
            "Registered through {}",
            status.extension_identifier.as_deref().unwrap_or("an unnamed extension")
        ),
        (Some(false), _) => "Set up but not registered".to_owned(),
        (None, _) if !status.device_configured => "Not set up".to_owned(),
        (None, _) => "Set up, registration not reported".to_owned(),
    };
    let mut fact = Fact::measured("platform_sso", "Platform SSO registration (app-sso platform -s)", value);
    if let Some(login) = &status.login_type {
        fact = fact.with_note(format!("login type {login}"));
    }
    fact
}

async fn default_browser(os: &str, bound: Duration) -> Result<DefaultBrowser, Unmeasured> {
    // The app's opener honours $BROWSER on Linux before the desktop default.
    if os == "linux" {
        if let Some(browser) = std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
            let browser = browser.to_string_lossy().into_owned();
            let first = browser.split(':').next().unwrap_or_default();
            let name = Path::new(first)
                .file_name()
                .map_or(first.to_owned(), |n| n.to_string_lossy().into_owned());
            return Ok(browser::describe(&format!("$BROWSER {name}"), os));
        }
    }
    let id = match os {
        "linux" => run_tool("xdg-settings", &["get", "default-web-browser"], bound)
            .await
            .map(|t| t.trim().to_owned()),
        "windows" => run_tool(
            "reg",
            &[
                "query",
                r"HKCU\Software\Microsoft\Windows\Shell\Associations\UrlAssociations\https\UserChoice",
                "/v",
                "ProgId",
            ],
            bound,
        )
        .await
        .and_then(|t| browser::parse_windows_prog_id(&t).ok_or(Unmeasured::NoDefaultBrowser)),
        "macos" => run_tool(
            "defaults",
            &[
                "read",
                "com.apple.LaunchServices/com.apple.launchservices.secure",
                "LSHandlers",
            ],
            bound,
        )
        .await
        .map(|t| browser::parse_macos_handlers(&t).unwrap_or_else(|| "com.apple.safari".to_owned()))
        // No LaunchServices entry at all means the system default, Safari.
        .or_else(|_| Ok("com.apple.safari".to_owned())),
        other => Err(Unmeasured::UnknownOs(other.to_owned())),
    }?;
    if id.is_empty() {
        return Err(Unmeasured::NoDefaultBrowser);
    }
    Ok(browser::describe(&id, os))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::Availability;

    #[tokio::test]
    async fn every_fact_says_whether_it_was_measured() {
        let context = collect(Duration::from_secs(3)).await;
        assert!(!context.facts.is_empty());
        let first = &context.facts[0];
        assert_eq!(first.key, "operating_system");
        assert_eq!(first.availability, Availability::Measured);
        for fact in &context.facts {
            match fact.availability {
                Availability::Measured => assert!(fact.value.is_some(), "{fact:?}"),
                _ => assert!(fact.value.is_none() && fact.note.is_some(), "{fact:?}"),
            }
        }
        if cfg!(target_os = "linux") {
            let by_key = |k: &str| {
                context
                    .facts
                    .iter()
                    .find(|f| f.key == k)
                    .expect("fact listed")
                    .availability
            };
            assert_eq!(by_key("entra_join"), Availability::NotOnThisOs);
            assert_eq!(by_key("platform_sso"), Availability::NotOnThisOs);
            assert_eq!(by_key("identity_broker"), Availability::Measured);
            assert_eq!(context.platform, "Linux");
        }
    }
}
