//! The project file: creating, opening, refusing, upgrading, transactions, Save As.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::exchange::to_json;
use giamsat::model::*;
use giamsat::sample;
use giamsat::store::{
    APPLICATION_ID, Access, OpenErrorKind, ProjectFile, SCHEMA_VERSION, StoreError,
};
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};

fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("mau.giamsat");
    ProjectFile::create(&path, &sample::lang_son()).unwrap();
    path
}

fn refusal(path: &Path) -> OpenErrorKind {
    let err = ProjectFile::open_and_load(path, Access::ReadWrite).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("Không mở được tệp"), "{msg}");
    assert!(
        msg.ends_with(&path.display().to_string()),
        "message names the file last: {msg}"
    );
    err.kind
}

#[test]
fn a_new_file_identifies_itself_and_holds_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let conn = Connection::open(&path).unwrap();
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(journal, "delete");
    drop(conn);

    let (file, loaded) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert_eq!(loaded, sample::lang_son());
    assert!(file.integrity_problems().unwrap().is_empty());
    // Only the project file is left in the folder: no temp, journal or wal file.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("mau.giamsat")]);
}

#[test]
fn the_sample_keeps_unknowns_and_period_totals() {
    let dir = tempfile::tempdir().unwrap();
    let (_, d) = ProjectFile::open_and_load(&sample_file(dir.path()), Access::ReadOnly).unwrap();
    let hl = |kind, year| {
        d.allocations
            .iter()
            .filter(|a| {
                a.area_id == sample::HUU_LUNG
                    && a.kind == kind
                    && a.period == Period::year(year).unwrap()
            })
            .map(|a| a.amount_dong)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        hl(AllocationKind::Allocated, 2022),
        vec![Amount::Known(Dong::new(468_000_000).unwrap())]
    );
    assert_eq!(
        hl(AllocationKind::Allocated, 2023),
        vec![Amount::Known(Dong::new(494_000_000).unwrap())]
    );
    assert_eq!(hl(AllocationKind::CarriedOver, 2023), vec![Amount::Unknown]);
    let chi_lang: Vec<_> = d
        .allocations
        .iter()
        .filter(|a| a.area_id == sample::CHI_LANG)
        .collect();
    assert_eq!(chi_lang.len(), 1, "Chi Lăng's total is never split by year");
    assert_eq!(chi_lang[0].period, Period::new(2022, 2023).unwrap());
    assert_eq!(
        chi_lang[0].amount_dong,
        Amount::Known(Dong::new(949_000_000).unwrap())
    );
    let values: Vec<_> = d.indicator_values.iter().map(|v| v.value).collect();
    assert_eq!(
        values,
        vec![
            Measure::Number(Quantity::whole(9).unwrap()),
            Measure::Number(Quantity::whole(20).unwrap()),
            Measure::Month(YearMonth::new(2023, 5).unwrap()),
        ]
    );
    assert_eq!(
        d.rounds[0].start_date,
        chrono::NaiveDate::from_ymd_opt(2023, 6, 21)
    );
    assert_eq!(d.rounds[0].members.len(), 7);
    for r in &d.recommendations {
        assert_eq!(
            r.addressees,
            vec!["UBND huyện Hữu Lũng", "UBND huyện Chi Lăng"]
        );
    }
}

#[test]
fn an_existing_file_is_never_overwritten_by_create() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let before = fs::read(&path).unwrap();
    let err = ProjectFile::create(&path, &Dossier::new("Khác")).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn refuses_random_bytes_empty_and_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let random = dir.path().join("random.giamsat");
    let bytes: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&random, bytes).unwrap();
    assert!(matches!(refusal(&random), OpenErrorKind::NotSqlite));

    let empty = dir.path().join("empty.giamsat");
    fs::write(&empty, b"").unwrap();
    assert!(matches!(refusal(&empty), OpenErrorKind::Empty));

    let text = dir.path().join("notes.giamsat");
    fs::write(
        &text,
        "Biên bản làm việc với UBND huyện Hữu Lũng\n".repeat(50),
    )
    .unwrap();
    let kind = refusal(&text);
    assert!(matches!(kind, OpenErrorKind::NotSqlite));
    assert!(kind.to_string().contains("không phải tệp dự án GiamSat"));

    assert!(matches!(
        refusal(&dir.path().join("missing.giamsat")),
        OpenErrorKind::NotFound
    ));
    assert!(matches!(refusal(dir.path()), OpenErrorKind::NotAFile));
}

