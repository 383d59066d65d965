//! Charts of a whole province: ranked and limited areas, lying bars when many, and the same
//! choices in every export.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::analysis::{AllocationFilter, summary};
use giamsat::charts::{self, AreaOrder, ChartKind, ChartSpec};
use giamsat::i18n::Lang;
use giamsat::model::*;
use giamsat::sample;
use std::collections::HashMap;

/// Known allocated money per area over everything, and whether any part is unknown — a
/// period total beside figures of years inside it is not counted (those years are).
fn totals(d: &Dossier) -> HashMap<AreaId, (i64, bool)> {
    let filter = AllocationFilter {
        kinds: Some([AllocationKind::Allocated].into()),
        ..Default::default()
    };
    let rows = summary(d, &filter).unwrap().rows;
    let mut out: HashMap<AreaId, (i64, bool)> = HashMap::new();
    for g in &rows {
        let covers_others = !g.key.period.is_single_year()
            && rows.iter().any(|o| {
                o.key.area == g.key.area
                    && o.key.period != g.key.period
                    && o.key.period.overlaps(g.key.period)
            });
        let e = out.entry(g.key.area).or_default();
        if covers_others {
            e.1 = true;
            continue;
        }
        let sum = g.tally.total.unwrap();
        e.0 += sum.known.get();
        e.1 |= sum.is_partly_unknown() || sum.is_wholly_unknown();
    }
    out
}

fn group_areas(chart: &charts::Chart) -> Vec<AreaId> {
    chart
        .groups
        .iter()
        .map(|g| g.bars[0].area_id.unwrap())
        .collect()
}

#[test]
fn top_ten_are_the_ten_largest_in_order_and_say_so() {
    let d = sample::reformed_province(11, 65);
    let spec = ChartSpec {
        order: AreaOrder::LargestFirst,
        limit: Some(10),
        ..Default::default()
    };
    let chart = charts::build(&d, &spec, Lang::Vi).unwrap();
    let shown = group_areas(&chart);
    assert_eq!(shown.len(), 10);
    let t = totals(&d);
    let pos = |a: &AreaId| d.areas.iter().position(|x| x.id == *a).unwrap();
    let mut all: Vec<(i64, AreaId)> = t.iter().map(|(a, (v, _))| (*v, *a)).collect();
    // Equal amounts keep the areas screen's order.
    all.sort_by_key(|(v, a)| (std::cmp::Reverse(*v), pos(a)));
    let expected: Vec<AreaId> = all.iter().take(10).map(|(_, a)| *a).collect();
    assert_eq!(shown, expected);
    assert!(
        chart.title.ends_with("10 địa bàn có vốn phân bổ cao nhất"),
        "{}",
        chart.title
    );
    // Amounts not known are ranked by what is known, and the chart says so.
    assert!(chart.notes[0].contains("thứ hạng tính theo phần đã biết"));
}

