//! Trust under what real use does: opening one project after another, failed background work,
//! typing not yet committed. The real app, driven through egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use giamsat::model::*;
use giamsat::sample;
use giamsat::settings::AppPaths;
use giamsat::store::ProjectFile;
use giamsat::ui::{AppConfig, Command, DataSection, GiamSatApp, View};
use std::path::{Path, PathBuf};

fn app(home: &Path, file: Option<PathBuf>) -> Harness<'static, GiamSatApp> {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c.file = file;
    c.today = chrono::NaiveDate::from_ymd_opt(2023, 7, 5);
    // Frames a sixtieth of a second apart, as on screen: typing waits to be committed for
    // many frames, as it does for a user who acts right after typing.
    let mut h = Harness::builder()
        .with_step_dt(1.0 / 60.0)
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    h
}

/// Steps until `done` holds, giving background threads real time to finish.
fn wait_for(h: &mut Harness<'static, GiamSatApp>, done: impl Fn(&GiamSatApp) -> bool) {
    for _ in 0..3000 {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out waiting for the app");
}

fn run(h: &mut Harness<'static, GiamSatApp>, cmd: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, cmd);
    h.run_steps(3);
}

/// Another supervision: the sample's story moved to two other districts, with a single figure
/// (fewer rows than the sample: a stale row index would point past its end).
fn other_project() -> Dossier {
    let json = giamsat::exchange::to_json(&sample::lang_son())
        .replace("Hữu Lũng", "Minh Sơn")
        .replace("Chi Lăng", "Bắc Sơn");
    let mut d = giamsat::exchange::from_json(&json).unwrap();
    d.allocations.truncate(1);
    d.allocations[0].amount_dong = Amount::Known(Dong::from_trieu(123).unwrap());
    d
}

/// How many widgets show `text`, in their name or in their value (a text field's content).
fn count(h: &Harness<'static, GiamSatApp>, text: &str) -> usize {
    let text = text.to_string();
    h.query_all_by(move |n| {
        n.label().is_some_and(|l| l.contains(&text)) || n.value().is_some_and(|v| v.contains(&text))
    })
    .count()
}

/// Visits every screen, checking each shows `here` and nothing of `gone`.
fn every_screen_shows(h: &mut Harness<'static, GiamSatApp>, here: &str, gone: &str) {
    for section in DataSection::ALL {
        run(h, Command::ViewData);
        h.state_mut().set_section(section);
        h.run_steps(3);
        assert_eq!(
            count(h, gone),
            0,
            "data screen {section:?} still shows {gone}"
        );
    }
    for (view, cmd) in [
        (View::Charts, Command::ViewCharts),
        (View::Drafting, Command::ViewDrafting),
        (View::FollowUp, Command::ViewFollowUp),
        (View::Print, Command::ViewPrint),
    ] {
        run(h, cmd);
        wait_for(h, |a| !a.print_screen().is_rendering());
        assert_eq!(h.state().view(), view);
        assert!(count(h, here) > 0, "{view:?} shows nothing of {here}");
        assert_eq!(count(h, gone), 0, "{view:?} still shows {gone}");
    }
    // The print preview is of the project open now, as it is now.
    let s = h.state().session().unwrap();
    assert_eq!(h.state().print_screen().preview_stamp(), Some(s.stamp()));
}

#[test]
fn opening_another_project_shows_its_content_on_every_screen() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("Minh Sơn.giamsat");
    ProjectFile::create(&other, &other_project()).unwrap();

    // The sample opens on the allocations; visit every screen.
    let mut h = app(home.path(), None);
    every_screen_shows(&mut h, "Hữu Lũng", "Minh Sơn");

    // Open the other project from the allocations screen, where the crash was.
    run(&mut h, Command::ViewData);
    h.state_mut().set_section(DataSection::Allocations);
    h.run_steps(2);
    let ctx = h.ctx.clone();
    h.state_mut().open_path(&ctx, other.clone());
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().is_some_and(|s| s.user_path() == Some(&other))
    });
    assert_eq!(
        h.get_by_label("Số tiền (triệu đồng) — huyện Minh Sơn, 2022, Vốn phân bổ")
            .value()
            .as_deref(),
        Some("123")
    );
    assert_eq!(
        count(&h, "Số tiền (triệu đồng) — "),
        1,
        "one row, the new one"
    );
    every_screen_shows(&mut h, "Minh Sơn", "Hữu Lũng");

    // A new, empty project: nothing of either is left anywhere.
    run(&mut h, Command::New);
    h.run_steps(2);
    h.get_by_label("Tạo").click();
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().is_some_and(|s| s.user_path().is_none())
    });
    assert_eq!(count(&h, "Số tiền (triệu đồng) — "), 0);
    for gone in ["Minh Sơn", "Hữu Lũng"] {
        for cmd in [
            Command::ViewCharts,
            Command::ViewDrafting,
            Command::ViewFollowUp,
            Command::ViewPrint,
        ] {
            run(&mut h, cmd);
            assert_eq!(count(&h, gone), 0, "{cmd:?} still shows {gone}");
        }
    }
}

