//! `signin-doctor-cli lookup` against the Graph peer and the real
//! oidc-provider peer: the help-desk sign-in runs once in headless Chromium,
//! later lookups reuse the saved help-desk session (its own keychain entry).
//! Every `problem.kind`, the JSON contract and the exit codes.

use chrono::{Duration as Days, Utc};
use doctor::helpdesk::HelpDeskProgress;
use std::path::Path;
use std::process::{Command, Output};
use test_peers::graph_fixtures as fx;
use test_peers::{closed_port, GraphServer, GraphTenant, OidcProvider, Throttle};

/// Whether the CLI said the engine's words for this step on stderr.
fn said(out: &Output, step: &HelpDeskProgress) -> bool {
    String::from_utf8_lossy(&out.stderr).contains(&step.words())
}

/// The saved help-desk sign-in was used (no browser).
fn reused(out: &Output) -> bool {
    said(out, &HelpDeskProgress::SignedIn { saved: true })
}

/// A provider, a Graph peer (the contoso tenant) and a scratch folder, for one test.
struct Peers {
    provider: OidcProvider,
    graph: GraphServer,
    dir: tempfile::TempDir,
}

impl Peers {
    fn start() -> Self {
        let provider = OidcProvider::start().expect("oidc-provider starts");
        let graph = GraphServer::start(&provider.issuer, GraphTenant::contoso(Utc::now())).expect("graph peer");
        Self {
            provider,
            graph,
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The help-desk person `user`, looking up in this Graph peer.
    fn helpdesk<'a>(&'a self, user: &'a str) -> Helpdesk<'a> {
        Helpdesk {
            provider: &self.provider,
            user,
            graph_url: self.graph.base_url(),
            dir: self.dir.path(),
        }
    }
}

struct Helpdesk<'a> {
    provider: &'a OidcProvider,
    user: &'a str,
    graph_url: String,
    dir: &'a Path,
}

impl Helpdesk<'_> {
    fn run(&self, args: &[&str]) -> Output {
        self.cli("lookup", args)
    }

    /// `signin-doctor-cli COMMAND ARGS…` with this help-desk's settings.
    fn cli(&self, command: &str, args: &[&str]) -> Output {
        self.command(command, args).output().expect("runs")
    }

