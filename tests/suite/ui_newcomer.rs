//! The newcomer's way through the real app, in Vietnamese and in English: a new project in its
//! province, the district's report imported straight away (the district made in the province),
//! a chart of it, a conclusion drafted with a figure from the data, the number check, and the
//! notice printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use giamsat::i18n::Lang;
use giamsat::model::*;
use giamsat::settings::AppPaths;
use giamsat::store::{Access, ProjectFile};
use giamsat::ui::{AppConfig, Command, GiamSatApp};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;
use unicode_normalization::UnicodeNormalization;

type H = Harness<'static, GiamSatApp>;

// A district's report, as Hữu Lũng sends it.
use crate::guide_scenes::REPORT;

const NAME: &str = "Giám sát Dự án 7 năm 2026";
/// Typed after "Năm 2023 xã Minh Sơn được phân bổ ", the figure inserted, then ".".
const CONCLUSION: &str = "Năm 2023 xã Minh Sơn được phân bổ 60 triệu đồng.";

/// One printer, and every job's request and PDF kept.
#[derive(Default)]
struct Recorder {
    jobs: Mutex<Vec<(giamsat::print::printer::PrintRequest, Vec<u8>)>>,
}

impl giamsat::print::printer::PrintBackend for Recorder {
    fn printers(&self) -> Vec<giamsat::print::printer::Printer> {
        vec![giamsat::print::printer::Printer {
            name: "Máy in phòng Tổng hợp".into(),
            is_default: true,
        }]
    }

    fn print(
        &self,
        doc: &giamsat::print::Printable,
        request: &giamsat::print::printer::PrintRequest,
    ) -> Result<(), giamsat::print::printer::PrintDocumentError> {
        let pdf = doc.pdf()?;
        self.jobs.lock().unwrap().push((request.clone(), pdf));
        Ok(())
    }

    fn open_in_viewer(&self, _: &Path) -> Result<(), giamsat::print::printer::PrintJobError> {
        Ok(())
    }
}

