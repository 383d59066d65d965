//! A copy pulled to work offline is checked back in from the window (File → Check in to the
//! server…): what it changed goes through the same version checks and the same conflict view
//! as a live change, and the file then follows the server. A file that is not a copy of the
//! project is refused and left where it is. Against a real PostgreSQL (see `server.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::server::{db, pushed};
use crate::server_window::window::{app, wait_for};
use crate::server_window::{all_sent, edit_recommendation, set_notes, two_editors, wait_until};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use giamsat::model::{Dossier, Edit, Record, Table};
use giamsat::session::{Origin, Session};
use giamsat::settings::AppPaths;
use giamsat::store::server::{Address, Role as ServerRole, Server};
use giamsat::store::{Access, ProjectFile, ServerOrigin};
use std::path::Path;

/// A copy of the project at `address` in `dest`, as `giamsat server pull` makes it.
fn pull(address: &Address, dest: &Path) {
    let mut s = Server::connect(address).unwrap();
    let id = address.project.unwrap();
    let (loaded, contents) = s.load_with_contents(id).unwrap();
    let mut f = ProjectFile::create_with_content(dest, &loaded.dossier, &contents).unwrap();
    f.set_server_origin(&ServerOrigin::at(address.database(), id, loaded.seq))
        .unwrap();
}

/// Changes made in the copy on another day, GiamSat closed.
fn edit_copy(path: &Path, edits: impl FnOnce(&Dossier) -> Vec<Edit>) {
    let (mut f, d) = ProjectFile::open_and_load(path, Access::ReadWrite).unwrap();
    f.apply_edits(&edits(&d)).unwrap();
}

fn on_server(address: &Address) -> Dossier {
    Server::connect(address)
        .unwrap()
        .load(address.project.unwrap())
        .unwrap()
        .dossier
}

fn with_recommendation_text(d: &Dossier, text: &str) -> Edit {
    let mut r = d.recommendations[0].clone();
    r.text = text.into();
    Edit::update(
        Record::Recommendation(d.recommendations[0].clone()),
        Record::Recommendation(r),
    )
}

fn with_notes(d: &Dossier, notes: &str) -> Edit {
    let mut info = d.info.clone();
    info.notes = notes.into();
    Edit::update(Record::Info(d.info.clone()), Record::Info(info))
}

fn new_phrase(d: &Dossier, id: i64, text: &str) -> Edit {
    let mut p = d.phrases[0].clone();
    p.id = giamsat::model::PhraseId(id);
    p.text = text.into();
    p.position = 99;
    Edit::insert(Record::Phrase(p))
}

/// Someone else's copy, another project's, a plain file and a reader: each refused with what
/// is wrong, the file left where it was, as it was.
#[test]
fn a_check_in_that_cannot_be_done_says_why_and_leaves_the_file_alone() {
    let Some(t) = db("a_check_in_that_cannot_be_done_says_why") else {
        return;
    };
    let (an, _) = two_editors(&t);
    let other = pushed(&an, &giamsat::sample::lang_son());
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("ban-sao.giamsat");
    pull(&an, &copy);
    edit_copy(&copy, |d| vec![with_notes(d, "ghi ở huyện")]);
    let bytes = std::fs::read(&copy).unwrap();
    let data = tempfile::tempdir().unwrap();

    let e = Session::check_in(&other, data.path(), &copy).err().unwrap();
    assert!(
        e.vi.contains(&format!("không phải dự án {}", other.project.unwrap()))
            && e.en
                .contains(&format!("not of project {}", other.project.unwrap())),
        "{e}"
    );
    let plain = dir.path().join("rieng.giamsat");
    ProjectFile::create(&plain, &giamsat::sample::lang_son()).unwrap();
    let e = Session::check_in(&an, data.path(), &plain).err().unwrap();
    assert!(e.vi.contains("không phải bản sao lấy từ máy chủ"), "{e}");
    assert!(
        e.en.contains("is not a copy pulled from a server"),
        "{}",
        e.en
    );
    let reader = t.person("chi", ServerRole::Reader);
    Server::connect(&t.admin())
        .unwrap()
        .grant(an.project.unwrap(), &reader.user())
        .unwrap();
    let e = Session::check_in(
        &reader.with_project(an.project.unwrap()),
        data.path(),
        &copy,
    )
    .err()
    .unwrap();
    assert!(e.vi.contains("chỉ có quyền xem"), "{e}");
    assert!(e.en.contains("may only read"), "{}", e.en);

    assert_eq!(
        std::fs::read(&copy).unwrap(),
        bytes,
        "the copy is untouched"
    );
    assert!(plain.exists());
    assert_ne!(on_server(&an).info.notes, "ghi ở huyện", "nothing was sent");
}

