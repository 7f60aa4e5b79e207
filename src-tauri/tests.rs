//! The command layer on Tauri's mock runtime: what the web view gets back.

use crate::{run_app, ErrorKind, IpcError};
use serde_json::{json, Value};
use std::sync::OnceLock;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// Every test in this binary shares one scratch config folder, set before
/// any app is built, so the real user's settings are never touched.
fn scratch_config() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    std::env::set_var("SIGNIN_DOCTOR_CONFIG", dir.path().join("config.toml"));
    std::env::set_var("SIGNIN_DOCTOR_SYSTEM_CONFIG", dir.path().join("system.toml"));
    std::env::remove_var("SIGNIN_DOCTOR_AUTHORITY");
    std::env::set_var("SIGNIN_DOCTOR_DATA_DIR", dir.path().join("data"));
    dir.path()
}

fn app() -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    scratch_config();
    let app = run_app(mock_builder())
        .build(mock_context(noop_assets()))
        .expect("the app builds on the mock runtime");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("main window");
    (app, window)
}

/// Where the app's page is served from, as the capability's local origin
/// matches it: WebView2 (Windows) serves custom protocols over http.
const PAGE_ORIGIN: &str = if cfg!(windows) {
    "http://tauri.localhost"
} else {
    "tauri://localhost"
};

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: PAGE_ORIGIN.parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("JSON answer"))
}

#[test]
fn ipc_error_json_is_kind_and_message() {
    let error = IpcError::new(ErrorKind::InvalidInput, "Sign-in authority: \"x\" is not a URL");
    assert_eq!(
        serde_json::to_value(&error).expect("json"),
        json!({"kind": "invalid_input", "message": "Sign-in authority: \"x\" is not a URL"})
    );
    for (kind, word) in [
        (ErrorKind::Config, "config"),
        (ErrorKind::Io, "io"),
        (ErrorKind::Cancelled, "cancelled"),
        (ErrorKind::Internal, "internal"),
    ] {
        assert_eq!(serde_json::to_value(kind).expect("json"), json!(word));
    }
}

#[test]
fn list_checks_names_the_reachability_row() {
    let (_app, window) = app();
    let checks = invoke(&window, "list_checks", json!({})).expect("ok");
    assert_eq!(checks[0]["id"], "reachability");
    assert_eq!(checks[0]["title"], "Sign-in service reachable");
    assert_eq!(checks[0]["bound_ms"], 10_000);
}

#[test]
fn settings_round_trip_through_the_commands_and_bad_input_is_a_typed_error() {
    let (_app, window) = app();
    let profile = invoke(&window, "get_profile", json!({})).expect("ok");
    assert!(profile["user_config"].as_str().expect("path").ends_with("config.toml"));

    let refused = invoke(
        &window,
        "save_settings",
        json!({"edits": [{"key": "authority", "value": "http://login.example.com"}]}),
    )
    .expect_err("plain http to a public host is refused");
    assert_eq!(refused["kind"], "invalid_input");
    assert!(refused["message"].as_str().expect("text").contains("plain http"));

    let unknown = invoke(
        &window,
        "save_settings",
        json!({"edits": [{"key": "colour", "value": "blue"}]}),
    )
    .expect_err("unknown key");
    assert_eq!(unknown["kind"], "invalid_input");

    let saved = invoke(
        &window,
        "save_settings",
        json!({"edits": [{"key": "client_id", "value": "11111111-2222-3333-4444-555555555555"}]}),
    )
    .expect("saved");
    let client = saved["settings"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["key"] == "client_id"))
        .expect("client_id row");
    assert_eq!(client["value"], "11111111-2222-3333-4444-555555555555");
    assert_eq!(client["source"]["kind"], "user_file");

    let cleared = invoke(
        &window,
        "save_settings",
        json!({"edits": [{"key": "client_id", "value": ""}]}),
    )
    .expect("cleared");
    assert_eq!(cleared["settings"][1]["source"]["kind"], "default");
}

#[test]
fn cancel_with_nothing_running_says_so() {
    let (_app, window) = app();
    assert_eq!(invoke(&window, "cancel_run", json!({})).expect("ok"), json!(false));
}

#[test]
fn cancel_and_paste_with_no_sign_in_waiting_say_so() {
    let (_app, window) = app();
    assert_eq!(invoke(&window, "cancel_sign_in", json!({})).expect("ok"), json!(false));
    assert_eq!(
        invoke(&window, "paste_sign_in_error", json!({"text": "Error Code: 53003"})).expect("ok"),
        json!(false)
    );
}

#[test]
fn history_is_empty_at_first_and_a_code_filter_is_accepted() {
    let (_app, window) = app();
    assert!(invoke(&window, "list_history", json!({"code": 53003}))
        .expect("ok")
        .as_array()
        .is_some_and(|a| a.is_empty()));
    assert!(invoke(&window, "list_history", json!({})).expect("ok").is_array());
}

