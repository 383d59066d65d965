//! The follow-up board driven through the real app: the deadline banner on opening, recording a
//! verified status in the history, what is refused, the rates, and undo leaving history alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use giamsat::model::*;
use giamsat::settings::AppPaths;
use giamsat::store::{Access, ProjectFile};
use giamsat::ui::{AppConfig, GiamSatApp, View};
use std::path::{Path, PathBuf};

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn app_on(home: &Path, file: PathBuf, view: View) -> Harness<'static, GiamSatApp> {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c.view = Some(view);
    c.file = Some(file);
    c.today = Some(day(2024, 1, 15));
    let mut h = Harness::builder()
        .with_size([1400.0, 1600.0])
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

fn stored(h: &mut Harness<'static, GiamSatApp>) -> Dossier {
    let s = h.state_mut().session_mut().unwrap();
    s.flush().unwrap();
    let path = s.path().to_path_buf();
    ProjectFile::open_and_load(&path, Access::ReadOnly)
        .unwrap()
        .1
}

/// The sample, issued, with one recommendation overdue on 15/01/2024, one due within a week
/// and one within a month.
fn issued_file(dir: &Path) -> PathBuf {
    let mut d = giamsat::sample::lang_son();
    d.rounds[0].draft_status = DraftStatus::Issued;
    d.rounds[0].issued_on = Some(day(2023, 7, 10));
    d.recommendations[0].deadline = Some(day(2023, 12, 31));
    d.recommendations[1].deadline = Some(day(2024, 1, 20));
    d.recommendations[2].deadline = Some(day(2024, 2, 10));
    let path = dir.join("theo-doi.giamsat");
    ProjectFile::create(&path, &d).unwrap();
    path
}

fn pick(h: &mut Harness<'static, GiamSatApp>, combo: &str, option: &str) {
    h.get_by(|n| n.role() == Role::ComboBox && n.label().as_deref() == Some(combo))
        .click();
    h.run_steps(2);
    h.get_all_by_label(option).last().unwrap().click();
    h.run_steps(2);
}

/// The text is on screen (the rates say it once per addressee and again in the total).
fn shows(h: &Harness<'static, GiamSatApp>, text: &str) {
    assert!(
        h.query_all_by_label_contains(text).count() > 0,
        "{text} is not shown"
    );
}

fn retype(h: &mut Harness<'static, GiamSatApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run_steps(1);
}

#[test]
fn the_banner_leads_to_what_falls_due() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), issued_file(dir.path()), View::Data);
    h.get_by_label("1 kiến nghị quá hạn");
    h.get_by_label("1 đến hạn trong 7 ngày");
    h.get_by_label("2 đến hạn trong 30 ngày");
    h.get_by_label("1 đến hạn trong 7 ngày").click();
    h.run_steps(3);
    assert_eq!(h.state().view(), View::FollowUp);
    h.get_by_label("1 / 3 dòng");
    h.get_by_label_contains("Kiến nghị 2:");
    h.get_by_label("2 đến hạn trong 30 ngày").click();
    h.run_steps(3);
    h.get_by_label("2 / 3 dòng");
    h.get_by_label("1 kiến nghị quá hạn").click();
    h.run_steps(3);
    h.get_by_label("1 / 3 dòng");
    h.get_by_label_contains("Kiến nghị 1:");
    // Closed for this project.
    h.get_by_label("Ẩn").click();
    h.run_steps(2);
    assert!(h.query_by_label("1 kiến nghị quá hạn").is_none());
}

