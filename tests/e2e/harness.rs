//! Drives the real app window over WebDriver: Debian's WebKitWebDriver,
//! started directly with TAURI_WEBVIEW_AUTOMATION=true (without it, session
//! creation hangs), under the Xvfb and D-Bus session that scripts/test.sh
//! provides. Everything started here is stopped by PID when dropped.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use std::future::Future;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One window at a time: WebKit is heavy on a 2-core machine, and parallel
/// windows would make timing assertions meaningless.
static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const DRIVER_START: Duration = Duration::from_secs(15);
/// How long WebKitWebDriver may take to launch the app and open a session.
/// Rarely the session never opens (seen once in a full run: the driver up,
/// no app under it); then the try is abandoned and made again, instead of
/// holding the one-window lock, and so the whole suite, forever.
const SESSION_START: Duration = Duration::from_secs(45);
/// The longest one test may keep its window. A WebDriver call can hang with
/// no error (a screenshot while GTK's modal dialog was up, in WebKit's CPU
/// painting: 18 minutes in CI); past this the driver and the app are
/// stopped, so the stuck call fails with a message instead of eating CI's
/// 90 minutes. The slowest test takes about a minute.
const WINDOW_LIFETIME: Duration = Duration::from_secs(240);

/// Returns false (and says why) when there is no display to run on, unless
/// SIGNIN_DOCTOR_E2E=required, when a missing display is a failure.
pub fn display_available() -> bool {
    if std::env::var_os("DISPLAY").is_some() {
        return true;
    }
    let required = std::env::var("SIGNIN_DOCTOR_E2E").is_ok_and(|v| v == "required");
    assert!(
        !required,
        "SIGNIN_DOCTOR_E2E=required but DISPLAY is not set: run through scripts/test.sh"
    );
    eprintln!("skipping end-to-end test: no DISPLAY (scripts/test.sh runs these under Xvfb)");
    false
}

/// The app under test: the installed one when SIGNIN_DOCTOR_APP_BINARY names
/// it (scripts/package-smoke.sh sets it to /usr/bin/signin-doctor), else this build's.
pub fn app_binary() -> String {
    std::env::var("SIGNIN_DOCTOR_APP_BINARY").unwrap_or_else(|_| env!("CARGO_BIN_EXE_signin-doctor").to_owned())
}

/// The real app, launched by WebKitWebDriver with the given environment.
pub struct AppWindow {
    pub client: Client,
    driver: Child,
    /// Dropped with the window: tells the watchdog the test ended in time.
    _watchdog: std::sync::mpsc::Sender<()>,
    /// The app's config files and data (logs, web storage) for this test only.
    scratch: tempfile::TempDir,
    _one_window: tokio::sync::MutexGuard<'static, ()>,
}

impl AppWindow {
    /// Launches the app with `env` added to a scratch config (so the user's
    /// real settings are never read or written).
    pub async fn launch(env: &[(&str, String)]) -> AppWindow {
        Self::launch_with_config(env, None).await
    }

    pub async fn launch_with_config(env: &[(&str, String)], config_text: Option<&str>) -> AppWindow {
        Self::launch_with_args(env, config_text, &[]).await
    }