#[test]
fn refuses_a_truncated_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let kind = refusal(&path);
    assert!(matches!(kind, OpenErrorKind::Truncated { .. }), "{kind:?}");
    assert!(kind.to_string().contains("cắt cụt"));
    // Cut inside the header too.
    fs::write(&path, &bytes[..60]).unwrap();
    assert!(matches!(refusal(&path), OpenErrorKind::Truncated { .. }));
}

#[test]
fn refuses_another_applications_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA application_id = 1234;",
    )
    .unwrap();
    drop(conn);
    let kind = refusal(&path);
    assert!(
        matches!(
            kind,
            OpenErrorKind::ForeignApplication {
                application_id: 1234
            }
        ),
        "{kind:?}"
    );
    assert!(kind.to_string().contains("ứng dụng khác"));
}

#[test]
fn refuses_a_newer_schema_and_says_which_is_needed() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 5)
        .unwrap();
    let kind = refusal(&path);
    assert!(
        matches!(kind, OpenErrorKind::TooNew { found, supported } if found == SCHEMA_VERSION + 5 && supported == SCHEMA_VERSION)
    );
    let msg = kind.to_string();
    assert!(
        msg.contains(&format!("lược đồ số {}", SCHEMA_VERSION + 5))
            && msg.contains("cập nhật GiamSat"),
        "{msg}"
    );
}

#[test]
fn refuses_a_corrupted_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let mut bytes = fs::read(&path).unwrap();
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    // Scribble over every page but the first (which holds the header and the schema table).
    for page in 1..bytes.len() / page_size {
        for b in &mut bytes[page * page_size..page * page_size + 64] {
            *b = 0xA5;
        }
    }
    fs::write(&path, &bytes).unwrap();
    let kind = refusal(&path);
    assert!(matches!(kind, OpenErrorKind::Corrupt(_)), "{kind:?}");
    assert!(kind.to_string().contains("bị hỏng"));
}

#[test]
fn refuses_a_tampered_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER evil AFTER INSERT ON areas BEGIN DELETE FROM allocations; END;",
        )
        .unwrap();
    let kind = refusal(&path);
    assert!(
        matches!(&kind, OpenErrorKind::UnexpectedSchema(d) if d.contains("evil")),
        "{kind:?}"
    );

    let path2 = dir.path().join("b.giamsat");
    ProjectFile::create(&path2, &sample::lang_son()).unwrap();
    Connection::open(&path2)
        .unwrap()
        .execute_batch("ALTER TABLE allocations ADD COLUMN extra TEXT")
        .unwrap();
    assert!(matches!(
        refusal(&path2),
        OpenErrorKind::UnexpectedSchema(_)
    ));
}

#[test]
fn refuses_values_the_model_forbids() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    // A file written by hand: a recommendation that lost its addressees.
    Connection::open(&path)
        .unwrap()
        .execute_batch("DELETE FROM recommendation_addressees WHERE recommendation_id = 2")
        .unwrap();
    let kind = refusal(&path);
    assert!(
        matches!(&kind, OpenErrorKind::Inconsistent(p) if p[0].path == "recommendations[1].addressees"),
        "{kind:?}"
    );
}

