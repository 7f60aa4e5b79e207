//! Sign-in Doctor's engine: every check, protocol and report.
//!
//! Nothing here knows about windows or Tauri; the desktop shell and the
//! `signin-doctor-cli` binary both drive this crate.

pub mod aadsts;
mod app_error;
pub mod checks;
pub mod clock;
pub mod device;
pub mod diagnosis;
pub mod headline;
pub mod helpdesk;
pub mod network;
pub mod os_tool;
pub mod personal;
pub mod profile;
pub mod remote_clock;
pub mod report;
pub mod secret;
pub mod service_health;
pub mod signin;
pub mod store;
pub mod token;
pub mod token_call;
pub mod words;

pub use app_error::AppError;
pub use checks::{Action, ActionKind, Check, CheckId, CheckResult, Evidence, ProgressEvent, RunSummary, Status};
pub use diagnosis::Diagnosis;
pub use profile::{Profile, ProfileReport};
