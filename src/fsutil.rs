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
    let tmp = temp_beside(path);
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
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
