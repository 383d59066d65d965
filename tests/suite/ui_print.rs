//! The print screen driven through the real app: the preview shows real pages, the document's
//! number typed in the form reaches the file and the saved PDF, the Word copy is offered only
//! where one exists, and printing asks before it sends anything.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use giamsat::model::*;
use giamsat::settings::AppPaths;
use giamsat::store::{Access, ProjectFile};
use giamsat::ui::{AppConfig, GiamSatApp, View};
use std::path::Path;
use std::time::Duration;
use unicode_normalization::UnicodeNormalization;

fn app_on(home: &Path) -> Harness<'static, GiamSatApp> {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c.view = Some(View::Print);
    c.today = chrono::NaiveDate::from_ymd_opt(2023, 7, 5);
    let mut h = Harness::builder()
        .with_size([1280.0, 1400.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    h
}

/// Steps the app (background work runs on its own threads) until `done`, for up to a minute:
/// typesetting in a debug build takes a few seconds.
fn wait_for(h: &mut Harness<'static, GiamSatApp>, done: impl Fn(&GiamSatApp) -> bool) {
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

fn preview_ready(a: &GiamSatApp) -> bool {
    !a.print_screen().is_rendering() && a.print_screen().pages() > 0
}

/// What the file holds once the app's writer has written everything queued.
fn stored(h: &mut Harness<'static, GiamSatApp>) -> Dossier {
    let s = h.state_mut().session_mut().unwrap();
    let _ = s.flush();
    let path = s.path().to_path_buf();
    ProjectFile::open_and_load(&path, Access::ReadOnly)
        .unwrap()
        .1
}

/// The preview's page image (the toolbar carries the same words as text).
fn page_image(h: &Harness<'static, GiamSatApp>, label: &str) {
    h.get_by_role_and_label(Role::Image, label);
}

fn word_disabled(h: &Harness<'static, GiamSatApp>) -> bool {
    h.get_by_label("Lưu Word…").accesskit_node().is_disabled()
}

fn text_of(pdf: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(pdf).unwrap();
    let nfc: String = raw.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_preview_shows_every_page_and_pages_through_them() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path());
    wait_for(&mut h, preview_ready);
    let total = h.state().print_screen().pages();
    assert!(total >= 2, "the sample notice runs to {total} page(s)");
    page_image(&h, &format!("Trang 1/{total}"));
    h.get_by_label("◀ Trang trước");
    h.get_by_label("Trang sau ▶").click();
    h.run_steps(2);
    page_image(&h, &format!("Trang 2/{total}"));

    // The summary of figures has no Word copy; the notice has one.
    assert!(!word_disabled(&h), "the notice has a Word copy");
    h.get_by_label("Tóm tắt số liệu").click();
    h.run_steps(1);
    wait_for(&mut h, preview_ready);
    assert_eq!(h.state().print_screen().kind, DocKind::TomTat);
    assert!(word_disabled(&h), "no Word copy of the summary of figures");
    page_image(&h, &format!("Trang 1/{}", h.state().print_screen().pages()));
}

#[test]
fn the_number_typed_is_kept_in_the_file_and_printed_in_the_saved_pdf() {
    let home = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path());
    wait_for(&mut h, preview_ready);
    assert!(
        stored(&mut h).documents.is_empty(),
        "nothing stored before an edit"
    );

    h.get_by_role_and_label(Role::TextInput, "Số văn bản")
        .click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Số văn bản")
        .type_text("15");
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Ngày ban hành")
        .click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Ngày ban hành")
        .type_text("5/7/2023");
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    let docs = stored(&mut h).documents;
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0].kind, DocKind::ThongBao);
    assert_eq!(docs[0].number, "15");
    assert_eq!(docs[0].date, chrono::NaiveDate::from_ymd_opt(2023, 7, 5));
    // The preview is laid out again from the edited settings.
    wait_for(&mut h, preview_ready);

    h.get_by_label("Lưu PDF…").click();
    wait_for(&mut h, |_| true);
    for _ in 0..50 {
        h.step();
        if h.query_by_label("Tên tệp").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let target = out.path().join("Thông báo số 15.pdf");
    h.get_by_role_and_label(Role::TextInput, "Tên tệp").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Tên tệp")
        .type_text(target.to_str().unwrap());
    h.run_steps(1);
    h.get_by_label("Lưu").click();
    wait_for(&mut h, |a| !a.is_busy() && target.exists());
    let text = text_of(&std::fs::read(&target).unwrap());
    assert!(text.contains("Số: 15/"), "{text}");
    assert!(text.contains("ngày 05 tháng 7 năm 2023"), "{text}");
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("Thông báo số 15.pdf")),
        "{:?}",
        h.state().toast_messages()
    );
}

