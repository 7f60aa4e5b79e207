//! Issue 12, "logs of any size": a long log is read whole (up to 64 MiB) in
//! linear passes, its error found wherever it is; past that, its end.

use doctor::aadsts::{explain, MAX_LOG_BYTES};

/// `az login --debug`-style noise: timestamps, GUIDs that are not Entra's
/// IDs, and the word "error" in passing.
fn noise(bytes: usize) -> String {
    let line = "DEBUG: 2026-11-27 10:00:00,123 msal.token_cache: Cache hit for client 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f, no error here\n";
    line.repeat(bytes / line.len() + 1)
}

const LAST_LINE: &str = "ERROR: AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e Correlation ID: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f Timestamp: 2026-11-27 10:00:05Z\n";

#[test]
fn an_error_on_the_last_line_of_a_ten_megabyte_log_is_found_with_its_ids() {
    let log = noise(10 * 1024 * 1024) + LAST_LINE;
    let started = std::time::Instant::now();
    let e = explain(&log);
    let took = started.elapsed();
    assert_eq!(e.code, Some(53003));
    assert_eq!(e.trace_id.as_deref(), Some("0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"));
    assert_eq!(
        e.correlation_id.as_deref(),
        Some("7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f")
    );
    assert_eq!(e.timestamp.as_deref(), Some("2026-11-27T10:00:05Z"));
    assert!(e.not_read.is_none());
    // Not a timing test (the benchmarks measure it): a sanity bound for a debug build.
    assert!(took.as_secs() < 30, "{took:?}");
}

#[test]
fn different_failures_in_one_log_keep_the_most_specific_and_name_the_others() {
    let log = noise(1024 * 1024)
        + "AADSTS50126: Error validating credentials due to invalid username or password.\n"
        + &noise(1024 * 1024)
        + LAST_LINE;
    let e = explain(&log);
    assert_eq!(e.code, Some(50126), "the first specific code, as for short texts");
    assert_eq!(e.other_codes, vec![53003]);
}

#[test]
fn a_log_that_repeats_one_error_is_one_error() {
    let log = LAST_LINE.repeat(20_000);
    assert!(log.len() > 4 * 1024 * 1024);
    let e = explain(&log);
    assert_eq!(e.code, Some(53003));
    assert!(e.other_codes.is_empty(), "{:?}", e.other_codes);
}

#[test]
fn a_big_log_without_an_error_says_so() {
    let e = explain(&noise(2 * 1024 * 1024));
    assert_eq!(e.code, None);
    assert!(e.summary.starts_with("No AADSTS error code was found"), "{}", e.summary);
}

#[test]
fn past_sixty_four_megabytes_the_end_is_read_and_the_answer_says_what_was_not() {
    let log = noise(MAX_LOG_BYTES + 3 * 1024 * 1024) + LAST_LINE;
    let e = explain(&log);
    assert_eq!(e.code, Some(53003));
    let note = e.not_read.expect("says what was not read");
    assert!(note.contains("last 64 MiB"), "{note}");
    assert!(note.contains("first 3."), "{note}");
}
