//! The one way the engine runs an operating-system tool (dsregcmd, app-sso,
//! xdg-settings, gsettings, scutil, reg, netsh…): bounded in time and in the
//! bytes it may write. Both pipes are read while the tool runs, so a tool
//! that fills one cannot stall; at either bound, and when the run is
//! dropped (Cancel), the tool is killed with everything it started (its
//! process group on Unix, its Job object on Windows), so nothing is left
//! behind.

use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::{Child, Command};

#[cfg(windows)]
mod windows_job;

/// More than any tool the engine asks writes (dsregcmd /status is ~5 KiB).
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024;

/// Why a tool gave no usable output, in words.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ToolError {
    #[error("{program} is not installed")]
    NotInstalled { program: String },
    #[error("{program} could not start: {why}")]
    CouldNotStart { program: String, why: String },
    #[error("{program} did not answer within {seconds} s")]
    TimedOut { program: String, seconds: f32 },
    #[error("{program} wrote more than {} KiB, more than it ever should", limit / 1024)]
    TooMuchOutput { program: String, limit: usize },
    #[error("{program} failed ({status}): {stderr}")]
    Failed {
        program: String,
        status: String,
        stderr: String,
    },
}

/// The tool's standard output: when it succeeded, or when it failed but
/// still wrote something (dsregcmd does).
pub async fn run(program: &str, args: &[&str], bound: Duration) -> Result<String, ToolError> {
    run_limited(program, args, bound, MAX_OUTPUT_BYTES).await
}

async fn run_limited(program: &str, args: &[&str], bound: Duration, limit: usize) -> Result<String, ToolError> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Dropped early (Cancel, its check cut off), the tool is stopped too,
        // and `Spawned`'s drop stops what it started.
        .kill_on_drop(true);
    #[cfg(unix)]
    command.process_group(0);
    let child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ToolError::NotInstalled {
            program: program.to_owned(),
        },
        _ => ToolError::CouldNotStart {
            program: program.to_owned(),
            why: e.to_string(),
        },
    })?;
    #[cfg(windows)]
    let tree = child.raw_handle().and_then(windows_job::ProcessTree::adopt);
    let mut child = Spawned {
        child,
        #[cfg(windows)]
        tree,
    };
    let (stdout, stderr) = (child.child.stdout.take(), child.child.stderr.take());
    let work = async {
        let (out, err) = tokio::try_join!(read_at_most(stdout, limit), read_at_most(stderr, limit))?;
        let status = child.child.wait().await.map_err(Overrun::Io)?;
        Ok::<_, Overrun>((out, err, status))
    };
    let finished = tokio::time::timeout(bound, work).await;
    let failed = |why: String| ToolError::Failed {
        program: program.to_owned(),
        status: "no exit status".to_owned(),
        stderr: why,
    };
    let (out, err, status) = match finished {
        Ok(Ok(done)) => done,
        Ok(Err(Overrun::Io(e))) => {
            stop(&mut child).await;
            return Err(failed(e.to_string()));
        }
        Ok(Err(Overrun::TooMuch)) => {
            stop(&mut child).await;
            return Err(ToolError::TooMuchOutput {
                program: program.to_owned(),
                limit,
            });
        }
        Err(_) => {
            stop(&mut child).await;
            return Err(ToolError::TimedOut {
                program: program.to_owned(),
                seconds: bound.as_secs_f32(),
            });
        }
    };
    let text = String::from_utf8_lossy(&out).into_owned();
    if status.success() || !text.trim().is_empty() {
        Ok(text)
    } else {
        Err(ToolError::Failed {
            program: program.to_owned(),
            status: status.to_string(),
            stderr: String::from_utf8_lossy(&err).trim().to_owned(),
        })
    }
}

enum Overrun {
    Io(std::io::Error),
    TooMuch,
}

/// Reads a pipe to its end, or fails once it passes `limit` bytes.
async fn read_at_most(pipe: Option<impl AsyncRead + Unpin>, limit: usize) -> Result<Vec<u8>, Overrun> {
    let mut bytes = Vec::new();
    let Some(pipe) = pipe else {
        return Ok(bytes);
    };
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    pipe.take(cap).read_to_end(&mut bytes).await.map_err(Overrun::Io)?;
    if bytes.len() > limit {
        return Err(Overrun::TooMuch);
    }
    Ok(bytes)
}

/// The running tool, and on Windows the job that holds what it starts.
struct Spawned {
    child: Child,
    #[cfg(windows)]
    tree: Option<windows_job::ProcessTree>,
}

impl Spawned {
    /// Kills everything the tool started: its process group on Unix, its
    /// job on Windows. Only while the tool is not yet reaped (`id()` is
    /// `None` once it is): until then its pid, and so its group's id, cannot
    /// have been given to another process.
    fn end_tree(&self) {
        if self.child.id().is_none() {
            return;
        }
        #[cfg(windows)]
        if let Some(tree) = &self.tree {
            tree.end();
        }
        #[cfg(unix)]
        if let Some(group) = self
            .child
            .id()
            .and_then(|id| i32::try_from(id).ok())
            .and_then(rustix::process::Pid::from_raw)
        {
            // The group may already be gone; then there is nothing to stop.
            let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
        }
    }
}

impl Drop for Spawned {
    /// Dropped before the tool finished (Cancel, a newer run, its check cut
    /// off): the whole tree goes, not only the tool (`kill_on_drop`).
    fn drop(&mut self) {
        self.end_tree();
    }
}

/// Kills the tool and everything it started, then reaps it.
async fn stop(spawned: &mut Spawned) {
    spawned.end_tree();
    let _ = spawned.child.kill().await;
}

#[cfg(test)]
mod tests;
