//! Windows: the time zone setting, read with GetDynamicTimeZoneInformation.
//! Its key name ("W. Europe Standard Time") is the same in every language
//! and works where the WinRT call iana-time-zone makes does not (Wine,
//! stripped-down systems).

use windows_sys::Win32::System::Time::{
    GetDynamicTimeZoneInformation, DYNAMIC_TIME_ZONE_INFORMATION, TIME_ZONE_ID_INVALID,
};

/// The zone's registry key name, or None when Windows does not say.
pub(super) fn key_name() -> Option<String> {
    let mut info = DYNAMIC_TIME_ZONE_INFORMATION::default();
    // SAFETY: `info` is a writable DYNAMIC_TIME_ZONE_INFORMATION, which the call fills.
    if unsafe { GetDynamicTimeZoneInformation(&mut info) } == TIME_ZONE_ID_INVALID {
        return None;
    }
    let key = &info.TimeZoneKeyName;
    let end = key.iter().position(|unit| *unit == 0).unwrap_or(key.len());
    let name = String::from_utf16_lossy(&key[..end]).trim().to_owned();
    (!name.is_empty()).then_some(name)
}
