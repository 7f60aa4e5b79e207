//! The CLI as a user runs it: real binary, real provider on 127.0.0.1.

use std::path::Path;
use std::process::{Output, Stdio};
use test_peers::{closed_port, OidcProvider};

fn cli(args: &[&str], authority: &str, config_dir: &Path) -> Output {
    test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(args)
        .env("SIGNIN_DOCTOR_AUTHORITY", authority)
        .env("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "5")
        // Tests talk to 127.0.0.1 only: no real time servers, status feed or proxy.
        .envs(test_peers::loopback_only_env().expect("ports"))
        .env("SIGNIN_DOCTOR_CONFIG", config_dir.join("config.toml"))
        .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", config_dir.join("system.toml"))
        .output()
        .expect("the CLI runs")
}

/// The CLI with `input` on its standard input.
fn with_stdin(input: &str, args: &[&str]) -> Output {
    use std::io::Write;
    let mut child = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    child.wait_with_output().expect("output")
}

#[test]
fn check_json_passes_against_the_provider_and_exits_0() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(&["check", "--json"], &provider.issuer, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    // Pass, or Warn where this machine has no keychain for the saved-session row.
    assert!(json["overall"] == "pass" || json["overall"] == "warn", "{json}");
    let row = &json["results"][0];
    assert_eq!(row["id"], "reachability");
    assert_eq!(row["status"], "pass");
    assert!(row["summary"].as_str().unwrap_or_default().contains(&provider.issuer));
    // Nothing failed, and no sign-in was tried yet.
    let cause = json["diagnosis"]["cause"].as_str().unwrap_or_default();
    assert!(cause == "not_signed_in_yet" || cause == "check_warned", "{json}");
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
    // The diagnosis leads, before any row.
    let diagnosis_at = text.find("Diagnosis: This computer cannot reach the Microsoft sign-in service");
    assert!(
        diagnosis_at.is_some_and(|at| at < text.find("[FAIL]").unwrap_or(0)),
        "{text}"
    );

    let out = cli(&["check", "--json"], &format!("http://127.0.0.1:{port}"), dir.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let diagnosis = &json["diagnosis"];
    assert_eq!(diagnosis["cause"], "service_unreachable", "{json}");
    assert_eq!(diagnosis["evidence"], serde_json::json!(["reachability"]));
    assert_eq!(diagnosis["who_acts"], "user");
    assert!(diagnosis["next_step"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(json["results"][0]["signals"][0]["kind"], "service_unreachable");
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
    let out = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
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

#[test]
fn service_principal_names_a_wrong_secret_and_accepts_the_right_one() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |secret: &str| {
        test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
            .args([
                "service-principal",
                "--client-id",
                "sp-secret",
                "--secret-env",
                "SP_SECRET",
                "--scope",
                "api",
                "--json",
            ])
            .env("SP_SECRET", secret)
            .env("SIGNIN_DOCTOR_AUTHORITY", &provider.issuer)
            .env("SIGNIN_DOCTOR_CONFIG", dir.path().join("config.toml"))
            .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", dir.path().join("system.toml"))
            .output()
            .expect("runs")
    };
    let wrong = run("not-the-secret");
    assert_eq!(wrong.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&wrong.stdout).expect("JSON");
    assert_eq!(json["problem"], "wrong_secret");
    assert_eq!(json["error"]["code"], 7000215);
    assert!(
        !String::from_utf8_lossy(&wrong.stdout).contains("not-the-secret"),
        "the secret is never printed"
    );
    let right = run("correct-secret");
    assert_eq!(
        right.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&right.stdout)
    );

    let no_credential = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(["service-principal", "--client-id", "sp-secret"])
        .output()
        .expect("runs");
    assert_eq!(no_credential.status.code(), Some(2));
}

#[test]
fn signin_json_reports_a_53003_with_its_ids_and_exits_1() {
    if !test_peers::real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let browser_env = test_peers::headless_chromium_as_default_browser(dir.path()).expect("browser");
    let out = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(["signin", "--json"])
        .envs(browser_env)
        .env("SIGNIN_DOCTOR_AUTHORITY", &provider.issuer)
        .env("SIGNIN_DOCTOR_CLIENT_ID", "signin-doctor-tests")
        .env("SIGNIN_DOCTOR_REDIRECT_URI", "http://127.0.0.1/callback")
        .env("SIGNIN_DOCTOR_SCOPES", "openid profile offline_access")
        .env("SIGNIN_DOCTOR_LOGIN_HINT", "ca-token")
        .env("SIGNIN_DOCTOR_SIGNIN_TIMEOUT_SECONDS", "30")
        .env("SIGNIN_DOCTOR_CONFIG", dir.path().join("config.toml"))
        .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", dir.path().join("system.toml"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["outcome"]["kind"], "refused");
    assert_eq!(json["outcome"]["error"]["code"], 53003);
    let sent = provider.last_error().expect("sent");
    assert_eq!(json["outcome"]["error"]["trace_id"], sent["trace_id"]);
    assert_eq!(json["outcome"]["error"]["correlation_id"], json["client_request_id"]);
}

#[test]
fn decode_json_follows_its_contract_and_exit_codes() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let encode = |v: serde_json::Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let now = chrono::Utc::now().timestamp();
    let valid = format!(
        "{}.{}.c2ln",
        encode(serde_json::json!({"alg": "RS256", "kid": "k"})),
        encode(
            serde_json::json!({"aud": "a", "iss": "https://i", "sub": "s", "nonce": "n", "exp": now + 600, "nbf": now - 60})
        )
    );
    let expired = format!(
        "{}.{}.c2ln",
        encode(serde_json::json!({"alg": "RS256"})),
        encode(serde_json::json!({"aud": "a", "scp": "User.Read", "exp": now - 7200}))
    );
    let out = with_stdin(&valid, &["decode", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["kind"], "id_token");
    assert_eq!(json["header"]["kid"], "k");
    assert_eq!(json["claims"]["aud"], "a");
    assert!(json["expires_at"].as_str().is_some_and(|t| t.ends_with('Z')), "{json}");
    assert!(json["verdicts"]
        .as_array()
        .is_some_and(|v| v.iter().all(|v| v["id"].is_string() && v["status"].is_string())));

    let out = with_stdin(&expired, &["decode", "--json", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["kind"], "access_token");
    assert!(json["verdicts"]
        .as_array()
        .is_some_and(|v| v.iter().any(|v| v["id"] == "expiry" && v["status"] == "fail")));
    assert_eq!(json["not_before"], serde_json::Value::Null);

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("token.txt");
    std::fs::write(&file, "not a token").expect("write");
    let out = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(["decode", "--json"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_json_follows_its_contract_and_exit_codes() {
    let run = |input: &str| with_stdin(input, &["explain", "--json"]);
    let block = "Troubleshooting details\nRequest Id: 0B6B1E0E-5C7D-4A7B-9D7E-1F2A3B4C5D6E\nCorrelation Id: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f\nTimestamp: 2023-05-29T05:46:34.837Z\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46\nDevice identifier: 11111111-aaaa-4bbb-8ccc-222222222222\nError Code: 53003";
    let out = run(block);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["code"], 53003);
    assert_eq!(json["name"], "BlockedByConditionalAccess");
    assert_eq!(json["other_codes"], serde_json::json!([]));
    assert_eq!(json["error"], serde_json::Value::Null);
    assert_eq!(json["trace_id"], "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e");
    assert_eq!(json["correlation_id"], "7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f");
    assert_eq!(json["timestamp"], "2023-05-29T05:46:34Z");
    assert_eq!(json["app_id"], "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    assert_eq!(json["category"], "conditional_access");
    assert_eq!(json["who_fixes"], "admin");
    assert!(json["summary"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(json["steps"].as_array().is_some_and(|s| !s.is_empty()));
    // Issue 12 (additive): the page's Troubleshooting details, each null when absent.
    let page = &json["page"];
    assert_eq!(page["device_id"], "11111111-aaaa-4bbb-8ccc-222222222222");
    assert_eq!(page["device_id_segments"][0]["personal"], "object_id");
    for absent in ["app_name", "ip_address", "device_platform", "device_state", "resource"] {
        assert_eq!(page[absent], serde_json::Value::Null, "{absent}");
    }

    let full = run("App name: Microsoft Azure CLI\nIP address: 203.0.113.7\nDevice identifier: Not available\nDevice platform: Windows 10\nDevice state: Unregistered\nError Code: 53003");
    let json: serde_json::Value = serde_json::from_slice(&full.stdout).expect("one JSON object");
    assert_eq!(json["page"]["app_name"], "Microsoft Azure CLI");
    assert_eq!(json["page"]["ip_address"], "203.0.113.7");
    assert_eq!(json["page"]["ip_address_segments"][0]["masked"], "203.0.113.•••");
    assert_eq!(
        json["page"]["device_id"],
        serde_json::Value::Null,
        "\"Not available\" is absent"
    );
    assert_eq!(json["page"]["device_platform"], "Windows 10");
    assert_eq!(json["page"]["device_state"], "Unregistered");

    let none = run("The remote server returned an error: (400) Bad Request.");
    assert_eq!(none.status.code(), Some(1), "no code: exit 1");
    let json: serde_json::Value = serde_json::from_slice(&none.stdout).expect("the JSON is still printed");
    assert_eq!(json["code"], serde_json::Value::Null);
    assert_eq!(json["page"], serde_json::Value::Null);

    let missing = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(["explain", "--json", "/no/such/file"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn report_prints_the_packet_with_device_facts_and_masks_addresses() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let error = dir.path().join("error.txt");
    std::fs::write(
        &error,
        "Sign in as alice@contoso.example\nRequest Id: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e\nCorrelation Id: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f\nTimestamp: 2023-05-29T05:46:34.837Z\nError Code: 53003",
    )
    .expect("write");
    let error_arg = error.to_string_lossy().into_owned();
    let out = cli(
        &["report", "--format", "json", "--error", &error_arg],
        &provider.issuer,
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&text).expect("one JSON object");
    assert_eq!(json["error"]["code"], 53003);
    assert_eq!(json["error"]["trace_id"], "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e");
    assert_eq!(json["checks"][0]["id"], "reachability");
    // The platform of the build under test (the Windows one under Wine too).
    let platform = if test_peers::testing_the_windows_build() {
        "Windows"
    } else {
        "Linux"
    };
    assert_eq!(json["device"]["platform"], platform);
    assert_eq!(json["what_if"]["client_app_type"], "Mobile apps and desktop clients");
    assert_eq!(json["presenter_mode"], true);
    assert!(!text.contains("alice@contoso.example"), "{text}");

    let out = cli(
        &["report", "--show-personal", "--error", &error_arg],
        &provider.issuer,
        dir.path(),
    );
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(markdown.starts_with("# Sign-in Doctor report"), "{markdown}");
    assert!(
        markdown.contains("- Request ID (Trace ID): `0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e`"),
        "{markdown}"
    );

    let out = cli(&["report", "--error", "/no/such/file"], &provider.issuer, dir.path());
    assert_eq!(out.status.code(), Some(2));
}

/// A proxy password given in a URL never reaches the screen: not in the
/// profile view, not in its JSON, not in a problem about a bad value.
#[test]
fn profile_never_prints_a_proxy_password() {
    let dir = tempfile::tempdir().expect("temp dir");
    let with_proxy = |proxy: &str, args: &[&str]| {
        test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
            .args(args)
            .envs(test_peers::loopback_only_env().expect("ports"))
            .env("SIGNIN_DOCTOR_PROXY", proxy)
            .env("SIGNIN_DOCTOR_CONFIG", dir.path().join("config.toml"))
            .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", dir.path().join("system.toml"))
            .output()
            .expect("the CLI runs")
    };
    for args in [&["profile"][..], &["profile", "--json"][..]] {
        // A password no temp-dir name can contain by chance ("pw" once
        // matched `/tmp/.tmpwoKnS0` and failed CI).
        let out = with_proxy("http://alice:Pa55-zq9@host:3128", args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0), "{text}");
        assert!(!text.contains("Pa55-zq9"), "{args:?} printed the password: {text}");
        assert!(text.contains("alice") && text.contains("host:3128"), "{text}");
        // A value the profile refuses is named without its password too.
        let out = with_proxy("socks5://alice:hunter2@host:1080", args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains("hunter2"), "{args:?} printed the password: {text}");
        assert!(text.contains("socks5://alice"), "{text}");
    }
}

/// A token with these claims, to break `decode`'s time arithmetic (issue 13):
/// it must give verdicts and exit 0, 1 or 2, never panic (exit 101).
fn token(claims: &str) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    format!(
        "{}.{}.c2ln",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#),
        URL_SAFE_NO_PAD.encode(claims)
    )
}

#[test]
fn decode_never_panics_on_hostile_times() {
    let values = [
        "8210266876799",
        "8210266876800",
        "9223372036854775807",
        "-9223372036854775808",
        "18446744073709551615",
        "-1",
        "0",
        "1e300",
        "-1e300",
        "1.5",
        "\"tomorrow\"",
        "null",
        "[1]",
    ];
    for value in values {
        for claims in [
            format!(r#"{{"exp":{value}}}"#),
            format!(r#"{{"nbf":{value},"exp":1}}"#),
            format!(r#"{{"exp":{value},"nbf":{value},"iat":{value},"auth_time":{value}}}"#),
        ] {
            for json in [false, true] {
                let args: &[&str] = if json { &["decode", "--json"] } else { &["decode"] };
                let out = with_stdin(&token(&claims), args);
                let code = out.status.code();
                assert!(
                    matches!(code, Some(0..=2)),
                    "{claims} (json: {json}) exited {code:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                if json {
                    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
                    assert!(
                        printed["verdicts"].as_array().is_some_and(|v| !v.is_empty()),
                        "{printed}"
                    );
                }
            }
        }
    }
}

#[test]
fn an_expiry_past_the_calendar_is_a_failed_verdict_in_words() {
    let out = with_stdin(&token(r#"{"exp":9223372036854775807}"#), &["decode", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let expiry = printed["verdicts"]
        .as_array()
        .and_then(|v| v.iter().find(|v| v["id"] == "expiry"))
        .cloned()
        .expect("an expiry verdict");
    assert_eq!(expiry["status"], "fail", "{expiry}");
    assert!(
        expiry["message"].as_str().is_some_and(|m| m.contains("out of range")),
        "{expiry}"
    );
    assert_eq!(printed["expires_at"], serde_json::Value::Null);
}

/// `signin --device-code --json`: the user on the "other device" (headless
/// Chromium) opens the address the CLI prints with its code; alice signs in
/// (exit 0), and a Conditional Access block is reported with its IDs (exit 1).
#[test]
fn signin_device_code_json_signs_in_or_reports_the_block() {
    use std::io::{BufRead, BufReader};
    if !test_peers::real_session_available() {
        return;
    }
    for (user, exit, kind) in [("alice", 0, "signed_in"), ("ca-redirect", 1, "refused")] {
        let provider = OidcProvider::start().expect("oidc-provider starts");
        let dir = tempfile::tempdir().expect("temp dir");
        let mut child = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
            .args(["signin", "--device-code", "--json"])
            .env("SIGNIN_DOCTOR_AUTHORITY", &provider.issuer)
            .env("SIGNIN_DOCTOR_CLIENT_ID", "signin-doctor-tests")
            .env("SIGNIN_DOCTOR_SCOPES", "openid profile offline_access")
            .env("SIGNIN_DOCTOR_LOGIN_HINT", user)
            .env("SIGNIN_DOCTOR_SIGNIN_TIMEOUT_SECONDS", "60")
            .env("SIGNIN_DOCTOR_CONFIG", dir.path().join("config.toml"))
            .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", dir.path().join("system.toml"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the CLI runs");
        // "On another device, open URI and enter the code:", a blank line, the code.
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let uri = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| {
                let rest = line.split("open ").nth(1)?;
                Some(rest.strip_suffix(" and enter the code:")?.to_owned())
            })
            .expect("the CLI names the address");
        let code = lines
            .by_ref()
            .map_while(Result::ok)
            .find(|line| !line.trim().is_empty())
            .expect("the CLI shows the code");
        // Read the rest of stderr so the CLI never blocks on it.
        let rest = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>().join("\n"));
        test_peers::open_in_headless_chromium(&format!("{uri}?user_code={}", code.trim())).expect("browser");
        let out = child.wait_with_output().expect("output");
        let stderr = rest.join().unwrap_or_default();
        assert_eq!(out.status.code(), Some(exit), "{user}: {stderr}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        assert_eq!(json["flow"], "device_code", "{json}");
        assert_eq!(json["outcome"]["kind"], kind, "{json}");
        if kind == "refused" {
            assert_eq!(json["outcome"]["error"]["code"], 53003, "{json}");
            let sent = provider.last_error().expect("sent");
            assert_eq!(json["outcome"]["error"]["trace_id"], sent["trace_id"], "{json}");
        }
    }
}
