//! The window's session on a project from a team server, against a real PostgreSQL (see
//! `server.rs` for how the server is found): two people see each other's changes as they are
//! made, a change that meets someone else's is held until the person chooses field by field,
//! a lost connection keeps what is typed and sends it when the server is back, and a copy left
//! with unsent changes sends them the next time it is opened.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::server::{TestDb, db, pushed};
use giamsat::model::Record;
use giamsat::session::{Change, ChangeLabel, Choice, LinkState, ReadOnlyReason, Session};
use giamsat::store::server::{Address, Role, Server};
use std::time::{Duration, Instant};

/// Polls the session as the window does each frame until `done` holds (60 s at most: under
/// Wine on a busy CI machine a reconnect and its TLS handshake took over 15 s once).
pub(crate) fn wait_until(s: &mut Session, what: &str, done: impl Fn(&Session) -> bool) {
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        s.poll_writes();
        s.poll_team();
        if done(s) {
            return;
        }
        assert!(Instant::now() < until, "waited 60 s for {what}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

pub(crate) fn all_sent(s: &Session) -> bool {
    s.team_status()
        .is_some_and(|t| t.state == LinkState::Online && t.waiting == 0)
}

/// Sets the project's notes, as typing in the general screen does.
pub(crate) fn set_notes(s: &mut Session, notes: &str) {
    let d = s.dossier().clone();
    let mut info = d.info.clone();
    info.notes = notes.to_string();
    s.apply(Change::update(
        ChangeLabel::edit(|t| t.what_amount, "ghi chú hồ sơ"),
        Record::Info(d.info.clone()),
        Record::Info(info),
    ))
    .unwrap();
}

/// Changes the first recommendation with `f`.
pub(crate) fn edit_recommendation(
    s: &mut Session,
    f: impl FnOnce(&mut giamsat::model::Recommendation),
) {
    let before = s.dossier().recommendations[0].clone();
    let mut after = before.clone();
    f(&mut after);
    s.apply(Change::update(
        ChangeLabel::edit(|t| t.what_amount, "kiến nghị 1"),
        Record::Recommendation(before),
        Record::Recommendation(after),
    ))
    .unwrap();
}

/// A project on the server two editors may work on, and their addresses.
pub(crate) fn two_editors(t: &TestDb) -> (Address, Address) {
    let an = t.person("an", Role::Editor);
    let binh = t.person("binh", Role::Editor);
    let project = pushed(&an, &giamsat::sample::lang_son());
    let id = project.project.unwrap();
    assert!(
        Server::connect(&t.admin())
            .unwrap()
            .grant(id, &binh.user())
            .unwrap()
    );
    (project, binh.with_project(id))
}

/// An's and Bình's windows on one project, each with a data folder of its own, both online.
struct Pair {
    an: Address,
    binh: Address,
    a: Session,
    b: Session,
    dir_a: tempfile::TempDir,
    dir_b: tempfile::TempDir,
}

fn two_windows(t: &TestDb) -> Pair {
    let (an, binh) = two_editors(t);
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = Session::open_server(&an, dir_a.path()).unwrap();
    let mut b = Session::open_server(&binh, dir_b.path()).unwrap();
    wait_until(&mut a, "An online", all_sent);
    wait_until(&mut b, "Bình online", all_sent);
    Pair {
        an,
        binh,
        a,
        b,
        dir_a,
        dir_b,
    }
}

#[test]
fn two_people_see_each_others_changes_as_they_are_made() {
    let Some(t) = db("two_people_see_each_others_changes_as_they_are_made") else {
        return;
    };
    let Pair {
        an,
        binh: _,
        mut a,
        mut b,
        dir_a: _dir_a,
        dir_b: _dir_b,
    } = two_windows(&t);
    assert!(a.read_only().is_none() && a.is_on_server());

    set_notes(&mut a, "Đoàn làm việc tại Chi Lăng ngày 21/06/2023");
    wait_until(&mut b, "An's change at Bình's", |b| {
        b.dossier().info.notes == "Đoàn làm việc tại Chi Lăng ngày 21/06/2023"
    });
    // The quiet line says who changed what.
    let note = b.team_status().unwrap().last_remote.unwrap();
    assert_eq!(note.by, an.user());
    assert!(note.label.contains("ghi chú hồ sơ"), "{}", note.label);
    // Bình's own change goes the other way, and nobody sees their own change come back.
    edit_recommendation(&mut b, |r| r.text = "Kiến nghị đã sửa bởi Bình".into());
    wait_until(&mut a, "Bình's change at An's", |a| {
        a.dossier().recommendations[0].text == "Kiến nghị đã sửa bởi Bình"
    });
    wait_until(&mut b, "Bình's change sent", all_sent);
    assert_eq!(b.team_status().unwrap().received, 1);
    // Both copies and the server hold the same project.
    let on_server = Server::connect(&an)
        .unwrap()
        .load(an.project.unwrap())
        .unwrap()
        .dossier;
    a.flush().unwrap();
    b.flush().unwrap();
    assert_eq!(a.dossier(), &on_server);
    assert_eq!(b.dossier(), &on_server);
    let copy = giamsat::store::ProjectFile::open_read_only(a.path())
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(
        copy, on_server,
        "An's copy on disk holds what the window shows"
    );
}

#[test]
fn a_change_that_meets_someone_elses_waits_for_the_persons_choice() {
    let Some(t) = db("a_change_that_meets_someone_elses_waits_for_the_persons_choice") else {
        return;
    };
    let Pair {
        an,
        binh: _,
        mut a,
        mut b,
        dir_a: _dir_a,
        dir_b: _dir_b,
    } = two_windows(&t);
    // Bình works offline a moment; An changes the same recommendation meanwhile.
    b.cut_server_for_tests(true);
    wait_until(&mut b, "Bình offline", |b| {
        matches!(b.team_status().unwrap().state, LinkState::Offline(_))
    });
    let due = chrono::NaiveDate::from_ymd_opt(2027, 6, 30);
    edit_recommendation(&mut a, |r| {
        r.text = "Bản của An".into();
        r.deadline = due;
    });
    wait_until(&mut a, "An's change sent", all_sent);
    edit_recommendation(&mut b, |r| {
        r.text = "Bản của Bình".into();
        r.addressees = vec!["UBND huyện Chi Lăng".into()];
    });
    set_notes(&mut b, "ghi chú của Bình");
    wait_until(&mut b, "Bình's changes kept", |b| {
        b.team_status().unwrap().waiting == 2
    });
    b.cut_server_for_tests(false);
    wait_until(&mut b, "the conflict", |b| b.held_conflict().is_some());
    let held = b.held_conflict().unwrap().clone();
    assert_eq!(held.records.len(), 1);
    let r = &held.records[0];
    assert!(!r.whole());
    assert_eq!(r.conflict.by.as_deref(), Some(an.user().as_str()));
    let fields: Vec<&str> = r.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["addressees", "deadline", "text"]);
    let text = r.fields.iter().find(|f| f.field == "text").unwrap();
    assert_eq!(
        (text.theirs.as_str(), text.mine.as_str()),
        ("Bản của An", "Bản của Bình")
    );
    // Nothing of Bình's went meanwhile, the notes after it included.
    let on_server = || {
        Server::connect(&an)
            .unwrap()
            .load(an.project.unwrap())
            .unwrap()
            .dossier
    };
    assert_eq!(on_server().recommendations[0].text, "Bản của An");
    assert_ne!(on_server().info.notes, "ghi chú của Bình");
    // Bình keeps his text and addressees, An's deadline stays.
    b.resolve_conflict(&[Choice {
        mine_fields: vec!["text".into(), "addressees".into()],
        mine_whole: false,
    }])
    .unwrap();
    assert_eq!(b.dossier().recommendations[0].deadline, due);
    wait_until(&mut b, "the choice sent", all_sent);
    let now = on_server();
    assert_eq!(now.recommendations[0].text, "Bản của Bình");
    assert_eq!(now.recommendations[0].deadline, due);
    assert_eq!(now.recommendations[0].addressees, ["UBND huyện Chi Lăng"]);
    assert_eq!(now.info.notes, "ghi chú của Bình");
    wait_until(&mut a, "Bình's choice at An's", |a| {
        a.dossier().recommendations[0].text == "Bản của Bình"
    });
    b.flush().unwrap();
    assert_eq!(b.dossier(), &now);
}

#[test]
fn work_done_while_the_server_is_away_is_kept_and_sent_when_it_is_back() {
    let Some(t) = db("work_done_while_the_server_is_away_is_kept_and_sent_when_it_is_back") else {
        return;
    };
    let (an, _) = two_editors(&t);
    let dir = tempfile::tempdir().unwrap();
    let mut a = Session::open_server(&an, dir.path()).unwrap();
    wait_until(&mut a, "online", all_sent);
    a.cut_server_for_tests(true);
    for i in 1..=3 {
        set_notes(&mut a, &format!("ghi chú lần {i}"));
        a.seal();
    }
    wait_until(&mut a, "three changes waiting", |a| {
        let s = a.team_status().unwrap();
        matches!(s.state, LinkState::Offline(_)) && s.waiting == 3
    });
    // Kept on this computer meanwhile.
    a.flush().unwrap();
    let copy = giamsat::store::ProjectFile::open_read_only(a.path())
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(copy.info.notes, "ghi chú lần 3");
    a.cut_server_for_tests(false);
    wait_until(&mut a, "all sent", all_sent);
    let s = Server::connect(&an).unwrap();
    drop(s);
    let mut s = Server::connect(&an).unwrap();
    let changes = s.changes_since(an.project.unwrap(), 0).unwrap();
    let notes: Vec<&str> = changes.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        notes.len(),
        4,
        "the push and three changes, in order: {notes:?}"
    );
    assert_eq!(
        s.load(an.project.unwrap()).unwrap().dossier.info.notes,
        "ghi chú lần 3"
    );
}

