//! Importing districts' reports: workbooks made here the way district offices make them —
//! national header, title, unit line, a two-row merged header, column numbering, group rows, the
//! district's own office, communes with stray spaces, numbers as cells or Vietnamese text, "-",
//! blanks and "x", a total row, notes and a signature block — in xlsx, CSV (several encodings)
//! and the old TCVN3/VNI fonts. Each test asserts the figures, zeros and unknowns that result,
//! the rows skipped and the messages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::import::grid::{self, Cell};
use giamsat::import::layout::{self, ColumnRole, SkipReason};
use giamsat::import::legacy::{Legacy, to_legacy};
use giamsat::import::plan::{self, Change, Options, RowOutcome, Target};
use giamsat::model::*;
use giamsat::sample;
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};

/// A cell of a report as written by hand: text, or a number cell.
#[derive(Clone)]
enum W {
    T(&'static str),
    N(f64),
    E,
}
use W::{E, N, T};

/// The Hữu Lũng report: rows of cells from row 0, and merged ranges (row, first col, last col).
fn huu_lung_rows() -> Vec<Vec<W>> {
    vec![
        vec![
            T("ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"),
            E,
            E,
            E,
            E,
            T("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ],
        vec![
            T("PHÒNG LAO ĐỘNG - TB&XH - DT"),
            E,
            E,
            E,
            E,
            T("Độc lập - Tự do - Hạnh phúc"),
        ],
        vec![],
        vec![T("BIỂU TỔNG HỢP KINH PHÍ THỰC HIỆN DỰ ÁN 7")],
        vec![T(
            "(Kèm theo Báo cáo số 45/BC-UBND ngày 10/6/2023 của UBND huyện)",
        )],
        vec![E, E, E, E, E, E, T("ĐVT: triệu đồng")],
        // Header: years merged over two columns, kinds below; STT, name, carried-over and note
        // columns merged over both header rows.
        vec![
            T("STT"),
            T("Đơn vị"),
            T("Năm 2022"),
            E,
            T("Năm 2023"),
            E,
            T("Vốn năm 2022 chuyển sang năm 2023"),
            T("Ghi chú"),
        ],
        vec![
            E,
            E,
            T("Kế hoạch vốn"),
            T("Giải ngân"),
            T("Kế hoạch vốn"),
            T("Giải ngân"),
            E,
            E,
        ],
        vec![
            T("A"),
            T("B"),
            N(1.0),
            N(2.0),
            N(3.0),
            N(4.0),
            N(5.0),
            N(6.0),
        ],
        vec![
            T("I"),
            T("Cấp huyện"),
            N(100.0),
            N(90.0),
            N(120.0),
            N(0.0),
            N(10.0),
        ],
        vec![
            N(1.0),
            T("Phòng Lao động - Thương binh và Xã hội - Dân tộc"),
            N(100.0),
            N(90.0),
            N(120.0),
            T("-"),
            N(10.0),
        ],
        vec![T("II"), T("Cấp xã"), N(80.0), T("75,5"), N(100.0), E, E],
        vec![
            N(1.0),
            T("  xã  Minh Sơn "),
            N(50.0),
            T("45,5"),
            N(60.0),
            E,
            T("x"),
            T("Chưa nhận đủ chứng từ"),
        ],
        vec![],
        vec![
            N(2.0),
            T("Thị trấn Hữu Lũng"),
            N(30.0),
            N(30.0),
            N(40.0),
            N(20.0),
            T("chưa xác định số liệu"),
        ],
        vec![
            E,
            T("Tổng cộng"),
            N(180.0),
            T("165,5"),
            N(220.0),
            N(20.0),
            E,
        ],
        vec![],
        vec![T("Ghi chú: số liệu năm 2023 tính đến 31/5/2023.")],
        vec![E, T("Người lập biểu"), E, E, E, T("TRƯỞNG PHÒNG")],
        vec![E, E, E, E, E, T("(Ký, ghi rõ họ tên)")],
    ]
}

const MERGES: [(u32, u16, u16); 3] = [(6, 2, 3), (6, 4, 5), (3, 0, 7)];

fn write_xlsx(path: &Path, sheet: &str, rows: &[Vec<W>], text: impl Fn(&str) -> String) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let fmt = Format::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                T(s) => {
                    if let Some((_, first, last)) =
                        MERGES.iter().find(|(mr, mc, _)| *mr == r && *mc == c)
                    {
                        ws.merge_range(r, *first, r, *last, &text(s), &fmt).unwrap();
                    } else {
                        ws.write_string(r, c, text(s)).unwrap();
                    }
                }
                N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                E => {}
            }
        }
    }
    wb.save(path).unwrap();
}

fn csv_text(rows: &[Vec<W>], sep: char) -> String {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    T(s) => {
                        if s.contains(sep) || s.contains('"') {
                            format!("\"{}\"", s.replace('"', "\"\""))
                        } else {
                            s.to_string()
                        }
                    }
                    // As a Vietnamese Excel writes numbers into CSV.
                    N(n) => format!("{n}").replace('.', ","),
                    E => String::new(),
                })
                .collect::<Vec<_>>()
                .join(&sep.to_string())
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Text as Windows-1258 holds it: letters with their circumflex, breve or horn, the tone as a
/// combining mark after them.
fn for_cp1258(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    s.chars()
        .flat_map(|c| {
            let d: String = c.to_string().nfd().collect();
            let tone: Vec<char> = d.chars().filter(|m| tones.contains(m)).collect();
            let base: String = d
                .chars()
                .filter(|m| !tones.contains(m))
                .collect::<String>()
                .nfc()
                .collect();
            base.chars().chain(tone).collect::<Vec<_>>()
        })
        .collect()
}

fn options() -> Options {
    Options {
        project_id: sample::DU_AN_7,
        parent_id: Some(sample::HUU_LUNG),
        unit: None,
        source: "Báo cáo Hữu Lũng.xlsx".into(),
        mapping: None,
        round_id: None,
    }
}

fn plan_of(path: &Path, d: &Dossier) -> plan::Plan {
    let wb = grid::read(path).unwrap();
    let layout = layout::detect(&wb.sheets[0]).unwrap();
    plan::plan(d, &layout, &options())
}

fn trieu(n: i64) -> Amount {
    Amount::Known(Dong::from_trieu(n).unwrap())
}

/// The figures planned for the row whose target is named `name`.
fn figures<'a>(p: &'a plan::Plan, name: &str) -> Vec<&'a plan::Figure> {
    p.rows
        .iter()
        .filter_map(|r| match &r.outcome {
            RowOutcome::Imported {
                target, figures, ..
            } if target.name() == name => Some(figures),
            _ => None,
        })
        .flatten()
        .collect()
}

