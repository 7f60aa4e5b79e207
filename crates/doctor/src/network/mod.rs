//! Network checks: can this machine reach the sign-in service, and if not,
//! at exactly which step does it fail; and what lies on the way (proxy,
//! DNS answers, TLS inspection, captive portal).

mod captive_portal;
mod connect;
mod connection;
mod discovery;
mod exchange;
mod http_client;
mod inspection_products;
mod path_probe;
mod private_address;
pub mod proxy;
mod reachability;
mod resolver;
mod step;
mod tls;
pub mod tls_chain;
mod trail;

pub use discovery::DiscoveryDocument;
pub use http_client::{HttpClient, HttpFailure};
pub use path_probe::NetworkPathProbe;
pub use proxy::ProxySettings;
pub use reachability::{fetch_discovery, ReachabilityProbe};
pub use resolver::{Resolver, SystemResolver};
pub use step::{FailedStep, Step, StepFailure};