/// Bình pulled a copy and worked on it offline; An changed the same recommendation on the
/// server meanwhile. Bình opens the copy, checks it in from the File menu: the dialog knows the
/// server and project, a wrong password says so and gives the file back, the right one sends
/// his changes, the conflict view asks about the recommendation, and his choice lands.
#[test]
fn a_pulled_copy_is_checked_in_from_the_window_through_the_conflict_view() {
    let Some(t) = db("a_pulled_copy_is_checked_in_from_the_window") else {
        return;
    };
    let (an, binh) = two_editors(&t);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("ban-sao-binh.giamsat");
    pull(&binh, &copy);
    edit_copy(&copy, |d| {
        vec![
            with_notes(d, "Bình ghi khi đi huyện"),
            with_recommendation_text(d, "Bản sao của Bình"),
            new_phrase(d, d.next_id(Table::Phrases), "Câu mẫu Bình thêm ở huyện"),
        ]
    });
    let dir_a = tempfile::tempdir().unwrap();
    let mut a = Session::open_server(&an, dir_a.path()).unwrap();
    wait_until(&mut a, "An online", all_sent);
    edit_recommendation(&mut a, |r| r.text = "Bản của An".into());
    set_notes(&mut a, "An ghi");
    // An adds a phrase too, under the number Bình's copy gave its own.
    wait_until(&mut a, "An's ids", Session::has_reserved_ids);
    let id = a.new_id(Table::Phrases);
    let copied = ProjectFile::open_read_only(&copy).unwrap().load().unwrap();
    assert!(
        copied
            .phrases
            .iter()
            .any(|p| p.id.0 == id && p.text == "Câu mẫu Bình thêm ở huyện"),
        "An's new phrase takes the very number Bình's copy gave its own"
    );
    let d = a.dossier().clone();
    a.apply(giamsat::session::Change::new(
        giamsat::session::ChangeLabel::add(|t| t.what_amount, "câu mẫu"),
        vec![new_phrase(&d, id, "Câu mẫu An thêm ở tỉnh")],
    ))
    .unwrap();
    wait_until(&mut a, "An's changes sent", all_sent);
    let phrases_before = on_server(&an).phrases.len();

    // Bình's window remembers the server (never the password), as after an earlier opening.
    let home = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(home.path());
    let mut settings = giamsat::settings::load(&paths).0;
    settings.add_server(&binh.as_user(&binh.user(), None));
    giamsat::settings::save(&paths, &settings).unwrap();
    let mut h = app(home.path());
    let ctx = h.ctx.clone();
    h.state_mut().open_path(&ctx, copy.clone());
    wait_for(&mut h, "the copy open", |h| {
        h.state()
            .session()
            .is_some_and(|s| s.pulled_from().is_some())
    });
    assert!(
        h.query_by_label_contains("Bản sao của dự án").is_some(),
        "the status bar says the file is a pulled copy"
    );
    h.get_by_label("Tệp").click();
    h.run_steps(2);
    h.get_by_label("Đưa bản sao lên máy chủ…").click();
    h.run_steps(3);
    assert!(h.query_by_label("Đưa bản sao trở lại máy chủ").is_some());
    let address = h.get_by_role_and_label(Role::TextInput, "Địa chỉ").value();
    assert_eq!(
        address.as_deref(),
        Some(binh.as_user(&binh.user(), None).to_string().as_str()),
        "the copy's server and project, as Bình logged in there"
    );

    // A wrong password: said in the dialog, and the file is open again as it was.
    h.get_by_role_and_label(Role::PasswordInput, "Mật khẩu")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::PasswordInput, "Mật khẩu")
        .type_text("sai-mat-khau");
    h.run_steps(2);
    h.get_by_label("Đưa lên").click();
    wait_for(&mut h, "the copy open again", |h| {
        !h.state().is_busy()
            && h.state()
                .session()
                .is_some_and(|s| s.user_path() == Some(copy.as_path()))
    });
    assert!(h.query_by_label("Đưa bản sao trở lại máy chủ").is_some());
    assert_eq!(
        h.state().session().unwrap().dossier().info.notes,
        "Bình ghi khi đi huyện"
    );
    assert_ne!(on_server(&an).info.notes, "Bình ghi khi đi huyện");

    // The right one: his notes go at once, the recommendation waits for his choice.
    h.get_by_role_and_label(Role::PasswordInput, "Mật khẩu")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::PasswordInput, "Mật khẩu")
        .type_text(crate::server::PASSWORD);
    h.run_steps(2);
    h.get_by_label("Đưa lên").click();
    wait_for(&mut h, "the conflict view", |h| {
        h.query_by_label("Người khác đã sửa cùng chỗ").is_some()
    });
    let s = h.state().session().unwrap();
    assert_eq!(
        s.origin(),
        &Origin::Server {
            address: binh.to_string(),
            copy: copy.clone()
        },
        "the window works on the server through the copy itself"
    );
    assert!(h.query_by_label_contains("Bản của An").is_some());
    assert_eq!(
        on_server(&an).recommendations[0].text,
        "Bản của An",
        "nothing of Bình's is written over An's before he chooses"
    );
    h.get_by_label("Giữ hết của tôi").click();
    h.run_steps(2);
    h.get_by_label("Ghi theo lựa chọn").click();
    h.run_steps(2);
    wait_for(&mut h, "Bình's choice on the server", |h| {
        h.state().session().is_some_and(all_sent)
    });
    let now = on_server(&an);
    assert_eq!(now.recommendations[0].text, "Bản sao của Bình");
    assert_eq!(now.info.notes, "Bình ghi khi đi huyện");
    // Both new phrases stay: Bình's moved to a number of its own.
    assert_eq!(now.phrases.len(), phrases_before + 1);
    for text in ["Câu mẫu An thêm ở tỉnh", "Câu mẫu Bình thêm ở huyện"] {
        assert!(now.phrases.iter().any(|p| p.text == text), "{text}");
    }
    wait_until(&mut a, "Bình's check-in at An's", |a| {
        a.dossier().recommendations[0].text == "Bản sao của Bình"
    });

    // Closed, the file holds the server's project and knows how far it is.
    let last = Server::connect(&an)
        .unwrap()
        .last_seq(an.project.unwrap())
        .unwrap();
    wait_for(&mut h, "the copy's mark at the server's last change", |h| {
        h.state().session().and_then(Session::copy_mark) == Some(last)
    });
    h.state_mut().session_mut().unwrap().flush().unwrap();
    drop(h);
    let (f, d) = ProjectFile::open_and_load(&copy, Access::ReadOnly).unwrap();
    assert_eq!(d, on_server(&an));
    assert_eq!(f.server_origin().unwrap().unwrap().seq, last);
}

