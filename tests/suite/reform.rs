//! Areas through the 2025 reform: where former units went, and figures shown by the units of
//! the time, by today's units or grouped under the former district — never split.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use giamsat::analysis::{AllocationFilter, AreaBasis, area_labels, area_regrouping, summary};
use giamsat::charts::{self, ChartKind, ChartSpec};
use giamsat::i18n::Lang;
use giamsat::model::*;
use giamsat::sample::{self, CHI_LANG, DU_AN_7, HUU_LUNG, LANG_SON};
use giamsat::store::ProjectFile;

const XA_HUU_LUNG: AreaId = AreaId(10);
const XA_YEN_BINH: AreaId = AreaId(11);
const XA_CHI_LANG: AreaId = AreaId(12);
/// Drawn from both former districts.
const XA_QUAN_SON: AreaId = AreaId(13);
/// A township merged whole into xã Yên Bình.
const TT_CU: AreaId = AreaId(14);

fn reform_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
}

/// The Lạng Sơn sample with four communes from 2025 reporting 2026 figures.
fn reformed() -> Dossier {
    let mut d = sample::lang_son();
    for (id, name, kind, parent) in [
        (XA_HUU_LUNG, "Hữu Lũng", AreaKind::Xa, LANG_SON),
        (XA_YEN_BINH, "Yên Bình", AreaKind::Xa, LANG_SON),
        (XA_CHI_LANG, "Chi Lăng", AreaKind::Xa, LANG_SON),
        (XA_QUAN_SON, "Quan Sơn", AreaKind::Xa, LANG_SON),
        (TT_CU, "Thị trấn cũ", AreaKind::ThiTran, HUU_LUNG),
    ] {
        d.areas.push(Area {
            id,
            name: name.into(),
            kind,
            parent_id: Some(parent),
            valid_from: (kind == AreaKind::Xa).then_some(2025),
            valid_to: (kind != AreaKind::Xa).then_some(2025),
        });
    }
    for (i, (from, to)) in [
        (HUU_LUNG, XA_HUU_LUNG),
        (HUU_LUNG, XA_YEN_BINH),
        (HUU_LUNG, XA_QUAN_SON),
        (CHI_LANG, XA_CHI_LANG),
        (CHI_LANG, XA_QUAN_SON),
        (TT_CU, XA_YEN_BINH),
    ]
    .into_iter()
    .enumerate()
    {
        d.successions.push(Succession {
            id: SuccessionId(i as i64 + 1),
            from_area_id: from,
            to_area_id: to,
            date: reform_day(),
            act: "Nghị quyết số 1672/NQ-UBTVQH15".into(),
        });
    }
    let next = d.next_id(Table::Allocations);
    for (i, (area, trieu)) in [
        (XA_HUU_LUNG, Some(100)),
        (XA_YEN_BINH, Some(50)),
        (XA_CHI_LANG, Some(70)),
        (XA_QUAN_SON, None),
        (TT_CU, Some(9)),
    ]
    .into_iter()
    .enumerate()
    {
        d.allocations.push(Allocation {
            id: AllocationId(next + i as i64),
            area_id: area,
            project_id: DU_AN_7,
            period: if area == TT_CU {
                Period::new(2024, 2024).unwrap()
            } else {
                Period::new(2026, 2026).unwrap()
            },
            kind: AllocationKind::Allocated,
            funding_source_id: None,
            amount_dong: trieu.map_or(Amount::Unknown, |t| {
                Amount::Known(Dong::from_trieu(t).unwrap())
            }),
            note: String::new(),
            source_doc: "Báo cáo 2026".into(),
            round_id: None,
            covers: Covers::Total,
        });
    }
    assert_eq!(d.validate(), vec![]);
    d
}

