//! Follow-up as a state audit office does it: kinds and amounts, a history nobody can
//! overwrite, the upgrade of older files, and the session's refusal to undo history.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use giamsat::exchange::{from_json, to_json};
use giamsat::model::*;
use giamsat::sample;
use giamsat::session::{Change, ChangeLabel, Session};
use giamsat::store::{Access, OpenErrorKind, ProjectFile};
use rusqlite::Connection;
use std::fs;
use std::path::Path;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn event(id: i64, rec: RecommendationId, status: RecommendationStatus) -> FollowUpEvent {
    let mut e = FollowUpEvent::new(
        EventId(id),
        rec,
        status,
        day(2024, 1, 12),
        day(2024, 1, 15).and_hms_opt(10, 30, id as u32).unwrap(),
        "Hoàng Thị Lan",
    );
    e.note = "Báo cáo số 12/BC-UBND ngày 12/01/2024".into();
    e.method = status.is_done().then_some(VerifyMethod::Document);
    e
}

/// The sample with its round issued, a financial recommendation of 500 million and two entries
/// of history on the first recommendation.
fn followed() -> Dossier {
    let mut d = sample::lang_son();
    d.rounds[0].draft_status = DraftStatus::Issued;
    d.rounds[0].issued_on = Some(day(2023, 7, 10));
    d.recommendations[1].kind = RecommendationKind::Financial;
    d.recommendations[1].amount_dong = Some(Dong::from_trieu(500).unwrap());
    let rec = d.recommendations[0].id;
    d.events.push(event(1, rec, RecommendationStatus::Reported));
    d.events.push(event(2, rec, RecommendationStatus::Done));
    d.recommendations[0].status = RecommendationStatus::Done;
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    d
}

fn stored(path: &Path) -> Dossier {
    ProjectFile::open_and_load(path, Access::ReadOnly)
        .unwrap()
        .1
}

#[test]
fn kinds_amounts_and_history_survive_the_file_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theo-doi.giamsat");
    let d = followed();
    ProjectFile::create(&path, &d).unwrap();
    let back = stored(&path);
    assert_eq!(back, d);
    assert_eq!(back.history_of(back.recommendations[0].id).len(), 2);
    let json = to_json(&back);
    assert!(json.contains("\"version\": 6"));
    assert_eq!(from_json(&json).unwrap(), d);
}

#[test]
fn the_history_cannot_be_rewritten_through_the_store_or_behind_its_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lich-su.giamsat");
    let d = followed();
    let mut file = ProjectFile::create(&path, &d).unwrap();
    let before = fs::read(&path).unwrap();

    // An update of an entry, even one GiamSat's own rules would have stopped.
    let mut changed = d.events[0].clone();
    changed.note = "Sửa lại cho đẹp".into();
    let err = file
        .apply_edits(&[Edit::update(
            Record::Event(d.events[0].clone()),
            Record::Event(changed),
        )])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    // A removal.
    let err = file
        .apply_edits(&[Edit::delete(Record::Event(d.events[1].clone()))])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    // Removing the recommendation the history belongs to.
    assert!(
        file.apply_edits(&[Edit::delete(Record::Recommendation(
            d.recommendations[0].clone()
        ))])
        .is_err()
    );
    // Replacing the whole content.
    let err = file.replace_dossier(&sample::lang_son()).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    drop(file);
    assert_eq!(fs::read(&path).unwrap(), before, "nothing was half-written");

    // Another SQLite program meets the same triggers.
    let conn = Connection::open(&path).unwrap();
    assert!(
        conn.execute("UPDATE recommendation_events SET note = 'x'", [])
            .is_err()
    );
    assert!(
        conn.execute("DELETE FROM recommendation_events", [])
            .is_err()
    );
    drop(conn);
    assert_eq!(stored(&path), d);

    // Adding goes on as before.
    let mut file = ProjectFile::open(&path).unwrap();
    let mut e = event(3, d.recommendations[0].id, RecommendationStatus::Closed);
    e.method = None;
    let mut rec = d.recommendations[0].clone();
    rec.status = RecommendationStatus::Closed;
    file.apply_edits(&[
        Edit::insert(Record::Event(e)),
        Edit::update(
            Record::Recommendation(d.recommendations[0].clone()),
            Record::Recommendation(rec),
        ),
    ])
    .unwrap();
    assert_eq!(file.load().unwrap().events.len(), 3);
}