fn figure(p: &plan::Plan, name: &str, year: i32, kind: AllocationKind) -> Amount {
    figures(p, name)
        .into_iter()
        .find(|f| f.period == Period::year(year).unwrap() && f.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} {year} for {name}"))
        .amount
}

fn skipped(p: &plan::Plan, row: usize) -> String {
    match &p.rows.iter().find(|r| r.row == row).unwrap().outcome {
        RowOutcome::Skipped { reason } => {
            assert!(!reason.en.is_empty(), "said in English too");
            reason.vi.clone()
        }
        other => panic!("row {row} was not skipped: {other:?}"),
    }
}

fn assert_huu_lung_plan(p: &plan::Plan) {
    use AllocationKind::*;
    assert!(p.can_import(), "{:?} {:?}", p.problems, p.errors);
    assert_eq!(p.unit, Some(MoneyUnit::Trieu));
    assert_eq!(p.header_rows, (7, 8));
    // The district's own office: the district's figure.
    let hl = "huyện Hữu Lũng";
    assert_eq!(figure(p, hl, 2022, Allocated), trieu(100));
    assert_eq!(figure(p, hl, 2023, Disbursed), trieu(0), "“-” is zero");
    assert_eq!(figure(p, hl, 2023, CarriedOver), trieu(10));
    // A commune written with stray spaces, new to the project.
    let ms = "xã Minh Sơn";
    assert_eq!(
        figure(p, ms, 2022, Disbursed),
        Amount::Known(Dong::new(45_500_000).unwrap())
    );
    assert_eq!(
        figure(p, ms, 2023, Disbursed),
        Amount::Unknown,
        "blank is unknown, never 0"
    );
    assert_eq!(
        figure(p, ms, 2023, CarriedOver),
        Amount::Unknown,
        "“x” is unknown"
    );
    let tt = "thị trấn Hữu Lũng";
    assert_eq!(figure(p, tt, 2023, Disbursed), trieu(20));
    let unknown = figures(p, tt)
        .into_iter()
        .find(|f| f.kind == CarriedOver)
        .unwrap();
    assert_eq!(unknown.amount, Amount::Unknown);
    assert_eq!(unknown.note, "chưa xác định số liệu");
    // Skipped rows, each with its reason.
    assert_eq!(skipped(p, 9), "dòng đánh số cột");
    assert_eq!(skipped(p, 10), "dòng nhóm");
    assert_eq!(skipped(p, 14), "dòng trống");
    assert!(skipped(p, 16).contains("tổng cộng"));
    assert!(skipped(p, 18).contains("chữ ký"));
    assert!(skipped(p, 19).contains("chữ ký"));
    // The new areas, under Hữu Lũng, with their types from their names.
    let new: Vec<(AreaKind, &str)> = p
        .new_areas
        .iter()
        .map(|a| (a.kind, a.name.as_str()))
        .collect();
    assert_eq!(
        new,
        vec![(AreaKind::Xa, "Minh Sơn"), (AreaKind::ThiTran, "Hữu Lũng")]
    );
    assert!(
        p.new_areas
            .iter()
            .all(|a| a.parent_id == Some(sample::HUU_LUNG))
    );
    // The report's total against its rows: 2022 allocated agrees (100 + 50 + 30); 2023
    // disbursed cannot be checked (Minh Sơn's is unknown).
    let total_2022 = p.totals.iter().find(|t| t.place.column == "C").unwrap();
    assert_eq!(total_2022.agrees(), Some(true));
    let total_disbursed_2023 = p.totals.iter().find(|t| t.place.column == "F").unwrap();
    assert_eq!(total_disbursed_2023.agrees(), None);
}

#[test]
fn a_district_report_in_excel_imports_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Báo cáo Hữu Lũng.xlsx");
    write_xlsx(&path, "Biểu 01", &huu_lung_rows(), str::to_string);
    let d = sample::lang_son();
    let p = plan_of(&path, &d);
    assert_huu_lung_plan(&p);
    assert_eq!(p.sheet, "Biểu 01");
    assert_eq!(p.legacy, None);
    // The project already holds Hữu Lũng's 468 triệu for 2022, the district's total: its
    // parts — the office's own 100 and the communes' 80 — are shown beside it, not added to
    // it. The office's figure is the district's own part, not a second total: no conflict.
    let b = p
        .beside
        .iter()
        .find(|b| b.period == Period::year(2022).unwrap() && b.kind == AllocationKind::Allocated)
        .unwrap();
    assert_eq!(b.amount, trieu(468));
    assert_eq!(b.parts, 3);
    assert_eq!(b.parts_sum, Some(Dong::from_trieu(180).unwrap()));
    assert_eq!(b.difference, Some(288_000_000));
    assert!(
        !p.changes
            .iter()
            .any(|c| matches!(c, Change::Conflict { .. })),
        "{:?}",
        p.changes
    );
}

#[test]
fn the_same_report_as_csv_in_every_encoding_imports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let rows = huu_lung_rows();
    let utf8 = csv_text(&rows, ',');
    let semicolons = csv_text(&rows, ';');
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(utf8.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in utf8.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let decomposed = for_cp1258(&semicolons);
    let (cp1258, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&decomposed);
    assert!(!unmappable);
    for (name, bytes, encoding) in [
        ("utf8.csv", utf8.as_bytes().to_vec(), "UTF-8"),
        ("bom.csv", bom, "UTF-8"),
        ("utf16.csv", utf16, "UTF-16LE"),
        ("cp1258.csv", cp1258.into_owned(), "windows-1258"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let wb = grid::read(&path).unwrap();
        assert_eq!(wb.text_encoding, Some(encoding), "{name}");
        let layout = layout::detect(&wb.sheets[0]).unwrap();
        let p = plan::plan(&sample::lang_son(), &layout, &options());
        assert_huu_lung_plan(&p);
    }
}

#[test]
fn reports_typed_with_old_vietnamese_fonts_are_converted_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    for legacy in [Legacy::Tcvn3, Legacy::Vni] {
        let path = dir.path().join(format!("{legacy:?}.xlsx"));
        write_xlsx(&path, "Biểu 01", &huu_lung_rows(), |s| {
            to_legacy(s, legacy)
        });
        let p = plan_of(&path, &sample::lang_son());
        assert_eq!(p.legacy, Some(legacy.name()));
        assert_huu_lung_plan(&p);
    }
}