/// (shown area, year) → (known sum in triệu, whether a part is unknown), allocated money.
fn sums(d: &Dossier, basis: AreaBasis) -> Vec<(AreaId, i32, i64, bool)> {
    let filter = AllocationFilter {
        kinds: Some([AllocationKind::Allocated].into()),
        basis,
        ..Default::default()
    };
    let mut out: Vec<(AreaId, i32, i64, bool)> = Vec::new();
    for g in summary(d, &filter).unwrap().rows {
        let y = g.key.period.from_year();
        let sum = g.tally.total.unwrap();
        let known = sum.known.get() / 1_000_000;
        let unknown = sum.is_partly_unknown() || sum.is_wholly_unknown();
        match out.iter_mut().find(|x| x.0 == g.key.area && x.1 == y) {
            Some(x) => {
                x.2 += known;
                x.3 |= unknown;
            }
            None => out.push((g.key.area, y, known, unknown)),
        }
    }
    out.retain(|x| x.1 >= 2024);
    out.sort();
    out
}

#[test]
fn as_reported_keeps_every_figure_under_its_own_unit() {
    let d = reformed();
    assert_eq!(
        sums(&d, AreaBasis::AsReported),
        vec![
            (XA_HUU_LUNG, 2026, 100, false),
            (XA_YEN_BINH, 2026, 50, false),
            (XA_CHI_LANG, 2026, 70, false),
            (XA_QUAN_SON, 2026, 0, true),
            (TT_CU, 2024, 9, false),
        ]
    );
}

#[test]
fn grouped_by_former_district_joins_communes_of_one_district_only() {
    let d = reformed();
    // xã Hữu Lũng + xã Yên Bình under huyện Hữu Lũng; xã Chi Lăng under huyện Chi Lăng; xã
    // Quan Sơn came from both and stays its own (unknown stays unknown). The township, a unit
    // of huyện Hữu Lũng that replaced nothing, reported beside its district (whose report may
    // include it): it stays its own rather than risk counting it twice.
    assert_eq!(
        sums(&d, AreaBasis::FormerDistrict),
        vec![
            (HUU_LUNG, 2026, 150, false),
            (CHI_LANG, 2026, 70, false),
            (XA_QUAN_SON, 2026, 0, true),
            (TT_CU, 2024, 9, false),
        ]
    );
    // The records behind a grouped bar are still the communes' own.
    let filter = AllocationFilter {
        basis: AreaBasis::FormerDistrict,
        ..Default::default()
    };
    let g = summary(&d, &filter)
        .unwrap()
        .rows
        .into_iter()
        .find(|g| g.key.area == HUU_LUNG && g.key.period.from_year() == 2026)
        .unwrap();
    let areas: Vec<AreaId> = g
        .tally
        .ids
        .iter()
        .map(|id| d.allocations.iter().find(|a| a.id == *id).unwrap().area_id)
        .collect();
    assert_eq!(areas, vec![XA_HUU_LUNG, XA_YEN_BINH]);
}

