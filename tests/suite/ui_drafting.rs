//! Drafting and follow-up driven through the real app: Vietnamese input as Unikey, IME and
//! paste produce it, text history, the document status, inserting figures, follow-up filters
//! and search.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Event, ImeEvent, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use giamsat::model::*;
use giamsat::settings::AppPaths;
use giamsat::store::{Access, ProjectFile};
use giamsat::ui::{AppConfig, GiamSatApp, View};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn app_on(home: &Path, file: Option<PathBuf>, view: View) -> Harness<'static, GiamSatApp> {
    app_in(home, file, view, None)
}

/// As [`app_on`], the window in `lang` (the settings' language when `None`).
fn app_in(
    home: &Path,
    file: Option<PathBuf>,
    view: View,
    lang: Option<giamsat::i18n::Lang>,
) -> Harness<'static, GiamSatApp> {
    let mut c = AppConfig::new(AppPaths::in_dir(home));
    c.native_dialogs = None;
    c.view = Some(view);
    c.file = file;
    c.lang = lang;
    c.today = chrono::NaiveDate::from_ymd_opt(2024, 1, 15);
    // Tall enough that the whole sample draft is on screen (scrolling is looked at separately).
    let mut h = Harness::builder()
        .with_size([1280.0, 2200.0])
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

/// What the file holds once the app's writer has written everything queued.
fn stored(h: &mut Harness<'static, GiamSatApp>) -> Dossier {
    let s = h.state_mut().session_mut().unwrap();
    let _ = s.flush();
    let path = s.path().to_path_buf();
    ProjectFile::open_and_load(&path, Access::ReadOnly)
        .unwrap()
        .1
}

/// Adds a cause (nguyên nhân) and leaves the cursor in it.
fn new_cause(h: &mut Harness<'static, GiamSatApp>) {
    h.get_by_label("Thêm — Nguyên nhân").click();
    h.run_steps(3);
    assert!(h.get_by_label("Nguyên nhân 1").is_focused());
}

fn cause_text(h: &mut Harness<'static, GiamSatApp>) -> String {
    stored(h)
        .conclusions
        .iter()
        .find(|c| c.kind == ConclusionKind::Cause)
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

/// Scrolls a widget into view and clicks it, as a user would.
fn click(h: &mut Harness<'static, GiamSatApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(2);
    h.get_by_label(label).click();
    h.run_steps(2);
}

/// Sets the sample's allocation `index` to `trieu` million đồng, as a report read again would.
fn set_amount(h: &mut Harness<'static, GiamSatApp>, index: usize, trieu: i64) {
    let d = stored(h);
    let before = d.allocations[index].clone();
    let mut after = before.clone();
    after.amount_dong = Amount::Known(Dong::from_trieu(trieu).unwrap());
    h.state_mut()
        .session_mut()
        .unwrap()
        .apply(giamsat::session::Change::update(
            giamsat::session::ChangeLabel::edit(|t| t.what_amount, ""),
            Record::Allocation(before),
            Record::Allocation(after),
        ))
        .unwrap();
    h.run_steps(3);
}

fn text(h: &Harness<'static, GiamSatApp>, s: &str) {
    h.event(Event::Text(s.into()));
}

#[test]
fn unikey_backspace_then_insert_sequences_are_stored_as_nfc() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Drafting);
    new_cause(&mut h);
    // Unikey (telex) types "Tiếng Việt" by sending Backspaces and re-inserting accented text.
    for step in [
        vec!["T", "i", "e"],
        vec!["\u{8}", "ê", "n", "g"],
        vec!["\u{8}", "\u{8}", "\u{8}", "ế", "n", "g"],
        vec![" ", "V", "i", "e"],
        vec!["\u{8}", "ê", "t"],
        vec!["\u{8}", "\u{8}", "ệ", "t"],
    ] {
        for k in step {
            if k == "\u{8}" {
                h.key_press(Key::Backspace);
            } else {
                text(&h, k);
            }
            h.step();
        }
    }
    h.run_steps(5);
    assert_eq!(cause_text(&mut h), "Tiếng Việt");
    assert_eq!(
        h.get_by_label("Nguyên nhân 1").value().as_deref(),
        Some("Tiếng Việt")
    );
}