#[test]
fn a_copy_left_with_unsent_changes_sends_them_when_opened_again() {
    let Some(t) = db("a_copy_left_with_unsent_changes_sends_them_when_opened_again") else {
        return;
    };
    let (an, binh) = two_editors(&t);
    let dir = tempfile::tempdir().unwrap();
    let mut a = Session::open_server(&an, dir.path()).unwrap();
    wait_until(&mut a, "online", all_sent);
    a.cut_server_for_tests(true);
    set_notes(&mut a, "viết khi mất mạng");
    a.flush().unwrap();
    let copy = a.path().to_path_buf();
    drop(a);
    // Someone else changes another record meanwhile.
    let dir_b = tempfile::tempdir().unwrap();
    let mut other = Session::open_server(&binh, dir_b.path()).unwrap();
    wait_until(&mut other, "Bình online", all_sent);
    edit_recommendation(&mut other, |r| r.text = "Bình sửa".into());
    wait_until(&mut other, "Bình's change sent", all_sent);
    drop(other);
    let mut a = Session::open_server(&an, dir.path()).unwrap();
    assert_eq!(a.path(), copy, "the same copy is taken up again");
    assert_eq!(a.dossier().info.notes, "viết khi mất mạng");
    wait_until(&mut a, "the left change sent and Bình's taken in", |a| {
        all_sent(a) && a.dossier().recommendations[0].text == "Bình sửa"
    });
    let now = Server::connect(&an)
        .unwrap()
        .load(an.project.unwrap())
        .unwrap()
        .dossier;
    assert_eq!(now.info.notes, "viết khi mất mạng");
    assert_eq!(now.recommendations[0].text, "Bình sửa");
}

