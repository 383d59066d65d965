//! The import wizard, driven as a user would: a district's report read, its parent area chosen,
//! what it will do looked at, the new areas confirmed, imported as one undo step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use giamsat::sample;
use giamsat::settings::AppPaths;
use giamsat::store::ProjectFile;
use giamsat::ui::{AppConfig, Command, GiamSatApp};
use std::path::{Path, PathBuf};

fn app(home: &Path, file: PathBuf) -> Harness<'static, GiamSatApp> {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c.file = Some(file);
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    h
}

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

// A district's report, as Hữu Lũng sends it.
use crate::guide_scenes::REPORT;

#[test]
fn a_report_is_imported_through_the_wizard_as_one_undo_step() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let project = dir.path().join("Lạng Sơn.giamsat");
    ProjectFile::create(&project, &sample::lang_son()).unwrap();
    let report = dir.path().join("Báo cáo Hữu Lũng.csv");
    std::fs::write(&report, REPORT).unwrap();
    let mut h = app(home.path(), project);
    let before = h.state().session().unwrap().dossier().clone();

    let ctx = h.ctx.clone();
    h.state_mut().import_table_path(&ctx, report);
    wait_for(&mut h, |a| !a.is_busy());
    h.get_by_label("Nhập số liệu từ báo cáo");
    h.get_by_label("Nhập 15 số liệu");
    // The title names Hữu Lũng: its rows belong there, chosen already; choosing it again (or
    // another area) is one click in the list.
    h.get_by_label("Địa bàn cấp trên").click();
    h.run_steps(2);
    h.get_all_by_label("huyện Hữu Lũng").last().unwrap().click();
    h.run_steps(3);
    // What each row becomes, and the report's total against its rows.
    h.get_by_label("2. Dòng").click();
    h.run_steps(2);
    h.get_by_label("xã Minh Sơn (mới)");
    h.get_by_label("huyện Hữu Lũng (cơ quan của địa bàn)");
    h.get_by_label("4. Đối chiếu").click();
    h.run_steps(2);
    h.get_by_label("ô C10: báo cáo ghi 180, cộng các dòng 180 — khớp");
    h.get_by_label_contains("huyện Hữu Lũng — Vốn phân bổ 2022: 468");
    // Nothing is imported before the new areas are agreed to.
    let import = "Nhập 15 số liệu";
    assert!(h.get_by_label(import).accesskit_node().is_disabled());
    h.get_by_label("Tạo 2 địa bàn mới: xã Minh Sơn, thị trấn Hữu Lũng")
        .click();
    h.run_steps(2);
    h.get_by_label(import).click();
    h.run_steps(3);
    let d = h.state().session().unwrap().dossier().clone();
    assert_eq!(d.areas.len(), before.areas.len() + 2);
    assert_eq!(d.allocations.len(), before.allocations.len() + 15);
    // The office's row is the district's own part, beside the district's total.
    assert_eq!(
        d.allocations
            .iter()
            .filter(|a| a.area_id == sample::HUU_LUNG && a.covers == giamsat::model::Covers::Own)
            .count(),
        5
    );
    assert!(
        h.query_by_label("Nhập số liệu từ báo cáo").is_none(),
        "the wizard closed"
    );
    // One undo takes the whole import back.
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, Command::Undo);
    h.run_steps(3);
    assert_eq!(h.state().session().unwrap().dossier(), &before);
}