#[test]
fn importing_writes_one_change_and_importing_again_updates_instead_of_adding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Báo cáo Hữu Lũng.xlsx");
    write_xlsx(&path, "Biểu 01", &huu_lung_rows(), str::to_string);
    let mut d = sample::lang_son();
    let p = plan_of(&path, &d);
    let before = d.clone();
    let mut next_id = plan::ids_above(&before);
    let edits = p.edits(&options(), &mut next_id);
    let (new, _, _, conflicts) = p.counts();
    assert_eq!(edits.len(), 2 + new, "two new areas, then the new figures");
    // The office's figures are the district's own part, beside the district's totals the
    // project holds (468 and 494 triệu allocated, the carried-over amount the source did not
    // give): nothing conflicts, and the office's part is stored as such.
    assert_eq!((new, conflicts), (15, 0));
    for e in &edits {
        d.apply_edit(e).unwrap();
    }
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    let minh_son = d.areas.iter().find(|a| a.name == "Minh Sơn").unwrap().id;
    let a = d
        .allocations
        .iter()
        .find(|a| {
            a.area_id == minh_son
                && a.kind == AllocationKind::Disbursed
                && a.period == Period::year(2022).unwrap()
        })
        .unwrap();
    assert_eq!(a.amount_dong, Amount::Known(Dong::new(45_500_000).unwrap()));
    assert_eq!(
        a.source_doc,
        "Báo cáo Hữu Lũng.xlsx, trang tính “Biểu 01”, dòng 13"
    );
    assert_eq!(a.project_id, sample::DU_AN_7);

    // The same report again: nothing new.
    let again = plan_of(&path, &d);
    let (new, updated, unchanged, _) = again.counts();
    assert_eq!((new, updated), (0, 0));
    assert!(unchanged > 0);
    assert!(again.new_areas.is_empty(), "the communes are known now");

    // Next month's version: one figure changed, one blank filled in.
    let mut rows = huu_lung_rows();
    rows[12][3] = N(47.0);
    rows[12][5] = N(12.0);
    write_xlsx(&path, "Biểu 01", &rows, str::to_string);
    let third = plan_of(&path, &d);
    let (new, updated, ..) = third.counts();
    assert_eq!((new, updated), (0, 2));
    for e in third.edits(&options(), &mut next_id) {
        d.apply_edit(&e).unwrap();
    }
    let count = d
        .allocations
        .iter()
        .filter(|a| a.area_id == minh_son && a.kind == AllocationKind::Disbursed)
        .count();
    assert_eq!(count, 2, "updated in place, not added twice");
    assert!(d.allocations.iter().any(|a| a.area_id == minh_son
        && a.kind == AllocationKind::Disbursed
        && a.amount_dong == trieu(12)));
}

#[test]
fn cells_that_cannot_be_read_are_named_by_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lỗi.xlsx");
    let mut rows = huu_lung_rows();
    rows[12][2] = T("5O"); // a letter O typed for a zero
    rows[14][4] = N(-3.0);
    write_xlsx(&path, "Biểu 01", &rows, str::to_string);
    let p = plan_of(&path, &sample::lang_son());
    assert!(!p.can_import());
    let messages: Vec<String> = p.errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("trang tính “Biểu 01”, dòng 13, cột C (“5O”): không đọc được số"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].starts_with("trang tính “Biểu 01”, dòng 15, cột E (“-3”): số âm"),
        "{}",
        messages[1]
    );
}

#[test]
fn a_report_without_a_unit_asks_for_one_and_a_wrong_total_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("không đơn vị.xlsx");
    let mut rows = huu_lung_rows();
    rows[5] = vec![];
    rows[15][2] = N(181.0);
    write_xlsx(&path, "Biểu 01", &rows, str::to_string);
    let p = plan_of(&path, &sample::lang_son());
    assert_eq!(p.unit, None);
    assert!(p.problems[0].vi.contains("đơn vị tính"), "{:?}", p.problems);
    assert!(p.problems[0].en.contains("does not state its unit"));
    // With the unit chosen, it imports; the total that does not add up is shown.
    let wb = grid::read(&path).unwrap();
    let layout = layout::detect(&wb.sheets[0]).unwrap();
    let mut o = options();
    o.unit = Some(MoneyUnit::Trieu);
    let p = plan::plan(&sample::lang_son(), &layout, &o);
    assert!(p.can_import());
    let t = p.totals.iter().find(|t| t.place.column == "C").unwrap();
    assert_eq!(t.agrees(), Some(false));
    assert_eq!(t.reported, Some(Dong::from_trieu(181).unwrap()));
    assert_eq!(t.sum_of_rows, Some(Dong::from_trieu(180).unwrap()));
}

#[test]
fn columns_say_what_they_hold_and_a_mapping_changes_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cột.xlsx");
    let mut rows = huu_lung_rows();
    rows[6].push(T("Tỷ lệ giải ngân (%)"));
    rows[10].push(N(90.0));
    write_xlsx(&path, "Biểu 01", &rows, str::to_string);
    let wb = grid::read(&path).unwrap();
    let layout = layout::detect(&wb.sheets[0]).unwrap();
    let roles: Vec<&ColumnRole> = layout.columns.iter().map(|c| &c.role).collect();
    assert_eq!(roles[0], &ColumnRole::Number);
    assert_eq!(roles[1], &ColumnRole::Name);
    assert_eq!(
        roles[6],
        &ColumnRole::Figure {
            from_year: 2023,
            to_year: 2023,
            kind: AllocationKind::CarriedOver
        }
    );
    assert_eq!(roles[7], &ColumnRole::Note);
    assert_eq!(
        roles[8],
        &ColumnRole::Skipped {
            reason: SkipReason::Ratio
        }
    );
    // A template saved from this report and changed by the user: column G left out.
    let p = plan::plan(&sample::lang_son(), &layout, &options());
    let change = plan::MappedColumn {
        column: 6,
        role: ColumnRole::Skipped {
            reason: SkipReason::ByUser,
        },
        years_from_report: false,
        heading: String::new(),
    };
    let mapping = plan::Mapping::template(&p, &[change]);
    assert_eq!(mapping.unit, None, "the report states its unit");
    let json = serde_json::to_string_pretty(&mapping).unwrap();
    let back: plan::Mapping = serde_json::from_str(&json).unwrap();
    let mut o = options();
    o.mapping = Some(back);
    let p = plan::plan(&sample::lang_son(), &layout, &o);
    assert!(
        figures(&p, "huyện Hữu Lũng")
            .iter()
            .all(|f| f.kind != AllocationKind::CarriedOver)
    );
}

