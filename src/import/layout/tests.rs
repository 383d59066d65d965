//! Tests of reading headings, area names, cells, units and offices.

use super::words::unit_in;
use super::*;
use crate::model::Dong;

#[test]
fn headings_name_periods_and_kinds() {
    let role = |h: &str| column_role(h, None, None);
    assert_eq!(
        role("Năm 2022 Kế hoạch vốn"),
        ColumnRole::Figure {
            from_year: 2022,
            to_year: 2022,
            kind: AllocationKind::Allocated
        }
    );
    assert_eq!(
        role("Năm 2022 - 2023 Giải ngân"),
        ColumnRole::Figure {
            from_year: 2022,
            to_year: 2023,
            kind: AllocationKind::Disbursed
        }
    );
    assert_eq!(
        role("Vốn năm 2022 chuyển sang năm 2023"),
        ColumnRole::Figure {
            from_year: 2023,
            to_year: 2023,
            kind: AllocationKind::CarriedOver
        }
    );
    assert_eq!(
        role("Vốn năm 2022 chuyển sang"),
        ColumnRole::Figure {
            from_year: 2023,
            to_year: 2023,
            kind: AllocationKind::CarriedOver
        }
    );
    assert_eq!(
        role("Dự toán giao 2024").period_kind(),
        Some((2024, AllocationKind::Allocated))
    );
    assert_eq!(
        role("Thực hiện 2024").period_kind(),
        Some((2024, AllocationKind::Disbursed))
    );
    assert_eq!(
        role("Tỷ lệ giải ngân (%)"),
        ColumnRole::Skipped {
            reason: SkipReason::Ratio
        }
    );
    assert_eq!(
        role("Năm 2023"),
        ColumnRole::Skipped {
            reason: SkipReason::NoKind
        }
    );
    assert_eq!(
        role("Giải ngân"),
        ColumnRole::Skipped {
            reason: SkipReason::NoPeriod
        }
    );
    assert_eq!(role("STT"), ColumnRole::Number);
    assert_eq!(role("Tên đơn vị"), ColumnRole::Name);
    assert_eq!(role("Ghi chú"), ColumnRole::Note);
    // A title above the table gives what a heading leaves out.
    assert_eq!(
        column_role("Giải ngân", Period::year(2023).ok(), None).period_kind(),
        Some((2023, AllocationKind::Disbursed))
    );
}

impl ColumnRole {
    fn period_kind(&self) -> Option<(i32, AllocationKind)> {
        match self {
            ColumnRole::Figure {
                from_year, kind, ..
            } => Some((*from_year, *kind)),
            _ => None,
        }
    }
}

#[test]
fn area_names_lose_stray_spaces_and_say_their_type() {
    assert_eq!(
        split_area_name("  xã  Minh Sơn "),
        (Some(AreaKind::Xa), "Minh Sơn".into())
    );
    assert_eq!(
        split_area_name("Thị trấn Hữu Lũng"),
        (Some(AreaKind::ThiTran), "Hữu Lũng".into())
    );
    assert_eq!(
        split_area_name("PHƯỜNG ĐÔNG KINH"),
        (Some(AreaKind::Phuong), "Đông Kinh".into())
    );
    assert_eq!(
        split_area_name("Huyện Chi Lăng"),
        (Some(AreaKind::Huyen), "Chi Lăng".into())
    );
    assert_eq!(
        split_area_name("TT. Đồng Mỏ"),
        (Some(AreaKind::ThiTran), "Đồng Mỏ".into())
    );
    assert_eq!(split_area_name("Yên Thịnh"), (None, "Yên Thịnh".into()));
}

#[test]
fn cells_become_amounts_zeros_unknowns_or_errors() {
    let t = |s: &str| Cell::Text(s.into());
    let tr = MoneyUnit::Trieu;
    assert_eq!(
        value_of(&t("1.234,5"), tr),
        Value::Amount(Dong::new(1_234_500_000).unwrap())
    );
    assert_eq!(
        value_of(&t("14,5"), tr),
        Value::Amount(Dong::new(14_500_000).unwrap())
    );
    assert_eq!(
        value_of(&Cell::Number(468.0), tr),
        Value::Amount(Dong::from_trieu(468).unwrap())
    );
    assert_eq!(
        value_of(&Cell::Number(0.1), MoneyUnit::Trieu),
        Value::Amount(Dong::new(100_000).unwrap())
    );
    assert_eq!(value_of(&t("-"), tr), Value::Zero);
    assert_eq!(value_of(&Cell::Number(0.0), tr), Value::Zero);
    assert_eq!(value_of(&Cell::Empty, tr), Value::Blank);
    assert_eq!(value_of(&t("   "), tr), Value::Blank);
    assert_eq!(value_of(&t("x"), tr), Value::Unknown("x".into()));
    assert_eq!(
        value_of(&t("chưa xác định số liệu"), tr),
        Value::Unknown("chưa xác định số liệu".into())
    );
    assert!(matches!(value_of(&t("12a"), tr), Value::Error(..)));
    assert!(matches!(
        value_of(&Cell::Number(-5.0), tr),
        Value::Error(..)
    ));
    assert!(matches!(
        value_of(&Cell::Other("#REF!".into()), tr),
        Value::Error(..)
    ));
}

#[test]
fn units_are_found_in_their_usual_words() {
    assert_eq!(unit_in(&key("ĐVT: triệu đồng")), Some(MoneyUnit::Trieu));
    assert_eq!(
        unit_in(&key("Đơn vị tính: nghìn đồng")),
        Some(MoneyUnit::Nghin)
    );
    assert_eq!(unit_in(&key("(Đơn vị: đồng)")), Some(MoneyUnit::Dong));
    assert_eq!(unit_in(&key("ĐVT: Tr.đ")), Some(MoneyUnit::Trieu));
    assert_eq!(unit_in(&key("Báo cáo năm 2023")), None);
}

#[test]
fn offices_are_told_from_units_by_their_first_words() {
    let t = |s: &str| Cell::Text(s.into());
    let sheet = Sheet {
        name: "S".into(),
        rows: vec![
            vec![t("ĐVT: triệu đồng")],
            vec![t("STT"), t("Đơn vị"), t("Kế hoạch vốn 2024")],
            vec![t("1"), t("Xã Số 1"), Cell::Number(1.0)],
            vec![t("2"), t("Phòng Dân tộc"), Cell::Number(1.0)],
            vec![t("3"), t("Sở Tài chính"), Cell::Number(1.0)],
            vec![t("4"), t("Hội Nông dân huyện"), Cell::Number(1.0)],
            vec![t("5"), t("Bản Sáng"), Cell::Number(1.0)],
        ],
    };
    let layout = detect(&sheet).unwrap();
    let kinds: Vec<&RowKind> = layout.rows.iter().map(|r| &r.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &RowKind::Area {
                kind: Some(AreaKind::Xa),
                name: "Số 1".into()
            },
            &RowKind::Office("Phòng Dân tộc".into()),
            &RowKind::Office("Sở Tài chính".into()),
            &RowKind::Office("Hội Nông dân huyện".into()),
            &RowKind::Area {
                kind: None,
                name: "Bản Sáng".into()
            },
        ]
    );
}
