//! The session's own tests: changes reaching the file, undo and redo, read-only opening,
//! Save As and writes that fail.

use super::*;
use crate::sample;

fn edit_amount(s: &Session, trieu: i64) -> Change {
    let before = s.dossier().allocations[1].clone();
    let mut after = before.clone();
    after.amount_dong = Amount::Known(Dong::from_trieu(trieu).unwrap());
    Change::update(
        ChangeLabel::edit(|t| t.what_amount, "Hữu Lũng 2023"),
        Record::Allocation(before),
        Record::Allocation(after),
    )
    .merging("alloc-2-amount")
}

#[test]
fn changes_reach_the_file_and_undo_redo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    s.apply(edit_amount(&s, 500)).unwrap();
    let on_disk = |s: &mut Session| {
        s.flush().unwrap();
        ProjectFile::open_and_load(s.path(), Access::ReadOnly)
            .unwrap()
            .1
            .allocations[1]
            .amount_dong
    };
    assert_eq!(
        on_disk(&mut s),
        Amount::Known(Dong::from_trieu(500).unwrap())
    );
    assert_eq!(
        s.undo_label().unwrap().render(&crate::i18n::VI),
        "sửa số vốn Hữu Lũng 2023"
    );
    s.undo().unwrap();
    assert_eq!(
        on_disk(&mut s),
        Amount::Known(Dong::from_trieu(494).unwrap())
    );
    s.redo().unwrap();
    assert_eq!(
        on_disk(&mut s),
        Amount::Known(Dong::from_trieu(500).unwrap())
    );
}

#[test]
fn inserts_and_deletes_reach_the_file_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::create_untitled(dir.path(), &sample::lang_son()).unwrap();
    let id = ConclusionId(s.new_id(Table::Conclusions));
    let c = Conclusion {
        figures: vec![],
        id,
        round_id: RoundId(1),
        area_id: None,
        kind: ConclusionKind::Cause,
        text: "Nguồn lực còn hạn chế.".into(),
        position: 6,
    };
    s.apply(Change::new(
        ChangeLabel::add(|t| t.what_conclusion, ""),
        vec![Edit::insert(Record::Conclusion(c.clone()))],
    ))
    .unwrap();
    let on_disk = |s: &mut Session| {
        s.flush().unwrap();
        ProjectFile::open_and_load(s.path(), Access::ReadOnly)
            .unwrap()
            .1
    };
    assert_eq!(on_disk(&mut s).conclusions.last(), Some(&c));
    s.apply(Change::new(
        ChangeLabel::delete(|t| t.what_conclusion, ""),
        vec![Edit::delete(Record::Conclusion(c.clone()))],
    ))
    .unwrap();
    assert_eq!(on_disk(&mut s).conclusions.len(), 5);
    s.undo().unwrap();
    assert_eq!(on_disk(&mut s).conclusions.last(), Some(&c));
    s.undo().unwrap();
    assert_eq!(on_disk(&mut s), sample::lang_son());
}

#[test]
fn typing_in_one_field_is_one_undo_step_until_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::create_untitled(dir.path(), &sample::lang_son()).unwrap();
    s.apply(edit_amount(&s, 5)).unwrap();
    s.apply(edit_amount(&s, 50)).unwrap();
    s.apply(edit_amount(&s, 500)).unwrap();
    s.undo().unwrap();
    assert_eq!(
        s.dossier(),
        &sample::lang_son(),
        "one undo removes all the typing"
    );
    assert!(s.undo().unwrap().is_none());
    s.redo().unwrap();
    s.seal();
    s.apply(edit_amount(&s, 600)).unwrap();
    s.undo().unwrap();
    assert_eq!(
        s.dossier().allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(500).unwrap())
    );
}

