//! The command line, run as a real process: outputs, files and exit statuses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn giamsat(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn sample_then_summary_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let o = giamsat(&["sample", "mau.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = giamsat(&["summary", "mau.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let table = stdout(&o);
    assert!(table.contains("ĐVT: triệu đồng"));
    let lines: Vec<&str> = table.lines().collect();
    let find = |needle: &[&str]| {
        lines
            .iter()
            .find(|l| needle.iter().all(|n| l.contains(n)))
            .unwrap_or_else(|| panic!("no line with {needle:?} in\n{table}"))
            .to_string()
    };
    assert!(find(&["Hữu Lũng", "Vốn phân bổ", "2022 "]).ends_with(" 468"));
    assert!(find(&["Hữu Lũng", "Vốn phân bổ", "2023 "]).ends_with(" 494"));
    assert!(find(&["Hữu Lũng", "chuyển sang", "2023"]).ends_with("chưa có số liệu"));
    assert!(find(&["Chi Lăng", "2022–2023"]).ends_with(" 949"));
    assert!(find(&["Tổng cộng", "Vốn phân bổ"]).ends_with(" 1.911"));
    assert!(find(&["Tổng cộng", "chuyển sang"]).ends_with("chưa có số liệu"));
}

#[test]
fn summary_csv_has_the_exact_header_and_empty_unknowns() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(&["summary", "mau.giamsat", "--format", "csv"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "area,area_type,project,kind,from_year,to_year,amount_dong,part_of,parts_dong,withheld"
    );
    assert_eq!(
        &lines[1..],
        &[
            "Hữu Lũng,huyen,Dự án 7,allocated,2022,2022,468000000,,,",
            "Hữu Lũng,huyen,Dự án 7,allocated,2023,2023,494000000,,,",
            "Hữu Lũng,huyen,Dự án 7,carried_over,2023,2023,,,,",
            "Chi Lăng,huyen,Dự án 7,allocated,2022,2023,949000000,,,",
        ]
    );
}

#[test]
fn summary_in_other_units_and_as_json() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(&["summary", "mau.giamsat", "--unit", "nghin"], dir.path());
    let table = stdout(&o);
    assert!(
        table.contains("ĐVT: nghìn đồng") && table.contains("1.911.000"),
        "{table}"
    );
    let o = giamsat(&["summary", "mau.giamsat", "--format", "json"], dir.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[2]["kind"], "carried_over");
    assert_eq!(v[2]["amount_dong"], serde_json::Value::Null);
    assert_eq!(v[2]["unknown_count"], 1);
    assert_eq!(v[3]["from_year"], 2022);
    assert_eq!(v[3]["to_year"], 2023);
}

