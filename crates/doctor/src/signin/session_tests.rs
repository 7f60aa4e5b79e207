//! The session answers only under the settings its tokens were issued for.

use super::*;
use crate::signin::attempt::Flow;
use crate::signin::run::signed_in_outcome;

fn signed_in(session: &Session, profile: &Profile) {
    let tokens = TokenSet {
        access_token: Secret::new("access".to_owned()),
        refresh_token: None,
        id_token: None,
        expires_at: None,
        scopes: Vec::new(),
        nonce: None,
    };
    let now = chrono::Utc::now();
    let attempt = Attempt {
        flow: Flow::AuthorizationCode,
        client_request_id: String::new(),
        started_at: now,
        finished_at: now,
        token_round_trip_ms: None,
        outcome: signed_in_outcome(&tokens),
    };
    session.record(profile, attempt, Some(tokens));
}

#[test]
fn tokens_are_read_only_under_the_settings_they_were_issued_for() {
    let entra = Profile::defaults();
    let session = Session::default();
    assert_eq!(session.tokens_for(&entra).err(), Some(SessionTokenError::NotSignedIn));
    signed_in(&session, &entra);
    assert!(session.tokens_for(&entra).is_ok());

    let mut other_authority = entra.clone();
    other_authority.authority = Authority::parse("https://login.example.net/tenant/v2.0").expect("authority");
    let mut other_tenant = entra.clone();
    other_tenant.authority =
        Authority::parse("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0").expect("authority");
    let mut other_client = entra.clone();
    other_client.client_id = "11111111-2222-3333-4444-555555555555".to_owned();
    let helpdesk = crate::helpdesk::helpdesk_profile(&entra);
    for other in [&other_authority, &other_tenant, &other_client, &helpdesk] {
        let refused = session.tokens_for(other).expect_err("another profile");
        assert_eq!(refused, SessionTokenError::OtherAuthority);
        assert_eq!(refused.to_string(), OTHER_AUTHORITY);
        assert!(!session.is_under(other));
    }

    // Saving Settings: the same settings keep the sign-in, others drop it.
    assert!(!session.clear_unless_under(&entra));
    assert!(session.tokens_for(&entra).is_ok());
    assert!(session.clear_unless_under(&other_client));
    assert!(session.tokens().is_none() && session.last_attempt().is_none());
    assert!(session.is_under(&other_client), "nothing left to refuse");
}