/// A printer whose driver crashes the print job.
struct CrashingPrinter;

impl giamsat::print::printer::PrintBackend for CrashingPrinter {
    fn printers(&self) -> Vec<giamsat::print::printer::Printer> {
        vec![giamsat::print::printer::Printer {
            name: "Máy in hỏng".into(),
            is_default: true,
        }]
    }

    fn print(
        &self,
        _: &giamsat::print::Printable,
        _: &giamsat::print::printer::PrintRequest,
    ) -> Result<(), giamsat::print::printer::PrintDocumentError> {
        panic!("the driver crashed");
    }

    fn open_in_viewer(&self, _: &Path) -> Result<(), giamsat::print::printer::PrintJobError> {
        panic!("the viewer crashed");
    }
}

#[test]
fn a_background_task_that_fails_is_reported_and_the_window_stays_usable() {
    let home = tempfile::tempdir().unwrap();
    let mut c = AppConfig::new(AppPaths::in_dir(home.path()));
    c.native_dialogs = None;
    c.view = Some(View::Print);
    c.printing = std::sync::Arc::new(CrashingPrinter);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| {
        a.session().is_some() && !a.is_busy() && a.print_screen().pages() > 0
    });
    let file = h.state().session().unwrap().path().to_path_buf();
    h.get_by_label("In…").click();
    h.run_steps(3);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "In")
        .click();
    // The task dies; the app notices, says so, and is not busy any more.
    wait_for(&mut h, |a| !a.is_busy());
    let toasts = h.state().toast_messages();
    assert!(
        toasts.iter().any(|m| m.contains("bị dừng")),
        "the failure is reported: {toasts:?}"
    );
    // The session is still there and still takes edits.
    assert_eq!(h.state().session().unwrap().path(), file);
    run(&mut h, Command::ViewData);
    h.state_mut().set_section(DataSection::Allocations);
    h.run_steps(2);
    let label = "Số tiền (triệu đồng) — huyện Hữu Lũng, 2023, Vốn phân bổ";
    h.get_by_label(label).click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text("500");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    h.state_mut().session_mut().unwrap().flush().unwrap();
    let (_, d) = ProjectFile::open_and_load(&file, giamsat::store::Access::ReadOnly).unwrap();
    assert_eq!(
        d.allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(500).unwrap())
    );
}

const AMOUNT_HL_2023: &str = "Số tiền (triệu đồng) — huyện Hữu Lũng, 2023, Vốn phân bổ";

/// Types into a field without pausing, pressing Enter or leaving it: the text is still waiting
/// to be committed.
fn type_pending(h: &mut Harness<'static, GiamSatApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run_steps(1);
}

/// What the file holds once the app's writer has written everything queued.
fn amount_in(h: &mut Harness<'static, GiamSatApp>, path: &Path) -> Amount {
    if let Some(s) = h.state_mut().session_mut() {
        let _ = s.flush();
    }
    let (_, d) = ProjectFile::open_and_load(path, giamsat::store::Access::ReadOnly).unwrap();
    d.allocations[1].amount_dong
}

fn trieu(n: i64) -> Amount {
    Amount::Known(Dong::from_trieu(n).unwrap())
}

