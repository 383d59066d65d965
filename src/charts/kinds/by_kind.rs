//! "By kind": allocated and carried-over money stacked, disbursed beside them, per area and
//! period.

use crate::analysis::{self, AllocationFilter};
use crate::charts::context::{Ctx, by_area_period, sorted_periods, span_notes};
use crate::charts::{Bar, Chart, Group, Segment, Series};
use crate::i18n::labels::allocation_kind_label;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// Allocated and carried over stacked in one bar (carried over hatched), disbursed in a bar
/// beside it.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang, money, unit) = (c.d, c.spec, c.lang, c.money, &c.unit);
    let t = lang.texts();
    chart.title = t.chart_title_kind.to_string();
    let groups = analysis::group_allocations(
        d,
        &AllocationFilter {
            kinds: None,
            ..spec.filter.clone()
        },
    )?;
    let mut cells: BTreeMap<(AreaId, Period, AllocationKind), (AmountSum, Vec<AllocationId>)> =
        BTreeMap::new();
    for g in &groups {
        let e = cells.entry((g.area_id, g.period, g.kind)).or_default();
        e.0.merge(&g.sum)?;
        e.1.extend(g.allocation_ids.iter().copied());
    }
    let kinds_present: BTreeSet<AllocationKind> = cells.keys().map(|k| k.2).collect();
    chart.series = AllocationKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| Series {
            label: allocation_kind_label(*k, lang).to_string(),
            color: i,
            hatched: *k == AllocationKind::CarriedOver,
        })
        .collect();
    let has_disbursed = kinds_present.contains(&AllocationKind::Disbursed);
    let areas = c.sorted_areas(cells.keys().map(|k| k.0));
    let periods = sorted_periods(cells.keys().map(|k| k.1));
    let per_period = if has_disbursed { 2 } else { 1 };
    chart.slots = periods.len() * per_period;
    for area in areas {
        let mut group = Group {
            label: c.area_name(area),
            bars: vec![],
        };
        for (pi, period) in periods.iter().enumerate() {
            let seg = |k: AllocationKind| {
                cells
                    .get(&(area, *period, k))
                    .map(|(sum, ids)| c.money_segment(k as usize, sum, ids.clone(), Some(k), None))
            };
            let stack: Vec<Segment> = [AllocationKind::Allocated, AllocationKind::CarriedOver]
                .into_iter()
                .filter_map(seg)
                .collect();
            if !stack.is_empty() {
                group.bars.push(Bar {
                    slot: pi * per_period,
                    label: period.to_string(),
                    area_id: Some(area),
                    period: Some(*period),
                    segments: stack,
                });
            }
            if let Some(s) = seg(AllocationKind::Disbursed) {
                group.bars.push(Bar {
                    slot: pi * per_period + 1,
                    label: period.to_string(),
                    area_id: Some(area),
                    period: Some(*period),
                    segments: vec![s],
                });
            }
        }
        chart.groups.push(group);
    }
    let both = analysis::group_allocations(d, &spec.filter)?;
    chart.notes = span_notes(c, &by_area_period(&both)?, money, unit);
    Ok(chart)
}
