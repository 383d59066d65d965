//! Issued documents kept as issued: the bytes stored at Ban hành are what print, Save As,
//! backups and JSON give ever after, whatever changes in the data; a changed figure an issued
//! document quotes is listed; a correction is a new document, never an overwrite.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::model::*;
use giamsat::session::{Change, ChangeLabel, Session};
use std::path::Path;
use std::process::{Command, Output};

fn giamsat(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn failed(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Hữu Lũng's 2022 allocation (468 in the sample) set to `trieu`.
fn set_2022(s: &Session, trieu: i64) -> Change {
    let before = s.dossier().allocations[0].clone();
    assert_eq!(
        before.amount_dong,
        Amount::Known(Dong::from_trieu(468).unwrap())
    );
    let mut after = before.clone();
    after.amount_dong = Amount::Known(Dong::from_trieu(trieu).unwrap());
    Change::update(
        ChangeLabel::edit(|t| t.what_amount, "Hữu Lũng 2022"),
        Record::Allocation(before),
        Record::Allocation(after),
    )
}

/// `giamsat issue s.giamsat --round R --number N --date D`.
fn issue_args<'a>(round: &'a str, number: &'a str, date: &'a str) -> Vec<&'a str> {
    vec![
        "issue",
        "s.giamsat",
        "--round",
        round,
        "--number",
        number,
        "--date",
        date,
    ]
}

fn issue_sample(dir: &Path) {
    ok(&giamsat(&["sample", "s.giamsat"], dir));
    issue_round_1(dir);
}

fn issue_round_1(dir: &Path) {
    let out = ok(&giamsat(
        &[
            "issue",
            "s.giamsat",
            "--round",
            "1",
            "--number",
            "15",
            "--date",
            "2023-07-05",
            "--signer",
            "Hoàng Văn Thụ",
            "--by",
            "Chị Lan",
        ],
        dir,
    ));
    assert!(out.contains("số 15/TB-MTTQ-BTT"), "{out}");
}

