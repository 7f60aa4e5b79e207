//! Runs a device tool (dsregcmd, app-sso, xdg-settings…) through the
//! engine's one bounded runner, so a hung tool can never hold up the
//! checklist, and names why a fact could not be measured.

use crate::os_tool::ToolError;
use std::time::Duration;

/// Why a device fact could not be measured, in words.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Unmeasured {
    #[error(transparent)]
    Tool(#[from] ToolError),
    #[error("{tool} answered in an unexpected format")]
    UnexpectedAnswer { tool: &'static str },
    #[error("no default browser is set")]
    NoDefaultBrowser,
    #[error("not known how to find the default browser on {0}")]
    UnknownOs(String),
    /// A Windows API call that answered with an error status.
    #[cfg(windows)]
    #[error("the system call {call} failed (status {status:#010X})")]
    SystemCall { call: &'static str, status: i32 },
}

/// The tool's standard output, or why there is none.
pub async fn run_tool(program: &str, args: &[&str], bound: Duration) -> Result<String, Unmeasured> {
    Ok(crate::os_tool::run(program, args, bound).await?)
}

/// A tool's output read by its parser, or why there is nothing to read.
pub fn parsed<T>(
    output: Result<String, Unmeasured>,
    parse: fn(&str) -> Option<T>,
    tool: &'static str,
) -> Result<T, Unmeasured> {
    parse(&output?).ok_or(Unmeasured::UnexpectedAnswer { tool })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_missing_tool_is_named() {
        let err = run_tool("no-such-tool-signin-doctor", &[], Duration::from_secs(1)).await;
        assert_eq!(
            err.map_err(|e| e.to_string()),
            Err("no-such-tool-signin-doctor is not installed".to_owned())
        );
    }

    #[test]
    fn an_answer_the_parser_cannot_read_is_named() {
        let read = parsed(Ok("gibberish".to_owned()), |_| None::<()>, "dsregcmd");
        assert_eq!(
            read.map_err(|e| e.to_string()),
            Err("dsregcmd answered in an unexpected format".to_owned())
        );
    }
}