/// A command run on the server's project (here `attach` from the command line, by Bình)
/// numbers what it adds from ids reserved for it: An's window, holding a block of ids from
/// before, then attaches a file of its own without the two being taken for one.
#[test]
fn a_command_on_the_server_never_takes_an_id_a_window_holds() {
    let Some(t) = db("a_command_on_the_server_never_takes_an_id") else {
        return;
    };
    let (an, binh) = two_editors(&t);
    let dir = tempfile::tempdir().unwrap();
    let mut a = Session::open_server(&an, dir.path()).unwrap();
    wait_until(&mut a, "An online with ids", |a| {
        all_sent(a) && a.has_reserved_ids()
    });
    let proof = dir.path().join("bien-ban.txt");
    std::fs::write(&proof, "Biên bản làm việc với UBND huyện Chi Lăng").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args([
            "attach",
            &binh.to_string(),
            "--recommendation",
            "1",
            proof.to_str().unwrap(),
        ])
        .env("PGPASSWORD", crate::server::PASSWORD)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    wait_until(&mut a, "Bình's file at An's", |a| {
        a.dossier().attachments.len() == 1
    });
    let theirs = a.dossier().attachments[0].id;
    // The command says the number the file has on the server.
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains(&format!("mã tệp {}", theirs.0)), "{said}");
    // An attaches one too, numbered from his window's block.
    let photo = dir.path().join("anh.txt");
    std::fs::write(&photo, "Ảnh chụp buổi làm việc").unwrap();
    let prepared = giamsat::store::attachments::prepare(&photo, &dir.path().join("stage")).unwrap();
    let id = giamsat::model::AttachmentId(a.new_id(giamsat::model::Table::Attachments));
    assert_ne!(id, theirs);
    let file = prepared.attachment(
        id,
        a.dossier().recommendations[0].id,
        chrono::Local::now().naive_local(),
        "an",
    );
    a.attach(
        giamsat::session::ChangeLabel::add(|t| t.what_attachment, ""),
        file,
        prepared.content.clone(),
    )
    .unwrap();
    wait_until(&mut a, "An's file sent", |a| {
        all_sent(a) || a.held_conflict().is_some()
    });
    assert!(a.held_conflict().is_none(), "no clash with Bình's file");
    let now = on_server(&an);
    assert_eq!(now.attachments.len(), 2);
}