#[test]
fn an_older_file_is_upgraded_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.giamsat");
    ProjectFile::create_with_version(&path, &Dossier::new("Hồ sơ cũ"), 1).unwrap();
    let original = fs::read(&path).unwrap();

    // Reading never writes: the upgrade happens in memory only.
    let (ro, d) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert_eq!(d.info.name, "Hồ sơ cũ");
    assert_eq!(ro.upgraded().unwrap().backup, None);
    drop(ro);
    assert_eq!(fs::read(&path).unwrap(), original);

    let file = ProjectFile::open(&path).unwrap();
    let up = file.upgraded().unwrap().clone();
    assert_eq!(up.from_version, 1);
    let backup = up.backup.unwrap();
    assert_eq!(
        backup.parent(),
        path.parent(),
        "the backup sits beside the file"
    );
    assert_eq!(
        fs::read(&backup).unwrap(),
        original,
        "the backup is the untouched old file"
    );
    assert_eq!(file.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(file.integrity_problems().unwrap().is_empty());
    drop(file);
    // Opening again finds nothing to upgrade.
    assert!(ProjectFile::open(&path).unwrap().upgraded().is_none());
}

#[test]
fn a_failed_change_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let mut file = ProjectFile::open(&path).unwrap();
    let result: Result<(), StoreError> = file.write(|tx| {
        tx.execute("DELETE FROM allocations WHERE id = 1", [])?;
        Err(StoreError::BadData("stop halfway".into()))
    });
    assert!(result.is_err());
    let mut broken = sample::lang_son();
    broken.allocations[0].area_id = AreaId(77);
    assert!(matches!(
        file.replace_dossier(&broken),
        Err(StoreError::Invalid(_))
    ));
    // A write the database itself refuses (a foreign key) rolls back too.
    let r = file.write(|tx| {
        tx.execute("UPDATE allocations SET note = 'x' WHERE id = 2", [])?;
        tx.execute("UPDATE allocations SET area_id = 555 WHERE id = 3", [])?;
        Ok(())
    });
    assert!(r.is_err());
    drop(file);
    let (_, d) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert_eq!(d, sample::lang_son());
}

#[test]
fn read_only_access_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let mut file = ProjectFile::open_read_only(&path).unwrap();
    assert!(matches!(
        file.replace_dossier(&Dossier::new("x")),
        Err(StoreError::ReadOnly)
    ));
}

#[test]
fn save_as_copies_and_continues_on_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let copy = dir.path().join("ban sao.giamsat");
    let mut file = ProjectFile::open(&path).unwrap();
    file.save_as(&copy).unwrap();
    assert_eq!(file.path(), copy);
    let mut changed = sample::lang_son();
    changed.info.name = "Bản sửa".into();
    file.replace_dossier(&changed).unwrap();
    drop(file);
    let (_, original) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    let (_, copied) = ProjectFile::open_and_load(&copy, Access::ReadOnly).unwrap();
    assert_eq!(original, sample::lang_son());
    assert_eq!(copied.info.name, "Bản sửa");
}

#[test]
fn file_json_file_json_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (_, d) = ProjectFile::open_and_load(&sample_file(dir.path()), Access::ReadOnly).unwrap();
    let json1 = to_json(&d);
    let back = giamsat::exchange::from_json(&json1).unwrap();
    let path2 = dir.path().join("2.giamsat");
    ProjectFile::create(&path2, &back).unwrap();
    let (_, d2) = ProjectFile::open_and_load(&path2, Access::ReadOnly).unwrap();
    assert_eq!(to_json(&d2), json1);
}

#[test]
fn stored_text_is_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nfd.giamsat");
    let mut d = sample::lang_son();
    d.areas[2].name = "Chi Lăng".nfd().collect();
    d.conclusions[0].text = d.conclusions[0].text.nfd().collect();
    ProjectFile::create(&path, &d).unwrap();
    let conn = Connection::open(&path).unwrap();
    let name: String = conn
        .query_row("SELECT name FROM areas WHERE id = 3", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Chi Lăng");
    assert_eq!(name.chars().count(), 8);
    let (_, back) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert_eq!(
        back.conclusions[0].text,
        sample::lang_son().conclusions[0].text
    );
}

