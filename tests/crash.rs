//! Work survives a killed process: a real child process edits an untitled project and is
//! killed (SIGKILL on Linux, TerminateProcess on Windows) without any chance to clean up.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::model::*;
use giamsat::session::{Change, ChangeLabel, Session, find_recoverable};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const CHILD_ENV: &str = "GIAMSAT_CRASH_CHILD_DIR";

/// Runs only inside the child process: edit, report, then wait to be killed.
#[test]
#[ignore = "helper: run as the child process of an_edit_survives_a_killed_process"]
fn child_edits_then_waits_to_be_killed() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut s =
        Session::create_untitled(std::path::Path::new(&dir), &giamsat::sample::lang_son()).unwrap();
    let before = s.dossier().allocations[1].clone();
    let mut after = before.clone();
    after.amount_dong = Amount::Known(Dong::from_trieu(555).unwrap());
    s.apply(Change::update(
        ChangeLabel::edit(|t| t.what_amount, "Hữu Lũng 2023"),
        Record::Allocation(before),
        Record::Allocation(after),
    ))
    .unwrap();
    println!("READY {}", s.path().display());
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
fn an_edit_survives_a_killed_process() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_edits_then_waits_to_be_killed",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut ready = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some((_, p)) = line.split_once("READY ") {
            ready = Some(std::path::PathBuf::from(p));
            break;
        }
    }
    let autosave = ready.expect("the child reported its file");
    // While the child lives, its project is not offered to anyone else.
    assert!(find_recoverable(dir.path()).is_empty());
    child.kill().unwrap();
    child.wait().unwrap();

    let found = find_recoverable(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, autosave);
    let s = Session::recover(&found[0].path).unwrap();
    assert_eq!(
        s.dossier().allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(555).unwrap())
    );
}
