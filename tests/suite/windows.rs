//! What Windows users do every day, held to Windows' file semantics: creating, saving, Save
//! As and autosave of an untitled project (recovery after a killed process is `crash.rs`,
//! which runs under Wine too); paths with Vietnamese letters and spaces;
//! the lock file and a second instance; settings under %APPDATA%; a network share; a file
//! whose share or stick goes away; the command line started from a console.
//!
//! These run on every platform. CI also runs them on the Windows build under Wine, where a
//! file open in SQLite cannot be renamed or deleted and flushing a read-only handle is refused
//! — the cases Linux would let through.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::lock::{FileLock, LockError};
use giamsat::model::*;
use giamsat::sample;
use giamsat::session::{Change, ChangeLabel, ReadOnlyReason, Session};
use giamsat::store::{Access, ProjectFile};
use std::path::{Path, PathBuf};

/// A folder name the way staff name them: Vietnamese letters and spaces.
const FOLDER: &str = "Hồ sơ giám sát Dự án 7";
const FILE: &str = "Thông báo kết luận Hữu Lũng.giamsat";

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

fn amount_on_disk(path: &Path) -> Amount {
    let (_, d) = ProjectFile::open_and_load(path, Access::ReadOnly).unwrap();
    d.allocations[1].amount_dong
}

fn trieu(n: i64) -> Amount {
    Amount::Known(Dong::from_trieu(n).unwrap())
}

/// Only these names are left in `dir`: no temporary, journal or lock file behind.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_file_is_created_in_a_folder_with_vietnamese_letters_and_spaces() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join(FOLDER);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE);
    let file = ProjectFile::create(&path, &sample::lang_son()).unwrap();
    drop(file);
    assert_eq!(names_in(&dir), vec![FILE.to_string()]);
    let mut s = Session::open(&path).unwrap();
    assert!(s.read_only().is_none());
    s.apply(edit_amount(&s, 501)).unwrap();
    s.flush().unwrap();
    assert_eq!(amount_on_disk(&path), trieu(501));
    drop(s);
    assert_eq!(
        names_in(&dir),
        vec![FILE.to_string()],
        "closing removes the lock file"
    );
}

#[test]
fn an_untitled_project_is_autosaved_saved_as_and_its_autosave_removed() {
    let root = tempfile::tempdir().unwrap();
    let autosave_dir = root.path().join("autosave");
    let mut s = Session::create_untitled(&autosave_dir, &sample::lang_son()).unwrap();
    let autosave = s.path().to_path_buf();
    s.apply(edit_amount(&s, 502)).unwrap();
    s.flush().unwrap();
    assert_eq!(amount_on_disk(&autosave), trieu(502), "autosaved at once");

    let dir = root.path().join(FOLDER);
    std::fs::create_dir_all(&dir).unwrap();
    let dest = dir.join(FILE);
    s.save_as(&dest).unwrap();
    assert_eq!(s.user_path(), Some(dest.as_path()));
    assert!(!autosave.exists(), "the autosave file is gone once saved");
    s.apply(edit_amount(&s, 503)).unwrap();
    s.flush().unwrap();
    assert_eq!(amount_on_disk(&dest), trieu(503));

    // Save As again, onto an existing file the user chose to replace.
    let other = dir.join("Bản sao.giamsat");
    ProjectFile::create(&other, &Dossier::new("cũ")).unwrap();
    s.save_as(&other).unwrap();
    assert_eq!(amount_on_disk(&other), trieu(503));
    s.apply(edit_amount(&s, 504)).unwrap();
    s.flush().unwrap();
    assert_eq!(amount_on_disk(&other), trieu(504));
    assert_eq!(
        amount_on_disk(&dest),
        trieu(503),
        "the first copy is left as it was"
    );
    drop(s);
    let mut names = names_in(&dir);
    names.retain(|n| !n.starts_with(".~lock"));
    assert_eq!(names, vec!["Bản sao.giamsat", FILE]);
}

