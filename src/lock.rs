//! One writer per project file. Opening a file for editing takes an exclusive OS lock on a small
//! lock file beside it (`.~lock.NAME#`, as office suites do); a second GiamSat that finds the lock
//! taken opens the file read-only and can say who holds it. The OS drops the lock when the
//! holder exits or crashes, so a stale lock never blocks anyone.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct FileLock {
    file: File,
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
    let user = std::env::var("USERNAME")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_default();
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

#[cfg(not(unix))]
fn same_file(_a: &File, path: &Path) -> bool {
    // Windows does not let another process delete a file that is open without
    // FILE_SHARE_DELETE, so the lock file cannot be swapped under a holder.
    path.exists()
}

impl FileLock {
    /// Takes the lock for `project`, or says why not.
    pub fn acquire(project: &Path) -> Result<FileLock, LockError> {
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
                    let _ = file.set_len(0);
                    let _ = file.seek(SeekFrom::Start(0));
                    let _ = file.write_all(holder_description().as_bytes());
                    let _ = file.sync_all();
                    return Ok(FileLock { file, path });
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    let mut s = String::new();
                    let holder = file
                        .read_to_string(&mut s)
                        .ok()
                        .map(|_| s.trim().to_string());
                    return Err(LockError::HeldElsewhere(holder.filter(|h| !h.is_empty())));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
        }
        Err(LockError::HeldElsewhere(None))
    }

    /// Whether another process holds the lock for `project` right now.
    pub fn is_held_elsewhere(project: &Path) -> bool {
        matches!(FileLock::acquire(project), Err(LockError::HeldElsewhere(_)))
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Delete first, while still holding the lock, so nobody locks a file about to vanish
        // unnoticed (they check `same_file` after locking).
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
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
