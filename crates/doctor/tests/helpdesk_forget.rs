//! Issue 23 item 4: Forget removes the help-desk sign-in, and a refresh
//! token the service rotates while Forget is pressed is not saved back
//! (RFC 9700 §4.14.2). The sign-in service is a real listener on 127.0.0.1
//! whose token endpoint answers a refresh after a delay.

#[path = "support/memory_store.rs"]
mod memory_store;

use doctor::helpdesk::{forget_help_desk_sign_in, helpdesk_profile, resume_saved};
use doctor::network::{HttpClient, ProxySettings, SystemResolver};
use doctor::secret::Secret;
use doctor::signin::{Session, SignInContext};
use doctor::store::TokenStore;
use doctor::Profile;
use memory_store::MemoryStore;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// A sign-in service: its discovery document, and a token endpoint that
/// answers every refresh with a rotated refresh token after `delay`.
fn rotating_service(delay: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let me = format!("http://127.0.0.1:{}", listener.local_addr().expect("addr").port());
    let issuer = me.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let issuer = issuer.clone();
            std::thread::spawn(move || {
                let _ = serve(stream, &issuer, delay);
            });
        }
    });
    me
}

fn serve(stream: TcpStream, me: &str, delay: Duration) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    let answer = if request_line.contains("/token") {
        std::thread::sleep(delay);
        serde_json::json!({
            "access_token": "fresh-access-token",
            "token_type": "Bearer",
            "expires_in": 3600,
            "refresh_token": "rotated-refresh-token",
        })
    } else {
        serde_json::json!({
            "issuer": me,
            "authorization_endpoint": format!("{me}/authorize"),
            "token_endpoint": format!("{me}/token"),
            "jwks_uri": format!("{me}/jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        })
    }
    .to_string();
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        answer.len()
    )?;
    stream.flush()
}

fn user_side_at(authority: &str) -> Profile {
    let mut p = Profile::defaults();
    p.authority = doctor::profile::Authority::parse(authority).expect("authority");
    p.check_timeout = Duration::from_secs(5);
    p.proxy = doctor::profile::ProxyChoice::Direct;
    p
}

fn http() -> HttpClient {
    HttpClient::new(
        Arc::new(ProxySettings::none()),
        Arc::new(SystemResolver),
        Duration::from_secs(5),
    )
}

#[tokio::test]
async fn a_refresh_token_rotated_while_forget_is_pressed_is_not_saved_back() {
    let user_side = user_side_at(&rotating_service(Duration::from_millis(400)));
    let profile = helpdesk_profile(&user_side);
    let key = profile.session_key();
    let store = Arc::new(MemoryStore::default());
    store
        .save_refresh_token(&key, &Secret::new("saved-refresh-token".to_owned()))
        .expect("save");
    let session = Session::default();
    let http = http();
    let ctx = SignInContext {
        profile: &profile,
        http: &http,
        session: &session,
        token_store: store.clone(),
        now: doctor::clock::system_now(),
    };
    let forgetting = async {
        // While the refresh is at the token endpoint.
        tokio::time::sleep(Duration::from_millis(150)).await;
        forget_help_desk_sign_in(&user_side, &session, store.clone()).await
    };
    let (resumed, forgot) = tokio::join!(resume_saved(&ctx), forgetting);
    let words = forgot.expect("forgotten");
    assert!(words.contains("help-desk sign-in"), "{words}");
    assert!(resumed.is_some(), "the lookup under way still had its tokens");
    assert!(
        store.load_refresh_token(&key).expect("load").is_none(),
        "the rotated refresh token was saved back after Forget"
    );

    // Without a Forget, the rotated one replaces the saved one.
    store
        .save_refresh_token(&key, &Secret::new("saved-refresh-token".to_owned()))
        .expect("save");
    assert!(resume_saved(&ctx).await.is_some());
    let saved = store.load_refresh_token(&key).expect("load").expect("saved");
    assert_eq!(saved.expose(), "rotated-refresh-token");
}

#[tokio::test]
async fn forget_removes_only_the_help_desk_sign_in() {
    let user_side = user_side_at("https://login.microsoftonline.com/organizations/v2.0");
    let store = Arc::new(MemoryStore::default());
    let desk_key = helpdesk_profile(&user_side).session_key();
    let user_key = user_side.session_key();
    for key in [&desk_key, &user_key] {
        store
            .save_refresh_token(key, &Secret::new("saved".to_owned()))
            .expect("save");
    }
    let words = forget_help_desk_sign_in(&user_side, &Session::default(), store.clone())
        .await
        .expect("forgotten");
    assert_eq!(
        words,
        "The saved help-desk sign-in for https://login.microsoftonline.com/organizations/v2.0 was deleted from this computer."
    );
    assert!(store.load_refresh_token(&desk_key).expect("load").is_none());
    assert!(
        store.load_refresh_token(&user_key).expect("load").is_some(),
        "the user side's stays"
    );
}