#[test]
fn a_reader_gets_the_project_read_only_and_still_sees_changes() {
    let Some(t) = db("a_reader_gets_the_project_read_only_and_still_sees_changes") else {
        return;
    };
    let (an, _) = two_editors(&t);
    let chi = t.person("chi", Role::Reader);
    let id = an.project.unwrap();
    Server::connect(&t.admin())
        .unwrap()
        .grant(id, &chi.user())
        .unwrap();
    let (dir_r, dir_a) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut reader = Session::open_server(&chi.with_project(id), dir_r.path()).unwrap();
    assert!(matches!(
        reader.read_only(),
        Some(ReadOnlyReason::ServerReader(u)) if *u == chi.user()
    ));
    let mut a = Session::open_server(&an, dir_a.path()).unwrap();
    wait_until(&mut a, "An online", all_sent);
    set_notes(&mut a, "An vừa sửa");
    wait_until(&mut reader, "An's change at the reader's", |r| {
        r.dossier().info.notes == "An vừa sửa"
    });
    // No access at all: a clear message naming the project and the person.
    let stranger = t.person("dung", Role::Editor);
    let e = Session::open_server(
        &stranger.with_project(id),
        tempfile::tempdir().unwrap().path(),
    )
    .unwrap_err();
    assert!(
        [&e.vi, &e.en]
            .iter()
            .all(|t| t.contains(&stranger.user()) && t.contains(&id.to_string())),
        "{e}"
    );
}

