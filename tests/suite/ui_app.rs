//! The desktop app driven through egui_kittest, found by role and label as a user (or a screen
//! reader) would: editing, undo, refusals at the field, language, file dialogs, recovery and
//! the read-only second instance.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use giamsat::model::*;
use giamsat::sample;
use giamsat::settings::AppPaths;
use giamsat::store::{Access, ProjectFile};
use giamsat::ui::file_dialog::{DialogRequest, NativeDialogs};
use giamsat::ui::{AppConfig, GiamSatApp};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const AMOUNT_HL_2023: &str = "Số tiền (triệu đồng) — huyện Hữu Lũng, 2023, Vốn phân bổ";

fn config(home: &Path) -> AppConfig {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c
}

fn app(config: AppConfig) -> Harness<'static, GiamSatApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, config));
    h.run_steps(2);
    h
}

/// Steps until `done` holds, giving background threads real time to finish.
fn wait_for(h: &mut Harness<'static, GiamSatApp>, done: impl Fn(&GiamSatApp) -> bool) {
    for _ in 0..300 {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out waiting for the app");
}

/// What the file holds once the app's writer has written everything queued.
fn stored_amount(h: &mut Harness<'static, GiamSatApp>, path: &Path, id: i64) -> Amount {
    if let Some(s) = h.state_mut().session_mut() {
        let _ = s.flush();
    }
    let (_, d) = ProjectFile::open_and_load(path, Access::ReadOnly).unwrap();
    d.allocations
        .iter()
        .find(|a| a.id.0 == id)
        .unwrap()
        .amount_dong
}

fn trieu(n: i64) -> Amount {
    Amount::Known(Dong::from_trieu(n).unwrap())
}

fn type_into(h: &mut Harness<'static, GiamSatApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run_steps(1);
}

#[test]
fn opens_the_sample_edits_an_amount_into_the_file_and_undoes_it() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    let file = h.state().session().unwrap().path().to_path_buf();
    assert!(
        file.starts_with(home.path()),
        "the untitled sample lives in the autosave folder"
    );
    assert_eq!(
        h.get_by_label(AMOUNT_HL_2023).value().as_deref(),
        Some("494")
    );

    type_into(&mut h, AMOUNT_HL_2023, "1.234,5");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        stored_amount(&mut h, &file, 2),
        Amount::Known(Dong::new(1_234_500_000).unwrap())
    );

    // The Edit menu names the step.
    h.get_by_label("Sửa").click();
    h.run_steps(2);
    h.get_by_label_contains("Hoàn tác: sửa số vốn Hữu Lũng 2023")
        .click();
    h.run_steps(2);
    assert_eq!(stored_amount(&mut h, &file, 2), trieu(494));
    assert_eq!(
        h.get_by_label(AMOUNT_HL_2023).value().as_deref(),
        Some("494")
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(
        stored_amount(&mut h, &file, 2),
        Amount::Known(Dong::new(1_234_500_000).unwrap())
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(stored_amount(&mut h, &file, 2), trieu(494));
}

#[test]
fn typing_pauses_reach_the_file_without_leaving_the_field() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    let file = h.state().session().unwrap().path().to_path_buf();
    type_into(&mut h, AMOUNT_HL_2023, "500");
    // No Enter, no leaving the field: a pause of well under a second commits it.
    h.run_steps(4);
    assert!(h.get_by_label(AMOUNT_HL_2023).is_focused());
    assert_eq!(stored_amount(&mut h, &file, 2), trieu(500));
}

#[test]
fn an_empty_amount_means_unknown() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    let file = h.state().session().unwrap().path().to_path_buf();
    type_into(&mut h, AMOUNT_HL_2023, "");
    h.key_press(Key::Backspace);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(stored_amount(&mut h, &file, 2), Amount::Unknown);
}

#[test]
fn invalid_money_is_refused_at_the_field_and_not_stored() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    let file = h.state().session().unwrap().path().to_path_buf();
    type_into(&mut h, AMOUNT_HL_2023, "1.5");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        stored_amount(&mut h, &file, 2),
        trieu(494),
        "nothing stored"
    );
    // The field keeps what was typed and says why, beside the table.
    assert_eq!(
        h.get_by_label(AMOUNT_HL_2023).value().as_deref(),
        Some("1.5")
    );
    h.get_by_label_contains("Dòng 2, Số tiền (triệu đồng): nhóm hàng nghìn không đúng");
    // Negative amounts too.
    type_into(&mut h, AMOUNT_HL_2023, "-3");
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label_contains("không được âm");
    assert_eq!(stored_amount(&mut h, &file, 2), trieu(494));
}