#[test]
fn an_issued_copy_stays_byte_identical_through_an_unlock_a_correction_save_as_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    issue_sample(p);
    // The stored copy, as print gives it, twice: the same bytes.
    ok(&giamsat(
        &[
            "print",
            "s.giamsat",
            "--doc",
            "bao-cao",
            "--round",
            "1",
            "--pdf",
            "a.pdf",
            "--docx",
            "a.docx",
        ],
        p,
    ));
    let issued_pdf = std::fs::read(p.join("a.pdf")).unwrap();
    let issued_docx = std::fs::read(p.join("a.docx")).unwrap();
    {
        let s = Session::open(&p.join("s.giamsat")).unwrap();
        let d = s.dossier();
        let copy = d.issued_copy(RoundId(1), DocKind::BaoCao).unwrap();
        assert_eq!(copy.pdf.bytes(), issued_pdf.as_slice());
        assert_eq!(copy.docx.as_ref().unwrap().bytes(), issued_docx.as_slice());
        assert_eq!(
            copy.date,
            chrono::NaiveDate::from_ymd_opt(2023, 7, 5).unwrap()
        );
        assert_eq!(copy.signer, "Hoàng Văn Thụ");
        assert_eq!(copy.issued_by, "Chị Lan");
        // The report quotes the allocation table: 468 among its figures.
        assert!(copy.quoted.iter().any(|q| {
            q.period == Some(Period::year(2022).unwrap())
                && q.value.and_then(|v| v.total()) == Some(Dong::from_trieu(468).unwrap())
        }));
        let notice = d.issued_copy(RoundId(1), DocKind::ThongBao).unwrap();
        assert_eq!(notice.number_shown().as_deref(), Some("15/TB-MTTQ-BTT"));
        assert!(giamsat::print::issue::drift(d, RoundId(1)).is_empty());
    }
    // The figures are locked while issued.
    {
        let mut s = Session::open(&p.join("s.giamsat")).unwrap();
        let change = set_2022(&s, 470);
        assert!(
            s.apply(change).is_err(),
            "an issued round's figures are locked"
        );
    }
    // Unlocked with a reason, a figure corrected: the stored copy does not move; the change
    // is listed as what the issued document says against what the data says now.
    ok(&giamsat(
        &[
            "unlock",
            "s.giamsat",
            "--round",
            "1",
            "--reason",
            "Huyện báo cáo lại số vốn 2022",
        ],
        p,
    ));
    {
        let mut s = Session::open(&p.join("s.giamsat")).unwrap();
        let change = set_2022(&s, 470);
        s.apply(change).unwrap();
        s.flush().unwrap();
        let drift = giamsat::print::issue::drift(s.dossier(), RoundId(1));
        assert!(!drift.is_empty());
        assert!(
            drift.iter().any(|x| x
                .said_vi()
                .contains("văn bản đã ban hành nêu 468, số liệu nay là 470")),
            "{drift:?}"
        );
    }
    let check = ok(&giamsat(&["check", "s.giamsat"], p));
    assert!(
        check.contains("văn bản đã ban hành nêu 468, số liệu nay là 470"),
        "{check}"
    );
    assert!(check.contains("Vốn phân bổ, huyện Hữu Lũng"), "{check}");
    ok(&giamsat(
        &[
            "print",
            "s.giamsat",
            "--doc",
            "bao-cao",
            "--round",
            "1",
            "--pdf",
            "b.pdf",
        ],
        p,
    ));
    assert_eq!(std::fs::read(p.join("b.pdf")).unwrap(), issued_pdf);
    // --current is built from the data now, and is not the issued copy.
    let out = ok(&giamsat(
        &[
            "print",
            "s.giamsat",
            "--doc",
            "bao-cao",
            "--round",
            "1",
            "--current",
            "--pdf",
            "c.pdf",
        ],
        p,
    ));
    assert!(out.contains("không phải bản đã ban hành"), "{out}");
    assert_ne!(std::fs::read(p.join("c.pdf")).unwrap(), issued_pdf);

    // Through JSON and back, and through Save As: the same bytes.
    ok(&giamsat(&["export", "s.giamsat", "--json", "s.json"], p));
    ok(&giamsat(&["import", "s.json", "--out", "t.giamsat"], p));
    ok(&giamsat(
        &[
            "print",
            "t.giamsat",
            "--doc",
            "bao-cao",
            "--round",
            "1",
            "--pdf",
            "t.pdf",
        ],
        p,
    ));
    assert_eq!(std::fs::read(p.join("t.pdf")).unwrap(), issued_pdf);
    {
        let mut s = Session::open(&p.join("s.giamsat")).unwrap();
        s.save_as(&p.join("u.giamsat")).unwrap();
    }
    ok(&giamsat(
        &[
            "print",
            "u.giamsat",
            "--doc",
            "bao-cao",
            "--round",
            "1",
            "--docx",
            "u.docx",
        ],
        p,
    ));
    assert_eq!(std::fs::read(p.join("u.docx")).unwrap(), issued_docx);

    // The correction is issued as a new document with its own number, never the old one's;
    // the first stays.
    let e = failed(&giamsat(&issue_args("1", "15", "2023-08-01"), p));
    assert!(e.contains("số 15/TB-MTTQ-BTT đã dùng"), "{e}");
    let s = Session::open(&p.join("s.giamsat")).unwrap();
    assert_eq!(
        s.dossier().rounds[0].draft_status,
        DraftStatus::Draft,
        "a refused issuing leaves the round as it was"
    );
    drop(s);
    ok(&giamsat(
        &[
            "issue",
            "s.giamsat",
            "--round",
            "1",
            "--number",
            "21",
            "--date",
            "2023-08-01",
            "--by",
            "Chị Lan",
        ],
        p,
    ));
    let s = Session::open(&p.join("s.giamsat")).unwrap();
    let d = s.dossier();
    assert_eq!(d.issued_documents.len(), 4);
    let first = d
        .issued_documents
        .iter()
        .find(|x| x.kind == DocKind::BaoCao)
        .unwrap();
    assert_eq!(first.pdf.bytes(), issued_pdf.as_slice());
    let second = d.issued_copy(RoundId(1), DocKind::BaoCao).unwrap();
    assert_eq!(second.corrects, Some(first.id));
    assert_ne!(second.pdf, first.pdf);
    assert_eq!(
        d.issued_copy(RoundId(1), DocKind::ThongBao)
            .unwrap()
            .number_shown()
            .as_deref(),
        Some("21/TB-MTTQ-BTT")
    );
    // The correction quotes the data as it is now: nothing to flag any more.
    assert!(giamsat::print::issue::drift(d, RoundId(1)).is_empty());
    // The lock log says it all: issued, unlocked with the reason, issued again.
    let log: Vec<LockAction> = d.round_events.iter().map(|e| e.action).collect();
    assert_eq!(
        log,
        [LockAction::Issued, LockAction::Unlocked, LockAction::Issued]
    );
}