/// A report from a district the new project does not have yet, its title in one cell over two
/// lines naming the province too: the district is proposed (not the province), made in the
/// province with its communes, and one undo takes all of it back.
#[test]
fn a_district_the_project_lacks_is_made_in_its_province_and_undone_with_the_import() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let project = dir.path().join("Dự án mới.giamsat");
    let new = giamsat::model::Dossier::new_project("Giám sát 2026", Some("Lạng Sơn"));
    ProjectFile::create(&project, &new).unwrap();
    let report = dir.path().join("BC Hữu Lũng.csv");
    let title = "\"UBND HUYỆN HỮU LŨNG, TỈNH LẠNG SƠN\nPHÒNG LAO ĐỘNG - TB&XH\"";
    let text = REPORT.replacen("UBND HUYỆN HỮU LŨNG", title, 1);
    assert_ne!(text, REPORT, "the report's title is replaced");
    std::fs::write(&report, text).unwrap();
    let mut h = app(home.path(), project);
    let before = h.state().session().unwrap().dossier().clone();
    let ctx = h.ctx.clone();
    h.state_mut().import_table_path(&ctx, report);
    wait_for(&mut h, |a| !a.is_busy());
    h.get_by_label("4. Đối chiếu").click();
    h.run_steps(2);
    h.get_by_label("Tạo 3 địa bàn mới: huyện Hữu Lũng, xã Minh Sơn, thị trấn Hữu Lũng")
        .click();
    h.run_steps(2);
    h.get_by_label("Nhập 15 số liệu").click();
    h.run_steps(3);
    let d = h.state().session().unwrap().dossier().clone();
    let province = d.province().unwrap().id;
    let district = d
        .areas
        .iter()
        .find(|a| a.kind == giamsat::model::AreaKind::Huyen)
        .unwrap();
    assert_eq!(
        (district.name.as_str(), district.parent_id),
        ("Hữu Lũng", Some(province))
    );
    assert_eq!(
        d.areas.len(),
        4,
        "the province, the district and two communes"
    );
    assert!(
        d.areas
            .iter()
            .filter(|a| a.level() == giamsat::model::AreaLevel::Commune)
            .all(|a| a.parent_id == Some(district.id))
    );
    assert_eq!(
        d.allocations
            .iter()
            .filter(|a| a.area_id == district.id && a.covers == giamsat::model::Covers::Own)
            .count(),
        5,
        "the district office's row is the district's own part"
    );
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, Command::Undo);
    h.run_steps(3);
    assert_eq!(h.state().session().unwrap().dossier(), &before);
}

/// A title naming the district and its province means the district.
#[test]
fn a_title_naming_the_district_and_its_province_means_the_district() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let project = dir.path().join("Lạng Sơn.giamsat");
    ProjectFile::create(&project, &sample::lang_son()).unwrap();
    let report = dir.path().join("BC.csv");
    let text = REPORT.replacen(
        "UBND HUYỆN HỮU LŨNG",
        "UBND HUYỆN HỮU LŨNG, TỈNH LẠNG SƠN",
        1,
    );
    assert_ne!(text, REPORT);
    std::fs::write(&report, text).unwrap();
    let mut h = app(home.path(), project);
    let ctx = h.ctx.clone();
    h.state_mut().import_table_path(&ctx, report);
    wait_for(&mut h, |a| !a.is_busy());
    h.get_by_label("4. Đối chiếu").click();
    h.run_steps(2);
    // Under the province, the district's office would be a new area of its own.
    h.get_by_label("Tạo 2 địa bàn mới: xã Minh Sơn, thị trấn Hữu Lũng");
}

/// The tables go to Excel from the data screen, written off the UI thread.
#[test]
fn the_data_screen_exports_the_tables_to_excel() {
    use egui::{Key, Modifiers};
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let project = dir.path().join("Lạng Sơn.giamsat");
    ProjectFile::create(&project, &sample::lang_son()).unwrap();
    let mut h = app(home.path(), project);
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, Command::ViewData);
    h.state_mut()
        .set_section(giamsat::ui::DataSection::Allocations);
    h.run_steps(3);
    h.get_by_label("Xuất bảng số liệu ra Excel…").click();
    for _ in 0..50 {
        h.step();
        if h.query_by_label("Tên tệp").is_some() {
            break;
        }
    }
    let target = dir.path().join("Bảng số liệu.xlsx");
    h.get_by_label("Tên tệp").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Tên tệp")
        .type_text(target.to_str().unwrap());
    h.run_steps(1);
    h.get_by_label("Lưu").click();
    wait_for(&mut h, |a| !a.is_busy());
    let wb = giamsat::import::grid::read(&target).unwrap();
    assert_eq!(wb.sheets[0].name, "Số liệu vốn");
    assert_eq!(
        wb.sheets[0].cell(1, 6),
        &giamsat::import::grid::Cell::Number(468.0)
    );
}