#[test]
fn a_file_whose_history_trigger_was_defused_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sua-trigger.giamsat");
    ProjectFile::create(&path, &followed()).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER recommendation_events_keep_update;
             CREATE TRIGGER recommendation_events_keep_update BEFORE UPDATE ON recommendation_events
             BEGIN SELECT 1; END;",
        )
        .unwrap();
    let err = ProjectFile::open_and_load(&path, Access::ReadWrite).unwrap_err();
    assert!(
        matches!(&err.kind, OpenErrorKind::UnexpectedSchema(d) if d.contains("recommendation_events_keep_update")),
        "{err}"
    );
}

#[test]
fn a_schema_4_file_keeps_its_statuses_responses_and_addressees() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.giamsat");
    ProjectFile::create_with_version(&path, &Dossier::new("Hồ sơ 2023"), 4).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "INSERT INTO rounds (id, title) VALUES (1, 'Đợt 1');
             INSERT INTO recommendations (id, round_id, text, status, position, priority)
                 VALUES (1, 1, 'Đề nghị bổ sung số liệu', 'done', 1, 'high'),
                        (2, 1, 'Đề nghị giải ngân', 'in_progress', 2, 'normal');
             INSERT INTO recommendation_addressees VALUES (1, 0, 'UBND huyện Hữu Lũng');
             INSERT INTO recommendation_addressees VALUES (2, 0, 'UBND huyện Chi Lăng');
             INSERT INTO recommendation_responses (id, recommendation_id, date, text, evidence)
                 VALUES (7, 1, '2023-12-01', 'Đã bổ sung', 'Báo cáo số 45/BC-UBND');",
        )
        .unwrap();
    let (file, d) = ProjectFile::open_and_load(&path, Access::ReadWrite).unwrap();
    assert_eq!(file.upgraded().unwrap().from_version, 4);
    assert_eq!(
        file.schema_version().unwrap(),
        giamsat::store::SCHEMA_VERSION
    );
    assert!(file.integrity_problems().unwrap().is_empty());
    let r = &d.recommendations[0];
    assert_eq!(r.status, RecommendationStatus::Done);
    assert_eq!(r.priority, Priority::High);
    assert_eq!(r.kind, RecommendationKind::Other);
    assert_eq!(r.amount_dong, None);
    assert_eq!(r.addressees, vec!["UBND huyện Hữu Lũng".to_string()]);
    assert_eq!(r.responses[0].evidence, "Báo cáo số 45/BC-UBND");
    assert_eq!(
        d.recommendations[1].status,
        RecommendationStatus::InProgress
    );
    assert!(d.events.is_empty());
    drop(file);
    // The upgraded file takes the new statuses, and the cascade still reaches the lists.
    let conn = Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE recommendations SET status = 'reported' WHERE id = 2",
        [],
    )
    .unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON; DELETE FROM recommendations WHERE id = 2;")
        .unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM recommendation_addressees WHERE recommendation_id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn the_model_refuses_a_history_that_does_not_add_up() {
    let mut d = followed();
    // The status must be the last entry's.
    d.recommendations[0].status = RecommendationStatus::InProgress;
    assert!(
        d.validate()
            .iter()
            .any(|p| p.path == "recommendations[0].status")
    );
    let mut d = followed();
    d.events[1].method = None;
    assert!(d.validate().iter().any(|p| p.path == "events[1].method"));
    let mut d = followed();
    let rec = d.recommendations[1].id;
    let mut e = event(3, rec, RecommendationStatus::PartlyDone);
    e.amount_done_dong = Some(Dong::from_trieu(500).unwrap());
    d.events.push(e);
    d.recommendations[1].status = RecommendationStatus::PartlyDone;
    assert!(
        d.validate()
            .iter()
            .any(|p| p.path == "events[2].amount_done_dong"),
        "a part as large as the whole is refused"
    );
    let mut d = followed();
    d.recommendations[0].amount_dong = Some(Dong::from_trieu(1).unwrap());
    assert!(
        d.validate()
            .iter()
            .any(|p| p.path == "recommendations[0].amount_dong"),
        "only a financial recommendation has an amount"
    );
}