    fn command(&self, command: &str, args: &[&str]) -> Command {
        let browser = test_peers::headless_chromium_as_default_browser(self.dir).expect("browser");
        let mut cli = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"));
        cli.arg(command)
            .args(args)
            .envs(browser)
            .envs(test_peers::loopback_only_env().expect("ports"))
            .env("SIGNIN_DOCTOR_AUTHORITY", &self.provider.issuer)
            .env("SIGNIN_DOCTOR_REDIRECT_URI", "http://127.0.0.1/callback")
            .env("SIGNIN_DOCTOR_HELPDESK_CLIENT_ID", "signin-doctor-helpdesk")
            .env("SIGNIN_DOCTOR_HELPDESK_LOGIN_HINT", self.user)
            .env("SIGNIN_DOCTOR_GRAPH_URL", &self.graph_url)
            .env("SIGNIN_DOCTOR_SIGNIN_TIMEOUT_SECONDS", "30")
            .env("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "5")
            .env("SIGNIN_DOCTOR_CONFIG", self.dir.join("config.toml"))
            .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", self.dir.join("system.toml"));
        cli
    }
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "one JSON object ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Exit 1 and this problem kind.
fn assert_problem(out: &Output, kind: &str) -> serde_json::Value {
    let answer = json(out);
    assert_eq!(
        answer["problem"]["kind"],
        kind,
        "{answer:#}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(answer["problem"]["message"].as_str().is_some_and(|m| m.len() > 20));
    assert_eq!(out.status.code(), Some(1));
    answer
}

#[test]
fn usage_errors_exit_2_and_a_cloud_without_logs_is_said_before_signing_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cli = |args: &[&str], graph_url: Option<&str>| {
        let mut command = test_peers::cli_command(env!("CARGO_BIN_EXE_signin-doctor-cli"));
        command
            .arg("lookup")
            .args(args)
            .envs(test_peers::loopback_only_env().expect("ports"))
            .env(
                "SIGNIN_DOCTOR_AUTHORITY",
                format!("http://127.0.0.1:{}", closed_port().expect("port")),
            )
            .env("SIGNIN_DOCTOR_CONFIG", dir.path().join("config.toml"))
            .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", dir.path().join("system.toml"));
        if let Some(url) = graph_url {
            command.env("SIGNIN_DOCTOR_GRAPH_URL", url);
        }
        command.output().expect("runs")
    };
    assert_eq!(cli(&["--json"], None).status.code(), Some(2), "nothing to look up by");
    assert_eq!(
        cli(&["--request-id", "x", "--at", "yesterday"], None).status.code(),
        Some(2)
    );
    let missing = dir.path().join("no-such-packet.json");
    let missing = missing.to_str().expect("path");
    assert_eq!(cli(&["--packet", missing], None).status.code(), Some(2));
    // The authority is no Microsoft cloud and no Graph address is set: no sign-in is even tried.
    let out = cli(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION], None);
    let answer = assert_problem(&out, "unsupported_cloud");
    assert_eq!(answer["found"], false);
    assert_eq!(answer["blocking_policies"], serde_json::json!([]));
}

#[test]
fn every_problem_kind_and_the_explained_block_through_the_cli() {
    if !test_peers::real_session_available() {
        return;
    }
    let peers = Peers::start();
    let helpdesk = peers.helpdesk("helpdesk");

    // Found and explained (the first run signs in through the browser), with What If.
    let out = helpdesk.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION, "--what-if"]);
    let answer = json(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{answer:#}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(answer["found"], true);
    assert_eq!(answer["problem"], serde_json::Value::Null);
    assert_eq!(answer["sign_in"]["id"], fx::BLOCKED_BY_LOCATION);
    assert_eq!(answer["sign_in"]["correlation_id"], fx::BLOCKED_CORRELATION);
    assert!(answer["sign_in"]["created_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    let policy = &answer["blocking_policies"][0];
    assert_eq!(policy["name"], "CA020: Block untrusted countries");
    assert_eq!(policy["result"], "failure");
    assert_eq!(policy["grant_controls"], serde_json::json!(["Block"]));
    assert_eq!(policy["unmet"], "location");
    assert!(policy["fix"].as_str().is_some_and(|f| !f.is_empty()));
    assert_eq!(answer["report_only_failures"][0]["unmet"], "compliant_device");
    assert!(answer["what_if"]["policies"].as_array().is_some_and(|p| !p.is_empty()));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("eyJ"),
        "no token in the output"
    );
    // Progress is the engine's words, on stderr: the browser sign-in, then the search.
    for step in [
        HelpDeskProgress::CheckingSavedSignIn,
        HelpDeskProgress::SigningIn { device_code: false },
        HelpDeskProgress::SignedIn { saved: false },
        HelpDeskProgress::Querying {
            what: "by request ID".to_owned(),
        },
        HelpDeskProgress::Evaluating,
    ] {
        assert!(said(&out, &step), "{step:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    // From here on the saved help-desk session is reused: no browser.
    // A pasted error text as the packet: its Trace ID is the request ID.
    let pasted = peers.dir.path().join("error.txt");
    let when = (Utc::now() - Days::minutes(3)).format("%Y-%m-%d %H:%M:%SZ");
    std::fs::write(
        &pasted,
        format!("AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: {} Correlation ID: {} Timestamp: {when}", fx::BLOCKED_BY_LOCATION, fx::BLOCKED_CORRELATION),
    )
    .expect("write");
    let out = helpdesk.run(&["--json", "--packet", pasted.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["blocking_policies"][0]["unmet"], "location");

    let out = helpdesk.run(&[
        "--json",
        "--request-id",
        "00000000-0000-4000-8000-000000000000",
        "--wait-seconds",
        "1",
    ]);
    assert_problem(&out, "not_found_yet");
    assert!(reused(&out), "{}", String::from_utf8_lossy(&out.stderr));
    // A wait is said once, not each second of its countdown.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("Next try in").count(), 1, "{stderr}");

    let forty_days_ago = (Utc::now() - Days::days(40)).to_rfc3339();
    assert_problem(
        &helpdesk.run(&["--json", "--user", "alice@contoso.example", "--at", &forty_days_ago]),
        "too_old",
    );

    let answer = assert_problem(
        &helpdesk.run(&["--json", "--correlation-id", fx::AMBIGUOUS_CORRELATION]),
        "ambiguous",
    );
    assert_eq!(answer["matches"].as_array().map(Vec::len), Some(2));

    peers.graph.throttle(Throttle {
        requests: 1000,
        retry_after: None,
    });
    assert_problem(
        &helpdesk.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION, "--wait-seconds", "1"]),
        "throttled",
    );
    peers.graph.throttle(Throttle {
        requests: 0,
        retry_after: None,
    });

    peers.graph.edit(|t| {
        t.roles.insert("helpdesk".into(), vec!["Reports Reader".into()]);
    });
    let answer = assert_problem(
        &helpdesk.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION]),
        "no_ca_details",
    );
    assert_eq!(answer["found"], true);

    peers.graph.edit(|t| {
        t.roles.insert("helpdesk".into(), Vec::new());
    });
    assert_problem(
        &helpdesk.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION]),
        "role",
    );

    peers.graph.edit(|t| {
        t.roles.insert("helpdesk".into(), vec!["Security Reader".into()]);
        t.premium = false;
    });
    assert_problem(
        &helpdesk.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION]),
        "licence",
    );

    peers.graph.edit(|t| t.no_sign_in_logs = true);
    assert_problem(
        &helpdesk.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION]),
        "unsupported_cloud",
    );

    let unreachable = Helpdesk {
        graph_url: format!("http://127.0.0.1:{}", closed_port().expect("port")),
        ..helpdesk
    };
    assert_problem(
        &unreachable.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION]),
        "unreachable",
    );
}

