//! Unit tests of building charts and of their layout, apart from the code so that `mod.rs`
//! holds only the chart types and the dispatch.

use super::*;
use crate::sample::{self, CHI_LANG, HUU_LUNG};

fn trieu(n: i64) -> i64 {
    n * 1_000_000
}

#[test]
fn bars_sit_under_their_own_label_without_holes() {
    let d = sample::lang_son();
    let c = build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
    let l = layout(&c);
    let xs = |g: usize| -> Vec<f64> {
        l.bars
            .iter()
            .filter(|b| b.group == g)
            .map(|b| b.x)
            .collect()
    };
    // Hữu Lũng: 2022 and 2023 side by side around its label; Chi Lăng: its one
    // period-total bar right under its label, not off in the 2022–2023 slot.
    let hl = xs(0);
    assert_eq!(hl.len(), 2);
    assert!((hl[0] + hl[1]).abs() < 1e-9, "{hl:?}");
    assert!(hl[0] < hl[1]);
    assert_eq!(xs(1), vec![1.0]);
    let w = l.bars[0].width;
    assert!(hl[1] - hl[0] >= w, "bars do not overlap: {hl:?} width {w}");
}

#[test]
fn area_year_keeps_the_span_whole_and_the_unknown_visible() {
    let d = sample::lang_son();
    let c = build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
    assert_eq!(c.title, "Vốn phân bổ theo địa bàn và năm");
    let labels: Vec<_> = c.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["2022", "2023", "2022–2023"]);
    assert_eq!(c.groups.len(), 2);
    assert_eq!(c.groups[0].label, "Hữu Lũng");
    let hl: Vec<_> = c.groups[0]
        .bars
        .iter()
        .map(|b| (b.label.as_str(), b.segments[0].value))
        .collect();
    assert_eq!(
        hl,
        [
            ("2022", SegmentValue::Known(trieu(468))),
            ("2023", SegmentValue::Known(trieu(494)))
        ]
    );
    let cl = &c.groups[1].bars;
    assert_eq!(cl.len(), 1, "one bar for 2022–2023, not two halves");
    assert_eq!(cl[0].label, "2022–2023");
    assert_eq!(cl[0].segments[0].value, SegmentValue::Known(trieu(949)));
    assert!(
        c.notes[0].contains("Chi Lăng") && c.notes[0].contains("2022–2023"),
        "{:?}",
        c.notes
    );
    // Each bar can say what it is made of: its figures, with their sources.
    let d = sample::lang_son();
    for (_, _, s) in c.segments() {
        let lines = crate::analysis::count::tally_lines(&d, &s.tally, MoneyUnit::Trieu, Lang::Vi);
        assert!(lines[0].starts_with("Tính vào tổng (1):"), "{lines:?}");
        assert!(lines[1].contains("Báo cáo của UBND huyện"), "{lines:?}");
    }
}

#[test]
fn carried_over_is_its_own_hatched_series_and_unknown_is_a_placeholder() {
    let d = sample::lang_son();
    let spec = ChartSpec {
        kind: ChartKind::ByKind,
        ..Default::default()
    };
    let c = build(&d, &spec, Lang::Vi).unwrap();
    let hl_2023 = c.groups[0].bars.iter().find(|b| b.label == "2023").unwrap();
    assert_eq!(hl_2023.segments.len(), 2);
    assert_eq!(hl_2023.segments[0].kind, Some(AllocationKind::Allocated));
    assert_eq!(hl_2023.segments[1].kind, Some(AllocationKind::CarriedOver));
    assert_eq!(hl_2023.segments[1].value, SegmentValue::Unknown);
    assert!(c.series[hl_2023.segments[1].series].hatched);
    let l = layout(&c);
    let placeholder = l.pieces.iter().find(|p| p.placeholder).unwrap();
    assert!(
        placeholder.y0 >= 494.0,
        "the placeholder sits on the known 494, it is not a zero bar"
    );
    assert!(placeholder.y1 > placeholder.y0);
    assert_eq!(l.pieces.iter().filter(|p| p.placeholder).count(), 1);
}