/// In English, the wizard says what it does with each row in English.
#[test]
fn the_wizard_speaks_english_when_asked() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let project = dir.path().join("Lạng Sơn.giamsat");
    ProjectFile::create(&project, &sample::lang_son()).unwrap();
    let report = dir.path().join("Báo cáo Hữu Lũng.csv");
    std::fs::write(&report, REPORT).unwrap();
    let mut c = AppConfig::new(AppPaths::in_dir(home.path()));
    c.native_dialogs = None;
    c.file = Some(project);
    c.lang = Some(giamsat::i18n::Lang::En);
    c.import = Some(report);
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    h.run_steps(3);
    h.get_by_label("Import figures from a report");
    h.get_by_label("2. Rows").click();
    h.run_steps(2);
    h.get_by_label("skipped: total row (used for the check)");
    h.get_by_label("huyện Hữu Lũng (its own office)");
}

/// What the import would make the checks say is shown before importing.
#[test]
fn the_wizard_shows_the_data_warnings_an_import_would_add() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let project = dir.path().join("Lạng Sơn.giamsat");
    ProjectFile::create(&project, &sample::lang_son()).unwrap();
    let report = dir.path().join("Báo cáo Hữu Lũng.csv");
    // Minh Sơn disbursed more in 2022 than it was allocated.
    std::fs::write(&report, REPORT.replace("50;45,5", "50;55,5")).unwrap();
    let mut h = app(home.path(), project);
    let ctx = h.ctx.clone();
    h.state_mut().import_table_path(&ctx, report);
    wait_for(&mut h, |a| !a.is_busy());
    h.get_by_label("4. Đối chiếu").click();
    h.run_steps(2);
    h.get_by_label_contains(
        "xã Minh Sơn, Dự án 7, 2022: giải ngân 55,5 triệu đồng nhiều hơn vốn có (50 triệu đồng",
    );
}

/// Help → Giới thiệu names the version, commit and build date, the licences, and the folders
/// GiamSat keeps its settings and data in (beside the program, for a portable copy).
#[test]
fn about_shows_the_version_and_the_licences() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let project = dir.path().join("Lạng Sơn.giamsat");
    ProjectFile::create(&project, &sample::lang_son()).unwrap();
    let mut h = app(home.path(), project);
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, Command::About);
    h.run_steps(3);
    h.get_by_label(&format!("Phiên bản {}", giamsat::VERSION_DETAIL));
    h.get_by_label_contains("SIL Open Font License 1.1");
    let paths = AppPaths::in_dir(home.path());
    h.get_by_label_contains(&format!(
        "Thiết lập của GiamSat: {}",
        paths.config_dir.display()
    ));
    h.get_by_label_contains(&format!(
        "Lưu tự động, sao lưu, báo cáo lỗi: {}",
        paths.data_dir.display()
    ));
}

/// A portable copy whose `du-lieu` folder cannot be written (a read-only stick) still starts,
/// keeps its settings on this computer, and says so — naming both folders.
#[test]
fn a_portable_copy_that_cannot_write_beside_itself_says_where_it_writes() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let project = dir.path().join("Lạng Sơn.giamsat");
    ProjectFile::create(&project, &sample::lang_son()).unwrap();
    let stick = dir.path().join("USB").join("GiamSat").join("du-lieu");
    let mut paths = AppPaths::in_dir(home.path());
    paths.portable_refused = Some(stick.clone());
    let mut c = AppConfig::new(paths.clone());
    c.native_dialogs = None;
    c.file = Some(project);
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    let toasts = h.state().toast_messages();
    assert!(
        toasts
            .iter()
            .any(|m| m.contains("Bản di động: không ghi được vào")
                && m.contains(&stick.display().to_string())
                && m.contains(&paths.data_dir.display().to_string())),
        "{toasts:?}"
    );
}
