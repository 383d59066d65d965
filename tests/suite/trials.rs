//! Crash trials: a real child process makes a stream of edits to a project file and is killed
//! without warning (SIGKILL on Unix, TerminateProcess on Windows) at a random point — between
//! commits or in the middle of one. The file is then reopened as the app would: every edit the
//! child reported as stored is there, nothing half-done is, and `PRAGMA integrity_check`
//! passes. A few trials run with `cargo test`; the full hundred with
//! `cargo test --test suite trials:: -- --ignored`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::model::*;
use giamsat::session::{Change, ChangeLabel, Session};
use giamsat::store::{Access, ProjectFile};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const CHILD_ENV: &str = "GIAMSAT_TRIAL_FILE";

/// The text of the conclusion the child adds as its `n`th edit.
fn text_of(n: u64) -> String {
    format!("Kết luận số {n} của đợt thử.")
}

/// Runs only inside the child: opens the file and edits it until killed, saying "MADE n" as
/// edit n is made and "ACK n" once the writer reports edits up to n stored (what the status
/// bar calls saved). A few edits are left queued at a time, so that the child dies with writes
/// waiting as well as in the middle of one. Each edit sets an amount to n and adds a
/// conclusion — two tables, one transaction.
#[test]
#[ignore = "helper: the child process of the crash trials"]
fn child_edits_until_killed() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut s = Session::open(Path::new(&path)).unwrap();
    let mut out = std::io::stdout().lock();
    let mut acked = 0;
    for n in 1u64.. {
        writeln!(out, "MADE {n}").unwrap();
        let before = s.dossier().allocations[1].clone();
        let mut after = before.clone();
        after.amount_dong = Amount::Known(Dong::new(n as i64).unwrap());
        let c = Conclusion {
            figures: vec![],
            id: ConclusionId(s.new_id(Table::Conclusions)),
            round_id: RoundId(1),
            area_id: None,
            kind: ConclusionKind::Cause,
            text: text_of(n),
            position: 100 + n as i64,
        };
        s.apply(Change::new(
            ChangeLabel::edit(|t| t.what_amount, ""),
            vec![
                Edit::update(Record::Allocation(before), Record::Allocation(after)),
                Edit::insert(Record::Conclusion(c)),
            ],
        ))
        .unwrap();
        if s.unwritten() >= 3 {
            s.flush().unwrap();
        }
        s.poll_writes();
        let written = n - s.unwritten() as u64;
        if written > acked {
            acked = written;
            writeln!(out, "ACK {acked}").unwrap();
        }
        out.flush().unwrap();
    }
}

/// A small deterministic generator, so a failing trial can be run again.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

/// One trial: the child makes edits until it has reported `stop_after`, then is killed after a
/// further `extra_micros` of work (so that it dies anywhere, mid-commit included).
fn trial(dir: &Path, n: usize, stop_after: u64, extra_micros: u64) {
    let path: PathBuf = dir.join(format!("thử {n}.giamsat"));
    ProjectFile::create(&path, &giamsat::sample::lang_son()).unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &format!(
                "{}::child_edits_until_killed",
                module_path!().split_once("::").map_or("", |(_, m)| m)
            ),
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut acked, mut made) = (0, 0);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("MADE ") {
            made = n.trim().parse().unwrap();
        }
        if let Some(n) = line.strip_prefix("ACK ") {
            acked = n.trim().parse().unwrap();
            if acked >= stop_after {
                break;
            }
        }
    }
    std::thread::sleep(std::time::Duration::from_micros(extra_micros));
    child.kill().unwrap();
    child.wait().unwrap();
    // Reports printed before the kill, not yet read, count as acknowledged too.
    for line in lines.map_while(Result::ok) {
        if let Some(n) = line.strip_prefix("MADE ") {
            made = made.max(n.trim().parse().unwrap());
        }
        if let Some(n) = line.strip_prefix("ACK ") {
            acked = acked.max(n.trim().parse().unwrap());
        }
    }
    assert!(acked >= 1, "trial {n}: the child made edits");

    // Reopened as the app does (the lock is free: the child is gone).
    let s = Session::open(&path).unwrap_or_else(|e| panic!("trial {n}: {e}"));
    drop(s);
    let (file, d) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert!(
        file.integrity_problems().unwrap().is_empty(),
        "trial {n}: integrity"
    );
    let Amount::Known(stored) = d.allocations[1].amount_dong else {
        panic!("trial {n}: the amount is lost")
    };
    let stored = stored.get() as u64;
    // Every acknowledged edit is there; of those still queued when killed, some may be.
    assert!(
        (acked..=made).contains(&stored),
        "trial {n}: acknowledged {acked}, made {made}, stored {stored}"
    );
    for k in 1..=stored {
        assert!(
            d.conclusions.iter().any(|c| c.text == text_of(k)),
            "trial {n}: edit {k} is half there (amount without its conclusion)"
        );
    }
    assert!(
        !d.conclusions.iter().any(|c| c.text == text_of(stored + 1)),
        "trial {n}: a conclusion without its amount"
    );
}

fn trials(count: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 0x0067_6961_6d73_6174;
    for n in 0..count {
        let stop_after = 1 + next(&mut seed) % 25;
        let extra = next(&mut seed) % 20_000;
        trial(dir.path(), n, stop_after, extra);
    }
}

#[test]
fn a_few_crash_trials_lose_no_acknowledged_edit() {
    trials(5);
}

#[test]
#[ignore = "long: 100 crash trials (cargo test --test suite trials:: -- --ignored)"]
fn a_hundred_crash_trials_lose_no_acknowledged_edit() {
    trials(100);
}