#[test]
fn ime_preedit_commit_and_surrounding_text_are_stored() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Drafting);
    new_cause(&mut h);
    // ibus-bamboo / fcitx5: a preedit shown while composing, then the committed word.
    for p in ["t", "ti", "tie", "tiê", "tiên", "tiếng"] {
        h.event(Event::Ime(ImeEvent::Preedit {
            text: p.into(),
            active_range_chars: None,
        }));
        h.step();
    }
    h.event(Event::Ime(ImeEvent::Commit("tiếng".into())));
    h.step();
    text(&h, " ");
    h.step();
    // Surrounding-text mode: the plain letters typed are replaced by the accented word.
    text(&h, "Viet");
    h.step();
    h.event(Event::Ime(ImeEvent::DeleteSurrounding {
        before_chars: 4,
        after_chars: 0,
    }));
    h.event(Event::Ime(ImeEvent::Commit("Việt".into())));
    h.run_steps(6);
    assert_eq!(cause_text(&mut h), "tiếng Việt");
}

#[test]
fn pasted_decomposed_text_is_stored_composed() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Drafting);
    new_cause(&mut h);
    let nfd: String = "Nguồn lực còn hạn chế, nhận thức của một bộ phận người dân chưa đầy đủ."
        .nfd()
        .collect();
    h.event(Event::Paste(nfd.clone()));
    h.run_steps(6);
    let t = cause_text(&mut h);
    assert_eq!(t, nfd.nfc().collect::<String>());
    assert!(
        t.chars().count() < nfd.chars().count(),
        "stored composed, not decomposed"
    );
}

#[test]
fn versions_are_kept_named_compared_and_restored() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Drafting);
    let label = "Nội dung kiến nghị 3";
    let original = stored(&mut h).recommendations[2].text.clone();
    // Name a version of the whole draft as it stands.
    h.get_by_label("Đặt tên phiên bản").click();
    h.run_steps(1);
    h.get_by_label("Đặt tên phiên bản")
        .type_text("bản trình Ban Thường trực");
    h.get_by_label("Lưu phiên bản").click();
    h.run_steps(2);
    let d = stored(&mut h);
    let named = d
        .text_versions
        .iter()
        .filter(|v| v.name == "bản trình Ban Thường trực")
        .count();
    assert_eq!(
        named, 8,
        "every conclusion and recommendation of the round is kept under the name: {:?}",
        d.text_versions
    );

    // Change recommendation 3 and leave the field: an automatic version is kept.
    click(&mut h, label);
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.get_by_label(label)
        .type_text(" Hoàn thành trong quý IV/2023.");
    h.key_press(Key::Tab);
    h.run_steps(4);
    let d = stored(&mut h);
    let changed = d.recommendations[2].text.clone();
    assert!(
        changed.ends_with("Hoàn thành trong quý IV/2023."),
        "{changed}"
    );
    let target = TextTarget::Recommendation(RecommendationId(3));
    assert_eq!(d.versions_of(target).last().unwrap().text, changed);

    // History: compare the named version with the current text, then restore it.
    click(&mut h, label);
    h.get_by_label("Lịch sử").click();
    h.run_steps(2);
    // Two versions: the named one and the automatic one kept on leaving the field.
    assert_eq!(h.query_all_by_label_contains("A — ").count(), 2);
    h.get_by(|n| {
        n.label()
            .is_some_and(|l| l.starts_with("A — ") && l.contains("bản trình Ban Thường trực"))
    })
    .click();
    h.run_steps(2);
    h.get_by_label("So sánh");
    h.get_by_label("Hiện tại");
    // Restore the named version.
    h.get_by(|n| {
        n.label().is_some_and(|l| {
            l.starts_with("Khôi phục — ") && l.contains("bản trình Ban Thường trực")
        })
    })
    .click();
    h.run_steps(3);
    assert_eq!(stored(&mut h).recommendations[2].text, original);
}

