//! "Area by year" and "year by area": one money kind per area and period, groups being areas
//! (bars periods) or periods (bars areas).

use crate::analysis;
use crate::charts::context::{Ctx, by_area_period, sorted_periods, span_notes};
use crate::charts::{Bar, Chart, ChartKind, Group, Series};
use crate::i18n::fill;
use crate::model::*;

/// Groups are areas with one bar per period, or periods with one bar per area; a period total
/// is one bar of its own, named in the notes.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang, money, unit, kind_name) =
        (c.d, c.spec, c.lang, c.money, &c.unit, c.kind_name);
    let t = lang.texts();
    let groups = analysis::group_allocations(d, &c.one_kind(spec.money_kind))?;
    let cells = by_area_period(&groups)?;
    let areas = c.sorted_areas(cells.keys().map(|(a, _)| *a));
    let periods = sorted_periods(cells.keys().map(|(_, p)| *p));
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
            if let Some((sum, ids)) = cells.get(&(area, period)) {
                group.bars.push(Bar {
                    slot: si,
                    label: slabel.clone(),
                    area_id: Some(area),
                    period: Some(period),
                    segments: vec![c.money_segment(
                        si,
                        sum,
                        ids.clone(),
                        Some(spec.money_kind),
                        None,
                    )],
                });
            }
        }
        chart.groups.push(group);
    }
    chart.notes = span_notes(c, &cells, money, unit);
    Ok(chart)
}
