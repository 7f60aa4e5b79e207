//! Name resolution, behind a trait so tests can inject DNS faults without
//! sending queries anywhere. Both transports resolve through it.

use super::request_progress::Progress;
use super::step::{network_fix_steps, NetworkFailure, Step};
use futures::future::BoxFuture;
use futures::FutureExt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

pub trait Resolver: Send + Sync {
    fn resolve<'a>(&'a self, host: &'a str, port: u16) -> BoxFuture<'a, io::Result<Vec<SocketAddr>>>;
}

/// The operating system's resolver (getaddrinfo), as the browser uses it.
pub struct SystemResolver;

impl Resolver for SystemResolver {
    fn resolve<'a>(&'a self, host: &'a str, port: u16) -> BoxFuture<'a, io::Result<Vec<SocketAddr>>> {
        async move { Ok(tokio::net::lookup_host((host, port)).await?.collect()) }.boxed()
    }
}

/// A lookup that found nothing, kept whole so the shared client's error
/// still names the DNS step and the host.
#[derive(Debug, thiserror::Error)]
#[error("DNS lookup of {host} failed")]
pub(super) struct LookupFailed {
    pub host: String,
    #[source]
    pub error: Option<io::Error>,
}

impl LookupFailed {
    pub fn failure(&self) -> NetworkFailure {
        dns_failure(&self.host, self.error.as_ref())
    }
}

/// What to say when `host` did not resolve: an error, or no addresses.
pub(super) fn dns_failure(host: &str, error: Option<&io::Error>) -> NetworkFailure {
    match error {
        Some(e) => NetworkFailure::new(Step::Dns, format!("DNS failed: could not find {host}."))
            .detail(e)
            .fix(
                network_fix_steps()
                    .into_iter()
                    .chain(["Check the sign-in authority in Settings for a typo in the host name."]),
            ),
        None => {
            NetworkFailure::new(Step::Dns, format!("DNS failed: {host} has no addresses.")).fix(network_fix_steps())
        }
    }
}

/// The injected resolver, as the shared client asks for names (the port is
/// set by the client afterwards).
pub(super) struct ForSharedClient(pub Arc<dyn Resolver>);

impl reqwest::dns::Resolve for ForSharedClient {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let resolver = self.0.clone();
        let host = name.as_str().to_owned();
        // Taken now: hyper may finish the lookup in a task of its own.
        let progress = Progress::current();
        if let Some(progress) = &progress {
            progress.looking_up();
        }
        Box::pin(async move {
            match resolver.resolve(&host, 0).await {
                Ok(addresses) if !addresses.is_empty() => {
                    if let Some(progress) = progress {
                        progress.looked_up();
                    }
                    Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs)
                }
                Ok(_) => Err(Box::new(LookupFailed { host, error: None }) as _),
                Err(error) => Err(Box::new(LookupFailed {
                    host,
                    error: Some(error),
                }) as _),
            }
        })
    }
}
