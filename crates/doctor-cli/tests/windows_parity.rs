//! The Windows build reads pastes and tokens exactly as the Linux build does:
//! `explain --json` on every real paste of the explainer's field table and
//! every shape of its table of shapes, and `decode --json` on every
//! malformed token of the token table, give the same
//! bytes and exit status from both. It runs where scripts/test.sh names the
//! Windows build (SIGNIN_DOCTOR_CLI_UNDER_WINE); elsewhere it says it did not.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use test_peers::{cli_command, testing_the_windows_build, CLI_UNDER_WINE};

#[path = "../../doctor/tests/support/token_rows.rs"]
mod token_rows;

// Only each row's text is used here; its expected fields are explain_table's.
#[allow(dead_code)]
#[path = "../../doctor/tests/support/explain_rows.rs"]
mod explain_rows;

const FIELD_ROWS: &str = include_str!("../../doctor/tests/fixtures/field/rows.txt");

/// Each pasted text of the field table, with its heading.
fn pasted_texts() -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut name = String::new();
    let mut body: Option<Vec<&str>> = None;
    for line in FIELD_ROWS.lines() {
        match (&mut body, line) {
            (None, heading) if heading.starts_with("### ") => name = heading[4..].to_owned(),
            (None, ">>>") => body = Some(Vec::new()),
            (Some(text), "<<<") => {
                rows.push((name.clone(), text.join("\n")));
                body = None;
            }
            (Some(text), line) => text.push(line),
            _ => {}
        }
    }
    rows
}

fn run(mut command: Command, args: &[&str], input: &str) -> Output {
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_owned();
    // Written from a thread, so a CLI that answers before reading it all cannot block us.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().expect("output");
    let _ = writer.join();
    output
}

/// Runs `args` on `input` with both builds; the differences, in words.
fn compare(args: &[&str], rows: Vec<(String, String)>) -> (usize, Vec<String>) {
    let linux = env!("CARGO_BIN_EXE_signin-doctor-cli");
    let compared = rows.len();
    // A few rows at a time: each Windows run starts a Wine process.
    let chunks: Vec<Vec<(String, String)>> = rows.chunks(compared.div_ceil(4).max(1)).map(<[_]>::to_vec).collect();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let workers: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let args = args.clone();
            std::thread::spawn(move || {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let mut differences = Vec::new();
                for (name, input) in chunk {
                    let on_linux = run(Command::new(linux), &args, &input);
                    let on_windows = run(cli_command(linux), &args, &input);
                    if on_linux.status.code() != on_windows.status.code() {
                        differences.push(format!(
                            "{name}: exit status {:?} on Linux, {:?} on Windows ({})",
                            on_linux.status.code(),
                            on_windows.status.code(),
                            String::from_utf8_lossy(&on_windows.stderr)
                        ));
                    } else if on_linux.stdout != on_windows.stdout {
                        differences.push(format!(
                            "{name}: different JSON\n--- Linux\n{}\n--- Windows\n{}",
                            String::from_utf8_lossy(&on_linux.stdout),
                            String::from_utf8_lossy(&on_windows.stdout)
                        ));
                    }
                }
                differences
            })
        })
        .collect();
    let differences = workers.into_iter().flat_map(|w| w.join().expect("worker")).collect();
    (compared, differences)
}

/// A line on the test's standard error (shown with --nocapture or on failure).
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[test]
fn explain_and_decode_give_the_linux_builds_json_byte_for_byte() {
    if !testing_the_windows_build() {
        say(&format!(
            "skipped: compares the Windows build with the Linux one only when {CLI_UNDER_WINE} names it (scripts/test.sh does)"
        ));
        return;
    }
    let mut pastes = pasted_texts();
    assert!(pastes.len() > 50, "the field table's rows were read: {}", pastes.len());
    pastes.extend(
        explain_rows::table()
            .into_iter()
            .map(|row| (row.shape.to_owned(), row.text)),
    );
    let (explained, mut differences) = compare(&["explain", "--json"], pastes);
    let tokens = token_rows::malformed_token_rows()
        .into_iter()
        .map(|(token, id)| (format!("token ({id})"), token))
        .collect();
    let (decoded, more) = compare(&["decode", "--json"], tokens);
    differences.extend(more);
    say(&format!(
        "Windows against Linux: explain --json on {explained} texts, decode --json on {decoded} tokens; {} differ",
        differences.len()
    ));
    assert!(differences.is_empty(), "{}", differences.join("\n\n"));
}