#[test]
fn others_see_who_is_editing_a_record() {
    let Some(t) = db("others_see_who_is_editing_a_record") else {
        return;
    };
    let Pair {
        an,
        binh,
        mut a,
        mut b,
        dir_a: _dir_a,
        dir_b: _dir_b,
    } = two_windows(&t);
    let rec = giamsat::model::RecordKey::Recommendation(a.dossier().recommendations[0].id);
    let other = giamsat::model::RecordKey::Recommendation(a.dossier().recommendations[1].id);
    a.set_editing(Some(rec));
    wait_until(&mut b, "Bình sees An editing", |b| {
        b.edited_by_other(rec) == Some(an.user().as_str())
    });
    assert_eq!(b.edited_by_other(other), None);
    // An's own window names Bình's record, never An's own.
    b.set_editing(Some(other));
    wait_until(&mut a, "An sees Bình editing", |a| {
        a.edited_by_other(other) == Some(binh.user().as_str())
    });
    assert_eq!(a.edited_by_other(rec), None);
    b.set_editing(None);
    a.set_editing(Some(other));
    wait_until(&mut b, "An moved on", |b| {
        b.edited_by_other(rec).is_none() && b.edited_by_other(other).is_some()
    });
    // Closing the window says An edits nothing any more.
    drop(a);
    wait_until(&mut b, "An gone", |b| b.edited_by_other(other).is_none());
}

