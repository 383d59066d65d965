//! "By project": one money kind per area and period, stacked by program project.

use crate::charts::context::{Axis, Ctx, part_notes, span_notes};
use crate::charts::{Bar, Chart, Group, Segment, SegmentValue, Series};
use crate::i18n::fill;
use crate::i18n::labels::project_label;
use crate::model::*;

/// One bar per area and period, its segments the projects in the dossier's order — each with
/// its sub-projects inside it, never beside it — and its total from the counting module.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang, money, unit, kind_name) =
        (c.d, c.spec, c.lang, c.money, &c.unit, c.kind_name);
    let t = lang.texts();
    let kind = spec.money_kind;
    chart.title = fill(t.chart_title_project, &[("kind", kind_name)]);
    let projects = c.counter.projects(Some(kind));
    chart.series = projects
        .iter()
        .enumerate()
        .map(|(i, p)| Series {
            label: d
                .project(*p)
                .map(|x| project_label(x, lang))
                .unwrap_or_default(),
            color: i,
            hatched: false,
        })
        .collect();
    let areas = c.sorted_areas(c.counter.shown_areas(Some(kind)));
    let periods = c.counter.periods(Some(kind));
    chart.slots = periods.len();
    let mut segments_of = c.counter.grid(kind, true)?;
    let mut totals_of = c.counter.grid(kind, false)?;
    let mut notes = Vec::new();
    for area in &areas {
        let mut group = Group {
            label: c.area_name(*area),
            bars: vec![],
        };
        for (pi, period) in periods.iter().enumerate() {
            let mut segments: Vec<Segment> = Vec::new();
            for (si, p) in projects.iter().enumerate() {
                if let Some(tally) = segments_of.remove(&(*area, *period, Some(*p))) {
                    segments.push(c.money_segment(si, tally, Some(kind), Some(*p)));
                }
            }
            if !segments.is_empty() {
                let total = totals_of
                    .remove(&(*area, *period, None))
                    .unwrap_or_default();
                notes.push((*area, *period, SegmentValue::from_tally(&total)));
                group.bars.push(Bar {
                    slot: pi,
                    label: period.to_string(),
                    area_id: Some(*area),
                    period: Some(*period),
                    segments,
                    total: Some(total),
                });
            }
        }
        chart.groups.push(group);
    }
    let rows: Vec<Axis> = areas.iter().map(|a| Axis::Area(*a)).collect();
    let columns: Vec<(usize, Axis)> = periods
        .iter()
        .enumerate()
        .map(|(i, p)| (i, Axis::Period(*p)))
        .collect();
    chart.totals = c.table_totals(kind, &rows, &columns)?;
    chart.notes = span_notes(c, notes, money, unit);
    chart.notes.extend(part_notes(c, &areas));
    Ok(chart)
}