#[test]
fn new_check_export_import() {
    let dir = tempfile::tempdir().unwrap();
    let o = giamsat(
        &["new", "moi.giamsat", "--name", "Giám sát Dự án 4 năm 2026"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = giamsat(&["check", "moi.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let report = stdout(&o);
    assert!(report.contains("Giám sát Dự án 4 năm 2026"));
    assert!(report.contains("Dự án, tiểu dự án         7"), "{report}");
    assert!(report.contains("Tính toàn vẹn: tốt"));

    let o = giamsat(&["export", "moi.giamsat", "--json", "moi.json"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let o = giamsat(&["import", "moi.json", "--out", "lai.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let a = giamsat(&["export", "moi.giamsat", "--json", "-"], dir.path());
    let b = giamsat(&["export", "lai.giamsat", "--json", "-"], dir.path());
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(
        stdout(&a),
        std::fs::read_to_string(dir.path().join("moi.json")).unwrap()
    );
}

#[test]
fn bad_input_exits_1_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ghi-chu.giamsat"),
        "không phải cơ sở dữ liệu",
    )
    .unwrap();
    let o = giamsat(&["summary", "ghi-chu.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let msg = stderr(&o);
    assert!(
        msg.contains("không phải tệp dự án GiamSat") && msg.trim_end().ends_with("ghi-chu.giamsat"),
        "{msg}"
    );
    assert!(!msg.contains("panicked"));

    let o = giamsat(&["check", "khong-co.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("không tìm thấy tệp"));

    std::fs::write(
        dir.path().join("sai.json"),
        r#"{"format":"giamsat","version":1,"project":{"info":5}}"#,
    )
    .unwrap();
    let o = giamsat(&["import", "sai.json", "--out", "x.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let msg = stderr(&o);
    assert!(
        msg.contains("project.info") && msg.contains("sai.json"),
        "{msg}"
    );
    assert!(
        !dir.path().join("x.giamsat").exists(),
        "nothing half-written"
    );

    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(&["sample", "mau.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("đã tồn tại"));
}

#[test]
fn bad_usage_exits_2_and_help_is_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let o = giamsat(&["summary"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("thiếu tham số"));
    let o = giamsat(&["summary", "a.giamsat", "--unit", "usd"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = giamsat(&["--help"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(
        help.contains("Cách dùng") && help.contains("Lệnh:") && help.contains("Tùy chọn:"),
        "{help}"
    );
    assert!(
        !help.contains("Usage") && !help.contains("Print help"),
        "{help}"
    );
    let o = giamsat(&["summary", "--help"], dir.path());
    let help = stdout(&o);
    assert!(
        help.contains("triệu đồng") && !help.contains("[OPTIONS]"),
        "{help}"
    );
}

#[test]
fn chart_writes_svg_and_png_with_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(
        &[
            "chart",
            "mau.giamsat",
            "--by",
            "area-year",
            "--svg",
            "a.svg",
            "--png",
            "a.png",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let svg = std::fs::read_to_string(dir.path().join("a.svg")).unwrap();
    for needle in [
        "Hữu Lũng",
        "Chi Lăng",
        ">2022<",
        ">2023<",
        ">2022–2023<",
        ">468<",
        ">494<",
        ">949<",
        "triệu đồng",
    ] {
        assert!(svg.contains(needle), "missing {needle}");
    }
    let png = std::fs::read(dir.path().join("a.png")).unwrap();
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert!(width >= 1200, "{width}");

    let o = giamsat(
        &[
            "chart",
            "mau.giamsat",
            "--by",
            "kind",
            "--unit",
            "nghin",
            "--svg",
            "k.svg",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let svg = std::fs::read_to_string(dir.path().join("k.svg")).unwrap();
    assert!(
        svg.contains("nghìn đồng") && svg.contains(">494.000<") && svg.contains("chưa có số liệu")
    );

    let o = giamsat(
        &[
            "chart",
            "mau.giamsat",
            "--by",
            "project",
            "--lang",
            "en",
            "--svg",
            "p.svg",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(dir.path().join("p.svg"))
            .unwrap()
            .contains("Allocated by project")
    );

    let o = giamsat(&["chart", "mau.giamsat", "--by", "pie"], dir.path());
    assert_eq!(
        o.status.code(),
        Some(2),
        "unknown views and a missing output are usage errors"
    );
    let o = giamsat(&["chart", "khong-co.giamsat", "--svg", "x.svg"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("x.svg").exists());
}

#[test]
fn recommendations_csv_has_the_exact_header_and_fields() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(
        &["recommendations", "mau.giamsat", "--format", "csv"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "id,addressees,areas,deadline,status,text,last_response_date"
    );
    assert_eq!(lines.len(), 4);
    assert!(lines[1].starts_with(
        "1,UBND huyện Hữu Lũng; UBND huyện Chi Lăng,Hữu Lũng; Chi Lăng,,open,\"Tiếp tục tham mưu"
    ));
    assert!(lines[1].ends_with("bền vững.\","), "{}", lines[1]);
    let o = giamsat(&["recommendations", "mau.giamsat"], dir.path());
    assert!(stdout(&o).contains("Trạng thái: Chưa thực hiện"));
}

#[test]
fn search_with_and_without_marks() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(&["search", "mau.giamsat", "huu lung"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.lines().any(
            |l| l.starts_with("Kết luận · Ưu điểm · Hữu Lũng: UBND huyện Hữu Lũng đã kiểm tra")
        ),
        "{out}"
    );
    let o = giamsat(
        &["search", "mau.giamsat", "huu lung", "--with-marks"],
        dir.path(),
    );
    assert!(stdout(&o).contains("Không tìm thấy"));
    let o = giamsat(&["search", "mau.giamsat", "Ỷ LẠI"], dir.path());
    assert!(stdout(&o).lines().any(|l| l.starts_with("Kiến nghị 2 ·")));
}

#[test]
fn print_writes_a_pdf_and_a_word_copy_and_refuses_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(
        &[
            "print",
            "mau.giamsat",
            "--doc",
            "bao-cao",
            "--pdf",
            "bao cáo.pdf",
            "--docx",
            "bao cáo.docx",
            "--round",
            "1",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = std::fs::read(dir.path().join("bao cáo.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let docx = std::fs::read(dir.path().join("bao cáo.docx")).unwrap();
    assert!(docx.starts_with(b"PK"), "a .docx is a zip");
    assert!(stdout(&o).contains("bao cáo.pdf") && stdout(&o).contains("bao cáo.docx"));

    // The summary of figures has no Word copy: refused before the PDF is written.
    let o = giamsat(
        &[
            "print",
            "mau.giamsat",
            "--doc",
            "tom-tat",
            "--pdf",
            "tt.pdf",
            "--docx",
            "tt.docx",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--docx"), "{}", stderr(&o));
    assert!(!dir.path().join("tt.pdf").exists());
    assert!(!dir.path().join("tt.docx").exists());

    // A round the file does not have is named, with how many it has.
    let o = giamsat(
        &[
            "print",
            "mau.giamsat",
            "--doc",
            "thong-bao",
            "--pdf",
            "tb.pdf",
            "--round",
            "3",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("--round 3") && err.contains("1 đợt") && err.contains("mau.giamsat"),
        "{err}"
    );
    assert!(!dir.path().join("tb.pdf").exists());
}

/// The sample with a 2023 figure for Chi Lăng beside its 2022–2023 total of 949.
fn file_with_an_overlap(dir: &Path) -> std::path::PathBuf {
    use giamsat::model::*;
    let mut d = giamsat::sample::lang_son();
    d.allocations.push(Allocation {
        id: AllocationId(d.next_id(Table::Allocations)),
        area_id: giamsat::sample::CHI_LANG,
        project_id: giamsat::sample::DU_AN_7,
        period: Period::year(2023).unwrap(),
        kind: AllocationKind::Allocated,
        funding_source_id: None,
        amount_dong: Amount::Known(Dong::from_trieu(500).unwrap()),
        note: String::new(),
        source_doc: String::new(),
        round_id: None,
        covers: Covers::Total,
    });
    let path = dir.join("chong-lan.giamsat");
    giamsat::store::ProjectFile::create(&path, &d).unwrap();
    path
}

#[test]
fn overlapping_periods_are_flagged_by_check_and_summary_and_never_added() {
    let dir = tempfile::tempdir().unwrap();
    file_with_an_overlap(dir.path());
    let warning = "huyện Chi Lăng, Dự án 7, vốn phân bổ 2022–2023: 949 triệu đồng và huyện Chi Lăng, Dự án 7, vốn phân bổ 2023: 500 triệu đồng có kỳ chồng lấn";
    let o = giamsat(&["check", "chong-lan.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Cảnh báo số liệu: 1"), "{out}");
    assert!(out.contains(warning), "{out}");

    let o = giamsat(&["summary", "chong-lan.giamsat"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let table = stdout(&o);
    let total = table
        .lines()
        .find(|l| l.contains("Tổng cộng") && l.contains("Vốn phân bổ"))
        .unwrap();
    assert!(
        total.ends_with("không cộng được"),
        "no total that counts 2023 twice: {total}"
    );
    assert!(
        !table.contains("2.411"),
        "1.911 + 500 is not shown anywhere"
    );
    assert!(table.contains(warning), "{table}");

    // The sample itself has no warning.
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(&["check", "mau.giamsat"], dir.path());
    assert!(stdout(&o).contains("Cảnh báo số liệu: không có"));
}

#[test]
fn the_printed_summary_withholds_overlapping_totals_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    file_with_an_overlap(dir.path());
    for doc in ["tom-tat", "bao-cao"] {
        let o = giamsat(
            &[
                "print",
                "chong-lan.giamsat",
                "--doc",
                doc,
                "--pdf",
                "out.pdf",
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let pdf = std::fs::read(dir.path().join("out.pdf")).unwrap();
        let text: String = pdf_extract::extract_text_from_mem(&pdf)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains("Cảnh báo số liệu"), "{doc}: {text}");
        assert!(text.contains("chồng lấn"), "{doc}");
        assert!(
            !text.contains("2.411"),
            "{doc}: no total counting 2023 twice"
        );
    }
}

/// A district's report as CSV, as Excel on a Vietnamese Windows saves it (with one unreadable
/// cell when `broken`).
pub fn report_csv(broken: bool) -> String {
    let minh_son_disbursed = if broken { "45,5,5" } else { "45,5" };
    format!(
        "UBND HUYỆN HỮU LŨNG\n\nĐVT: triệu đồng\n\
         STT;Đơn vị;Năm 2022;;Năm 2023;;Vốn năm 2022 chuyển sang năm 2023\n\
         ;;Kế hoạch vốn;Giải ngân;Kế hoạch vốn;Giải ngân;\n\
         A;B;1;2;3;4;5\n\
         1;Phòng Lao động - Thương binh và Xã hội - Dân tộc;100;90;120;-;10\n\
         2;  xã  Minh Sơn ;50;{minh_son_disbursed};60;;x\n\
         3;Thị trấn Hữu Lũng;30;30;40;20;chưa xác định số liệu\n\
         ;Tổng cộng;180;165,5;220;20;\n\nNgười lập biểu\n"
    )
}

#[test]
fn import_table_dry_runs_imports_once_and_shows_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    std::fs::write(dir.path().join("Báo cáo.csv"), report_csv(false)).unwrap();
    let project = dir.path().join("mau.giamsat");
    let before = std::fs::read(&project).unwrap();
    let args = [
        "import-table",
        "mau.giamsat",
        "Báo cáo.csv",
        "--project",
        "Dự án 7",
        "--parent",
        "huyện Hữu Lũng",
    ];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let o = giamsat(&dry, dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plan = stdout(&o);
    assert!(plan.contains("xã Minh Sơn (mới)"), "{plan}");
    assert!(plan.contains("giải ngân 2022 45,5"), "{plan}");
    assert!(
        plan.contains("dòng 10, cột C: báo cáo 180, cộng các dòng 180 — khớp"),
        "{plan}"
    );
    // The district's 468 beside its parts — its office's own 100 and its communes' 80 —
    // never added to them.
    assert!(
        plan.contains(
            "huyện Hữu Lũng — vốn phân bổ 2022: 468; các phần nhập (3 số liệu): 180, chênh lệch 288"
        ),
        "{plan}"
    );
    assert_eq!(
        std::fs::read(&project).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let o = giamsat(&args, dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The office's row is the district's own part: stored beside the district's total.
    assert!(
        stdout(&o).contains("Đã nhập vào mau.giamsat: 15 số liệu mới, 0 cập nhật, 2 địa bàn mới.")
    );
    let o = giamsat(&["summary", "mau.giamsat", "--format", "csv"], dir.path());
    let csv = stdout(&o);
    // The communes' disbursements are inside the district's, which has no total of its own:
    // its office's part and theirs add up to it.
    assert!(
        csv.contains("Minh Sơn,xa,Dự án 7,disbursed,2022,2022,45500000,huyện Hữu Lũng,,\n"),
        "{csv}"
    );
    assert!(
        csv.contains("Minh Sơn,xa,Dự án 7,disbursed,2023,2023,,huyện Hữu Lũng,,\n"),
        "blank stays unknown: {csv}"
    );
    assert!(
        csv.contains("Hữu Lũng,thi_tran,Dự án 7,disbursed,2023,2023,20000000,huyện Hữu Lũng,,\n")
    );
    // With no district total, its own part and its communes' add up: 90 + 45,5 + 30.
    assert!(
        csv.contains("Hữu Lũng,huyen,Dự án 7,disbursed,2022,2022,165500000,,,\n"),
        "{csv}"
    );
    assert!(
        csv.contains("Hữu Lũng,huyen,Dự án 7,allocated,2022,2022,468000000,,180000000,\n"),
        "the district's total kept, its parts beside it: {csv}"
    );
    assert!(
        csv.contains("Minh Sơn,xa,Dự án 7,allocated,2022,2022,50000000,huyện Hữu Lũng,,\n"),
        "a commune inside its district's total says so: {csv}"
    );
    // “-” is zero: the district's 2023 disbursed is its office's 0, the township's 20 and the
    // commune's unknown amount.
    let json = stdout(&giamsat(
        &["summary", "mau.giamsat", "--format", "json"],
        dir.path(),
    ));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let hl_2023 = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["area_type"] == "huyen"
                && r["area"] == "Hữu Lũng"
                && r["kind"] == "disbursed"
                && r["from_year"] == 2023
        })
        .unwrap();
    assert_eq!(hl_2023["known_dong"], 20_000_000);
    assert_eq!(hl_2023["unknown_count"], 1);
    // And the province's total is still the districts' 468 + 494 + 949.
    let table = stdout(&giamsat(&["summary", "mau.giamsat"], dir.path()));
    let total = table
        .lines()
        .find(|l| l.contains("Tổng cộng") && l.contains("Vốn phân bổ"))
        .unwrap();
    assert!(total.ends_with(" 1.911"), "{table}");

    // The same report again adds nothing.
    let o = giamsat(&args, dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Không có gì mới để nhập."));
    let again = stdout(&giamsat(
        &["summary", "mau.giamsat", "--format", "csv"],
        dir.path(),
    ));
    assert_eq!(again, csv);
}

#[test]
fn import_table_refuses_a_report_it_cannot_read_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    std::fs::write(dir.path().join("Báo cáo.csv"), report_csv(true)).unwrap();
    let project = dir.path().join("mau.giamsat");
    let before = std::fs::read(&project).unwrap();
    let o = giamsat(
        &[
            "import-table",
            "mau.giamsat",
            "Báo cáo.csv",
            "--project",
            "Dự án 7",
            "--parent",
            "huyện Hữu Lũng",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("không nhập được (1 lỗi)"), "{err}");
    assert!(
        err.contains("trang tính “CSV”, dòng 8, cột D (“45,5,5”): không đọc được số"),
        "{err}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);

    // Unknown project, sheet or parent: said, with what there is.
    let o = giamsat(
        &[
            "import-table",
            "mau.giamsat",
            "Báo cáo.csv",
            "--project",
            "Dự án 9",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--project “Dự án 9”: hồ sơ không có dự án này (có: Dự án 1"));
    let o = giamsat(
        &[
            "import-table",
            "mau.giamsat",
            "Báo cáo.csv",
            "--project",
            "7",
            "--sheet",
            "Biểu 2",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--sheet “Biểu 2”: tệp không có trang tính này (có: “CSV”)"));
}

#[test]
fn import_table_prints_its_plan_as_json_and_creates_a_missing_parent() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    std::fs::write(
        dir.path().join("Bắc Sơn.csv"),
        report_csv(false).replace("HỮU LŨNG", "BẮC SƠN"),
    )
    .unwrap();
    let o = giamsat(
        &[
            "import-table",
            "mau.giamsat",
            "Bắc Sơn.csv",
            "--project",
            "Dự án 7",
            "--parent",
            "huyện Bắc Sơn",
            "--format",
            "json",
            "--save-template",
            "mẫu.json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let json_start = out.find('{').unwrap();
    let v: serde_json::Value = serde_json::from_str(&out[json_start..]).unwrap();
    assert_eq!(v["unit"], "trieu");
    assert_eq!(v["new_areas"].as_array().unwrap().len(), 2);
    assert!(out[..json_start].contains("“huyện Bắc Sơn” chưa có: sẽ tạo trong tỉnh Lạng Sơn"));
    // The saved template reads the next report the same way.
    let o = giamsat(
        &[
            "import-table",
            "mau.giamsat",
            "Bắc Sơn.csv",
            "--project",
            "Dự án 7",
            "--parent",
            "huyện Bắc Sơn",
            "--template",
            "mẫu.json",
            "--dry-run",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("0 mới, 0 cập nhật, 15 không đổi"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn export_table_and_report_form_write_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let o = giamsat(
        &["export-table", "mau.giamsat", "--xlsx", "Bảng số liệu.xlsx"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let wb = giamsat::import::grid::read(&dir.path().join("Bảng số liệu.xlsx")).unwrap();
    assert_eq!(wb.sheets[0].name, "Số liệu vốn");
    let o = giamsat(
        &[
            "report-form",
            "mau.giamsat",
            "--parent",
            "huyện Chi Lăng",
            "--project",
            "Dự án 7",
            "--year",
            "2024",
            "--xlsx",
            "Biểu Chi Lăng.xlsx",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let wb = giamsat::import::grid::read(&dir.path().join("Biểu Chi Lăng.xlsx")).unwrap();
    let layout = giamsat::import::layout::detect(&wb.sheets[0]).unwrap();
    assert_eq!(
        layout.unit.map(|u| u.0),
        Some(giamsat::model::MoneyUnit::Trieu)
    );
    let o = giamsat(
        &[
            "report-form",
            "mau.giamsat",
            "--parent",
            "huyện Đình Lập",
            "--project",
            "Dự án 7",
            "--year",
            "2024",
            "--xlsx",
            "x.xlsx",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("hồ sơ không có địa bàn này (có: tỉnh Lạng Sơn"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn version_says_the_release_the_commit_and_the_build_date() {
    let dir = tempfile::tempdir().unwrap();
    let o = giamsat(&["--version"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let line = stdout(&o);
    let line = line.trim();
    let rest = line
        .strip_prefix(&format!("giamsat {} (", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("{line}"));
    let (commit, date) = rest.trim_end_matches(')').split_once(", ").unwrap();
    assert!(
        commit == "không rõ"
            || (commit.len() == 10 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{commit}"
    );
    assert!(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        "{date}"
    );
}

/// The sample issued in 2023 with its three recommendations: one financial of 500 million
/// partly done (350 million), one verified done, one not accepted.
fn followed_file(dir: &Path) -> std::path::PathBuf {
    use giamsat::model::*;
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut d = giamsat::sample::lang_son();
    d.rounds[0].draft_status = DraftStatus::Issued;
    d.rounds[0].issued_on = Some(day(2023, 7, 10));
    d.recommendations[0].kind = RecommendationKind::Financial;
    d.recommendations[0].amount_dong = Some(Dong::from_trieu(500).unwrap());
    d.recommendations[2].addressees = vec!["UBND huyện Chi Lăng".into()];
    let entry = |id: i64, rec: usize, status: RecommendationStatus| {
        FollowUpEvent::new(
            EventId(id),
            d.recommendations[rec].id,
            status,
            day(2024, 1, 12),
            day(2024, 1, 15).and_hms_opt(9, 0, 0).unwrap(),
            "Hoàng Thị Lan",
        )
    };
    let mut partly = entry(1, 0, RecommendationStatus::PartlyDone);
    partly.amount_done_dong = Some(Dong::from_trieu(350).unwrap());
    partly.reason = Some(NotDoneReason::Objective);
    let mut done = entry(2, 1, RecommendationStatus::Done);
    done.method = Some(VerifyMethod::Document);
    let mut refused = entry(3, 2, RecommendationStatus::NotAccepted);
    refused.reason = Some(NotDoneReason::Addressee);
    d.events = vec![partly, done, refused];
    d.recommendations[0].status = RecommendationStatus::PartlyDone;
    d.recommendations[1].status = RecommendationStatus::Done;
    d.recommendations[2].status = RecommendationStatus::NotAccepted;
    let path = dir.join("theo-doi.giamsat");
    giamsat::store::ProjectFile::create(&path, &d).unwrap();
    path
}

#[test]
fn follow_up_prints_rates_by_group_as_csv_json_and_a_table() {
    let dir = tempfile::tempdir().unwrap();
    followed_file(dir.path());
    let o = giamsat(
        &["follow-up", "theo-doi.giamsat", "--format", "csv"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        vec![
            "group,total,done,partly,in_progress,open,not_accepted,overdue,rate_count,amount_dong,amount_done_dong",
            // 1 done + 0.7 (350 of 500) of 2.
            "UBND huyện Hữu Lũng,2,1,1,0,0,0,0,85.0,500000000,350000000",
            // Chi Lăng: the same two, and the one it refused.
            "UBND huyện Chi Lăng,3,1,1,0,0,1,0,56.7,500000000,350000000",
        ]
    );

    let o = giamsat(
        &[
            "follow-up",
            "theo-doi.giamsat",
            "--by",
            "kind",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["by"], "kind");
    assert_eq!(v["groups"][0]["group"], "Tài chính");
    assert_eq!(v["groups"][0]["rate_amount"], 70.0);
    assert_eq!(v["total"]["total"], 3);
    assert_eq!(v["total"]["not_accepted"], 1);

    let o = giamsat(
        &["follow-up", "theo-doi.giamsat", "--by", "year"],
        dir.path(),
    );
    let table = stdout(&o);
    assert!(
        table.contains("2023: đã thực hiện 1,7/3 kiến nghị (56,7%); 350/500 triệu đồng (70%)"),
        "{table}"
    );
    assert!(table.contains("không tiếp thu 1"), "{table}");

    let o = giamsat(
        &["follow-up", "theo-doi.giamsat", "--by", "addressees"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
}

/// A new project made with its province takes a district's report straight away: the
/// district, missing, is made in that province (without one, the import says what is missing).
#[test]
fn a_new_project_with_its_province_takes_a_district_report_at_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Báo cáo.csv"), report_csv(false)).unwrap();
    let import = |file: &str| {
        giamsat(
            &[
                "import-table",
                file,
                "Báo cáo.csv",
                "--project",
                "Dự án 7",
                "--parent",
                "huyện Hữu Lũng",
            ],
            dir.path(),
        )
    };
    let o = giamsat(
        &["new", "khong-tinh.giamsat", "--name", "Giám sát 2026"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = import("khong-tinh.giamsat");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("không rõ tỉnh"), "{}", stderr(&o));

    let o = giamsat(
        &[
            "new",
            "moi.giamsat",
            "--name",
            "Giám sát Dự án 7 năm 2026",
            "--province",
            "tinh lang son",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("tỉnh Lạng Sơn"), "{}", stdout(&o));
    let o = import("moi.giamsat");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = giamsat(&["areas", "moi.giamsat"], dir.path());
    let tree = stdout(&o);
    for name in ["tỉnh Lạng Sơn", "huyện Hữu Lũng", "xã Minh Sơn"] {
        assert!(tree.contains(name), "{tree}");
    }
}

/// `giamsat guide --pdf` writes the guide as a book: a contents page and every chapter, in the
/// language asked for; without --pdf it lists the chapters.
#[test]
fn the_guide_is_written_as_a_pdf_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let o = giamsat(&["guide"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1. Dự án đầu tiên"), "{}", stdout(&o));
    for (lang, contents, chapter) in [
        ("vi", "Mục lục", "Nhập báo cáo của huyện, xã"),
        ("en", "Contents", "Bringing in the districts' reports"),
    ] {
        let name = format!("huong-dan-{lang}.pdf");
        let o = giamsat(&["guide", "--pdf", &name, "--lang", lang], dir.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(dir.path().join(&name)).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert!(
            doc.get_pages().len() >= 12,
            "a title, contents and a page per chapter"
        );
        let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(contents), "{lang}: {flat:.300}");
        assert!(flat.contains(chapter), "{lang}: no “{chapter}”");
        // The real screens, each with its caption.
        let images = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| {
                s.dict
                    .get(b"Subtype")
                    .and_then(|v| v.as_name())
                    .is_ok_and(|n| n == b"Image")
            })
            .count();
        assert!(images >= 7, "{lang}: {images} pictures");
        let caption = if lang == "vi" {
            "Hình 7:"
        } else {
            "Figure 7:"
        };
        assert!(flat.contains(caption), "{lang}: no “{caption}”");
    }
}

/// Long work piped to a file or another program prints nothing beyond its own output: the
/// spinner a terminal gets (after a second) never reaches a pipe.
#[test]
fn long_work_piped_prints_nothing_extra() {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let o = giamsat(&["guide", "--pdf", "hd.pdf"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "took {:?}", started.elapsed());
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
}