#[test]
fn issued_text_is_read_only_until_a_new_version() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Drafting);
    assert!(
        h.query_by_label("Ban hành").is_none(),
        "a draft goes to review before it is issued"
    );
    h.get_by_label("Trình duyệt").click();
    h.run_steps(2);
    assert_eq!(stored(&mut h).rounds[0].draft_status, DraftStatus::Review);
    h.get_by_label("Ban hành").click();
    h.run_steps(2);
    // Issuing asks for the notice's number, the date and who signs; not without a number.
    h.get_by_label("Ban hành và lưu bản đã ban hành").click();
    h.run_steps(2);
    h.get_by_label("Nhập số của thông báo.");
    assert_eq!(stored(&mut h).rounds[0].draft_status, DraftStatus::Review);
    h.get_by_label("Số thông báo").click();
    h.run_steps(1);
    h.get_by_label("Số thông báo").type_text("15");
    h.run_steps(1);
    h.get_by_label("Người ký").click();
    h.run_steps(1);
    h.get_by_label("Người ký").type_text("Hoàng Văn Thụ");
    h.run_steps(1);
    h.get_by_label("Ban hành và lưu bản đã ban hành").click();
    for _ in 0..3000 {
        h.step();
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(2);
    let d = stored(&mut h);
    assert_eq!(
        d.rounds[0].draft_status,
        DraftStatus::Issued,
        "{:?}",
        h.state().toast_messages()
    );
    assert_eq!(
        d.rounds[0].issued_on,
        chrono::NaiveDate::from_ymd_opt(2024, 1, 15)
    );
    // The notice and the report are kept as issued, with the number and the signer.
    let kinds: Vec<DocKind> = d.issued_documents.iter().map(|x| x.kind).collect();
    assert_eq!(kinds, [DocKind::ThongBao, DocKind::BaoCao]);
    assert_eq!(d.issued_documents[0].number_line, "Số: 15/TB-MTTQ-BTT");
    assert_eq!(d.issued_documents[1].signer, "Hoàng Văn Thụ");
    assert!(
        h.state()
            .toast_messages()
            .iter()
            .any(|m| m.contains("Đã ban hành và lưu 2 văn bản")),
        "{:?}",
        h.state().toast_messages()
    );
    h.get_by_label_contains("Văn bản đã ban hành");
    // Typing into issued text changes nothing.
    let before = d.recommendations[0].text.clone();
    click(&mut h, "Nội dung kiến nghị 1");
    h.get_by_label("Nội dung kiến nghị 1").type_text(" sửa");
    h.run_steps(5);
    assert_eq!(stored(&mut h).recommendations[0].text, before);
    // The kind and amount were issued with the text; the status moves on the follow-up board.
    assert!(
        h.get_by_label("Loại kiến nghị — Nội dung kiến nghị 1")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        h.query_by_label("Trạng thái — Nội dung kiến nghị 1")
            .is_none()
    );
    // Its figures are locked too.
    let before_alloc = d.allocations[0].clone();
    let mut changed = before_alloc.clone();
    changed.note = "sửa".into();
    let err = h
        .state_mut()
        .session_mut()
        .unwrap()
        .apply(giamsat::session::Change::update(
            giamsat::session::ChangeLabel::edit(|t| t.what_round, ""),
            Record::Allocation(before_alloc),
            Record::Allocation(changed),
        ))
        .unwrap_err();
    assert!(err.message(giamsat::i18n::Lang::Vi).contains("đã khóa"));
    // On the data screen the locked figures cannot be typed into, and the screen says why.
    let ctx = h.ctx.clone();
    h.state_mut()
        .run_command(&ctx, giamsat::ui::Command::ViewData);
    h.state_mut()
        .set_section(giamsat::ui::DataSection::Allocations);
    h.run_steps(3);
    h.get_by_label_contains("Số liệu thuộc đợt giám sát đã ban hành bị khóa");
    let cells: Vec<(Option<String>, bool)> = h
        .query_all_by_label_contains("huyện Hữu Lũng, 2023")
        .map(|n| {
            let node = n.accesskit_node();
            (node.label(), node.is_disabled() || node.is_read_only())
        })
        .collect();
    assert!(
        cells.len() >= 8 && cells.iter().all(|(_, locked)| *locked),
        "{cells:?}"
    );
    h.state_mut()
        .run_command(&ctx, giamsat::ui::Command::ViewDrafting);
    h.run_steps(3);
    // A new version reopens the draft, once a reason is given, and keeps what was issued.
    h.get_by_label("Tạo phiên bản mới để sửa").click();
    h.run_steps(2);
    assert!(
        h.get_by_label("Mở khóa").accesskit_node().is_disabled(),
        "no unlocking without a reason"
    );
    h.get_by_label("Lý do mở khóa")
        .type_text("Sửa số liệu theo báo cáo bổ sung");
    h.run_steps(1);
    h.get_by_label("Mở khóa").click();
    h.run_steps(2);
    let d = stored(&mut h);
    assert_eq!(d.rounds[0].draft_status, DraftStatus::Draft);
    let log: Vec<(LockAction, &str)> = d
        .round_events
        .iter()
        .map(|e| (e.action, e.reason.as_str()))
        .collect();
    assert_eq!(
        log,
        vec![
            (LockAction::Issued, ""),
            (LockAction::Unlocked, "Sửa số liệu theo báo cáo bổ sung")
        ]
    );
    h.get_by_label("Nhật ký khóa (2)");
    assert!(
        d.text_versions
            .iter()
            .any(|v| v.name.starts_with("Bản đã ban hành ngày"))
    );
    // Unlocked, a figure the issued report quotes is corrected: the round lists it.
    assert!(
        h.query_by_label_contains("Số liệu đã thay đổi so với văn bản")
            .is_none()
    );
    set_amount(&mut h, 0, 470);
    h.get_by_label_contains("Số liệu đã thay đổi so với văn bản đã ban hành");
    h.get_by_label_contains("văn bản đã ban hành nêu 468, số liệu nay là 470");
    click(&mut h, "Nội dung kiến nghị 1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.get_by_label("Nội dung kiến nghị 1")
        .type_text(" Bổ sung.");
    h.run_steps(5);
    assert!(stored(&mut h).recommendations[0].text.ends_with("Bổ sung."));
}

#[test]
fn a_figure_from_the_data_is_inserted_at_the_cursor() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Drafting);
    new_cause(&mut h);
    h.get_by_label("Nguyên nhân 1")
        .type_text("Năm 2023 huyện được phân bổ ");
    h.run_steps(5);
    h.get_by_label("Sẽ chèn: 494 triệu đồng");
    h.get_by_label("Chèn vào văn bản").click();
    h.run_steps(3);
    assert!(
        h.get_by_label("Nguyên nhân 1").is_focused(),
        "the cursor goes back to the text"
    );
    h.get_by_label("Nguyên nhân 1").type_text(".");
    h.run_steps(5);
    assert_eq!(
        cause_text(&mut h),
        "Năm 2023 huyện được phân bổ 494 triệu đồng."
    );
    // The figure is kept tied to the data: what it counts and where its words stand, moving
    // with the text typed before it (as Unikey types: a letter, a backspace, the marked one).
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    h.run_steps(1);
    text(&h, "Trong na");
    h.key_press(Key::Backspace);
    text(&h, "ă");
    text(&h, "m qua, ");
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(5);
    let cause = |d: &Dossier| {
        d.conclusions
            .iter()
            .find(|c| c.kind == ConclusionKind::Cause)
            .unwrap()
            .clone()
    };
    let c = cause(&stored(&mut h));
    assert_eq!(
        c.text,
        "Trong năm qua, Năm 2023 huyện được phân bổ 494 triệu đồng."
    );
    assert_eq!(c.figures.len(), 1, "{c:?}");
    assert!(c.figures[0].holds_in(&c.text));
    assert_eq!(c.figures[0].area, giamsat::sample::HUU_LUNG);
    assert!(h.query_by_label_contains("→").is_none());
    // The district reports 520 for 2023: the text is not changed, it is marked, with why.
    set_amount(&mut h, 1, 520);
    assert_eq!(cause(&stored(&mut h)).text, c.text);
    h.get_by_label("Số liệu đã đổi: 494 triệu đồng → 520 triệu đồng");
    h.get_by_label_contains("huyện Hữu Lũng 2023");
    h.get_by_label_contains("1 số liệu đã chèn nay khác dữ liệu");
    click(&mut h, "Cập nhật — Nguyên nhân 1");
    h.run_steps(3);
    let c = cause(&stored(&mut h));
    assert_eq!(
        c.text,
        "Trong năm qua, Năm 2023 huyện được phân bổ 520 triệu đồng."
    );
    assert!(c.figures[0].holds_in(&c.text));
    assert!(h.query_by_label_contains("→").is_none());
    // Undo brings the words and the tie back together.
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, giamsat::ui::Command::Undo);
    h.run_steps(3);
    let c = cause(&stored(&mut h));
    assert!(c.text.ends_with("494 triệu đồng."), "{}", c.text);
    assert_eq!(c.figures.len(), 1);
    assert!(c.figures[0].holds_in(&c.text));
    h.get_by_label("Số liệu đã đổi: 494 triệu đồng → 520 triệu đồng");
    // Typed over by hand, the number is the user's own text: no longer tied.
    click(&mut h, "Nguyên nhân 1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    for _ in 0..16 {
        h.key_press(Key::Backspace);
    }
    text(&h, "500 triệu đồng.");
    h.key_press(Key::Tab);
    h.run_steps(5);
    let c = cause(&stored(&mut h));
    assert!(c.text.ends_with("500 triệu đồng."), "{}", c.text);
    assert!(c.figures.is_empty(), "{c:?}");
}

