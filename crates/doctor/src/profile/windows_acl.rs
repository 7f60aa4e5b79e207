//! Windows: who owns the machine-wide settings file and who may write it,
//! read from its security descriptor (GetNamedSecurityInfoW). Trusted only
//! when Administrators or SYSTEM own it and no one else may change it.

use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use std::ptr::null_mut;
use windows_sys::Win32::Foundation::{LocalFree, ERROR_SUCCESS, GENERIC_ALL, GENERIC_WRITE};
use windows_sys::Win32::Security::Authorization::{GetNamedSecurityInfoW, SE_FILE_OBJECT};
use windows_sys::Win32::Security::{
    GetAce, IsWellKnownSid, WinBuiltinAdministratorsSid, WinLocalSystemSid, ACCESS_ALLOWED_ACE, ACL,
    DACL_SECURITY_INFORMATION, INHERIT_ONLY_ACE, OWNER_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, PSID,
};
use windows_sys::Win32::Storage::FileSystem::{DELETE, FILE_APPEND_DATA, FILE_WRITE_DATA, WRITE_DAC, WRITE_OWNER};
use windows_sys::Win32::System::SystemServices::ACCESS_ALLOWED_ACE_TYPE;

/// Rights that let someone change what the file says, or who may.
const CHANGE_RIGHTS: u32 =
    FILE_WRITE_DATA | FILE_APPEND_DATA | WRITE_DAC | WRITE_OWNER | DELETE | GENERIC_WRITE | GENERIC_ALL;

/// Frees the descriptor GetNamedSecurityInfoW allocated, however we leave.
struct Descriptor(PSECURITY_DESCRIPTOR);

impl Drop for Descriptor {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the pointer came from GetNamedSecurityInfoW, which says to free it with LocalFree.
            unsafe { LocalFree(self.0) };
        }
    }
}

/// SYSTEM or the Administrators group.
fn is_administrator(sid: PSID) -> bool {
    // SAFETY: `sid` points into a live security descriptor.
    !sid.is_null()
        && unsafe {
            IsWellKnownSid(sid, WinBuiltinAdministratorsSid) != 0 || IsWellKnownSid(sid, WinLocalSystemSid) != 0
        }
}

pub(super) fn distrust(path: &Path) -> Option<String> {
    let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
    let mut owner: PSID = null_mut();
    let mut dacl: *mut ACL = null_mut();
    let mut raw: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: `wide` is NUL-terminated and outlives the call; the out-pointers are valid.
    let status = unsafe {
        GetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
            &mut owner,
            null_mut(),
            &mut dacl,
            null_mut(),
            &mut raw,
        )
    };
    let _descriptor = Descriptor(raw);
    if status != ERROR_SUCCESS {
        return Some(format!(
            "could not have its owner and permissions read (Windows error {status}); it was ignored."
        ));
    }
    judge(owner, dacl)
}

/// The verdict on an owner and access list (both point into a live
/// security descriptor, or are null).
fn judge(owner: PSID, dacl: *mut ACL) -> Option<String> {
    if !is_administrator(owner) {
        return Some(
            "is not owned by Administrators or SYSTEM, so an ordinary user could have written it; it was ignored. An administrator should take ownership of it (icacls <file> /setowner Administrators)."
                .to_owned(),
        );
    }
    if dacl.is_null() {
        // A missing DACL grants everyone full access.
        return Some("has no access list, so everyone may write to it; it was ignored. Give it the permissions of its folder (icacls <file> /reset).".to_owned());
    }
    // SAFETY: `dacl` points into the live descriptor.
    let count = unsafe { (*dacl).AceCount };
    for index in 0..u32::from(count) {
        let mut ace: *mut core::ffi::c_void = null_mut();
        // SAFETY: index < AceCount; GetAce points `ace` into the DACL.
        if unsafe { GetAce(dacl, index, &mut ace) } == 0 || ace.is_null() {
            return Some("has an access list the app could not read; it was ignored.".to_owned());
        }
        let allowed = ace.cast::<ACCESS_ALLOWED_ACE>();
        // SAFETY: every ACE starts with an ACE_HEADER; the rest is read only for ACCESS_ALLOWED_ACE_TYPE.
        let header = unsafe { (*allowed).Header };
        if u32::from(header.AceType) != ACCESS_ALLOWED_ACE_TYPE || u32::from(header.AceFlags) & INHERIT_ONLY_ACE != 0 {
            continue;
        }
        // SAFETY: an ACCESS_ALLOWED_ACE's SID starts at SidStart.
        let (mask, sid) = unsafe {
            (
                (*allowed).Mask,
                core::ptr::addr_of_mut!((*allowed).SidStart).cast::<core::ffi::c_void>(),
            )
        };
        if mask & CHANGE_RIGHTS != 0 && !is_administrator(sid) {
            return Some(
                "may be changed by users who are not administrators; it was ignored. Give write access to Administrators and SYSTEM alone (icacls <file> /inheritance:r /grant:r Administrators:F SYSTEM:F Users:R)."
                    .to_owned(),
            );
        }
    }
    None
}

