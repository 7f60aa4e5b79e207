//! `decode` on tokens built to break the time arithmetic (issue 13): every
//! one gets verdicts and exit 0, 1 or 2, never a panic (exit 101), in text or JSON.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::io::Write;
use std::process::{Command, Stdio};

fn decode(token: &str, json: bool) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_signin-doctor-cli"));
    command.arg("decode");
    if json {
        command.arg("--json");
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(token.as_bytes())
        .expect("write");
    child.wait_with_output().expect("output")
}

fn token(claims: &str) -> String {
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
                let out = decode(&token(&claims), json);
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
    let out = decode(&token(r#"{"exp":9223372036854775807}"#), true);
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
