//! Issue 13, "Done when": no input makes `signin-doctor-cli` exit 101 (a
//! panic) through `decode`, `explain`, `clock`, `check` or `profile`: not
//! hostile bytes, not hostile settings, not a reader that stops reading.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use test_peers::closed_port;

/// How one run ended: its exit code and what it wrote to stderr.
struct Ended {
    code: Option<i32>,
    stderr: String,
}

fn assert_no_panic(what: &str, ended: &Ended) {
    assert_ne!(ended.code, Some(101), "{what} panicked: {}", ended.stderr);
    assert!(ended.code.is_some(), "{what} was killed: {}", ended.stderr);
    assert!(!ended.stderr.contains("panicked"), "{what}: {}", ended.stderr);
}

/// The CLI on 127.0.0.1 only, with `env` on top, `stdin` fed, and its
/// standard output closed at once when `close_stdout` (`| head -c0`).
fn run(args: &[&str], env: &[(&str, &str)], stdin: &[u8], close_stdout: bool, dir: &Path) -> Ended {
    let mut child = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(args)
        .env(
            "SIGNIN_DOCTOR_AUTHORITY",
            format!("http://127.0.0.1:{}", closed_port().expect("port")),
        )
        .env("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "3")
        .envs(test_peers::loopback_only_env().expect("ports"))
        .env("SIGNIN_DOCTOR_CONFIG", dir.join("config.toml"))
        .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", dir.join("system.toml"))
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    if close_stdout {
        drop(child.stdout.take());
    }
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    // Fed from a thread: a command that stops reading early must not block the test.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("it ends");
    let _ = feeder.join();
    Ended {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

const COMMANDS: [&[&str]; 10] = [
    &["explain"],
    &["explain", "--json"],
    &["decode"],
    &["decode", "--json"],
    &["profile"],
    &["profile", "--json"],
    &["clock"],
    &["clock", "--json"],
    &["check"],
    &["check", "--json"],
];

#[test]
fn a_reader_that_closes_the_output_early_is_not_a_crash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = b"AADSTS53003: Access has been blocked by Conditional Access policies.\nTrace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e";
    for args in COMMANDS {
        let ended = run(args, &[], error, true, dir.path());
        assert_no_panic(&format!("{args:?} with its output closed"), &ended);
    }
}

#[test]
fn hostile_bytes_on_stdin_get_a_verdict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut huge_number_token = b"eyJhbGciOiJub25lIn0.".to_vec();
    huge_number_token
        .extend(b"eyJleHAiOjk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OSwiaWF0IjotOTIyMzM3MjAzNjg1NDc3NTgwOH0.");
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("nothing", Vec::new()),
        (
            "invalid UTF-8",
            vec![0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1],
        ),
        ("NUL bytes", vec![0; 4096]),
        ("8 MB on one line", vec![b'A'; 8 << 20]),
        (
            "escaping nested deep",
            b"AADSTS53003"
                .iter()
                .copied()
                .chain("%25".repeat(200_000).into_bytes())
                .collect(),
        ),
        ("brackets nested deep", "[".repeat(100_000).into_bytes()),
        ("a token with huge numbers", huge_number_token),
        ("dots", ".".repeat(100_000).into_bytes()),
    ];
    for args in [
        &["explain"][..],
        &["explain", "--json"],
        &["decode"],
        &["decode", "--json"],
    ] {
        for (what, bytes) in &inputs {
            let ended = run(args, &[], bytes, false, dir.path());
            assert_no_panic(&format!("{args:?} on {what}"), &ended);
        }
    }
}

#[test]
fn odd_files_get_a_verdict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().to_string_lossy().into_owned();
    for command in ["explain", "decode"] {
        for file in [folder.as_str(), "/dev/null", "/no/such/file", ""] {
            let ended = run(&[command, file], &[], b"", false, dir.path());
            assert_no_panic(&format!("{command} {file:?}"), &ended);
        }
    }
}