#[test]
fn printing_asks_first_and_cancel_sends_nothing() {
    let home = tempfile::tempdir().unwrap();
    let backend = std::sync::Arc::new(Recorder {
        printers: vec![giamsat::print::printer::Printer {
            name: "Máy in phòng Tổng hợp".into(),
            is_default: true,
        }],
        ..Default::default()
    });
    let mut h = app_printing_to(home.path(), backend.clone());
    h.get_by_label("In…").click();
    h.run_steps(2);
    let total = h.state().print_screen().pages();
    let question = format!("In “Thông báo kết luận giám sát” — {total} trang khổ A4.");
    h.get_by_label(&question);
    h.get_by_label("Hủy").click();
    h.run_steps(10);
    assert!(h.query_by_label(&question).is_none(), "the dialog closed");
    assert!(
        backend.jobs.lock().unwrap().is_empty(),
        "nothing was sent to a printer"
    );
}

/// Printers as a test sees them: two queues, and a record of every job sent.
#[derive(Default)]
struct Recorder {
    printers: Vec<giamsat::print::printer::Printer>,
    jobs: std::sync::Mutex<Vec<(giamsat::print::printer::PrintRequest, usize)>>,
    opened: std::sync::Mutex<Vec<std::path::PathBuf>>,
}

impl giamsat::print::printer::PrintBackend for Recorder {
    fn printers(&self) -> Vec<giamsat::print::printer::Printer> {
        self.printers.clone()
    }

    fn print(
        &self,
        doc: &giamsat::print::Printable,
        request: &giamsat::print::printer::PrintRequest,
    ) -> Result<(), giamsat::print::printer::PrintDocumentError> {
        let pages = doc.layout()?.pages().len();
        self.jobs.lock().unwrap().push((request.clone(), pages));
        Ok(())
    }

    fn open_in_viewer(&self, path: &Path) -> Result<(), giamsat::print::printer::PrintJobError> {
        self.opened.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }
}

fn app_printing_to(home: &Path, backend: std::sync::Arc<Recorder>) -> Harness<'static, GiamSatApp> {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c.view = Some(View::Print);
    c.today = chrono::NaiveDate::from_ymd_opt(2023, 7, 5);
    c.printing = backend;
    let mut h = Harness::builder()
        .with_size([1280.0, 1400.0])
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    wait_for(&mut h, preview_ready);
    h
}

#[test]
fn printing_goes_to_the_chosen_printer_in_the_copies_asked_and_says_so() {
    use giamsat::print::printer::Printer;
    let home = tempfile::tempdir().unwrap();
    let backend = std::sync::Arc::new(Recorder {
        printers: vec![
            Printer {
                name: "Máy in phòng Tổng hợp".into(),
                is_default: true,
            },
            Printer {
                name: "HP LaserJet tầng 2".into(),
                is_default: false,
            },
        ],
        ..Default::default()
    });
    let mut h = app_printing_to(home.path(), backend.clone());
    h.get_by_label("In…").click();
    h.run_steps(3);
    // The default printer is chosen first and marked as such.
    assert_eq!(
        h.get_by_label("Máy in").value().as_deref(),
        Some("Máy in phòng Tổng hợp (mặc định)")
    );
    h.get_by_label("Máy in").click();
    h.run_steps(2);
    h.get_by_label("HP LaserJet tầng 2").click();
    h.run_steps(2);
    h.get_by_label("Số bản").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Số bản").type_text("3");
    h.key_press(Key::Enter);
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "In").click();
    wait_for(&mut h, |a| !a.is_busy());
    let jobs = backend.jobs.lock().unwrap().clone();
    assert_eq!(jobs.len(), 1, "one job");
    let (request, pages) = &jobs[0];
    assert_eq!(request.printer.as_deref(), Some("HP LaserJet tầng 2"));
    assert_eq!(request.copies, 3);
    assert_eq!(request.title, "Thông báo kết luận giám sát");
    assert_eq!(*pages, h.state().print_screen().pages());
    let toasts = h.state().toast_messages();
    assert!(
        toasts.iter().any(
            |m| m == "Đã gửi 3 bản “Thông báo kết luận giám sát” tới máy in HP LaserJet tầng 2"
        ),
        "{toasts:?}"
    );
}

#[test]
fn with_no_printer_the_document_opens_in_a_viewer_and_the_message_says_it_was_not_printed() {
    let home = tempfile::tempdir().unwrap();
    let backend = std::sync::Arc::new(Recorder::default());
    let mut h = app_printing_to(home.path(), backend.clone());
    h.get_by_label("In…").click();
    h.run_steps(3);
    h.get_by_label_contains("Máy này chưa khai báo máy in nào");
    assert!(
        h.get_by_role_and_label(Role::Button, "In")
            .accesskit_node()
            .is_disabled(),
        "nothing to print on"
    );
    h.get_by_label("Mở bằng trình xem PDF").click();
    wait_for(&mut h, |a| !a.is_busy());
    assert!(backend.jobs.lock().unwrap().is_empty(), "no job was sent");
    let opened = backend.opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    assert!(std::fs::read(&opened[0]).unwrap().starts_with(b"%PDF"));
    let toasts = h.state().toast_messages();
    assert!(
        toasts
            .iter()
            .any(|m| m.contains("chưa được in") && !m.contains("Đã gửi")),
        "{toasts:?}"
    );
}

