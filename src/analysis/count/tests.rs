//! Tests of the counting rules, on the Lạng Sơn sample and the three ways it once gave wrong
//! totals: a district added to its own communes, a re-reported figure counted twice, and other
//! money in a round's report.

use super::*;
use crate::analysis::AllocationFilter;
use crate::sample::{self, CHI_LANG, DU_AN_7, HUU_LUNG, LANG_SON};

fn trieu(n: i64) -> Dong {
    Dong::from_trieu(n).unwrap()
}

fn add(
    d: &mut Dossier,
    area: AreaId,
    year: (i32, i32),
    kind: AllocationKind,
    amount: Amount,
) -> AllocationId {
    let id = AllocationId(d.next_id(Table::Allocations));
    d.allocations.push(Allocation {
        id,
        area_id: area,
        project_id: DU_AN_7,
        period: Period::new(year.0, year.1).unwrap(),
        kind,
        funding_source_id: None,
        amount_dong: amount,
        note: String::new(),
        source_doc: String::new(),
        round_id: None,
        covers: Covers::Total,
    });
    id
}

fn area(d: &mut Dossier, name: &str, kind: AreaKind, parent: AreaId) -> AreaId {
    let id = AreaId(d.next_id(Table::Areas));
    d.areas.push(Area {
        id,
        name: name.into(),
        kind,
        parent_id: Some(parent),
        valid_from: None,
        valid_to: None,
    });
    id
}

fn known(n: i64) -> Amount {
    Amount::Known(trieu(n))
}

fn total(
    c: &Counter,
    areas: Option<&[AreaId]>,
    kind: AllocationKind,
    periods: Option<&[Period]>,
) -> Option<Option<Dong>> {
    c.tally(&Query {
        areas,
        projects: None,
        kind,
        periods,
    })
    .unwrap()
    .total
    .map(|s| s.total())
}

fn y(n: i32) -> Period {
    Period::year(n).unwrap()
}

/// The sample after importing Hữu Lũng's commune-level report: the district office's own part
/// and two communes, beside the district's 468 for 2022.
fn with_communes() -> Dossier {
    let mut d = sample::lang_son();
    let minh_son = area(&mut d, "Minh Sơn", AreaKind::Xa, HUU_LUNG);
    let thi_tran = area(&mut d, "Hữu Lũng", AreaKind::ThiTran, HUU_LUNG);
    let office = add(
        &mut d,
        HUU_LUNG,
        (2022, 2022),
        AllocationKind::Allocated,
        known(100),
    );
    d.allocations.last_mut().unwrap().covers = Covers::Own;
    add(
        &mut d,
        HUU_LUNG,
        (2022, 2022),
        AllocationKind::Disbursed,
        known(90),
    );
    d.allocations.last_mut().unwrap().covers = Covers::Own;
    add(
        &mut d,
        minh_son,
        (2022, 2022),
        AllocationKind::Allocated,
        known(50),
    );
    add(
        &mut d,
        thi_tran,
        (2022, 2022),
        AllocationKind::Allocated,
        known(30),
    );
    add(
        &mut d,
        minh_son,
        (2022, 2022),
        AllocationKind::Disbursed,
        Amount::Known(Dong::new(45_500_000).unwrap()),
    );
    add(
        &mut d,
        thi_tran,
        (2022, 2022),
        AllocationKind::Disbursed,
        known(30),
    );
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    let _ = office;
    d
}

#[test]
fn the_sample_adds_up_to_what_its_source_gives() {
    let d = sample::lang_son();
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    assert_eq!(
        total(&c, None, AllocationKind::Allocated, None),
        Some(Some(trieu(1911)))
    );
    // The carried-over amount the source did not give stays unknown.
    let carried = c
        .tally(&Query {
            kind: AllocationKind::CarriedOver,
            ..Default::default()
        })
        .unwrap();
    assert!(carried.total.unwrap().is_wholly_unknown());
    assert_eq!(c.shown_areas(None), vec![HUU_LUNG, CHI_LANG]);
}

