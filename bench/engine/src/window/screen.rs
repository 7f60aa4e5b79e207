//! Watches the virtual display's pixels, to see when a window has painted.
//!
//! "Painted" is defined the same way for the app and the bare window, with
//! no help from either: the moment the screen last changed before it showed
//! content (more than flat colour) and stayed still (visually complete). For
//! the app that is the checklist drawn with its rows' results; for the bare
//! window, its page.
//!
//! Each look at the screen is one `GetImage`: the frame's fingerprint and
//! whether it shows content come from the same pixels, so a frame is never
//! judged by a later one.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat};
use x11rb::rust_connection::RustConnection;

/// Between two looks at the screen: often enough to time a paint to about
/// this much, rarely enough not to take a core from the window being timed.
const POLL: Duration = Duration::from_millis(10);
/// A window's flat background and the empty screen around it are a couple of
/// colours; anti-aliased text alone brings dozens.
const CONTENT_COLOURS: usize = 16;

pub struct Screen {
    conn: RustConnection,
    root: u32,
    width: u16,
    height: u16,
}

/// One look at the screen.
pub struct Frame {
    pub fingerprint: u64,
    /// More than flat colour: a window that has drawn text or images.
    pub content: bool,
    pixels: Vec<u8>,
}

/// When the screen changed, from launch.
#[derive(Debug, Default)]
pub struct Timeline {
    /// The first frame that differs from the empty screen: the window appeared.
    pub first_change: Option<Duration>,
    /// The first frame with content (more than flat colour): the page's first paint.
    pub first_content: Option<Duration>,
    /// The last change seen: from then on the screen stayed as it ended.
    pub last_change: Option<Duration>,
    /// Every change: when, and whether that frame showed content.
    pub changes: Vec<(Duration, bool)>,
    pub frames_seen: usize,
}

/// Follows the frames of one launch and says when the screen has settled.
/// Pure logic, apart from the screen: see the tests.
pub struct Tracker {
    previous: u64,
    still_for: Duration,
    timeline: Timeline,
    /// Whether the latest change (the frame on screen now) shows content.
    latest_has_content: bool,
}

impl Tracker {
    pub fn new(empty: u64, still_for: Duration) -> Self {
        Self {
            previous: empty,
            still_for,
            timeline: Timeline::default(),
            latest_has_content: false,
        }
    }

    /// Takes the frame seen `at` after launch; true once the screen shows
    /// content and has not changed for `still_for`. Returns whether this
    /// frame was a change as the second value.
    pub fn observe(&mut self, at: Duration, fingerprint: u64, content: bool) -> (bool, bool) {
        self.timeline.frames_seen += 1;
        if fingerprint != self.previous {
            self.previous = fingerprint;
            self.latest_has_content = content;
            let t = &mut self.timeline;
            t.first_change.get_or_insert(at);
            t.last_change = Some(at);
            t.changes.push((at, content));
            if content {
                t.first_content.get_or_insert(at);
            }
            return (false, true);
        }
        let settled = match self.timeline.last_change {
            Some(last) => self.latest_has_content && at >= last + self.still_for,
            None => false,
        };
        (settled, false)
    }

    pub fn finish(self) -> Timeline {
        self.timeline
    }
}

impl Screen {
    /// Connects to $DISPLAY (Xvfb under scripts/bench.sh).
    pub fn connect() -> Result<Self, String> {
        let (conn, screen) =
            x11rb::connect(None).map_err(|e| format!("cannot open the X display (is DISPLAY set?): {e}"))?;
        let s = conn
            .setup()
            .roots
            .get(screen)
            .ok_or_else(|| "the X display has no screen".to_owned())?;
        let (root, width, height) = (s.root, s.width_in_pixels, s.height_in_pixels);
        Ok(Self {
            conn,
            root,
            width,
            height,
        })
    }

    fn pixels(&self) -> Result<Vec<u8>, String> {
        Ok(self
            .conn
            .get_image(ImageFormat::Z_PIXMAP, self.root, 0, 0, self.width, self.height, !0)
            .map_err(|e| format!("GetImage: {e}"))?
            .reply()
            .map_err(|e| format!("GetImage: {e}"))?
            .data)
    }

    /// One look at the whole screen.
    pub fn frame(&self) -> Result<Frame, String> {
        let pixels = self.pixels()?;
        let mut hasher = DefaultHasher::new();
        hasher.write(&pixels);
        Ok(Frame {
            fingerprint: hasher.finish(),
            content: has_content(&pixels),
            pixels,
        })
    }

    /// A fingerprint of the whole screen's pixels.
    pub fn fingerprint(&self) -> Result<u64, String> {
        Ok(self.frame()?.fingerprint)
    }

