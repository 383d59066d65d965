//! One writer per project file. Opening a file for editing takes an exclusive OS lock on a small
//! lock file beside it (`.~lock.NAME#`, as office suites do): `flock` on Unix, a write handle
//! that shares reading only on Windows. A second GiamSat that finds the lock taken opens the
//! file read-only and can say who holds it. The OS drops the lock when the holder exits or
//! crashes, so a stale lock never blocks anyone.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct FileLock {
    /// Held open for as long as the lock is held; `None` only while dropping.
    file: Option<File>,
    path: PathBuf,
}

#[derive(Debug)]
pub enum LockError {
    /// Another process holds the lock; the text says who, when it could be read.
    HeldElsewhere(Option<String>),
    /// The lock file could not be created (e.g. a read-only folder).
    Io(std::io::Error),
}

/// The lock file that guards `project`.
pub fn lock_path(project: &Path) -> PathBuf {
    let name = project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    project.with_file_name(format!(".~lock.{name}#"))
}

fn holder_description() -> String {
    let user = crate::settings::system_user_name();
    let host = std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .or_else(|_| fs::read_to_string("/etc/hostname").map(|s| s.trim().to_string()))
        .unwrap_or_default();
    let since = chrono::Local::now().format("%d/%m/%Y %H:%M");
    let who = match (user.is_empty(), host.is_empty()) {
        (false, false) => format!("{user}@{host}"),
        (false, true) => user,
        (true, false) => host,
        (true, true) => "GiamSat".to_string(),
    };
    format!("{who}, {since}")
}

#[cfg(unix)]
fn same_file(a: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (a.metadata(), fs::metadata(path)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

fn write_holder(file: &mut File) {
    let _ = file.set_len(0);
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.write_all(holder_description().as_bytes());
    let _ = file.sync_all();
}

fn read_holder(file: &mut File) -> Option<String> {
    let mut s = String::new();
    file.read_to_string(&mut s)
        .ok()
        .map(|_| s.trim().to_string())
        .filter(|h| !h.is_empty())
}

impl FileLock {
    /// Takes the lock for `project`, or says why not.
    ///
    /// Unix: an advisory `flock` on the lock file; the holder deletes the file when it closes.
    #[cfg(unix)]
    pub fn acquire(project: &Path) -> Result<FileLock, LockError> {
        crate::faults::point("lock", project).map_err(LockError::Io)?;
        let path = lock_path(project);
        // A holder that closes deletes its lock file; if we locked a file that was deleted in
        // between, try again on the new one.
        for _ in 0..5 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(LockError::Io)?;
            match file.try_lock() {
                Ok(()) => {
                    if !same_file(&file, &path) {
                        continue;
                    }
                    write_holder(&mut file);
                    return Ok(FileLock {
                        file: Some(file),
                        path,
                    });
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(LockError::HeldElsewhere(read_holder(&mut file)));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
        }
        Err(LockError::HeldElsewhere(None))
    }

    /// Takes the lock for `project`, or says why not.
    ///
    /// Windows: the lock file is held open for writing while sharing it for reading only, as
    /// office suites do. Nobody else can then open it for writing or delete it, but anyone can
    /// read who holds it — a byte-range lock (`LockFileEx`) would forbid even that. Windows
    /// closes the handle when the holder exits or crashes; file servers (SMB) enforce share
    /// modes for every client.
    #[cfg(windows)]
    pub fn acquire(project: &Path) -> Result<FileLock, LockError> {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ: u32 = 1;
        const ERROR_ACCESS_DENIED: i32 = 5;
        const ERROR_SHARING_VIOLATION: i32 = 32;
        const ERROR_LOCK_VIOLATION: i32 = 33;
        crate::faults::point("lock", project).map_err(LockError::Io)?;
        let path = lock_path(project);
        // A scanner or indexer may hold the lock file for a moment, and a lock file being
        // deleted by its last holder refuses to open until it is gone: look again briefly
        // before calling it held.
        let mut attempt = 0;
        loop {
            attempt += 1;
            let opened = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .share_mode(FILE_SHARE_READ)
                .open(&path);
            match opened {
                Ok(mut file) => {
                    write_holder(&mut file);
                    return Ok(FileLock {
                        file: Some(file),
                        path,
                    });
                }
                Err(e)
                    if attempt < 4
                        && matches!(
                            e.raw_os_error(),
                            Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION)
                        ) =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(e)
                    if matches!(
                        e.raw_os_error(),
                        Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
                    ) =>
                {
                    let holder = File::open(&path).ok().and_then(|mut f| read_holder(&mut f));
                    return Err(LockError::HeldElsewhere(holder));
                }
                Err(e) => return Err(LockError::Io(e)),
            }
        }
    }

    /// Lets go of a lock whose file may no longer be ours — the share it lives on dropped out,
    /// and someone else may have taken the lock since — without deleting the lock file.
    pub fn abandon(mut self) {
        // With no handle left, `drop` deletes nothing.
        drop(self.file.take());
    }

    /// Whether another process holds the lock for `project` right now.
    pub fn is_held_elsewhere(project: &Path) -> bool {
        matches!(FileLock::acquire(project), Err(LockError::HeldElsewhere(_)))
    }
}

impl Drop for FileLock {
    #[cfg(unix)]
    fn drop(&mut self) {
        let Some(f) = self.file.take() else {
            return;
        };
        // Delete first, while still holding the lock, so nobody locks a file about to vanish
        // unnoticed (they check `same_file` after locking).
        let _ = fs::remove_file(&self.path);
        let _ = f.unlock();
    }

    #[cfg(windows)]
    fn drop(&mut self) {
        let Some(f) = self.file.take() else {
            return;
        };
        // Our own handle does not share deletion, so close it first. If another GiamSat opens
        // the file in between, it holds it now and the delete fails harmlessly.
        drop(f);
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("a.giamsat");
        let first = FileLock::acquire(&project).unwrap();
        assert!(lock_path(&project).exists());
        match FileLock::acquire(&project) {
            Err(LockError::HeldElsewhere(_)) => {}
            other => panic!("expected the lock to be held, got {other:?}"),
        }
        assert!(FileLock::is_held_elsewhere(&project));
        drop(first);
        assert!(
            !lock_path(&project).exists(),
            "the lock file is removed on close"
        );
        let again = FileLock::acquire(&project).unwrap();
        drop(again);
    }
}
