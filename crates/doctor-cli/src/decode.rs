//! `decode`: a JWT from a file or stdin, decoded and judged offline.
//! Contract: one JSON object with header, claims, kind, expires_at,
//! not_before and verdicts; exit 0 no verdict fails, 1 one fails, 2 not a JWT.

use crate::console::{say, warn_line};
use crate::input::read_input;
use doctor::clock::system_now;
use doctor::token::inspect;
use doctor::Status;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Tokens are a few KiB; anything past this is not one.
const MAX_TOKEN_BYTES: usize = 1024 * 1024;

pub fn run(file: Option<PathBuf>, json: bool) -> ExitCode {
    let text = match read_input(file.as_deref(), MAX_TOKEN_BYTES) {
        Ok(text) => text,
        Err(why) => {
            warn_line!("error: {why}");
            return ExitCode::from(2);
        }
    };
    let (_, inspection) = match inspect(&text, system_now()()) {
        Ok(found) => found,
        Err(e) => {
            if json {
                say!("{:#}", json!({"error": e.id(), "message": e.to_string()}));
            } else {
                warn_line!("Not a JWT: {e}.");
            }
            return ExitCode::from(2);
        }
    };
    if json {
        let out = json!({
            "kind": inspection.kind,
            "header": inspection.header,
            "claims": inspection.claims,
            "expires_at": inspection.expires_at,
            "not_before": inspection.not_before,
            "verdicts": inspection.verdicts,
        });
        say!("{out:#}");
    } else {
        say!("Kind: {:?}", inspection.kind);
        say!("\nHeader:");
        for claim in &inspection.explained_header {
            say!("  {} = {}\n      {}", claim.name, claim.value, claim.meaning);
        }
        say!("\nClaims:");
        for claim in &inspection.explained_claims {
            let when = claim
                .time
                .map(|t| format!(" ({} UTC)", t.format("%Y-%m-%d %H:%M:%S")))
                .unwrap_or_default();
            say!("  {} = {}{when}\n      {}", claim.name, claim.value, claim.meaning);
        }
        say!("\nVerdicts:");
        for verdict in &inspection.verdicts {
            let word = match verdict.status {
                Status::Fail => "FAIL",
                Status::Warn => "WARN",
                _ => "PASS",
            };
            say!("  [{word}] {}: {}", verdict.id, verdict.message);
        }
    }
    if inspection.any_failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