    /// Watches from `launched` until the screen shows content and has not
    /// changed for `still_for` (or until `give_up`), noting every change.
    /// With `keep`, every changed frame is written there as a PPM image
    /// named by its time from launch (to see what the screen did).
    pub fn watch(
        &self,
        launched: Instant,
        empty: u64,
        still_for: Duration,
        give_up: Duration,
        keep: Option<&Path>,
    ) -> Result<Timeline, String> {
        let mut tracker = Tracker::new(empty, still_for);
        while launched.elapsed() < give_up {
            let frame = self.frame()?;
            let at = launched.elapsed();
            let (settled, changed) = tracker.observe(at, frame.fingerprint, frame.content);
            if settled {
                return Ok(tracker.finish());
            }
            if let (true, Some(dir)) = (changed, keep) {
                self.save(&frame, &dir.join(format!("{:06}.ppm", at.as_millis())))?;
            }
            std::thread::sleep(POLL);
        }
        Err(format!(
            "the screen had not settled on a painted window {} s after launch",
            give_up.as_secs()
        ))
    }

    /// Writes a frame as a binary PPM (the X server's BGRX pixels as RGB).
    fn save(&self, frame: &Frame, path: &PathBuf) -> Result<(), String> {
        let mut out = format!("P6\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.reserve(frame.pixels.len() / 4 * 3);
        for px in frame.pixels.chunks_exact(4) {
            out.extend_from_slice(&[px[2], px[1], px[0]]);
        }
        std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Whether the pixels show more than flat colour.
fn has_content(pixels: &[u8]) -> bool {
    let mut seen = HashSet::new();
    for pixel in pixels.chunks_exact(4) {
        seen.insert(pixel);
        if seen.len() > CONTENT_COLOURS {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const STILL: Duration = Duration::from_millis(2000);

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Feeds (time in ms, fingerprint, content) frames; the time it settled, if it did.
    fn run(frames: &[(u64, u64, bool)]) -> (Option<u64>, Timeline) {
        let mut tracker = Tracker::new(0, STILL);
        for &(at, fingerprint, content) in frames {
            if tracker.observe(ms(at), fingerprint, content).0 {
                return (Some(at), tracker.finish());
            }
        }
        (None, tracker.finish())
    }

    #[test]
    fn a_window_that_appears_flat_then_paints_is_timed_at_its_paint() {
        let (settled, t) = run(&[
            (0, 0, false),
            (300, 1, false),
            (800, 2, true),
            (2700, 2, true),
            (2810, 2, true),
        ]);
        assert_eq!(settled, Some(2810));
        assert_eq!(t.first_change, Some(ms(300)));
        assert_eq!(t.first_content, Some(ms(800)));
        assert_eq!(t.last_change, Some(ms(800)));
        assert_eq!(t.changes, vec![(ms(300), false), (ms(800), true)]);
    }

    #[test]
    fn a_window_flat_for_longer_than_still_for_is_timed_at_its_paint_not_its_appearance() {
        // The bug this replaced: the app's window stayed flat over 2 s before its
        // page painted; a second look taken just after the frame was judged saw
        // the fresh paint, so "painted" came out as the window's appearance and
        // first content was never noted (NaN, which dropped the whole figure).
        let (settled, t) = run(&[(300, 1, false), (2310, 1, false), (2800, 2, true), (4810, 2, true)]);
        assert_eq!(settled, Some(4810));
        assert_eq!(t.first_change, Some(ms(300)));
        assert_eq!(t.first_content, Some(ms(2800)));
        assert_eq!(t.last_change, Some(ms(2800)));
    }

    #[test]
    fn a_flat_window_never_settles_however_long_it_stays() {
        let (settled, t) = run(&[(300, 1, false), (2400, 1, false), (5000, 1, false)]);
        assert_eq!(settled, None);
        assert_eq!(t.first_content, None);
    }

    #[test]
    fn content_judged_by_the_frame_itself_not_a_later_look() {
        // The window first shows content at 300 ms and keeps changing until 2.4 s:
        // first content is 300 ms and painted is the last change.
        let (settled, t) = run(&[(300, 1, true), (1200, 2, true), (2400, 3, true), (4400, 3, true)]);
        assert_eq!(settled, Some(4400));
        assert_eq!(t.first_content, Some(ms(300)));
        assert_eq!(t.last_change, Some(ms(2400)));
    }

    #[test]
    fn a_change_back_to_flat_waits_for_content_again() {
        // Content, then the window blanks (flat) and repaints later.
        let (settled, t) = run(&[
            (300, 1, true),
            (500, 2, false),
            (2600, 2, false),
            (3000, 3, true),
            (5000, 3, true),
        ]);
        assert_eq!(settled, Some(5000));
        assert_eq!(t.last_change, Some(ms(3000)));
    }

    #[test]
    fn has_content_counts_colours() {
        let flat: Vec<u8> = [10u8, 20, 30, 0].repeat(1000);
        assert!(!has_content(&flat));
        let many: Vec<u8> = (0u8..40).flat_map(|i| [i, i, i, 0]).collect();
        assert!(has_content(&many));
    }
}