#[test]
fn a_verification_is_recorded_in_the_history_and_kept() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), issued_file(dir.path()), View::FollowUp);
    shows(&h, "đã thực hiện 0/3 kiến nghị (0%)");
    h.get_by_label_contains("Kiến nghị 2:").click();
    h.run_steps(2);
    h.get_by_label("Chưa có lần cập nhật nào.");
    pick(&mut h, "Trạng thái mới", "Đã thực hiện");
    retype(&mut h, "Người ghi", "Hoàng Thị Lan");
    retype(&mut h, "Ngày (của văn bản, buổi kiểm tra…)", "12/01/2024");
    // A verification must say how the Front knows.
    h.get_by_label("Ghi vào lịch sử").click();
    h.run_steps(2);
    h.get_by_label("Cách xác minh: không được để trống");
    assert!(stored(&mut h).events.is_empty());
    pick(&mut h, "Cách xác minh", "Kiểm tra thực tế");
    h.get_by_label("Ghi chú, văn bản căn cứ").click();
    h.get_by_label("Ghi chú, văn bản căn cứ")
        .type_text("Đoàn kiểm tra tại xã Yên Bình");
    h.run_steps(1);
    h.get_by_label("Ghi vào lịch sử").click();
    h.run_steps(3);

    let d = stored(&mut h);
    assert_eq!(d.events.len(), 1);
    let e = &d.events[0];
    assert_eq!(e.recommendation_id, d.recommendations[1].id);
    assert_eq!(e.status, RecommendationStatus::Done);
    assert_eq!(e.method, Some(VerifyMethod::SiteVisit));
    assert_eq!(e.recorded_by, "Hoàng Thị Lan");
    assert_eq!(e.date, day(2024, 1, 12));
    assert_eq!(e.note, "Đoàn kiểm tra tại xã Yên Bình");
    assert_eq!(d.recommendations[1].status, RecommendationStatus::Done);
    h.get_by_label_contains("Ghi bởi Hoàng Thị Lan lúc");
    shows(&h, "đã thực hiện 1/3 kiến nghị (33,3%)");
    // The name is remembered for the next entry.
    let (settings, _) = giamsat::settings::load(&AppPaths::in_dir(home.path()));
    assert_eq!(settings.user_name, "Hoàng Thị Lan");

    // Undo does not take it back: the entry is not on the undo list at all.
    assert!(h.state().session().unwrap().undo_label().is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let d = stored(&mut h);
    assert_eq!(d.events.len(), 1);
    assert_eq!(d.recommendations[1].status, RecommendationStatus::Done);

    // Partly done needs its part and a reason.
    h.get_by_label_contains("Kiến nghị 1:").click();
    h.run_steps(2);
    pick(&mut h, "Trạng thái mới", "Thực hiện một phần");
    retype(&mut h, "Phần đã thực hiện (%)", "150");
    pick(&mut h, "Nguyên nhân", "Do điều kiện khách quan");
    h.get_by_label("Ghi vào lịch sử").click();
    h.run_steps(2);
    h.get_by_label("Phần đã thực hiện (%): gõ một số từ 1 đến 99");
    retype(&mut h, "Phần đã thực hiện (%)", "40");
    h.get_by_label("Ghi vào lịch sử").click();
    h.run_steps(3);
    let d = stored(&mut h);
    assert_eq!(d.events.len(), 2);
    assert_eq!(d.events[1].share_percent, Some(40));
    assert_eq!(d.events[1].reason, Some(NotDoneReason::Objective));
    shows(&h, "đã thực hiện 1,4/3 kiến nghị (46,7%)");
}

fn wait_idle(h: &mut Harness<'static, GiamSatApp>) {
    for _ in 0..3000 {
        h.step();
        if !h.state().is_busy() {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out waiting for the app");
}

/// Answers GiamSat's own file dialog with `path`.
fn answer_dialog(h: &mut Harness<'static, GiamSatApp>, path: &Path, accept: &str) {
    for _ in 0..50 {
        h.step();
        if h.query_by_label("Tên tệp").is_some() {
            break;
        }
    }
    retype(h, "Tên tệp", path.to_str().unwrap());
    h.get_by_label(accept).click();
    wait_idle(h);
}

#[test]
fn a_report_is_attached_from_the_board_and_copied_back_out() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), issued_file(dir.path()), View::FollowUp);
    let report = dir.path().join("Báo cáo 45-UBND.pdf");
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&report, &bytes).unwrap();

    h.get_by_label_contains("Kiến nghị 1:").click();
    h.run_steps(2);
    h.get_by_label("Chưa có tệp nào.");
    retype(&mut h, "Ngày của văn bản", "10/01/2024");
    h.get_by_label("Đính kèm tệp minh chứng…").click();
    answer_dialog(&mut h, &report, "Mở");

    let d = stored(&mut h);
    assert_eq!(d.attachments.len(), 1);
    let a = &d.attachments[0];
    assert_eq!(a.name, "Báo cáo 45-UBND.pdf");
    assert_eq!(a.recommendation_id, d.recommendations[0].id);
    assert_eq!(a.received_on, Some(day(2024, 1, 15)));
    assert_eq!(a.document_date, Some(day(2024, 1, 10)));
    assert_eq!(a.size, bytes.len() as u64);
    h.get_by_label("Báo cáo 45-UBND.pdf");
    h.get_by_label_contains("Đã đính kèm “Báo cáo 45-UBND.pdf”");

    let copy = dir.path().join("ban sao.pdf");
    h.get_by_label("Lưu bản sao… — Báo cáo 45-UBND.pdf").click();
    answer_dialog(&mut h, &copy, "Lưu");
    assert!(std::fs::read(&copy).unwrap() == bytes);
}