#[test]
fn rows_without_a_parent_area_must_name_known_areas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tỉnh.xlsx");
    let rows = vec![
        vec![T("ĐVT: triệu đồng")],
        vec![
            T("STT"),
            T("Đơn vị"),
            T("Kế hoạch vốn năm 2024"),
            T("Giải ngân năm 2024"),
        ],
        vec![N(1.0), T("Huyện Hữu Lũng"), N(500.0), N(400.0)],
        vec![N(2.0), T("Huyện Chi Lăng"), N(300.0), T("-")],
        vec![N(3.0), T("Huyện Không Có"), N(1.0), N(1.0)],
    ];
    write_xlsx(&path, "Sheet1", &rows, str::to_string);
    let wb = grid::read(&path).unwrap();
    let layout = layout::detect(&wb.sheets[0]).unwrap();
    let mut o = options();
    o.parent_id = None;
    let p = plan::plan(&sample::lang_son(), &layout, &o);
    assert_eq!(
        figure(&p, "huyện Chi Lăng", 2024, AllocationKind::Disbursed),
        trieu(0)
    );
    assert_eq!(p.errors.len(), 1);
    assert!(
        p.errors[0].to_string().contains("dòng 5"),
        "{}",
        p.errors[0]
    );
    assert!(p.errors[0].why.vi.contains("Không Có"));
    assert_eq!(
        p.errors[0].message(giamsat::i18n::Lang::En),
        "sheet “Sheet1”, row 5 (“Huyện Không Có”): the dossier has no area “Không Có”; choose the parent area to create it"
    );
    // Under the province, the unknown district is created instead.
    o.parent_id = Some(sample::LANG_SON);
    let p = plan::plan(&sample::lang_son(), &layout, &o);
    assert!(p.can_import());
    assert!(
        matches!(&p.rows[2].outcome, RowOutcome::Imported { target: Target::New { name, .. }, .. } if name == "huyện Không Có")
    );
}

fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn hostile_and_broken_files_get_a_message_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    // Not a workbook at all, a truncated workbook, an empty file, binary junk.
    let good = dir.path().join("tốt.xlsx");
    write_xlsx(&good, "Biểu 01", &huu_lung_rows(), str::to_string);
    let bytes = std::fs::read(&good).unwrap();
    let truncated = write_bytes(dir.path(), "cụt.xlsx", &bytes[..bytes.len() / 2]);
    assert!(grid::read(&truncated).is_err());
    let junk = write_bytes(
        dir.path(),
        "rác.xls",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3],
    );
    assert!(grid::read(&junk).is_err());
    let binary = write_bytes(dir.path(), "nhị phân.csv", &[0, 1, 2, 3, 0, 0, 9]);
    assert!(grid::read(&binary).is_err());
    let empty = write_bytes(dir.path(), "rỗng.csv", b"");
    let wb = grid::read(&empty).unwrap();
    assert!(
        layout::detect(&wb.sheets[0]).is_err(),
        "no table in an empty file"
    );
    // A sheet that claims a cell in its millionth row and ten-thousandth column.
    let far = dir.path().join("xa.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_number(1_000_000, 10_000, 1.0).unwrap();
    wb.save(&far).unwrap();
    let err = grid::read(&far).unwrap_err().to_string();
    assert!(err.contains("vượt giới hạn"), "{err}");
    // A file over the size limit is refused before it is read.
    let big = dir.path().join("lớn.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(grid::MAX_FILE_BYTES + 1).unwrap();
    assert!(
        grid::read(&big)
            .unwrap_err()
            .to_string()
            .contains("quá lớn")
    );
    // A zip whose parts claim to unpack to gigabytes.
    let bomb = dir.path().join("bom.xlsx");
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..(grid::MAX_UNPACKED_BYTES >> 20) + 2 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    assert!(
        grid::read(&bomb)
            .unwrap_err()
            .to_string()
            .contains("giải nén")
    );
    // An OpenDocument sheet, tiny on disk, repeating a row with text ten million times.
    let ods = dir.path().join("lặp.ods");
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::fs::File::create(&ods).unwrap());
        let o = zip::write::SimpleFileOptions::default();
        z.start_file("mimetype", o).unwrap();
        z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        z.start_file("content.xml", o).unwrap();
        z.write_all(
            br#"<office:document-content><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="10000000"><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        )
        .unwrap();
        z.finish().unwrap();
    }
    let err = grid::read(&ods).unwrap_err().to_string();
    assert!(err.contains("10000000 lần"), "{err}");
}

/// A zip holding `parts`, each written as is.
fn zip_of(path: &Path, parts: &[(&str, &[u8])]) {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        z.start_file(*name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

/// An OpenDocument sheet as LibreOffice writes one: `rows` inside a table called "S".
fn ods_with(dir: &Path, name: &str, rows: &str) -> PathBuf {
    let path = dir.join(name);
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(
        &path,
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content.as_bytes()),
        ],
    );
    path
}

/// An OpenDocument file of under a kilobyte: a million empty rows, each a thousand empty
/// cells wide, then one number. Refused for where the number is, before any grid is laid out.
#[test]
fn an_opendocument_bomb_of_empty_rows_and_one_far_cell_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = ods_with(
        dir.path(),
        "bom.ods",
        r#"<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1000"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="300"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
    );
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1024);
    let err = grid::read(&bomb).unwrap_err().to_string();
    assert!(
        err.contains("dòng 1048576") && err.contains("vượt giới hạn"),
        "{err}"
    );
    // Within the limits, the same shape is read: empty runs cost nothing.
    let fine = ods_with(
        dir.path(),
        "tot.ods",
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Huyện <text:span>Hữu</text:span><text:s text:c="2"/>Lũng &amp; xã</text:p><text:p>dòng hai</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="468"><text:p>468</text:p><office:annotation><text:p>ghi chú</text:p></office:annotation></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
    );
    let wb = grid::read(&fine).unwrap();
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.rows.len(), 1002);
    assert_eq!(sheet.width(), 3);
    assert_eq!(
        sheet.cell(0, 0),
        &Cell::Text("Huyện Hữu  Lũng & xã\ndòng hai".into())
    );
    assert_eq!(sheet.cell(1001, 2), &Cell::Number(468.0));
}

/// Sheets that each fit the limits but together lay out more cells than GiamSat reads.
#[test]
fn cells_laid_out_across_sheets_are_counted_together() {
    let dir = tempfile::tempdir().unwrap();
    // Each 2 000 × 400 = 800 000 cells, within the limit alone; 2 400 000 together.
    let mut wb = Workbook::new();
    for _ in 0..3 {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "STT").unwrap();
        ws.write_number(1_999, 399, 1.0).unwrap();
    }
    let path = dir.path().join("ba trang.xlsx");
    wb.save(&path).unwrap();
    let err = grid::read(&path).unwrap_err().to_string();
    assert!(err.contains("quá nhiều ô"), "{err}");
}

