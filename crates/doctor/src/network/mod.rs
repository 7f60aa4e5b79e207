//! Network checks: can this machine reach the sign-in service, and if not,
//! at exactly which step does it fail.

mod connect;
mod discovery;
mod http_get;
mod reachability;
mod resolver;
mod step;
mod tls;

pub use discovery::DiscoveryDocument;
pub use reachability::ReachabilityProbe;
pub use resolver::{Resolver, SystemResolver};
pub use step::{Step, StepFailure};