/// The sample as a file of its own, open on the allocations.
fn sample_app(home: &Path, dir: &Path) -> (Harness<'static, GiamSatApp>, PathBuf) {
    let path = dir.join("Lạng Sơn.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let h = app(home, Some(path.clone()));
    (h, path)
}

#[test]
fn typing_not_yet_committed_survives_quit() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    type_pending(&mut h, AMOUNT_HL_2023, "501");
    assert_eq!(amount_in(&mut h, &path), trieu(494), "not committed yet");
    run(&mut h, Command::Quit);
    h.run_steps(3);
    assert_eq!(amount_in(&mut h, &path), trieu(501));
}

#[test]
fn undo_from_the_menu_undoes_the_typing_and_redo_brings_it_back() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    type_pending(&mut h, AMOUNT_HL_2023, "500");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(amount_in(&mut h, &path), trieu(500));
    type_pending(&mut h, AMOUNT_HL_2023, "600");
    run(&mut h, Command::Undo);
    h.run_steps(3);
    // The typing was the last thing done: it is what Undo takes back, and nothing is lost.
    assert_eq!(amount_in(&mut h, &path), trieu(500));
    run(&mut h, Command::Redo);
    h.run_steps(3);
    assert_eq!(amount_in(&mut h, &path), trieu(600));
}

#[test]
fn typing_not_yet_committed_survives_changing_the_money_unit() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    type_pending(&mut h, AMOUNT_HL_2023, "1.234,5");
    let ctx = h.ctx.clone();
    h.state_mut().set_money_unit(&ctx, MoneyUnit::Nghin);
    h.run_steps(4);
    assert_eq!(
        amount_in(&mut h, &path),
        Amount::Known(Dong::new(1_234_500_000).unwrap()),
        "typed in million đồng before the unit changed"
    );
    h.get_by_label("Số tiền (nghìn đồng) — huyện Hữu Lũng, 2023, Vốn phân bổ");
}

#[test]
fn typing_not_yet_committed_survives_opening_another_project() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    let other = dir.path().join("Minh Sơn.giamsat");
    ProjectFile::create(&other, &other_project()).unwrap();
    type_pending(&mut h, AMOUNT_HL_2023, "502");
    let ctx = h.ctx.clone();
    h.state_mut().open_path(&ctx, other.clone());
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().is_some_and(|s| s.user_path() == Some(&other))
    });
    // The first project may still be writing its last change, away from the window.
    h.state_mut().finish_closing();
    assert_eq!(amount_in(&mut h, &path), trieu(502));
}

#[test]
fn a_read_only_file_opens_read_only_and_says_so() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let path = dir.path().join("Chỉ đọc.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms.clone()).unwrap();

    let mut h = app(home.path(), Some(path.clone()));
    assert_eq!(
        h.state().session().unwrap().read_only(),
        Some(&giamsat::session::ReadOnlyReason::FileReadOnly)
    );
    h.get_by_label_contains("Tệp được đặt chỉ đọc");
    assert!(h.state().title().contains("chỉ đọc"));
    // No lock is taken on a file nobody can edit.
    assert!(!giamsat::lock::lock_path(&path).exists());
    type_pending(&mut h, AMOUNT_HL_2023, "9");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(amount_in(&mut h, &path), trieu(494));

    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
}

#[test]
fn the_data_screen_warns_of_figures_whose_periods_overlap() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut d = sample::lang_son();
    d.allocations.push(Allocation {
        id: AllocationId(d.next_id(Table::Allocations)),
        area_id: sample::CHI_LANG,
        project_id: sample::DU_AN_7,
        period: Period::year(2023).unwrap(),
        kind: AllocationKind::Allocated,
        funding_source_id: None,
        amount_dong: Amount::Known(Dong::from_trieu(500).unwrap()),
        note: String::new(),
        source_doc: String::new(),
        round_id: None,
        covers: Covers::Total,
    });
    let path = dir.path().join("Chồng lấn.giamsat");
    ProjectFile::create(&path, &d).unwrap();
    let mut h = app(home.path(), Some(path));
    h.get_by_label_contains(
        "Cảnh báo số liệu: Không đưa ra tổng: huyện Chi Lăng, Dự án 7, vốn phân bổ 2022–2023: 949 triệu đồng và huyện Chi Lăng, Dự án 7, vốn phân bổ 2023: 500 triệu đồng có kỳ chồng lấn",
    );
    run(&mut h, Command::LangEn);
    h.get_by_label_contains("Data warning: No total given: Chi Lăng (district), Project 7, allocated 2022–2023: 949 million đồng and Chi Lăng (district), Project 7, allocated 2023: 500 million đồng overlap in time");
}

