//! Runs a device tool (dsregcmd, app-sso, xdg-settings…) with a time bound,
//! so a hung tool can never hold up the checklist.

use std::process::Stdio;
use std::time::Duration;
use tokio::process::Command;

/// The tool's standard output, or why there is none, in words.
pub async fn run_tool(program: &str, args: &[&str], bound: Duration) -> Result<String, String> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // A tool that outlives its bound is stopped, not left behind.
        .kill_on_drop(true);
    let child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{program} is not installed"),
        _ => format!("{program} could not start: {e}"),
    })?;
    match tokio::time::timeout(bound, child.wait_with_output()).await {
        Err(_) => Err(format!("{program} did not answer within {} s", bound.as_secs_f32())),
        Ok(Err(e)) => Err(format!("{program} failed: {e}")),
        Ok(Ok(output)) => {
            let text = String::from_utf8_lossy(&output.stdout).into_owned();
            if output.status.success() || !text.trim().is_empty() {
                Ok(text)
            } else {
                let err = String::from_utf8_lossy(&output.stderr);
                Err(format!("{program} failed ({}): {}", output.status, err.trim()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::run_tool;
    use std::time::Duration;

    #[tokio::test]
    async fn a_missing_tool_is_named() {
        let err = run_tool("no-such-tool-signin-doctor", &[], Duration::from_secs(1)).await;
        assert_eq!(err, Err("no-such-tool-signin-doctor is not installed".to_owned()));
    }

    // `sleep` and `echo` are programs on Unix only (on Windows `echo` is a
    // cmd.exe built-in); the bound and the output path are the same code there.
    #[cfg(unix)]
    #[tokio::test]
    async fn a_hung_tool_is_stopped_at_its_bound() {
        let started = std::time::Instant::now();
        let err = run_tool("sleep", &["30"], Duration::from_millis(300)).await;
        assert_eq!(err, Err("sleep did not answer within 0.3 s".to_owned()));
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn output_is_returned() {
        assert_eq!(
            run_tool("echo", &["hello"], Duration::from_secs(2)).await,
            Ok("hello\n".to_owned())
        );
    }
}