#[test]
fn the_lock_names_its_holder_and_a_second_instance_is_read_only() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join(FOLDER);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE);
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let first = Session::open(&path).unwrap();
    assert!(first.read_only().is_none());
    match FileLock::acquire(&path) {
        Err(LockError::HeldElsewhere(Some(holder))) => {
            assert!(holder.contains('/'), "who and since when: {holder}")
        }
        other => panic!("the lock is held and says by whom, got {other:?}"),
    }
    let second = Session::open(&path).unwrap();
    match second.read_only() {
        Some(ReadOnlyReason::InUse(Some(holder))) => assert!(!holder.is_empty()),
        other => panic!("the second instance is read-only and names the holder: {other:?}"),
    }
    drop(second);
    drop(first);
    let third = Session::open(&path).unwrap();
    assert!(
        third.read_only().is_none(),
        "the lock is free once the first closes"
    );
}

#[test]
fn a_file_written_over_while_a_scanner_holds_it_is_retried() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cài đặt.json");
    std::fs::write(&path, "cũ").unwrap();
    let held = hold_without_sharing(&path);
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
    });
    giamsat::fsutil::write_atomically(&path, "mới".as_bytes()).unwrap();
    release.join().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mới");
    assert_eq!(names_in(dir.path()), vec!["cài đặt.json"]);
}

/// Opens `path` the way an antivirus scanner does on Windows: sharing nothing, so that it can
/// be neither replaced nor deleted until closed. Elsewhere, a plain open handle.
fn hold_without_sharing(path: &Path) -> std::fs::File {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        o.share_mode(0);
    }
    o.open(path).unwrap()
}

/// A project on a "USB stick" (a folder of `root`), open, with one edit stored: its folder,
/// its path and the session.
fn open_on_a_stick(root: &Path, trieu_stored: i64) -> (PathBuf, PathBuf, Session) {
    let dir = root.join("USB");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE);
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    s.apply(edit_amount(&s, trieu_stored)).unwrap();
    s.flush().unwrap();
    (dir, path, s)
}

#[test]
fn a_project_whose_folder_disappears_is_reported_and_kept_intact() {
    // Simulates a network share or USB stick going away: the folder vanishes under an open
    // project. Only Unix can delete a folder holding open files; Windows refuses, and its
    // shares are covered by the network-share test below.
    if cfg!(windows) {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let (dir, path, mut s) = open_on_a_stick(root.path(), 506);
    let kept = root.path().join("kept.giamsat");
    std::fs::copy(&path, &kept).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    // The change is shown at once; writing it fails.
    s.apply(edit_amount(&s, 507)).unwrap();
    let err = s.flush().unwrap_err();
    assert!(
        matches!(s.read_only(), Some(ReadOnlyReason::Unreachable(_))),
        "the session knows the file is unreachable: {err:?}"
    );
    assert_eq!(
        s.dossier().allocations[1].amount_dong,
        trieu(507),
        "the window keeps the change"
    );
    assert_eq!(s.unwritten(), 1, "counted as not written");
    assert!(
        s.apply(edit_amount(&s, 508)).is_err(),
        "no more changes meanwhile"
    );
    assert!(s.reconnect().is_err(), "still gone");

    // The stick comes back, the file as it was after the last change written: Retry writes
    // the kept change, and editing goes on.
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&kept, &path).unwrap();
    s.reconnect().unwrap();
    assert!(s.read_only().is_none());
    assert_eq!(s.unwritten(), 0);
    assert_eq!(amount_on_disk(&path), trieu(507));
    s.apply(edit_amount(&s, 508)).unwrap();
    s.flush().unwrap();
    assert_eq!(amount_on_disk(&path), trieu(508));
    let (file, _) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert!(file.integrity_problems().unwrap().is_empty());
}