fn wait_for(h: &mut H, done: impl Fn(&GiamSatApp) -> bool) {
    for _ in 0..3000 {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for the app");
}

fn wait_for_label(h: &mut H, label: &str) {
    for _ in 0..300 {
        h.run_steps(1);
        if h.query_by_label(label).is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("never shown: {label}");
}

fn pick(h: &mut H, combo: &str, option: &str) {
    h.get_by(|n| n.role() == Role::ComboBox && n.label().as_deref() == Some(combo))
        .click();
    h.run_steps(2);
    h.get_all_by_label(option).last().unwrap().click();
    h.run_steps(2);
}

fn command(h: &mut H, cmd: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, cmd);
    h.run_steps(3);
}

fn stored(h: &mut H) -> Dossier {
    let s = h.state_mut().session_mut().unwrap();
    s.flush().unwrap();
    let path = s.path().to_path_buf();
    ProjectFile::open_and_load(&path, Access::ReadOnly)
        .unwrap()
        .1
}

fn preview_ready(a: &GiamSatApp) -> bool {
    !a.print_screen().is_rendering() && a.print_screen().pages() > 0
}

fn text_of(pdf: &[u8]) -> String {
    let raw: String = pdf_extract::extract_text_from_mem(pdf)
        .unwrap()
        .nfc()
        .collect();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn newcomers_way(lang: Lang) {
    // Each label in Vietnamese and in English.
    let l = |vi: &'static str, en: &'static str| if lang == Lang::Vi { vi } else { en };
    let (home, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let report = dir.path().join("Báo cáo Hữu Lũng.csv");
    std::fs::write(&report, REPORT).unwrap();
    let backend = std::sync::Arc::new(Recorder::default());
    let mut c = AppConfig::new(AppPaths::in_dir(home.path()));
    c.native_dialogs = None;
    c.lang = Some(lang);
    c.today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16);
    c.printing = backend.clone();
    let mut h = Harness::builder()
        .with_size([1400.0, 1400.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());

    // 1. File → New: the name and the province.
    let dialog = l("Tạo dự án giám sát mới", "New supervision project");
    let province = l("Tỉnh, thành phố", "Province");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(3);
    h.get_by_label(dialog);
    h.get_by_role_and_label(Role::TextInput, l("Tên hồ sơ", "Name"))
        .type_text(NAME);
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, province).click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, province)
        .type_text("lang son");
    h.run_steps(2);
    h.get_by_label_contains(l(
        "được tạo trong tỉnh Lạng Sơn",
        "are made in Lạng Sơn (province)",
    ));
    h.get_by_label(l("Tạo", "Create")).click();
    wait_for(&mut h, |a| {
        a.session().is_some_and(|s| s.dossier().info.name == NAME)
    });
    assert!(h.query_by_label(dialog).is_none(), "the dialog closed");
    let d = h.state().session().unwrap().dossier().clone();
    assert_eq!(d.province().unwrap().full_name_vi(), "tỉnh Lạng Sơn");
    assert!(d.allocations.is_empty());

    // 2. The district's report through the wizard (import_table_path stands in for the dialog).
    let wizard = l("Nhập số liệu từ báo cáo", "Import figures from a report");
    let import = l("Nhập 15 số liệu", "Import 15 figures");
    let ctx = h.ctx.clone();
    h.state_mut().import_table_path(&ctx, report);
    wait_for(&mut h, |a| !a.is_busy());
    h.get_by_label(wizard);
    pick(&mut h, l("Dự án", "Project"), l("Dự án 7", "Project 7"));
    // The title names a district the project does not have yet: it is the parent, to be made
    // in the province (the new areas to agree to below name it first).
    h.get_by_label(l("2. Dòng", "2. Rows")).click();
    h.run_steps(2);
    h.get_by_label(l("xã Minh Sơn (mới)", "xã Minh Sơn (new)"));
    h.get_by_label(l(
        "huyện Hữu Lũng (cơ quan của địa bàn)",
        "huyện Hữu Lũng (its own office)",
    ));
    h.get_by_label(l("4. Đối chiếu", "4. Checks")).click();
    h.run_steps(2);
    h.get_by_label(l(
        "ô C10: báo cáo ghi 180, cộng các dòng 180 — khớp",
        "cell C10: the report says 180, its rows add up to 180 — agrees",
    ));
    assert!(h.get_by_label(import).accesskit_node().is_disabled());
    h.get_by_label(l(
        "Tạo 3 địa bàn mới: huyện Hữu Lũng, xã Minh Sơn, thị trấn Hữu Lũng",
        "Create 3 new areas: huyện Hữu Lũng, xã Minh Sơn, thị trấn Hữu Lũng",
    ))
    .click();
    h.run_steps(2);
    h.get_by_label(import).click();
    wait_for(&mut h, |a| {
        a.session().unwrap().dossier().allocations.len() == 15
    });
    assert!(h.query_by_label(wizard).is_none(), "the wizard closed");
    let said = l("Đã nhập 15 số liệu từ", "Imported 15 figures from");
    let toasts = h.state().toast_messages();
    assert!(toasts.iter().any(|m| m.starts_with(said)), "{toasts:?}");

    // 3. The chart shows the imported figures; a bar lists its record and source.
    let bar = l(
        "Cột Minh Sơn, 2023: 60 triệu đồng",
        "Bar Minh Sơn, 2023: 60 million đồng",
    );
    command(&mut h, Command::ViewCharts);
    wait_for_label(&mut h, bar);
    h.get_by_label(l(
        "Vốn phân bổ theo địa bàn và năm",
        "Allocated by area and year",
    ));
    h.get_by_label(bar).click();
    h.run_steps(3);
    h.get_by_label(l(
        "Minh Sơn 2023 · Vốn phân bổ · 60 triệu đồng",
        "Minh Sơn 2023 · Allocated · 60 million đồng",
    ));
    // Its source: the report, sheet and row it came from.
    h.get_by_label_contains(&format!(
        "{}: Báo cáo Hữu Lũng.csv",
        l("Văn bản nguồn", "Source document")
    ));

    // 3b. Drafting is for a round: the empty screen says so and adds one in place.
    let no_round = l(
        "Chưa có đợt giám sát nào. Kết luận, kiến nghị được soạn cho một đợt",
        "No supervision round yet. Conclusions and recommendations are drafted for a round",
    );
    command(&mut h, Command::ViewDrafting);
    h.get_by_label_contains(no_round);
    h.get_by_label(l("Thêm đợt giám sát", "Add round")).click();
    h.run_steps(3);
    assert_eq!(stored(&mut h).rounds.len(), 1);

    // 4. A cause with Minh Sơn's 2023 allocation inserted from the data (the figure chosen
    // first, then the text typed and the figure inserted at the cursor, as ui_drafting does).
    let cause = l("Nguyên nhân 1", "Cause 1");
    let period = l("Kỳ", "Period");
    assert!(h.query_by_label_contains(no_round).is_none());
    pick(
        &mut h,
        l("Địa bàn", "Area"),
        l("xã Minh Sơn", "Minh Sơn (commune)"),
    );
    h.get_by_role_and_label(Role::TextInput, period).click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, period)
        .type_text("2023");
    h.run_steps(3);
    h.get_by_label(l("Sẽ chèn: 60 triệu đồng", "Will insert: 60 triệu đồng"));
    h.get_by_label(l("Thêm — Nguyên nhân", "Add — Cause"))
        .click();
    h.run_steps(3);
    assert!(h.get_by_label(cause).is_focused());
    h.get_by_label(cause)
        .type_text("Năm 2023 xã Minh Sơn được phân bổ ");
    h.run_steps(5);
    h.get_by_label(l("Chèn vào văn bản", "Insert into the text"))
        .click();
    h.run_steps(3);
    assert!(
        h.get_by_label(cause).is_focused(),
        "the cursor goes back to the text"
    );
    h.get_by_label(cause).type_text(".");
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(5);
    assert_eq!(h.get_by_label(cause).value().as_deref(), Some(CONCLUSION));

    // 5. The number check: the inserted figure is the data's own.
    h.get_by_label(l("Kiểm tra số liệu", "Check figures"))
        .click();
    h.run_steps(3);
    h.get_by_label(l(
        "Kiểm tra số liệu: không có điểm nào cần xem.",
        "Figure check: nothing needs a look.",
    ));

    // 6. Print: the preview, then the notice to the (recorded) printer.
    command(&mut h, Command::ViewPrint);
    wait_for(&mut h, preview_ready);
    let pages = h.state().print_screen().pages();
    h.get_by_role_and_label(
        Role::Image,
        &format!("{}{pages}", l("Trang 1/", "Page 1 of ")),
    );
    let printer = l("Máy in", "Printer");
    h.get_by_label(l("In…", "Print…")).click();
    for _ in 0..200 {
        h.step();
        if h.query_by(|n| n.role() == Role::ComboBox && n.label().as_deref() == Some(printer))
            .is_some()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run_steps(2);
    // In English the view tab is "Print" too: the dialog's button is the lower one.
    h.get_all_by_role_and_label(Role::Button, l("In", "Print"))
        .max_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .unwrap()
        .click();
    wait_for(&mut h, |a| !a.is_busy());
    let jobs = backend.jobs.lock().unwrap().clone();
    assert_eq!(jobs.len(), 1, "one job");
    assert_eq!(
        jobs[0].0.title,
        l("Thông báo kết luận giám sát", "Notice of conclusions")
    );
    let printed = text_of(&jobs[0].1);
    assert!(printed.contains(CONCLUSION), "{printed}");
    let toasts = h.state().toast_messages();
    let sent = l(
        "Đã gửi “Thông báo kết luận giám sát” tới máy in Máy in phòng Tổng hợp",
        "Sent “Notice of conclusions” to the printer Máy in phòng Tổng hợp",
    );
    assert!(toasts.iter().any(|m| m == sent), "{toasts:?}");

    // The file holds the province, the district's figures and the conclusion with its figure.
    let d = stored(&mut h);
    assert_eq!(d.info.name, NAME);
    let area = |kind, name: &str| {
        d.areas
            .iter()
            .find(|a| a.kind == kind && a.name == name)
            .map(|a| a.id)
            .unwrap()
    };
    let huu_lung = area(AreaKind::Huyen, "Hữu Lũng");
    let minh_son = area(AreaKind::Xa, "Minh Sơn");
    let town = area(AreaKind::ThiTran, "Hữu Lũng");
    assert_eq!(d.areas.len(), 4, "{:?}", d.areas);
    // The district in the province, its communes under it.
    let parent_of = |id| d.area(id).and_then(|a| a.parent_id);
    assert_eq!(parent_of(huu_lung), d.province().map(|p| p.id));
    assert_eq!(parent_of(minh_son), Some(huu_lung));
    assert_eq!(parent_of(town), Some(huu_lung));
    assert_eq!(d.allocations.len(), 15);
    assert_eq!(
        d.allocations
            .iter()
            .filter(|a| a.area_id == huu_lung && a.covers == Covers::Own)
            .count(),
        5
    );
    assert!(d.allocations.iter().any(|a| a.area_id == minh_son
        && a.kind == AllocationKind::Allocated
        && a.period == Period::year(2023).unwrap()
        && a.amount_dong == Amount::Known(Dong::from_trieu(60).unwrap())));
    let cause = d
        .conclusions
        .iter()
        .find(|c| c.kind == ConclusionKind::Cause)
        .unwrap();
    assert_eq!(cause.text, CONCLUSION);
    assert_eq!(cause.round_id, d.rounds[0].id);
    assert_eq!(cause.figures.len(), 1, "{cause:?}");
    assert!(cause.figures[0].holds_in(&cause.text));
    assert_eq!(cause.figures[0].area, minh_son);
}

#[test]
fn the_newcomers_way_in_vietnamese() {
    newcomers_way(Lang::Vi);
}

#[test]
fn the_newcomers_way_in_english() {
    newcomers_way(Lang::En);
}