    /// Launches the app with command-line arguments (a packet file double-clicked).
    pub async fn launch_with_args(env: &[(&str, String)], config_text: Option<&str>, args: &[String]) -> AppWindow {
        let one_window = ONE_WINDOW.lock().await;
        let scratch = tempfile::tempdir().expect("temp dir");
        if let Some(text) = config_text {
            std::fs::write(scratch.path().join("config.toml"), text).expect("write config");
        }
        let browser_env = test_peers::headless_chromium_as_default_browser(scratch.path()).expect("default browser");
        // Tests talk to 127.0.0.1 only: no real time servers unless a test names its own.
        let no_time_server = format!("127.0.0.1:{}", free_port());
        // Nor the real status feed, captive-portal test or this machine's proxy.
        let loopback_only = test_peers::loopback_only_env().expect("free ports");
        let capabilities = json!({
            "webkitgtk:browserOptions": { "binary": app_binary(), "args": args }
        });
        let capabilities = capabilities.as_object().cloned().expect("object");
        // A port picked free can be taken before the driver binds it; then the
        // driver exits and the session is refused. Start over on a new port.
        let mut attempts = 0;
        let (client, driver) = loop {
            attempts += 1;
            let port = free_port();
            let mut command = Command::new("WebKitWebDriver");
            command
                .arg(format!("--port={port}"))
                .arg("--host=127.0.0.1")
                .env("TAURI_WEBVIEW_AUTOMATION", "true")
                .env("SIGNIN_DOCTOR_CONFIG", scratch.path().join("config.toml"))
                .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", scratch.path().join("system.toml"))
                .envs(browser_env.clone())
                .envs(loopback_only.clone())
                .env("SIGNIN_DOCTOR_NTP_SERVERS", &no_time_server)
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            for (name, value) in env {
                command.env(name, value);
            }
            let mut driver = command
                .spawn()
                .expect("WebKitWebDriver starts (Debian package webkit2gtk-driver)");
            let started = Instant::now();
            while TcpStream::connect(("127.0.0.1", port)).is_err() && started.elapsed() < DRIVER_START {
                std::thread::sleep(Duration::from_millis(50));
            }
            let session = tokio::time::timeout(
                SESSION_START,
                ClientBuilder::new(HttpConnector::new())
                    .capabilities(capabilities.clone())
                    .connect(&format!("http://127.0.0.1:{port}")),
            )
            .await
            .map_err(|_| format!("no session within {} s", SESSION_START.as_secs()))
            .and_then(|session| session.map_err(|e| e.to_string()));
            match session {
                Ok(client) => break (client, driver),
                Err(e) => {
                    stop_tree(&mut driver);
                    assert!(
                        attempts < 3,
                        "no WebDriver session with the app after {attempts} tries: {e}"
                    );
                }
            }
        };
        let window = AppWindow {
            client,
            _watchdog: watchdog(driver.id()),
            driver,
            scratch,
            _one_window: one_window,
        };
        window.wait_for("#checklist li", Duration::from_secs(30)).await;
        window
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits for an element. Errors are retried until the deadline: the UI
    /// re-renders lists, so an element found a moment ago can go stale.
    pub async fn wait_for(&self, css: &str, within: Duration) -> Element {
        let started = Instant::now();
        loop {
            // An element re-rendered while WebDriver builds its handle comes back
            // "stale" (fantoccini's own wait gives up on that); look again.
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) if started.elapsed() >= within => panic!("{css} did not appear within {within:?}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.attr(name).await.expect("attribute")
    }

    /// Clicks Run checks and waits until that run (not an earlier one) has
    /// finished. Returns how long the run took, click to last row.
    pub async fn run_checks_and_wait(&self, within: Duration) -> Duration {
        let before = self.attr("#checklist", "data-run-id").await;
        let clicked = Instant::now();
        self.find("#run-checks").await.click().await.expect("click Run checks");
        poll(within, || async {
            let list = self.find("#checklist").await;
            let id = list.attr("data-run-id").await.ok().flatten();
            let state = list.attr("data-run-state").await.ok().flatten();
            id.is_some() && id != before && state.as_deref() == Some("finished")
        })
        .await;
        clicked.elapsed()
    }

    /// The user's settings file as the app left it ("" when it wrote none).
    pub fn config_text(&self) -> String {
        std::fs::read_to_string(self.scratch.path().join("config.toml")).unwrap_or_default()
    }

    /// Every log file the app wrote, read as text.
    pub fn log_text(&self) -> String {
        let dir = self.scratch.path().join("data/app.signindoctor.desktop/logs");
        let mut text = String::new();
        for entry in std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("no log folder {}: {e}", dir.display()))
            .flatten()
        {
            text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
        text
    }

    /// The log folder and each file in it, with their permission bits.
    #[cfg(unix)]
    pub fn log_modes(&self) -> Vec<(PathBuf, u32)> {
        use std::os::unix::fs::PermissionsExt;
        let dir = self.scratch.path().join("data/app.signindoctor.desktop/logs");
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0)
        };
        let mut modes = vec![(dir.clone(), mode(&dir))];
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            modes.push((entry.path(), mode(&entry.path())));
        }
        modes
    }

    /// Waits until the run the app starts by itself has finished (a busy
    /// machine is slow), and returns the number of finished runs.
    pub async fn first_run_done(&self) -> u64 {
        poll(Duration::from_secs(30), || async { self.completed_runs().await >= 1 }).await;
        self.completed_runs().await
    }

    /// The number of the last run the app finished.
    pub async fn completed_runs(&self) -> u64 {
        self.attr("#checklist", "data-completed")
            .await
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// Scrolls until the element is at the bottom of the view, for screenshots.
    /// Brings the element into the middle of the view, then clicks it:
    /// WebKitWebDriver does not scroll `main` (the page's scrolling box) to
    /// an element below the fold, and refuses the click as not interactable.
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        let reference = serde_json::to_value(&element).unwrap_or_else(|e| panic!("{css}: {e}"));
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![reference.clone()],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
        self.wait_until_still(reference).await;
        element.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Waits (at most 5 s) until the element has kept its place for 100 ms.
    /// The app's own first run redraws the rows and moves what lies below
    /// them; on a busy machine a click aimed before a move lands elsewhere
    /// (seen in CI: a Save or a banner's button that was never pressed).
    async fn wait_until_still(&self, element: serde_json::Value) {
        const STILL: &str = "const [element, done] = [arguments[0], arguments[arguments.length - 1]];
            const place = () => { const r = element.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(); };
            const before = place();
            setTimeout(() => done(place() === before), 100);";
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            let still = self.client.execute_async(STILL, vec![element.clone()]).await;
            if matches!(still, Ok(serde_json::Value::Bool(true))) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn scroll_to(&self, css: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'end'})",
                vec![json!(css)],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
    }

    /// Saves what the window shows now as target/e2e/NAME.png.
    /// Saves the window as the display shows it. WebDriver's own screenshot
    /// waits for WebKit's next presentation update, and with WebKit painting
    /// on the CPU a still page may never send one: two screenshots hung in a
    /// full run (the watchdog caught them), one under GTK's open dialog, one
    /// on a page at rest. The display's pixels are what a user sees anyway.
    pub async fn screenshot(&self, name: &str) {
        // Let the page's latest change reach the display first (bounded: a
        // frame that never comes only costs half a second).
        let _ = self
            .client
            .execute_async(
                "const done = arguments[0]; setTimeout(done, 500); \
                 requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));",
                vec![],
            )
            .await;
        let (x, y, width, height) = self.client.get_window_rect().await.expect("the window's place");
        let path = e2e_dir().join(format!("{name}.png"));
        let captured = Command::new("import")
            .args([
                "-window",
                "root",
                "-crop",
                &format!("{width}x{height}+{x}+{y}"),
                "+repage",
            ])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        assert!(captured, "import could not capture the display into {}", path.display());
    }

    /// Saves through the real save dialog (GTK's file chooser) the app just
    /// opened, titled `title`: the full path is typed into its name field as
    /// a user would (xdotool). With `screenshot`, the display is saved first.
    pub async fn save_through_dialog(&self, title: &str, target: &std::path::Path, screenshot: Option<&str>) {
        // The name field has the focus: select its text and type over it.
        self.type_into_dialog(title, Some("ctrl+a"), target, screenshot).await;
        poll(Duration::from_secs(10), || async { target.exists() }).await;
    }

    /// Opens `file` through the real open dialog (GTK's file chooser) the
    /// app just showed, titled `title`: Ctrl+L opens its location field, and
    /// the full path is typed there as a user would.
    pub async fn open_through_dialog(&self, title: &str, file: &std::path::Path, screenshot: Option<&str>) {
        // Typing "/" alone opened the field in one view of the chooser but not in the
        // help-desk one (its filter): Ctrl+L opens it in both.
        self.type_into_dialog(title, Some("ctrl+l"), file, screenshot).await;
        // The first Return may only close the location field's completion
        // list: while the dialog shows, press it again.
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_millis(500)).await;
            if !xdotool(&["search", "--onlyvisible", "--name", title]) {
                break;
            }
            let _ = xdotool(&["search", "--onlyvisible", "--name", title, "windowfocus", "--sync"]);
            let _ = xdotool(&["key", "Return"]);
        }
        // The dialog is hidden once it has answered (GTK may keep the window unmapped).
        poll(Duration::from_secs(10), || async {
            !xdotool(&["search", "--onlyvisible", "--name", title])
        })
        .await;
    }

    async fn type_into_dialog(
        &self,
        title: &str,
        field_key: Option<&str>,
        path: &std::path::Path,
        screenshot: Option<&str>,
    ) {
        // The dialog is a separate top-level window titled by the app (a
        // dialog shown before may linger unmapped: only a visible one counts).
        poll(Duration::from_secs(10), || async {
            xdotool(&["search", "--onlyvisible", "--name", title])
        })
        .await;
        // The whole display, not WebDriver's view of the page: with WebKit
        // painting on the CPU, a WebDriver screenshot under GTK's modal dialog
        // never returns (the watchdog showed it at this line).
        if let Some(name) = screenshot {
            let _ = Command::new("import")
                .args(["-window", "root"])
                .arg(e2e_dir().join(format!("{name}.png")))
                .status();
        }
        // There is no window manager on the virtual display, so focus is set directly.
        assert!(xdotool(&[
            "search",
            "--onlyvisible",
            "--name",
            title,
            "windowfocus",
            "--sync"
        ]));
        if let Some(key) = field_key {
            assert!(xdotool(&["key", "--clearmodifiers", key]));
            // The location field appears a moment later: a path typed at once was lost (i11b: 2 runs of 3).
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        assert!(xdotool(&["type", "--delay", "5", &path.to_string_lossy()]));
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(xdotool(&["key", "Return"]));
    }

    /// The folder the app's config and data live in for this test.
    pub fn scratch_dir(&self) -> &std::path::Path {
        self.scratch.path()
    }

    /// Ends the session (which closes the app) and stops the driver.
    pub async fn close(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        stop_tree(&mut self.driver);
    }
}