#[test]
fn an_issued_copy_is_never_changed_or_removed_by_the_app_or_behind_its_back() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    issue_sample(p);
    let mut s = Session::open(&p.join("s.giamsat")).unwrap();
    let copy = s.dossier().issued_documents[0].clone();
    let mut altered = copy.clone();
    altered.signer = "Người khác".into();
    let e = s
        .apply(Change::update(
            ChangeLabel::edit(|t| t.what_draft_status, ""),
            Record::IssuedDocument(copy.clone()),
            Record::IssuedDocument(altered),
        ))
        .unwrap_err();
    assert!(
        e.message(giamsat::i18n::Lang::Vi)
            .contains("văn bản đã ban hành được lưu nguyên"),
        "{}",
        e.message(giamsat::i18n::Lang::Vi)
    );
    assert!(
        s.apply(Change::new(
            ChangeLabel::edit(|t| t.what_draft_status, ""),
            vec![Edit::delete(Record::IssuedDocument(copy))],
        ))
        .is_err()
    );
    drop(s);
    // Behind the app's back: the file itself refuses, and a copy whose bytes were swapped is
    // reported, not passed off as the issued one.
    let conn = rusqlite::Connection::open(p.join("s.giamsat")).unwrap();
    let refused = conn.execute("UPDATE issued_documents SET pdf = x'00' WHERE id = 1", []);
    assert!(refused.is_err());
    assert!(conn.execute("DELETE FROM issued_documents", []).is_err());
    let trigger: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'issued_documents_keep_update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER issued_documents_keep_update;
         UPDATE issued_documents SET pdf = x'255044462d312e370a' WHERE id = 1;
         {trigger};"
    ))
    .unwrap();
    drop(conn);
    // The project still opens (one altered copy does not lock staff out of their work) …
    let s = Session::open(&p.join("s.giamsat")).unwrap();
    assert!(s.dossier().issued_documents[0].altered());
    drop(s);
    // … and check and print say the copy is not what was issued.
    let o = giamsat(&["check", "s.giamsat"], p);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("không khớp mã SHA-256 ghi lúc ban hành"),
        "{out}"
    );
    let out = ok(&giamsat(
        &[
            "print",
            "s.giamsat",
            "--doc",
            "thong-bao",
            "--round",
            "1",
            "--pdf",
            "x.pdf",
        ],
        p,
    ));
    assert!(
        out.contains("Cảnh báo: bản lưu này không khớp mã SHA-256"),
        "{out}"
    );
}

