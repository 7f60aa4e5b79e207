//! "Microsoft service health": Microsoft's public Azure status feed, read for
//! active incidents that touch sign-in (Entra ID, Azure Active Directory).
//! Anyone can read it; no admin rights are needed.

mod feed;
mod probe;

pub use feed::{parse_feed, FeedError, FeedItem};
pub use probe::{ServiceHealthProbe, ADMIN_SERVICE_HEALTH, TITLE};