impl Drop for AppWindow {
    fn drop(&mut self) {
        // Reached without close() when a test panics: stop the driver and the
        // app it launched so no process outlives the test.
        stop_tree(&mut self.driver);
    }
}

/// Stops the driver (pid `driver`) and the app under it when the test still
/// holds its window after WINDOW_LIFETIME; the screen at that moment is saved.
fn watchdog(driver: u32) -> std::sync::mpsc::Sender<()> {
    let (ended, wait) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if wait.recv_timeout(WINDOW_LIFETIME) != Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            return;
        }
        let shot = e2e_dir().join(format!("stuck-{driver}-screen.png"));
        eprintln!(
            "this test still had its window after {} s: a WebDriver call is stuck. Stopping the driver \
             and the app so it fails here (the screen is in {})",
            WINDOW_LIFETIME.as_secs(),
            shot.display()
        );
        let _ = Command::new("import").args(["-window", "root"]).arg(&shot).status();
        let mut pids = descendants(driver);
        pids.push(driver);
        signal(&pids, "-KILL");
    });
    ended
}

fn xdotool(args: &[&str]) -> bool {
    Command::new("xdotool")
        .args(args)
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// The clipboard's text, read with xclip as another program would paste it.
pub fn clipboard() -> String {
    Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// Polls `check` until it is true or `within` passes (then panics).
pub async fn poll<F, Fut>(within: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let started = Instant::now();
    loop {
        if check().await {
            return;
        }
        assert!(started.elapsed() < within, "condition not met within {within:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// SIGTERM to the driver and everything under it (the app, WebKit's
/// helpers), then SIGKILL to whatever is left.
fn stop_tree(driver: &mut Child) {
    if matches!(driver.try_wait(), Ok(Some(_))) {
        return;
    }
    let mut pids = descendants(driver.id());
    pids.push(driver.id());
    signal(&pids, "-TERM");
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline && pids.iter().any(|pid| alive(*pid)) {
        let _ = driver.try_wait();
        std::thread::sleep(Duration::from_millis(50));
    }
    let left: Vec<u32> = pids.into_iter().filter(|pid| alive(*pid)).collect();
    if !left.is_empty() {
        signal(&left, "-KILL");
    }
    let _ = driver.wait();
}

fn signal(pids: &[u32], how: &str) {
    let _ = Command::new("kill")
        .arg(how)
        .args(pids.iter().map(u32::to_string))
        .stderr(Stdio::null())
        .status();
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| !stat.rsplit(')').next().unwrap_or("").trim_start().starts_with('Z'))
        .unwrap_or(false)
}

/// Every process below `root`, read from /proc.
fn descendants(root: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            // Field 4 (after the parenthesised name) is the parent PID.
            let ppid = stat
                .rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if let Some(ppid) = ppid {
                parent_of.push((pid, ppid));
            }
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parent_of.iter().filter(|(_, pp)| *pp == parent).map(|(pid, _)| *pid));
        i += 1;
    }
    found.remove(0);
    found
}

/// target/e2e, where screenshots go.
pub fn e2e_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&dir).expect("target/e2e");
    dir
}
