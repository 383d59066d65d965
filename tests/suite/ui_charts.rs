//! The chart screen driven like a user: bars are found by their accessible names, clicked,
//! and their records checked in the side panel.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use giamsat::settings::AppPaths;
use giamsat::ui::{AppConfig, GiamSatApp, View};
use std::path::Path;

fn charts_app(home: &Path) -> Harness<'static, GiamSatApp> {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c.view = Some(View::Charts);
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    h.run_steps(3);
    h
}

#[test]
fn clicking_a_bar_lists_its_records_sources_and_findings() {
    let home = tempfile::tempdir().unwrap();
    let mut h = charts_app(home.path());
    h.get_by_label("Vốn phân bổ theo địa bàn và năm");
    // Chi Lăng's total is one bar for the whole period.
    h.get_by_label("Cột Chi Lăng, 2022–2023: 949 triệu đồng");
    assert!(h.query_by_label_contains("Cột Chi Lăng, 2022:").is_none());
    h.get_by_label("Cột Hữu Lũng, 2023: 494 triệu đồng").click();
    h.run_steps(2);
    h.get_by_label("Hữu Lũng — 2023");
    h.get_by_label("Hữu Lũng 2023 · Vốn phân bổ · 494 triệu đồng");
    h.get_by_label(
        "Văn bản nguồn: Báo cáo của UBND huyện Hữu Lũng phục vụ đoàn giám sát (06/2023)",
    );
    // The conclusion about Hữu Lũng and the recommendations addressed to it are beside it.
    h.get_by_label_contains("Ưu điểm: UBND huyện Hữu Lũng đã kiểm tra, giám sát trực tiếp");
    assert_eq!(
        h.query_all_by_label_contains("UBND huyện Hữu Lũng; UBND huyện Chi Lăng")
            .count(),
        3
    );
    // Nothing of Chi Lăng's is listed.
    assert!(h.query_by_label_contains("Chi Lăng 2022–2023 ·").is_none());

    // One more click opens the record for editing.
    h.get_by_label("Hữu Lũng 2023 · Vốn phân bổ · 494 triệu đồng")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().view(), View::Data);
    let field = h.get_by_label("Số tiền (triệu đồng) — huyện Hữu Lũng, 2023, Vốn phân bổ");
    assert_eq!(field.value().as_deref(), Some("494"));
    // The table is narrowed to the area of the record.
    assert!(
        h.query_by_label("Số tiền (triệu đồng) — huyện Chi Lăng, 2022–2023, Vốn phân bổ")
            .is_none()
    );
}

#[test]
fn the_kind_view_shows_the_unknown_carry_over_apart_from_allocation() {
    let home = tempfile::tempdir().unwrap();
    let mut h = charts_app(home.path());
    h.get_by_label("Theo loại vốn").click();
    h.run_steps(2);
    let bar =
        "Cột Hữu Lũng, 2023: Vốn phân bổ 494 triệu đồng; Vốn năm trước chuyển sang chưa có số liệu";
    h.get_by_label(bar).click();
    h.run_steps(2);
    h.get_by_label("Vốn năm trước chuyển sang: chưa có số liệu");
    h.get_by_label("Hữu Lũng 2023 · Vốn năm trước chuyển sang · chưa có số liệu");
    h.get_by_label_contains("Một phần kinh phí năm 2022 chuyển sang năm 2023");
}

#[test]
fn totals_points_and_period_spans_are_selectable() {
    let home = tempfile::tempdir().unwrap();
    let mut h = charts_app(home.path());
    h.get_by_label("Tổng theo năm").click();
    h.run_steps(2);
    h.get_by_label("Cột 2022–2023: 949 triệu đồng").click();
    h.run_steps(2);
    h.get_by_label("Chi Lăng 2022–2023 · Vốn phân bổ · 949 triệu đồng");
}