#[test]
fn issuing_asks_for_a_number_and_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    ok(&giamsat(&["sample", "s.giamsat"], p));
    let e = failed(&giamsat(&issue_args("1", " ", "2023-07-05"), p));
    assert!(e.contains("--number"), "{e}");
    let e = failed(&giamsat(&issue_args("3", "15", "2023-07-05"), p));
    assert!(e.contains("--round 3: tệp chỉ có 1 đợt"), "{e}");
    let e = failed(&giamsat(&issue_args("1", "15", "31/02/2023"), p));
    assert!(e.contains("--date"), "{e}");
    let e = failed(&giamsat(
        &["unlock", "s.giamsat", "--round", "1", "--reason", "sửa"],
        p,
    ));
    assert!(e.contains("chưa ban hành"), "{e}");
    // Nothing was stored by the refusals.
    let s = Session::open(&p.join("s.giamsat")).unwrap();
    assert!(s.dossier().issued_documents.is_empty());
    assert_eq!(s.dossier().rounds[0].draft_status, DraftStatus::Draft);
    drop(s);
    issue_round_1(p);
    let e = failed(&giamsat(&issue_args("1", "16", "2023-07-06"), p));
    assert!(e.contains("giamsat unlock"), "{e}");
    let e = failed(&giamsat(
        &["unlock", "s.giamsat", "--round", "1", "--reason", "  "],
        p,
    ));
    assert!(e.contains("lý do"), "{e}");
}

#[test]
fn an_inserted_figure_travels_with_its_text_and_the_notice_quotes_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    ok(&giamsat(&["sample", "s.giamsat"], p));
    {
        let mut s = Session::open(&p.join("s.giamsat")).unwrap();
        let d = s.dossier().clone();
        let c = d.conclusions[0].clone();
        let mut f = giamsat::analysis::figure_refs::figure_ref(
            &d,
            (
                giamsat::sample::HUU_LUNG,
                Period::year(2022).unwrap(),
                AllocationKind::Allocated,
            ),
            RoundId(1),
            MoneyUnit::Trieu,
            giamsat::i18n::Lang::Vi,
        )
        .unwrap()
        .unwrap();
        let text = format!("{} Năm 2022 huyện được phân bổ {}.", c.text, f.shown);
        f.at = text.rfind("468").unwrap();
        let change = s.figure_inserted(RoundId(1), TextTarget::Conclusion(c.id), &text, f);
        s.apply(change).unwrap();
        s.flush().unwrap();
        let c = &s.dossier().conclusions[0];
        assert_eq!(c.figures.len(), 1);
        assert!(c.figures[0].holds_in(&c.text));
        // The version kept with it has the figure too.
        let v = s
            .dossier()
            .versions_of(TextTarget::Conclusion(c.id))
            .last()
            .cloned()
            .cloned()
            .unwrap();
        assert_eq!(v.figures, c.figures);
    }
    // Through JSON and a new file: the same figure, in the same place.
    ok(&giamsat(&["export", "s.giamsat", "--json", "s.json"], p));
    ok(&giamsat(&["import", "s.json", "--out", "t.giamsat"], p));
    let a = Session::open(&p.join("s.giamsat")).unwrap();
    let b = Session::open(&p.join("t.giamsat")).unwrap();
    assert_eq!(a.dossier().conclusions, b.dossier().conclusions);
    assert_eq!(a.dossier().text_versions, b.dossier().text_versions);
    drop((a, b));
    // Issued, the notice quotes the figure of its sentence; corrected after an unlock, the
    // round lists it against the notice.
    issue_round_1(p);
    let s = Session::open(&p.join("s.giamsat")).unwrap();
    let notice = s
        .dossier()
        .issued_copy(RoundId(1), DocKind::ThongBao)
        .unwrap()
        .clone();
    assert_eq!(notice.quoted.len(), 1, "{:?}", notice.quoted);
    // Counted again as the notice quoted it: nothing changed yet.
    assert!(
        giamsat::print::issue::drift(s.dossier(), RoundId(1)).is_empty(),
        "{:?}",
        giamsat::print::issue::drift(s.dossier(), RoundId(1))
    );
    drop(s);
    ok(&giamsat(
        &[
            "unlock",
            "s.giamsat",
            "--round",
            "1",
            "--reason",
            "Sửa số 2022",
        ],
        p,
    ));
    let mut s = Session::open(&p.join("s.giamsat")).unwrap();
    let change = set_2022(&s, 470);
    s.apply(change).unwrap();
    let drift = giamsat::print::issue::drift(s.dossier(), RoundId(1));
    assert!(
        drift
            .iter()
            .any(|x| x.kind == DocKind::ThongBao
                && x.said_vi().contains("nêu 468, số liệu nay là 470")),
        "{drift:?}"
    );
    // And the sentence itself is marked in the draft.
    let stale = giamsat::analysis::figure_refs::stale_in_round(
        s.dossier(),
        RoundId(1),
        giamsat::i18n::Lang::Vi,
    );
    assert_eq!(stale.len(), 1);
    assert_eq!(
        stale[0].arrow(giamsat::i18n::Lang::Vi),
        "468 triệu đồng → 470 triệu đồng"
    );
}

