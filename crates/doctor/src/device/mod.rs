//! What Conditional Access evaluates about this device: the OS and the
//! platform Entra sees, how the device is joined or registered, and
//! whether the default browser can carry the device's identity. Each fact
//! says whether it was measured here or does not exist on this OS.

mod app_sso;
mod browser;
mod collect;
mod command;
mod dsregcmd;
mod fact;
mod linux_broker;
mod os;
mod probe;
mod what_if;
#[cfg(windows)]
mod windows_version;

pub use app_sso::{parse as parse_app_sso, PlatformSsoStatus};
pub use browser::{classify as classify_browser, BrowserKind, DefaultBrowser, DeviceSignal};
#[doc(hidden)]
pub use browser::{describe as describe_browser, parse_macos_handlers, parse_windows_prog_id};
pub use collect::{collect, DeviceContext};
pub use dsregcmd::{parse as parse_dsregcmd, DsregStatus, PrtError};
pub use fact::{Availability, Fact};
pub use os::entra_platform;
pub use probe::DeviceProbe;
pub use what_if::{sign_in_facts, what_if, WhatIfInputs};