#[test]
fn invalid_period_is_refused_at_the_field() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    let label = "Kỳ — huyện Chi Lăng, 2022–2023, Vốn phân bổ";
    type_into(&mut h, label, "2024-2022");
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label_contains("năm bắt đầu 2024 sau năm kết thúc 2022");
    let d = h.state().session().unwrap().dossier().clone();
    assert_eq!(d.allocations[3].period, Period::new(2022, 2023).unwrap());
}

#[test]
fn the_language_switches_from_the_menu_and_is_remembered() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    h.get_by_label("Xem").click();
    h.run_steps(2);
    h.get_by_label("Ngôn ngữ").click();
    h.run_steps(2);
    h.get_by_label("English").click();
    h.run_steps(3);
    h.get_by_label("File");
    h.get_by_label("Amount (million đồng) — Hữu Lũng (district), 2023, Allocated");
    assert!(h.query_by_label("Tệp").is_none());
    drop(h);
    // The next start is in English too.
    let h = app(config(home.path()));
    assert_eq!(h.state().lang(), giamsat::i18n::Lang::En);
    h.get_by_label("Edit");
}

#[test]
fn numbers_follow_the_language() {
    let home = tempfile::tempdir().unwrap();
    let mut c = config(home.path());
    c.lang = Some(giamsat::i18n::Lang::En);
    let mut h = app(c);
    let label = "Amount (million đồng) — Hữu Lũng (district), 2023, Allocated";
    type_into(&mut h, label, "1,234.5");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.get_by_label(label).value().as_deref(), Some("1,234.5"));
    let d = h.state().session().unwrap().dossier().clone();
    assert_eq!(
        d.allocations[1].amount_dong,
        Amount::Known(Dong::new(1_234_500_000).unwrap())
    );
}

/// A machine without a desktop portal: rfd returns at once, as if cancelled.
struct NoPortal;

impl NativeDialogs for NoPortal {
    fn pick(&self, _: &DialogRequest) -> Option<PathBuf> {
        None
    }
}

#[test]
fn without_a_portal_save_as_falls_back_to_the_builtin_dialog() {
    let home = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let mut c = config(home.path());
    c.native_dialogs = Some(Arc::new(NoPortal));
    let mut h = app(c);
    let autosave = h.state().session().unwrap().path().to_path_buf();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    wait_for(&mut h, |_| true);
    for _ in 0..50 {
        h.step();
        if h.query_by_label("Tên tệp").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let target = out_dir.path().join("Giám sát Hữu Lũng.giamsat");
    let name_field = h.get_by_label("Tên tệp");
    name_field.click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Tên tệp")
        .type_text(target.to_str().unwrap());
    h.run_steps(1);
    h.get_by_label("Lưu").click();
    wait_for(&mut h, |a| {
        a.session().and_then(|s| s.user_path()).is_some()
    });
    let s = h.state().session().unwrap();
    assert_eq!(s.user_path(), Some(target.as_path()));
    assert!(!autosave.exists(), "the autosave copy is gone once saved");
    h.state_mut().session_mut().unwrap().flush().unwrap();
    let (_, d) = ProjectFile::open_and_load(&target, Access::ReadOnly).unwrap();
    assert_eq!(d, sample::lang_son());
    assert!(
        h.state()
            .title()
            .starts_with("Giám sát Hữu Lũng.giamsat — GiamSat"),
        "{}",
        h.state().title()
    );
}

#[test]
fn a_refused_file_is_explained_in_the_window() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("ghi chú.giamsat");
    std::fs::write(&bad, "Biên bản làm việc, không phải dự án").unwrap();
    let mut c = config(home.path());
    c.file = Some(bad);
    let mut h = app(c);
    wait_for(&mut h, |a| !a.is_busy());
    let messages = h.state().toast_messages();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("không phải tệp dự án GiamSat") && m.contains("ghi chú.giamsat")),
        "{messages:?}"
    );
    h.get_by_label_contains("không phải tệp dự án GiamSat");
}

