//! The help-desk sign-in's profile: the user-side profile's authority,
//! proxy, bounds and redirect, with the help-desk client, scopes and account.
//! It is flagged `helpdesk`, so its saved session is a keychain entry of its
//! own. Sign in with it through the ordinary `signin` calls.

use crate::profile::Profile;

pub fn helpdesk_profile(user_side: &Profile) -> Profile {
    let mut profile = user_side.clone();
    profile.client_id = user_side.helpdesk_client_id.clone();
    profile.scopes = user_side.helpdesk_scopes.clone();
    profile.login_hint = user_side.helpdesk_login_hint.clone();
    profile.helpdesk = true;
    profile
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_helpdesk_session_never_shares_the_user_sides_keychain_entry() {
        let mut user_side = Profile::defaults();
        // Even when an organisation gives both sides the same client.
        user_side.helpdesk_client_id = user_side.client_id.clone();
        let helpdesk = helpdesk_profile(&user_side);
        assert_ne!(helpdesk.session_key(), user_side.session_key());
        let defaults = helpdesk_profile(&Profile::defaults());
        assert_eq!(defaults.client_id, "14d82eec-204b-4c2f-b7e8-296a70dab67e");
        for scope in ["AuditLog.Read.All", "Directory.Read.All", "Policy.Read.All"] {
            assert!(defaults.scopes.iter().any(|s| s == scope), "{scope}");
        }
    }
}
