//! "Area by year" and "year by area": one money kind per area and period, groups being areas
//! (bars periods) or periods (bars areas).

use crate::charts::context::{Axis, Ctx, part_notes, span_notes};
use crate::charts::{Bar, Chart, ChartKind, Group, SegmentValue, Series};
use crate::i18n::fill;
use crate::model::*;

/// Groups are areas with one bar per period, or periods with one bar per area; a period total
/// is one bar of its own, named in the notes. Each bar is the area's total for the period by
/// the counting rules: its communes' figures inside its own total are never added to it.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (spec, lang, money, unit, kind_name) = (c.spec, c.lang, c.money, &c.unit, c.kind_name);
    let t = lang.texts();
    let kind = spec.money_kind;
    let areas = c.sorted_areas(c.counter.shown_areas(Some(kind)));
    let periods = c.counter.periods(Some(kind));
    let mut cells = c.counter.grid(kind, false)?;
    let by_area = spec.kind == ChartKind::AreaYear;
    chart.title = fill(
        if by_area {
            t.chart_title_area_year
        } else {
            t.chart_title_year_area
        },
        &[("kind", kind_name)],
    );
    let (outer, inner): (Vec<String>, Vec<String>) = if by_area {
        (
            areas.iter().map(|a| c.area_name(*a)).collect(),
            periods.iter().map(Period::to_string).collect(),
        )
    } else {
        (
            periods.iter().map(Period::to_string).collect(),
            areas.iter().map(|a| c.area_name(*a)).collect(),
        )
    };
    chart.series = inner
        .iter()
        .enumerate()
        .map(|(i, label)| Series {
            label: label.clone(),
            color: i,
            hatched: false,
        })
        .collect();
    chart.slots = inner.len();
    let mut notes = Vec::new();
    for (gi, glabel) in outer.iter().enumerate() {
        let mut group = Group {
            label: glabel.clone(),
            bars: vec![],
        };
        for (si, slabel) in inner.iter().enumerate() {
            let (area, period) = if by_area {
                (areas[gi], periods[si])
            } else {
                (areas[si], periods[gi])
            };
            if let Some(tally) = cells.remove(&(area, period, None)) {
                notes.push((area, period, SegmentValue::from_tally(&tally)));
                group.bars.push(Bar {
                    slot: si,
                    label: slabel.clone(),
                    area_id: Some(area),
                    period: Some(period),
                    segments: vec![c.money_segment(si, tally, Some(kind), None)],
                    total: None,
                });
            }
        }
        chart.groups.push(group);
    }
    let area_axis: Vec<Axis> = areas.iter().map(|a| Axis::Area(*a)).collect();
    let period_axis: Vec<Axis> = periods.iter().map(|p| Axis::Period(*p)).collect();
    let (rows, columns) = if by_area {
        (area_axis, period_axis)
    } else {
        (period_axis, area_axis)
    };
    let columns: Vec<(usize, Axis)> = columns.into_iter().enumerate().collect();
    chart.totals = c.table_totals(kind, &rows, &columns)?;
    chart.notes = span_notes(c, notes, money, unit);
    chart.notes.extend(part_notes(c, &areas));
    Ok(chart)
}
