//! Windows: the version as the system itself reports it, with no tool run and
//! no text to parse (`ver` prints translated words, and answers otherwise
//! under Wine). RtlGetVersion gives the true numbers (GetVersionEx is
//! shimmed to what the program's manifest claims); the registry's
//! CurrentVersion key gives the release ("23H2") and the update revision.

use super::command::Unmeasured;
use super::os::WindowsVersion;
use core::ffi::c_void;
use std::ptr::null_mut;
use windows_sys::Wdk::System::SystemServices::RtlGetVersion;
use windows_sys::Win32::Foundation::{ERROR_SUCCESS, STATUS_SUCCESS};
use windows_sys::Win32::System::Registry::{RegGetValueW, HKEY_LOCAL_MACHINE, RRF_RT_REG_DWORD, RRF_RT_REG_SZ};
use windows_sys::Win32::System::SystemInformation::{OSVERSIONINFOEXW, OSVERSIONINFOW};
use windows_sys::Win32::System::SystemServices::{VER_NT_DOMAIN_CONTROLLER, VER_NT_SERVER};

const CURRENT_VERSION: &str = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion";

/// This Windows' version; the registry's two values are left out when absent
/// (Windows before 10 20H2 has no DisplayVersion; Wine may have neither).
pub(super) fn read() -> Result<WindowsVersion, Unmeasured> {
    let mut info = OSVERSIONINFOEXW {
        dwOSVersionInfoSize: size_of::<OSVERSIONINFOEXW>() as u32,
        ..Default::default()
    };
    // SAFETY: `info` is a writable OSVERSIONINFOEXW whose size field says so;
    // RtlGetVersion takes it in place of an OSVERSIONINFOW and fills the rest.
    let status = unsafe { RtlGetVersion((&mut info as *mut OSVERSIONINFOEXW).cast::<OSVERSIONINFOW>()) };
    if status != STATUS_SUCCESS {
        return Err(Unmeasured::SystemCall {
            call: "RtlGetVersion",
            status,
        });
    }
    Ok(WindowsVersion {
        major: info.dwMajorVersion,
        minor: info.dwMinorVersion,
        build: info.dwBuildNumber,
        server: matches!(u32::from(info.wProductType), VER_NT_SERVER | VER_NT_DOMAIN_CONTROLLER),
        display_version: registry_text("DisplayVersion"),
        update_revision: registry_number("UBR"),
    })
}

/// A REG_SZ value of the CurrentVersion key, or None when it is absent.
fn registry_text(value: &str) -> Option<String> {
    let (key, name) = (wide(CURRENT_VERSION), wide(value));
    let mut buffer = [0u16; 128];
    let mut bytes = size_of_val(&buffer) as u32;
    // SAFETY: both names are NUL-terminated and outlive the call; `bytes` is
    // the buffer's size in bytes, and the type flag allows REG_SZ only.
    let status = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            name.as_ptr(),
            RRF_RT_REG_SZ,
            null_mut(),
            buffer.as_mut_ptr().cast::<c_void>(),
            &mut bytes,
        )
    };
    if status != ERROR_SUCCESS {
        return None;
    }
    // `bytes` counts the terminating NUL, which RegGetValueW guarantees.
    let written = &buffer[..(bytes as usize / 2).min(buffer.len())];
    let text = written.split(|unit| *unit == 0).next().unwrap_or_default();
    Some(String::from_utf16_lossy(text))
}

/// A REG_DWORD value of the CurrentVersion key, or None when it is absent.
fn registry_number(value: &str) -> Option<u32> {
    let (key, name) = (wide(CURRENT_VERSION), wide(value));
    let mut number: u32 = 0;
    let mut bytes = size_of::<u32>() as u32;
    // SAFETY: as above; the destination is one u32 and the flag allows REG_DWORD only.
    let status = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            name.as_ptr(),
            RRF_RT_REG_DWORD,
            null_mut(),
            (&mut number as *mut u32).cast::<c_void>(),
            &mut bytes,
        )
    };
    (status == ERROR_SUCCESS).then_some(number)
}

/// A NUL-terminated UTF-16 copy of `text`, as the W functions take it.
fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(Some(0)).collect()
}
