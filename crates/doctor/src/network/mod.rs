//! Network checks: can this machine reach the sign-in service, and if not,
//! at exactly which step does it fail; and what lies on the way (proxy,
//! DNS answers, TLS inspection, captive portal).
//!
//! Two transports, each for its job:
//! - **The step-by-step connector** (`connection`, `connect`, `tls`,
//!   `proxy::connect_through`, `exchange`) times DNS, connect, proxy tunnel,
//!   TLS and HTTP one by one and keeps the certificate chain even when it is
//!   not trusted. Only the reachability and network-path checks use it: the
//!   per-step timing and the record of an inspecting chain are their point.
//! - **[`HttpClient`]** carries every plain request (discovery, JWKS, token,
//!   device code, userinfo, status feed, HTTP `Date`, captive-portal test)
//!   on one shared `reqwest::Client` per profile (`shared_client`), built
//!   with the same rustls config, the profile's proxy and bypass list, and
//!   the per-request bounds. It cannot be built without the proxy settings.
//!
//! Both resolve names through the injected [`Resolver`] and describe a
//! failure as a [`NetworkFailure`] in the same words.

mod captive_portal;
mod connect;
mod connection;
mod discovery;
mod discovery_trust;
mod exchange;
mod http_client;
mod http_failure;
mod inspection_products;
mod path_probe;
mod private_address;
pub mod proxy;
mod reachability;
mod request_progress;
mod resolver;
mod shared_client;
mod step;
mod tls;
pub mod tls_chain;
mod trail;
pub mod web_address;

pub use discovery::DiscoveryDocument;
pub use discovery_trust::DiscoveryRefusal;
pub use http_client::{HttpClient, HttpFailure};
pub use path_probe::NetworkPathProbe;
pub use proxy::ProxySettings;
pub use reachability::{fetch_discovery, ReachabilityProbe};
pub use resolver::{Resolver, SystemResolver};
pub use step::{FailedStep, NetworkFailure, Step};
