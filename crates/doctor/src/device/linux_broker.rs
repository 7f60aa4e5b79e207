//! Linux: Conditional Access can only see a Linux device that is enrolled
//! through Intune, which installs the Microsoft Identity Broker and the
//! Intune Portal app. Their presence is what can be measured here; the
//! enrollment itself is only visible in those apps.

use std::path::Path;

pub const BROKER_PATHS: &[&str] = &[
    "/usr/bin/microsoft-identity-broker",
    "/opt/microsoft/identity-broker/bin/microsoft-identity-broker",
    "/usr/share/dbus-1/services/com.microsoft.identity.broker1.service",
];

pub const INTUNE_PATHS: &[&str] = &["/opt/microsoft/intune/bin/intune-portal", "/usr/bin/intune-portal"];

/// The first of `paths` (under `root`, for tests) that exists.
pub fn first_present(root: &Path, paths: &[&str]) -> Option<String> {
    paths
        .iter()
        .find(|p| root.join(p.trim_start_matches('/')).exists())
        .map(|p| (*p).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_broker_is_found_where_its_package_puts_it() {
        let root = tempfile::tempdir().expect("test setup");
        assert_eq!(first_present(root.path(), BROKER_PATHS), None);
        let bin = root.path().join("opt/microsoft/identity-broker/bin");
        std::fs::create_dir_all(&bin).expect("test setup");
        std::fs::write(bin.join("microsoft-identity-broker"), "").expect("test setup");
        assert_eq!(
            first_present(root.path(), BROKER_PATHS).as_deref(),
            Some("/opt/microsoft/identity-broker/bin/microsoft-identity-broker")
        );
    }
}