/// In English the dialog's errors, the status bar and the check-in are in English too,
/// though the server's answer is made far from the window.
#[test]
fn the_server_dialog_speaks_the_window_s_language() {
    let Some(t) = db("the_server_dialog_speaks_english") else {
        return;
    };
    let (_, binh) = two_editors(&t);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.giamsat");
    pull(&binh, &copy);
    let home = tempfile::tempdir().unwrap();
    let mut c = giamsat::ui::AppConfig::new(AppPaths::in_dir(home.path()));
    c.native_dialogs = None;
    c.lang = Some(giamsat::i18n::Lang::En);
    let mut h = egui_kittest::Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |cc| giamsat::ui::GiamSatApp::new(&cc.egui_ctx, c));
    h.run_steps(2);
    let ctx = h.ctx.clone();
    h.state_mut().open_path(&ctx, copy.clone());
    wait_for(&mut h, "the copy open", |h| {
        h.state()
            .session()
            .is_some_and(|s| s.pulled_from().is_some())
    });
    assert!(h.query_by_label_contains("Copy of project").is_some());
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Check in to the server…").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("Check this copy back in to the server")
            .is_some()
    );
    // The copy's server and project are filled in; a wrong password is refused.
    let shown = h.get_by_role_and_label(Role::TextInput, "Address").value();
    assert!(
        shown
            .as_deref()
            .is_some_and(|a| a.ends_with(&format!("?project={}", binh.project.unwrap()))),
        "{shown:?}"
    );
    h.get_by_role_and_label(Role::PasswordInput, "Password")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::PasswordInput, "Password")
        .type_text("wrong-password");
    h.run_steps(2);
    h.get_by_label("Check in").click();
    wait_for(&mut h, "the copy open again", |h| {
        !h.state().is_busy() && h.state().session().is_some()
    });
    assert!(
        h.query_by_label_contains("could not connect to the server")
            .is_some(),
        "the server's refusal in English"
    );
    assert!(h.query_by_label_contains("không kết nối").is_none());
}

/// A check-in the server took but whose copy was not brought up to date (the connection cut
/// before): checking the copy in again sends nothing twice — the new phrase it added stays one
/// phrase, even after someone else changed it meanwhile.
#[test]
fn a_check_in_repeated_after_a_cut_adds_nothing_twice() {
    let Some(t) = db("a_check_in_repeated_after_a_cut") else {
        return;
    };
    let (an, binh) = two_editors(&t);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("ban-sao.giamsat");
    pull(&binh, &copy);
    let pulled = ProjectFile::open_read_only(&copy)
        .unwrap()
        .server_origin()
        .unwrap()
        .unwrap();
    edit_copy(&copy, |d| {
        vec![new_phrase(
            d,
            d.next_id(Table::Phrases),
            "Câu mẫu thêm ở huyện",
        )]
    });
    let push = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_giamsat"))
            .args(["server", "push", copy.to_str().unwrap(), &binh.to_string()])
            .env("PGPASSWORD", crate::server::PASSWORD)
            .output()
            .unwrap()
    };
    let out = push();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count = |d: &Dossier| {
        d.phrases
            .iter()
            .filter(|p| p.text.starts_with("Câu mẫu thêm ở huyện"))
            .count()
    };
    assert_eq!(count(&on_server(&an)), 1);
    // As if the copy had not been brought up to date: its mark still at the pull.
    {
        let mut f = ProjectFile::open(&copy).unwrap();
        f.set_server_origin(&pulled).unwrap();
    }
    // Someone changes the phrase on the server meanwhile.
    let dir_a = tempfile::tempdir().unwrap();
    let mut a = Session::open_server(&an, dir_a.path()).unwrap();
    wait_until(&mut a, "An online", all_sent);
    let p = a
        .dossier()
        .phrases
        .iter()
        .find(|p| p.text == "Câu mẫu thêm ở huyện")
        .unwrap()
        .clone();
    let mut changed = p.clone();
    changed.text = "Câu mẫu thêm ở huyện, An sửa".into();
    a.apply(giamsat::session::Change::update(
        giamsat::session::ChangeLabel::edit(|t| t.what_amount, "câu mẫu"),
        Record::Phrase(p),
        Record::Phrase(changed),
    ))
    .unwrap();
    wait_until(&mut a, "An's change sent", all_sent);
    let out = push();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let now = on_server(&an);
    assert_eq!(count(&now), 1, "one phrase, not two");
    assert!(
        now.phrases
            .iter()
            .any(|p| p.text == "Câu mẫu thêm ở huyện, An sửa")
    );
    let (_, d) = ProjectFile::open_and_load(&copy, Access::ReadOnly).unwrap();
    assert_eq!(d, now, "the copy holds the server's project again");
}
