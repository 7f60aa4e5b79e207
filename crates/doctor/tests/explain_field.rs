//! Issue 12: the explainer against real error texts, as people pasted them in
//! public issue threads and repository files. Each row in
//! `fixtures/field/rows.txt` is the verbatim text, its source, and every field
//! labelled by hand (see `fixtures/field/README.md`); decoy GUIDs in the text
//! must never come back in the answer.

use doctor::aadsts::explain;
use serde_json::Value;
use std::collections::BTreeMap;

const ROWS: &str = include_str!("fixtures/field/rows.txt");

/// The fields a row labels, by the name the fixture file uses, and where each
/// is in `explain --json`.
const FIELDS: [(&str, &str); 14] = [
    ("code", "/code"),
    ("other", "/other_codes"),
    ("error", "/error"),
    ("trace", "/trace_id"),
    ("correlation", "/correlation_id"),
    ("timestamp", "/timestamp"),
    ("app", "/app_id"),
    ("app_name", "/page/app_name"),
    ("ip_address", "/page/ip_address"),
    ("device_id", "/page/device_id"),
    ("device_platform", "/page/device_platform"),
    ("device_state", "/page/device_state"),
    ("resource", "/page/resource"),
    // A Microsoft account (consumer) page's own code, such as 80043490: not an AADSTS code.
    ("account_code", "/microsoft_account_code"),
];

struct Row {
    name: String,
    source: String,
    labels: BTreeMap<String, String>,
    text: String,
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let mut lines = ROWS.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("### ") else {
            assert!(line.trim().is_empty(), "stray line outside a row: {line:?}");
            continue;
        };
        let mut labels = BTreeMap::new();
        for header in lines.by_ref() {
            if header == ">>>" {
                break;
            }
            let (key, value) = header
                .split_once(':')
                .unwrap_or_else(|| panic!("{name}: bad header line {header:?}"));
            labels.insert(key.trim().to_owned(), value.trim().to_owned());
        }
        let mut text = Vec::new();
        for body in lines.by_ref() {
            if body == "<<<" {
                break;
            }
            text.push(body);
        }
        let source = labels.remove("source").unwrap_or_default();
        assert!(!source.is_empty(), "{name}: every row cites its source");
        rows.push(Row {
            name: name.to_owned(),
            source,
            labels,
            text: text.join("\n"),
        });
    }
    rows
}

/// The labelled value as `explain --json` writes it.
fn expected(key: &str, label: Option<&String>) -> Value {
    let label = label.map(String::as_str).unwrap_or("");
    match key {
        "other" => Value::Array(
            label
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(|c| Value::from(c.parse::<u64>().unwrap_or_else(|e| panic!("code {c}: {e}"))))
                .collect(),
        ),
        _ if label.is_empty() => Value::Null,
        "code" => Value::from(label.parse::<u64>().unwrap_or_else(|e| panic!("code {label}: {e}"))),
        _ => Value::from(label),
    }
}

#[test]
fn real_pasted_errors_are_read_field_by_field() {
    let rows = rows();
    assert!(rows.len() >= 60, "{} rows", rows.len());
    let mut wrong_rows = Vec::new();
    let mut wrong_by_field: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &rows {
        let answer = serde_json::to_value(explain(&row.text)).expect("json");
        let mut wrong = Vec::new();
        for (key, pointer) in FIELDS {
            let want = expected(key, row.labels.get(key));
            let got = answer.pointer(pointer).cloned().unwrap_or(Value::Null);
            if got != want {
                wrong.push(format!("{key}: got {got}, want {want}"));
                *wrong_by_field.entry(key).or_default() += 1;
            }
        }
        let printed = answer.to_string().to_ascii_lowercase();
        for decoy in row.labels.get("decoys").map(String::as_str).unwrap_or("").split(',') {
            let decoy = decoy.trim();
            if !decoy.is_empty() && printed.contains(&decoy.to_ascii_lowercase()) {
                wrong.push(format!("decoy {decoy} taken"));
                *wrong_by_field.entry("decoy").or_default() += 1;
            }
        }
        if !wrong.is_empty() {
            wrong_rows.push(format!("{} ({})\n    {}", row.name, row.source, wrong.join("\n    ")));
        }
    }
    eprintln!(
        "{} of {} real texts read wrong; wrong fields: {wrong_by_field:?}",
        wrong_rows.len(),
        rows.len()
    );
    assert!(wrong_rows.is_empty(), "read wrong:\n{}", wrong_rows.join("\n"));
}

#[test]
fn every_row_cites_a_source_and_labels_only_known_fields() {
    for row in rows() {
        assert!(
            row.source.starts_with("https://github.com/") || row.source.starts_with("public GitHub file"),
            "{}: {}",
            row.name,
            row.source
        );
        for key in row.labels.keys() {
            assert!(
                key == "decoys" || FIELDS.iter().any(|(k, _)| k == key),
                "{}: unknown label {key}",
                row.name
            );
        }
    }
}

#[test]
fn the_page_at_the_end_of_a_long_log_is_read_too() {
    let block = rows()
        .into_iter()
        .find(|row| row.labels.get("ip_address").is_some_and(|ip| ip.contains(':')))
        .expect("the IPv6 page row");
    let noise = "DEBUG: 2026-11-27 10:00:00,123 msal.token_cache: Device state: cached, App name: none\n";
    let log = noise.repeat(2 * 1024 * 1024 / noise.len()) + &block.text;
    let page = explain(&log).page.expect("the page");
    assert_eq!(page.ip_address.as_deref(), Some("2a0b:f4c2::17"));
    assert_eq!(page.app_name.as_deref(), Some("My Apps"));
    assert_eq!(page.device_state.as_deref(), Some("Unregistered"));
}
