//! "Disbursement rate": disbursed ÷ (allocated + carried over) per area and period, drawn only
//! where every figure is known.

use crate::analysis::count::Query;
use crate::charts::context::Ctx;
use crate::charts::{Bar, Chart, Group, Segment, SegmentValue, Series, ValueFormat};
use crate::i18n::fill;
use crate::model::*;

/// One bar per area and period whose rate is known; a note for each one that is not.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let lang = c.lang;
    let t = lang.texts();
    chart.title = t.chart_title_rate.to_string();
    chart.value_label = "%".into();
    chart.format = ValueFormat::PercentTenths;
    chart.series = vec![Series {
        label: t.chart_view_rate.to_string(),
        color: 2,
        hatched: false,
    }];
    let areas = c.sorted_areas(c.counter.shown_areas(None));
    let periods = c.counter.periods(None);
    chart.slots = periods.len();
    for area in areas {
        let mut group = Group {
            label: c.area_name(area),
            bars: vec![],
        };
        for (slot, period) in periods.iter().enumerate() {
            let disbursed = c.total(Some(area), None, AllocationKind::Disbursed, Some(*period))?;
            if disbursed.is_empty() {
                continue;
            }
            // What the period had to spend: allocated plus carried over, by the counting rules.
            let available = c.counter.available(&Query {
                areas: Some(std::slice::from_ref(&area)),
                projects: None,
                kind: AllocationKind::Allocated,
                periods: Some(std::slice::from_ref(period)),
            })?;
            let base = if available.ids.is_empty() {
                None
            } else {
                available.total.as_ref().and_then(AmountSum::total)
            };
            let rate = match (disbursed.total.as_ref().and_then(AmountSum::total), base) {
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
                        ("area", &c.area_name(area)),
                        ("period", &period.to_string()),
                    ],
                ));
                continue;
            };

            group.bars.push(Bar {
                slot,
                label: period.to_string(),
                area_id: Some(area),
                period: Some(*period),
                segments: vec![Segment {
                    series: 0,
                    value: SegmentValue::Known(rate),
                    kind: Some(AllocationKind::Disbursed),
                    project_id: None,
                    tally: disbursed,
                    base_ids: available.ids,
                    sources: vec![],
                    indicator_value_ids: vec![],
                }],
                total: None,
            });
        }
        if !group.bars.is_empty() {
            chart.groups.push(group);
        }
    }
    if chart.is_empty() {
        chart.empty_message = Some(t.chart_rate_empty.to_string());
    }
    Ok(chart)
}