#[test]
fn by_todays_units_moves_only_units_that_went_whole_to_one() {
    let d = reformed();
    let map = area_regrouping(&d, AreaBasis::Today);
    // The township went wholly to xã Yên Bình; the districts were split and stay their own.
    assert_eq!(map.get(&TT_CU), Some(&XA_YEN_BINH));
    assert_eq!(map.get(&HUU_LUNG), None);
    assert_eq!(map.get(&CHI_LANG), None);
    assert_eq!(
        sums(&d, AreaBasis::Today),
        vec![
            (XA_HUU_LUNG, 2026, 100, false),
            (XA_YEN_BINH, 2024, 9, false),
            (XA_YEN_BINH, 2026, 50, false),
            (XA_CHI_LANG, 2026, 70, false),
            (XA_QUAN_SON, 2026, 0, true),
        ]
    );
    // The former districts' own years are untouched in every view.
    for basis in AreaBasis::ALL {
        let total: i64 = summary(
            &d,
            &AllocationFilter {
                basis,
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .iter()
        .map(|g| g.tally.total.unwrap().known.get())
        .sum();
        let all: i64 = d
            .allocations
            .iter()
            .filter_map(|a| a.amount_dong.known())
            .map(|x| x.get())
            .sum();
        assert_eq!(total, all, "{basis:?} keeps every đồng once");
    }
}

#[test]
fn the_province_keeps_every_regrouped_unit_in_every_view() {
    use giamsat::analysis::count::{Counter, Query};
    let d = reformed();
    for basis in AreaBasis::ALL {
        let filter = AllocationFilter {
            basis,
            ..Default::default()
        };
        let counter = Counter::new(&d, &filter).unwrap();
        for year in [2024, 2026] {
            let periods = [Period::year(year).unwrap()];
            let total = |areas: Option<&[AreaId]>| {
                counter
                    .tally(&Query {
                        areas,
                        projects: None,
                        kind: AllocationKind::Allocated,
                        periods: Some(&periods),
                    })
                    .unwrap()
                    .total
                    .map(|s| s.known.get() / 1_000_000)
            };
            // The township's 9 million of 2024, shown as xã Yên Bình today, is the province's
            // too: asked for the province, or for the view as a whole.
            let expected = if year == 2024 { 9 } else { 220 };
            assert_eq!(total(None), Some(expected), "{basis:?} {year}");
            assert_eq!(total(Some(&[LANG_SON])), Some(expected), "{basis:?} {year}");
        }
        // A chart of the province level shows the same.
        let level = Counter::new(
            &d,
            &AllocationFilter {
                basis,
                area_level: Some(AreaLevel::Province),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            level.shown_areas(Some(AllocationKind::Allocated)),
            vec![LANG_SON],
            "{basis:?}"
        );
        let periods = [Period::year(2024).unwrap()];
        let province_2024 = level
            .tally(&Query {
                areas: Some(&[LANG_SON]),
                projects: None,
                kind: AllocationKind::Allocated,
                periods: Some(&periods),
            })
            .unwrap()
            .total
            .map(|s| s.known.get() / 1_000_000);
        assert_eq!(province_2024, Some(9), "{basis:?}");
    }
}

#[test]
fn a_unit_shown_under_another_district_counts_there_whether_chosen_or_not() {
    use giamsat::analysis::count::{Counter, Query};
    // xã Yên Bình placed under huyện Chi Lăng: the township of huyện Hữu Lũng that went
    // wholly into it is Chi Lăng's by today's units — asked for Chi Lăng in the whole view, with
    // Chi Lăng chosen, or on a chart of districts.
    let mut d = reformed();
    d.areas
        .iter_mut()
        .find(|a| a.id == XA_YEN_BINH)
        .unwrap()
        .parent_id = Some(CHI_LANG);
    let periods = [Period::year(2024).unwrap()];
    let query = Query {
        areas: Some(&[CHI_LANG]),
        projects: None,
        kind: AllocationKind::Allocated,
        periods: Some(&periods),
    };
    let total = |filter: AllocationFilter| {
        let c = Counter::new(&d, &filter).unwrap();
        let sum = c
            .tally(&query)
            .unwrap()
            .total
            .map(|s| s.known.get() / 1_000_000);
        (sum, c.shown_areas(Some(AllocationKind::Allocated)))
    };
    let today = AllocationFilter {
        basis: AreaBasis::Today,
        ..Default::default()
    };
    assert_eq!(total(today.clone()).0, Some(9));
    let (chosen, shown) = total(AllocationFilter {
        area_ids: Some([CHI_LANG].into()),
        ..today.clone()
    });
    assert_eq!(chosen, Some(9));
    assert_eq!(shown, vec![CHI_LANG]);
    let (level, shown) = total(AllocationFilter {
        area_level: Some(AreaLevel::District),
        ..today
    });
    assert_eq!(level, Some(9));
    assert!(shown.contains(&CHI_LANG), "{shown:?}");
}

#[test]
fn labels_tell_a_former_district_from_the_commune_of_the_same_name() {
    let d = reformed();
    let vi = area_labels(&d, Lang::Vi);
    assert_eq!(vi[&HUU_LUNG], "huyện Hữu Lũng (cũ)");
    assert_eq!(vi[&XA_HUU_LUNG], "xã Hữu Lũng");
    assert_eq!(vi[&XA_QUAN_SON], "Quan Sơn");
    let en = area_labels(&d, Lang::En);
    assert_eq!(en[&HUU_LUNG], "Hữu Lũng (district) (former)");
}

#[test]
fn the_totals_chart_marks_the_reform_on_its_time_axis() {
    let d = reformed();
    let spec = ChartSpec {
        kind: ChartKind::Totals,
        ..Default::default()
    };
    let chart = charts::build(&d, &spec, Lang::Vi).unwrap();
    assert_eq!(chart.markers.len(), 1);
    assert_eq!(chart.markers[0].x, 2025.5);
    assert!(chart.markers[0].label.contains("01/07/2025"));
    let svg = charts::svg::render(&chart, Lang::Vi);
    assert!(svg.contains("01/07/2025"));
    // Before the reform's years are shown, nothing is marked.
    let mut early = d.clone();
    early.allocations.retain(|a| a.period.to_year() <= 2024);
    let chart = charts::build(&early, &spec, Lang::Vi).unwrap();
    assert!(chart.markers.is_empty());
}

fn problems(d: &Dossier) -> Vec<String> {
    d.validate().into_iter().map(|p| p.to_string()).collect()
}

#[test]
fn succession_lines_that_make_no_sense_are_refused_with_where() {
    let base = reformed();
    let mut d = base.clone();
    d.successions[0].to_area_id = d.successions[0].from_area_id;
    assert_eq!(
        problems(&d),
        vec!["successions[0].to_area_id: đơn vị không thể kế thừa chính nó"]
    );
    let mut d = base.clone();
    let mut dup = d.successions[1].clone();
    dup.id = SuccessionId(99);
    d.successions.push(dup);
    assert_eq!(
        problems(&d),
        vec!["successions[6].to_area_id: cặp đơn vị cũ → mới này đã được ghi"]
    );
    let mut d = base.clone();
    d.successions.push(Succession {
        id: SuccessionId(99),
        from_area_id: XA_YEN_BINH,
        to_area_id: HUU_LUNG,
        date: reform_day(),
        act: String::new(),
    });
    assert!(
        problems(&d)
            .iter()
            .any(|p| p.ends_with("các dòng kế thừa tạo thành vòng lặp")),
        "{:?}",
        problems(&d)
    );
    let mut d = base;
    d.successions[0].to_area_id = AreaId(999);
    assert_eq!(
        problems(&d),
        vec!["successions[0].to_area_id: không có địa bàn mã 999"]
    );
}

#[test]
fn succession_lines_survive_the_project_file() {
    let d = reformed();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reform.giamsat");
    ProjectFile::create(&path, &d).unwrap();
    let back = ProjectFile::open(&path).unwrap().load().unwrap();
    assert_eq!(back.successions, d.successions);
    assert_eq!(back, d);
}

mod import {
    use super::*;
    use giamsat::import::grid;
    use giamsat::import::successions::plan;

    fn sheet(csv: &str) -> grid::Sheet {
        grid::read_bytes(csv.as_bytes()).unwrap().sheets.remove(0)
    }

    fn ids(d: &Dossier) -> impl FnMut(Table) -> i64 + '_ {
        let mut issued: std::collections::HashMap<Table, i64> = Default::default();
        move |t| {
            let n = issued.entry(t).or_insert_with(|| d.next_id(t));
            *n += 1;
            *n - 1
        }
    }

    #[test]
    fn a_table_of_lines_creates_the_new_units_and_ends_the_old() {
        let d = sample::lang_son();
        let table = "Tên đơn vị cũ,Loại,Tên đơn vị mới,Loại,Ngày,Văn bản\n\
                     Hữu Lũng,huyện,Hữu Lũng,xã,01/7/2025,Nghị quyết số 1672/NQ-UBTVQH15\n\
                     Hữu Lũng,huyện,Yên Bình,xã,01/7/2025,Nghị quyết số 1672/NQ-UBTVQH15\n\
                     huyện Chi Lăng,,xã Chi Lăng,,2025-07-01,Nghị quyết số 1672/NQ-UBTVQH15\n";
        let p = plan(&d, &sheet(table), ids(&d)).unwrap();
        assert_eq!((p.new_areas, p.new_lines, p.already_known), (3, 3, 0));
        let mut after = d.clone();
        for e in &p.edits {
            after.apply_edit(e).unwrap();
        }
        assert_eq!(after.validate(), vec![]);
        let xa = after
            .areas
            .iter()
            .find(|a| a.name == "Hữu Lũng" && a.kind == AreaKind::Xa)
            .unwrap();
        assert_eq!((xa.parent_id, xa.valid_from), (Some(LANG_SON), Some(2025)));
        // The sample's districts already end in 2025: left as they are.
        assert_eq!(after.area(HUU_LUNG).unwrap().valid_to, Some(2025));
        let map = SuccessionMap::new(&after.successions);
        assert_eq!(map.successors(HUU_LUNG).len(), 2);
        assert_eq!(after.successions[0].act, "Nghị quyết số 1672/NQ-UBTVQH15");
        // Importing the same table again adds nothing.
        let again = plan(&after, &sheet(table), ids(&after)).unwrap();
        assert_eq!((again.new_lines, again.already_known), (0, 3));
        assert!(again.edits.is_empty());
    }

    #[test]
    fn every_bad_row_is_named_by_row_and_column_and_nothing_is_planned() {
        let d = sample::lang_son();
        let table = "Tên đơn vị cũ,Loại,Tên đơn vị mới,Loại,Ngày,Văn bản\n\
                     Hữu Lũng,huyện,Hữu Lũng,làng,01/7/2025,NQ\n\
                     Chi Lăng,huyện,Chi Lăng,xã,1/7,NQ\n\
                     ,huyện,Vân Nham,xã,01/7/2025,NQ\n";
        let problems = plan(&d, &sheet(table), ids(&d)).unwrap_err();
        let said: Vec<String> = problems
            .iter()
            .map(|p| p.located("bang.csv", Lang::Vi))
            .collect();
        assert_eq!(
            said,
            vec![
                "bang.csv, dòng 2, cột D: không rõ loại đơn vị “làng” — ghi huyện, thị xã, thành phố, xã, phường, thị trấn, đặc khu hoặc tỉnh",
                "bang.csv, dòng 3, cột E: “1/7” không phải ngày (dd/mm/yyyy)",
                "bang.csv, dòng 4, cột A: thiếu tên đơn vị",
            ]
        );
        assert_eq!(
            problems[1].located("bang.csv", Lang::En),
            "bang.csv, row 3, column E: “1/7” is not a date (dd/mm/yyyy)"
        );
    }

    #[test]
    fn a_name_two_areas_share_is_refused_rather_than_guessed() {
        let mut d = sample::lang_son();
        let mut twin = d.area(HUU_LUNG).unwrap().clone();
        twin.id = AreaId(50);
        twin.parent_id = Some(LANG_SON);
        d.areas.push(twin);
        let table = "Hữu Lũng,huyện,Hữu Lũng,xã,01/07/2025,NQ\n";
        let problems = plan(&d, &sheet(table), ids(&d)).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].row, problems[0].column.as_str()), (1, "A"));
        assert!(problems[0].message.contains("nhiều địa bàn"));
    }

    #[test]
    fn a_title_row_above_the_heading_is_skipped_and_names_keep_their_marks() {
        let mut d = sample::lang_son();
        d.areas.push(Area {
            id: AreaId(20),
            name: "Tân Thành".into(),
            kind: AreaKind::Xa,
            parent_id: Some(LANG_SON),
            valid_from: Some(2025),
            valid_to: None,
        });
        let table = "BẢNG ĐƠN VỊ HÀNH CHÍNH SAU SẮP XẾP,,,,,\n\
                     Tên đơn vị cũ,Loại,Tên đơn vị mới,Loại,Ngày có hiệu lực,Văn bản\n\
                     Hữu Lũng,huyện,Tân Thạnh,xã,01/7/2025,NQ\n\
                     chi lang,huyện,Tân Thành,xã,01/7/2025,NQ\n";
        let p = plan(&d, &sheet(table), ids(&d)).unwrap();
        let mut after = d.clone();
        for e in &p.edits {
            after.apply_edit(e).unwrap();
        }
        let to = |from: AreaId| {
            let x = after
                .successions
                .iter()
                .find(|x| x.from_area_id == from)
                .unwrap();
            after.area(x.to_area_id).unwrap().name.clone()
        };
        // "Tân Thạnh" is a new commune, not the existing "Tân Thành"; "chi lang" typed without
        // marks finds the one district it can only mean.
        assert_eq!(to(HUU_LUNG), "Tân Thạnh");
        assert_eq!(p.new_areas, 1);
        assert_eq!(to(CHI_LANG), "Tân Thành");
        // Without marks, "tan thanh" could be either: refused, not guessed.
        let problems = plan(
            &after,
            &sheet("Chi Lăng,huyện,tan thanh,xã,01/7/2025,NQ\n"),
            ids(&after),
        )
        .unwrap_err();
        assert!(problems[0].message.contains("nhiều địa bàn"));
    }

    #[test]
    fn a_line_that_loops_back_is_named_by_its_row() {
        let d = reformed();
        let table = "Yên Bình,xã,Hữu Lũng,huyện,01/7/2026,NQ\n";
        let problems = plan(&d, &sheet(table), ids(&d)).unwrap_err();
        assert_eq!(
            problems[0].located("bang.csv", Lang::Vi),
            "bang.csv, dòng 1, cột C: dòng này tạo vòng lặp: đơn vị mới lại là (hoặc dẫn về) đơn vị cũ của nó"
        );
    }

    #[test]
    fn the_command_line_imports_lists_and_refuses_a_bad_table_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ls.giamsat");
        ProjectFile::create(&file, &sample::lang_son()).unwrap();
        let bin = env!("CARGO_BIN_EXE_giamsat");
        let run = |args: &[&std::ffi::OsStr]| {
            std::process::Command::new(bin)
                .args(args)
                .env("GIAMSAT_HOME", dir.path())
                .output()
                .unwrap()
        };
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, "Hữu Lũng,huyện,Hữu Lũng,xa lạ,01/7/2025,NQ\n").unwrap();
        let o = run(&[
            "areas".as_ref(),
            file.as_os_str(),
            "--successions".as_ref(),
            bad.as_os_str(),
        ]);
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("dòng 1, cột D"), "{err}");
        let d = ProjectFile::open(&file).unwrap().load().unwrap();
        assert!(d.successions.is_empty());
        assert_eq!(d.areas.len(), 3);

        let good = dir.path().join("good.csv");
        std::fs::write(
            &good,
            "Hữu Lũng,huyện,Hữu Lũng,xã,01/7/2025,Nghị quyết số 1672/NQ-UBTVQH15\n\
             Hữu Lũng,huyện,Yên Bình,xã,01/7/2025,Nghị quyết số 1672/NQ-UBTVQH15\n",
        )
        .unwrap();
        let o = run(&[
            "areas".as_ref(),
            file.as_os_str(),
            "--successions".as_ref(),
            good.as_os_str(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let o = run(&["areas".as_ref(), file.as_os_str()]);
        let listed = String::from_utf8_lossy(&o.stdout);
        assert!(
            listed.contains("→ xã Hữu Lũng (từ 01/07/2025, Nghị quyết số 1672/NQ-UBTVQH15)"),
            "{listed}"
        );
        assert!(listed.contains("nay: xã Hữu Lũng, xã Yên Bình"), "{listed}");
    }
}

#[test]
fn a_recommendation_to_a_replaced_district_names_what_replaced_it() {
    let mut d = reformed();
    let r = &mut d.recommendations[0];
    // Named only in the addressee's text, not among the areas.
    r.area_ids = vec![];
    r.addressees = vec!["UBND huyện Chi Lăng".into(), "Sở Tài chính".into()];
    let r = d.recommendations[0].clone();
    assert_eq!(
        giamsat::follow_up::successor_notes(&d, &r, Lang::Vi),
        vec![
            "huyện Chi Lăng → nay: xã Chi Lăng, xã Quan Sơn (từ 01/07/2025, Nghị quyết số 1672/NQ-UBTVQH15)"
        ]
    );
    // "Chi Lăng" alone inside another word run is not the district.
    let mut other = r.clone();
    other.addressees = vec!["UBND xã Chi Lăng".into()];
    assert!(giamsat::follow_up::successor_notes(&d, &other, Lang::Vi).is_empty());
}