#[test]
fn invalid_changes_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::create_untitled(dir.path(), &sample::lang_son()).unwrap();
    let before = s.dossier().recommendations[0].clone();
    let mut after = before.clone();
    after.addressees.clear();
    let r = s.apply(Change::update(
        ChangeLabel::edit(|t| t.what_recommendation, ""),
        Record::Recommendation(before),
        Record::Recommendation(after),
    ));
    assert!(matches!(r, Err(ChangeError::Invalid(_))));
    s.flush().unwrap();
    let (_, d) = ProjectFile::open_and_load(s.path(), Access::ReadOnly).unwrap();
    assert_eq!(d, sample::lang_son());
    assert!(s.undo_label().is_none());
}

#[test]
fn a_second_session_on_the_same_file_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let first = Session::open(&path).unwrap();
    assert!(first.read_only().is_none());
    let mut second = Session::open(&path).unwrap();
    assert!(matches!(second.read_only(), Some(ReadOnlyReason::InUse(_))));
    let change = edit_amount(&second, 1);
    assert!(matches!(second.apply(change), Err(ChangeError::ReadOnly)));
    drop(first);
    assert!(Session::open(&path).unwrap().read_only().is_none());
}

#[test]
fn save_as_turns_untitled_into_a_file_and_drops_the_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let autosave_dir = dir.path().join("autosave");
    let mut s = Session::create_untitled(&autosave_dir, &sample::lang_son()).unwrap();
    let autosave = s.path().to_path_buf();
    s.apply(edit_amount(&s, 321)).unwrap();
    let dest = dir.path().join("Giám sát.giamsat");
    s.save_as(&dest).unwrap();
    assert!(!autosave.exists());
    assert_eq!(s.user_path(), Some(dest.as_path()));
    s.apply(edit_amount(&s, 322)).unwrap();
    s.flush().unwrap();
    let (_, d) = ProjectFile::open_and_load(&dest, Access::ReadOnly).unwrap();
    assert_eq!(
        d.allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(322).unwrap())
    );
}

#[test]
fn save_as_twice_without_an_edit_between_goes_on_editing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s =
        Session::create_untitled(&dir.path().join("autosave"), &sample::lang_son()).unwrap();
    s.apply(edit_amount(&s, 400)).unwrap();
    let (a, b) = (dir.path().join("a.giamsat"), dir.path().join("b.giamsat"));
    s.save_as(&a).unwrap();
    // A copy of the copy: nothing new to write, and nothing to wait for.
    s.save_as(&b).unwrap();
    s.flush().unwrap();
    s.apply(edit_amount(&s, 401)).unwrap();
    s.flush().unwrap();
    let amount = |p: &Path| {
        ProjectFile::open_and_load(p, Access::ReadOnly)
            .unwrap()
            .1
            .allocations[1]
            .amount_dong
    };
    assert_eq!(amount(&a), Amount::Known(Dong::from_trieu(400).unwrap()));
    assert_eq!(amount(&b), Amount::Known(Dong::from_trieu(401).unwrap()));
}

/// Another program holds the file past SQLite's wait (an antivirus, a backup tool): the
/// change is kept, the session says writing failed (not that the drive is gone), and
/// Retry writes it once the file is free.
#[test]
fn a_file_held_by_another_program_keeps_the_change_until_retry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    s.apply(edit_amount(&s, 402)).unwrap();
    assert!(matches!(s.flush(), Err(ChangeError::Store(_))));
    assert!(
        matches!(s.read_only(), Some(ReadOnlyReason::WriteFailed(_))),
        "{:?}",
        s.read_only()
    );
    assert_eq!(s.unwritten(), 1);
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    s.reconnect().unwrap();
    assert!(s.read_only().is_none());
    s.apply(edit_amount(&s, 403)).unwrap();
    s.flush().unwrap();
    drop(s);
    let (_, d) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert_eq!(
        d.allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(403).unwrap())
    );
}

/// Attaches a small scan to recommendation `rec`, staged in `dir`.
fn attach_scan(s: &mut Session, dir: &Path, rec: RecommendationId) {
    let src = dir.join("BC 45.pdf");
    std::fs::write(&src, b"%PDF-1.4 minh chung").unwrap();
    let prepared = crate::store::attachments::prepare(&src, &dir.join("stage")).unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2024, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let a = prepared.attachment(
        AttachmentId(s.new_id(Table::Attachments)),
        rec,
        at,
        "Hoàng Thị Lan",
    );
    s.attach(
        ChangeLabel::add(|t| t.what_attachment, ""),
        a,
        prepared.content.clone(),
    )
    .unwrap();
}