/// A zip that declares a part of a kilobyte which unpacks to far more: what is counted is what
/// unpacks, not what the zip declares.
#[test]
fn a_zip_that_lies_about_its_sizes_is_measured_as_it_unpacks() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("noi-doi.xlsx");
    let big = vec![b' '; (grid::MAX_UNPACKED_BYTES + (2 << 20)) as usize];
    zip_of(&bomb, &[("xl/worksheets/sheet1.xml", &big)]);
    drop(big);
    let mut bytes = std::fs::read(&bomb).unwrap();
    // Both records of the part's size — the local header's and the central directory's —
    // say 1 000 bytes.
    let lie = 1000u32.to_le_bytes();
    for (signature, at) in [(0x0403_4b50u32, 22usize), (0x0201_4b50, 24)] {
        let sig = signature.to_le_bytes();
        let i = bytes.windows(4).position(|w| w == sig).unwrap();
        bytes[i + at..i + at + 4].copy_from_slice(&lie);
    }
    std::fs::write(&bomb, &bytes).unwrap();
    let err = grid::read(&bomb).unwrap_err().to_string();
    assert!(
        err.contains("xl/worksheets/sheet1.xml") && err.contains("khai sai"),
        "{err}"
    );
    // Honest about its size, and too large: refused for what it unpacks to.
    let honest = dir.path().join("lon.xlsx");
    let big = vec![b' '; (grid::MAX_UNPACKED_BYTES + (2 << 20)) as usize];
    zip_of(&honest, &[("xl/worksheets/sheet1.xml", &big)]);
    drop(big);
    let err = grid::read(&honest).unwrap_err().to_string();
    assert!(err.contains("giải nén"), "{err}");
}

/// An Excel 97–2003 compound file holding one sheet named "S" made of `cells` records (type,
/// data), after a DIMENSIONS record of `dims` (first row, last row + 1, first column, last
/// column + 1).
pub(crate) fn xls_of(dims: (u32, u32, u16, u16), cells: &[(u16, Vec<u8>)]) -> Vec<u8> {
    xls_listing(dims, cells, 1)
}

