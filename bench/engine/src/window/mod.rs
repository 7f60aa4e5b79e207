//! Cold start and memory of the app's window against a bare Tauri window,
//! launched in turn on the same virtual display.

mod launch;
mod memory;
mod screen;

use crate::figure::{millis, Figure};
use launch::launch;
use memory::tree_memory;
use screen::Screen;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A launch counts as painted once its screen has stayed the same this long.
const STILL_FOR: Duration = Duration::from_millis(2000);
/// A launch that has not settled by then does not count (the run fails).
const GIVE_UP: Duration = Duration::from_secs(40);
/// The app paints on the CPU where there is no GPU (src-tauri/painting.rs);
/// the bare window does so too in one series, for comparison.
const CPU_PAINTING: &[(&str, &str)] = &[("WEBKIT_DISABLE_COMPOSITING_MODE", "1")];

struct Sample {
    first_change_ms: f64,
    first_content_ms: f64,
    painted_ms: f64,
    rss_mib: f64,
    pss_mib: f64,
    processes: Vec<String>,
}

fn measure_once(
    screen: &Screen,
    binary: &Path,
    closed_port: u16,
    driver_cache: Option<&Path>,
    painting: &[(&str, &str)],
    keep: Option<&Path>,
) -> Result<Sample, String> {
    let empty = screen.fingerprint()?;
    let keep = match keep {
        Some(root) => Some(frames_dir(root, binary)?),
        None => None,
    };
    let mut window = launch(binary, closed_port, driver_cache, painting)?;
    let timeline = screen.watch(window.at, empty, STILL_FOR, GIVE_UP, keep.as_deref());
    if let (Some(dir), Ok(timeline)) = (&keep, &timeline) {
        let lines: Vec<String> = timeline
            .changes
            .iter()
            .map(|(at, content)| format!("{:.1} {}", millis(*at), if *content { "content" } else { "flat" }))
            .collect();
        let _ = std::fs::write(dir.join("timeline.txt"), lines.join("\n") + "\n");
        eprintln!(
            "{}: {} changes, frames in {}",
            binary.display(),
            lines.len(),
            dir.display()
        );
    }
    let running = window.still_running();
    let memory = tree_memory(window.pid());
    window.stop();
    wait_until_screen_is(screen, empty);
    let timeline = timeline.map_err(|e| format!("{}: {e}", binary.display()))?;
    running?;
    let (Some(first), Some(last)) = (timeline.first_change, timeline.last_change) else {
        return Err(format!("{} drew nothing", binary.display()));
    };
    Ok(Sample {
        first_change_ms: millis(first),
        first_content_ms: timeline.first_content.map(millis).unwrap_or(f64::NAN),
        painted_ms: millis(last),
        rss_mib: memory.rss_kib as f64 / 1024.0,
        pss_mib: memory.pss_kib as f64 / 1024.0,
        processes: memory.processes,
    })
}

