//! The failure layer driven at every step of a working session: opening, writing changes,
//! attaching evidence, Save As, copying evidence out, Retry and closing. For each kind of
//! failure — a full disk, an I/O error, the share gone, the lock lost, a slow disk — the
//! session is run again failing at the first point, then the second, and so on until it runs
//! through without reaching the failure. Each run checks that what the window showed as saved
//! is in the file, and nothing else changed: no half-written copy, no file left behind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::faults::{self, Fault};
use giamsat::model::*;
use giamsat::session::{Change, ChangeLabel, Session};
use giamsat::store::{Access, ProjectFile};
use std::path::{Path, PathBuf};

/// What the window showed as saved: this file held this dossier.
struct Saved {
    path: PathBuf,
    dossier: Dossier,
}

fn edit_amount(s: &Session, trieu: i64) -> Change {
    let before = s.dossier().allocations[1].clone();
    let mut after = before.clone();
    after.amount_dong = Amount::Known(Dong::from_trieu(trieu).unwrap());
    Change::update(
        ChangeLabel::edit(|t| t.what_amount, "Hữu Lũng 2023"),
        Record::Allocation(before),
        Record::Allocation(after),
    )
}

/// Waits for the writes as the status bar does; when they failed, Retry, as a user would,
/// up to twice. What ends saved is recorded.
fn settle(s: &mut Session, saved: &mut Vec<Saved>) {
    let mut written = s.flush().is_ok();
    for _ in 0..2 {
        if written {
            break;
        }
        written = s.reconnect().is_ok() && s.flush().is_ok();
    }
    if written {
        saved.push(Saved {
            path: s.path().to_path_buf(),
            dossier: s.dossier().clone(),
        });
    }
}

const EVIDENCE: &[u8] = b"%PDF-1.4 Bao cao 45/BC-UBND ngay 28/02/2024";

/// A working session on `a`, whatever fails on the way: every step that fails is taken as a
/// user would (the change kept in the window, Retry, then on). Returns what was shown saved,
/// and whether Save As to `b` said it succeeded.
fn session(dir: &Path, a: &Path, b: &Path) -> (Vec<Saved>, bool) {
    let mut saved = Vec::new();
    let Ok(mut s) = Session::open(a) else {
        return (saved, false);
    };
    let _ = s.apply(edit_amount(&s, 400));
    settle(&mut s, &mut saved);

    let src = dir.join("BC 45-UBND.pdf");
    if let Ok(prepared) = giamsat::store::attachments::prepare(&src, &dir.join("stage")) {
        let id = AttachmentId(s.new_id(Table::Attachments));
        let rec = s.dossier().recommendations[0].id;
        let at = chrono::NaiveDate::from_ymd_opt(2024, 3, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let attached = prepared.attachment(id, rec, at, "Hoàng Thị Lan");
        if s.attach(
            ChangeLabel::add(|t| t.what_attachment, ""),
            attached,
            prepared.content.clone(),
        )
        .is_err()
        {
            let _ = std::fs::remove_file(&prepared.content);
        }
        settle(&mut s, &mut saved);
    }

    let _ = s.apply(edit_amount(&s, 401));
    settle(&mut s, &mut saved);

    let saved_as = s.save_as(b).is_ok();
    if saved_as {
        settle(&mut s, &mut saved);
    }
    let _ = s.apply(edit_amount(&s, 402));
    settle(&mut s, &mut saved);

    // A copy of the evidence out: whole and right, or not there at all.
    if let Some(att) = s.dossier().attachments.first().cloned() {
        let out = dir.join("ban-sao.pdf");
        let copied = s.save_attachment(att, out.clone()).recv();
        match copied {
            Ok(Ok(())) => assert_eq!(std::fs::read(&out).unwrap(), EVIDENCE),
            _ => assert!(!out.exists(), "a failed copy leaves nothing"),
        }
    }
    drop(s);
    (saved, saved_as)
}

/// Runs the session failing at every point in turn; returns how many points there were.
fn every_step(fault: Fault) -> usize {
    let mut points = 0;
    for fail_at in 0.. {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.giamsat");
        let b = dir.path().join("b.giamsat");
        ProjectFile::create(&a, &giamsat::sample::lang_son()).unwrap();
        std::fs::write(dir.path().join("BC 45-UBND.pdf"), EVIDENCE).unwrap();
        let armed = faults::arm(dir.path(), fail_at, fault);
        let (saved, saved_as) = session(dir.path(), &a, &b);
        let fired = armed.fired();
        let hits = armed.hits();
        drop(armed);
        let step = hits.get(fail_at).copied().unwrap_or("—");
        let at = format!("{fault:?} at point {fail_at} ({step}) of {hits:?}");

        // What the window showed as saved last, for each file, is what the file holds.
        for path in [&a, &b] {
            let Some(last) = saved.iter().rev().find(|x| &x.path == path) else {
                continue;
            };
            let (file, d) = ProjectFile::open_and_load(path, Access::ReadOnly)
                .unwrap_or_else(|e| panic!("{}: {e} — {at}", path.display()));
            assert_eq!(
                d,
                last.dossier,
                "{} differs from what was shown saved — {at}",
                path.display()
            );
            assert!(file.integrity_problems().unwrap().is_empty(), "{at}");
        }
        // Nothing else changed: a file never shown saved is as it was, or not there at all.
        if !saved.iter().any(|x| x.path == a) {
            let (_, d) = ProjectFile::open_and_load(&a, Access::ReadOnly).unwrap();
            assert_eq!(d, giamsat::sample::lang_son(), "{at}");
        }
        if !saved_as {
            assert!(!b.exists(), "a Save As that failed leaves no file — {at}");
        }
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp") || n.starts_with(".~lock.") || n.ends_with("-journal"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?} — {at}");
        if !fired {
            points = hits.len();
            break;
        }
    }
    points
}

#[test]
fn a_full_disk_at_any_step_loses_nothing_shown_saved() {
    let points = every_step(Fault::NoSpace);
    assert!(points >= 10, "the session went through {points} points");
}

#[test]
fn an_io_error_at_any_step_loses_nothing_shown_saved() {
    every_step(Fault::Io);
}

#[test]
fn the_share_gone_at_any_step_loses_nothing_shown_saved() {
    every_step(Fault::Gone);
}

#[test]
fn the_lock_lost_at_any_step_loses_nothing_shown_saved() {
    every_step(Fault::LockLost);
}

#[test]
fn a_slow_disk_at_any_step_loses_nothing_and_changes_nothing() {
    every_step(Fault::Slow(std::time::Duration::from_millis(30)));
}