#[test]
fn a_phrase_from_the_library_is_inserted_and_the_library_is_editable() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Drafting);
    new_cause(&mut h);
    h.get_by_label("Câu mẫu").click();
    h.run_steps(2);
    click(&mut h, "Chèn — Câu mẫu 4");
    h.run_steps(1);
    assert!(cause_text(&mut h).contains("Việc phân bổ, giải ngân vốn còn chậm so với kế hoạch."));
    click(&mut h, "Thêm câu mẫu");
    assert_eq!(stored(&mut h).phrases.len(), 9);
}

fn follow_up_file(dir: &Path) -> PathBuf {
    let mut d = giamsat::sample::lang_son();
    d.recommendations[0].deadline = chrono::NaiveDate::from_ymd_opt(2023, 12, 31);
    d.recommendations[1].deadline = chrono::NaiveDate::from_ymd_opt(2024, 6, 30);
    d.recommendations[2].deadline = chrono::NaiveDate::from_ymd_opt(2023, 10, 1);
    d.recommendations[2].status = RecommendationStatus::Done;
    d.recommendations[2].addressees = vec!["UBND huyện Chi Lăng".into()];
    let path = dir.join("theo-doi.giamsat");
    ProjectFile::create(&path, &d).unwrap();
    path
}

#[test]
fn follow_up_filters_overdue_and_records_responses() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = follow_up_file(dir.path());
    let mut h = app_on(home.path(), Some(path.clone()), View::FollowUp);
    h.get_by_label("3 / 3 dòng");
    // Overdue on 15/01/2024: recommendation 1 (31/12/2023, open). Recommendation 3 is past its
    // deadline too but done, so it is not overdue.
    h.get_by_label("31/12/2023 — quá hạn");
    assert!(h.query_by_label("01/10/2023 — quá hạn").is_none());
    h.get_by_label("Chỉ kiến nghị quá hạn").click();
    h.run_steps(2);
    h.get_by_label("1 / 3 dòng");
    h.get_by_label("Chỉ kiến nghị quá hạn").click();
    h.run_steps(2);
    // By addressee: only recommendations 1 and 2 go to Hữu Lũng.
    h.get_by(|n| {
        n.role() == egui::accesskit::Role::ComboBox && n.label().as_deref() == Some("Gửi đến")
    })
    .click();
    h.run_steps(2);
    // The option in the list, not the body's row in the rates.
    h.get_all_by_label("UBND huyện Hữu Lũng")
        .find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label)
        .unwrap()
        .click();
    h.run_steps(2);
    h.get_by_label("2 / 3 dòng");

    // Record a response to recommendation 1.
    h.get_by_label_contains("Kiến nghị 1: Tiếp tục tham mưu")
        .click();
    h.run_steps(2);
    h.get_by_label("Ngày").click();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Ngày").type_text("10/01/2024");
    h.get_by_label("Nội dung cơ quan báo cáo").click();
    h.get_by_label("Nội dung cơ quan báo cáo")
        .type_text("Huyện ủy đã ban hành kế hoạch thực hiện.");
    h.get_by_label("Văn bản chứng minh").click();
    h.get_by_label("Văn bản chứng minh")
        .type_text("Báo cáo số 05/BC-UBND ngày 10/01/2024");
    h.run_steps(1);
    h.get_all_by_label("Thêm phản hồi").last().unwrap().click();
    h.run_steps(2);
    h.state_mut().session_mut().unwrap().flush().unwrap();
    let d = ProjectFile::open_and_load(&path, Access::ReadOnly)
        .unwrap()
        .1;
    let r = &d.recommendations[0];
    assert_eq!(r.responses.len(), 1);
    assert_eq!(
        r.responses[0].date,
        chrono::NaiveDate::from_ymd_opt(2024, 1, 10).unwrap()
    );
    assert_eq!(
        r.responses[0].evidence,
        "Báo cáo số 05/BC-UBND ngày 10/01/2024"
    );
    h.get_by_label("Huyện ủy đã ban hành kế hoạch thực hiện.");
}

