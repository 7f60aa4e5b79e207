//! Where the config files live on each OS.

use std::path::PathBuf;

/// Points the user's config file elsewhere (tests use this, so they never
/// touch the real one).
pub const USER_CONFIG_VAR: &str = "SIGNIN_DOCTOR_CONFIG";
/// Points the machine-wide config file elsewhere.
pub const SYSTEM_CONFIG_VAR: &str = "SIGNIN_DOCTOR_SYSTEM_CONFIG";

const FILE_NAME: &str = "config.toml";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigLocations {
    /// Deployed by an admin for every user of the machine.
    pub system: Option<PathBuf>,
    /// The user's own file; the Settings view saves here.
    pub user: Option<PathBuf>,
}

impl ConfigLocations {
    pub fn for_this_os(env: &dyn Fn(&str) -> Option<String>) -> Self {
        let non_empty = |name: &str| env(name).filter(|v| !v.trim().is_empty()).map(PathBuf::from);
        Self {
            system: non_empty(SYSTEM_CONFIG_VAR).or_else(system_default),
            user: non_empty(USER_CONFIG_VAR)
                .or_else(|| dirs::config_dir().map(|dir| dir.join("signin-doctor").join(FILE_NAME))),
        }
    }
}

#[cfg(target_os = "windows")]
fn system_default() -> Option<PathBuf> {
    std::env::var_os("ProgramData").map(|dir| PathBuf::from(dir).join("Sign-in Doctor").join(FILE_NAME))
}

#[cfg(target_os = "macos")]
fn system_default() -> Option<PathBuf> {
    Some(PathBuf::from("/Library/Application Support/Sign-in Doctor").join(FILE_NAME))
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn system_default() -> Option<PathBuf> {
    Some(PathBuf::from("/etc/signin-doctor").join(FILE_NAME))
}