#[test]
fn a_scope_without_consent_is_named_for_the_admin() {
    if !test_peers::real_session_available() {
        return;
    }
    let peers = Peers::start();
    let helpdesk = peers.helpdesk("helpdesk-nologs");
    let answer = assert_problem(
        &helpdesk.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION]),
        "consent",
    );
    let message = answer["problem"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("AuditLog.Read.All") && message.contains("admin"),
        "{message}"
    );
}

#[test]
fn forget_helpdesk_deletes_the_saved_help_desk_sign_in_and_plain_forget_leaves_it() {
    if !test_peers::real_session_available() {
        return;
    }
    let peers = Peers::start();
    let helpdesk = peers.helpdesk("helpdesk");
    let look_up = || {
        let out = helpdesk.run(&["--json", "--request-id", fx::BLOCKED_BY_LOCATION]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        out
    };
    // The first lookup signs in through the browser and saves the help-desk session.
    assert!(!reused(&look_up()));
    // `forget` is the user side's: the help-desk sign-in stays.
    let out = helpdesk.cli("forget", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(reused(&look_up()), "plain forget left the help-desk sign-in");
    let out = helpdesk.cli("forget", &["--helpdesk"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("help-desk sign-in"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Gone: the next lookup signs in through the browser again.
    assert!(!reused(&look_up()), "the help-desk sign-in was forgotten");
}

/// Graph's words reach a terminal: a policy's name and ID and the failure
/// reason with an escape sequence in them (clear the screen, retitle the
/// window) reach no byte of the CLI's output or progress lines.
#[test]
fn terminal_escapes_in_graphs_words_reach_no_output_byte() {
    if !test_peers::real_session_available() {
        return;
    }
    const CLEAR: &str = "\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m";
    let peers = Peers::start();
    let request_id = "6f708192-0314-4c5d-8e6f-708192031425";
    let mut entry = fx::blocked_entry(request_id, fx::BLOCKED_CORRELATION, Utc::now(), "alice@contoso.example");
    entry["status"]["failureReason"] = serde_json::json!(format!("Blocked{CLEAR}\rOK"));
    entry["appDisplayName"] = serde_json::json!(format!("App{CLEAR}"));
    entry["appliedConditionalAccessPolicies"][0]["displayName"] = serde_json::json!(format!("CA020{CLEAR}"));
    entry["appliedConditionalAccessPolicies"][0]["id"] = serde_json::json!(format!("{}{CLEAR}", fx::BLOCK_COUNTRIES));
    peers.graph.edit(|t| t.sign_ins.push(entry));
    let helpdesk = peers.helpdesk("helpdesk");
    let out = helpdesk.run(&["--request-id", request_id, "--what-if"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("CA020"),
        "the policy is named: {stdout}\nstderr: {stderr}"
    );
    for (name, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        let control = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t'));
        assert_eq!(control, None, "{name}: {text:?}");
    }
}

/// Ctrl-C is the journey's interrupt: while the browser is open (and nobody
/// signs in), it ends the lookup at once, with nothing on stdout.
#[cfg(unix)]
#[test]
fn ctrl_c_while_the_browser_waits_ends_the_lookup() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    if test_peers::testing_the_windows_build() {
        return;
    }
    let peers = Peers::start();
    let helpdesk = peers.helpdesk("helpdesk");
    // A browser that opens nothing: only Ctrl-C ends the wait.
    let mut child = helpdesk
        .command("lookup", &["--json", "--request-id", fx::BLOCKED_BY_LOCATION])
        .env("BROWSER", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    let waiting = HelpDeskProgress::WaitingForBrowser { timeout_seconds: 30 }.words();
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let said: Vec<String> = lines
        .by_ref()
        .map_while(Result::ok)
        .take_while(|line| *line != waiting)
        .collect();
    let started = std::time::Instant::now();
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let rest = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>().join("\n"));
    let out = child.wait_with_output().expect("output");
    let rest = rest.join().unwrap_or_default();
    assert_eq!(out.status.code(), Some(130), "before: {said:?}\nafter: {rest}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(rest.trim(), "Cancelled.");
    assert!(peers.graph.requests().is_empty(), "Graph was never asked");
}
