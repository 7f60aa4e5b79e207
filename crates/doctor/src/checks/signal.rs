//! What a check found, as facts the headline diagnosis reasons over. The
//! row's words are for people; these are for the rules in `headline/`, so
//! no rule ever reads a sentence.

use crate::network::Step;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Signal {
    /// The sign-in service could not be reached; `step` names where it failed.
    ServiceUnreachable { step: Step, timed_out: bool },
    /// TLS to the sign-in host is inspected by the network.
    TlsInspected { trusted: bool },
    /// The sign-in host's certificate is out of date (often the clock).
    CertificateOutOfDate,
    /// A proxy refused the app or cannot be followed.
    ProxyInTheWay,
    /// A captive portal answers in place of the internet.
    CaptivePortal,
    /// This computer's clock is off by this many whole seconds (ahead when positive).
    ClockOff { seconds: i64 },
    /// Conditional Access (or a device policy) refused the token.
    PolicyBlocked {
        code: u32,
        device_code_flow: bool,
        has_request_id: bool,
        has_correlation_id: bool,
    },
    /// Another refusal from the sign-in service.
    SignInRefused { code: Option<u32> },
    /// The saved session has expired or was revoked: signing in again fixes it.
    SessionEnded,
    /// Microsoft Entra does not know this device.
    DeviceUnknownToEntra,
    /// The default browser cannot send the device's identity to Entra.
    BrowserWithoutDeviceSignal,
    /// Microsoft reports an active incident that touches sign-in.
    ServiceIncident,
    /// A resource answered the token with a claims challenge (401
    /// insufficient_claims): Conditional Access or continuous access
    /// evaluation asks for more.
    ClaimsChallenge,
}