/// A system file dialog that picks a given file.
struct Picks(PathBuf);

impl giamsat::ui::file_dialog::NativeDialogs for Picks {
    fn pick(&self, _: &giamsat::ui::file_dialog::DialogRequest) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

#[test]
fn each_session_keeps_a_backup_and_a_backup_opens_as_an_untitled_copy() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let paths = AppPaths::in_dir(home.path());
    let (mut h, path) = sample_app(home.path(), dir.path());
    let backups = giamsat::backup::project_dir(&paths.data_dir, &path);
    wait_for(&mut h, |_| !giamsat::backup::list(&backups).is_empty());
    let copy = giamsat::backup::list(&backups)[0].path.clone();

    // Later edits do not touch the backup.
    type_pending(&mut h, AMOUNT_HL_2023, "777");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(amount_in(&mut h, &path), trieu(777));
    assert_eq!(amount_in(&mut h, &copy), trieu(494));
    drop(h);

    // File → Restore a backup… opens the copy as an untitled project; the copy is not
    // written to.
    let mut c = AppConfig::new(paths.clone());
    c.native_dialogs = Some(std::sync::Arc::new(Picks(copy.clone())));
    c.file = Some(path.clone());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    run(&mut h, Command::RestoreBackup);
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().is_some_and(|s| s.user_path().is_none())
    });
    assert_eq!(
        h.get_by_label(AMOUNT_HL_2023).value().as_deref(),
        Some("494")
    );
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("bản sao lưu")),
        "{:?}",
        h.state().toast_messages()
    );
    type_pending(&mut h, AMOUNT_HL_2023, "111");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(
        amount_in(&mut h, &copy),
        trieu(494),
        "the backup is left as it was"
    );
    assert_eq!(amount_in(&mut h, &path), trieu(777));
}

/// A disk slow to write (a USB stick, a network share) never holds up the window: the change
/// shows at once, the status bar says it is being saved, more changes can be made meanwhile,
/// and once the disk has them the status bar says so and the file holds them.
#[test]
fn a_slow_disk_never_holds_up_the_window() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    let on_disk = |path: &Path| {
        let (_, d) = ProjectFile::open_and_load(path, giamsat::store::Access::ReadOnly).unwrap();
        d.allocations[1].amount_dong
    };
    let shown = |h: &Harness<'static, GiamSatApp>| {
        h.state().session().unwrap().dossier().allocations[1].amount_dong
    };
    // The disk takes its time: nothing is written until it is let go.
    let disk = h.state_mut().session_mut().unwrap().hold_writes_for_tests();
    type_pending(&mut h, AMOUNT_HL_2023, "500");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(shown(&h), trieu(500), "the change shows at once");
    assert!(
        h.query_by_label("Đang lưu…").is_some(),
        "and is being saved"
    );
    type_pending(&mut h, AMOUNT_HL_2023, "600");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(
        shown(&h),
        trieu(600),
        "the window takes more changes meanwhile"
    );
    assert_eq!(h.state().session().unwrap().unwritten(), 2);
    assert_eq!(on_disk(&path), trieu(494), "none is in the file yet");
    assert!(
        h.query_by_label("Mọi thay đổi đã được lưu vào tệp")
            .is_none()
    );

    drop(disk);
    wait_for(&mut h, |a| a.session().unwrap().unwritten() == 0);
    assert!(
        h.query_by_label("Mọi thay đổi đã được lưu vào tệp")
            .is_some()
    );
    assert!(h.query_by_label("Đang lưu…").is_none());
    assert_eq!(on_disk(&path), trieu(600));
}

/// Quitting while the disk is still writing waits for it, saying "Đang lưu…", then quits:
/// nothing queued is cut off.
#[test]
fn quitting_waits_for_the_changes_being_written() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    let disk = h.state_mut().session_mut().unwrap().hold_writes_for_tests();
    type_pending(&mut h, AMOUNT_HL_2023, "503");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    run(&mut h, Command::Quit);
    h.run_steps(3);
    assert!(h.state().session().is_some(), "still writing: not quit yet");
    assert!(h.query_by_label("Đang lưu…").is_some());
    drop(disk);
    wait_for(&mut h, |a| a.session().is_none());
    let (_, d) = ProjectFile::open_and_load(&path, giamsat::store::Access::ReadOnly).unwrap();
    assert_eq!(d.allocations[1].amount_dong, trieu(503));
}

