//! The profile: which authority, client and scopes the checks use, and where
//! each of those values came from.
//!
//! Layers, lowest first: built-in defaults (Microsoft's global cloud and a
//! well-known public client, so nothing needs setting up), the machine-wide
//! config file an admin deploys, the user's config file, and environment
//! variables. A value that does not parse is reported and the layer below
//! is used instead, so a broken file never stops the app from starting.

mod authority;
mod config_file;
mod environment;
mod invalid_value;
mod locations;
mod report;
mod setting;
mod source_words;
mod system_file;
mod value_parsers;
#[cfg(windows)]
mod windows_acl;

pub use crate::network::proxy::ProxyChoice;
pub use authority::{Authority, AuthorityError};
pub use config_file::{save_edits, SaveError};
pub use invalid_value::InvalidValue;
pub use locations::ConfigLocations;
pub use locations::{SYSTEM_CONFIG_VAR, USER_CONFIG_VAR};
pub use report::{ConfigProblem, ProfileReport, SettingView, SourceView};
pub use setting::{SettingKey, SettingValue};
pub use source_words::{source_kind_words, SOURCE_KIND_WORDS};

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// Where a value in effect came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Default,
    File { path: PathBuf, line: usize },
    Environment { variable: &'static str },
}

/// The settings in effect for one run.
#[derive(Clone, Debug)]
pub struct Profile {
    pub authority: Authority,
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    /// Sent as `login_hint` to fill in the account on the sign-in page.
    pub login_hint: Option<String>,
    /// SNTP servers for the clock check, as `host` or `host:port`.
    pub ntp_servers: Vec<String>,
    /// The time bound of each network check.
    pub check_timeout: Duration,
    /// How long an interactive sign-in waits for the browser.
    pub signin_timeout: Duration,
    /// Microsoft's public Azure status RSS feed.
    pub status_feed: url::Url,
    /// The plain-http address whose answer shows a captive portal.
    pub connectivity_check_url: url::Url,
    /// Which proxy requests use.
    pub proxy: ProxyChoice,
    /// Help-desk mode's sign-in: its client, scopes and account (see `helpdesk::helpdesk_profile`).
    pub helpdesk_client_id: String,
    pub helpdesk_scopes: Vec<String>,
    pub helpdesk_login_hint: Option<String>,
    /// Microsoft Graph's base address; `None` derives it from the authority's cloud.
    pub graph_url: Option<url::Url>,
    /// Whether this is a help-desk profile: its saved session is a keychain
    /// entry of its own, never the user-side one.
    pub helpdesk: bool,
    sources: BTreeMap<SettingKey, Source>,
}

impl Profile {
    /// The built-in defaults alone.
    pub fn defaults() -> Self {
        let mut profile = Self {
            authority: Authority::microsoft_global(),
            client_id: String::new(),
            redirect_uri: String::new(),
            scopes: Vec::new(),
            login_hint: None,
            ntp_servers: Vec::new(),
            check_timeout: Duration::ZERO,
            signin_timeout: Duration::ZERO,
            status_feed: placeholder_url(),
            connectivity_check_url: placeholder_url(),
            proxy: ProxyChoice::System,
            helpdesk_client_id: String::new(),
            helpdesk_scopes: Vec::new(),
            helpdesk_login_hint: None,
            graph_url: None,
            helpdesk: false,
            sources: BTreeMap::new(),
        };
        for key in SettingKey::ALL {
            // Defaults are constants that parse; a failure here is a bug caught by tests.
            if let Ok(value) = key.parse(key.default_value()) {
                profile.set(key, value, Source::Default);
            }
        }
        profile
    }

    /// Where the value of `key` in effect came from.
    pub fn source(&self, key: SettingKey) -> &Source {
        self.sources.get(&key).unwrap_or(&Source::Default)
    }

    /// A stable name for this profile's saved session in the keychain: the
    /// same client at the same authority shares one.
    pub fn session_key(&self) -> String {
        if self.helpdesk {
            format!("helpdesk:{}@{}", self.client_id, self.authority)
        } else {
            format!("{}@{}", self.client_id, self.authority)
        }
    }

    pub fn value_text(&self, key: SettingKey) -> String {
        key.read(self).text()
    }

    fn set(&mut self, key: SettingKey, value: SettingValue, source: Source) {
        key.write(self, value);
        self.sources.insert(key, source);
    }
}

/// Replaced by the defaults at once; only there so `Profile` needs no `Option` for them.
fn placeholder_url() -> url::Url {
    Authority::microsoft_global().url().clone()
}

/// The profile in effect, and every problem met while building it.
#[derive(Clone, Debug)]
pub struct LoadedProfile {
    pub profile: Profile,
    pub problems: Vec<ConfigProblem>,
    pub locations: ConfigLocations,
}

/// Builds the profile from defaults, the config files in `locations` and the
/// environment (`env` reads a variable; tests pass their own).
pub fn load(locations: &ConfigLocations, env: &dyn Fn(&str) -> Option<String>) -> LoadedProfile {
    let mut profile = Profile::defaults();
    let mut problems = Vec::new();
    let system = locations
        .system
        .as_ref()
        .filter(|path| match system_file::distrust(path) {
            Some(why) => {
                problems.push(ConfigProblem {
                    origin: path.display().to_string(),
                    line: None,
                    message: why,
                });
                false
            }
            None => true,
        });
    for path in [system, locations.user.as_ref()].into_iter().flatten() {
        for (key, value, line) in config_file::read(path, &mut problems) {
            profile.set(
                key,
                value,
                Source::File {
                    path: path.clone(),
                    line,
                },
            );
        }
    }
    for (key, value, variable) in environment::read(env, &mut problems) {
        profile.set(key, value, Source::Environment { variable });
    }
    LoadedProfile {
        profile,
        problems,
        locations: locations.clone(),
    }
}

/// The profile for this process: the OS config locations and the real environment.
pub fn load_from_system() -> LoadedProfile {
    let env = |name: &str| std::env::var(name).ok();
    load(&ConfigLocations::for_this_os(&env), &env)
}

/// Saves the Settings form's edits (file key, text) to the user's config
/// file and returns the profile as it now stands.
pub fn save_user_settings(edits: &[(String, String)]) -> Result<LoadedProfile, SaveError> {
    let loaded = load_from_system();
    let path = loaded.locations.user.ok_or(SaveError::NoUserFile)?;
    let edits = edits
        .iter()
        .map(|(name, value)| {
            SettingKey::from_file_key(name)
                .map(|key| (key, value.clone()))
                .ok_or_else(|| SaveError::UnknownSetting(name.clone()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    save_edits(&path, &edits, &crate::store::Keychain, loaded.profile.check_timeout)?;
    Ok(load_from_system())
}

#[cfg(test)]
mod tests;