/// The sample with its first conclusion's text set to `text`.
fn sample_saying(dir: &Path, text: &str) {
    ok(&giamsat(&["sample", "s.giamsat"], dir));
    let mut s = Session::open(&dir.join("s.giamsat")).unwrap();
    let c = s.dossier().conclusions[0].clone();
    let change = s.text_change(RoundId(1), TextTarget::Conclusion(c.id), text, true);
    s.apply(change).unwrap();
    s.flush().unwrap();
}

#[test]
fn check_text_finds_a_mistyped_number_with_its_likely_source_and_issuing_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    ok(&giamsat(&["sample", "clean.giamsat"], p));
    // Nothing to look at: nothing printed, and still success.
    assert_eq!(ok(&giamsat(&["check-text", "clean.giamsat"], p)), "");
    sample_saying(
        p,
        "Cấp ủy đã quan tâm.\nNăm 2022 huyện Hữu Lũng được phân bổ 486 triệu đồng, năm 2031 sẽ tiếp tục.",
    );
    let out = ok(&giamsat(&["check-text", "s.giamsat", "--round", "1"], p));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("Đợt 1")
            && lines[0].contains("Đánh giá chung 1, đoạn 2: 486 triệu đồng — ")
            && lines[0].contains("gần với vốn phân bổ 2022 huyện Hữu Lũng: 468"),
        "{out}"
    );
    assert!(
        lines[1].contains("đoạn 2: 2031 — năm 2031 nằm ngoài các kỳ của đợt"),
        "{out}"
    );
    let json = ok(&giamsat(
        &["check-text", "s.giamsat", "--format", "json"],
        p,
    ));
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(items[0]["kind"], "unmatched");
    assert_eq!(items[0]["paragraph"], 2);
    assert_eq!(items[0]["written"], "486 triệu đồng");
    // Issuing with items open is refused with the list, unless asked to go on anyway — and
    // then the lock log says what was still open.
    let args = [
        "issue",
        "s.giamsat",
        "--round",
        "1",
        "--number",
        "15",
        "--date",
        "2023-07-05",
    ];
    let e = failed(&giamsat(&args, p));
    assert!(e.contains("kiểm tra số liệu còn 2 điểm cần xem"), "{e}");
    assert!(e.contains("--despite-check"), "{e}");
    let s = Session::open(&p.join("s.giamsat")).unwrap();
    assert!(s.dossier().issued_documents.is_empty());
    drop(s);
    let mut go = args.to_vec();
    go.push("--despite-check");
    ok(&giamsat(&go, p));
    let s = Session::open(&p.join("s.giamsat")).unwrap();
    let issued = s
        .dossier()
        .round_events
        .iter()
        .find(|e| e.action == LockAction::Issued)
        .unwrap()
        .clone();
    assert!(
        issued
            .reason
            .starts_with("Ban hành khi kiểm tra số liệu còn 2 điểm cần xem: Đánh giá chung 1, đoạn 2: 486 triệu đồng"),
        "{}",
        issued.reason
    );
}
