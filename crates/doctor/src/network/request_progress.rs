//! How far one plain request got (name looked up, connection made), so one
//! that runs out of time still names the step it was in. The shared client's
//! resolver and connector write it through a task-local: both run inside the
//! request's own task (hyper polls a new connection there).

use super::step::{NetworkFailure, Step};
use futures::future::BoxFuture;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

tokio::task_local! {
    static PROGRESS: Arc<Progress>;
}

#[derive(Default)]
pub(super) struct Progress {
    looking_up: AtomicBool,
    looked_up: AtomicBool,
    connecting: AtomicBool,
    connected: AtomicBool,
    answered: AtomicBool,
}

impl Progress {
    /// Runs `request` with this record in scope.
    pub async fn track<F: Future>(self: &Arc<Self>, request: F) -> F::Output {
        PROGRESS.scope(self.clone(), request).await
    }

    /// The record of the request running in this task, if any.
    pub fn current() -> Option<Arc<Self>> {
        PROGRESS.try_with(Arc::clone).ok()
    }

    pub fn looking_up(&self) {
        self.looking_up.store(true, Ordering::Relaxed);
    }

    pub fn looked_up(&self) {
        self.looked_up.store(true, Ordering::Relaxed);
    }

    pub fn answered(&self) {
        self.answered.store(true, Ordering::Relaxed);
    }

    /// The step that ran out of time, in the words of [`NetworkFailure::timed_out`].
    pub fn timed_out(&self, waited: Duration, host: &str, via: Option<&str>) -> NetworkFailure {
        let seen = |flag: &AtomicBool| flag.load(Ordering::Relaxed);
        let through = via
            .map(|proxy| format!(" through the proxy {proxy}"))
            .unwrap_or_default();
        let (step, what) = if seen(&self.answered) {
            (
                Step::Http,
                format!("reading the answer from {host}: it came too slowly"),
            )
        } else if seen(&self.connected) || !seen(&self.connecting) {
            // No new connection was needed when a pooled one was reused.
            (
                Step::Http,
                "waiting for the server's answer: the connection opened but no HTTP response came".to_owned(),
            )
        } else if seen(&self.looking_up) && !seen(&self.looked_up) {
            (Step::Dns, format!("looking up {} in DNS", via.unwrap_or(host)))
        } else {
            (
                Step::Connect,
                format!("connecting to {host}{through}: no secure connection was made (a firewall may be dropping the traffic)"),
            )
        };
        NetworkFailure::timed_out(step, waited, &what)
    }
}

/// A connector layer that notes when a new connection starts and is made.
#[derive(Clone, Copy)]
pub(super) struct MarkConnections;

impl<S> tower_layer::Layer<S> for MarkConnections {
    type Service = Marked<S>;

    fn layer(&self, inner: S) -> Marked<S> {
        Marked(inner)
    }
}

#[derive(Clone)]
pub(super) struct Marked<S>(S);

impl<S, R> tower_service::Service<R> for Marked<S>
where
    S: tower_service::Service<R>,
    S::Future: Send + 'static,
    S::Response: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<S::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        // Taken now: hyper may finish the connection in a task of its own.
        let progress = Progress::current();
        if let Some(progress) = &progress {
            progress.connecting.store(true, Ordering::Relaxed);
        }
        let connecting = self.0.call(request);
        Box::pin(async move {
            let connection = connecting.await;
            if let (Ok(_), Some(progress)) = (&connection, progress) {
                progress.connected.store(true, Ordering::Relaxed);
            }
            connection
        })
    }
}
