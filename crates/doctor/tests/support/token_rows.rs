//! The malformed tokens of the token table, each with the decode error it
//! must get: shared by `token_table.rs` and the CLI's Windows parity test
//! (`crates/doctor-cli/tests/windows_parity.rs`), which decodes each with
//! both builds.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

pub fn malformed_token_rows() -> Vec<(String, &'static str)> {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#);
    vec![
        (String::new(), "empty"),
        ("   \n ".to_owned(), "empty"),
        ("justonepart".to_owned(), "segment_count"),
        ("two.parts".to_owned(), "segment_count"),
        ("f.o.u.r".to_owned(), "segment_count"),
        ("a.b.c.d.e".to_owned(), "encrypted"),
        ("!!!.e30.c2ln".to_owned(), "base64url"),
        (format!("{header}.eyJhIjoxfQ==.c2ln"), "padding"),
        (format!("{header}.bm90IGpzb24.c2ln"), "not_json"),
        (format!("{header}.WzEsMiwzXQ.c2ln"), "not_object"),
        (
            format!("{}.e30.c2ln", URL_SAFE_NO_PAD.encode("\"a string\"")),
            "not_object",
        ),
        (format!("{header}.e30.***"), "base64url"),
        ("x".repeat(70_000), "too_large"),
    ]
}
