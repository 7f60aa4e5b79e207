//! Watches the virtual display's pixels, to see when a window has painted.
//!
//! "Painted" is defined the same way for the app and the bare window, with
//! no help from either: the moment the screen last changed before it went
//! still (visually complete). For the app that is the checklist drawn with
//! its rows' results; for the bare window, its page.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::time::{Duration, Instant};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat};
use x11rb::rust_connection::RustConnection;

/// Between two looks at the screen: often enough to time a paint to about
/// this much, rarely enough not to take a core from the window being timed.
const POLL: Duration = Duration::from_millis(10);

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

    /// A fingerprint of the whole screen's pixels.
    pub fn fingerprint(&self) -> Result<u64, String> {
        let image = self
            .conn
            .get_image(ImageFormat::Z_PIXMAP, self.root, 0, 0, self.width, self.height, !0)
            .map_err(|e| format!("GetImage: {e}"))?
            .reply()
            .map_err(|e| format!("GetImage: {e}"))?;
        let mut hasher = DefaultHasher::new();
        hasher.write(&image.data);
        Ok(hasher.finish())
    }

    /// Watches from `launched` until `watch` has passed, noting every change.
    pub fn watch(&self, launched: Instant, empty: u64, watch: Duration) -> Result<Timeline, String> {
        let mut timeline = Timeline {
            first_change: None,
            last_change: None,
            frames_seen: 0,
        };
        let mut previous = empty;
        while launched.elapsed() < watch {
            let frame = self.fingerprint()?;
            let at = launched.elapsed();
            timeline.frames_seen += 1;
            if frame != previous {
                timeline.first_change.get_or_insert(at);
                timeline.last_change = Some(at);
                previous = frame;
            }
            std::thread::sleep(POLL);
        }
        Ok(timeline)
    }
}