/// A change of mine held by a conflict, closed without choosing: the next opening holds it
/// again against theirs — never written over theirs, never lost.
#[test]
fn a_conflict_left_unchosen_comes_back_at_the_next_opening() {
    let Some(t) = db("a_conflict_left_unchosen_comes_back_at_the_next_opening") else {
        return;
    };
    let Pair {
        an,
        binh: _,
        mut a,
        mut b,
        dir_a,
        dir_b: _dir_b,
    } = two_windows(&t);
    a.cut_server_for_tests(true);
    wait_until(&mut a, "An offline", |a| {
        matches!(a.team_status().unwrap().state, LinkState::Offline(_))
    });
    // Bình changes the recommendation twice; An, offline, changes its text.
    edit_recommendation(&mut b, |r| r.text = "Bình sửa lần 1".into());
    edit_recommendation(&mut b, |r| r.priority = giamsat::model::Priority::High);
    set_notes(&mut b, "Bình ghi lần 1");
    wait_until(&mut b, "Bình's changes sent", all_sent);
    edit_recommendation(&mut a, |r| r.text = "An sửa khi mất mạng".into());
    a.cut_server_for_tests(false);
    // Held, and Bình's three changes taken in meanwhile (those to the held record left out).
    wait_until(&mut a, "the conflict and Bình's changes", |a| {
        a.held_conflict().is_some() && a.dossier().info.notes == "Bình ghi lần 1"
    });
    // Closed without choosing; the copy's mark is written with the writes before it.
    a.flush().unwrap();
    drop(a);
    // Bình changes the notes again: An never touched them, so they are no conflict of An's.
    set_notes(&mut b, "Bình ghi lần 2");
    wait_until(&mut b, "Bình's notes sent", all_sent);
    let on_server = || {
        Server::connect(&an)
            .unwrap()
            .load(an.project.unwrap())
            .unwrap()
            .dossier
    };
    let mut a = Session::open_server(&an, dir_a.path()).unwrap();
    wait_until(&mut a, "the conflict again", |a| {
        a.held_conflict().is_some()
    });
    let now = on_server();
    assert_eq!(now.recommendations[0].text, "Bình sửa lần 1");
    assert_eq!(
        now.recommendations[0].priority,
        giamsat::model::Priority::High
    );
    let held = a.held_conflict().unwrap().clone();
    assert_eq!(
        held.records.len(),
        1,
        "only the recommendation An changed is held: {:?}",
        held.records
            .iter()
            .map(|r| r.conflict.key)
            .collect::<Vec<_>>()
    );
    let text = held.records[0]
        .fields
        .iter()
        .find(|f| f.field == "text")
        .unwrap();
    assert_eq!(
        (text.theirs.as_str(), text.mine.as_str()),
        ("Bình sửa lần 1", "An sửa khi mất mạng")
    );
    // An keeps the text; Bình's priority stays.
    let mut choice = held.records[0].suggested();
    choice.mine_fields.push("text".into());
    a.resolve_conflict(&[choice]).unwrap();
    wait_until(&mut a, "An's choice sent", all_sent);
    let now = on_server();
    assert_eq!(now.recommendations[0].text, "An sửa khi mất mạng");
    assert_eq!(
        now.recommendations[0].priority,
        giamsat::model::Priority::High
    );
    assert_eq!(now.info.notes, "Bình ghi lần 2");
    wait_until(&mut a, "Bình's notes at An's", |a| {
        a.dossier().info.notes == "Bình ghi lần 2"
    });
    // Bình's changes the copy held already were not taken in, nor told, again.
    assert_eq!(a.team_status().unwrap().received, 1);
}

/// Two people adding a record at the same moment never number them alike: each window takes
/// ids from a block the server reserved for it.
#[test]
fn records_added_at_once_by_two_people_both_stay() {
    let Some(t) = db("records_added_at_once_by_two_people_both_stay") else {
        return;
    };
    let Pair {
        an,
        binh: _,
        mut a,
        mut b,
        dir_a: _dir_a,
        dir_b: _dir_b,
    } = two_windows(&t);
    let ready = |s: &Session| all_sent(s) && s.has_reserved_ids();
    wait_until(&mut a, "An's ids", ready);
    wait_until(&mut b, "Bình's ids", ready);
    let add = |s: &mut Session, text: &str| {
        let mut c = s.dossier().conclusions[0].clone();
        c.id = giamsat::model::ConclusionId(s.new_id(giamsat::model::Table::Conclusions));
        c.text = text.to_string();
        c.position = 99;
        s.apply(Change::new(
            ChangeLabel::add(|t| t.what_conclusion, ""),
            vec![giamsat::model::Edit::insert(Record::Conclusion(c))],
        ))
        .unwrap();
    };
    // Neither has seen the other's before adding; then a burst each, as an import makes.
    add(&mut a, "Kết luận An thêm");
    add(&mut b, "Kết luận Bình thêm");
    for i in 0..30 {
        add(&mut a, &format!("An {i}"));
        add(&mut b, &format!("Bình {i}"));
    }
    wait_until(&mut a, "An's sent", all_sent);
    wait_until(&mut b, "Bình's sent", all_sent);
    assert!(a.held_conflict().is_none() && b.held_conflict().is_none());
    let now = Server::connect(&an)
        .unwrap()
        .load(an.project.unwrap())
        .unwrap()
        .dossier;
    for text in ["Kết luận An thêm", "Kết luận Bình thêm", "An 29", "Bình 29"] {
        assert!(now.conclusions.iter().any(|c| c.text == text), "{text}");
    }
    let before = giamsat::sample::lang_son().conclusions.len();
    assert_eq!(now.conclusions.len(), before + 62);
    wait_until(&mut a, "Bình's at An's", |a| {
        a.dossier()
            .conclusions
            .iter()
            .any(|c| c.text == "Kết luận Bình thêm")
    });
}