#[test]
fn a_new_round_supervises_again_what_was_left_unfinished() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = issued_file(dir.path());
    // One of the three is verified done already.
    {
        let mut s = giamsat::session::Session::open(&path).unwrap();
        let r = s.dossier().recommendations[2].clone();
        let mut after = r.clone();
        after.status = RecommendationStatus::Done;
        let mut e = FollowUpEvent::new(
            EventId(s.new_id(Table::Events)),
            r.id,
            RecommendationStatus::Done,
            day(2024, 1, 9),
            day(2024, 1, 10).and_hms_opt(9, 0, 0).unwrap(),
            "Hoàng Thị Lan",
        );
        e.method = Some(VerifyMethod::Document);
        s.apply(giamsat::session::Change::new(
            giamsat::session::ChangeLabel::edit(|t| t.what_recommendation, ""),
            vec![
                Edit::insert(Record::Event(e)),
                Edit::update(Record::Recommendation(r), Record::Recommendation(after)),
            ],
        ))
        .unwrap();
        s.flush().unwrap();
    }
    let mut h = app_on(home.path(), path, View::Drafting);
    h.get_by_label("Giám sát lại: tạo đợt mới từ 2 kiến nghị chưa hoàn thành")
        .click();
    h.run_steps(3);
    let d = stored(&mut h);
    assert_eq!(d.rounds.len(), 2);
    let again: Vec<&Recommendation> = d
        .recommendations
        .iter()
        .filter(|r| r.round_id == d.rounds[1].id)
        .collect();
    assert_eq!(again.len(), 2);
    assert_eq!(again[0].repeats, Some(d.recommendations[0].id));
    assert_eq!(again[1].repeats, Some(d.recommendations[1].id));
    assert!(again.iter().all(|r| r.status == RecommendationStatus::Open));
    assert_eq!(d.rounds[1].draft_status, DraftStatus::Draft);
    assert!(
        d.rounds[1]
            .title
            .starts_with("Giám sát lại việc thực hiện kiến nghị")
    );
    // The drafting screen moved to the new round, where each one says what it repeats.
    h.get_by_label("Lặp lại kiến nghị — Nội dung kiến nghị 1");
    // The earlier ones cannot be deleted while repeated.
    let err = h
        .state_mut()
        .session_mut()
        .unwrap()
        .apply(giamsat::session::Change::new(
            giamsat::session::ChangeLabel::delete(|t| t.what_recommendation, ""),
            vec![Edit::delete(Record::Recommendation(
                d.recommendations[0].clone(),
            ))],
        ))
        .unwrap_err();
    assert!(
        err.message(giamsat::i18n::Lang::Vi)
            .contains("không xóa được")
    );
    // The board counts them as repeated, by round.
    let (rows, _) = giamsat::follow_up::rates(
        &d,
        giamsat::follow_up::Grouping::Round,
        &giamsat::follow_up::RateScope::default(),
        day(2024, 1, 15),
        giamsat::i18n::Lang::Vi,
    );
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].total, rows[0].done, rows[0].repeated), (3, 1, 0));
    assert_eq!((rows[1].total, rows[1].repeated), (2, 2));
}

/// A viewer that records what it was asked to open.
#[derive(Default)]
struct Viewer {
    opened: std::sync::Mutex<Vec<PathBuf>>,
}

impl giamsat::print::printer::PrintBackend for Viewer {
    fn printers(&self) -> Vec<giamsat::print::printer::Printer> {
        Vec::new()
    }

    fn print(
        &self,
        _: &giamsat::print::Printable,
        _: &giamsat::print::printer::PrintRequest,
    ) -> Result<(), giamsat::print::printer::PrintDocumentError> {
        Ok(())
    }

