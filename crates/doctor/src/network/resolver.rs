//! Name resolution, behind a trait so tests can inject DNS faults without
//! sending queries anywhere.

use futures::future::BoxFuture;
use futures::FutureExt;
use std::io;
use std::net::SocketAddr;

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
