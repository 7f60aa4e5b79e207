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
