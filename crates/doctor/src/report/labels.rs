//! The packet's words that help-desk reads it by: its title, its sections
//! and its rows' labels. The writer (`document`), the reader
//! (`helpdesk::packet`) and the CLI use these, so a packet any version wrote
//! is read by the same words (they stay stable: no translation).

/// The Markdown and HTML packet's title.
pub const TITLE: &str = "Sign-in Doctor report";
/// The JSON packet's `report` field.
pub const JSON_REPORT: &str = "Sign-in Doctor help-desk packet";
/// The line that says when and by what the packet was made: "Made … UTC by Sign-in Doctor 0.1.0."
pub const MADE: &str = "Made ";
/// In the footer of a packet made in presenter mode.
pub const PRESENTER_MODE: &str = "(presenter mode)";

/// The sections, in the order the packet has them.
pub mod section {
    pub const DIAGNOSIS: &str = "Diagnosis";
    pub const SUMMARY: &str = "Summary";
    pub const ERROR: &str = "The error";
    pub const ATTEMPT: &str = "Last sign-in through the app";
    pub const DEVICE: &str = "This device and sign-in, as Conditional Access sees them";
    /// The heading goes on with where What If is in the admin center.
    pub const WHAT_IF: &str = "What If inputs";
    pub const WHAT_IF_WHERE: &str = "(Entra admin center › Conditional Access › Policies › What If)";
}

// The IDs help-desk searches the sign-in logs by.
pub const REQUEST_ID: &str = "Request ID (Trace ID)";
pub const CORRELATION_ID: &str = "Correlation ID";
pub const TIMESTAMP: &str = "Timestamp (UTC)";

// Summary.
pub const AUTHORITY: &str = "Authority";
pub const CLIENT_ID: &str = "Application (client) ID";
pub const TENANT: &str = "Tenant";

// The error.
pub const APPLICATION_ID: &str = "Application ID";

// The app's last sign-in.
pub const STARTED: &str = "Started";
pub const CLIENT_REQUEST_ID: &str = "Client request ID (sent as client-request-id)";
pub const RESULT: &str = "Result";
pub const ACCOUNT: &str = "Account";
pub const ERROR_CODE: &str = "Error code";

// What If inputs.
pub const USER: &str = "User";
pub const RESOURCE: &str = "Target resource (cloud app)";
pub const CLIENT_APP_ID: &str = "Client app signed in to (application ID)";
pub const CLIENT_APPS: &str = "Client apps";
pub const AUTHENTICATION_FLOWS: &str = "Authentication flows";
pub const DEVICE_PLATFORM: &str = "Device platform";
pub const DEVICE_STATE: &str = "Device state";
pub const LOCATION: &str = "Location / IP";
pub const SIGN_IN_TIME: &str = "Sign-in time (UTC)";

// Facts about the sign-in, read back from any section. `device::what_if`
// labels its facts with the same words (it stands below `report`, so it
// cannot use these).
pub const FACT_USER: &str = "User (UPN)";
pub const FACT_SIGN_IN_FLOW: &str = "Sign-in flow used";
