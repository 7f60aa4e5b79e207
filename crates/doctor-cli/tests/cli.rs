//! The CLI as a user runs it: real binary, real provider on 127.0.0.1.

use std::path::Path;
use std::process::{Command, Output};
use test_peers::{closed_port, OidcProvider};

fn cli(args: &[&str], authority: &str, config_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(args)
        .env("SIGNIN_DOCTOR_AUTHORITY", authority)
        .env("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "5")
        .env("SIGNIN_DOCTOR_CONFIG", config_dir.join("config.toml"))
        .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", config_dir.join("system.toml"))
        .output()
        .expect("the CLI runs")
}

#[test]
fn check_json_passes_against_the_provider_and_exits_0() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(&["check", "--json"], &provider.issuer, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["overall"], "pass");
    let row = &json["results"][0];
    assert_eq!(row["id"], "reachability");
    assert_eq!(row["status"], "pass");
    assert!(row["summary"].as_str().unwrap_or_default().contains(&provider.issuer));
}

#[test]
fn a_failed_check_exits_1_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = closed_port().expect("port");
    let out = cli(&["check"], &format!("http://127.0.0.1:{port}"), dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[FAIL] Sign-in service reachable: Connection refused"),
        "{text}"
    );
    assert!(text.contains("Fix 1."), "{text}");
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(&["check", "--no-such-flag"], "http://127.0.0.1:1", dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&[], "http://127.0.0.1:1", dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_malformed_config_file_is_named_and_defaults_still_apply() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("config.toml"), "client_id = \"abc\"\nscopes = [\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(["profile", "--json"])
        .env_remove("SIGNIN_DOCTOR_AUTHORITY")
        .env("SIGNIN_DOCTOR_CONFIG", dir.path().join("config.toml"))
        .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", dir.path().join("system.toml"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let problem = &json["problems"][0];
    assert!(problem["origin"].as_str().unwrap_or_default().ends_with("config.toml"));
    assert!(problem["line"].as_u64().is_some(), "{problem}");
    assert_eq!(json["settings"][1]["value"], "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    assert_eq!(json["settings"][1]["source"]["kind"], "default");
}
