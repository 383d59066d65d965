//! Tests of the allocation groups, their periods and filters.

use super::*;
use crate::model::*;
use crate::sample::{self, CHI_LANG, HUU_LUNG};

fn trieu(n: i64) -> Dong {
    Dong::from_trieu(n).unwrap()
}

#[test]
fn sample_groups_keep_spans_and_unknowns() {
    let d = sample::lang_son();
    let groups = group_allocations(&d, &AllocationFilter::default()).unwrap();
    let view: Vec<_> = groups
        .iter()
        .map(|g| (g.area_id, g.kind, g.period.to_string(), g.sum.total()))
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
    assert!(groups[2].sum.is_wholly_unknown());
    let totals = totals_by_kind(&groups).unwrap();
    assert_eq!(totals[0].kind, AllocationKind::Allocated);
    let allocated = totals[0].sum.as_ref().unwrap();
    assert_eq!(allocated.total(), Some(trieu(1911)));
    assert_eq!(totals[1].kind, AllocationKind::CarriedOver);
    let carried = totals[1].sum.as_ref().unwrap();
    assert_eq!(carried.total(), None);
    assert!(carried.is_wholly_unknown());
    assert!(
        period_overlaps(&groups).is_empty(),
        "the sample has no overlap"
    );
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
    });
    d
}

#[test]
fn overlapping_periods_are_flagged_and_never_added() {
    let d = with_an_overlap();
    let groups = group_allocations(&d, &AllocationFilter::default()).unwrap();
    let overlaps = period_overlaps(&groups);
    assert_eq!(overlaps.len(), 1);
    let o = &overlaps[0];
    assert_eq!((o.area_id, o.kind), (CHI_LANG, AllocationKind::Allocated));
    assert_eq!(
        (o.first.to_string(), o.second.to_string()),
        ("2022–2023".to_string(), "2023".to_string())
    );
    assert_eq!(o.allocation_ids.len(), 2);
    let totals = totals_by_kind(&groups).unwrap();
    assert_eq!(totals[0].kind, AllocationKind::Allocated);
    assert_eq!(totals[0].sum, None, "1.911 + 500 would count 2023 twice");
    assert_eq!(totals[0].overlaps, overlaps);
    // Other kinds are still added.
    assert!(totals[1].sum.is_some());
    assert_eq!(
        overlap_warning(&d, o, crate::i18n::Lang::Vi),
        "huyện Chi Lăng, Dự án 7, vốn phân bổ: số liệu kỳ 2022–2023 và kỳ 2023 chồng lấn nhau — cộng lại sẽ tính trùng; hãy kiểm tra nguồn và sửa một trong hai"
    );
    // Disjoint periods of the same area are no overlap; nor is the same period twice
    // (that is one group, summed).
    let groups = group_allocations(&sample::lang_son(), &AllocationFilter::default()).unwrap();
    assert!(period_overlaps(&groups).is_empty());
}

#[test]
fn year_filter_keeps_a_span_whole() {
    let d = sample::lang_son();
    let f = AllocationFilter {
        years: Some((2023, 2023)),
        kinds: Some([AllocationKind::Allocated].into()),
        ..Default::default()
    };
    let groups = group_allocations(&d, &f).unwrap();
    let totals = totals_by_kind(&groups).unwrap();
    // 494 for Hữu Lũng 2023 plus Chi Lăng's whole 2022–2023 total; never a made-up half.
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[1].period.to_string(), "2022–2023");
    assert_eq!(
        totals[0].sum.as_ref().and_then(AmountSum::total),
        Some(trieu(494 + 949))
    );
    let f2022 = AllocationFilter {
        years: Some((2021, 2021)),
        ..Default::default()
    };
    assert!(group_allocations(&d, &f2022).unwrap().is_empty());
}

#[test]
fn records_of_the_same_group_are_summed_and_listed() {
    let mut d = sample::lang_son();
    let mut extra = d.allocations[0].clone();
    extra.id = AllocationId(10);
    extra.amount_dong = Amount::Known(Dong::new(1).unwrap());
    d.allocations.push(extra);
    let mut unknown = d.allocations[0].clone();
    unknown.id = AllocationId(11);
    unknown.amount_dong = Amount::Unknown;
    d.allocations.push(unknown);
    let groups = group_allocations(&d, &AllocationFilter::default()).unwrap();
    let g = &groups[0];
    assert_eq!(
        g.allocation_ids,
        vec![AllocationId(1), AllocationId(10), AllocationId(11)]
    );
    assert_eq!(g.sum.known, Dong::new(468_000_001).unwrap());
    assert!(g.sum.is_partly_unknown());
    assert_eq!(g.sum.total(), None);
}

#[test]
fn filters_by_area_level_and_project() {
    let d = sample::lang_son();
    let province = AllocationFilter {
        area_level: Some(AreaLevel::Province),
        ..Default::default()
    };
    assert!(group_allocations(&d, &province).unwrap().is_empty());
    let other_project = AllocationFilter {
        project_ids: Some([ProjectId(1)].into()),
        ..Default::default()
    };
    assert!(group_allocations(&d, &other_project).unwrap().is_empty());
    let rows = summary_rows(
        &d,
        &group_allocations(&d, &AllocationFilter::default()).unwrap(),
    );
    assert_eq!(rows[0].area, "Hữu Lũng");
    assert_eq!(rows[0].area_kind, Some(AreaKind::Huyen));
    assert_eq!(rows[0].project, "Dự án 7");
}