/// A response added to the sample's first recommendation, dated `day`.
fn add_response(s: &mut Session, day: (i32, u32, u32)) {
    let before = s.dossier().recommendations[0].clone();
    let mut after = before.clone();
    let id = ResponseId(s.new_id(Table::Responses));
    after.responses.push(Response {
        id,
        date: chrono::NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap(),
        text: format!("Báo cáo {id:?}"),
        evidence: String::new(),
    });
    s.apply(Change::update(
        ChangeLabel::add(|t| t.what_recommendation, ""),
        Record::Recommendation(before),
        Record::Recommendation(after),
    ))
    .unwrap();
}

/// A response dated before one already given is kept in date order, as the file reads it
/// back: after a write fails, Retry finds the file holding what the window showed, not
/// "changed elsewhere".
#[test]
fn retry_after_a_response_dated_earlier_than_another_finds_the_file_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    add_response(&mut s, (2024, 3, 1));
    add_response(&mut s, (2023, 12, 10));
    s.flush().unwrap();
    let dates = |d: &Dossier| -> Vec<chrono::NaiveDate> {
        d.recommendations[0]
            .responses
            .iter()
            .map(|r| r.date)
            .collect()
    };
    let (_, on_disk) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert_eq!(dates(s.dossier()), dates(&on_disk), "one order for both");

    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    s.apply(edit_amount(&s, 409)).unwrap();
    assert!(s.flush().is_err());
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    s.reconnect().unwrap();
    assert!(s.read_only().is_none());
    s.flush().unwrap();
    drop(s);
    let (_, d) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert_eq!(
        d.allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(409).unwrap())
    );
}

/// A Retry that fails again keeps the file locked: the window still shows it, and nobody
/// else may start editing it underneath.
#[test]
fn a_failed_retry_keeps_the_file_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    s.apply(edit_amount(&s, 410)).unwrap();
    assert!(s.flush().is_err());
    assert!(crate::lock::FileLock::is_held_elsewhere(&path));
    assert!(s.reconnect().is_err(), "the file is still held");
    assert!(s.is_unreachable());
    assert!(
        crate::lock::FileLock::is_held_elsewhere(&path),
        "still locked by the session that shows it"
    );
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    s.reconnect().unwrap();
    s.flush().unwrap();
    assert!(crate::lock::FileLock::is_held_elsewhere(&path));
}

/// A recommendation made in this session and then given a file: the file stays, so does the
/// recommendation — and undo still reaches every step before it.
#[test]
fn undo_goes_on_past_a_recommendation_given_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::create_untitled(dir.path(), &sample::lang_son()).unwrap();
    s.apply(edit_amount(&s, 411)).unwrap();
    s.seal();
    let mut r = s.dossier().recommendations[0].clone();
    r.id = RecommendationId(s.new_id(Table::Recommendations));
    r.position += 100;
    r.responses.clear();
    r.repeats = None;
    s.apply(Change::new(
        ChangeLabel::add(|t| t.what_recommendation, ""),
        vec![Edit::insert(Record::Recommendation(r.clone()))],
    ))
    .unwrap();
    attach_scan(&mut s, dir.path(), r.id);
    assert_eq!(
        s.undo_label().map(|l| l.render(&crate::i18n::VI)),
        Some("sửa số vốn Hữu Lũng 2023".to_string()),
        "the step before the recommendation is next"
    );
    s.undo().unwrap();
    assert_eq!(
        s.dossier().allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(494).unwrap())
    );
    assert!(s.dossier().recommendations.iter().any(|x| x.id == r.id));
    assert_eq!(s.dossier().attachments.len(), 1);
}