#[test]
fn the_chart_exports_to_svg_with_its_figures() {
    let home = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("bieu-do.svg");
    let mut h = charts_app(home.path());
    h.get_by_label("Xuất SVG…").click();
    h.run_steps(2);
    h.get_by_label("Tên tệp").click();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Tên tệp")
        .type_text(target.to_str().unwrap());
    h.run_steps(1);
    h.get_by_label("Lưu").click();
    for _ in 0..300 {
        h.step();
        if target.exists() && !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let svg = std::fs::read_to_string(&target).unwrap();
    for needle in [
        "Hữu Lũng",
        "Chi Lăng",
        ">2022–2023<",
        ">468<",
        ">494<",
        ">949<",
        "triệu đồng",
    ] {
        assert!(svg.contains(needle), "missing {needle}");
    }
}

#[test]
fn the_idle_chart_screen_asks_for_no_frames() {
    let home = tempfile::tempdir().unwrap();
    let mut h = charts_app(home.path());
    h.try_run().expect("the chart screen settles");
}

#[test]
fn the_table_beside_the_chart_sorts_by_a_column_and_copies_for_excel() {
    let home = tempfile::tempdir().unwrap();
    let mut h = charts_app(home.path());
    h.get_by_label("Bảng số liệu").click();
    h.run_steps(3);
    // The sample's rows, their totals and the grand total.
    let row_order = |h: &Harness<'static, GiamSatApp>| {
        let y = |name: &str| h.get_by_label(name).rect().min.y;
        y("Hữu Lũng") < y("Chi Lăng")
    };
    assert!(h.query_by_label("962").is_some());
    assert!(h.query_by_label("1.911").is_some());
    assert!(row_order(&h), "as drawn: Hữu Lũng first");
    // By the 2022–2023 column: Chi Lăng has a figure there, Hữu Lũng none (last).
    h.get_by_label("2022–2023 — Xếp theo cột này").click();
    h.run_steps(2);
    assert!(!row_order(&h), "Chi Lăng first");
    // By the total, largest first, then smallest first.
    h.get_by_label("Tổng — Xếp theo cột này").click();
    h.run_steps(2);
    assert!(
        row_order(&h),
        "largest first: Hữu Lũng (962) before Chi Lăng (949)"
    );
    h.get_by_label("Tổng — Xếp theo cột này").click();
    h.run_steps(2);
    assert!(!row_order(&h), "smallest first: Chi Lăng first");
    h.get_by_label("Sao chép bảng (dán vào Excel, Word)")
        .click();
    h.run_steps(2);
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("Đã sao chép bảng 2 dòng"))
    );
}

/// Two rounds told different figures for Hữu Lũng 2023: the compare view shows both and what
/// changed, the other views the latest, and the funds table moves a figure between rounds.
#[test]
fn comparing_rounds_shows_what_each_round_was_told_and_the_table_sets_a_figures_round() {
    use super::ui_areas::{app_on, pick, stored};
    use giamsat::model::RoundId;
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("hai đợt.giamsat");
    giamsat::store::ProjectFile::create(&file, &super::rounds::two_rounds()).unwrap();
    let mut h = app_on(home.path(), file, View::Charts);
    // Ordinary views: 2023 as the second round was told, never 494 + 520.
    h.get_by_label("Cột Hữu Lũng, 2023: 520 triệu đồng");
    h.get_by_label("So sánh các đợt").click();
    h.run_steps(2);
    h.get_by_label("Vốn phân bổ theo từng đợt giám sát");
    h.get_by_label("Cột Hữu Lũng, 2023 · Đợt 1 (06/2023): 494 triệu đồng");
    h.get_by_label_contains("494 triệu đồng ở Đợt 1 (06/2023), 520 triệu đồng ở Đợt 2 (03/2026)");
    h.get_by_label("Cột Hữu Lũng, 2023 · Đợt 2 (03/2026): 520 triệu đồng")
        .click();
    h.run_steps(2);
    h.get_by_label("Hữu Lũng 2023 · Vốn phân bổ · 520 triệu đồng");
    assert!(
        h.query_by_label("Hữu Lũng 2023 · Vốn phân bổ · 494 triệu đồng")
            .is_none(),
        "the bar lists its own round's record only"
    );

    // The 2022 figure, given at the first round, moved to the second in the funds table.
    h.state_mut().set_view(View::Data);
    h.state_mut()
        .set_section(giamsat::ui::DataSection::Allocations);
    h.run_steps(3);
    pick(
        &mut h,
        "Đợt — huyện Hữu Lũng, 2022, Vốn phân bổ, Đợt 1 (06/2023)",
        "Đợt 2 (03/2026)",
    );
    let d = stored(&mut h);
    let moved = d
        .allocations
        .iter()
        .find(|a| a.id == giamsat::model::AllocationId(1))
        .unwrap();
    assert_eq!(moved.round_id, Some(RoundId(2)));

    // A blank row added by hand lands on Hữu Lũng's 2024, which the second round gave: it is
    // that round's too, so it hides nothing until it is filled in.
    h.get_by_label("Thêm dòng số liệu").click();
    h.run_steps(3);
    let d = stored(&mut h);
    let added = d.allocations.iter().max_by_key(|a| a.id).unwrap();
    assert!(added.id.0 > 101, "{added:?}");
    assert_eq!(
        (added.period, added.round_id),
        (
            giamsat::model::Period::year(2024).unwrap(),
            Some(RoundId(2))
        )
    );
    assert_eq!(
        giamsat::analysis::superseded(&d)
            .into_iter()
            .collect::<Vec<_>>(),
        vec![giamsat::model::AllocationId(2)],
        "the second round's 300 of 2024 still counts"
    );
}

