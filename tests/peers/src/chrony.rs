//! A real NTP server on 127.0.0.1: `chronyd -x` under libfaketime, so its
//! clock runs a chosen number of seconds ahead of (or behind) this computer's.
//!
//! `-x` is essential: the test machine may be allowed to set the system
//! clock, and chronyd without it would step it.

use std::io;
use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Where `scripts/fetch-chrony.sh` unpacks Debian's chronyd without
/// installing the package (installing it removes systemd-timesyncd).
fn unpacked_chronyd() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/peers/chrony/root/usr/sbin/chronyd")
}

/// The chronyd binary: the unpacked one, else an installed one.
pub fn chronyd_path() -> Option<PathBuf> {
    [unpacked_chronyd(), PathBuf::from("/usr/sbin/chronyd")]
        .into_iter()
        .find(|path| path.is_file())
}

/// libfaketime's preload library, which shifts the clock chronyd reads.
pub fn libfaketime_path() -> Option<PathBuf> {
    let known = [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/faketime/libfaketime.so.1",
        "/usr/local/lib/faketime/libfaketime.so.1",
    ];
    if let Some(found) = known.iter().map(PathBuf::from).find(|path| path.is_file()) {
        return Some(found);
    }
    // Other architectures: ask dpkg where the package put it.
    let listing = Command::new("dpkg").args(["-L", "libfaketime"]).output().ok()?;
    String::from_utf8_lossy(&listing.stdout)
        .lines()
        .map(PathBuf::from)
        .find(|path| path.file_name().is_some_and(|name| name == "libfaketime.so.1") && path.is_file())
}

/// Whether chronyd and libfaketime are here. With SIGNIN_DOCTOR_E2E=required
/// (as scripts/test.sh sets) a missing one fails the test instead of skipping it.
pub fn chrony_available() -> bool {
    let required = std::env::var("SIGNIN_DOCTOR_E2E").is_ok_and(|v| v == "required");
    let chronyd = chronyd_path();
    let faketime = libfaketime_path();
    if chronyd.is_some() && faketime.is_some() {
        return true;
    }
    assert!(
        !required,
        "SIGNIN_DOCTOR_E2E=required but chronyd={chronyd:?} libfaketime={faketime:?}: run scripts/install-deps.sh test (it installs faketime and unpacks chronyd with scripts/fetch-chrony.sh)"
    );
    eprintln!("skipping: needs chronyd and libfaketime (scripts/install-deps.sh test provides them)");
    false
}

/// `chronyd -x` serving NTP on 127.0.0.1:`port`, stopped (by its PID) when dropped.
pub struct ChronyServer {
    pub port: u16,
    child: Child,
    scratch: PathBuf,
}

impl ChronyServer {
    /// Starts chronyd with its clock shifted by `shift_seconds` (positive:
    /// the server is ahead of this computer) and waits until it answers.
    pub fn start(shift_seconds: i64) -> io::Result<Self> {
        let chronyd = chronyd_path().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "chronyd not found: run scripts/fetch-chrony.sh",
            )
        })?;
        let scratch = scratch_dir()?;
        match Self::spawn(&chronyd, shift_seconds, &scratch) {
            Ok(server) => Ok(server),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&scratch);
                Err(e)
            }
        }
    }

    /// `host:port`, as the app's settings name an NTP server.
    pub fn server(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn spawn(chronyd: &Path, shift_seconds: i64, scratch: &Path) -> io::Result<Self> {
        let port = free_udp_port()?;
        let config = scratch.join("chrony.conf");
        // `cmdport 0` closes the UDP command port; `bindcmdaddress /` also
        // closes the Unix socket, which would otherwise take over
        // /run/chrony/chronyd.sock from a chronyd the system runs.
        std::fs::write(
            &config,
            format!(
                "port {port}\nbindaddress 127.0.0.1\nallow 127.0.0.1\nlocal stratum 10\ncmdport 0\nbindcmdaddress /\npidfile {}\ndriftfile {}\n",
                scratch.join("chronyd.pid").display(),
                scratch.join("drift").display(),
            ),
        )?;
        let log = std::fs::File::create(scratch.join("chronyd.log"))?;
        let mut command = Command::new(chronyd);
        // -x: never control the system clock. -d: stay in the foreground
        // (so the PID is chronyd's) and log to stderr.
        command.args(["-x", "-d", "-f"]).arg(&config);
        if running_as_root() {
            // The _chrony user exists only when the package is installed.
            command.args(["-u", "root"]);
        } else {
            command.arg("-U");
        }
        if shift_seconds != 0 {
            let faketime = libfaketime_path().ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    "libfaketime not found: install the faketime and libfaketime packages",
                )
            })?;
            // LD_PRELOAD rather than the `faketime` wrapper, which forks and so hides chronyd's PID.
            command
                .env("LD_PRELOAD", faketime)
                .env("FAKETIME", format!("{shift_seconds:+}s"));
        }
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()?;
        let mut server = Self {
            port,
            child,
            scratch: scratch.to_owned(),
        };
        server.wait_until_serving()?;
        Ok(server)
    }

    /// Polls with SNTP requests until chronyd answers as a synchronized server.
    fn wait_until_serving(&mut self) -> io::Result<()> {
        let socket = UdpSocket::bind("127.0.0.1:0")?;
        socket.connect(("127.0.0.1", self.port))?;
        socket.set_read_timeout(Some(Duration::from_millis(100)))?;
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait()? {
                return Err(io::Error::other(format!("chronyd exited ({status}): {}", self.log())));
            }
            let mut request = [0u8; 48];
            request[0] = 0b00_100_011; // LI 0, version 4, mode 3 (client)
            let mut answer = [0u8; 64];
            // Until chronyd binds, the send or the receive fails; try again.
            if socket.send(&request).is_ok() {
                if let Ok(n) = socket.recv(&mut answer) {
                    let leap = answer[0] >> 6;
                    let stratum = answer[1];
                    if n >= 48 && leap != 3 && (1..16).contains(&stratum) {
                        return Ok(());
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!(
                "chronyd did not serve time on 127.0.0.1:{} within 10 s: {}",
                self.port,
                self.log()
            ),
        ))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.scratch.join("chronyd.log")).unwrap_or_default()
    }
}

impl Drop for ChronyServer {
    fn drop(&mut self) {
        // By PID: this kills the chronyd this value started, and only it.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// A UDP port that was free a moment ago.
fn free_udp_port() -> io::Result<u16> {
    Ok(UdpSocket::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn scratch_dir() -> io::Result<PathBuf> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "signin-doctor-chrony-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
