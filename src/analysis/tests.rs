//! Tests of the summary's rows and totals, their periods and filters.

use super::*;
use crate::model::*;
use crate::sample::{self, CHI_LANG, HUU_LUNG};

fn trieu(n: i64) -> Dong {
    Dong::from_trieu(n).unwrap()
}

fn total_of(s: &Summary, kind: AllocationKind) -> Option<AmountSum> {
    s.totals
        .iter()
        .find(|t| t.kind == kind)
        .unwrap()
        .tally
        .total
}

#[test]
fn sample_rows_keep_spans_and_unknowns() {
    let d = sample::lang_son();
    let s = summary(&d, &AllocationFilter::default()).unwrap();
    let view: Vec<_> = s
        .rows
        .iter()
        .map(|r| {
            (
                r.key.area,
                r.key.kind,
                r.key.period.to_string(),
                r.tally.total.unwrap().total(),
            )
        })
        .collect();
    assert_eq!(
        view,
        vec![
            (
                HUU_LUNG,
                AllocationKind::Allocated,
                "2022".into(),
                Some(trieu(468))
            ),
            (
                HUU_LUNG,
                AllocationKind::Allocated,
                "2023".into(),
                Some(trieu(494))
            ),
            (HUU_LUNG, AllocationKind::CarriedOver, "2023".into(), None),
            (
                CHI_LANG,
                AllocationKind::Allocated,
                "2022–2023".into(),
                Some(trieu(949))
            ),
        ]
    );
    assert!(s.rows[2].tally.total.unwrap().is_wholly_unknown());
    assert_eq!(s.totals[0].kind, AllocationKind::Allocated);
    assert_eq!(
        total_of(&s, AllocationKind::Allocated).unwrap().total(),
        Some(trieu(1911))
    );
    let carried = total_of(&s, AllocationKind::CarriedOver).unwrap();
    assert_eq!(carried.total(), None);
    assert!(carried.is_wholly_unknown());
    assert!(s.rows.iter().all(|r| r.part_of.is_none()));
}

/// The sample with a 2023 figure for Chi Lăng beside its 2022–2023 total.
pub(crate) fn with_an_overlap() -> Dossier {
    let mut d = sample::lang_son();
    d.allocations.push(Allocation {
        id: AllocationId(d.next_id(Table::Allocations)),
        area_id: CHI_LANG,
        project_id: sample::DU_AN_7,
        period: Period::year(2023).unwrap(),
        kind: AllocationKind::Allocated,
        funding_source_id: None,
        amount_dong: Amount::Known(trieu(500)),
        note: String::new(),
        source_doc: String::new(),
        round_id: None,
        covers: Covers::Total,
    });
    d
}

#[test]
fn overlapping_periods_are_flagged_and_never_added() {
    let d = with_an_overlap();
    let s = summary(&d, &AllocationFilter::default()).unwrap();
    assert_eq!(s.totals[0].kind, AllocationKind::Allocated);
    let allocated = s.count(AllocationKind::Allocated).unwrap();
    assert_eq!(allocated.total, None, "1.911 + 500 would count 2023 twice");
    assert_eq!(s.totals[0].tally.total, None);
    let [count::Withheld::PeriodsOverlap(a, b)] = allocated.withheld.as_slice() else {
        panic!("{:?}", allocated.withheld)
    };
    assert_eq!((a.area, b.area), (CHI_LANG, CHI_LANG));
    assert_eq!(
        (a.period.to_string(), b.period.to_string()),
        ("2022–2023".to_string(), "2023".to_string())
    );
    // Other kinds are still added.
    assert!(s.totals[1].tally.total.is_some());
    assert_eq!(
        count::withheld_text(
            &d,
            &allocated.withheld[0],
            MoneyUnit::Trieu,
            crate::i18n::Lang::Vi
        ),
        "Không đưa ra tổng: huyện Chi Lăng, Dự án 7, vốn phân bổ 2022–2023: 949 triệu đồng và huyện Chi Lăng, Dự án 7, vốn phân bổ 2023: 500 triệu đồng có kỳ chồng lấn — cộng lại sẽ tính trùng; hãy kiểm tra nguồn và sửa một trong hai."
    );
    // Each row on its own period is still given.
    assert!(s.rows.iter().all(|r| r.tally.total.is_some()));
    // Disjoint periods of the same area are no overlap.
    let s = summary(&sample::lang_son(), &AllocationFilter::default()).unwrap();
    assert!(s.totals.iter().all(|t| t.tally.withheld.is_none()));
    assert!(s.rows.iter().all(|r| r.tally.withheld.is_none()));
}

#[test]
fn year_filter_keeps_a_span_whole() {
    let d = sample::lang_son();
    let f = AllocationFilter {
        years: Some((2023, 2023)),
        kinds: Some([AllocationKind::Allocated].into()),
        ..Default::default()
    };
    let s = summary(&d, &f).unwrap();
    // 494 for Hữu Lũng 2023 plus Chi Lăng's whole 2022–2023 total; never a made-up half.
    assert_eq!(s.rows.len(), 2);
    assert_eq!(s.rows[1].key.period.to_string(), "2022–2023");
    assert_eq!(
        total_of(&s, AllocationKind::Allocated).unwrap().total(),
        Some(trieu(494 + 949))
    );
    let f2021 = AllocationFilter {
        years: Some((2021, 2021)),
        ..Default::default()
    };
    assert!(summary(&d, &f2021).unwrap().rows.is_empty());
}

#[test]
fn figures_of_one_round_and_level_are_summed_and_listed() {
    let mut d = sample::lang_son();
    let mut extra = d.allocations[0].clone();
    extra.id = AllocationId(10);
    extra.amount_dong = Amount::Known(Dong::new(1).unwrap());
    d.allocations.push(extra);
    let mut unknown = d.allocations[0].clone();
    unknown.id = AllocationId(11);
    unknown.amount_dong = Amount::Unknown;
    d.allocations.push(unknown);
    let s = summary(&d, &AllocationFilter::default()).unwrap();
    let t = &s.rows[0].tally;
    assert_eq!(
        t.ids,
        vec![AllocationId(1), AllocationId(10), AllocationId(11)]
    );
    let sum = t.total.unwrap();
    assert_eq!(sum.known, Dong::new(468_000_001).unwrap());
    assert!(sum.is_partly_unknown());
    assert_eq!(sum.total(), None);
}

#[test]
fn filters_by_area_level_and_project() {
    let d = sample::lang_son();
    let province = AllocationFilter {
        area_level: Some(AreaLevel::Province),
        ..Default::default()
    };
    // The province has no figure of its own, but its districts' add up to its total.
    let s = summary(&d, &province).unwrap();
    assert!(s.rows.iter().all(|r| r.key.area != sample::LANG_SON));
    assert_eq!(
        total_of(&s, AllocationKind::Allocated).unwrap().total(),
        Some(trieu(1911))
    );
    let other_project = AllocationFilter {
        project_ids: Some([ProjectId(1)].into()),
        ..Default::default()
    };
    assert!(summary(&d, &other_project).unwrap().rows.is_empty());
    let rows = summary(&d, &AllocationFilter::default()).unwrap().rows;
    assert_eq!(&*rows[0].area, "Hữu Lũng");
    assert_eq!(rows[0].area_kind, Some(AreaKind::Huyen));
    assert_eq!(&*rows[0].project, "Dự án 7");
}