/// A peer that accepts and never answers, and reports when its client hangs up.
fn hung_peer() -> (u16, std::sync::mpsc::Receiver<std::time::Instant>) {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listener");
    let port = listener.local_addr().expect("addr").port();
    let (hung_up, hang_ups) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(20)));
            let mut buf = [0u8; 1024];
            // The request arrives, then nothing until the client closes.
            while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
            let _ = hung_up.send(std::time::Instant::now());
        }
    });
    (port, hang_ups)
}

/// A profile whose authority is on `port`, and nothing else on the network.
fn profile_at(port: u16) -> doctor::Profile {
    use doctor::profile::{Authority, ProxyChoice};
    let closed = |path: &str| {
        let port = test_peers::closed_port().expect("port");
        url::Url::parse(&format!("http://127.0.0.1:{port}/{path}")).expect("url")
    };
    let mut profile = doctor::Profile::defaults();
    profile.authority = Authority::parse(&format!("http://127.0.0.1:{port}")).expect("authority");
    profile.check_timeout = std::time::Duration::from_secs(10);
    profile.ntp_servers = vec![format!("127.0.0.1:{}", test_peers::closed_port().expect("port"))];
    profile.status_feed = closed("feed");
    profile.connectivity_check_url = closed("connecttest.txt");
    profile.proxy = ProxyChoice::Direct;
    profile
}

/// Re-running while a run is in flight cancels the old one at once, and its
/// connections close (the hung peer sees end-of-file), while the new run
/// finishes on its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_run_cancels_the_one_in_flight_and_closes_its_connections() {
    use std::time::{Duration, Instant};

    scratch_config();
    let (port, hang_ups) = hung_peer();
    let profile = profile_at(port);
    let quick = profile_at(test_peers::closed_port().expect("port"));

    let runs = std::sync::Arc::new(crate::runs::Runs::default());
    let channel = || tauri::ipc::Channel::new(|_| Ok(()));
    let first = tokio::spawn({
        let runs = runs.clone();
        let diagnosis = doctor::Diagnosis::new(profile);
        async move { runs.start(diagnosis, channel()).await }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let replaced_at = Instant::now();
    let second = runs.start(doctor::Diagnosis::new(quick), channel()).await;
    let first = first.await.expect("first run's task");
    assert_eq!(first.err().map(|e| e.kind), Some(ErrorKind::Cancelled));
    let hang_up = hang_ups
        .recv_timeout(Duration::from_secs(5))
        .expect("the hung peer saw the cancelled run hang up");
    let after = hang_up.saturating_duration_since(replaced_at);
    assert!(
        after < Duration::from_secs(1),
        "hung up {after:?} after the new run started"
    );
    let second = second.expect("the new run finishes");
    assert!(second.elapsed_ms < 5_000, "{}", second.elapsed_ms);
}

/// "Forget me" stops the run in flight, so nothing it would receive (a
/// rotated refresh token) is saved back after the keychain entry is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_me_cancels_the_run_in_flight() {
    use std::time::Duration;

    scratch_config();
    let (port, hang_ups) = hung_peer();
    let session = std::sync::Arc::new(doctor::signin::Session::default());
    let runs = std::sync::Arc::new(crate::runs::Runs::default());
    let run = tokio::spawn({
        let runs = runs.clone();
        let diagnosis = doctor::Diagnosis::new(profile_at(port)).with_session(session.clone());
        async move { runs.start(diagnosis, tauri::ipc::Channel::new(|_| Ok(()))).await }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let wait = crate::sign_in::SignInWait::default();
    let before = session.forgets();
    // The keychain may be absent here; the run is cancelled either way.
    let _ = crate::sign_in::forget(session.clone(), &runs, &wait).await;
    let run = run.await.expect("run's task");
    assert_eq!(run.err().map(|e| e.kind), Some(ErrorKind::Cancelled));
    hang_ups
        .recv_timeout(Duration::from_secs(5))
        .expect("the cancelled run hung up");
    assert_eq!(session.forgets(), before + 1, "runs that began before save nothing");
}

#[test]
fn about_gives_the_version_licence_and_fixed_help_page() {
    let (_app, window) = app();
    let about = invoke(&window, "about", json!({})).expect("ok");
    // The mock context carries its own package info; the licence and help page are this crate's.
    assert!(!about["version"].as_str().expect("version").is_empty());
    assert_eq!(about["licence"], "MIT");
    assert_eq!(
        about["help_page"],
        "https://github.com/signin-doctor/signin-doctor#readme"
    );
}

/// issue 13 §3: Tauri runs a plain `fn` command on the main thread, so a
/// command that reads files, runs tools or scans a paste would freeze the
/// window. Only commands that answer from memory at once may stay plain.
#[test]
fn only_instant_commands_run_on_the_main_thread() {
    const INSTANT: [&str; 5] = [
        "cancel_sign_in",
        "paste_sign_in_error",
        "cancel_run",
        "about",
        "cancel_help_desk_lookup",
    ];
    let source = include_str!("commands.rs");
    let mut plain = Vec::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[tauri::command]" {
            continue;
        }
        let signature = lines.next().unwrap_or_default().trim();
        if let Some(rest) = signature.strip_prefix("pub fn ") {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            plain.push(name);
        } else {
            assert!(signature.starts_with("pub async fn "), "{signature}");
        }
    }
    plain.retain(|name| !INSTANT.contains(&name.as_str()));
    assert!(plain.is_empty(), "commands that run on the main thread: {plain:?}");
}

