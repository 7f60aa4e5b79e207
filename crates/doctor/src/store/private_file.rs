//! How the app writes its own files (settings, history): readable by this
//! user alone (0600, folders 0700 on Unix), and replaced atomically through
//! a temporary file with a unique name, so neither a crash nor a second
//! window writing at the same moment leaves half a file.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Creates `dir` (and its parents) and makes `dir` itself private.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    restrict(dir, 0o700)
}

/// Replaces `path` with `bytes`: written beside it under a unique name, then renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    create_private_dir(folder_of(path))?;
    write_beside_then_rename(path, bytes)
}

/// Replaces `path` in a folder that exists (one the user chose, so its
/// permissions are left alone): a reader of `path` sees the old file or the
/// whole new one, never a half-written one. Windows refuses to replace a
/// file another program holds open (MoveFileEx, ERROR_ACCESS_DENIED); then
/// it is written in place, as any editor would.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match write_beside_then_rename(path, bytes) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && path.is_file() => std::fs::write(path, bytes),
        done => done,
    }
}

fn write_beside_then_rename(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = dir.join(format!(".{name}.{}.saving", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut file = private_options().write(true).create_new(true).open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        replace(&temporary, path)
    })();
    if written.is_err() {
        // Best effort: the temporary file holds nothing the real one lacks.
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Renames `from` over `to`.
#[cfg(not(windows))]
fn replace(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::rename(from, to)
}

/// Renames `from` over `to`. Windows refuses to replace a file while another
/// writer is replacing it or a reader (an indexer, an antivirus scan) has it
/// open, with "access denied" (MoveFileEx, ERROR_ACCESS_DENIED): that passes
/// within moments, so it is tried again, for half a second at most.
#[cfg(windows)]
fn replace(from: &Path, to: &Path) -> io::Result<()> {
    const TRIES: u32 = 50;
    let mut tried = 1;
    loop {
        match std::fs::rename(from, to) {
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied && tried < TRIES => {
                tried += 1;
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            done => return done,
        }
    }
}

/// Opens `path` for appending, creating it private; an older file that others could read is made private.
pub fn append_private(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let file = private_options().create(true).append(true).open(path)?;
    restrict(path, 0o600)?;
    Ok(file)
}

/// Makes a file someone else created (a plugin's log) readable by this user alone.
pub fn make_private(path: &Path) -> io::Result<()> {
    restrict(path, 0o600)
}

#[cfg(unix)]
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

// Windows: files under the user's profile already inherit an ACL for that user alone.
#[cfg(not(unix))]
fn private_options() -> OpenOptions {
    OpenOptions::new()
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

// Windows: files under the user's profile already inherit an ACL for that user alone.
#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn files_and_their_folder_are_private() {
        let dir = tempfile::tempdir().expect("dir");
        let settings = dir.path().join("app/config.toml");
        write_atomically(&settings, b"a = 1\n").expect("write");
        assert_eq!(mode(&settings), 0o600);
        assert_eq!(mode(&dir.path().join("app")), 0o700);

        let log = dir.path().join("app/history.jsonl");
        std::fs::write(&log, "old\n").expect("an older, world-readable file");
        std::fs::set_permissions(&log, std::os::unix::fs::PermissionsExt::from_mode(0o644)).expect("chmod");
        append_private(&log)
            .and_then(|mut f| writeln!(f, "new"))
            .expect("append");
        assert_eq!(mode(&log), 0o600, "an older file is made private too");
        assert_eq!(std::fs::read_to_string(&log).expect("read"), "old\nnew\n");
    }

    #[test]
    fn writers_at_the_same_moment_never_share_a_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        let writers: Vec<_> = (0..8)
            .map(|i| {
                let path = path.clone();
                std::thread::spawn(move || write_atomically(&path, format!("n = {i}\n").as_bytes()))
            })
            .collect();
        for writer in writers {
            writer.join().expect("thread").expect("every write succeeds");
        }
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.starts_with("n = ") && text.lines().count() == 1,
            "one whole file: {text:?}"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".saving"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file is left behind");
    }
}