/// The binary's file name, as the figures' notes name it.
fn file_name(binary: &Path) -> String {
    binary
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A new folder under `root` for one launch's frames: `<binary>-<n>`.
fn frames_dir(root: &Path, binary: &Path) -> Result<PathBuf, String> {
    let name = file_name(binary);
    for n in 0.. {
        let dir = root.join(format!("{name}-{n}"));
        if !dir.exists() {
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            return Ok(dir);
        }
    }
    Err("no free folder name".to_owned())
}

/// After a window closes, waits (at most 3 s) for the screen to be empty again.
fn wait_until_screen_is(screen: &Screen, empty: u64) {
    let until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < until {
        if screen.fingerprint().is_ok_and(|f| f == empty) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The GL driver's shader cache of each window, kept for the whole run (see `launch`).
struct DriverCaches {
    root: PathBuf,
}

impl DriverCaches {
    fn new() -> Result<DriverCaches, String> {
        let root = std::env::temp_dir().join(format!("signin-doctor-bench-shaders-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for who in ["app", "bare", "bare_cpu"] {
            std::fs::create_dir_all(root.join(who)).map_err(|e| format!("{}: {e}", root.display()))?;
        }
        Ok(DriverCaches { root })
    }

    fn of(&self, who: &str) -> PathBuf {
        self.root.join(who)
    }
}

impl Drop for DriverCaches {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// `runs` launches of each window, alternating which goes first so that drift
/// on a busy machine hits both alike.
fn alternate(
    runs: usize,
    label: &str,
    mut bare: impl FnMut() -> Result<Sample, String>,
    mut app: impl FnMut() -> Result<Sample, String>,
) -> Result<(Vec<Sample>, Vec<Sample>), String> {
    let (mut apps, mut bares) = (Vec::new(), Vec::new());
    for run in 0..runs {
        if run % 2 == 0 {
            bares.push(bare()?);
            apps.push(app()?);
        } else {
            apps.push(app()?);
            bares.push(bare()?);
        }
        eprintln!("window run {}/{runs} ({label}) done", run + 1);
    }
    Ok((apps, bares))
}

pub fn figures(app: &Path, bare: &Path, runs: usize, keep: Option<&Path>) -> Result<Vec<Figure>, String> {
    let screen = Screen::connect()?;
    let closed_port = test_peers::closed_port().map_err(|e| e.to_string())?;
    let caches = DriverCaches::new()?;
    let (app_cache, bare_cache) = (caches.of("app"), caches.of("bare"));
    // One launch of each first, not counted: both then start with their files
    // in the page cache, and with the shaders their page needs in the driver's
    // cache, as on any launch but a machine's very first.
    let bare_cpu_cache = caches.of("bare_cpu");
    measure_once(&screen, bare, closed_port, Some(&bare_cache), &[], keep)?;
    measure_once(&screen, app, closed_port, Some(&app_cache), &[], keep)?;
    measure_once(&screen, bare, closed_port, Some(&bare_cpu_cache), CPU_PAINTING, keep)?;
    let (apps, bares) = alternate(
        runs,
        "driver cache kept",
        || measure_once(&screen, bare, closed_port, Some(&bare_cache), &[], keep),
        || measure_once(&screen, app, closed_port, Some(&app_cache), &[], keep),
    )?;
    // The first launch on a machine: the driver compiles every shader the page needs.
    let (first_apps, first_bares) = alternate(
        runs,
        "empty driver cache",
        || measure_once(&screen, bare, closed_port, None, &[], keep),
        || measure_once(&screen, app, closed_port, None, &[], keep),
    )?;
    let mut bares_cpu = Vec::new();
    for run in 0..runs {
        bares_cpu.push(measure_once(
            &screen,
            bare,
            closed_port,
            Some(&bare_cpu_cache),
            CPU_PAINTING,
            keep,
        )?);
        eprintln!("window run {}/{runs} (bare window painting on the CPU) done", run + 1);
    }
    let mut out = vec![Figure::new(
        "cold_start_bare_cpu",
        "ms",
        bares_cpu.iter().map(|s| s.painted_ms).collect(),
        format!(
            "`{}`: as `cold_start_bare`, but painting on the CPU as the app does where there is no GPU (`WEBKIT_DISABLE_COMPOSITING_MODE=1`).",
            file_name(bare)
        ),
    )];
    for (who, samples, binary) in [("app", &first_apps, app), ("bare", &first_bares, bare)] {
        let name = file_name(binary);
        out.push(Figure::new(
            &format!("first_launch_{who}"),
            "ms",
            samples.iter().map(|s| s.painted_ms).collect(),
            format!(
                "`{name}`: launch → visually complete, as `cold_start_{who}` but with the GL driver's shader cache empty too (a machine's very first launch)."
            ),
        ));
    }
    for (who, samples, binary) in [("app", &apps, app), ("bare", &bares, bare)] {
        let pick = |f: fn(&Sample) -> f64| samples.iter().map(f).collect::<Vec<f64>>();
        let processes = samples.last().map(|s| s.processes.join(", ")).unwrap_or_default();
        let name = file_name(binary);
        out.push(Figure::new(
            &format!("cold_start_{who}"),
            "ms",
            pick(|s| s.painted_ms),
            format!(
                "`{name}` (release build): launch → the screen's last change before it went still (visually complete); WebKit's caches empty, the GL driver's shader cache kept from this window's earlier launches."
            ),
        ));
        out.push(Figure::new(
            &format!("first_frame_{who}"),
            "ms",
            pick(|s| s.first_change_ms),
            format!("`{name}`: launch → the first change on the screen (the window appeared)."),
        ));
        out.push(Figure::new(
            &format!("first_content_{who}"),
            "ms",
            pick(|s| s.first_content_ms),
            format!("`{name}`: launch → the first frame with content (the page's first paint)."),
        ));
        out.push(Figure::new(
            &format!("rss_{who}"),
            "MiB",
            pick(|s| s.rss_mib),
            format!(
                "RSS summed over the process tree once the window had been still {} s: {processes}.",
                STILL_FOR.as_secs()
            ),
        ));
        out.push(Figure::new(
            &format!("pss_{who}"),
            "MiB",
            pick(|s| s.pss_mib),
            "PSS summed over the same process tree at the same moment.".to_owned(),
        ));
    }
    Ok(out)
}