/// Changes the file would not take are not dropped by quitting: the app asks first.
#[test]
fn quitting_with_changes_the_file_refused_asks_first() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    // Another program holds the file past SQLite's wait.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    type_pending(&mut h, AMOUNT_HL_2023, "504");
    h.key_press(egui::Key::Enter);
    wait_for(&mut h, |a| a.session().unwrap().is_unreachable());
    // Said at once, and the banner stays.
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("Không ghi được thay đổi vào tệp"))
    );
    h.get_by_label_contains("vẫn được giữ trong cửa sổ này. Bấm “Thử lại”");
    run(&mut h, Command::Quit);
    h.get_by_label_contains("chưa ghi được vào tệp. Lưu thành tệp khác");
    h.get_by_label("Hủy").click();
    h.run_steps(3);
    assert!(h.state().session().is_some(), "not quit");
    // The file is free again: Retry writes the change.
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    h.get_by_label("Thử lại").click();
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().unwrap().read_only().is_none()
    });
    assert_eq!(amount_in(&mut h, &path), trieu(504));
}

/// A figure that looks wrong is flagged above the table, and the warning takes the user to it.
#[test]
fn a_data_warning_takes_the_user_to_its_rows() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let path = dir.path().join("Cảnh báo.giamsat");
    let mut d = sample::lang_son();
    // Chi Lăng: 949 triệu for 2022–2023; 2022's disbursement typed as 1.000 triệu.
    d.allocations.push(Allocation {
        id: AllocationId(5),
        area_id: sample::CHI_LANG,
        project_id: sample::DU_AN_7,
        period: Period::new(2022, 2023).unwrap(),
        kind: AllocationKind::Disbursed,
        funding_source_id: None,
        amount_dong: trieu(1000),
        note: String::new(),
        source_doc: String::new(),
        round_id: None,
        covers: Covers::Total,
    });
    ProjectFile::create(&path, &d).unwrap();
    let mut h = app(home.path(), Some(path));
    run(&mut h, Command::ViewData);
    h.state_mut().set_section(DataSection::Allocations);
    h.run_steps(3);
    h.get_by_label_contains("giải ngân 1.000 triệu đồng nhiều hơn vốn có (949 triệu đồng");
    h.get_by_label("5 / 5 dòng");
    h.get_by_label("Xem các dòng").click();
    h.run_steps(3);
    // The table narrows to Chi Lăng's figures.
    h.get_by_label("2 / 5 dòng");
}

/// Closing the project within a second of an edit, on a file another program holds: closing
/// waits for the change, and when it cannot be written the project stays open with its
/// banner and the change, which Retry then writes.
#[test]
fn closing_right_after_an_edit_the_file_refuses_keeps_the_project_open() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    type_pending(&mut h, AMOUNT_HL_2023, "505");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    run(&mut h, Command::Close);
    assert!(
        h.state().session().is_some(),
        "closing waits for the change"
    );
    assert!(h.query_by_label("Đang lưu…").is_some());
    wait_for(&mut h, |a| a.session().is_none_or(|s| s.is_unreachable()));
    let s = h.state().session().expect("the project is still open");
    assert_eq!(s.unwritten(), 1, "with the change the file refused");
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("Không ghi được thay đổi vào tệp")),
        "{:?}",
        h.state().toast_messages()
    );
    h.get_by_label_contains("vẫn được giữ trong cửa sổ này. Bấm “Thử lại”");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    h.get_by_label("Thử lại").click();
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().unwrap().read_only().is_none()
    });
    assert_eq!(amount_in(&mut h, &path), trieu(505));
}