#[test]
fn save_as_rescues_a_project_whose_file_is_gone() {
    if cfg!(windows) {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let (dir, _, mut s) = open_on_a_stick(root.path(), 508);
    std::fs::remove_dir_all(&dir).unwrap();
    s.apply(edit_amount(&s, 509)).unwrap();
    assert!(s.flush().is_err());
    let rescue = root.path().join("Cứu hộ.giamsat");
    s.save_as(&rescue).unwrap();
    assert!(s.read_only().is_none());
    assert_eq!(
        amount_on_disk(&rescue),
        trieu(509),
        "the copy has the change the lost file could not take"
    );
    s.apply(edit_amount(&s, 510)).unwrap();
    s.flush().unwrap();
    assert_eq!(amount_on_disk(&rescue), trieu(510));
}

#[test]
fn a_file_changed_elsewhere_while_unreachable_is_not_overwritten() {
    if cfg!(windows) {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let (dir, path, mut s) = open_on_a_stick(root.path(), 514);
    std::fs::remove_dir_all(&dir).unwrap();
    s.apply(edit_amount(&s, 515)).unwrap();
    assert!(s.flush().is_err());
    // Someone else puts a different version of the file back.
    std::fs::create_dir_all(&dir).unwrap();
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    assert!(matches!(
        s.reconnect(),
        Err(giamsat::session::ReconnectError::ChangedOnDisk)
    ));
    assert_eq!(s.read_only(), Some(&ReadOnlyReason::ChangedElsewhere));
    assert!(s.apply(edit_amount(&s, 516)).is_err(), "still read-only");
    assert_eq!(
        amount_on_disk(&path),
        trieu(494),
        "their version is untouched"
    );
    // Saving over the same file is refused; elsewhere keeps what the window shows.
    assert!(matches!(
        s.save_as(&path),
        Err(giamsat::session::SaveError::SameFile)
    ));
    let kept = root.path().join("Bản của tôi.giamsat");
    s.save_as(&kept).unwrap();
    assert_eq!(amount_on_disk(&kept), trieu(515));
    assert_eq!(amount_on_disk(&path), trieu(494));
}

/// A network share: CI serves `GIAMSAT_TEST_UNC` (`\\server\share`) through Wine. Elsewhere
/// the test has nothing to run on and says so.
fn unc_share() -> Option<PathBuf> {
    let share = std::env::var_os("GIAMSAT_TEST_UNC")?;
    cfg!(windows).then(|| PathBuf::from(share))
}

/// The share tests run one at a time: one of them takes the share away for a moment.
static SHARE: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn share_lock() -> std::sync::MutexGuard<'static, ()> {
    SHARE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[test]
fn a_project_on_a_network_share_opens_edits_and_locks() {
    let Some(share) = unc_share() else {
        eprintln!("skipped: no network share (GIAMSAT_TEST_UNC) on this platform");
        return;
    };
    let _one_at_a_time = share_lock();
    let dir = share.join(format!("{FOLDER} {}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE);
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    assert!(s.read_only().is_none());
    s.apply(edit_amount(&s, 510)).unwrap();
    s.flush().unwrap();
    assert_eq!(amount_on_disk(&path), trieu(510));
    let second = Session::open(&path).unwrap();
    assert!(matches!(second.read_only(), Some(ReadOnlyReason::InUse(_))));
    drop(second);
    let local = tempfile::tempdir().unwrap();
    let copy = local.path().join(FILE);
    s.save_as(&copy).unwrap();
    s.apply(edit_amount(&s, 511)).unwrap();
    s.flush().unwrap();
    assert_eq!(amount_on_disk(&copy), trieu(511));
    assert_eq!(amount_on_disk(&path), trieu(510));
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_network_share_that_goes_away_is_reported_and_the_file_is_intact() {
    let Some(share) = unc_share() else {
        eprintln!("skipped: no network share (GIAMSAT_TEST_UNC) on this platform");
        return;
    };
    // CI also says which folder the share serves, so the test can take the share away.
    let Some(served) = std::env::var_os("GIAMSAT_TEST_UNC_DIR").map(PathBuf::from) else {
        eprintln!("skipped: the share cannot be taken away (GIAMSAT_TEST_UNC_DIR)");
        return;
    };
    let _one_at_a_time = share_lock();
    let dir = share.join(format!("Mất mạng {}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE);
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    s.apply(edit_amount(&s, 512)).unwrap();
    s.flush().unwrap();

    let gone = served.with_extension("gone");
    std::fs::rename(&served, &gone).unwrap();
    s.apply(edit_amount(&s, 513)).unwrap();
    let result = s.flush();
    let unreachable = s.is_unreachable();
    let reconnect_while_gone = s.reconnect();
    std::fs::rename(&gone, &served).unwrap();

    assert!(result.is_err(), "a write to a vanished share fails");
    assert!(unreachable, "and the session knows why: {result:?}");
    assert!(reconnect_while_gone.is_err());
    assert_eq!(
        s.dossier().allocations[1].amount_dong,
        trieu(513),
        "the window keeps the change"
    );
    assert_eq!(
        amount_on_disk(&path),
        trieu(512),
        "the file is as last written"
    );
    // The share is back: Retry writes the kept change, and editing resumes.
    s.reconnect().unwrap();
    assert_eq!(s.unwritten(), 0);
    s.apply(edit_amount(&s, 514)).unwrap();
    drop(s);
    assert_eq!(amount_on_disk(&path), trieu(514));
    let (file, _) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert!(file.integrity_problems().unwrap().is_empty());
    drop(file);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn settings_and_autosave_live_under_appdata_on_windows() {
    if !cfg!(windows) {
        return;
    }
    let appdata = PathBuf::from(std::env::var_os("APPDATA").expect("%APPDATA% is set"));
    let paths = giamsat::settings::AppPaths::from_env();
    assert!(
        paths.config_dir.starts_with(&appdata),
        "{:?} is under {appdata:?}",
        paths.config_dir
    );
    assert!(paths.autosave_dir().starts_with(&appdata));
}

fn console_exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_giamsat-console"))
}

/// Runs a command line the way a user types it at a prompt: through cmd on Windows.
fn at_the_prompt(args: &[&str], dir: &Path) -> std::process::Output {
    let exe = console_exe();
    let mut c = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.arg("/c").arg(&exe);
        c
    } else {
        std::process::Command::new(&exe)
    };
    c.args(args).current_dir(dir).output().unwrap()
}

#[test]
fn the_console_program_prints_and_returns_its_status_from_a_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let o = at_the_prompt(&["sample", "mẫu Lạng Sơn.giamsat"], dir.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = at_the_prompt(&["summary", "mẫu Lạng Sơn.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("Hữu Lũng") && out.contains("ĐVT: triệu đồng"),
        "{out}"
    );

    let o = at_the_prompt(&["check", "không có.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(1), "a refused file exits with 1");
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("không có.giamsat"),
        "the message names the file: {err}"
    );

    let o = at_the_prompt(&["summary"], dir.path());
    assert_eq!(o.status.code(), Some(2), "bad usage exits with 2");
}

/// The PE header's subsystem: 2 is a windowed program, 3 a console one.
fn pe_subsystem(exe: &Path) -> u16 {
    let bytes = std::fs::read(exe).unwrap();
    let pe = u32::from_le_bytes(bytes[0x3c..0x40].try_into().unwrap()) as usize;
    assert_eq!(&bytes[pe..pe + 4], b"PE\0\0");
    // COFF header (20 bytes) after the signature, then the optional header; its subsystem
    // field is at offset 68 in both PE32 and PE32+.
    let optional = pe + 4 + 20;
    u16::from_le_bytes([bytes[optional + 68], bytes[optional + 69]])
}

#[test]
fn giamsat_exe_opens_no_console_and_the_console_program_is_one() {
    if !cfg!(windows) {
        return;
    }
    assert_eq!(
        pe_subsystem(Path::new(env!("CARGO_BIN_EXE_giamsat"))),
        2,
        "giamsat.exe is a windowed program: double-clicking it opens no console"
    );
    assert_eq!(
        pe_subsystem(&console_exe()),
        3,
        "giamsat-console.exe (giamsat.com) is a console program that cmd waits for"
    );
}

/// Printing through the system's queue, where CI provides one: `GIAMSAT_TEST_PRINTER` names a
/// virtual PDF printer (CUPS-PDF, which Wine sees as a Windows printer) and
/// `GIAMSAT_TEST_PRINT_OUT` the folder its PDFs land in.
#[test]
fn a_document_printed_in_two_copies_reaches_the_printer() {
    use giamsat::print::printer::{PrintRequest, print_document, printers};
    let (Some(printer), Some(out)) = (
        std::env::var("GIAMSAT_TEST_PRINTER").ok(),
        std::env::var_os("GIAMSAT_TEST_PRINT_OUT").map(PathBuf::from),
    ) else {
        eprintln!("skipped: no test printer (GIAMSAT_TEST_PRINTER, GIAMSAT_TEST_PRINT_OUT)");
        return;
    };
    let list = printers();
    assert!(
        list.iter().any(|p| p.name == printer),
        "{printer} is listed: {list:?}"
    );
    if let Some(default) = list.iter().position(|p| p.is_default) {
        assert_eq!(default, 0, "the default printer comes first: {list:?}");
    }
    let today = chrono::NaiveDate::from_ymd_opt(2023, 7, 5).unwrap();
    let doc = giamsat::print::build(
        &sample::lang_son(),
        None,
        DocKind::ThongBao,
        MoneyUnit::Trieu,
        today,
    )
    .unwrap();
    let pages = giamsat::print::typeset::layout(&doc).unwrap().pages().len();
    std::fs::create_dir_all(&out).unwrap();
    let before: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // CUPS-PDF names its output after the job's title and replaces a file of that name: a
    // title of this run's own finds this run's PDF, however often the test has run.
    let title = format!(
        "Thông báo kết luận giám sát {} {}",
        std::process::id(),
        chrono::Local::now().format("%H%M%S%3f")
    );
    let request = PrintRequest {
        printer: Some(printer.clone()),
        copies: 2,
        title,
    };
    print_document(
        &giamsat::print::Printable::Built(Box::new(doc.clone())),
        &request,
    )
    .unwrap();
    let printed = wait_for_pdf(&out, &before, &printer);
    assert_eq!(
        printed.get_pages().len(),
        2 * pages,
        "two collated copies of every page"
    );

    // The follow-up list is landscape: it goes through too (how it lies on the paper is
    // `print::placement`'s, tested on its own).
    let doc = giamsat::print::build(
        &sample::lang_son(),
        None,
        DocKind::TheoDoi,
        MoneyUnit::Trieu,
        today,
    )
    .unwrap();
    let before: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let request = PrintRequest {
        copies: 1,
        title: format!("Theo dõi {}", std::process::id()),
        ..request
    };
    print_document(
        &giamsat::print::Printable::Built(Box::new(doc.clone())),
        &request,
    )
    .unwrap();
    let printed = wait_for_pdf(&out, &before, &printer);
    let pages = giamsat::print::typeset::layout(&doc).unwrap().pages().len();
    assert_eq!(printed.get_pages().len(), pages);
}

/// Waits for the print queue to turn a job into a new PDF in `out`.
fn wait_for_pdf(out: &Path, before: &[PathBuf], printer: &str) -> lopdf::Document {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let new: Vec<PathBuf> = std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !before.contains(p) && p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        if let Some(p) = new.first()
            && let Ok(d) = lopdf::Document::load(p)
        {
            return d;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no PDF from {printer} in {out:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}
