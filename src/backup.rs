//! Rotating backups of each project file, in the app's data folder: a copy as the file was when
//! each session began, the last ten sessions kept, and beyond those one a day for a month.
//! Copies are made with SQLite's backup API (a consistent copy of a file that may be open) by
//! the caller's worker thread, and appear whole or not at all. Knows nothing of egui.

use crate::fsutil::{remove_file_patiently, rename_durably, temp_beside};
use crate::store::StoreError;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The newest copies always kept.
pub const KEEP_LAST: usize = 10;
/// Beyond those, one copy a day for this many days.
pub const KEEP_DAYS: i64 = 30;

/// A backup's name: when it was taken, to the millisecond, and the file's change counter then
/// ("20260126-081500123-c42.giamsat"), so an unchanged file is not copied again.
const STAMP: &str = "%Y%m%d-%H%M%S%3f";

/// The folder of all backups.
pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// The folder of one project's backups: its file name and a short hash of its full path, so
/// two "Thông báo.giamsat" in different folders keep apart.
pub fn project_dir(data_dir: &Path, project: &Path) -> PathBuf {
    let stem = project
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // FNV-1a: stable across runs and versions, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in project.to_string_lossy().as_bytes() {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    backups_dir(data_dir).join(format!("{} {:08x}", safe.trim(), hash as u32))
}

/// One backup copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub taken: NaiveDateTime,
    /// The project file's change counter when copied (SQLite header, bytes 24..28).
    pub counter: Option<u32>,
}

/// The change counter SQLite keeps in a file's header, bumped by every commit.
fn change_counter(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut header = [0u8; 28];
    std::fs::File::open(path)
        .ok()?
        .read_exact(&mut header)
        .ok()?;
    Some(u32::from_be_bytes([
        header[24], header[25], header[26], header[27],
    ]))
}

/// The backups of a project, newest first.
pub fn list(dir: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Backup> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == crate::store::EXTENSION))
        .filter_map(|path| {
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            let (when, counter) = match stem.split_once("-c") {
                Some((w, c)) => (w.to_string(), c.parse().ok()),
                None => (stem, None),
            };
            let taken = NaiveDateTime::parse_from_str(&when, STAMP).ok()?;
            Some(Backup {
                path,
                taken,
                counter,
            })
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.taken));
    out
}

/// Which backups the rotation keeps: the newest `KEEP_LAST`, and the newest of each day within
/// `KEEP_DAYS` of `today`. `backups` is newest first.
pub fn to_keep(backups: &[Backup], today: NaiveDate) -> Vec<bool> {
    let mut days_seen = std::collections::BTreeSet::new();
    backups
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let day = b.taken.date();
            let first_of_its_day = days_seen.insert(day);
            i < KEEP_LAST || (first_of_its_day && (today - day).num_days() <= KEEP_DAYS)
        })
        .collect()
}

/// Copies `project` into its backup folder as it is now, then drops the copies the rotation
/// no longer keeps, and leftovers of copies cut short. A file unchanged since its newest copy
/// is not copied again. Returns the newest copy. Meant for a worker thread: it opens its own
/// read-only connection and may take a while on a network share.
pub fn back_up(data_dir: &Path, project: &Path, now: NaiveDateTime) -> Result<PathBuf, StoreError> {
    let dir = project_dir(data_dir, project);
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Io(e, dir.clone()))?;
    remove_leftovers(&dir);
    let counter = change_counter(project);
    if let Some(newest) = list(&dir).into_iter().next()
        && counter.is_some()
        && newest.counter == counter
    {
        return Ok(newest.path);
    }
    let name = match counter {
        Some(c) => format!("{}-c{c}", now.format(STAMP)),
        None => now.format(STAMP).to_string(),
    };
    let dest = dir.join(format!("{name}.{}", crate::store::EXTENSION));
    let tmp = temp_beside(&dest);
    let result = (|| -> Result<(), StoreError> {
        let src = Connection::open_with_flags(
            project,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        src.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut out = Connection::open(&tmp)?;
        rusqlite::backup::Backup::new(&src, &mut out)?.run_to_completion(
            256,
            std::time::Duration::from_millis(5),
            None,
        )?;
        out.close().map_err(|(_, e)| e)?;
        crate::fsutil::sync_file(&tmp).map_err(|e| StoreError::Io(e, tmp.clone()))?;
        rename_durably(&tmp, &dest).map_err(|e| StoreError::Io(e, dest.clone()))
    })();
    if let Err(e) = result {
        let _ = remove_file_patiently(&tmp);
        return Err(e);
    }
    let all = list(&dir);
    for (b, keep) in all.iter().zip(to_keep(&all, now.date())) {
        if !keep {
            let _ = remove_file_patiently(&b.path);
        }
    }
    Ok(dest)
}

