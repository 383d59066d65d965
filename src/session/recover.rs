//! Untitled projects a run left behind when it ended without closing them (a crash, a power
//! cut): found at the next start, offered again, or thrown away.

use super::*;

/// An untitled project left behind by a run that ended without closing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recoverable {
    pub path: PathBuf,
    pub name: String,
    pub modified: Option<chrono::DateTime<chrono::Local>>,
}

/// Throws away an untitled project left behind by a crash — with its lock taken first, so
/// that one another window restored meanwhile (and works in) is never deleted under it:
/// that window's holder is the error then.
pub fn discard_recoverable(autosave: &Path) -> Result<(), LockError> {
    let lock = FileLock::acquire(autosave)?;
    let mut journal = autosave.as_os_str().to_owned();
    journal.push("-journal");
    // Already gone (another window discarded it): what was asked is done.
    let removed = match std::fs::remove_file(autosave) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(LockError::Io(e)),
        _ => Ok(()),
    };
    if removed.is_ok() {
        let _ = std::fs::remove_file(journal);
    }
    drop(lock);
    removed
}

/// Untitled projects in `autosave_dir` that no running GiamSat holds: left behind by a crash.
pub fn find_recoverable(autosave_dir: &Path) -> Vec<Recoverable> {
    let Ok(entries) = std::fs::read_dir(autosave_dir) else {
        return Vec::new();
    };
    let mut out: Vec<Recoverable> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == crate::store::EXTENSION))
        .filter_map(|path| {
            // Held by no running GiamSat: take the lock for the look, and open for writing, so
            // that a commit a crash left half done (a hot journal beside the file) is rolled
            // back — a read-only look cannot, and would miss the project.
            let _lock = FileLock::acquire(&path).ok()?;
            let (_, d) = ProjectFile::open_and_load(&path, Access::ReadWrite).ok()?;
            let modified = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .map(chrono::DateTime::<chrono::Local>::from);
            Some(Recoverable {
                path,
                name: d.info.name,
                modified,
            })
        })
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.modified));
    out
}