#[test]
fn recording_history_is_not_undone_but_other_work_still_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.giamsat");
    ProjectFile::create(&path, &followed()).unwrap();
    let mut s = Session::open(&path).unwrap();
    let d = s.dossier().clone();
    // An unrelated edit first: renaming the dossier.
    let mut info = d.info.clone();
    info.notes = "Ghi chú".into();
    s.apply(Change::update(
        ChangeLabel::edit(|t| t.what_recommendation, ""),
        Record::Info(d.info.clone()),
        Record::Info(info),
    ))
    .unwrap();
    s.seal();
    let rec = d.recommendations[1].clone();
    let mut after = rec.clone();
    after.status = RecommendationStatus::InProgress;
    let id = EventId(s.new_id(Table::Events));
    assert_eq!(id, EventId(3));
    s.apply(Change::new(
        ChangeLabel::edit(|t| t.what_recommendation, ""),
        vec![
            Edit::insert(Record::Event(event(
                id.0,
                rec.id,
                RecommendationStatus::InProgress,
            ))),
            Edit::update(Record::Recommendation(rec), Record::Recommendation(after)),
        ],
    ))
    .unwrap();
    // Undo reaches past the history to the unrelated edit, and leaves the history alone.
    s.undo().unwrap().expect("the note edit can be undone");
    assert_eq!(s.dossier().info.notes, d.info.notes);
    assert_eq!(s.dossier().events.len(), 3);
    assert!(s.undo().unwrap().is_none());
    s.flush().unwrap();
    drop(s);
    let back = stored(&path);
    assert_eq!(back.events.len(), 3);
    assert_eq!(
        back.recommendations[1].status,
        RecommendationStatus::InProgress
    );

    // The session refuses an edit of the history as the rules say.
    let mut s = Session::open(&path).unwrap();
    let e = s.dossier().events[0].clone();
    let mut changed = e.clone();
    changed.recorded_by = "Người khác".into();
    let err = s
        .apply(Change::update(
            ChangeLabel::edit(|t| t.what_recommendation, ""),
            Record::Event(e),
            Record::Event(changed),
        ))
        .unwrap_err();
    assert!(
        err.message(giamsat::i18n::Lang::Vi)
            .contains("chỉ được ghi thêm")
    );
    let err = s
        .apply(Change::new(
            ChangeLabel::delete(|t| t.what_recommendation, ""),
            vec![Edit::delete(Record::Recommendation(
                s.dossier().recommendations[0].clone(),
            ))],
        ))
        .unwrap_err();
    assert!(
        err.message(giamsat::i18n::Lang::Vi)
            .contains("không xóa được")
    );
}

#[test]
fn an_issued_round_is_unlocked_only_with_a_reason_on_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khoa.giamsat");
    ProjectFile::create(&path, &followed()).unwrap();
    let mut s = Session::open(&path).unwrap();
    let d = s.dossier().clone();
    let label = || ChangeLabel::edit(|t| t.what_round, "");
    // The figures the issued round rests on: Dự án 7 in Hữu Lũng and Chi Lăng.
    let before = d.allocations[0].clone();
    let mut after = before.clone();
    after.amount_dong = Amount::Unknown;
    let err = s
        .apply(Change::update(
            label(),
            Record::Allocation(before.clone()),
            Record::Allocation(after.clone()),
        ))
        .unwrap_err();
    assert!(err.message(giamsat::i18n::Lang::Vi).contains("đã khóa"));
    // Reopening without a reason on record is refused.
    let mut draft = d.rounds[0].clone();
    draft.draft_status = DraftStatus::Draft;
    let reopen = Edit::update(
        Record::Round(d.rounds[0].clone()),
        Record::Round(draft.clone()),
    );
    let err = s
        .apply(Change::new(label(), vec![reopen.clone()]))
        .unwrap_err();
    assert!(err.message(giamsat::i18n::Lang::Vi).contains("ghi lý do"));
    // With one, it opens, and the figures can change.
    let unlock = RoundEvent {
        id: RoundEventId(s.new_id(Table::RoundEvents)),
        round_id: d.rounds[0].id,
        recorded_at: day(2024, 2, 1).and_hms_opt(8, 0, 0).unwrap(),
        recorded_by: "Hoàng Thị Lan".into(),
        action: LockAction::Unlocked,
        reason: "Huyện gửi báo cáo bổ sung".into(),
    };
    s.apply(Change::new(
        label(),
        vec![Edit::insert(Record::RoundEvent(unlock)), reopen],
    ))
    .unwrap();
    s.apply(Change::update(
        label(),
        Record::Allocation(before),
        Record::Allocation(after),
    ))
    .unwrap();
    s.flush().unwrap();
    drop(s);
    let back = stored(&path);
    assert_eq!(back.round_events.len(), 1);
    assert_eq!(back.allocations[0].amount_dong, Amount::Unknown);
    // The log cannot be rewritten behind GiamSat's back either.
    let conn = Connection::open(&path).unwrap();
    assert!(
        conn.execute("UPDATE round_events SET reason = 'x'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM round_events", []).is_err());
    // A reason is required by the file itself.
    assert!(
        conn.execute(
            "INSERT INTO round_events (round_id, recorded_at, recorded_by, action, reason)
             VALUES (1, '2024-02-02T08:00:00', 'X', 'unlocked', '')",
            []
        )
        .is_err()
    );
}

