//! Issue 12, "logs of any size": a 10 MiB log whose AADSTS53003 is on its
//! last line, explained from its file (`explain_file`, as the CLI and the
//! app read it), against a plain regex scan of the same file for `AADSTS\d+`
//! and the three ID labels, alternated in one run; and the explainer's peak
//! heap against the size of the log (a counting allocator, this process).

use crate::figure::{millis, Figure};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use test_peers::{long_log, LOG_CORRELATION_ID, LOG_LAST_LINE, LOG_TIMESTAMP, LOG_TRACE_ID};

/// Counts the bytes allocated now and the most at any moment since the last reset.
pub struct CountingAllocator;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, as GlobalAlloc requires.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: ptr came from this allocator with this layout.
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as GlobalAlloc::realloc requires of its caller.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // While moving, old and new blocks both exist: count the new one first.
            grew(new_size);
            NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

fn grew(bytes: usize) {
    let now = NOW.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

/// The heap's peak while `work` runs, above what was allocated before it.
fn peak_heap_of<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = work();
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(before))
}

const MIB: usize = 1024 * 1024;

/// The plain scan the explainer is compared with: the file read whole and
/// one regex for the code and the three ID labels, every match counted.
fn regex_scan(path: &Path, scan: &regex::Regex) -> Result<usize, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(scan.find_iter(&text).count())
}

fn explain_checked(path: &Path) -> Result<(), String> {
    let explained = doctor::aadsts::explain_file(path).map_err(|e| e.to_string())?;
    let e = &explained.explanation;
    let right = e.code == Some(53003)
        && e.trace_id.as_deref() == Some(LOG_TRACE_ID)
        && e.correlation_id.as_deref() == Some(LOG_CORRELATION_ID)
        && e.timestamp.as_deref() == Some(LOG_TIMESTAMP);
    if right {
        Ok(())
    } else {
        Err(format!("the explainer read the log wrong: {e:?}"))
    }
}

pub fn figures(runs: usize) -> Result<Vec<Figure>, String> {
    let dir = std::env::temp_dir().join(format!("signin-doctor-bench-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let result = measure(&dir, runs);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn measure(dir: &Path, runs: usize) -> Result<Vec<Figure>, String> {
    let scan = regex::Regex::new(r"AADSTS\d+|Trace ID|Correlation ID|Timestamp").map_err(|e| e.to_string())?;
    let mut figures = Vec::new();
    for (mib, name) in [(10, "10mib"), (64, "64mib")] {
        let path = dir.join(format!("az-login-{name}.log"));
        std::fs::write(&path, long_log(mib * MIB, LOG_LAST_LINE)).map_err(|e| format!("{}: {e}", path.display()))?;
        // One of each first, not counted: the file is then in the page cache for both.
        explain_checked(&path)?;
        let found = regex_scan(&path, &scan)?;
        if found < 4 {
            return Err(format!("the regex scan found {found} matches, not the last line's 4"));
        }
        let (mut explain_ms, mut scan_ms, mut peak_mib) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let started = Instant::now();
            let (checked, peak) = peak_heap_of(|| explain_checked(&path));
            explain_ms.push(millis(started.elapsed()));
            checked?;
            peak_mib.push(peak as f64 / MIB as f64);
            let started = Instant::now();
            regex_scan(&path, &scan)?;
            scan_ms.push(millis(started.elapsed()));
        }
        let how =
            "alternated with the other in one process, after one uncounted run of each (the file in the page cache)";
        figures.push(Figure::new(
            &format!("explain_{name}_log"),
            "ms",
            explain_ms,
            format!(
                "A {mib} MiB `az login --debug`-style log with AADSTS53003, its Trace ID, Correlation ID and Timestamp on \
                 the last line, explained from its file by `doctor::aadsts::explain_file` (read, find the anchors, \
                 parse around them; the answer checked), {how}."
            ),
        ));
        figures.push(Figure::new(
            &format!("regex_scan_{name}_log"),
            "ms",
            scan_ms,
            format!(
                "The same file read whole (`fs::read_to_string`) and scanned with one `regex` crate pattern, \
                 `AADSTS\\d+|Trace ID|Correlation ID|Timestamp`, counting every match, {how}."
            ),
        ));
        figures.push(Figure::new(
            &format!("explain_{name}_peak_heap"),
            "MiB",
            peak_mib,
            format!(
                "The most heap the explainer held at once while reading and explaining the {mib} MiB file, above \
                 what the process held before (a counting global allocator in the bench binary; every allocation, \
                 reallocation and free counted)."
            ),
        ));
        figures.push(Figure::new(
            &format!("log_{name}_size"),
            "MiB",
            vec![mib as f64],
            format!("The size of the generated log ({} bytes).", mib * MIB),
        ));
        let _ = std::fs::remove_file(&path);
    }
    Ok(figures)
}