#[test]
fn a_schema_2_file_with_findings_upgrades_with_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.giamsat");
    ProjectFile::create_with_version(&path, &Dossier::new("Hồ sơ 2023"), 2).unwrap();
    // What version 2 files held: a round with a recommendation and no priority or status yet.
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "INSERT INTO rounds (id, title) VALUES (1, 'Đợt 1');
             INSERT INTO recommendations (id, round_id, text, status, position) VALUES (1, 1, 'Đề nghị', 'open', 1);
             INSERT INTO recommendation_addressees VALUES (1, 0, 'UBND huyện Hữu Lũng');",
        )
        .unwrap();
    let (file, d) = ProjectFile::open_and_load(&path, Access::ReadWrite).unwrap();
    assert_eq!(file.upgraded().unwrap().from_version, 2);
    assert_eq!(d.recommendations[0].priority, Priority::Normal);
    assert_eq!(d.rounds[0].draft_status, DraftStatus::Draft);
    assert!(d.phrases.is_empty() && d.text_versions.is_empty());
}

#[test]
fn phrases_and_text_versions_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.giamsat");
    let mut d = sample::lang_son();
    d.rounds[0].draft_status = DraftStatus::Issued;
    d.rounds[0].issued_on = chrono::NaiveDate::from_ymd_opt(2023, 7, 5);
    d.recommendations[1].priority = Priority::High;
    d.text_versions.push(TextVersion {
        figures: vec![],
        id: TextVersionId(1),
        round_id: RoundId(1),
        target: TextTarget::Recommendation(RecommendationId(2)),
        saved_at: chrono::NaiveDate::from_ymd_opt(2023, 7, 1)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
        name: "Bản trình Ban Thường trực".into(),
        text: "Đề nghị cũ".into(),
    });
    ProjectFile::create(&path, &d).unwrap();
    let (_, back) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    assert_eq!(back, d);
    assert_eq!(
        back.phrases.len(),
        giamsat::model::dossier::DEFAULT_PHRASES.len()
    );
}

#[test]
fn create_replacing_replaces_a_file_whole_and_leaves_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Bản sao.giamsat");
    ProjectFile::create(&path, &Dossier::new("cũ")).unwrap();
    let (file, left_out) =
        ProjectFile::create_replacing(&path, &sample::lang_son(), &giamsat::store::NoContent)
            .unwrap();
    assert!(left_out.is_empty());
    assert_eq!(file.load().unwrap(), sample::lang_son());
    drop(file);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("Bản sao.giamsat")]);
}

#[test]
fn ids_are_never_reused_after_the_highest_record_is_deleted_and_the_file_reopened() {
    use giamsat::session::{Change, ChangeLabel, Session};
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let mut s = Session::open(&path).unwrap();
    let id = ConclusionId(s.new_id(Table::Conclusions));
    let c = Conclusion {
        figures: vec![],
        id,
        round_id: RoundId(1),
        area_id: None,
        kind: ConclusionKind::Cause,
        text: "Một kết luận sẽ bị xóa.".into(),
        position: 9,
    };
    let add = |c: &Conclusion| {
        Change::new(
            ChangeLabel::add(|t| t.what_conclusion, ""),
            vec![Edit::insert(Record::Conclusion(c.clone()))],
        )
    };
    s.apply(add(&c)).unwrap();
    s.apply(Change::new(
        ChangeLabel::delete(|t| t.what_conclusion, ""),
        vec![Edit::delete(Record::Conclusion(c.clone()))],
    ))
    .unwrap();
    drop(s);

    let mut s = Session::open(&path).unwrap();
    let next = s.new_id(Table::Conclusions);
    assert!(
        next > id.0,
        "the deleted conclusion's id {} is not given again (got {next})",
        id.0
    );
}
