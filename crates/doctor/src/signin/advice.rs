//! What to do about a sign-in error, by AADSTS code, from the knowledge base.

use super::entra_error::SignInError;
use crate::aadsts::knowledge;

/// The knowledge base's steps for the code, and what help-desk needs to
/// find this sign-in.
pub fn fix_steps(error: &SignInError) -> Vec<String> {
    let ids = "Give help-desk the Trace ID (Request ID), the Correlation ID and the UTC time shown here: with them they find this exact sign-in in the Entra sign-in logs and see which policy applied.";
    let mut steps: Vec<String> = match error.code.and_then(knowledge::lookup) {
        Some(info) => knowledge::step_lines(&info.steps),
        None => knowledge::step_lines(knowledge::generic_steps()),
    };
    if !steps.iter().any(|s| s.contains("Correlation ID")) {
        steps.push(ids.to_owned());
    }
    steps
}