/// Opening another project within a second of an edit waits for the edit to be written, then
/// opens it; when the edit cannot be written, the other project is not opened and this one
/// stays, with its change.
#[test]
fn opening_another_project_right_after_an_edit_waits_for_it() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    let second = dir.path().join("Bắc Sơn.giamsat");
    ProjectFile::create(&second, &other_project()).unwrap();
    let ctx = h.ctx.clone();

    // A slow disk: the other project opens once the change is in.
    let disk = h.state_mut().session_mut().unwrap().hold_writes_for_tests();
    type_pending(&mut h, AMOUNT_HL_2023, "506");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    h.state_mut().open_path(&ctx, second.clone());
    wait_for(&mut h, |a| !a.is_busy());
    assert_eq!(
        h.state().session().unwrap().path(),
        path,
        "still on the first project while its change is written"
    );
    drop(disk);
    wait_for(&mut h, |a| a.session().unwrap().path() == second);
    let (_, d) = ProjectFile::open_and_load(&path, giamsat::store::Access::ReadOnly).unwrap();
    assert_eq!(d.allocations[1].amount_dong, trieu(506));

    // A file that refuses the change: the first project stays, and says why.
    h.state_mut().open_path(&ctx, path.clone());
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().unwrap().path() == path
    });
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    type_pending(&mut h, AMOUNT_HL_2023, "507");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    h.state_mut().open_path(&ctx, second.clone());
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().unwrap().is_unreachable()
    });
    h.run_steps(3);
    let s = h.state().session().unwrap();
    assert_eq!(s.path(), path, "the other project was not opened");
    assert_eq!(s.unwritten(), 1);
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("Chưa mở Bắc Sơn.giamsat")),
        "{:?}",
        h.state().toast_messages()
    );
    // Nor left locked (it is closed away from the window, at once).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while giamsat::lock::FileLock::is_held_elsewhere(&second) {
        assert!(std::time::Instant::now() < deadline, "left locked");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    other.execute_batch("ROLLBACK").unwrap();
}

/// Quit asks to save what the file refused; the user cancels the Save As. A Save As made
/// later, of the user's own accord, only saves: it does not quit.
#[test]
fn a_cancelled_save_as_leaves_nothing_pending() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    type_pending(&mut h, AMOUNT_HL_2023, "508");
    h.key_press(egui::Key::Enter);
    wait_for(&mut h, |a| a.session().unwrap().is_unreachable());
    run(&mut h, Command::Quit);
    h.get_by_label("Lưu thành tệp…").click();
    h.run_steps(3);
    h.get_by_label("Tên tệp");
    h.get_by_label("Hủy").click();
    h.run_steps(3);
    assert!(h.query_by_label("Tên tệp").is_none(), "the dialog closed");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);

    run(&mut h, Command::SaveAs);
    let copy = dir.path().join("Bản sao.giamsat");
    h.get_by_label("Tên tệp").click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Tên tệp").type_text(copy.to_str().unwrap());
    h.run_steps(1);
    h.get_by_label("Lưu").click();
    wait_for(&mut h, |a| {
        !a.is_busy()
            && a.session()
                .is_none_or(|s| s.user_path() == Some(copy.as_path()))
    });
    assert!(
        h.state().session().is_some(),
        "the Save As saved and did not quit"
    );
    assert_eq!(amount_in(&mut h, &copy), trieu(508));
}

/// Retry finds the file changed elsewhere: the change cannot be written there by waiting.
/// Closing asks what to do with it (Save As or discard) instead of waiting for ever.
#[test]
fn closing_after_the_file_changed_elsewhere_asks_instead_of_waiting() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut h, path) = sample_app(home.path(), dir.path());
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    type_pending(&mut h, AMOUNT_HL_2023, "509");
    h.key_press(egui::Key::Enter);
    wait_for(&mut h, |a| a.session().unwrap().is_unreachable());
    // Someone else changes the file meanwhile.
    other
        .execute_batch("UPDATE dossier_info SET name = 'Sửa ở máy khác'; COMMIT;")
        .unwrap();
    drop(other);
    h.get_by_label("Thử lại").click();
    wait_for(&mut h, |a| {
        !a.is_busy()
            && matches!(
                a.session().unwrap().read_only(),
                Some(giamsat::session::ReadOnlyReason::ChangedElsewhere)
            )
    });
    run(&mut h, Command::Close);
    h.get_by_label_contains("chưa ghi được vào tệp. Lưu thành tệp khác");
    h.get_by_label("Bỏ đi").click();
    wait_for(&mut h, |a| a.session().is_none());
}