#[test]
fn an_area_with_nothing_known_is_never_the_smallest() {
    let mut d = sample::reformed_province(3, 12);
    // The first commune's allocated money: all unknown.
    let first = d.areas.iter().find(|a| a.kind == AreaKind::Xa).unwrap().id;
    for a in d.allocations.iter_mut().filter(|a| a.area_id == first) {
        a.amount_dong = Amount::Unknown;
    }
    let spec = ChartSpec {
        order: AreaOrder::SmallestFirst,
        limit: Some(5),
        ..Default::default()
    };
    let chart = charts::build(&d, &spec, Lang::Vi).unwrap();
    let shown = group_areas(&chart);
    assert!(!shown.contains(&first), "an unknown is not a zero");
    let t = totals(&d);
    let values: Vec<i64> = shown.iter().map(|a| t[a].0).collect();
    let mut sorted = values.clone();
    sorted.sort();
    assert_eq!(values, sorted, "smallest first");
    // Asked for everything, it comes last in either order.
    let all = charts::build(
        &d,
        &ChartSpec {
            order: AreaOrder::SmallestFirst,
            ..Default::default()
        },
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(group_areas(&all).last(), Some(&first));
}

#[test]
fn many_areas_lie_down_and_few_stand() {
    let d = sample::reformed_province(11, 65);
    let chart = charts::build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
    assert_eq!(chart.groups.len(), 76);
    assert!(charts::prefers_horizontal(&chart));
    let few = charts::build(&sample::lang_son(), &ChartSpec::default(), Lang::Vi).unwrap();
    assert!(!charts::prefers_horizontal(&few));
    // The ten largest of one year stand; of five years (50 bars and more) they lie.
    let top = |years| ChartSpec {
        order: AreaOrder::LargestFirst,
        limit: Some(10),
        filter: AllocationFilter {
            years: Some(years),
            ..Default::default()
        },
        ..Default::default()
    };
    let one_year = charts::build(&d, &top((2027, 2027)), Lang::Vi).unwrap();
    assert_eq!(one_year.groups.len(), 10);
    assert!(!charts::prefers_horizontal(&one_year));
    let five = charts::build(&d, &top((2026, 2030)), Lang::Vi).unwrap();
    assert!(charts::prefers_horizontal(&five));
    // Districts (2021–2025) and communes (2026–2030) never share a group: bars are as wide
    // as the fullest group needs, not as if every year were in each.
    let layout = charts::layout(&chart);
    let widest = layout.bars.iter().map(|b| b.width).fold(0.0, f64::max);
    let fullest = chart.groups.iter().map(|g| g.bars.len()).max().unwrap();
    assert!(widest > 0.84 / (fullest as f64 + 1.0) * 0.86, "{widest}");
}

#[test]
fn the_chosen_areas_alone_are_drawn() {
    let d = sample::reformed_province(11, 65);
    let picked: Vec<AreaId> = d.areas.iter().skip(3).take(4).map(|a| a.id).collect();
    let spec = ChartSpec {
        kind: ChartKind::YearArea,
        filter: AllocationFilter {
            area_ids: Some(picked.iter().copied().collect()),
            ..Default::default()
        },
        ..Default::default()
    };
    let chart = charts::build(&d, &spec, Lang::Vi).unwrap();
    let drawn: std::collections::BTreeSet<AreaId> = chart
        .groups
        .iter()
        .flat_map(|g| g.bars.iter().filter_map(|b| b.area_id))
        .collect();
    assert_eq!(drawn, picked.into_iter().collect());
}

#[test]
fn the_exported_svg_lays_many_areas_down_with_every_name_and_value() {
    let d = sample::reformed_province(11, 65);
    let chart = charts::build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
    let svg = charts::svg::render(&chart, Lang::Vi);
    let height: f64 = svg
        .split("height=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    // One row per bar: far taller than the standing chart's 680 units.
    assert!(height > 17.0 * 380.0, "{height}");
    for g in &chart.groups {
        assert_eq!(
            svg.matches(&format!(">{}</text>", g.label)).count(),
            1,
            "{} named once, on its row",
            g.label
        );
    }
    // Every known bar's value is written (as the standing chart could not at this size).
    let known_bars = chart
        .groups
        .iter()
        .flat_map(|g| &g.bars)
        .filter(|b| !b.segments[0].value.has_unknown())
        .count();
    let written = svg.matches(r##"font-size="11" fill="#222">"##).count();
    assert!(written >= known_bars, "{written} < {known_bars}");
    // Rows are banded for reading across; the few areas of the sample still stand, unbanded.
    assert!(svg.contains("#f4f4f4"));
    let few = charts::build(&sample::lang_son(), &ChartSpec::default(), Lang::Vi).unwrap();
    assert!(!charts::svg::render(&few, Lang::Vi).contains("#f4f4f4"));
}

mod table {
    use super::*;
    use giamsat::charts::table::{RowOrder, chart_table};

    #[test]
    fn the_samples_table_adds_areas_but_never_a_period_total_to_its_own_years() {
        let mut d = sample::lang_son();
        // Hữu Lũng also gets a 2022–2023 total: its 2022 and 2023 must not be added to it.
        let mut span = d
            .allocations
            .iter()
            .find(|a| a.area_id == sample::CHI_LANG && !a.period.is_single_year())
            .unwrap()
            .clone();
        span.id = AllocationId(d.next_id(Table::Allocations));
        span.area_id = sample::HUU_LUNG;
        span.amount_dong = Amount::Known(Dong::from_trieu(1000).unwrap());
        d.allocations.push(span);
        let chart = charts::build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
        let t = chart_table(&chart, Lang::Vi);
        let shown = t.to_delimited('\t', RowOrder::AsDrawn, Lang::Vi);
        assert_eq!(
            shown,
            "Địa bàn (triệu đồng)\t2022\t2023\t2022–2023\tTổng\n\
             Hữu Lũng\t468\t494\t1.000\t—\n\
             Chi Lăng\t\t\t949\t949\n\
             Tổng\t468\t494\t1.949\t—\n"
        );
        // The CSV file carries plain numbers: no "1.000" for a spreadsheet to read as one.
        assert_eq!(
            t.to_csv(RowOrder::AsDrawn, Lang::Vi),
            "Địa bàn (triệu đồng),2022,2023,2022–2023,Tổng\n\
             Hữu Lũng,468,494,1000,\n\
             Chi Lăng,,,949,949\n\
             Tổng,468,494,1949,\n"
        );
        assert!(giamsat::charts::table::totals_note(&t, Lang::Vi).is_some());
        // Without the overlap the grand total is the areas' totals added.
        let chart = charts::build(&sample::lang_son(), &ChartSpec::default(), Lang::Vi).unwrap();
        let t = chart_table(&chart, Lang::Vi);
        assert_eq!(
            t.to_delimited('\t', RowOrder::AsDrawn, Lang::En)
                .lines()
                .last()
                .unwrap(),
            "Total\t468\t494\t949\t1,911"
        );
        assert!(giamsat::charts::table::totals_note(&t, Lang::Vi).is_none());
    }

    #[test]
    fn sorting_puts_unknowns_last_either_way_and_kinds_are_not_added() {
        let mut d = sample::reformed_province(3, 12);
        // The first commune's allocated money: all unknown, so its total is unknown.
        let first = d.areas.iter().find(|a| a.kind == AreaKind::Xa).unwrap().id;
        for a in d.allocations.iter_mut().filter(|a| a.area_id == first) {
            a.amount_dong = Amount::Unknown;
        }
        let chart = charts::build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
        let t = chart_table(&chart, Lang::Vi);
        assert!(
            t.rows
                .iter()
                .any(|r| r.total == Some(giamsat::charts::SegmentValue::Unknown))
        );
        for descending in [true, false] {
            let order = t.order(RowOrder::Total { descending });
            // A total not added (—) or wholly unknown has no rank.
            let keys: Vec<Option<i64>> = order
                .iter()
                .map(|i| match t.rows[*i].total {
                    None | Some(giamsat::charts::SegmentValue::Unknown) => None,
                    Some(v) => Some(v.known_part()),
                })
                .collect();
            let first_none = keys.iter().position(Option::is_none).unwrap_or(keys.len());
            assert!(first_none < keys.len(), "some rows have no rank");
            assert!(keys[first_none..].iter().all(Option::is_none), "{keys:?}");
            let known: Vec<i64> = keys[..first_none].iter().flatten().copied().collect();
            let mut sorted = known.clone();
            sorted.sort();
            if descending {
                sorted.reverse();
            }
            assert_eq!(known, sorted);
        }
        // Allocated, carried over and disbursed are not one kind of money: no totals.
        let by_kind = charts::build(
            &d,
            &ChartSpec {
                kind: ChartKind::ByKind,
                ..Default::default()
            },
            Lang::Vi,
        )
        .unwrap();
        let t = chart_table(&by_kind, Lang::Vi);
        assert!(!t.has_totals);
        assert!(
            t.columns.iter().any(|c| c.contains("Giải ngân")),
            "{:?}",
            t.columns
        );
    }
}

#[test]
fn a_province_chart_prints_in_page_sized_parts_with_every_area_once() {
    let d = sample::reformed_province(11, 65);
    let chart = charts::build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
    let parts = charts::split_for_pages(&chart);
    assert!(parts.len() > 5, "{}", parts.len());
    let labels: Vec<&str> = parts
        .iter()
        .flat_map(|p| p.groups.iter().map(|g| g.label.as_str()))
        .collect();
    let all: Vec<&str> = chart.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, all, "every area once, in order");
    assert!(
        parts
            .iter()
            .all(|p| p.groups.iter().map(|g| g.bars.len()).sum::<usize>() <= charts::ROWS_PER_PAGE)
    );
    // A chart that stands is printed whole.
    let few = charts::build(&sample::lang_son(), &ChartSpec::default(), Lang::Vi).unwrap();
    assert_eq!(charts::split_for_pages(&few), vec![few.clone()]);
    // Every part is drawn to the whole chart's scale.
    let axis_top = |svg: &str| -> f64 {
        // The last tick written on the value axis is its top.
        let mut top = 0.0;
        for piece in svg
            .split(r##"text-anchor="middle" font-size="21.0" fill="#333">"##)
            .skip(1)
        {
            if let Some(v) = piece
                .split('<')
                .next()
                .and_then(|t| t.replace('.', "").parse::<f64>().ok())
            {
                top = f64::max(top, v);
            }
        }
        top
    };
    let options = charts::svg::SvgOptions {
        lying: true,
        value_max: Some(charts::layout(&chart).y_max),
        ..charts::svg::SvgOptions::print()
    };
    let tops: Vec<f64> = parts
        .iter()
        .map(|p| axis_top(&charts::svg::render_with(p, Lang::Vi, options)))
        .collect();
    assert!(
        tops[0] > 0.0 && tops.iter().all(|t| *t == tops[0]),
        "{tops:?}"
    );
    // The printed summary carries the parts, captioned.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let doc = giamsat::print::build(&d, None, DocKind::TomTat, MoneyUnit::Trieu, today).unwrap();
    let captions: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            giamsat::print::Block::Chart { caption, .. } => Some(caption.clone()),
            _ => None,
        })
        .collect();
    assert!(
        captions.contains(&format!(
            "Biểu đồ 1: vốn phân bổ theo địa bàn và năm (phần 1/{})",
            parts.len()
        )),
        "{captions:?}"
    );
}

#[test]
fn ordering_draws_every_area_and_picks_survive_a_change_of_basis() {
    let mut d = sample::reformed_province(3, 12);
    // The first commune reported only disbursed money.
    let first = d.areas.iter().find(|a| a.kind == AreaKind::Xa).unwrap().id;
    d.allocations
        .retain(|a| a.area_id != first || a.kind == AllocationKind::Disbursed);
    let by_kind = |order| ChartSpec {
        kind: ChartKind::ByKind,
        order,
        ..Default::default()
    };
    let listed = charts::build(&d, &by_kind(AreaOrder::AsListed), Lang::Vi).unwrap();
    let ranked = charts::build(&d, &by_kind(AreaOrder::LargestFirst), Lang::Vi).unwrap();
    assert_eq!(ranked.groups.len(), listed.groups.len(), "no area dropped");
    assert_eq!(group_areas(&ranked).last(), Some(&first), "unranked last");
    // Communes picked while seeing figures as reported stay drawn grouped by former district.
    let communes: std::collections::BTreeSet<AreaId> = d
        .areas
        .iter()
        .filter(|a| a.kind == AreaKind::Xa)
        .map(|a| a.id)
        .collect();
    let grouped = charts::build(
        &d,
        &ChartSpec {
            filter: AllocationFilter {
                area_ids: Some(communes),
                basis: giamsat::analysis::AreaBasis::FormerDistrict,
                ..Default::default()
            },
            ..Default::default()
        },
        Lang::Vi,
    )
    .unwrap();
    let shown: i64 = grouped
        .segments()
        .map(|(_, _, s)| s.value.known_part())
        .sum();
    assert!(shown > 0 && !grouped.groups.is_empty());
}

#[test]
fn small_multiples_give_each_former_district_its_own_and_its_successors_figures() {
    let d = sample::reformed_province(11, 65);
    let panels = charts::small_multiples(&d, &ChartSpec::default(), Lang::Vi).unwrap();
    assert_eq!(panels.len(), 11);
    let map = SuccessionMap::new(&d.successions);
    for (panel, district) in panels
        .iter()
        .zip(d.areas.iter().filter(|a| a.kind == AreaKind::Huyen))
    {
        assert_eq!(panel.title, district.full_name(Lang::Vi));
        let drawn: std::collections::BTreeSet<AreaId> = panel
            .groups
            .iter()
            .flat_map(|g| g.bars.iter().filter_map(|b| b.area_id))
            .collect();
        let mut expected: std::collections::BTreeSet<AreaId> =
            map.current_units(district.id).into_iter().collect();
        expected.insert(district.id);
        assert_eq!(drawn, expected, "{}", panel.title);
    }
    // A period has the same colour in every panel.
    let mut colour: HashMap<String, usize> = HashMap::new();
    for p in &panels {
        for s in &p.series {
            assert_eq!(
                *colour.entry(s.label.clone()).or_insert(s.color),
                s.color,
                "{}",
                s.label
            );
        }
    }
    // No former district, no panels.
    assert!(
        charts::small_multiples(&sample::lang_son(), &ChartSpec::default(), Lang::Vi)
            .unwrap()
            .is_empty()
    );
}

/// An indicator's chart ranks too: by the latest year shown (a rate does not add up across
/// years), an area without a known value that year last, and the title says which year.
#[test]
fn an_indicator_ranks_its_areas_by_the_latest_year_shown() {
    let mut d = sample::lang_son();
    let classes = IndicatorId(1);
    let mut next = 100;
    let mut value = |area: AreaId, year: i32, v: Option<i64>| {
        next += 1;
        IndicatorValue {
            id: IndicatorValueId(next),
            indicator_id: classes,
            area_id: area,
            period: Period::year(year).unwrap(),
            value: v.map_or(Measure::Unknown, |n| {
                Measure::Number(Quantity::from_milli(n * 1000))
            }),
            note: String::new(),
            source_doc: String::new(),
        }
    };
    let mut communes = Vec::new();
    for (i, (name, y2023, y2024)) in [
        ("Minh Sơn", 9, Some(2)),
        ("Hòa Lạc", 1, Some(7)),
        ("Yên Vượng", 5, None),
        ("Thiện Tân", 3, Some(4)),
    ]
    .into_iter()
    .enumerate()
    {
        let id = AreaId(50 + i as i64);
        d.areas.push(Area {
            id,
            name: name.into(),
            kind: AreaKind::Xa,
            parent_id: Some(sample::HUU_LUNG),
            valid_from: None,
            valid_to: None,
        });
        d.indicator_values.push(value(id, 2023, Some(y2023)));
        d.indicator_values.push(value(id, 2024, y2024));
        communes.push(id);
    }
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    let spec = ChartSpec {
        kind: ChartKind::Indicator,
        indicator: Some(classes),
        filter: AllocationFilter {
            area_level: Some(AreaLevel::Commune),
            ..Default::default()
        },
        order: AreaOrder::LargestFirst,
        limit: Some(3),
        ..ChartSpec::default()
    };
    let chart = charts::build(&d, &spec, Lang::Vi).unwrap();
    // 2024: Hòa Lạc 7, Thiện Tân 4, Minh Sơn 2; Yên Vượng's 2024 is unknown (its 5 of 2023
    // does not stand in for it).
    assert_eq!(group_areas(&chart), [communes[1], communes[3], communes[0]]);
    assert!(
        chart
            .title
            .ends_with("— 3 địa bàn có giá trị năm 2024 cao nhất"),
        "{}",
        chart.title
    );
    let smallest = charts::build(
        &d,
        &ChartSpec {
            order: AreaOrder::SmallestFirst,
            limit: None,
            ..spec.clone()
        },
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(
        group_areas(&smallest),
        [communes[0], communes[3], communes[1], communes[2]],
        "unknown last, never as zero"
    );
    // Years narrowed to 2023: ranked by 2023.
    let in_2023 = charts::build(
        &d,
        &ChartSpec {
            filter: AllocationFilter {
                years: Some((2023, 2023)),
                ..spec.filter.clone()
            },
            ..spec.clone()
        },
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(
        group_areas(&in_2023),
        [communes[0], communes[2], communes[3]]
    );
}
