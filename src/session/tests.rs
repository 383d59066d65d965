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
