//! Work survives a killed process: a real child process edits an untitled project and is
//! killed (SIGKILL on Linux, TerminateProcess on Windows) without any chance to clean up.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::model::*;
use giamsat::session::{Change, ChangeLabel, Session, find_recoverable};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const CHILD_ENV: &str = "GIAMSAT_CRASH_CHILD_DIR";

/// This test binary again, running only the helper test `name` (a child process), with the
/// environment variable `var` telling it where to work.
fn child(name: &str, var: &str, value: &std::path::Path) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([
        "--exact",
        &test_name(name),
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(var, value);
    c
}

/// The full name the test binary knows a test of this file by (`crash::name`).
fn test_name(name: &str) -> String {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    format!("{module}::{name}")
}

/// Reads the child's output until a line starting with `prefix`; returns the rest of it.
fn read_until(child: &mut std::process::Child, prefix: &str) -> Option<String> {
    let stdout = child.stdout.take()?;
    BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| line.split_once(prefix).map(|(_, rest)| rest.to_string()))
}

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
    // Reported once it is in the file, as the status bar's "saved" is.
    s.flush().unwrap();
    println!("READY {}", s.path().display());
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
fn an_edit_survives_a_killed_process() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = child("child_edits_then_waits_to_be_killed", CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let ready = read_until(&mut child, "READY ").map(std::path::PathBuf::from);
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

const TYPING_ENV: &str = "GIAMSAT_TYPING_CHILD_HOME";
const TYPED: &str = "Nguồn lực của địa phương còn hạn chế; nhận thức của một bộ phận cán bộ và người dân về chính sách giảm nghèo chưa đầy đủ, còn tâm lý trông chờ vào sự hỗ trợ của Nhà nước.";

/// Runs only inside the child process: the real app types a cause, one character per frame
/// (a quarter of a second of app time), reporting each, until it is killed.
#[test]
#[ignore = "helper: run as the child process of typing_survives_a_killed_process"]
fn child_types_until_killed() {
    use egui_kittest::kittest::Queryable;
    let Some(home) = std::env::var_os(TYPING_ENV) else {
        return;
    };
    let mut c = giamsat::ui::AppConfig::new(giamsat::settings::AppPaths::in_dir(
        std::path::Path::new(&home),
    ));
    c.native_dialogs = None;
    c.view = Some(giamsat::ui::View::Drafting);
    let mut h = egui_kittest::Harness::builder()
        .with_size([1280.0, 2200.0])
        .build_eframe(move |cc| giamsat::ui::GiamSatApp::new(&cc.egui_ctx, c));
    h.run_steps(3);
    h.get_by_label("Thêm — Nguyên nhân").click();
    h.run_steps(3);
    // What the status bar would call saved: the cause as the file holds it, once the writer
    // has nothing left to write.
    let report = |h: &mut egui_kittest::Harness<'static, giamsat::ui::GiamSatApp>, typed: usize| {
        let s = h.state_mut().session_mut().unwrap();
        s.poll_writes();
        let saved = (s.unwritten() == 0).then(|| {
            s.dossier()
                .conclusions
                .iter()
                .find(|c| c.kind == ConclusionKind::Cause)
                .map_or(0, |c| c.text.chars().count())
        });
        match saved {
            Some(saved) => println!("TYPED {typed} SAVED {saved}"),
            None => println!("TYPED {typed}"),
        }
    };
    for (i, ch) in TYPED.chars().enumerate() {
        h.event(egui::Event::Text(ch.to_string()));
        h.step();
        report(&mut h, i + 1);
    }
    loop {
        h.step();
        report(&mut h, TYPED.chars().count());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn typing_survives_a_killed_process() {
    let home = tempfile::tempdir().unwrap();
    let mut child = child("child_types_until_killed", TYPING_ENV, home.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (mut typed, mut saved) = (0, 0);
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        let Some((_, report)) = line.split_once("TYPED ") else {
            continue;
        };
        let (n, s) = report.split_once(" SAVED ").unwrap_or((report, ""));
        typed = n.trim().parse().unwrap();
        if let Ok(s) = s.trim().parse::<usize>() {
            // The field commits at least every 0.9 s (four characters at four per second).
            assert!(s + 4 >= typed, "saved {s} of {typed} characters");
            saved = s;
        }
        // Killed once well into the typing and some of it reported saved (a slow disk only
        // makes the child wait longer for that).
        if typed >= 60 && saved >= 40 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(typed >= 60, "the child typed");

    let autosave = giamsat::settings::AppPaths::in_dir(home.path()).autosave_dir();
    let found = find_recoverable(&autosave);
    assert_eq!(found.len(), 1);
    let s = Session::recover(&found[0].path).unwrap();
    let cause = s
        .dossier()
        .conclusions
        .iter()
        .find(|c| c.kind == ConclusionKind::Cause)
        .map(|c| c.text.clone())
        .unwrap_or_default();
    // Everything reported saved is there: at most the last 0.9 s of typing and the writes
    // still queued when the process died are lost.
    assert!(TYPED.starts_with(&cause), "{cause}");
    assert!(saved >= 40, "the child's typing reached the file ({saved})");
    assert!(
        cause.chars().count() >= saved,
        "{} of {saved} saved characters kept",
        cause.chars().count()
    );
}

const MID_COMMIT_ENV: &str = "GIAMSAT_MID_COMMIT_CHILD_DIR";

/// Runs only inside the child process: an untitled project with a stored edit, then a large
/// write left half done — the journal written, pages of the file already overwritten — when
/// the process dies, as a power cut or a crash during a commit leaves it.
#[test]
#[ignore = "helper: run as the child process of a_crash_during_a_commit_is_recovered"]
fn child_dies_in_the_middle_of_a_commit() {
    let Some(dir) = std::env::var_os(MID_COMMIT_ENV) else {
        return;
    };
    let mut s =
        Session::create_untitled(std::path::Path::new(&dir), &giamsat::sample::lang_son()).unwrap();
    let before = s.dossier().allocations[1].clone();
    let mut after = before.clone();
    after.amount_dong = Amount::Known(Dong::from_trieu(556).unwrap());
    s.apply(Change::update(
        ChangeLabel::edit(|t| t.what_amount, "Hữu Lũng 2023"),
        Record::Allocation(before),
        Record::Allocation(after),
    ))
    .unwrap();
    s.flush().unwrap();
    // A second connection, as SQLite's own, writes far more than its cache holds, so pages
    // reach the file before the commit, and stops there.
    let conn = rusqlite::Connection::open(s.path()).unwrap();
    conn.pragma_update(None, "cache_size", 1).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let big = "x".repeat(4000);
    for _ in 0..200 {
        conn.execute(
            "UPDATE dossier_info SET name = ?1 || name WHERE id = 1",
            [&big],
        )
        .unwrap();
    }
    conn.execute("UPDATE allocations SET amount_dong = 1 WHERE 1", [])
        .unwrap();
    println!("READY {}", s.path().display());
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
fn a_crash_during_a_commit_is_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = child(
        "child_dies_in_the_middle_of_a_commit",
        MID_COMMIT_ENV,
        dir.path(),
    )
    .stdout(Stdio::piped())
    .spawn()
    .unwrap();
    let ready = read_until(&mut child, "READY ").map(std::path::PathBuf::from);
    let autosave = ready.expect("the child reported its file");
    child.kill().unwrap();
    child.wait().unwrap();
    let mut journal = autosave.clone().into_os_string();
    journal.push("-journal");
    assert!(
        std::path::Path::new(&journal).exists(),
        "the crash left a hot journal beside the file"
    );

    let found = find_recoverable(dir.path());
    assert_eq!(found.len(), 1, "the project is offered back: {found:?}");
    let s = Session::recover(&found[0].path).unwrap();
    assert_eq!(
        s.dossier().allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(556).unwrap()),
        "the half-done write is rolled back, the stored edit kept"
    );
    assert_eq!(s.dossier().info.name, giamsat::sample::lang_son().info.name);
}

const PANIC_ENV: &str = "GIAMSAT_PANIC_CHILD_DIR";

/// Runs only inside the child process: GiamSat's crash reporter, two commands, then a panic.
#[test]
#[ignore = "helper: run as the child process of a_crash_leaves_a_report_and_the_next_start_says_where"]
fn child_panics_with_the_reporter_installed() {
    let Some(dir) = std::env::var_os(PANIC_ENV) else {
        return;
    };
    giamsat::crash_report::install(std::path::Path::new(&dir));
    giamsat::crash_report::note_command("Open");
    giamsat::crash_report::note_command("Undo");
    // A slice through the middle of a letter: Rust's message quotes the whole text.
    let secret = String::from("Hữu Lũng: nội dung văn bản mật");
    let cut = std::hint::black_box(2);
    println!("{}", &secret[..cut]);
}

#[test]
fn a_crash_leaves_a_report_and_the_next_start_says_where() {
    let home = tempfile::tempdir().unwrap();
    let paths = giamsat::settings::AppPaths::in_dir(home.path());
    let o = child(
        "child_panics_with_the_reporter_installed",
        PANIC_ENV,
        &paths.data_dir,
    )
    .output()
    .unwrap();
    assert!(!o.status.success(), "the child crashed");
    let new_dir = giamsat::crash_report::new_reports_dir(&paths.data_dir);
    let reports: Vec<_> = std::fs::read_dir(&new_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    let text = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(text.contains(env!("CARGO_PKG_VERSION")));
    assert!(text.contains("is not a char boundary"), "{text}");
    assert!(text.contains(file!()), "where: {text}");
    assert!(text.contains("  Open\n  Undo\n"), "{text}");
    assert!(text.contains("Backtrace:"));
    assert!(
        !text.contains("nội dung văn bản mật") && !text.contains("Hữu"),
        "no document text in the report: {text}"
    );

    // The next start says where the report is, once.
    let mut c = giamsat::ui::AppConfig::new(paths.clone());
    c.native_dialogs = None;
    let mut h = egui_kittest::Harness::builder()
        .with_size([1280.0, 720.0])
        .build_eframe(move |cc| giamsat::ui::GiamSatApp::new(&cc.egui_ctx, c));
    h.run_steps(2);
    let toasts = h.state().toast_messages();
    assert!(
        toasts
            .iter()
            .any(|m| m.contains("lỗi bất ngờ") && m.contains("crash-reports")),
        "{toasts:?}"
    );
    assert!(std::fs::read_dir(&new_dir).unwrap().next().is_none());
}