#[test]
fn year_area_puts_areas_inside_periods() {
    let d = sample::lang_son();
    let spec = ChartSpec {
        kind: ChartKind::YearArea,
        ..Default::default()
    };
    let c = build(&d, &spec, Lang::En).unwrap();
    assert_eq!(c.title, "Allocated by year and area");
    let groups: Vec<_> = c.groups.iter().map(|g| g.label.as_str()).collect();
    // The period total comes after the single years, never between them.
    assert_eq!(groups, ["2022", "2023", "2022–2023"]);
    assert_eq!(c.groups[1].bars[0].area_id, Some(HUU_LUNG));
    assert_eq!(c.groups[2].bars[0].area_id, Some(CHI_LANG));
}

#[test]
fn totals_line_uses_single_years_and_keeps_spans_apart() {
    let d = sample::lang_son();
    let spec = ChartSpec {
        kind: ChartKind::Totals,
        ..Default::default()
    };
    let c = build(&d, &spec, Lang::Vi).unwrap();
    let line: Vec<_> = c.line.iter().map(|p| (p.year, p.value)).collect();
    assert_eq!(
        line,
        [
            (2022, SegmentValue::Known(trieu(468))),
            (2023, SegmentValue::Known(trieu(494)))
        ]
    );
    assert_eq!(c.spans.len(), 1);
    assert_eq!(c.spans[0].period.to_string(), "2022–2023");
    assert_eq!(c.spans[0].value, SegmentValue::Known(trieu(949)));
    let carried = build(
        &d,
        &ChartSpec {
            kind: ChartKind::Totals,
            money_kind: AllocationKind::CarriedOver,
            ..Default::default()
        },
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(carried.line[0].value, SegmentValue::Unknown);
}

#[test]
fn disbursement_rate_only_where_every_figure_is_known() {
    let mut d = sample::lang_son();
    let rate = |d: &Dossier| {
        build(
            d,
            &ChartSpec {
                kind: ChartKind::DisbursementRate,
                ..Default::default()
            },
            Lang::Vi,
        )
        .unwrap()
    };
    assert!(
        rate(&d).empty_message.is_some(),
        "the sample reports no disbursement"
    );
    // Hữu Lũng 2022: 468 allocated, 351 disbursed → 75,0 %.
    let mut dis = d.allocations[0].clone();
    dis.id = AllocationId(20);
    dis.kind = AllocationKind::Disbursed;
    dis.amount_dong = Amount::Known(Dong::from_trieu(351).unwrap());
    d.allocations.push(dis.clone());
    // Hữu Lũng 2023: the carried-over amount is unknown, so no rate can be given.
    let mut dis23 = dis.clone();
    dis23.id = AllocationId(21);
    dis23.period = Period::year(2023).unwrap();
    d.allocations.push(dis23);
    let c = rate(&d);
    assert_eq!(c.groups.len(), 1);
    assert_eq!(c.groups[0].bars.len(), 1);
    assert_eq!(
        c.groups[0].bars[0].segments[0].value,
        SegmentValue::Known(750)
    );
    assert_eq!(
        ValueFormat::PercentTenths.format(750, NumberStyle::Vi),
        "75%"
    );
    assert_eq!(
        ValueFormat::PercentTenths.format(753, NumberStyle::Vi),
        "75,3%"
    );
    assert!(
        c.notes
            .iter()
            .any(|n| n.contains("Hữu Lũng") && n.contains("2023")),
        "{:?}",
        c.notes
    );
}

#[test]
fn indicators_chart_per_area() {
    let d = sample::lang_son();
    let spec = ChartSpec {
        kind: ChartKind::Indicator,
        indicator: Some(IndicatorId(1)),
        ..Default::default()
    };
    let c = build(&d, &spec, Lang::Vi).unwrap();
    assert_eq!(c.value_label, "lớp");
    assert_eq!(c.groups[0].label, "Chi Lăng");
    assert_eq!(
        c.groups[0].bars[0].segments[0].value,
        SegmentValue::Known(9000)
    );
    assert_eq!(
        segment_label(SegmentValue::Known(9000), c.format, Lang::Vi),
        "9"
    );
    // A month-type indicator cannot be charted; the first number indicator is used.
    let spec = ChartSpec {
        indicator: Some(IndicatorId(3)),
        ..spec
    };
    assert_eq!(build(&d, &spec, Lang::Vi).unwrap().value_label, "lớp");
}

#[test]
fn by_project_stacks_projects() {
    let mut d = sample::lang_son();
    let mut other = d.allocations[0].clone();
    other.id = AllocationId(30);
    other.project_id = ProjectId(4);
    other.amount_dong = Amount::Known(Dong::from_trieu(100).unwrap());
    d.allocations.push(other);
    let spec = ChartSpec {
        kind: ChartKind::ByProject,
        ..Default::default()
    };
    let c = build(&d, &spec, Lang::Vi).unwrap();
    let labels: Vec<_> = c.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Dự án 4", "Dự án 7"]);
    let hl_2022 = &c.groups[0].bars[0];
    assert_eq!(hl_2022.segments.len(), 2);
    let l = layout(&c);
    let tops: Vec<f64> = l
        .pieces
        .iter()
        .filter(|p| p.group == 0 && p.bar == 0)
        .map(|p| p.y1)
        .collect();
    assert_eq!(tops, [100.0, 568.0]);
}

#[test]
fn a_stack_too_large_to_add_is_an_error_not_a_wrapped_number() {
    // Two projects' figures for one bar, each within range, whose sum is not.
    let mut d = sample::lang_son();
    let half = i64::MAX / 2 + 1;
    d.allocations[0].amount_dong = Amount::Known(Dong::new(half).unwrap());
    let mut other = d.allocations[0].clone();
    other.id = AllocationId(30);
    other.project_id = ProjectId(4);
    d.allocations.push(other);
    let spec = ChartSpec {
        kind: ChartKind::ByProject,
        ..Default::default()
    };
    assert_eq!(build(&d, &spec, Lang::Vi), Err(MoneyError::Overflow));
}

#[test]
fn indicator_sums_too_large_are_an_error_not_a_ceiling() {
    let mut d = sample::lang_son();
    let mut big = d.indicator_values[0].clone();
    big.value = Measure::Number(Quantity::from_milli(i64::MAX));
    d.indicator_values[0] = big.clone();
    big.id = IndicatorValueId(99);
    d.indicator_values.push(big);
    let spec = ChartSpec {
        kind: ChartKind::Indicator,
        indicator: Some(d.indicator_values[0].indicator_id),
        ..Default::default()
    };
    assert_eq!(build(&d, &spec, Lang::Vi), Err(MoneyError::ValueOverflow));
}

#[test]
fn filters_narrow_the_chart() {
    let d = sample::lang_son();
    let spec = ChartSpec {
        filter: AllocationFilter {
            years: Some((2022, 2022)),
            ..Default::default()
        },
        ..Default::default()
    };
    let c = build(&d, &spec, Lang::Vi).unwrap();
    // 2022 keeps Hữu Lũng's 2022 and Chi Lăng's whole 2022–2023 total.
    let bars: Vec<_> = c.segments().map(|(_, _, s)| s.value).collect();
    assert_eq!(
        bars,
        [
            SegmentValue::Known(trieu(468)),
            SegmentValue::Known(trieu(949))
        ]
    );
    let none = ChartSpec {
        filter: AllocationFilter {
            area_level: Some(AreaLevel::Commune),
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(build(&d, &none, Lang::Vi).unwrap().empty_message.is_some());
}

#[test]
fn nice_steps() {
    assert_eq!(nice_step(949.0), 200.0);
    assert_eq!(nice_step(100.0), 20.0);
    assert_eq!(nice_step(0.0), 1.0);
    assert_eq!(format_axis(1000.0, NumberStyle::Vi), "1.000");
    assert_eq!(format_axis(2.5, NumberStyle::Vi), "2,5");
}
