//! Evidence files kept inside the project file: byte for byte through saving, Save As, JSON
//! and backups; refused when too large, with the file unchanged; damage detected.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::exchange::{from_json_with_content, write_json};
use giamsat::model::*;
use giamsat::session::{ChangeLabel, Session};
use giamsat::store::attachments::prepare;
use giamsat::store::{Access, NoContent, ProjectFile};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Bytes no compressor or accident reproduces: a simple generator over 3 MB, so the copy is
/// written and read in many pieces.
fn scan_bytes() -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..3 * 1024 * 1024 + 17)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

/// Nine in the morning of a day.
fn at(y: i32, m: u32, d: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// The sample with one attached scan, saved; returns the project and the scan's bytes.
fn project_with_scan(dir: &Path) -> (PathBuf, Vec<u8>) {
    let path = dir.join("minh-chung.giamsat");
    ProjectFile::create(&path, &giamsat::sample::lang_son()).unwrap();
    let bytes = scan_bytes();
    let src = dir.join("BC 45-UBND ngày 28-02-2024.pdf");
    fs::write(&src, &bytes).unwrap();
    let mut s = Session::open(&path).unwrap();
    let prepared = prepare(&src, &dir.join("stage")).unwrap();
    assert_eq!(prepared.size, bytes.len() as u64);
    let mut a = prepared.attachment(
        AttachmentId(s.new_id(Table::Attachments)),
        RecommendationId(1),
        at(2024, 3, 2),
        "Hoàng Thị Lan",
    );
    a.received_on = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
    a.document_date = chrono::NaiveDate::from_ymd_opt(2024, 2, 28);
    s.attach(
        ChangeLabel::add(|t| t.what_attachment, ""),
        a,
        prepared.content.clone(),
    )
    .unwrap();
    s.flush().unwrap();
    assert!(
        !prepared.content.exists(),
        "the staged copy goes once written"
    );
    assert!(src.exists(), "the user's own file is never touched");
    drop(s);
    (path, bytes)
}

fn extracted(project: &Path, dest: &Path) -> Vec<u8> {
    let (file, d) = ProjectFile::open_and_load(project, Access::ReadOnly).unwrap();
    assert_eq!(d.attachments.len(), 1);
    file.save_attachment(&d.attachments[0], dest).unwrap();
    fs::read(dest).unwrap()
}

#[test]
fn an_attachment_comes_back_byte_for_byte_from_every_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = project_with_scan(dir.path());
    let d = ProjectFile::open_and_load(&path, Access::ReadOnly)
        .unwrap()
        .1;
    let a = &d.attachments[0];
    assert_eq!(a.name, "BC 45-UBND ngày 28-02-2024.pdf");
    assert_eq!(a.size, bytes.len() as u64);
    assert!(extracted(&path, &dir.path().join("1.pdf")) == bytes);

    // Save As.
    let mut s = Session::open(&path).unwrap();
    let copy = dir.path().join("ban-sao.giamsat");
    s.save_as(&copy).unwrap();
    drop(s);
    assert!(extracted(&copy, &dir.path().join("2.pdf")) == bytes);

    // JSON out and in: base64 in the text, the same bytes in the new project.
    let (file, d) = ProjectFile::open_and_load(&copy, Access::ReadOnly).unwrap();
    let mut json = Vec::new();
    write_json(&d, &mut json, &file).unwrap();
    let json = String::from_utf8(json).unwrap();
    assert!(json.contains("\"attachment_content\""));
    let (back, content) = from_json_with_content(&json).unwrap();
    assert_eq!(back, d);
    let imported = dir.path().join("tu-json.giamsat");
    ProjectFile::create_with_content(&imported, &back, &content).unwrap();
    assert!(extracted(&imported, &dir.path().join("3.pdf")) == bytes);

    // A backup copy.
    let data = dir.path().join("data");
    let backup =
        giamsat::backup::back_up(&data, &path, chrono::Local::now().naive_local()).unwrap();
    assert!(extracted(&backup, &dir.path().join("4.pdf")) == bytes);

    // `giamsat check` reads every attachment through.
    assert!(file.integrity_problems().unwrap().is_empty());
}

#[test]
fn a_100_mb_file_is_refused_and_the_project_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = project_with_scan(dir.path());
    let before = fs::read(&path).unwrap();
    let video = dir.path().join("video buổi giám sát.mp4");
    fs::File::create(&video)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args(["attach", "minh-chung.giamsat", "--recommendation", "1"])
        .arg(&video)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("nặng 100 MB, vượt giới hạn 50 MB") && err.contains("video buổi giám sát.mp4"),
        "{err}"
    );
    assert!(
        fs::read(&path).unwrap() == before,
        "the project is unchanged"
    );
}

