//! The clock every check reads, injected so tests can fix the time.

use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Returns "now" in UTC. Production uses [`system_now`]; tests pass a fixed one.
pub type Now = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The operating system's clock.
pub fn system_now() -> Now {
    Arc::new(Utc::now)
}

/// A clock stuck at one instant, for tests and replays.
pub fn fixed_now(at: DateTime<Utc>) -> Now {
    Arc::new(move || at)
}