/// Against real files with real security descriptors (Windows, or the
/// Windows build under Wine): the owner and access list are set with
/// SetNamedSecurityInfoW, then read back by `distrust`.
#[cfg(test)]
mod tests {
    use super::*;
    use windows_sys::Win32::Foundation::GENERIC_READ;
    use windows_sys::Win32::Security::Authorization::SetNamedSecurityInfoW;
    use windows_sys::Win32::Security::{
        AddAccessAllowedAce, CreateWellKnownSid, InitializeAcl, WinBuiltinUsersSid, ACL_REVISION,
        PROTECTED_DACL_SECURITY_INFORMATION, SECURITY_MAX_SID_SIZE, WELL_KNOWN_SID_TYPE,
    };

    fn well_known(kind: WELL_KNOWN_SID_TYPE) -> Vec<u8> {
        let mut sid = vec![0u8; SECURITY_MAX_SID_SIZE as usize];
        let mut size = SECURITY_MAX_SID_SIZE;
        // SAFETY: `sid` has `size` bytes; a null domain is allowed for built-in SIDs.
        let made = unsafe { CreateWellKnownSid(kind, null_mut(), sid.as_mut_ptr().cast(), &mut size) };
        assert_ne!(made, 0, "CreateWellKnownSid({kind})");
        sid
    }

    /// An access list granting each (SID, rights) pair, in a 2 KiB,
    /// 8-byte-aligned buffer (the ACL's header needs 4-byte alignment).
    fn access_list(grants: &[(WELL_KNOWN_SID_TYPE, u32)]) -> Vec<u64> {
        let mut acl = vec![0u64; 256];
        let acl_ptr = acl.as_mut_ptr().cast::<ACL>();
        // SAFETY: the buffer is 2048 bytes.
        assert_ne!(unsafe { InitializeAcl(acl_ptr, 2048, ACL_REVISION) }, 0);
        for (kind, rights) in grants {
            let sid = well_known(*kind);
            // SAFETY: `sid` is a valid SID; AddAccessAllowedAce copies it into the ACL.
            let added = unsafe { AddAccessAllowedAce(acl_ptr, ACL_REVISION, *rights, sid.as_ptr() as PSID) };
            assert_ne!(added, 0, "AddAccessAllowedAce");
        }
        acl
    }

    /// Makes Administrators the owner of `path`, and grants each pair alone.
    fn secure(path: &Path, grants: &[(WELL_KNOWN_SID_TYPE, u32)]) {
        let mut acl = access_list(grants);
        let acl_ptr = acl.as_mut_ptr().cast::<ACL>();
        let mut owner = well_known(WinBuiltinAdministratorsSid);
        let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
        // SAFETY: the name is NUL-terminated; owner and DACL are valid for the call.
        let status = unsafe {
            SetNamedSecurityInfoW(
                wide.as_ptr(),
                SE_FILE_OBJECT,
                OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                owner.as_mut_ptr().cast(),
                null_mut(),
                acl_ptr,
                null_mut(),
            )
        };
        assert_eq!(status, ERROR_SUCCESS, "SetNamedSecurityInfoW");
    }

    fn settings_file() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("system.toml");
        std::fs::write(&path, "authority = \"https://login.microsoftonline.com/common\"\n").expect("write");
        (dir, path)
    }

    #[test]
    fn a_file_an_ordinary_user_wrote_is_ignored() {
        let (_dir, path) = settings_file();
        let why = distrust(&path).expect("a file the user owns is not trusted");
        assert!(why.contains("not owned by Administrators or SYSTEM"), "{why}");
    }

    #[test]
    fn a_file_only_administrators_may_change_is_trusted() {
        let (_dir, path) = settings_file();
        secure(
            &path,
            &[
                (WinBuiltinAdministratorsSid, GENERIC_ALL),
                (WinLocalSystemSid, GENERIC_ALL),
                (WinBuiltinUsersSid, GENERIC_READ),
            ],
        );
        assert_eq!(distrust(&path), None);
    }

    /// The same verdicts on descriptors made in memory with the same
    /// Windows calls: Wine keeps no owner it is given for a file (its
    /// server drops it), so there only these show the access-list rules.
    #[test]
    fn only_administrators_and_system_may_change_what_is_trusted() {
        let mut owner = well_known(WinBuiltinAdministratorsSid);
        let owner = owner.as_mut_ptr().cast();
        let mut trusted = access_list(&[
            (WinBuiltinAdministratorsSid, GENERIC_ALL),
            (WinLocalSystemSid, GENERIC_ALL),
            (WinBuiltinUsersSid, GENERIC_READ),
        ]);
        assert_eq!(judge(owner, trusted.as_mut_ptr().cast()), None);

        for rights in [FILE_WRITE_DATA, FILE_APPEND_DATA, WRITE_DAC, GENERIC_WRITE, GENERIC_ALL] {
            let mut open = access_list(&[
                (WinBuiltinAdministratorsSid, GENERIC_ALL),
                (WinBuiltinUsersSid, GENERIC_READ | rights),
            ]);
            let why = judge(owner, open.as_mut_ptr().cast()).expect("users may change it");
            assert!(
                why.contains("may be changed by users who are not administrators"),
                "{rights:#x}: {why}"
            );
        }
        let why = judge(owner, null_mut()).expect("no access list");
        assert!(why.contains("has no access list"), "{why}");
        let mut users = well_known(WinBuiltinUsersSid);
        let why = judge(users.as_mut_ptr().cast(), trusted.as_mut_ptr().cast()).expect("owned by Users");
        assert!(why.contains("not owned by Administrators or SYSTEM"), "{why}");
    }
}