#[test]
fn attach_and_extract_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cli.giamsat");
    ProjectFile::create(&path, &giamsat::sample::lang_son()).unwrap();
    fs::write(
        dir.path().join("ảnh kiểm tra.jpg"),
        b"\xff\xd8\xff\xe0 not really a jpeg",
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_giamsat"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let o = run(&[
        "attach",
        "cli.giamsat",
        "--recommendation",
        "2",
        "ảnh kiểm tra.jpg",
        "--received",
        "05/03/2024",
        "--by",
        "Hoàng Thị Lan",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let said = String::from_utf8(o.stdout).unwrap();
    assert!(said.contains("Đã đính kèm “ảnh kiểm tra.jpg”"), "{said}");
    let o = run(&[
        "attach",
        "cli.giamsat",
        "--recommendation",
        "9",
        "ảnh kiểm tra.jpg",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("không có kiến nghị mã 9")
    );

    let o = run(&["attachments", "cli.giamsat", "--extract", "ra"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let listed = String::from_utf8(o.stdout).unwrap();
    assert!(
        listed.contains("kiến nghị 2 · ảnh kiểm tra.jpg"),
        "{listed}"
    );
    assert!(listed.contains("nhận 05/03/2024"), "{listed}");
    assert_eq!(
        fs::read(dir.path().join("ra").join("1-ảnh kiểm tra.jpg")).unwrap(),
        b"\xff\xd8\xff\xe0 not really a jpeg"
    );
    // Extracting again does not write over what is there.
    let o = run(&["attachments", "cli.giamsat", "--extract", "ra"]);
    assert_eq!(o.status.code(), Some(1));

    // JSON export and import through the command line keep the bytes.
    let o = run(&["export", "cli.giamsat", "--json", "du-an.json"]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["import", "du-an.json", "--out", "lai.giamsat"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(&["attachments", "lai.giamsat", "--extract", "ra2"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        fs::read(dir.path().join("ra2").join("1-ảnh kiểm tra.jpg")).unwrap(),
        b"\xff\xd8\xff\xe0 not really a jpeg"
    );
}

#[test]
fn damage_is_found_and_no_damaged_copy_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = project_with_scan(dir.path());
    // Another program changes one byte in the middle of the stored scan.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut blob = conn
        .blob_open(rusqlite::MAIN_DB, "attachments", "content", 1, false)
        .unwrap();
    use std::io::{Seek, SeekFrom, Write};
    blob.seek(SeekFrom::Start(1_000_000)).unwrap();
    blob.write_all(&[bytes[1_000_000] ^ 0xff]).unwrap();
    drop(blob);
    drop(conn);
    let (file, d) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    let dest = dir.path().join("hong.pdf");
    let err = file.save_attachment(&d.attachments[0], &dest).unwrap_err();
    assert!(err.to_string().contains("bị hỏng"), "{err}");
    assert!(!dest.exists());
    let problems = file.integrity_problems().unwrap();
    assert!(
        problems.iter().any(|p| p.contains("SHA-256")),
        "{problems:?}"
    );
    // A copy written from the window leaves the damaged file out, and says so, rather than
    // failing to save the rest.
    let rescue = dir.path().join("cuu.giamsat");
    let (copy, left_out) = ProjectFile::create_replacing(&rescue, &d, &file).unwrap();
    assert_eq!(left_out.len(), 1);
    assert!(copy.load().unwrap().attachments.is_empty());
}

#[test]
fn json_whose_bytes_do_not_match_is_refused_where_it_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = project_with_scan(dir.path());
    let (file, d) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
    let mut json = Vec::new();
    write_json(&d, &mut json, &file).unwrap();
    let json = String::from_utf8(json).unwrap();
    let at = json.find("\"base64\": \"").unwrap() + 11;
    let mut bad = json.clone();
    bad.replace_range(at..at + 4, "AAAA");
    let err = from_json_with_content(&bad).unwrap_err();
    assert_eq!(err.path, "attachment_content[0].base64");
    // Without the bytes at all.
    let bare = giamsat::exchange::to_json(&d);
    let err = from_json_with_content(&bare).unwrap_err();
    assert_eq!(err.path, "project.attachments[0]");
    assert!(err.message.contains("thiếu nội dung"));
}

#[test]
fn a_copy_written_without_the_old_file_names_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = project_with_scan(dir.path());
    let d = ProjectFile::open_and_load(&path, Access::ReadOnly)
        .unwrap()
        .1;
    let dest = dir.path().join("thieu.giamsat");
    let (file, left_out) = ProjectFile::create_replacing(&dest, &d, &NoContent).unwrap();
    assert_eq!(left_out.len(), 1);
    assert_eq!(left_out[0].name, "BC 45-UBND ngày 28-02-2024.pdf");
    assert!(file.load().unwrap().attachments.is_empty());
}

/// The project's stick is full: a new file cannot be written, the window goes read-only, and
/// Save As writes the copy from what the window shows — the new file's bytes from its staged
/// copy, the older one's from the old file.
#[test]
fn save_as_from_the_window_brings_staged_and_stored_files_along() {
    let dir = tempfile::tempdir().unwrap();
    let (path, scan) = project_with_scan(dir.path());
    let photo: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let src = dir.path().join("Ảnh kiểm tra.jpg");
    fs::write(&src, &photo).unwrap();
    let mut s = Session::open(&path).unwrap();
    s.limit_file_growth_for_tests();
    let prepared = prepare(&src, &dir.path().join("stage")).unwrap();
    let a = prepared.attachment(
        AttachmentId(s.new_id(Table::Attachments)),
        RecommendationId(2),
        at(2024, 3, 5),
        "Hoàng Thị Lan",
    );
    s.attach(
        ChangeLabel::add(|t| t.what_attachment, ""),
        a,
        prepared.content.clone(),
    )
    .unwrap();
    assert!(s.flush().is_err(), "the full stick refuses the new file");
    assert!(prepared.content.exists(), "its staged copy waits");
    let copy = dir.path().join("cuu.giamsat");
    s.save_as(&copy).unwrap();
    assert!(s.take_left_out().is_empty());
    drop(s);
    let (file, d) = ProjectFile::open_and_load(&copy, Access::ReadOnly).unwrap();
    assert_eq!(d.attachments.len(), 2);
    let mut got = Vec::new();
    file.read_attachment(&d.attachments[0], &mut got).unwrap();
    assert!(got == scan);
    let mut got = Vec::new();
    file.read_attachment(&d.attachments[1], &mut got).unwrap();
    assert!(got == photo);
}
