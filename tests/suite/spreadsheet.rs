//! The project's tables as Excel, and the blank report form for districts: read back as Excel
//! readers see them, and the form, once filled in, imported with no question asked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::import::grid::{self, Cell};
use giamsat::import::{layout, plan};
use giamsat::model::*;
use giamsat::sample;
use std::io::Read;

fn part(xlsx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_tables_export_as_numbers_with_unknowns_left_empty_and_noted() {
    let d = sample::lang_son();
    let bytes = giamsat::spreadsheet::export(&d, MoneyUnit::Trieu).unwrap();
    let wb = grid::read_bytes(&bytes).unwrap();
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Số liệu vốn", "Tổng hợp", "Chỉ tiêu", "Kiến nghị"]);
    let figures = &wb.sheets[0];
    assert_eq!(
        figures.cell(0, 6),
        &Cell::Text("Số tiền (triệu đồng)".into())
    );
    // One row per figure, in the dossier's order: 468 and 494 triệu as numbers, the
    // carried-over amount the source did not give as an empty cell.
    assert_eq!(figures.cell(1, 0), &Cell::Text("Hữu Lũng".into()));
    assert_eq!(figures.cell(1, 6), &Cell::Number(468.0));
    assert_eq!(figures.cell(2, 6), &Cell::Number(494.0));
    assert_eq!(
        figures.cell(3, 3),
        &Cell::Text("Vốn năm trước chuyển sang".into())
    );
    assert_eq!(figures.cell(3, 6), &Cell::Empty);
    assert_eq!(figures.cell(4, 4), &Cell::Number(2022.0));
    assert_eq!(figures.cell(4, 5), &Cell::Number(2023.0));
    assert_eq!(figures.cell(4, 6), &Cell::Number(949.0));
    // The round each figure was reported at.
    assert_eq!(figures.cell(0, 9), &Cell::Text("Đợt giám sát".into()));
    assert_eq!(figures.cell(4, 9), &Cell::Text("Đợt 1 (06/2023)".into()));
    assert_eq!(figures.cell(4, 10), &Cell::Text("có".into()));
    // The empty cell carries a note, the header row is frozen and filtered, and amounts have a
    // grouped number format (Excel shows 1.234,5 on a Vietnamese Windows).
    let comments = part(&bytes, "xl/comments1.xml");
    assert!(comments.contains("Chưa có số liệu"), "{comments}");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\""));
    assert!(sheet.contains("<autoFilter ref=\"A1:L5\""), "{sheet}");
    // What each figure covers: the sample's are its districts' totals.
    assert_eq!(figures.cell(4, 11), &Cell::Text("Tổng của địa bàn".into()));
    assert!(part(&bytes, "xl/styles.xml").contains("#,##0.######"));
    // In đồng the same figure is a whole number.
    let wb = grid::read_bytes(&giamsat::spreadsheet::export(&d, MoneyUnit::Dong).unwrap()).unwrap();
    assert_eq!(wb.sheets[0].cell(1, 6), &Cell::Number(468_000_000.0));
    // Recommendations with their addressees.
    assert!(matches!(wb.sheets[3].cell(1, 2), Cell::Text(t) if t.contains("UBND huyện Hữu Lũng")));
}

/// The sample with two communes under Hữu Lũng.
fn with_communes() -> Dossier {
    let mut d = sample::lang_son();
    for (id, name, kind) in [
        (10, "Minh Sơn", AreaKind::Xa),
        (11, "Hữu Lũng", AreaKind::ThiTran),
    ] {
        d.areas.push(Area {
            id: AreaId(id),
            name: name.into(),
            kind,
            parent_id: Some(sample::HUU_LUNG),
            valid_from: None,
            valid_to: None,
        });
    }
    d
}

#[test]
fn a_filled_report_form_imports_with_no_question_asked() {
    let d = with_communes();
    let bytes = giamsat::spreadsheet::report_form(
        &d,
        sample::HUU_LUNG,
        sample::DU_AN_7,
        2024,
        MoneyUnit::Trieu,
    )
    .unwrap();
    let mut sheet = grid::read_bytes(&bytes).unwrap().sheets.remove(0);
    // The district types its figures in: office, Minh Sơn, the township; the total follows.
    let row_of = |sheet: &grid::Sheet, name: &str| {
        (0..sheet.rows.len())
            .find(|&r| matches!(sheet.cell(r, 1), Cell::Text(t) if t.contains(name)))
            .unwrap()
    };
    let fill = [
        ("Phòng chuyên môn", [200.0, 150.0, 20.0]),
        ("xã Minh Sơn", [50.0, 40.0, 0.0]),
        ("thị trấn Hữu Lũng", [30.0, 30.5, 5.0]),
    ];
    for (name, values) in fill {
        let r = row_of(&sheet, name);
        for (i, v) in values.iter().enumerate() {
            sheet.rows[r][2 + i] = Cell::Number(*v);
        }
    }
    let total = row_of(&sheet, "Tổng cộng");
    for (c, v) in [(2, 280.0), (3, 220.5), (4, 25.0)] {
        sheet.rows[total][c] = Cell::Number(v);
    }
    let layout = layout::detect(&sheet).unwrap();
    let options = plan::Options {
        project_id: sample::DU_AN_7,
        parent_id: Some(sample::HUU_LUNG),
        unit: None,
        source: "Biểu Hữu Lũng 2024.xlsx".into(),
        mapping: None,
        round_id: None,
    };
    let p = plan::plan(&d, &layout, &options);
    assert!(p.can_import(), "{:?} {:?}", p.problems, p.errors);
    assert!(p.new_areas.is_empty(), "every row names a known unit");
    assert!(
        p.totals.iter().all(|t| t.agrees() == Some(true)),
        "{:?}",
        p.totals
    );
    let (new, ..) = p.counts();
    assert_eq!(new, 9);
    let minh_son: Vec<&plan::Figure> = p
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            plan::RowOutcome::Imported {
                target, figures, ..
            } if target.name() == "xã Minh Sơn" => Some(figures),
            _ => None,
        })
        .flatten()
        .collect();
    let got: Vec<(AllocationKind, i32, Amount)> = minh_son
        .iter()
        .map(|f| (f.kind, f.period.from_year(), f.amount))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                AllocationKind::Allocated,
                2024,
                Amount::Known(Dong::from_trieu(50).unwrap())
            ),
            (
                AllocationKind::Disbursed,
                2024,
                Amount::Known(Dong::from_trieu(40).unwrap())
            ),
            (AllocationKind::CarriedOver, 2024, Amount::Known(Dong::ZERO)),
        ]
    );
}