#[test]
fn upgrading_keeps_every_id_ever_given_and_the_document_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.giamsat");
    ProjectFile::create_with_version(&path, &Dossier::new("Hồ sơ 2023"), 4).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "INSERT INTO rounds (id, title) VALUES (1, 'Đợt 1');
             INSERT INTO recommendations (id, round_id, text, status, position)
                 VALUES (1, 1, 'Còn lại', 'open', 1), (7, 1, 'Sẽ xóa', 'open', 2);
             INSERT INTO recommendation_addressees VALUES (1, 0, 'UBND huyện Hữu Lũng');
             INSERT INTO recommendation_addressees VALUES (7, 0, 'UBND huyện Hữu Lũng');
             DELETE FROM recommendations WHERE id = 7;
             INSERT INTO documents (id, round_id, kind, number, symbol) VALUES (3, 1, 'thong_bao', '15', 'TB-MTTQ-BTT');
             INSERT INTO documents (id, round_id, kind) VALUES (4, 1, 'bao_cao');
             DELETE FROM documents WHERE id = 4;",
        )
        .unwrap();
    let (file, d) = ProjectFile::open_and_load(&path, Access::ReadWrite).unwrap();
    let issued = file.issued_ids().unwrap();
    assert_eq!(issued.get(&Table::Recommendations), Some(&7));
    assert_eq!(issued.get(&Table::Documents), Some(&4));
    assert_eq!(d.documents.len(), 1);
    assert_eq!(d.documents[0].number, "15");
    assert_eq!(d.recommendations.len(), 1);
    drop(file);
    // A session gives the next recommendation id 8, not a deleted one's 7.
    let mut s = Session::open(&path).unwrap();
    assert_eq!(s.new_id(Table::Recommendations), 8);
}

#[test]
fn a_change_cannot_leave_the_history_or_files_pointing_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tro.giamsat");
    let mut d = followed();
    // A response with a file attached to it.
    d.recommendations[0].responses.push(Response {
        id: ResponseId(1),
        date: day(2024, 1, 5),
        text: "Đã ban hành kế hoạch".into(),
        evidence: String::new(),
    });
    let bytes = b"%PDF-1.4 ke hoach".to_vec();
    d.attachments.push(Attachment {
        id: AttachmentId(1),
        recommendation_id: d.recommendations[0].id,
        response_id: Some(ResponseId(1)),
        event_id: None,
        name: "Kế hoạch.pdf".into(),
        size: bytes.len() as u64,
        sha256: giamsat::store::attachments::hex(&<sha2::Sha256 as sha2::Digest>::digest(&bytes)),
        received_on: None,
        document_date: None,
        added_at: day(2024, 1, 6).and_hms_opt(8, 0, 0).unwrap(),
        added_by: "Hoàng Thị Lan".into(),
        note: String::new(),
    });
    let content: std::collections::HashMap<AttachmentId, Vec<u8>> =
        [(AttachmentId(1), bytes)].into();
    ProjectFile::create_with_content(&path, &d, &content).unwrap();
    let mut s = Session::open(&path).unwrap();
    let label = || ChangeLabel::edit(|t| t.what_recommendation, "");
    let r = s.dossier().recommendations[0].clone();
    let mut without = r.clone();
    without.responses.clear();
    let err = s
        .apply(Change::update(
            label(),
            Record::Recommendation(r.clone()),
            Record::Recommendation(without),
        ))
        .unwrap_err();
    assert!(
        err.message(giamsat::i18n::Lang::Vi)
            .contains("tệp minh chứng")
    );
    // Closing what the Front has not verified is refused.
    let open = s.dossier().recommendations[1].clone();
    let mut closed = open.clone();
    closed.status = RecommendationStatus::Closed;
    let mut e = event(3, open.id, RecommendationStatus::Closed);
    e.method = None;
    let err = s
        .apply(Change::new(
            label(),
            vec![
                Edit::insert(Record::Event(e)),
                Edit::update(Record::Recommendation(open), Record::Recommendation(closed)),
            ],
        ))
        .unwrap_err();
    assert!(err.message(giamsat::i18n::Lang::Vi).contains("xác minh"));
    s.flush().unwrap();
    drop(s);
    // Whatever was refused, the file still opens whole.
    assert_eq!(stored(&path).attachments.len(), 1);
}
