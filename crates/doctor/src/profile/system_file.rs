//! Whether the machine-wide settings file may be used. It sets the
//! authority, the client and the redirect for every user of the computer,
//! so it counts only if an administrator alone can have written it;
//! otherwise any local user could point everyone's sign-in elsewhere.

use std::io;
use std::path::Path;

/// Why the machine-wide file at `path` is not trusted, or `None` when it is
/// (or is absent: then there is nothing to read).
pub(super) fn distrust(path: &Path) -> Option<String> {
    match std::fs::metadata(path) {
        #[cfg(unix)]
        Ok(metadata) => distrust_metadata(&metadata),
        #[cfg(windows)]
        Ok(_) => super::windows_acl::distrust(path),
        #[cfg(not(any(unix, windows)))]
        Ok(_) => None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        // The reader reports it as unreadable.
        Err(_) => None,
    }
}

/// Unix: root owns it, and neither its group nor others may write to it.
#[cfg(unix)]
fn distrust_metadata(metadata: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    const GROUP_OR_OTHER_WRITE: u32 = 0o022;
    if metadata.uid() != 0 {
        return Some(format!(
            "is not owned by root (owner uid {}), so any user could have written it; it was ignored. An administrator should own it (chown root) and be the only one who can write it (chmod 644).",
            metadata.uid()
        ));
    }
    if metadata.mode() & GROUP_OR_OTHER_WRITE != 0 {
        return Some(format!(
            "is writable by users other than root (mode {:o}); it was ignored. Make it writable by root alone (chmod 644).",
            metadata.mode() & 0o777
        ));
    }
    None
}
