//! Starts a window binary the way a user would, on fresh per-run folders, and
//! stops it and everything it started.

use super::memory::process_tree;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct Launched {
    child: Child,
    scratch: PathBuf,
    pub at: Instant,
}

/// Launches `binary` with empty config, cache and data folders (so WebKit's
/// caches are cold for both windows) and every endpoint the app would call
/// pointed at a closed port on 127.0.0.1 (refused at once: no traffic leaves
/// the machine and no check waits).
///
/// `driver_cache` is the GL driver's shader cache (Mesa's, which draws under
/// Xvfb): a folder kept from launch to launch of the same window, as a real
/// machine keeps it, or `None` for an empty one (the first launch on a machine).
///
/// `painting` is added to the environment: WebKit's painting variables, for
/// the bare window painted the way the app paints where there is no GPU.
pub fn launch(
    binary: &Path,
    closed_port: u16,
    driver_cache: Option<&Path>,
    painting: &[(&str, &str)],
) -> Result<Launched, String> {
    static RUN: AtomicU32 = AtomicU32::new(0);
    let scratch = std::env::temp_dir().join(format!(
        "signin-doctor-bench-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&scratch);
    for dir in ["config", "cache", "data"] {
        std::fs::create_dir_all(scratch.join(dir)).map_err(|e| format!("{}: {e}", scratch.display()))?;
    }
    let log = std::fs::File::create(scratch.join("window.log")).map_err(|e| e.to_string())?;
    let loopback = format!("127.0.0.1:{closed_port}");
    let shader_cache = match driver_cache {
        Some(dir) => dir.to_path_buf(),
        None => scratch.join("cache/mesa_shader_cache"),
    };
    let at = Instant::now();
    let child = Command::new(binary)
        // Classic scrollbars: WebKit's overlay scrollbar fades out seconds after
        // the page loads, which would count as painting for a scrollable page
        // (the app's) and not for a short one (the bare window's).
        .env("GTK_OVERLAY_SCROLLING", "0")
        .env("XDG_CONFIG_HOME", scratch.join("config"))
        .env("XDG_CACHE_HOME", scratch.join("cache"))
        .env("XDG_DATA_HOME", scratch.join("data"))
        // Set either way, so that a cache named in the caller's environment never applies.
        .env("MESA_SHADER_CACHE_DIR", &shader_cache)
        .env("SIGNIN_DOCTOR_CONFIG", scratch.join("config/user.toml"))
        .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", scratch.join("config/system.toml"))
        .env("SIGNIN_DOCTOR_DATA_DIR", scratch.join("data/signin-doctor"))
        .env("SIGNIN_DOCTOR_AUTHORITY", format!("http://{loopback}"))
        .env("SIGNIN_DOCTOR_NTP_SERVERS", &loopback)
        // Every other endpoint too: the status feed, the captive-portal test, no proxy.
        .env("SIGNIN_DOCTOR_STATUS_FEED", format!("http://{loopback}/feed"))
        .env(
            "SIGNIN_DOCTOR_CONNECTIVITY_CHECK_URL",
            format!("http://{loopback}/connecttest.txt"),
        )
        .env("SIGNIN_DOCTOR_PROXY", "direct")
        .envs(painting.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    Ok(Launched { child, scratch, at })
}

impl Launched {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Fails if the window's process has already ended.
    pub fn still_running(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(format!("the window exited early ({status}): {}", self.log())),
            Err(e) => Err(e.to_string()),
        }
    }

    fn log(&self) -> String {
        let text = std::fs::read_to_string(self.scratch.join("window.log")).unwrap_or_default();
        text.chars()
            .rev()
            .take(800)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect()
    }

    /// SIGTERM, as a desktop closing it would; SIGKILL after 3 s. WebKit's
    /// helper processes end with it; any left after 2 s more are killed by PID.
    pub fn stop(mut self) {
        let helpers: Vec<u32> = process_tree(self.pid())
            .into_iter()
            .filter(|p| *p != self.pid())
            .collect();
        signal("TERM", self.pid());
        if !wait_for(&mut self.child, Duration::from_secs(3)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let until = Instant::now() + Duration::from_secs(2);
        while helpers.iter().any(|p| alive(*p)) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(50));
        }
        for pid in helpers.into_iter().filter(|p| alive(*p)) {
            signal("KILL", pid);
        }
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

fn wait_for(child: &mut Child, bound: Duration) -> bool {
    let until = Instant::now() + bound;
    while Instant::now() < until {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn signal(name: &str, pid: u32) {
    let _ = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}