#[test]
fn untitled_work_is_offered_back_after_a_crash() {
    let home = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(home.path());
    // What a crash leaves: an autosave file that no running GiamSat holds.
    std::fs::create_dir_all(paths.autosave_dir()).unwrap();
    let mut d = sample::lang_son();
    d.info.name = "Bản nháp trước khi mất điện".into();
    d.allocations[1].amount_dong = trieu(777);
    let left_behind = paths
        .autosave_dir()
        .join("chua-dat-ten-20260101-080000-1.giamsat");
    ProjectFile::create(&left_behind, &d).unwrap();

    let mut h = app(config(home.path()));
    h.get_by_label("Khôi phục công việc chưa lưu");
    h.get_by_label_contains("Bản nháp trước khi mất điện");
    h.get_by_label("Khôi phục").click();
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().is_some_and(|s| s.user_path().is_none())
    });
    let s = h.state().session().unwrap();
    assert_eq!(s.dossier().info.name, "Bản nháp trước khi mất điện");
    assert_eq!(s.dossier().allocations[1].amount_dong, trieu(777));
    assert_eq!(s.path(), left_behind);
}

/// Two windows offer the same left-behind work; one restores it and works in it. "Bỏ đi" in
/// the other does not delete it from under the first: it says where it is open.
#[test]
fn discarding_recovered_work_another_window_restored_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(home.path());
    std::fs::create_dir_all(paths.autosave_dir()).unwrap();
    let mut d = sample::lang_son();
    d.info.name = "Bản nháp trước khi mất điện".into();
    let left_behind = paths
        .autosave_dir()
        .join("chua-dat-ten-20260101-080000-1.giamsat");
    ProjectFile::create(&left_behind, &d).unwrap();

    let mut h = app(config(home.path()));
    h.get_by_label("Khôi phục công việc chưa lưu");
    // The other window restores it meanwhile.
    let other = giamsat::session::Session::recover(&left_behind).unwrap();
    h.get_by_label("Bỏ đi").click();
    h.run_steps(3);
    assert!(
        left_behind.exists(),
        "the other window's work is not deleted"
    );
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("đang mở ở cửa sổ GiamSat khác")),
        "{:?}",
        h.state().toast_messages()
    );
    drop(other);
}

#[test]
fn a_second_instance_opens_the_file_read_only() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dang-mo.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    // The first instance has it open for editing.
    let first = giamsat::session::Session::open(&path).unwrap();
    assert!(first.read_only().is_none());

    let mut c = config(home.path());
    c.file = Some(path.clone());
    let mut h = app(c);
    wait_for(&mut h, |a| a.session().is_some());
    assert!(h.state().session().unwrap().read_only().is_some());
    h.get_by_label_contains("chế độ chỉ đọc");
    assert!(h.state().title().contains("chỉ đọc"));
    // Typing changes nothing.
    h.get_by_label(AMOUNT_HL_2023).click();
    h.run_steps(1);
    h.get_by_label(AMOUNT_HL_2023).type_text("9");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(stored_amount(&mut h, &path, 2), trieu(494));
    drop(first);
}

#[test]
fn the_command_palette_runs_commands() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run_steps(2);
    h.get_by_label("Tìm lệnh").type_text("giới thiệu");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    h.get_by_label_contains("GiamSat giúp cán bộ");
}

#[test]
fn the_idle_app_stops_repainting() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    // `try_run` fails when the app keeps asking for frames: idle means no work at all.
    h.try_run()
        .expect("the app settles and asks for no more frames");
    type_into(&mut h, AMOUNT_HL_2023, "500");
    h.key_press(Key::Enter);
    h.try_run()
        .expect("after an edit is stored, the app settles again");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keo-tha.giamsat");
    let mut d = sample::lang_son();
    d.info.name = "Kéo thả".into();
    ProjectFile::create(&path, &d).unwrap();
    let mut h = app(config(home.path()));
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.clone())));
    wait_for(&mut h, |a| {
        a.session()
            .is_some_and(|s| s.user_path() == Some(path.as_path()))
    });
    assert_eq!(h.state().session().unwrap().dossier().info.name, "Kéo thả");
}

#[test]
fn recent_files_can_be_removed_and_cleared() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(home.path());
    let a = dir.path().join("a.giamsat");
    let b = dir.path().join("b.giamsat");
    let mut s = giamsat::settings::Settings::default();
    s.add_recent(&a);
    s.add_recent(&b);
    giamsat::settings::save(&paths, &s).unwrap();
    let mut h = app(config(home.path()));
    h.get_by_label("Tệp").click();
    h.run_steps(2);
    h.get_by_label("Mở gần đây").click();
    h.run_steps(2);
    h.get_by_label(&format!("Bỏ khỏi danh sách — {}", a.display()))
        .click();
    h.run_steps(2);
    let saved = giamsat::settings::load(&paths).0;
    assert_eq!(saved.recent_files, vec![b.clone()]);
    if h.query_by_label("Xóa danh sách").is_none() {
        h.get_by_label("Tệp").click();
        h.run_steps(2);
        h.get_by_label("Mở gần đây").click();
        h.run_steps(2);
    }
    h.get_by_label("Xóa danh sách").click();
    h.run_steps(2);
    assert!(giamsat::settings::load(&paths).0.recent_files.is_empty());
}