#[test]
fn a_long_round_title_never_squeezes_the_preview() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path());
    wait_for(&mut h, preview_ready);
    // A second round with a title as long as real ones get: the round choice appears.
    let s = h.state_mut().session_mut().unwrap();
    let mut round = s.dossier().rounds[0].clone();
    round.id = RoundId(s.new_id(Table::Rounds));
    round.title = "Giám sát việc thực hiện Dự án 7 thuộc Chương trình mục tiêu quốc gia giảm \
                   nghèo bền vững giai đoạn 2021–2025 tại các xã của huyện Hữu Lũng và huyện \
                   Chi Lăng, tỉnh Lạng Sơn (đợt tái giám sát)"
        .into();
    round.subjects.clear();
    round.members.clear();
    round.sessions.clear();
    s.apply(giamsat::session::Change::new(
        giamsat::session::ChangeLabel::add(|t| t.what_round, ""),
        vec![Edit::insert(Record::Round(round))],
    ))
    .unwrap();
    h.run_steps(3);
    wait_for(&mut h, preview_ready);
    let combo = h.get_by_label("Đợt giám sát").rect();
    assert!(
        combo.width() < 420.0,
        "the round choice stays its size: {combo:?}"
    );
    let next = h.get_by_label("Trang sau ▶").rect();
    assert!(
        next.min.x < 700.0 && next.min.x > 300.0,
        "the preview keeps its room beside the settings: {next:?}"
    );
}

#[test]
fn an_issued_round_shows_and_saves_its_stored_copy_and_the_rebuilt_one_is_marked() {
    let home = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path());
    // Issue the sample's round as the drafting screen does.
    {
        let s = h.state_mut().session_mut().unwrap();
        let round = s.dossier().rounds[0].clone();
        let mut review = round.clone();
        review.draft_status = DraftStatus::Review;
        s.apply(giamsat::session::Change::update(
            giamsat::session::ChangeLabel::edit(|t| t.what_draft_status, ""),
            Record::Round(round),
            Record::Round(review),
        ))
        .unwrap();
    }
    h.state_mut().issue(giamsat::ui::screens::IssueAsk {
        round: RoundId(1),
        kinds: vec![DocKind::ThongBao, DocKind::BaoCao],
        number: "15".into(),
        date: chrono::NaiveDate::from_ymd_opt(2023, 7, 5).unwrap(),
        signer: "Hoàng Văn Thụ".into(),
        check_note: String::new(),
    });
    wait_for(&mut h, |a| {
        !a.is_busy() && !a.session().unwrap().dossier().issued_documents.is_empty()
    });
    wait_for(&mut h, preview_ready);
    h.get_by_label("Bản đã ban hành ngày 05/07/2023, số 15/TB-MTTQ-BTT");
    assert_eq!(h.state().print_screen().pages(), 2);
    let stored_pdf = stored(&mut h).issued_documents[0].pdf.bytes().to_vec();

    let save = |h: &mut Harness<'static, GiamSatApp>, target: &Path| {
        h.get_by_label("Lưu PDF…").click();
        for _ in 0..50 {
            h.step();
            if h.query_by_label("Tên tệp").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        h.get_by_role_and_label(Role::TextInput, "Tên tệp").click();
        h.run_steps(1);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_role_and_label(Role::TextInput, "Tên tệp")
            .type_text(target.to_str().unwrap());
        h.run_steps(1);
        h.get_by_label("Lưu").click();
        let t = target.to_path_buf();
        wait_for(h, move |a| !a.is_busy() && t.exists());
    };
    let issued = out.path().join("ban-hanh.pdf");
    save(&mut h, &issued);
    assert_eq!(std::fs::read(&issued).unwrap(), stored_pdf);

    // Rebuilt from today's data: a separate, clearly marked preview, never the issued copy.
    h.get_by_label("Dựng lại theo số liệu hiện nay (không phải bản đã ban hành)")
        .click();
    h.run_steps(2);
    wait_for(&mut h, preview_ready);
    assert!(
        h.state()
            .print_screen()
            .shows_current(h.state().session().unwrap().dossier())
    );
    let rebuilt = out.path().join("dung-lai.pdf");
    save(&mut h, &rebuilt);
    let text = text_of(&std::fs::read(&rebuilt).unwrap());
    assert!(text.contains("KHÔNG PHẢI BẢN ĐÃ BAN HÀNH"), "{text}");
    // Another document, then back: the issued copy again.
    h.get_by_label("Báo cáo kết quả giám sát").click();
    h.run_steps(2);
    h.get_by_label_contains("Bản đã ban hành ngày 05/07/2023, không ghi số");
    assert!(
        !h.state()
            .print_screen()
            .shows_current(h.state().session().unwrap().dossier())
    );
}
