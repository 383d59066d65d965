//! The areas screen driven through the real app: a succession line added by hand lands in the
//! file, a wrong one is refused with the reason, and a recommendation to a replaced district
//! says what replaced it on the follow-up board.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use giamsat::model::*;
use giamsat::sample::{HUU_LUNG, LANG_SON};
use giamsat::settings::AppPaths;
use giamsat::store::{Access, ProjectFile};
use giamsat::ui::{AppConfig, DataSection, GiamSatApp, View};
use std::path::{Path, PathBuf};

pub fn app_on(home: &Path, file: PathBuf, view: View) -> Harness<'static, GiamSatApp> {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c.view = Some(view);
    c.file = Some(file);
    let mut h = Harness::builder()
        .with_size([1400.0, 1400.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    for _ in 0..200 {
        h.step();
        if h.state().session().is_some() && !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(2);
    h
}

pub fn stored(h: &mut Harness<'static, GiamSatApp>) -> Dossier {
    let s = h.state_mut().session_mut().unwrap();
    if let Err(e) = s.flush() {
        panic!("{e:?}");
    }
    let path = s.path().to_path_buf();
    ProjectFile::open_and_load(&path, Access::ReadOnly)
        .unwrap()
        .1
}

pub fn pick(h: &mut Harness<'static, GiamSatApp>, combo: &str, option: &str) {
    h.get_by(|n| n.role() == Role::ComboBox && n.label().as_deref() == Some(combo))
        .click();
    h.run_steps(2);
    h.get_all_by_label(option).last().unwrap().click();
    h.run_steps(2);
}

/// The sample with the commune Hữu Lũng from 2025.
fn file_with_commune(dir: &Path) -> PathBuf {
    let mut d = giamsat::sample::lang_son();
    d.areas.push(Area {
        id: AreaId(10),
        name: "Hữu Lũng".into(),
        kind: AreaKind::Xa,
        parent_id: Some(LANG_SON),
        valid_from: Some(2025),
        valid_to: None,
    });
    let path = dir.join("areas.giamsat");
    ProjectFile::create(&path, &d).unwrap();
    path
}

#[test]
fn a_succession_line_typed_on_the_areas_screen_is_stored_and_shown_on_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let file = file_with_commune(dir.path());
    let mut h = app_on(dir.path(), file, View::Data);
    h.state_mut().set_section(DataSection::Areas);
    h.run_steps(3);
    assert!(h.query_by_label("Chưa có dòng kế thừa nào.").is_some());
    // Not ready until both units and the date are given.
    assert!(
        h.get_by_label("Thêm dòng kế thừa")
            .accesskit_node()
            .is_disabled()
    );
    pick(&mut h, "Đơn vị cũ", "huyện Hữu Lũng");
    pick(&mut h, "Đơn vị mới", "xã Hữu Lũng");
    h.get_by_label("Ngày có hiệu lực — Thêm dòng kế thừa")
        .click();
    h.run_steps(1);
    h.get_by_label("Ngày có hiệu lực — Thêm dòng kế thừa")
        .type_text("01/07/2025");
    h.run_steps(2);
    h.get_by_label("Văn bản quy định").click();
    h.run_steps(1);
    h.get_by_label("Văn bản quy định")
        .type_text("Nghị quyết số 1672/NQ-UBTVQH15");
    h.run_steps(2);
    h.get_by_label("Thêm dòng kế thừa").click();
    h.run_steps(3);
    let d = stored(&mut h);
    assert_eq!(d.successions.len(), 1);
    let line = &d.successions[0];
    assert_eq!(
        (line.from_area_id, line.to_area_id, line.date),
        (
            HUU_LUNG,
            AreaId(10),
            chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
        )
    );
    assert_eq!(line.act, "Nghị quyết số 1672/NQ-UBTVQH15");
    assert!(
        h.query_by_label("Văn bản quy định — huyện Hữu Lũng → xã Hữu Lũng")
            .is_some()
    );

    // The same pair again is refused, and nothing more is stored.
    pick(&mut h, "Đơn vị mới", "xã Hữu Lũng");
    h.get_by_label("Thêm dòng kế thừa").click();
    h.run_steps(3);
    assert_eq!(stored(&mut h).successions.len(), 1);
    assert_eq!(h.state().toast_messages(), vec!["Thay đổi không được lưu"]);
    h.get_by_label("Chi tiết").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("cặp đơn vị cũ → mới này đã được ghi")
            .is_some()
    );

    // The sample's recommendations go to UBND huyện Hữu Lũng: the board says what replaced it.
    h.state_mut().set_view(View::FollowUp);
    h.run_steps(3);
    h.get_by_label_contains("Kiến nghị 1:").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains(
            "huyện Hữu Lũng → nay: xã Hữu Lũng (từ 01/07/2025, Nghị quyết số 1672/NQ-UBTVQH15)"
        )
        .is_some()
    );
}

#[test]
fn a_province_chart_can_be_read_per_former_district_and_as_the_ten_largest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tinh.giamsat");
    ProjectFile::create(&path, &giamsat::sample::reformed_province(3, 20)).unwrap();
    let mut h = app_on(dir.path(), path, View::Charts);
    // Without a project that records successors there is no such choice; here there is.
    h.get_by_label("Theo từng huyện cũ").click();
    h.run_steps(3);
    for k in 1..=3 {
        assert!(
            h.query_by_label(&format!("huyện Huyện số {k}")).is_some(),
            "panel {k}"
        );
    }
    // The view's own "Biểu đồ" toggle (the tab of the same name comes first).
    h.get_all_by_label("Biểu đồ").last().unwrap().click();
    h.run_steps(2);
    pick(&mut h, "Thứ tự", "Từ cao đến thấp");
    pick(&mut h, "Hiện", "10 địa bàn đầu");
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("10 địa bàn có vốn phân bổ cao nhất")
            .is_some()
    );
}
