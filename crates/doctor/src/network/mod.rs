//! Network checks: can this machine reach the sign-in service, and if not,
//! at exactly which step does it fail.

mod connect;
mod connection;
mod discovery;
mod exchange;
mod http_client;
mod reachability;
mod resolver;
mod step;
mod tls;
mod trail;

pub use discovery::DiscoveryDocument;
pub use http_client::{HttpClient, HttpFailure};
pub use reachability::{fetch_discovery, ReachabilityProbe};
pub use resolver::{Resolver, SystemResolver};
pub use step::{Step, StepFailure};
