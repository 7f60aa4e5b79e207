//! Help-desk mode's first step: the packet a user sent, read by the engine
//! (`doctor::helpdesk::packet`). It comes from Open packet… (the native
//! open dialog), a paste, or the system: a packet file double-clicked is
//! the app's argument on first launch, a second launch's argument (handed
//! over by single-instance), or macOS's "opened" event. Files the system
//! hands over wait here until the window asks for them.

use crate::background::in_background;
use crate::error::IpcError;
use crate::helpdesk_lookup::HelpDesk;
use doctor::helpdesk::packet::{read_file, read_text, PacketReading};
use doctor::AppError;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

/// A packet file read: what it says, or why it could not be read.
#[derive(Clone, Debug, Serialize)]
pub struct OpenedPacket {
    /// The file's name (not its folder: that can name the user).
    pub file: String,
    pub reading: Option<PacketReading>,
    pub problem: Option<IpcError>,
}

/// Packet files the system handed the app, and the window's channel for them.
pub struct OpenedPackets {
    // Held only to swap values, never across an await.
    pending: Mutex<Vec<PathBuf>>,
    window: Mutex<Option<Channel<OpenedPacket>>>,
    /// Where the packet read last is kept for the lookup.
    desk: Arc<HelpDesk>,
}

impl OpenedPackets {
    pub fn new(desk: Arc<HelpDesk>) -> Self {
        Self {
            pending: Mutex::default(),
            window: Mutex::default(),
            desk,
        }
    }

    /// Files to open: read and sent to the window at once when it listens,
    /// else kept until it does.
    pub fn hand_over(&self, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        log::info!("{} packet file(s) handed to the app", paths.len());
        let channel = self.window.lock().unwrap_or_else(PoisonError::into_inner).clone();
        match channel {
            Some(channel) => deliver(paths, channel, self.desk.clone()),
            None => self
                .pending
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend(paths),
        }
    }

    /// The window listens: what waited is sent now, and later files as they come.
    pub fn watch(&self, channel: Channel<OpenedPacket>) {
        *self.window.lock().unwrap_or_else(PoisonError::into_inner) = Some(channel.clone());
        let waiting = std::mem::take(&mut *self.pending.lock().unwrap_or_else(PoisonError::into_inner));
        deliver(waiting, channel, self.desk.clone());
    }
}

fn deliver(paths: Vec<PathBuf>, channel: Channel<OpenedPacket>, desk: Arc<HelpDesk>) {
    if paths.is_empty() {
        return;
    }
    tauri::async_runtime::spawn(async move {
        for path in paths {
            if let Err(e) = channel.send(read(path, &desk).await) {
                log::warn!("the window did not take an opened packet: {e}");
            }
        }
    });
}

/// Reads a packet file; what it says becomes the packet the lookup uses.
async fn read(path: PathBuf, desk: &HelpDesk) -> OpenedPacket {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let read = in_background(move || read_file(&path).map_err(IpcError::from))
        .await
        .and_then(|r| r);
    desk.set_reading(read.as_ref().ok().cloned());
    match read {
        Ok(reading) => OpenedPacket {
            file,
            reading: Some(reading),
            problem: None,
        },
        Err(problem) => OpenedPacket {
            file,
            reading: None,
            problem: Some(problem),
        },
    }
}

/// The packet files among a launch's arguments (the first is the program):
/// paths, relative to the launch's folder, or file:// URLs; options are not files.
pub fn packet_paths(args: &[String], cwd: &Path) -> Vec<PathBuf> {
    args.iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .filter_map(|a| match url::Url::parse(a) {
            Ok(url) if url.scheme() == "file" => url.to_file_path().ok(),
            // "C:\…" parses as a URL with scheme "c".
            Ok(url) if url.scheme().len() > 1 => None,
            _ => Some(cwd.join(a)),
        })
        .filter(|p| p.is_file())
        .collect()
}

/// A launch's arguments handed to the running app (first or second launch).
pub fn from_launch<R: Runtime>(app: &AppHandle<R>, args: &[String], cwd: &Path) {
    if let Some(packets) = app.try_state::<OpenedPackets>() {
        packets.hand_over(packet_paths(args, cwd));
    }
}

/// Open packet…: the native open dialog, then the file read. `None` when cancelled.
pub async fn open<R: Runtime>(app: &AppHandle<R>, desk: &HelpDesk) -> Result<Option<OpenedPacket>, IpcError> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let mut dialog = app.dialog().file();
    if let Some(folder) = app
        .path()
        .download_dir()
        .ok()
        .or_else(|| app.path().document_dir().ok())
    {
        dialog = dialog.set_directory(folder);
    }
    dialog
        .set_title("Open the packet a user sent")
        .add_filter(
            "Sign-in Doctor packet (.json, .md, .html, .signindoctor)",
            &["json", "md", "markdown", "txt", "html", "htm", "signindoctor"],
        )
        .add_filter("Any file", &["*"])
        .pick_file(move |chosen| {
            let _ = sender.send(chosen);
        });
    let chosen = receiver.await.map_err(|_| AppError::DialogClosed)?;
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(AppError::location)?;
    Ok(Some(read(path, desk).await))
}

/// A pasted packet or error text; what it says becomes the packet the lookup uses.
pub async fn pasted(text: String, desk: &HelpDesk) -> Result<PacketReading, IpcError> {
    let read = in_background(move || read_text(&text).map_err(IpcError::from)).await?;
    desk.set_reading(read.as_ref().ok().cloned());
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launch_arguments_name_packet_files_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let packet = dir.path().join("from alice.json");
        std::fs::write(&packet, "{}").expect("write");
        let url = url::Url::from_file_path(&packet).expect("file URL").to_string();
        let args: Vec<String> = [
            "/usr/bin/signin-doctor",
            "--automation",
            "from alice.json",
            &url,
            "missing.json",
            "https://example.com/x.json",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        assert_eq!(packet_paths(&args, dir.path()), vec![packet.clone(), packet]);
        assert!(
            packet_paths(&args[..1], dir.path()).is_empty(),
            "the program itself is no packet"
        );
    }
}
