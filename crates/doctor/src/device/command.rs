//! Runs a device tool (dsregcmd, app-sso, xdg-settings…) through the
//! engine's one bounded runner, so a hung tool can never hold up the checklist.

use std::time::Duration;

/// The tool's standard output, or why there is none, in words.
pub async fn run_tool(program: &str, args: &[&str], bound: Duration) -> Result<String, String> {
    crate::os_tool::run(program, args, bound)
        .await
        .map_err(|e| e.to_string())
}
