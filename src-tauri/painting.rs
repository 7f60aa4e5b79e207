//! How the window paints, chosen once before GTK starts (Linux only).
//!
//! WebKitGTK composites the page with OpenGL. With no GPU, Mesa runs that
//! OpenGL on the CPU (llvmpipe): every kind of shape the page draws (rounded
//! cards, badges, form controls) becomes a shader compiled with LLVM, and
//! every frame goes through the software GL pipeline. Measured side by side
//! (docs/PERFORMANCE.md, "Cold start"), the checklist painted about 40 % later
//! that way than with WebKit's CPU painting, while a bare window's one line of
//! text gained little from either. So where no GPU is found, the app asks
//! WebKit to paint on the CPU (`WEBKIT_DISABLE_COMPOSITING_MODE`); with a GPU,
//! WebKit keeps its defaults.
//!
//! The user's word wins: `SIGNIN_DOCTOR_PAINTING=gpu` or `=cpu` forces a
//! choice, and a WebKit painting variable already set is left alone.

use std::ffi::OsString;
use std::path::Path;

/// WebKitGTK's switch for painting without OpenGL compositing.
pub const WEBKIT_NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// WebKit's own painting variables: if the user set one, they chose.
const WEBKIT_PAINTING_VARIABLES: [&str; 3] = [
    WEBKIT_NO_COMPOSITING,
    "WEBKIT_SKIA_ENABLE_CPU_RENDERING",
    "WEBKIT_DISABLE_DMABUF_RENDERER",
];

/// The app's own override.
pub const OVERRIDE: &str = "SIGNIN_DOCTOR_PAINTING";

/// What was chosen, and why, in words for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Painting {
    /// WebKit's defaults (OpenGL compositing).
    WebKitDefault { why: &'static str },
    /// CPU painting: the app sets `WEBKIT_DISABLE_COMPOSITING_MODE=1`.
    Cpu { why: &'static str },
    /// The user set one of WebKit's own variables; nothing is changed.
    LeftToUser { variable: &'static str },
}

impl std::fmt::Display for Painting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Painting::WebKitDefault { why } => write!(f, "WebKit's OpenGL compositing ({why})"),
            Painting::Cpu { why } => write!(f, "CPU painting ({why})"),
            Painting::LeftToUser { variable } => write!(f, "as {variable} in the environment says"),
        }
    }
}

/// The choice, from the environment (`var`) and whether a GPU device exists.
pub fn choose(var: impl Fn(&str) -> Option<OsString>, gpu_device: bool) -> Painting {
    if let Some(variable) = WEBKIT_PAINTING_VARIABLES.into_iter().find(|v| var(v).is_some()) {
        return Painting::LeftToUser { variable };
    }
    match var(OVERRIDE)
        .and_then(|v| v.into_string().ok())
        .as_deref()
        .map(str::trim)
    {
        Some(v) if v.eq_ignore_ascii_case("gpu") => {
            return Painting::WebKitDefault {
                why: "SIGNIN_DOCTOR_PAINTING=gpu",
            };
        }
        Some(v) if v.eq_ignore_ascii_case("cpu") => {
            return Painting::Cpu {
                why: "SIGNIN_DOCTOR_PAINTING=cpu",
            }
        }
        _ => {}
    }
    // Mesa's own switch for software OpenGL (any value but "0" or "false").
    let forced_software = var("LIBGL_ALWAYS_SOFTWARE")
        .map(|v| !matches!(v.to_string_lossy().trim(), "" | "0" | "false"))
        .unwrap_or(false);
    if forced_software {
        return Painting::Cpu {
            why: "LIBGL_ALWAYS_SOFTWARE is set",
        };
    }
    if gpu_device {
        Painting::WebKitDefault {
            why: "a GPU device was found",
        }
    } else {
        Painting::Cpu {
            why: "no GPU device was found, so OpenGL would run on the CPU",
        }
    }
}

/// Whether this machine has a GPU that OpenGL can use: a DRM render node
/// (Mesa and NVIDIA's DRM driver), NVIDIA's own device, or WSL's GPU.
pub fn gpu_device_present(dev: &Path) -> bool {
    let render_node = std::fs::read_dir(dev.join("dri"))
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false);
    render_node || dev.join("nvidia0").exists() || dev.join("dxg").exists()
}

/// Makes the choice and applies it to this process's environment, which
/// WebKit's web process inherits. Call it first thing in `main`, before any
/// thread starts: changing the environment is only sound while one runs.
pub fn apply() -> Option<Painting> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let choice = choose(|name| std::env::var_os(name), gpu_device_present(Path::new("/dev")));
    if let Painting::Cpu { .. } = choice {
        std::env::set_var(WEBKIT_NO_COMPOSITING, "1");
    }
    Some(choice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: HashMap<String, OsString> = pairs.iter().map(|(k, v)| (k.to_string(), OsString::from(v))).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn with_no_gpu_the_page_is_painted_on_the_cpu() {
        assert!(matches!(choose(env(&[]), false), Painting::Cpu { .. }));
    }

    #[test]
    fn with_a_gpu_webkit_keeps_its_defaults() {
        assert!(matches!(choose(env(&[]), true), Painting::WebKitDefault { .. }));
    }

    #[test]
    fn mesa_forced_to_software_counts_as_no_gpu_unless_it_says_0() {
        assert!(matches!(
            choose(env(&[("LIBGL_ALWAYS_SOFTWARE", "1")]), true),
            Painting::Cpu { .. }
        ));
        assert!(matches!(
            choose(env(&[("LIBGL_ALWAYS_SOFTWARE", "0")]), true),
            Painting::WebKitDefault { .. }
        ));
    }

    #[test]
    fn the_apps_override_wins_over_what_was_found() {
        assert!(matches!(
            choose(env(&[(OVERRIDE, "gpu")]), false),
            Painting::WebKitDefault { .. }
        ));
        assert!(matches!(
            choose(env(&[(OVERRIDE, " CPU ")]), true),
            Painting::Cpu { .. }
        ));
        // Anything else is ignored, not an error: the app still starts.
        assert!(matches!(
            choose(env(&[(OVERRIDE, "fast")]), true),
            Painting::WebKitDefault { .. }
        ));
    }

    #[test]
    fn a_webkit_variable_the_user_set_is_left_alone() {
        for variable in WEBKIT_PAINTING_VARIABLES {
            assert_eq!(
                choose(env(&[(variable, "0"), (OVERRIDE, "cpu")]), false),
                Painting::LeftToUser { variable }
            );
        }
    }

    #[test]
    fn a_render_node_nvidia_or_wsl_device_is_a_gpu() {
        let dev = tempfile::tempdir().expect("temp dir");
        assert!(!gpu_device_present(dev.path()), "an empty /dev has no GPU");
        std::fs::create_dir(dev.path().join("dri")).expect("dri");
        std::fs::write(dev.path().join("dri/card0"), "").expect("card0");
        assert!(
            !gpu_device_present(dev.path()),
            "a display card without a render node draws nothing"
        );
        std::fs::write(dev.path().join("dri/renderD128"), "").expect("render node");
        assert!(gpu_device_present(dev.path()));
        for other in ["nvidia0", "dxg"] {
            let dev = tempfile::tempdir().expect("temp dir");
            std::fs::write(dev.path().join(other), "").expect(other);
            assert!(gpu_device_present(dev.path()), "{other}");
        }
    }
}