/// The disk stops answering in the middle of a write (a share gone quiet): Save As does not
/// wait for it. The copy is written from what the window shows, the change included, with the
/// attached files the old file still gives.
#[test]
fn save_as_does_not_wait_for_a_disk_that_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    let rec = s.dossier().recommendations[0].id;
    attach_scan(&mut s, dir.path(), rec);
    s.flush().unwrap();

    let disk = s.hold_writes_for_tests();
    s.apply(edit_amount(&s, 412)).unwrap();
    let dest = dir.path().join("b.giamsat");
    let (tx, rx) = std::sync::mpsc::channel();
    let to = dest.clone();
    std::thread::spawn(move || {
        let r = s.save_as(&to);
        let _ = tx.send((s, r));
    });
    let answer = rx.recv_timeout(std::time::Duration::from_secs(30));
    drop(disk);
    let (mut s, r) = answer.expect("Save As waited for the disk that hangs");
    r.unwrap();
    assert_eq!(s.user_path(), Some(dest.as_path()));
    assert!(s.take_left_out().is_empty(), "the attached file came along");
    s.apply(edit_amount(&s, 413)).unwrap();
    s.flush().unwrap();
    let (file, d) = ProjectFile::open_and_load(&dest, Access::ReadOnly).unwrap();
    assert_eq!(
        d.allocations[1].amount_dong,
        Amount::Known(Dong::from_trieu(413).unwrap())
    );
    assert_eq!(d.attachments.len(), 1);
    let out = dir.path().join("ra.pdf");
    file.save_attachment(&d.attachments[0], &out).unwrap();
    assert_eq!(std::fs::read(out).unwrap(), b"%PDF-1.4 minh chung");
}

/// A file job (a copy of evidence, an export) queued behind a write that fails: the window
/// learns of the failure at once, and does not wait for the job.
#[test]
fn a_file_job_behind_a_failed_write_does_not_hold_up_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    s.apply(edit_amount(&s, 414)).unwrap();
    let (release, slow) = std::sync::mpsc::channel::<()>();
    let job = s.run_on_file(move |_| {
        let _ = slow.recv();
        Ok(())
    });
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // The window's frames: each asks how the writes went.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if s.poll_writes().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let _ = tx.send(s);
    });
    let answer = rx.recv_timeout(std::time::Duration::from_secs(15));
    let _ = release.send(());
    let s = answer.expect("the window waited for the file job");
    assert!(s.is_unreachable(), "{:?}", s.read_only());
    assert_eq!(s.unwritten(), 1);
    assert!(job.recv().unwrap().is_ok(), "the job still ran");
    other.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_figure_stays_tied_while_a_keyboard_types_decomposed_letters_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    let mut s = Session::open(&path).unwrap();
    let d = s.dossier().clone();
    let c = d.conclusions[0].clone();
    let target = TextTarget::Conclusion(c.id);
    let mut f = crate::analysis::figure_refs::figure_ref(
        &d,
        (
            sample::HUU_LUNG,
            Period::year(2023).unwrap(),
            AllocationKind::Allocated,
        ),
        RoundId(1),
        MoneyUnit::Trieu,
        crate::i18n::Lang::Vi,
    )
    .unwrap()
    .unwrap();
    let text = format!("Được {}.", f.shown);
    f.at = text.find("494").unwrap();
    let change = s.figure_inserted(RoundId(1), target, &text, f);
    s.apply(change).unwrap();
    // The field keeps what the keyboard gave: marks as combining characters (Windows'
    // Vietnamese keyboard, Unikey's "tổ hợp"), CR LF from a paste; typed before, then after.
    let typed = "Trong na\u{306}m qua, đu\u{31b}o\u{31b}\u{323}c 494 triệu đồng.";
    let change = s.text_change(RoundId(1), target, typed, false);
    s.apply(change).unwrap();
    let typed = format!("{typed}\r\nTie\u{302}\u{301}p tục.");
    let change = s.text_change(RoundId(1), target, &typed, true);
    s.apply(change).unwrap();
    let c = &s.dossier().conclusions[0];
    assert_eq!(c.text, "Trong năm qua, được 494 triệu đồng.\nTiếp tục.");
    assert_eq!(c.figures.len(), 1, "{c:?}");
    assert!(c.figures[0].holds_in(&c.text));
}