#[test]
fn hostile_settings_get_a_verdict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long_host = format!("http://{}.example/", "a".repeat(100_000));
    let settings: Vec<(&str, String)> = vec![
        ("SIGNIN_DOCTOR_NTP_SERVERS", "[::1]:99999 a:b:c :0 ::".to_owned()),
        ("SIGNIN_DOCTOR_NTP_SERVERS", "127.0.0.1:1 ".repeat(500)),
        ("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "18446744073709551616".to_owned()),
        ("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "-1".to_owned()),
        ("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "0".to_owned()),
        ("SIGNIN_DOCTOR_SIGNIN_TIMEOUT_SECONDS", "1e9".to_owned()),
        ("SIGNIN_DOCTOR_AUTHORITY", "https://[".to_owned()),
        ("SIGNIN_DOCTOR_AUTHORITY", "http://127.0.0.1:0".to_owned()),
        ("SIGNIN_DOCTOR_AUTHORITY", long_host.clone()),
        ("SIGNIN_DOCTOR_PROXY", "http://a:b@[zz".to_owned()),
        ("SIGNIN_DOCTOR_PROXY", "http://127.0.0.1:0".to_owned()),
        ("SIGNIN_DOCTOR_STATUS_FEED", long_host.clone()),
        ("SIGNIN_DOCTOR_SCOPES", "\u{7}\u{202e} ".repeat(1000)),
        ("SIGNIN_DOCTOR_CLIENT_ID", "\u{feff}".repeat(1000)),
        ("SIGNIN_DOCTOR_REDIRECT_URI", "http://localhost:99999".to_owned()),
    ];
    for (name, value) in &settings {
        for args in [&["profile", "--json"][..], &["clock", "--json"], &["check", "--json"]] {
            let ended = run(args, &[(name, value.as_str())], b"", false, dir.path());
            let shown: String = value.chars().take(40).collect();
            assert_no_panic(&format!("{args:?} with {name}={shown}"), &ended);
        }
    }
    // A settings file of garbage, and one that is a folder.
    std::fs::write(dir.path().join("config.toml"), [0xff, 0x00, b'=', b'[', 0xfe]).expect("write");
    std::fs::create_dir(dir.path().join("system.toml")).expect("folder");
    for args in COMMANDS
        .iter()
        .filter(|a| !a[0].starts_with("explain") && !a[0].starts_with("decode"))
    {
        let ended = run(args, &[], b"", false, dir.path());
        assert_no_panic(&format!("{args:?} with a garbage settings file"), &ended);
    }
}

/// Issue 12: a long log's error on its last line is found, read from a file
/// and from stdin; past 64 MiB the end is read and the answer says so.
#[test]
fn a_long_logs_last_line_is_explained_and_what_was_not_read_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = "DEBUG: 2026-11-27 10:00:00,123 msal: cache hit for 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\n";
    let last = "ERROR: AADSTS53003: Access has been blocked by Conditional Access policies. Trace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e Correlation ID: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f\n";
    for (megabytes, cut) in [(10, false), (70, true)] {
        let log = line.repeat(megabytes * 1024 * 1024 / line.len()) + last;
        let path = dir.path().join(format!("az-login-{megabytes}.log"));
        std::fs::write(&path, &log).expect("write");
        let from_file = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
            .args(["explain", "--json"])
            .arg(&path)
            .output()
            .expect("runs");
        let piped = run(&["explain", "--json"], &[], log.as_bytes(), false, dir.path());
        assert_no_panic("explain of a long log on stdin", &piped);
        assert_eq!(piped.code, Some(0), "{}", piped.stderr);
        assert_eq!(
            from_file.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&from_file.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&from_file.stdout).expect("json");
        assert_eq!(json["code"], 53003, "{megabytes} MB: {json}");
        assert_eq!(json["trace_id"], "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e");
        assert_eq!(json["not_read"].is_string(), cut, "{megabytes} MB: {json}");
    }
}

/// Issue 12: a 10 MiB and a 64 MiB log (the most that is read whole) with
/// AADSTS53003 and its three IDs on the last line, from a file and from stdin.
#[test]
fn a_10_and_a_64_mib_log_are_read_whole_with_the_last_lines_ids() {
    use test_peers::{long_log, LOG_CORRELATION_ID, LOG_LAST_LINE, LOG_TIMESTAMP, LOG_TRACE_ID};
    let dir = tempfile::tempdir().expect("temp dir");
    for mib in [10, 64] {
        let log = long_log(mib * 1024 * 1024, LOG_LAST_LINE);
        let path = dir.path().join(format!("az-login-{mib}mib.log"));
        std::fs::write(&path, &log).expect("write");
        let from_file = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
            .args(["explain", "--json"])
            .arg(&path)
            .output()
            .expect("runs");
        let mut child = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
            .args(["explain", "--json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("runs");
        let mut stdin = child.stdin.take().expect("stdin");
        let writer = std::thread::spawn({
            let log = log.clone();
            move || stdin.write_all(log.as_bytes())
        });
        let piped = child.wait_with_output().expect("ends");
        writer.join().expect("writer").expect("written");
        assert_eq!(piped.status.code(), Some(0));
        assert_eq!(
            from_file.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&from_file.stderr)
        );
        for output in [from_file.stdout.as_slice(), piped.stdout.as_slice()] {
            let json: serde_json::Value = serde_json::from_slice(output).expect("json");
            assert_eq!(json["code"], 53003, "{mib} MiB: {json}");
            assert_eq!(json["trace_id"], LOG_TRACE_ID, "{mib} MiB");
            assert_eq!(json["correlation_id"], LOG_CORRELATION_ID, "{mib} MiB");
            assert_eq!(json["timestamp"], LOG_TIMESTAMP, "{mib} MiB");
            assert!(json.get("not_read").is_none(), "{mib} MiB: all of it is read: {json}");
        }
        std::fs::remove_file(&path).expect("remove");
    }
}