#[test]
fn a_district_is_never_added_to_its_own_communes() {
    let d = with_communes();
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    // The district's 468 is its total as reported; the office's 100 and the communes' 80 are
    // parts of it, shown beside with the difference, never added.
    let hl = c
        .count(&Query {
            areas: Some(&[HUU_LUNG]),
            kind: AllocationKind::Allocated,
            periods: Some(&[y(2022)]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hl.total.unwrap().total(), Some(trieu(468)));
    assert_eq!(hl.wholes.len(), 1);
    let w = &hl.wholes[0];
    assert_eq!(w.parts.len(), 3, "the office's own part and two communes");
    assert_eq!(w.parts_sum.unwrap().total(), Some(trieu(180)));
    assert_eq!(w.difference(), Some(288_000_000));
    // Every year of the province: still 468 + 494 + 949.
    assert_eq!(
        total(&c, None, AllocationKind::Allocated, None),
        Some(Some(trieu(1911)))
    );
    // With no district total, its own part and its communes' add up: 90 + 45,5 + 30.
    assert_eq!(
        total(
            &c,
            Some(&[HUU_LUNG]),
            AllocationKind::Disbursed,
            Some(&[y(2022)])
        ),
        Some(Some(Dong::new(165_500_000).unwrap()))
    );
    // A commune on its own is its own figure; its district's total includes it.
    let minh_son = d.areas.iter().find(|a| a.name == "Minh Sơn").unwrap().id;
    assert_eq!(
        total(
            &c,
            Some(&[minh_son]),
            AllocationKind::Allocated,
            Some(&[y(2022)])
        ),
        Some(Some(trieu(50)))
    );
    // The district and its commune chosen together: the district's total, once.
    assert_eq!(
        total(
            &c,
            Some(&[HUU_LUNG, minh_son]),
            AllocationKind::Allocated,
            Some(&[y(2022)])
        ),
        Some(Some(trieu(468)))
    );
    let row = RowKey {
        area: minh_son,
        project: DU_AN_7,
        kind: AllocationKind::Allocated,
        period: y(2022),
    };
    assert_eq!(c.part_of(&row), Some((HUU_LUNG, DU_AN_7)));
}

#[test]
fn a_figure_reported_again_at_a_later_round_replaces_the_first_whatever_its_source() {
    let mut d = sample::lang_son();
    d.rounds.push(Round {
        id: RoundId(2),
        start_date: chrono::NaiveDate::from_ymd_opt(2024, 6, 1),
        end_date: None,
        ..d.rounds[0].clone()
    });
    // Round 1 named the state budget as the source of the 468; round 2 names none.
    let again = add(
        &mut d,
        HUU_LUNG,
        (2022, 2022),
        AllocationKind::Allocated,
        known(470),
    );
    d.allocations.last_mut().unwrap().round_id = Some(RoundId(2));
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    let count = c
        .count(&Query {
            areas: Some(&[HUU_LUNG]),
            kind: AllocationKind::Allocated,
            periods: Some(&[y(2022)]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(count.total.unwrap().total(), Some(trieu(470)));
    assert_eq!(count.counted[0].ids, vec![again]);
    assert_eq!(count.replaced.len(), 1);
    assert_eq!(count.replaced[0].id, AllocationId(1));
    assert_eq!(count.replaced[0].by, Some(RoundId(2)));
    assert_eq!(
        total(&c, None, AllocationKind::Allocated, None),
        Some(Some(trieu(1913)))
    );
    // As round 1 stood, its own figure still.
    let at_1 = Counter::new(
        &d,
        &AllocationFilter {
            round: RoundView::AsOf(RoundId(1)),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        total(&at_1, None, AllocationKind::Allocated, None),
        Some(Some(trieu(1911)))
    );
}

#[test]
fn a_rounds_documents_count_only_what_it_supervised() {
    let mut d = sample::lang_son();
    // A district round 1 did not supervise, and another project in Hữu Lũng: neither tagged.
    let bac_son = area(&mut d, "Bắc Sơn", AreaKind::Huyen, LANG_SON);
    add(
        &mut d,
        bac_son,
        (2022, 2022),
        AllocationKind::Allocated,
        known(3000),
    );
    add(
        &mut d,
        HUU_LUNG,
        (2022, 2022),
        AllocationKind::Allocated,
        known(3332),
    );
    d.allocations.last_mut().unwrap().project_id = ProjectId(1);
    let all = Counter::new(&d, &AllocationFilter::default()).unwrap();
    assert_eq!(
        total(&all, None, AllocationKind::Allocated, None),
        Some(Some(trieu(8243)))
    );
    let round = Counter::new(
        &d,
        &AllocationFilter {
            round: RoundView::AsOf(RoundId(1)),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        total(&round, None, AllocationKind::Allocated, None),
        Some(Some(trieu(1911)))
    );
    assert_eq!(round.shown_areas(None), vec![HUU_LUNG, CHI_LANG]);
}

#[test]
fn parts_larger_than_their_total_or_reported_later_withhold_it() {
    let mut d = with_communes();
    let minh_son = d.areas.iter().find(|a| a.name == "Minh Sơn").unwrap().id;
    add(
        &mut d,
        minh_son,
        (2023, 2023),
        AllocationKind::Allocated,
        known(600),
    );
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    let count = c
        .count(&Query {
            areas: Some(&[HUU_LUNG]),
            kind: AllocationKind::Allocated,
            periods: Some(&[y(2023)]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(count.total, None, "600 under a total of 494");
    assert!(matches!(count.withheld[0], Withheld::PartsLarger { .. }));
    let text = withheld_text(
        &d,
        &count.withheld[0],
        MoneyUnit::Trieu,
        crate::i18n::Lang::Vi,
    );
    assert!(
        text.contains("600 triệu đồng") && text.contains("494 triệu đồng"),
        "{text}"
    );
    // The province's total is withheld with it.
    assert_eq!(total(&c, None, AllocationKind::Allocated, None), None);

    // Communes reported at a later round than their district's total: it may be out of date.
    let mut d = with_communes();
    d.rounds.push(Round {
        id: RoundId(2),
        start_date: chrono::NaiveDate::from_ymd_opt(2024, 6, 1),
        end_date: None,
        ..d.rounds[0].clone()
    });
    for a in d
        .allocations
        .iter_mut()
        .filter(|a| a.area_id != HUU_LUNG && a.area_id != CHI_LANG)
    {
        a.round_id = Some(RoundId(2));
    }
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    let t = c
        .tally(&Query {
            areas: Some(&[HUU_LUNG]),
            kind: AllocationKind::Allocated,
            periods: Some(&[y(2022)]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(t.total, None);
    assert_eq!(t.withheld, Some(WithheldWhy::PartsLater));
}

#[test]
fn overlapping_periods_are_never_added_but_other_areas_spans_are() {
    let mut d = sample::lang_son();
    // Chi Lăng's 2022–2023 total beside a 2023 figure of its own.
    add(
        &mut d,
        CHI_LANG,
        (2023, 2023),
        AllocationKind::Allocated,
        known(500),
    );
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    let count = c
        .count(&Query {
            kind: AllocationKind::Allocated,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(count.total, None);
    assert!(matches!(count.withheld[0], Withheld::PeriodsOverlap(..)));
    // One period at a time is fine, and Hữu Lũng's years beside Chi Lăng's span are too.
    assert_eq!(
        total(&c, Some(&[HUU_LUNG]), AllocationKind::Allocated, None),
        Some(Some(trieu(962)))
    );
    assert_eq!(
        total(&c, None, AllocationKind::Allocated, Some(&[y(2023)])),
        Some(Some(trieu(994)))
    );
    // A commune's 2022 inside its district's 2022–2023 total is the same money twice too.
    let mut d = sample::lang_son();
    let xa = area(&mut d, "Quang Lang", AreaKind::Xa, CHI_LANG);
    add(
        &mut d,
        xa,
        (2022, 2022),
        AllocationKind::Allocated,
        known(40),
    );
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    assert_eq!(
        total(&c, Some(&[CHI_LANG]), AllocationKind::Allocated, None),
        None
    );
    assert_eq!(
        total(&c, Some(&[HUU_LUNG]), AllocationKind::Allocated, None),
        Some(Some(trieu(962)))
    );
}

#[test]
fn a_project_includes_its_sub_projects_and_mixed_levels_are_withheld() {
    let mut d = with_communes();
    let sub = ProjectId(d.next_id(Table::Projects));
    d.projects.push(Project {
        id: sub,
        program_id: d.projects[0].program_id,
        parent_id: Some(DU_AN_7),
        code: "7.1".into(),
        name: "Tiểu dự án".into(),
    });
    // Chi Lăng gives its sub-project's share of the 949: a part, not more money.
    add(
        &mut d,
        CHI_LANG,
        (2022, 2023),
        AllocationKind::Allocated,
        known(200),
    );
    d.allocations.last_mut().unwrap().project_id = sub;
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    assert_eq!(
        total(&c, None, AllocationKind::Allocated, None),
        Some(Some(trieu(1911)))
    );
    assert_eq!(c.projects(None), vec![DU_AN_7]);
    let only_sub = c
        .tally(&Query {
            projects: Some(&[sub]),
            kind: AllocationKind::Allocated,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(only_sub.total.unwrap().total(), Some(trieu(200)));
    // Hữu Lũng's office gives a sub-project figure of its own beside its communes' project
    // figures, with no district total for 2024: neither includes the other.
    let minh_son = d.areas.iter().find(|a| a.name == "Minh Sơn").unwrap().id;
    add(
        &mut d,
        minh_son,
        (2024, 2024),
        AllocationKind::Allocated,
        known(10),
    );
    add(
        &mut d,
        HUU_LUNG,
        (2024, 2024),
        AllocationKind::Allocated,
        known(20),
    );
    d.allocations.last_mut().unwrap().project_id = sub;
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    let t = c
        .tally(&Query {
            areas: Some(&[HUU_LUNG]),
            kind: AllocationKind::Allocated,
            periods: Some(&[y(2024)]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(t.withheld, Some(WithheldWhy::LevelsOverlap));
}

#[test]
fn an_unknown_total_stays_unknown_beside_known_parts() {
    let mut d = sample::lang_son();
    let xa = area(&mut d, "Minh Sơn", AreaKind::Xa, HUU_LUNG);
    // Hữu Lũng's carried-over amount is unknown; a commune gives 10 of it.
    add(
        &mut d,
        xa,
        (2023, 2023),
        AllocationKind::CarriedOver,
        known(10),
    );
    let c = Counter::new(&d, &AllocationFilter::default()).unwrap();
    let t = c
        .tally(&Query {
            areas: Some(&[HUU_LUNG]),
            kind: AllocationKind::CarriedOver,
            ..Default::default()
        })
        .unwrap();
    assert!(t.total.unwrap().is_wholly_unknown());
    assert_eq!(t.beside().len(), 1);
    assert_eq!(t.beside()[0].parts.unwrap().total(), Some(trieu(10)));
}

#[test]
fn a_former_commune_shown_as_todays_is_counted_once_beside_its_former_district() {
    let mut d = sample::lang_son();
    let old = area(&mut d, "Minh Sơn", AreaKind::Xa, HUU_LUNG);
    let new = area(&mut d, "Hữu Lũng", AreaKind::Xa, LANG_SON);
    d.successions.push(Succession {
        id: SuccessionId(1),
        from_area_id: old,
        to_area_id: new,
        date: chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        act: String::new(),
    });
    add(
        &mut d,
        old,
        (2022, 2022),
        AllocationKind::Allocated,
        known(50),
    );
    let c = Counter::new(
        &d,
        &AllocationFilter {
            basis: crate::analysis::AreaBasis::Today,
            ..Default::default()
        },
    )
    .unwrap();
    // The former commune is shown as today's commune, and is still a part of its former
    // district's 468: the province's 2022 is 468, not 518.
    assert_eq!(
        total(
            &c,
            Some(&[new]),
            AllocationKind::Allocated,
            Some(&[y(2022)])
        ),
        Some(Some(trieu(50)))
    );
    assert_eq!(
        total(&c, None, AllocationKind::Allocated, Some(&[y(2022)])),
        Some(Some(trieu(468)))
    );
    assert_eq!(
        total(
            &c,
            Some(&[HUU_LUNG, new]),
            AllocationKind::Allocated,
            Some(&[y(2022)])
        ),
        Some(Some(trieu(468)))
    );
}

#[test]
fn old_data_marks_the_office_rows_of_imported_reports_as_own_parts() {
    use crate::model::figures::{OldFigure, own_parts_in_old_data};
    let fig =
        |id: i64, area: AreaId, project: ProjectId, source: &'static str, trieu: i64| OldFigure {
            id: AllocationId(id),
            area,
            project,
            source,
            column: (2022, 2022, "allocated"),
            amount: Some(trieu * 1_000_000),
            round: None,
        };
    let areas = [
        (HUU_LUNG, Some(LANG_SON)),
        (AreaId(9), Some(HUU_LUNG)),
        (AreaId(10), Some(HUU_LUNG)),
    ];
    const OFFICE: &str = "Báo cáo HL.xlsx, trang tính “Biểu 01”, dòng 10";
    const COMMUNE: &str = "Báo cáo HL.xlsx, trang tính “Biểu 01”, dòng 12";
    const COMMUNE_2: &str = "Báo cáo HL.xlsx, trang tính “Biểu 01”, dòng 13";
    let figures = [
        fig(1, HUU_LUNG, DU_AN_7, OFFICE, 100),
        fig(2, AreaId(9), DU_AN_7, COMMUNE, 50),
        fig(3, HUU_LUNG, DU_AN_7, "Báo cáo của UBND huyện Hữu Lũng", 468),
        // The same report's row for another project, with no commune of it: a total.
        fig(4, HUU_LUNG, ProjectId(1), OFFICE, 7),
    ];
    assert_eq!(own_parts_in_old_data(areas, figures), vec![AllocationId(1)]);
    // The district's own row that is the sum of its communes' rows is their total: a report
    // listing "huyện Hữu Lũng" above its communes, imported with no parent chosen.
    let figures = [
        fig(1, HUU_LUNG, DU_AN_7, OFFICE, 80),
        fig(2, AreaId(9), DU_AN_7, COMMUNE, 50),
        fig(5, AreaId(10), DU_AN_7, COMMUNE_2, 30),
    ];
    assert!(own_parts_in_old_data(areas, figures).is_empty());
    // …but not when a commune's figure is unknown: nothing says it adds them up.
    let mut unknown = figures;
    unknown[2].amount = None;
    assert_eq!(own_parts_in_old_data(areas, unknown), vec![AllocationId(1)]);
    // The same report imported at two rounds is two reports: each round's district row is the
    // sum of that round's communes, not of both rounds'.
    let mut twice: Vec<OldFigure> = figures.to_vec();
    twice.extend(figures.iter().map(|f| OldFigure {
        id: AllocationId(f.id.0 + 100),
        round: Some(RoundId(2)),
        ..*f
    }));
    assert!(own_parts_in_old_data(areas, twice).is_empty());
    // A province's total row above its districts and their communes adds up the districts
    // (directly under it), not the communes too.
    const PROVINCE: &str = "Tỉnh.xlsx, trang tính “Biểu 01”, dòng 9";
    const DISTRICT: &str = "Tỉnh.xlsx, trang tính “Biểu 01”, dòng 10";
    const COMMUNE_3: &str = "Tỉnh.xlsx, trang tính “Biểu 01”, dòng 11";
    let figures = [
        fig(1, LANG_SON, DU_AN_7, PROVINCE, 80),
        fig(2, HUU_LUNG, DU_AN_7, DISTRICT, 80),
        fig(3, AreaId(9), DU_AN_7, COMMUNE_3, 80),
    ];
    assert!(own_parts_in_old_data(areas, figures).is_empty());
    // A province's sheet with two districts and one's commune, imported with no parent: the
    // district's row is its total, not an office's.
    let areas = [
        (HUU_LUNG, Some(LANG_SON)),
        (CHI_LANG, Some(LANG_SON)),
        (AreaId(9), Some(HUU_LUNG)),
    ];
    let figures = [
        fig(
            1,
            HUU_LUNG,
            DU_AN_7,
            "Tỉnh.xlsx, trang tính “Tổng hợp”, dòng 10",
            100,
        ),
        fig(
            2,
            CHI_LANG,
            DU_AN_7,
            "Tỉnh.xlsx, trang tính “Tổng hợp”, dòng 11",
            100,
        ),
        fig(
            3,
            AreaId(9),
            DU_AN_7,
            "Tỉnh.xlsx, trang tính “Tổng hợp”, dòng 12",
            50,
        ),
    ];
    assert!(own_parts_in_old_data(areas, figures).is_empty());
}