/// As [`xls_of`], the workbook listing the one sheet `entries` times.
fn xls_listing(dims: (u32, u32, u16, u16), cells: &[(u16, Vec<u8>)], entries: usize) -> Vec<u8> {
    fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
        out.extend(kind.to_le_bytes());
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
    }
    let bof = |dt: u16| -> Vec<u8> {
        let mut b = vec![0u8; 16];
        b[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
        b[2..4].copy_from_slice(&dt.to_le_bytes());
        b
    };
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    // Padding, so the stream lives in whole sectors (at least 4 096 bytes).
    record(&mut globals, 0x0FFF, &[0u8; 4200]);
    let listed: Vec<usize> = (0..entries)
        .map(|_| {
            let at = globals.len();
            record(&mut globals, 0x0085, &[0, 0, 0, 0, 0, 0, 1, 0, b'S']);
            at
        })
        .collect();
    record(&mut globals, 0x000A, &[]);
    let sheet_at = globals.len() as u32;
    for at in listed {
        globals[at + 4..at + 8].copy_from_slice(&sheet_at.to_le_bytes());
    }
    let mut stream = globals;
    record(&mut stream, 0x0809, &bof(0x0010));
    let mut d = Vec::new();
    d.extend(dims.0.to_le_bytes());
    d.extend(dims.1.to_le_bytes());
    d.extend(dims.2.to_le_bytes());
    d.extend(dims.3.to_le_bytes());
    d.extend([0u8, 0]);
    record(&mut stream, 0x0200, &d);
    for (kind, data) in cells {
        record(&mut stream, *kind, data);
    }
    record(&mut stream, 0x000A, &[]);
    let size = stream.len();
    let sectors = size.div_ceil(512);
    stream.resize(sectors * 512, 0);
    // Sector 0: the allocation table; 1: the directory; 2…: the workbook stream.
    let mut fat = vec![0xFFFF_FFFFu32; 128];
    fat[0] = 0xFFFF_FFFD;
    fat[1] = 0xFFFF_FFFE;
    for i in 0..sectors {
        fat[2 + i] = if i + 1 == sectors {
            0xFFFF_FFFE
        } else {
            3 + i as u32
        };
    }
    let mut header = vec![0u8; 512];
    header[0..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[0x18..0x1A].copy_from_slice(&0x003Eu16.to_le_bytes());
    header[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    header[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    header[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
    header[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
    header[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    header[0x3C..0x40].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    header[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
        header[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| -> Vec<u8> {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[72..76].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    let mut dir = Vec::new();
    dir.extend(entry("Root Entry", 5, 1, 0xFFFF_FFFE, 0));
    dir.extend(entry("Workbook", 2, 0xFFFF_FFFF, 2, size as u32));
    dir.extend(entry("", 0, 0xFFFF_FFFF, 0, 0));
    dir.extend(entry("", 0, 0xFFFF_FFFF, 0, 0));
    let mut out = header;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir);
    out.extend(stream);
    out
}

/// A NUMBER record: `value` at (`row`, `col`).
fn xls_number(row: u16, col: u16, value: f64) -> (u16, Vec<u8>) {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(value.to_le_bytes());
    (0x0203, d)
}

/// Excel 97–2003 files that would make the reader lay out or reserve a vast grid — a cell
/// 60 000 rows down, a size record claiming four billion rows — are refused from their own
/// bytes before they are read; the same file with its cells in place is read.
#[test]
fn an_old_excel_file_placing_cells_far_away_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fine = write_bytes(
        dir.path(),
        "tot.xls",
        &xls_of(
            (0, 3, 0, 2),
            &[xls_number(0, 0, 1.0), xls_number(2, 1, 468.0)],
        ),
    );
    let wb = grid::read(&fine).unwrap();
    assert_eq!(wb.sheets[0].cell(2, 1), &Cell::Number(468.0));

    let far = write_bytes(
        dir.path(),
        "xa.xls",
        &xls_of(
            // Its size record says one cell; its cells say otherwise.
            (0, 1, 0, 1),
            &[xls_number(0, 0, 1.0), xls_number(60_000, 199, 2.0)],
        ),
    );
    let err = grid::read(&far).unwrap_err().to_string();
    assert!(err.contains("vượt giới hạn"), "{err}");

    let claims = write_bytes(
        dir.path(),
        "khai-gian.xls",
        &xls_of((0, u32::MAX, 0, 256), &[xls_number(0, 0, 1.0)]),
    );
    let err = grid::read(&claims).unwrap_err().to_string();
    assert!(err.contains("vượt giới hạn"), "{err}");

    // One sheet of 2 000 rows × 250 columns, listed six times: six grids when read.
    let corners = [xls_number(0, 0, 1.0), xls_number(1_999, 249, 2.0)];
    let once = write_bytes(
        dir.path(),
        "mot.xls",
        &xls_listing((0, 2_000, 0, 250), &corners, 1),
    );
    assert!(grid::read(&once).is_ok());
    let six = write_bytes(
        dir.path(),
        "sau.xls",
        &xls_listing((0, 2_000, 0, 250), &corners, 6),
    );
    let err = grid::read(&six).unwrap_err().to_string();
    assert!(err.contains("quá nhiều ô"), "{err}");

    // Blank cells (borders, formatting) far down are not data: the sheet is read.
    let mut blank = Vec::new();
    blank.extend(29_999u16.to_le_bytes());
    blank.extend(0u16.to_le_bytes());
    blank.extend(0u16.to_le_bytes());
    let formatted = write_bytes(
        dir.path(),
        "ke-khung.xls",
        &xls_of(
            (0, 30_000, 0, 2),
            &[xls_number(2, 1, 468.0), (0x0201, blank)],
        ),
    );
    let wb = grid::read(&formatted).unwrap();
    assert_eq!(wb.sheets[0].cell(2, 1), &Cell::Number(468.0));
}

#[test]
fn csv_numbers_as_text_and_cells_as_text_are_read_the_vietnamese_way() {
    assert_eq!(
        layout::value_of(&Cell::Text("1.234.567".into()), MoneyUnit::Dong),
        layout::Value::Amount(Dong::new(1_234_567).unwrap())
    );
    assert_eq!(
        layout::value_of(&Cell::Text("0,5".into()), MoneyUnit::Trieu),
        layout::Value::Amount(Dong::new(500_000).unwrap())
    );
}

/// The template a user saves after taking column 2 of `layout` as the 2024 figures of `kind`
/// under Lạng Sơn.
fn template_for_column_2(layout: &layout::Layout, kind: AllocationKind) -> plan::Mapping {
    let change = plan::MappedColumn {
        column: 2,
        role: ColumnRole::Figure {
            from_year: 2024,
            to_year: 2024,
            kind,
        },
        years_from_report: false,
        heading: String::new(),
    };
    let mut o = options();
    o.parent_id = Some(sample::LANG_SON);
    o.mapping = Some(plan::Mapping {
        unit: None,
        columns: vec![change.clone()],
    });
    let p = plan::plan(&sample::lang_son(), layout, &o);
    plan::Mapping::template(&p, &[change])
}

fn sheet_of(rows: Vec<Vec<&str>>) -> grid::Sheet {
    grid::Sheet {
        name: "Biểu".into(),
        rows: rows
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|c| {
                        if c.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(c.into())
                        }
                    })
                    .collect()
            })
            .collect(),
    }
}

#[test]
fn a_template_keeps_the_users_choices_but_takes_next_years_years_from_the_report() {
    // This year's report says only "Năm 2024": the user says it is allocated money.
    let this_year = sheet_of(vec![
        vec!["ĐVT: triệu đồng"],
        vec!["STT", "Đơn vị", "Năm 2024"],
        vec!["1", "Huyện Chi Lăng", "300"],
    ]);
    let layout = layout::detect(&this_year).unwrap();
    assert_eq!(
        layout.columns[2].role,
        ColumnRole::Skipped {
            reason: SkipReason::NoKind
        }
    );
    let template = template_for_column_2(&layout, AllocationKind::Allocated);
    // Next year's report from the same district, read with the template, and in đồng now.
    let next_year = sheet_of(vec![
        vec!["ĐVT: đồng"],
        vec!["STT", "Đơn vị", "Năm 2025"],
        vec!["1", "Huyện Chi Lăng", "310.000.000"],
    ]);
    let layout = layout::detect(&next_year).unwrap();
    let mut o = options();
    o.parent_id = Some(sample::LANG_SON);
    o.mapping = Some(template);
    let p = plan::plan(&sample::lang_son(), &layout, &o);
    assert_eq!(p.unit, Some(MoneyUnit::Dong), "the report's own unit wins");
    assert_eq!(
        figure(&p, "huyện Chi Lăng", 2025, AllocationKind::Allocated),
        trieu(310)
    );
}

#[test]
fn choosing_another_name_column_reads_the_rows_again() {
    let sheet = sheet_of(vec![
        vec!["ĐVT: triệu đồng"],
        vec!["STT", "Mã", "Tên đơn vị", "Kế hoạch vốn 2024"],
        vec!["1", "Xã Minh Sơn", "Phòng Kinh tế", "50"],
    ]);
    let layout = layout::detect(&sheet).unwrap();
    let p = plan::plan(&sample::lang_son(), &layout, &options());
    assert!(figures(&p, "xã Minh Sơn").is_empty());
    let mut o = options();
    o.mapping = Some(plan::Mapping {
        unit: None,
        columns: vec![
            plan::MappedColumn {
                column: 1,
                role: ColumnRole::Name,
                years_from_report: false,
                heading: String::new(),
            },
            plan::MappedColumn {
                column: 2,
                role: ColumnRole::Skipped {
                    reason: SkipReason::ByUser,
                },
                years_from_report: false,
                heading: String::new(),
            },
        ],
    });
    let p = plan::plan(&sample::lang_son(), &layout, &o);
    assert_eq!(
        figure(&p, "xã Minh Sơn", 2024, AllocationKind::Allocated),
        trieu(50)
    );
}

#[test]
fn a_total_above_its_rows_english_numbers_and_funding_source_columns_read_right() {
    let sheet = sheet_of(vec![
        vec!["ĐVT: triệu đồng"],
        vec![
            "STT",
            "Đơn vị",
            "Kế hoạch vốn 2024 Tổng số",
            "Kế hoạch vốn 2024 NSTW",
            "Kế hoạch vốn 2024 NSĐP",
        ],
        vec!["", "Tổng số", "1,234.5", "1,000", "234.5"],
        vec!["1", "Xã Minh Sơn", "1,000.5", "800", "200.5"],
        vec!["2", "Xã Yên Thịnh", "234", "200", "34"],
    ]);
    let layout = layout::detect(&sheet).unwrap();
    let p = plan::plan(&sample::lang_son(), &layout, &options());
    assert_eq!(p.number_style, NumberStyle::En);
    assert!(p.can_import(), "{:?}", p.errors);
    // The total column is imported, its funding-source parts are not.
    assert_eq!(
        layout.columns[3].role,
        ColumnRole::Skipped {
            reason: SkipReason::PartOfTotal
        }
    );
    assert_eq!(
        figure(&p, "xã Minh Sơn", 2024, AllocationKind::Allocated),
        Amount::Known(Dong::new(1_000_500_000).unwrap())
    );
    // The total written above its rows is checked against them.
    let total = p.totals.iter().find(|t| t.place.column == "C").unwrap();
    assert_eq!(total.place.row, 3);
    assert_eq!(total.agrees(), Some(true), "{total:?}");
}

#[test]
fn communes_named_like_offices_and_units_named_in_passing_are_not_mistaken() {
    let sheet = sheet_of(vec![
        vec!["Chương trình hỗ trợ (đồng bào dân tộc thiểu số)"],
        vec!["STT", "Đơn vị", "Giải ngân năm 2024"],
        vec!["1", "Phong Thạnh", "5"],
        vec!["2", "Hội Hoan", "6"],
        vec!["3", "Phòng Dân tộc", "7"],
    ]);
    let layout = layout::detect(&sheet).unwrap();
    assert_eq!(layout.unit, None, "“(đồng bào…)” names no unit");
    let kinds: Vec<&layout::RowKind> = layout.rows.iter().map(|r| &r.kind).collect();
    assert!(matches!(kinds[0], layout::RowKind::Area { name, .. } if name == "Phong Thạnh"));
    assert!(matches!(kinds[1], layout::RowKind::Area { name, .. } if name == "Hội Hoan"));
    assert!(matches!(kinds[2], layout::RowKind::Office(_)));
}

#[test]
fn a_blank_left_in_next_months_report_keeps_the_figure_given_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Báo cáo Hữu Lũng.xlsx");
    write_xlsx(&path, "Biểu 01", &huu_lung_rows(), str::to_string);
    let mut d = sample::lang_son();
    let p = plan_of(&path, &d);
    let before = d.clone();
    let mut next = plan::ids_above(&before);
    for e in p.edits(&options(), &mut next) {
        d.apply_edit(&e).unwrap();
    }
    // Minh Sơn's 2022 disbursement (45,5) left blank next time: kept, not made unknown.
    let mut rows = huu_lung_rows();
    rows[12][3] = E;
    write_xlsx(&path, "Biểu 01", &rows, str::to_string);
    let again = plan_of(&path, &d);
    let (new, updated, ..) = again.counts();
    assert_eq!((new, updated), (0, 0));
    // … and said, in case the amount moved to another row.
    assert!(again.changes.iter().any(|c| matches!(c,
        plan::Change::KeptOverBlank { row: 13, existing } if existing.amount_dong == Amount::Known(Dong::new(45_500_000).unwrap()))));
}

#[test]
fn header_rows_the_user_gives_replace_the_ones_found() {
    // A title row that looks like a header (three cells with years) above the real one.
    let sheet = sheet_of(vec![
        vec!["ĐVT: triệu đồng"],
        vec!["Báo cáo năm 2024", "Kế hoạch 2024", "so với 2023"],
        vec!["STT", "Đơn vị", "Giải ngân năm 2024"],
        vec!["1", "Xã Minh Sơn", "5"],
    ]);
    // Found: the title taken for the header, so no column of unit names under it.
    assert!(layout::detect(&sheet).is_err());
    let given = layout::detect_with(&sheet, Some((2, 2))).unwrap();
    let p = plan::plan(&sample::lang_son(), &given, &options());
    assert_eq!(p.header_rows, (3, 3));
    assert_eq!(
        figure(&p, "xã Minh Sơn", 2024, AllocationKind::Disbursed),
        trieu(5)
    );
}

#[test]
fn the_same_report_saved_as_xls_or_ods_by_calc_imports_the_same() {
    use AllocationKind::*;
    for name in ["bao-cao-huu-lung.xls", "bao-cao-huu-lung.ods"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let p = plan_of(&path, &sample::lang_son());
        assert!(p.can_import(), "{name}: {:?} {:?}", p.problems, p.errors);
        assert_eq!(p.unit, Some(MoneyUnit::Trieu), "{name}");
        assert_eq!(
            figure(&p, "huyện Hữu Lũng", 2022, Disbursed),
            trieu(90),
            "{name}"
        );
        assert_eq!(
            figure(&p, "huyện Hữu Lũng", 2023, Disbursed),
            trieu(0),
            "{name}"
        );
        assert_eq!(
            figure(&p, "xã Minh Sơn", 2022, Disbursed),
            Amount::Known(Dong::new(45_500_000).unwrap()),
            "{name}"
        );
        assert_eq!(
            figure(&p, "xã Minh Sơn", 2023, Disbursed),
            Amount::Unknown,
            "{name}"
        );
        assert_eq!(
            figure(&p, "thị trấn Hữu Lũng", 2023, CarriedOver),
            Amount::Unknown
        );
        // Every total the rows can be summed for agrees (C, D, E); F holds an unknown.
        assert!(p.totals.iter().all(|t| t.agrees() != Some(false)), "{name}");
        assert_eq!(
            p.totals.iter().filter(|t| t.agrees() == Some(true)).count(),
            3,
            "{name}"
        );
        let (new, ..) = p.counts();
        assert_eq!(new, 15, "{name}");
    }
}

#[test]
fn one_mistyped_decimal_does_not_turn_a_vietnamese_report_english() {
    let sheet = sheet_of(vec![
        vec!["ĐVT: nghìn đồng"],
        vec!["STT", "Đơn vị", "Giải ngân năm 2024"],
        vec!["1", "Xã Minh Sơn", "1.234"],
        vec!["2", "Xã Yên Thịnh", "2.500.000"],
        vec!["3", "Xã Hòa Sơn", "3.75"],
    ]);
    let layout = layout::detect(&sheet).unwrap();
    let p = plan::plan(&sample::lang_son(), &layout, &options());
    assert_eq!(p.number_style, NumberStyle::Vi);
    assert_eq!(
        figure(&p, "xã Minh Sơn", 2024, AllocationKind::Disbursed),
        Amount::Known(Dong::new(1_234_000).unwrap())
    );
    assert_eq!(
        p.errors.len(),
        1,
        "“3.75” is not a Vietnamese number: {:?}",
        p.errors
    );
    assert_eq!(p.errors[0].place.row, 5);
}

#[test]
fn a_template_finds_its_column_by_heading_when_next_years_form_has_one_more() {
    let this_year = sheet_of(vec![
        vec!["ĐVT: triệu đồng"],
        vec!["STT", "Đơn vị", "Số tiền năm 2024"],
        vec!["1", "Huyện Chi Lăng", "300"],
    ]);
    let layout = layout::detect(&this_year).unwrap();
    let template = template_for_column_2(&layout, AllocationKind::Disbursed);
    assert_eq!(template.columns[0].heading, "so tien nam");
    // Next year: a column of codes before it.
    let next_year = sheet_of(vec![
        vec!["ĐVT: triệu đồng"],
        vec!["STT", "Mã", "Đơn vị", "Số tiền năm 2025"],
        vec!["1", "CL", "Huyện Chi Lăng", "320"],
    ]);
    let layout = layout::detect(&next_year).unwrap();
    let mut o = options();
    o.parent_id = Some(sample::LANG_SON);
    o.mapping = Some(template);
    let p = plan::plan(&sample::lang_son(), &layout, &o);
    assert_eq!(
        figure(&p, "huyện Chi Lăng", 2025, AllocationKind::Disbursed),
        trieu(320)
    );
}

#[test]
fn the_date_line_gives_no_year_and_libreoffice_column_repeats_are_not_refused() {
    let sheet = sheet_of(vec![
        vec!["Lạng Sơn, ngày 15 tháng 01 năm 2024"],
        vec!["STT", "Đơn vị", "Giải ngân"],
        vec!["1", "Xã Minh Sơn", "5"],
    ]);
    // "Giải ngân" names no year and the title's only year is the date's: no period.
    let layout = layout::detect(&sheet);
    assert!(layout.map_or(true, |l| l.title_period.is_none()));
    // An OpenDocument file whose second sheet repeats a column style a thousand times after
    // the first sheet's last, filled cell: read, not refused.
    let dir = tempfile::tempdir().unwrap();
    let ods = dir.path().join("hai trang.ods");
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::fs::File::create(&ods).unwrap());
        let o = zip::write::SimpleFileOptions::default();
        z.start_file("mimetype", o).unwrap();
        z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        z.start_file("content.xml", o).unwrap();
        z.write_all(
            br#"<office:document-content><office:body><office:spreadsheet><table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table><table:table table:name="B"><table:table-column table:number-columns-repeated="1021"/><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        )
        .unwrap();
        z.finish().unwrap();
    }
    if let Err(e) = grid::read(&ods) {
        assert!(
            !e.to_string().contains(" lần"),
            "refused as a repeat bomb: {e}"
        );
    }
}

/// A district gives its report again at the next supervision round, one figure changed: the
/// new round's figures are stored beside the first round's (nothing is a conflict or an
/// update of the other round's), the ordinary views count the latest, and importing it again
/// adds nothing twice.
#[test]
fn a_report_given_again_at_a_later_round_is_kept_beside_the_first_for_comparing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Báo cáo Hữu Lũng.xlsx");
    write_xlsx(&path, "Biểu 01", &huu_lung_rows(), str::to_string);
    let mut d = sample::lang_son();
    let mut second = d.rounds[0].clone();
    second.id = RoundId(2);
    second.subjects.clear();
    second.members.clear();
    second.sessions.clear();
    second.start_date = chrono::NaiveDate::from_ymd_opt(2024, 5, 6);
    second.end_date = None;
    d.rounds.push(second);
    let at = |round: i64| Options {
        round_id: Some(RoundId(round)),
        ..options()
    };
    let plan_at = |d: &Dossier, round: i64| {
        let wb = grid::read(&path).unwrap();
        let layout = layout::detect(&wb.sheets[0]).unwrap();
        plan::plan(d, &layout, &at(round))
    };
    let start = d.clone();
    let mut next_id = plan::ids_above(&start);
    let first = plan_at(&d, 1);
    for e in first.edits(&at(1), &mut next_id) {
        d.apply_edit(&e).unwrap();
    }
    let minh_son = d.areas.iter().find(|a| a.name == "Minh Sơn").unwrap().id;
    assert!(
        d.allocations
            .iter()
            .filter(|a| a.area_id == minh_son)
            .all(|a| a.round_id == Some(RoundId(1)))
    );

    let mut rows = huu_lung_rows();
    rows[12][3] = N(47.0);
    write_xlsx(&path, "Biểu 01", &rows, str::to_string);
    let again = plan_at(&d, 2);
    let (new, updated, unchanged, conflicts) = again.counts();
    assert_eq!((updated, unchanged, conflicts), (0, 0, 0));
    assert_eq!(
        new,
        first.counts().0,
        "every figure, the office's own part too"
    );
    for e in again.edits(&at(2), &mut next_id) {
        d.apply_edit(&e).unwrap();
    }
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    let disbursed_2022 = |round: giamsat::analysis::RoundView| {
        let rows = giamsat::analysis::summary(
            &d,
            &giamsat::analysis::AllocationFilter {
                area_ids: Some([minh_son].into()),
                kinds: Some([AllocationKind::Disbursed].into()),
                years: Some((2022, 2022)),
                round,
                ..Default::default()
            },
        )
        .unwrap()
        .rows;
        assert_eq!(rows.len(), 1);
        rows[0].tally.total.unwrap().known.get()
    };
    assert_eq!(
        disbursed_2022(giamsat::analysis::RoundView::Latest),
        47_000_000,
        "the latest round's"
    );
    assert_eq!(
        disbursed_2022(giamsat::analysis::RoundView::At(RoundId(1))),
        45_500_000
    );
    assert_eq!(
        disbursed_2022(giamsat::analysis::RoundView::At(RoundId(2))),
        47_000_000
    );

    // The same report for the same round again: nothing new.
    let third = plan_at(&d, 2);
    let (new, updated, ..) = third.counts();
    assert_eq!((new, updated), (0, 0));
}