/// Temporary files of copies a quit or a crash cut short.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if name.contains(".tmp") && stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 1, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap()
    }

    #[test]
    fn the_rotation_keeps_ten_sessions_then_one_a_day_for_a_month() {
        // Three sessions a day for thirty days, newest first.
        let mut backups: Vec<Backup> = (1..=30)
            .flat_map(|d| [8, 12, 16].map(|h| at(d, h)))
            .map(|taken| Backup {
                path: PathBuf::from(taken.format(STAMP).to_string()),
                taken,
                counter: None,
            })
            .collect();
        backups.reverse();
        let today = NaiveDate::from_ymd_opt(2026, 2, 15).unwrap();
        let keep = to_keep(&backups, today);
        let kept: Vec<NaiveDateTime> = backups
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(b, _)| b.taken)
            .collect();
        // The newest ten…
        assert_eq!(
            &kept[..10],
            &backups[..10].iter().map(|b| b.taken).collect::<Vec<_>>()[..]
        );
        // …then the last of each older day within thirty days of 15/02 (from 16/01 on).
        assert_eq!(kept[10..].first(), Some(&at(26, 16)));
        assert!(
            kept[10..]
                .iter()
                .all(|t| t.format("%H").to_string() == "16")
        );
        assert_eq!(kept.last(), Some(&at(16, 16)));
        assert_eq!(kept.len(), 10 + (26 - 16 + 1));
    }

    #[test]
    fn a_backup_is_a_whole_copy_and_old_ones_rotate_out() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("Giám sát.giamsat");
        crate::store::ProjectFile::create(&project, &crate::sample::lang_son()).unwrap();
        let data = dir.path().join("data");
        let mut s = crate::session::Session::open(&project).unwrap();
        for i in 0..12 {
            back_up(&data, &project, at(1, 8) + chrono::Duration::minutes(i)).unwrap();
            // An unchanged file is not copied twice.
            back_up(
                &data,
                &project,
                at(1, 8) + chrono::Duration::seconds(i * 60 + 30),
            )
            .unwrap();
            // The session edits: the next copy is a new one.
            let before = s.dossier().info.clone();
            let mut after = before.clone();
            after.notes = format!("lần {i}");
            s.apply(crate::session::Change::update(
                crate::session::ChangeLabel::edit(|t| t.what_amount, ""),
                crate::model::Record::Info(before),
                crate::model::Record::Info(after),
            ))
            .unwrap();
            s.flush().unwrap();
        }
        drop(s);
        let all = list(&project_dir(&data, &project));
        assert_eq!(all.len(), KEEP_LAST, "the same day: the last ten sessions");
        let (_, d) =
            crate::store::ProjectFile::open_and_load(&all[0].path, crate::store::Access::ReadOnly)
                .unwrap();
        assert_eq!(
            d.info.notes, "lần 10",
            "the newest copy, taken before the 12th edit"
        );
        // Two projects of the same name in different folders keep apart.
        let other = dir.path().join("khác").join("Giám sát.giamsat");
        assert_ne!(project_dir(&data, &project), project_dir(&data, &other));
    }
}