#[test]
fn a_damaged_settings_file_falls_back_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(home.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.settings_file(), "{ hỏng").unwrap();
    let h = app(config(home.path()));
    h.get_by_label_contains("Tệp cài đặt bị hỏng");
    assert_eq!(h.state().lang(), giamsat::i18n::Lang::Vi);
}

#[test]
fn the_last_project_reopens_at_the_next_start() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lan-truoc.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut c = config(home.path());
    c.file = Some(path.clone());
    let mut h = app(c);
    wait_for(&mut h, |a| a.session().is_some());
    h.state_mut().shutdown();
    drop(h);
    let mut h = app(config(home.path()));
    wait_for(&mut h, |a| {
        a.session()
            .is_some_and(|s| s.user_path() == Some(path.as_path()))
    });
}

#[test]
fn closing_an_untitled_project_with_changes_asks_first() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    type_into(&mut h, AMOUNT_HL_2023, "500");
    h.key_press(Key::Enter);
    h.run_steps(3);
    let autosave = h.state().session().unwrap().path().to_path_buf();
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run_steps(2);
    h.get_by_label("Dự án chưa được lưu thành tệp");
    h.get_by_label("Hủy").click();
    h.run_steps(2);
    assert!(h.state().session().is_some(), "cancel keeps the project");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run_steps(2);
    h.get_by_label("Bỏ đi").click();
    h.run_steps(2);
    assert!(h.state().session().is_none());
    // A project still writing closes away from the window; its autosave goes when it is done.
    h.state_mut().finish_closing();
    assert!(!autosave.exists());
}

/// Whether a filled rectangle of `fill` covers the point `at` in the last frame's shapes.
fn painted_at(h: &Harness<'static, GiamSatApp>, at: egui::Pos2, fill: egui::Color32) -> bool {
    h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Rect(r) => r.fill == fill && r.rect.contains(at),
        _ => false,
    })
}

#[test]
fn with_no_project_the_window_is_painted_in_the_theme_light_and_dark() {
    use giamsat::ui::Command;
    for (theme, command, dark) in [
        ("light", Command::ThemeLight, false),
        ("dark", Command::ThemeDark, true),
    ] {
        let home = tempfile::tempdir().unwrap();
        let mut h = app(config(home.path()));
        let ctx = h.ctx.clone();
        h.state_mut().run_command(&ctx, command);
        h.state_mut().run_command(&ctx, Command::Close);
        h.run_steps(3);
        assert!(h.state().session().is_none());
        let visuals = h.ctx.global_style().visuals.clone();
        assert_eq!(visuals.dark_mode, dark, "the {theme} theme is in use");
        let centre = h.ctx.content_rect().center();
        assert!(
            painted_at(&h, centre, visuals.panel_fill),
            "the empty window's centre is painted with the {theme} theme's panel colour"
        );
    }
}

#[test]
fn a_stick_pulled_mid_session_is_reported_and_retry_resumes_with_the_typed_value() {
    // Only Unix can take a folder away from under an open file (see tests/suite/windows.rs for the
    // network-share version that runs under Wine).
    if cfg!(windows) {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let stick = root.path().join("USB");
    std::fs::create_dir_all(&stick).unwrap();
    let path = stick.join("Giám sát.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let kept = root.path().join("kept.giamsat");
    std::fs::copy(&path, &kept).unwrap();
    let mut c = config(home.path());
    c.file = Some(path.clone());
    let mut h = app(c);
    wait_for(&mut h, |a| a.session().is_some());

    std::fs::remove_dir_all(&stick).unwrap();
    type_into(&mut h, AMOUNT_HL_2023, "777");
    h.key_press(Key::Enter);
    // The writer thread finds out; the window hears of it on its next frame.
    wait_for(&mut h, |a| a.session().unwrap().is_unreachable());
    h.get_by_label_contains("Không ghi được vào tệp");
    assert_eq!(
        h.get_by_label(AMOUNT_HL_2023).value().as_deref(),
        Some("777"),
        "the typed value stays in its field"
    );

    // The stick is back; Retry reopens the file and editing goes on.
    std::fs::create_dir_all(&stick).unwrap();
    std::fs::copy(&kept, &path).unwrap();
    h.get_by_label("Thử lại").click();
    wait_for(&mut h, |a| !a.is_busy());
    assert!(h.state().session().unwrap().read_only().is_none());
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("Đã kết nối lại"))
    );
    type_into(&mut h, AMOUNT_HL_2023, "778");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(stored_amount(&mut h, &path, 2), trieu(778));
}

