//! File helpers shared by the store and the exports: files appear whole or not at all.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A name beside `path` that does not exist yet: `path` + `suffix`, then `suffix-2`, ….
pub fn free_name_beside(path: &Path, suffix: &str) -> PathBuf {
    let base = path.as_os_str().to_os_string();
    let mut n = 1;
    loop {
        let mut name = base.clone();
        if n == 1 {
            name.push(suffix);
        } else {
            name.push(format!("{suffix}-{n}"));
        }
        let candidate = PathBuf::from(name);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// A temporary name in the same folder as `path`, so that the final rename is atomic.
pub fn temp_beside(path: &Path) -> PathBuf {
    free_name_beside(path, &format!(".tmp{}", std::process::id()))
}

/// Writes `bytes` to `path` through a temporary file and a rename: a crash leaves either the
/// old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// Writes to `path` through a temporary file and a rename, as [`write_atomically`], with the
/// bytes streamed by `write` (a large export is never held whole in memory).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = temp_beside(path);
    let result = (|| {
        let f = fs::File::create(&tmp)?;
        let mut out = std::io::BufWriter::new(f);
        write(&mut out)?;
        let f = out.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        drop(f);
        rename_durably(&tmp, path)
    })();
    if result.is_err() {
        let _ = remove_file_patiently(&tmp);
    }
    result
}

/// Flushes a file that another writer (SQLite) has written and closed to the disk. The handle is
/// opened for writing: Windows' FlushFileBuffers refuses a read-only handle with "Access denied".
pub fn sync_file(path: &Path) -> std::io::Result<()> {
    fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Renames `from` to `to` (replacing `to`) and makes the rename itself durable: the folder is
/// synced where the platform allows it, so a power cut after this returns keeps the new name.
pub fn rename_durably(from: &Path, to: &Path) -> std::io::Result<()> {
    patiently(|| fs::rename(from, to))?;
    sync_dir_of(to);
    Ok(())
}

/// Deletes a file, waiting briefly for a scanner that holds it (Windows); a file already gone
/// counts as deleted.
pub fn remove_file_patiently(path: &Path) -> std::io::Result<()> {
    match patiently(|| fs::remove_file(path)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Syncs the folder holding `path` so that a rename or a new name in it survives a power cut.
/// Unix only: Windows cannot open a folder as a file, and NTFS journals name changes itself.
/// Best effort: some file systems (network shares, FAT sticks) refuse, and the data itself is
/// already on disk by then.
pub fn sync_dir_of(path: &Path) {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Whether an error is Windows telling us that someone else has the file open for a moment:
/// an antivirus scanner, the search indexer or a backup tool typically holds a new file for a
/// few milliseconds up to a second. Such errors are worth a few retries; on Unix none is.
fn is_transient(e: &std::io::Error) -> bool {
    if !cfg!(windows) {
        return false;
    }
    // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION,
    // ERROR_USER_MAPPED_FILE
    matches!(e.raw_os_error(), Some(5 | 32 | 33 | 1224))
}

/// Runs `op`, retrying it for up to about two seconds while it fails with a transient Windows
/// error, and returns its last result.
fn patiently<T>(mut op: impl FnMut() -> std::io::Result<T>) -> std::io::Result<T> {
    let mut wait = std::time::Duration::from_millis(20);
    let mut waited = std::time::Duration::ZERO;
    loop {
        match op() {
            Err(e) if is_transient(&e) && waited < std::time::Duration::from_secs(2) => {
                std::thread::sleep(wait);
                waited += wait;
                wait = (wait * 2).min(std::time::Duration::from_millis(400));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomically(&p, b"one").unwrap();
        write_atomically(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let b = free_name_beside(&p, ".bak");
        assert_eq!(b.file_name().unwrap(), "a.json.bak");
        fs::write(&b, "x").unwrap();
        assert_eq!(
            free_name_beside(&p, ".bak").file_name().unwrap(),
            "a.json.bak-2"
        );
    }
}