pub(crate) mod window {
    //! The window itself, driven by role and label as a person would.
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use giamsat::settings::AppPaths;
    use giamsat::ui::{AppConfig, GiamSatApp};

    use egui::accesskit::Role;

    pub(crate) fn app(home: &std::path::Path) -> Harness<'static, GiamSatApp> {
        let mut c = AppConfig::new(AppPaths::in_dir(home));
        c.native_dialogs = None;
        let mut h = Harness::builder()
            .with_size([1280.0, 720.0])
            .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
        h.run_steps(2);
        h
    }

    pub(crate) fn wait_for(
        h: &mut Harness<'static, GiamSatApp>,
        what: &str,
        done: impl Fn(&mut Harness<'static, GiamSatApp>) -> bool,
    ) {
        let until = Instant::now() + Duration::from_secs(15);
        while Instant::now() < until {
            h.step();
            if done(h) {
                h.run_steps(2);
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let seen = std::cell::RefCell::new(Vec::new());
        let _ = h
            .query_all_by(|n| {
                if let Some(l) = n.label() {
                    seen.borrow_mut().push(l.to_string());
                }
                false
            })
            .count();
        let dialog = seen.into_inner().join(" | ");
        panic!(
            "waited 15 s for {what}; messages: {:?}; server: {:?}; busy {}; on screen: {dialog}",
            h.state().toast_messages(),
            h.state().session().map(|s| s.team_status()),
            h.state().is_busy()
        );
    }

    pub(crate) fn open_dialog(h: &mut Harness<'static, GiamSatApp>) {
        h.get_by_label("Tệp").click();
        h.run_steps(2);
        h.get_by_label("Mở từ máy chủ…").click();
        h.run_steps(3);
    }

    /// Needs no server: the dialog asks for what is missing, in the dialog.
    #[test]
    fn open_from_server_asks_for_the_project_when_the_address_names_none() {
        let home = tempfile::tempdir().unwrap();
        let mut h = app(home.path());
        open_dialog(&mut h);
        h.get_by_role_and_label(Role::TextInput, "Địa chỉ")
            .type_text("postgres://lan@may-chu.mttq.local/giamsat");
        h.run_steps(2);
        h.get_by_label("Mở").click();
        h.run_steps(3);
        assert!(
            h.query_by_label_contains("?project=MÃ").is_some(),
            "the dialog says how to name the project"
        );
        // Still the dialog, with what was typed.
        assert!(
            h.query_by_role_and_label(Role::PasswordInput, "Mật khẩu")
                .is_some()
        );
        h.get_by_label("Hủy").click();
        h.run_steps(2);
        assert!(
            h.query_by_role_and_label(Role::PasswordInput, "Mật khẩu")
                .is_none()
        );
    }

    #[test]
    fn a_project_from_the_server_lives_in_the_window_and_conflicts_are_chosen_there() {
        let Some(t) = db("a_project_from_the_server_lives_in_the_window") else {
            return;
        };
        let (an, binh) = two_editors(&t);
        let home = tempfile::tempdir().unwrap();
        let mut h = app(home.path());
        open_dialog(&mut h);
        // The address as an administrator hands it out, the password typed apart.
        let shown = binh.as_user(&binh.user(), None).to_string();
        h.get_by_role_and_label(Role::TextInput, "Địa chỉ")
            .type_text(&shown);
        h.get_by_role_and_label(Role::PasswordInput, "Mật khẩu")
            .click();
        h.run_steps(2);
        h.get_by_role_and_label(Role::PasswordInput, "Mật khẩu")
            .type_text(crate::server::PASSWORD);
        h.run_steps(2);
        h.get_by_label("Mở").click();
        wait_for(&mut h, "the project from the server", |h| {
            h.state()
                .session()
                .is_some_and(|s| s.is_on_server() && all_sent(s))
        });
        assert!(
            h.state().title().contains("máy chủ"),
            "{}",
            h.state().title()
        );
        // Remembered without the password.
        let saved = giamsat::settings::load(&AppPaths::in_dir(home.path())).0;
        assert_eq!(saved.servers, vec![shown.clone()]);
        let config = AppPaths::in_dir(home.path()).config_dir;
        for f in std::fs::read_dir(&config).unwrap() {
            let text = std::fs::read(f.unwrap().path()).unwrap_or_default();
            assert!(
                !String::from_utf8_lossy(&text).contains(crate::server::PASSWORD),
                "no password in the settings"
            );
        }

        // An's change shows in the window, with a quiet line saying who.
        let dir_a = tempfile::tempdir().unwrap();
        let mut a = Session::open_server(&an, dir_a.path()).unwrap();
        wait_until(&mut a, "An online", all_sent);
        set_notes(&mut a, "An ghi chú");
        wait_until(&mut a, "An's change sent", all_sent);
        wait_for(&mut h, "An's change in the window", |h| {
            h.state().session().unwrap().dossier().info.notes == "An ghi chú"
        });
        assert!(
            h.query_by_label_contains(&format!("{}: sửa", an.user()))
                .is_some(),
            "the status bar names who changed what"
        );

        // Bình's window offline; An and Bình change the same recommendation.
        h.state_mut()
            .session_mut()
            .unwrap()
            .cut_server_for_tests(true);
        edit_recommendation(&mut a, |r| r.text = "Bản của An".into());
        wait_until(&mut a, "An's change sent", all_sent);
        edit_recommendation(h.state_mut().session_mut().unwrap(), |r| {
            r.text = "Bản của Bình".into()
        });
        wait_for(&mut h, "the banner", |h| {
            h.query_by_label_contains("Mất kết nối với máy chủ")
                .is_some()
        });
        assert!(
            h.query_by_label_contains("1 thay đổi đang chờ gửi")
                .is_some()
        );
        h.state_mut()
            .session_mut()
            .unwrap()
            .cut_server_for_tests(false);
        wait_for(&mut h, "the conflict view", |h| {
            h.query_by_label("Người khác đã sửa cùng chỗ").is_some()
        });
        assert!(h.query_by_label_contains("Bản của An").is_some());
        h.get_by_label("Giữ hết của tôi").click();
        h.run_steps(2);
        h.get_by_label("Ghi theo lựa chọn").click();
        h.run_steps(2);
        wait_for(&mut h, "Bình's choice on the server", |h| {
            h.state().session().is_some_and(all_sent)
        });
        assert!(h.query_by_label("Người khác đã sửa cùng chỗ").is_none());
        let now = Server::connect(&an)
            .unwrap()
            .load(an.project.unwrap())
            .unwrap()
            .dossier;
        assert_eq!(now.recommendations[0].text, "Bản của Bình");
    }
}
