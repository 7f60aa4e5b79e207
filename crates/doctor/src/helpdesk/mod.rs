//! Help-desk mode: from a user's packet to the Conditional Access policy
//! that refused them, through Microsoft Graph's sign-in logs, the policies
//! themselves and What If (research: graph-signin-logs.md). The window and
//! `signin-doctor-cli lookup` both call [`sign_in_and_look_up`] (the
//! help-desk sign-in, then [`lookup`]); [`packet`] reads what the user sent.

mod answer;
mod cloud;
mod countdown;
mod entry;
mod explain;
mod find;
mod forget;
mod graph;
mod graph_problem;
mod input;
mod journey;
mod journey_progress;
mod journey_words;
mod lookup;
pub mod packet;
mod policy;
mod problem;
mod profile;
mod progress;
mod resume;
mod what_if;

pub use answer::{DeviceSummary, LocationSummary, LookupAnswer, MatchSummary, PolicyVerdict, SignInSummary};
pub use cloud::{graph_target, help_desk_graph, Cloud, GraphTarget};
pub use entry::{AppliedPolicy, Page, SignInEntry};
pub use explain::{explain, Explanation, Unmet};
pub use forget::{forget_help_desk_sign_in, forgotten_words};
pub use input::{LookupInput, WhatIfQuery};
pub use journey::{sign_in_and_look_up, Cancelled, HelpDeskContext, SignInWay};
pub use journey_progress::HelpDeskProgress;
pub use lookup::{lookup, LookupContext};
pub use policy::Policy;
pub use problem::{Problem, ProblemKind, LEAST_ROLE, LOGS_SCOPE, POLICY_SCOPE};
pub use profile::helpdesk_profile;
pub use progress::{LookupLimits, LookupProgress};
pub use resume::resume_saved;
pub use what_if::{parse as parse_what_if, WhatIfAnswer, WhatIfPolicy};