    fn open_in_viewer(&self, path: &Path) -> Result<(), giamsat::print::printer::PrintJobError> {
        self.opened.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }
}

/// The issued sample with two files from a district attached to recommendation 1: a report,
/// and a program dressed up as an update.
fn with_evidence(dir: &Path) -> (PathBuf, Vec<u8>) {
    let path = issued_file(dir);
    let report: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut s = giamsat::session::Session::open(&path).unwrap();
    for (name, bytes) in [
        ("Báo cáo 45-UBND.pdf", report.clone()),
        (
            "Cập nhật số liệu.exe",
            b"MZ\x90\x00 not really a program".to_vec(),
        ),
    ] {
        let src = dir.join(name);
        std::fs::write(&src, bytes).unwrap();
        let prepared = giamsat::store::attachments::prepare(&src, &dir.join("stage")).unwrap();
        let a = prepared.attachment(
            AttachmentId(s.new_id(Table::Attachments)),
            s.dossier().recommendations[0].id,
            day(2024, 1, 10).and_hms_opt(9, 0, 0).unwrap(),
            "Hoàng Thị Lan",
        );
        s.attach(
            giamsat::session::ChangeLabel::add(|t| t.what_attachment, ""),
            a,
            prepared.content.clone(),
        )
        .unwrap();
    }
    s.flush().unwrap();
    drop(s);
    (path, report)
}

/// Evidence opened for viewing goes to this user's own folder (closed to others on Linux),
/// is checked against its SHA-256 before every open (a copy changed since is written again),
/// and a file that can run code is opened only after a question that names its kind.
#[test]
fn evidence_is_opened_from_a_private_folder_checked_and_a_program_only_when_asked() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (path, report) = with_evidence(dir.path());
    let viewer = std::sync::Arc::new(Viewer::default());
    let mut c = AppConfig::new(AppPaths::in_dir(home.path()));
    c.native_dialogs = None;
    c.view = Some(View::FollowUp);
    c.file = Some(path);
    c.today = Some(day(2024, 1, 15));
    c.printing = viewer.clone();
    let mut h = Harness::builder()
        .with_size([1400.0, 1600.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_idle(&mut h);
    h.get_by_label_contains("Kiến nghị 1:").click();
    h.run_steps(2);
    let opened = |v: &Viewer| v.opened.lock().unwrap().clone();

    h.get_by_label("Mở — Báo cáo 45-UBND.pdf").click();
    wait_idle(&mut h);
    let first = opened(&viewer);
    assert_eq!(first.len(), 1, "opened without a question");
    let copy = &first[0];
    assert!(
        copy.starts_with(home.path()),
        "in this user's own folder, not the shared temporary one: {}",
        copy.display()
    );
    assert_eq!(std::fs::read(copy).unwrap(), report);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let folder = copy.parent().unwrap().parent().unwrap();
        let mode = std::fs::metadata(folder).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", folder.display());
    }

    // Something changed the copy, keeping its size: it is written again before it opens.
    let mut tampered = report.clone();
    tampered[0] ^= 0xFF;
    std::fs::write(copy, &tampered).unwrap();
    h.get_by_label("Mở — Báo cáo 45-UBND.pdf").click();
    wait_idle(&mut h);
    assert_eq!(opened(&viewer).len(), 2);
    assert_eq!(
        std::fs::read(copy).unwrap(),
        report,
        "the attached bytes again"
    );

    // A program: asked first, naming its kind and the file.
    h.get_by_label("Mở — Cập nhật số liệu.exe").click();
    h.run_steps(3);
    h.get_by_label("Tệp này có thể chạy chương trình");
    h.get_by_label_contains("“Cập nhật số liệu.exe” là tệp EXE");
    h.get_by_label("Hủy").click();
    wait_idle(&mut h);
    assert_eq!(opened(&viewer).len(), 2, "cancelled: nothing opened");
    h.get_by_label("Mở — Cập nhật số liệu.exe").click();
    h.run_steps(3);
    h.get_by_label("Vẫn mở tệp EXE").click();
    wait_idle(&mut h);
    let all = opened(&viewer);
    assert_eq!(all.len(), 3);
    assert!(all[2].ends_with("Cập nhật số liệu.exe"));
}
