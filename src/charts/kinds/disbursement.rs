//! "Disbursement rate": disbursed ÷ (allocated + carried over) per area and period, drawn only
//! where every figure is known.

use crate::analysis::{self, AllocationFilter};
use crate::charts::context::{Cell, Ctx, sorted_periods};
use crate::charts::{Bar, Chart, Group, Segment, SegmentValue, Series, ValueFormat};
use crate::i18n::fill;
use crate::model::*;
use std::collections::BTreeMap;

/// One bar per area and period whose rate is known; a note for each one that is not.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang) = (c.d, c.spec, c.lang);
    let t = lang.texts();
    chart.title = t.chart_title_rate.to_string();
    chart.value_label = "%".into();
    chart.format = ValueFormat::PercentTenths;
    chart.series = vec![Series {
        label: t.chart_view_rate.to_string(),
        color: 2,
        hatched: false,
    }];
    let groups = analysis::group_allocations(
        d,
        &AllocationFilter {
            kinds: None,
            ..spec.filter.clone()
        },
    )?;
    let mut cells: BTreeMap<(AreaId, Period), [Option<Cell>; 3]> = BTreeMap::new();
    for g in &groups {
        let slot = &mut cells.entry((g.area_id, g.period)).or_default()[g.kind as usize];
        let e = slot.get_or_insert_with(Default::default);
        e.0.merge(&g.sum)?;
        e.1.extend(g.allocation_ids.iter().copied());
    }
    let periods = sorted_periods(cells.keys().map(|k| k.1));
    chart.slots = periods.len();
    let mut groups_out: BTreeMap<usize, Group> = BTreeMap::new();
    for ((area, period), [alloc, carried, disbursed]) in &cells {
        let Some((dis, dis_ids)) = disbursed else {
            continue;
        };
        let base_known = match (alloc, carried) {
            (Some((a, _)), None) => a.total(),
            (Some((a, _)), Some((c, _))) => a
                .total()
                .zip(c.total())
                .and_then(|(a, c)| a.checked_add(c).ok()),
            (None, Some((c, _))) => c.total(),
            (None, None) => None,
        };
        let rate = match (dis.total(), base_known) {
            (Some(dv), Some(base)) if base.get() > 0 => {
                // Tenths of a percent, rounded half up, in integers.
                let num = i128::from(dv.get()) * 1000;
                let den = i128::from(base.get());
                Some(((num * 2 + den) / (den * 2)) as i64)
            }
            _ => None,
        };
        let Some(rate) = rate else {
            chart.notes.push(fill(
                t.chart_rate_missing,
                &[
                    ("area", &c.area_name(*area)),
                    ("period", &period.to_string()),
                ],
            ));
            continue;
        };
        let mut ids: Vec<AllocationId> = dis_ids.clone();
        for (_, i) in [alloc, carried].into_iter().flatten() {
            ids.extend(i.iter().copied());
        }
        ids.sort();
        let pos = c.area_order.get(area).copied().unwrap_or(usize::MAX);
        let group = groups_out.entry(pos).or_insert_with(|| Group {
            label: c.area_name(*area),
            bars: vec![],
        });
        group.bars.push(Bar {
            slot: periods.iter().position(|p| p == period).unwrap_or(0),
            label: period.to_string(),
            area_id: Some(*area),
            period: Some(*period),
            segments: vec![Segment {
                series: 0,
                value: SegmentValue::Known(rate),
                kind: Some(AllocationKind::Disbursed),
                project_id: None,
                sources: c.sources(&ids),
                allocation_ids: ids,
                indicator_value_ids: vec![],
            }],
        });
    }
    chart.groups = groups_out.into_values().collect();
    if chart.is_empty() {
        chart.empty_message = Some(t.chart_rate_empty.to_string());
    }
    Ok(chart)
}