/// The sample with Hữu Lũng's commune-level report in it: the office's own part and two
/// communes beside the district's 468 for 2022.
fn with_communes(dir: &Path) -> std::path::PathBuf {
    use giamsat::model::*;
    let mut d = giamsat::sample::lang_son();
    let mut area = |name: &str, kind| {
        let id = AreaId(d.next_id(Table::Areas));
        d.areas.push(Area {
            id,
            name: name.into(),
            kind,
            parent_id: Some(giamsat::sample::HUU_LUNG),
            valid_from: None,
            valid_to: None,
        });
        id
    };
    let minh_son = area("Minh Sơn", AreaKind::Xa);
    let thi_tran = area("Hữu Lũng", AreaKind::ThiTran);
    let base = d.allocations[0].clone();
    let next = d.next_id(Table::Allocations);
    for (i, (area, trieu, covers)) in [
        (giamsat::sample::HUU_LUNG, 100, Covers::Own),
        (minh_son, 50, Covers::Total),
        (thi_tran, 30, Covers::Total),
    ]
    .into_iter()
    .enumerate()
    {
        d.allocations.push(Allocation {
            id: AllocationId(next + i as i64),
            area_id: area,
            funding_source_id: None,
            amount_dong: Amount::Known(Dong::from_trieu(trieu).unwrap()),
            source_doc: format!("Biểu xã.xlsx, trang tính “Biểu 01”, dòng {}", 10 + i),
            round_id: None,
            covers,
            ..base.clone()
        });
    }
    let path = dir.join("Hữu Lũng và các xã.giamsat");
    giamsat::store::ProjectFile::create(&path, &d).unwrap();
    path
}

/// A district's bar is its total as it reported it; pointing at it says so, with its parts
/// beside it, and its records list the parts apart; the table's totals are the province's.
#[test]
fn a_districts_bar_says_its_parts_are_beside_it_not_added() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut c = AppConfig::new(AppPaths::in_dir(home.path()));
    c.native_dialogs = None;
    c.view = Some(View::Charts);
    c.file = Some(with_communes(dir.path()));
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    for _ in 0..50 {
        h.run_steps(2);
        if h.query_by_label("Cột huyện Hữu Lũng, 2022: 468 triệu đồng")
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The district's bar is 468 — not 468 + 100 + 50 + 30.
    let bar = h.get_by_label("Cột huyện Hữu Lũng, 2022: 468 triệu đồng");
    bar.hover();
    h.run_steps(40);
    h.get_by_label_contains("là tổng do cấp này báo cáo; các phần bên dưới cộng lại 180 triệu đồng, chênh lệch 288 triệu đồng");
    h.get_by_label("Không cộng thêm (3) — đã nằm trong một tổng được tính:");
    // Its records: the district's report, then the parts apart.
    h.get_by_label("Cột huyện Hữu Lũng, 2022: 468 triệu đồng")
        .click();
    h.run_steps(3);
    h.get_by_label("Không cộng thêm — đã nằm trong một tổng được tính:");
    h.get_by_label("Minh Sơn 2022 · Vốn phân bổ · 50 triệu đồng");
    // The communes have bars of their own, and the table's totals count the district once.
    h.get_by_label("Cột Minh Sơn, 2022: 50 triệu đồng");
    h.get_by_label("Bảng số liệu").click();
    h.run_steps(3);
    assert!(h.query_by_label("1.911").is_some(), "the province's total");
    assert!(h.query_by_label("2.091").is_none());
}

/// The funds table says what each figure covers and marks one inside a counted total, and the
/// choice is the user's to correct: the office's figure made a district total becomes the same
/// money as the district's own report, which (reported at a round) replaces it.
#[test]
fn the_funds_table_shows_and_edits_what_a_figure_covers() {
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut c = AppConfig::new(AppPaths::in_dir(home.path()));
    c.native_dialogs = None;
    c.view = Some(View::Data);
    c.file = Some(with_communes(dir.path()));
    let mut h = Harness::builder()
        .with_size([1600.0, 900.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    for _ in 0..50 {
        h.run_steps(2);
        if h.state().session().is_some() && !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.state_mut()
        .set_section(giamsat::ui::DataSection::Allocations);
    h.run_steps(3);
    let own = "Phạm vi — huyện Hữu Lũng, 2022, Vốn phân bổ, phần riêng";
    h.get_by_label(own);
    h.get_by_label("Phạm vi — huyện Hữu Lũng, 2022, Vốn phân bổ");
    h.get_by_label("Phạm vi — xã Minh Sơn, 2022, Vốn phân bổ");
    // The communes' and the office's figures are inside the district's counted total.
    assert_eq!(h.query_all_by_label("(đã trong tổng)").count(), 3);
    // Saying the office's figure is the district's total too.
    h.get_by_label(own).click();
    h.run_steps(2);
    h.get_all_by_label("Tổng của địa bàn")
        .last()
        .unwrap()
        .click();
    h.run_steps(3);
    let d = h.state().session().unwrap().dossier().clone();
    assert!(
        d.allocations
            .iter()
            .all(|a| a.covers == giamsat::model::Covers::Total)
    );
    let office = d
        .allocations
        .iter()
        .find(|a| a.source_doc.ends_with("dòng 10"))
        .unwrap();
    assert!(giamsat::analysis::superseded(&d).contains(&office.id));
    assert_eq!(
        h.query_all_by_label("Phạm vi — huyện Hữu Lũng, 2022, Vốn phân bổ")
            .count(),
        2
    );
}