#[test]
fn a_long_paste_is_still_explained_now_that_explaining_runs_in_the_background() {
    let (_app, window) = app();
    // Near the size past which the engine reads a text as a log (aadsts::MAX_TEXT_BYTES, 256 KiB).
    let mut paste = "noise ".repeat(40_000);
    paste.push_str("AADSTS53003: Access has been blocked by Conditional Access policies.");
    let explained = invoke(&window, "explain_error", json!({ "text": paste })).expect("ok");
    assert_eq!(explained["code"], 53003, "{explained}");
}

/// Issue 11: a pasted packet or error text is read by the engine; nothing readable is a typed refusal.
#[test]
fn a_pasted_packet_is_read_and_nothing_to_look_up_is_invalid_input() {
    let (_app, window) = app();
    let text =
        "AADSTS53003: blocked.\nRequest Id: 0B6B1E0E-5C7D-4A7B-9D7E-1F2A3B4C5D6E\nTimestamp: 2026-11-26T11:58:07Z";
    let reading = invoke(&window, "read_packet", json!({ "text": text })).expect("read");
    assert_eq!(reading["kind"], "error_text", "{reading}");
    assert_eq!(reading["error_code"], 53003, "{reading}");
    assert_eq!(
        reading["request_id"], "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e",
        "{reading}"
    );
    assert_eq!(reading["timestamp"], "2026-11-26T11:58:07Z", "{reading}");

    let refused = invoke(&window, "read_packet", json!({ "text": "hello" })).expect_err("nothing in it");
    assert_eq!(refused["kind"], "invalid_input", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .expect("text")
            .contains("nothing to look up"),
        "{refused}"
    );
}

/// Refresh tokens kept in memory, so a test needs no keychain.
#[derive(Debug, Default)]
struct MemoryStore(std::sync::Mutex<std::collections::HashMap<String, String>>);

impl doctor::store::TokenStore for MemoryStore {
    fn save_refresh_token(
        &self,
        key: &str,
        token: &doctor::secret::Secret<String>,
    ) -> Result<(), doctor::store::StoreError> {
        let mut saved = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        saved.insert(key.to_owned(), token.expose().clone());
        Ok(())
    }
    fn load_refresh_token(
        &self,
        key: &str,
    ) -> Result<Option<doctor::secret::Secret<String>>, doctor::store::StoreError> {
        let saved = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(saved.get(key).cloned().map(doctor::secret::Secret::new))
    }
    fn forget(&self, key: &str) -> Result<(), doctor::store::StoreError> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key);
        Ok(())
    }
}

/// issue 23 item 4: the window's Forget in help-desk mode deletes the
/// help-desk sign-in (the user side's stays), in the engine's words, and
/// the command is there for the view.
#[tokio::test]
async fn forget_in_help_desk_mode_deletes_the_help_desk_sign_in() {
    use doctor::store::TokenStore;
    let store = std::sync::Arc::new(MemoryStore::default());
    let user_side = doctor::Profile::defaults();
    let desk_key = doctor::helpdesk::helpdesk_profile(&user_side).session_key();
    for key in [&desk_key, &user_side.session_key()] {
        store
            .save_refresh_token(key, &doctor::secret::Secret::new("saved".to_owned()))
            .expect("save");
    }
    let desk = crate::helpdesk_lookup::HelpDesk::with_token_store(store.clone());
    let words = crate::helpdesk_lookup::forget(&desk, &user_side)
        .await
        .expect("forgotten");
    assert_eq!(words, doctor::helpdesk::forgotten_words(&user_side.authority));
    assert!(store.load_refresh_token(&desk_key).expect("load").is_none());
    assert!(store
        .load_refresh_token(&user_side.session_key())
        .expect("load")
        .is_some());

    // The command answers the view: the words, or a typed keychain error.
    let (_app, window) = app();
    match invoke(&window, "forget_help_desk_sign_in", json!({})) {
        Ok(said) => assert!(said.as_str().expect("words").contains("help-desk sign-in"), "{said}"),
        Err(error) => assert_eq!(error["kind"], "io", "{error}"),
    }
}