/// A file from before rounds (every figure of no round) gets round 2's report: the old figures
/// stay as they were — no update, no conflict — and round 2's stand beside them.
#[test]
fn a_rounds_report_into_a_file_of_untagged_figures_keeps_the_old_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Báo cáo Hữu Lũng.xlsx");
    write_xlsx(&path, "Biểu 01", &huu_lung_rows(), str::to_string);
    let mut d = super::rounds::two_rounds();
    for a in &mut d.allocations {
        a.round_id = None;
    }
    let before = d.clone();
    let options = Options {
        round_id: Some(RoundId(2)),
        ..options()
    };
    let wb = grid::read(&path).unwrap();
    let layout = layout::detect(&wb.sheets[0]).unwrap();
    let p = plan::plan(&d, &layout, &options);
    let (new, updated, unchanged, conflicts) = p.counts();
    assert_eq!((updated, unchanged, conflicts), (0, 0, 0));
    assert!(new > 0);
    let mut next_id = plan::ids_above(&before);
    for e in p.edits(&options, &mut next_id) {
        assert!(e.before.is_none(), "nothing stored is changed: {e:?}");
        d.apply_edit(&e).unwrap();
    }
    for a in &before.allocations {
        assert!(d.allocations.contains(a), "{a:?} kept as it was");
    }
}

/// Without a round, a report meets the figure the views count — the latest round's — not
/// the earlier one it replaced.
#[test]
fn a_report_of_no_round_meets_the_latest_rounds_figure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Báo cáo Hữu Lũng.xlsx");
    write_xlsx(&path, "Biểu 01", &huu_lung_rows(), str::to_string);
    let mut d = super::rounds::two_rounds();
    // The district office's own part for 2023, as an earlier import stored it at each round:
    // the report's office row meets it (never the district's total).
    for a in d
        .allocations
        .iter_mut()
        .filter(|a| [AllocationId(2), AllocationId(100)].contains(&a.id))
    {
        a.covers = Covers::Own;
    }
    let p = plan_of(&path, &d);
    let met: Vec<AllocationId> = p
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Conflict { existing, .. }
                if existing.period == Period::year(2023).unwrap()
                    && existing.kind == AllocationKind::Allocated =>
            {
                Some(existing.id)
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        met,
        vec![AllocationId(100)],
        "the second round's 520, not the 494"
    );
}
