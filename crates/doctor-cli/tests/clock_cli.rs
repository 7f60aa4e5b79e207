//! `signin-doctor-cli clock` as a user runs it: the real binary against
//! chronyd (shifted with libfaketime) and an HTTP server with a shifted
//! `Date`, all on 127.0.0.1.

use std::net::UdpSocket;
use std::path::Path;
use std::process::Output;
use test_peers::{chrony_available, closed_port, ChronyServer, ShiftedHttpServer};

/// Runs the CLI with a scratch config, a short bound, and profile sources
/// that must never be asked when flags are given (a closed port on loopback).
fn cli(args: &[&str], config_dir: &Path, env: &[(&str, String)]) -> Output {
    let unused_udp = UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .map(|a| a.port())
        .expect("a free UDP port");
    let unused_tcp = closed_port().expect("a free TCP port");
    test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"))
        .args(args)
        .envs(test_peers::loopback_only_env().expect("ports"))
        .env("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{unused_tcp}"))
        .env("SIGNIN_DOCTOR_NTP_SERVERS", format!("127.0.0.1:{unused_udp}"))
        .env("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "2")
        .env("SIGNIN_DOCTOR_CONFIG", config_dir.join("config.toml"))
        .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", config_dir.join("system.toml"))
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("the CLI runs")
}

fn json_of(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not one JSON object ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn a_server_420_s_ahead_fails_with_a_negative_offset_and_exits_1() {
    if !chrony_available() {
        return;
    }
    let chrony = ChronyServer::start(420).expect("chronyd starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(&["clock", "--json", "--ntp", &chrony.server()], dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let json = json_of(&out);
    assert_eq!(json["verdict"], "fail", "{json}");
    let offset = json["offset_seconds"].as_f64().expect("a number");
    assert!((offset + 420.0).abs() < 0.01, "local behind is negative: {offset}");
    assert!(json["uncertainty_seconds"].as_f64().is_some_and(|u| u < 0.01), "{json}");
    let sources = json["sources"].as_array().expect("a list");
    assert_eq!(sources.len(), 1, "--ntp replaces the profile's sources: {json}");
    assert_eq!(sources[0]["kind"], "ntp");
    assert_eq!(sources[0]["server"], chrony.server());
    assert!(sources[0]["round_trip_seconds"].is_number());
    assert_eq!(sources[0]["error"], serde_json::Value::Null);
}

#[test]
fn an_unshifted_server_passes_and_exits_0() {
    if !chrony_available() {
        return;
    }
    let chrony = ChronyServer::start(0).expect("chronyd starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(&["clock", "--ntp", &chrony.server()], dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[PASS] Clock: Your clock is right"), "{text}");
    assert!(text.contains("Time zone: "), "{text}");
}

#[test]
fn the_https_date_alone_gives_a_bounded_answer() {
    let http = ShiftedHttpServer::start(-90.4).expect("HTTP server starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli(&["clock", "--json", "--http-date", &http.url()], dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let json = json_of(&out);
    assert_eq!(json["verdict"], "warn", "{json}");
    let offset = json["offset_seconds"].as_f64().expect("a number");
    let uncertainty = json["uncertainty_seconds"].as_f64().expect("a number");
    assert!((offset - 90.4).abs() <= uncertainty, "{offset} ± {uncertainty}");
    assert_eq!(json["sources"].as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(json["sources"][0]["kind"], "http_date");
}

#[test]
fn without_flags_the_profile_sources_are_asked() {
    if !chrony_available() {
        return;
    }
    let chrony = ChronyServer::start(420).expect("chronyd starts");
    let http = ShiftedHttpServer::start(420.0).expect("HTTP server starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let env = [
        ("SIGNIN_DOCTOR_NTP_SERVERS", chrony.server()),
        ("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{}", http.port)),
    ];
    let out = cli(&["clock", "--json"], dir.path(), &env);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    assert_eq!(json["verdict"], "fail", "{json}");
    let kinds: Vec<&str> = json["sources"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["ntp", "http_date"]);
    assert_eq!(json["agreeing"].as_array().map(Vec::len), Some(2), "{json}");
}

#[test]
fn no_remote_clock_is_unknown_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let closed = UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .expect("a free UDP port");
    let out = cli(&["clock", "--json", "--ntp", &closed.to_string()], dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    assert_eq!(json["verdict"], "unknown");
    assert_eq!(json["offset_seconds"], serde_json::Value::Null);
    assert_eq!(json["uncertainty_seconds"], serde_json::Value::Null);
    assert!(json["sources"][0]["error"].is_string());
}

#[test]
fn bad_sources_are_bad_usage_and_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        &["clock", "--ntp", "not a host:99999"][..],
        &["clock", "--ntp", "127.0.0.1:0"][..],
        &["clock", "--http-date", "not a url"][..],
        &["clock", "--http-date", "http://example.com/"][..],
    ] {
        let out = cli(args, dir.path(), &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "), "{args:?}");
    }
}