#[test]
fn search_finds_text_with_or_without_diacritics() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Data);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Tìm trong mọi văn bản")
        .type_text("huu lung");
    h.run_steps(2);
    let found = h.query_all_by_label_contains("kết quả").count();
    assert_eq!(found, 1);
    h.get_by_label_contains("UBND huyện Hữu Lũng đã kiểm tra, giám sát trực tiếp");
    h.get_by_label("Không phân biệt dấu").click();
    h.run_steps(2);
    h.get_by_label("Không tìm thấy.");
}

#[test]
fn the_figure_check_asks_before_review_and_issuing_and_the_answer_is_kept() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_on(home.path(), None, View::Drafting);
    {
        let s = h.state_mut().session_mut().unwrap();
        let c = s.dossier().conclusions[0].clone();
        let change = s.text_change(
            RoundId(1),
            TextTarget::Conclusion(c.id),
            "Năm 2022 huyện Hữu Lũng được phân bổ 486 triệu đồng.",
            true,
        );
        s.apply(change).unwrap();
    }
    h.run_steps(2);
    // On demand.
    h.get_by_label("Kiểm tra số liệu").click();
    h.run_steps(2);
    h.get_by_label("Kiểm tra số liệu: 1 điểm cần xem");
    h.get_by_label_contains("Đánh giá chung 1, đoạn 1: 486 triệu đồng — ");
    h.get_by_label_contains("gần với vốn phân bổ 2022 huyện Hữu Lũng: 468");
    // A recommendation that names 486 triệu đồng makes it a figure of the round: the check
    // reads it at once, though no figure of the data changed.
    {
        let s = h.state_mut().session_mut().unwrap();
        let before = s.dossier().recommendations[0].clone();
        let mut after = before.clone();
        after.kind = RecommendationKind::Financial;
        after.amount_dong = Some(Dong::from_trieu(486).unwrap());
        s.apply(giamsat::session::Change::update(
            giamsat::session::ChangeLabel::edit(|t| t.what_recommendation, ""),
            Record::Recommendation(before.clone()),
            Record::Recommendation(after),
        ))
        .unwrap();
        h.run_steps(2);
        h.get_by_label("Kiểm tra số liệu: không có điểm nào cần xem.");
        let s = h.state_mut().session_mut().unwrap();
        let now = s.dossier().recommendations[0].clone();
        s.apply(giamsat::session::Change::update(
            giamsat::session::ChangeLabel::edit(|t| t.what_recommendation, ""),
            Record::Recommendation(now),
            Record::Recommendation(before),
        ))
        .unwrap();
        h.run_steps(2);
    }
    h.get_by_label("Kiểm tra số liệu: 1 điểm cần xem");
    h.get_by_label("Đóng").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Kiểm tra số liệu: 1 điểm cần xem")
            .is_none()
    );
    // Before review: asked once.
    h.get_by_label("Trình duyệt").click();
    h.run_steps(2);
    assert_eq!(stored(&mut h).rounds[0].draft_status, DraftStatus::Draft);
    h.get_by_label("Kiểm tra số liệu: 1 điểm cần xem");
    h.get_by_label("Vẫn trình duyệt").click();
    h.run_steps(2);
    assert_eq!(stored(&mut h).rounds[0].draft_status, DraftStatus::Review);
    // Issuing: the list again, and a tick to go on, kept in the lock log.
    h.get_by_label("Ban hành").click();
    h.run_steps(2);
    h.get_by_label("Số thông báo").click();
    h.run_steps(1);
    h.get_by_label("Số thông báo").type_text("15");
    h.run_steps(1);
    h.get_by_label("Ban hành và lưu bản đã ban hành").click();
    h.run_steps(2);
    h.get_by_label_contains("đánh dấu “vẫn ban hành”");
    assert_eq!(stored(&mut h).rounds[0].draft_status, DraftStatus::Review);
    h.get_by_label("Đã xem các điểm trên, vẫn ban hành (ghi vào nhật ký khóa)")
        .click();
    h.run_steps(1);
    h.get_by_label("Ban hành và lưu bản đã ban hành").click();
    for _ in 0..3000 {
        h.step();
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(2);
    let d = stored(&mut h);
    assert_eq!(d.rounds[0].draft_status, DraftStatus::Issued);
    let issued = d
        .round_events
        .iter()
        .find(|e| e.action == LockAction::Issued)
        .unwrap();
    assert!(
        issued
            .reason
            .contains("Ban hành khi kiểm tra số liệu còn 1 điểm cần xem"),
        "{}",
        issued.reason
    );
}

#[test]
fn a_figure_inserted_from_the_english_window_is_written_in_vietnamese() {
    let home = tempfile::tempdir().unwrap();
    let mut h = app_in(
        home.path(),
        None,
        View::Drafting,
        Some(giamsat::i18n::Lang::En),
    );
    h.get_by_label("Add — Cause").click();
    h.run_steps(3);
    // The document is Vietnamese: so is what goes into it, and the preview says so.
    h.get_by_label("Will insert: 494 triệu đồng");
    h.get_by_label("Insert into the text").click();
    h.run_steps(3);
    let d = stored(&mut h);
    let c = d
        .conclusions
        .iter()
        .find(|c| c.kind == ConclusionKind::Cause)
        .unwrap();
    assert_eq!(c.text, "494 triệu đồng");
    assert_eq!(c.figures[0].lang, giamsat::i18n::Lang::Vi);
}
