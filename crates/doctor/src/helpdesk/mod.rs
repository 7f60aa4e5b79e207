//! Help-desk mode: from a user's packet to the Conditional Access policy
//! that blocked them. `packet` reads what the user sent.

pub mod packet;
