//! Before any sign-in, every row that reads the sign-in and the inspector's
//! error say so in one wording (issue 24: it was written three ways),
//! against the real provider so the rows are not skipped for another reason.

#[allow(dead_code)] // the shared helpers this test does not use
mod support;

use doctor::checks::ids;
use doctor::signin::{Session, WhichToken, NOT_SIGNED_IN};
use doctor::{ActionKind, Diagnosis, Status};
use std::sync::Arc;
use support::profile;
use test_peers::OidcProvider;

#[tokio::test]
async fn before_a_sign_in_the_rows_and_the_inspector_say_it_the_same_way() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let session = Arc::new(Session::default());
    let summary = Diagnosis::new(profile(&provider, "alice"))
        .with_session(session.clone())
        .run(1, Arc::new(|_| {}))
        .await;
    for id in [ids::SIGNIN, ids::TOKEN, ids::TOKEN_CALL] {
        let row = summary.results.iter().find(|r| r.id == id).expect("row");
        assert_eq!(row.status, Status::Skipped, "{row:#?}");
        assert_eq!(row.summary, NOT_SIGNED_IN, "{row:#?}");
        assert!(
            row.actions.iter().any(|a| a.kind == ActionKind::Reauthenticate),
            "{row:#?}"
        );
    }
    let inspector = session.token(WhichToken::IdToken).expect_err("no tokens yet");
    assert_eq!(inspector.to_string(), NOT_SIGNED_IN);
}