/// File → New asks for the name and the province: the project is made in that province (so
/// a district's report can be imported at once), and the next New starts on it.
#[test]
fn a_new_project_is_made_in_its_province() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app(config(home.path()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(3);
    assert!(h.query_by_label("Tạo dự án giám sát mới").is_some());
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Tên hồ sơ")
        .type_text("Giám sát Dự án 7 năm 2026");
    h.run_steps(1);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Tỉnh, thành phố")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Tỉnh, thành phố")
        .type_text("lang son");
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("được tạo trong tỉnh Lạng Sơn")
            .is_some(),
        "the dialog says where the districts will go"
    );
    h.get_by_label("Tạo").click();
    wait_for(&mut h, |a| {
        a.session()
            .is_some_and(|s| s.dossier().info.name == "Giám sát Dự án 7 năm 2026")
    });
    let d = h.state().session().unwrap().dossier().clone();
    let province = d.province().expect("a province");
    assert_eq!(province.full_name_vi(), "tỉnh Lạng Sơn");
    assert_eq!(d.projects.len(), 7, "the program's projects are in");
    // The next New starts on the same province.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(3);
    assert_eq!(
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Tỉnh, thành phố")
            .value()
            .as_deref(),
        Some("Lạng Sơn")
    );
    h.get_by_label("Hủy").click();
    h.run_steps(2);
    assert!(h.query_by_label("Tạo dự án giám sát mới").is_none());
}

/// F1 opens the guide on the chapter of the screen in use; the guide is searched without
/// diacritics and a chapter found is opened from the list.
#[test]
fn f1_opens_the_guide_on_the_screen_in_use() {
    let home = tempfile::tempdir().unwrap();
    let mut c = config(home.path());
    c.view = Some(giamsat::ui::View::FollowUp);
    let mut h = app(c);
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    h.key_press(Key::F1);
    h.run_steps(3);
    assert_eq!(h.state().guide_chapter(), Some("follow-up"));
    assert!(
        h.query_by_label("Theo dõi kiến nghị và minh chứng")
            .is_some()
    );
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Tìm trong hướng dẫn")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Tìm trong hướng dẫn")
        .type_text("khong bao gio cong tong giai doan");
    h.run_steps(3);
    h.get_by_label("Thuật ngữ").click();
    h.run_steps(3);
    assert_eq!(h.state().guide_chapter(), Some("terms"));
    // The chapter's own paragraph (the list shows only the words around the match).
    assert!(
        h.query_by_label_contains("Huyện Chi Lăng báo cáo 949 triệu đồng")
            .is_some()
    );
}

/// On a short window the follow-up board folds its rates and chart away so the list has the
/// room; unfolded by the person, it stays so — across another project and the next start.
#[test]
fn the_boards_folded_summary_is_remembered() {
    let home = tempfile::tempdir().unwrap();
    let other = home.path().join("khac.giamsat");
    ProjectFile::create(&other, &sample::lang_son()).unwrap();
    let mut c = config(home.path());
    c.view = Some(giamsat::ui::View::FollowUp);
    let mut h = app(c);
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    assert!(
        h.query_by_label("Tỷ lệ thực hiện kiến nghị").is_none(),
        "folded on a short window"
    );
    h.get_by_label("Tỷ lệ thực hiện và biểu đồ trạng thái")
        .click();
    h.run_steps(3);
    assert!(h.query_by_label("Tỷ lệ thực hiện kiến nghị").is_some());
    let ctx = h.ctx.clone();
    h.state_mut().open_path(&ctx, other.clone());
    wait_for(&mut h, |a| {
        !a.is_busy() && a.session().is_some_and(|s| s.user_path() == Some(&other))
    });
    h.run_steps(3);
    assert!(
        h.query_by_label("Tỷ lệ thực hiện kiến nghị").is_some(),
        "still open in the other project"
    );
    let saved = giamsat::settings::load(&AppPaths::in_dir(home.path())).0;
    assert_eq!(saved.follow_up_summary, Some(true));
}
