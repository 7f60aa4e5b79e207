//! Watches the virtual display's pixels, to see when a window has painted.
//!
//! "Painted" is defined the same way for the app and the bare window, with
//! no help from either: the moment the screen last changed before it showed
//! content (more than flat colour) and stayed still (visually complete). For
//! the app that is the checklist drawn with its rows' results; for the bare
//! window, its page.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
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

/// When the screen changed, from launch.
pub struct Timeline {
    /// The first frame that differs from the empty screen: the window appeared.
    pub first_change: Option<Duration>,
    /// The first frame with content (more than flat colour): the page's first paint.
    pub first_content: Option<Duration>,
    /// The last change seen: from then on the screen stayed as it ended.
    pub last_change: Option<Duration>,
    pub frames_seen: usize,
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

    /// A fingerprint of the whole screen's pixels.
    pub fn fingerprint(&self) -> Result<u64, String> {
        let mut hasher = DefaultHasher::new();
        hasher.write(&self.pixels()?);
        Ok(hasher.finish())
    }

    /// Whether the screen shows more than flat colour: a window that has
    /// drawn text or images, not just its background.
    fn has_content(&self) -> Result<bool, String> {
        let pixels = self.pixels()?;
        let mut seen = std::collections::HashSet::new();
        for pixel in pixels.chunks_exact(4) {
            seen.insert(pixel);
            if seen.len() > CONTENT_COLOURS {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Watches from `launched` until the screen shows content and has not
    /// changed for `still_for` (or until `give_up`), noting every change.
    pub fn watch(
        &self,
        launched: Instant,
        empty: u64,
        still_for: Duration,
        give_up: Duration,
    ) -> Result<Timeline, String> {
        let mut timeline = Timeline {
            first_change: None,
            first_content: None,
            last_change: None,
            frames_seen: 0,
        };
        let mut previous = empty;
        while launched.elapsed() < give_up {
            let frame = self.fingerprint()?;
            let at = launched.elapsed();
            timeline.frames_seen += 1;
            if frame != previous {
                timeline.first_change.get_or_insert(at);
                timeline.last_change = Some(at);
                previous = frame;
                if timeline.first_content.is_none() && self.has_content()? {
                    timeline.first_content = Some(at);
                }
            } else if let Some(last) = timeline.last_change {
                if at >= last + still_for && self.has_content()? {
                    return Ok(timeline);
                }
            }
            std::thread::sleep(POLL);
        }
        Err(format!(
            "the screen had not settled on a painted window {} s after launch",
            give_up.as_secs()
        ))
    }
}
