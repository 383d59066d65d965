//! "By kind": allocated and carried-over money stacked, disbursed beside them, per area and
//! period.

use crate::charts::context::{Ctx, part_notes, span_notes};
use crate::charts::{Bar, Chart, Group, Segment, Series};
use crate::i18n::labels::allocation_kind_label;
use crate::model::*;

/// Allocated and carried over stacked in one bar (carried over hatched) whose total is what
/// the period had to spend, disbursed in a bar beside it. Kinds are never otherwise added.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (lang, money, unit) = (c.lang, c.money, &c.unit);
    let t = lang.texts();
    chart.title = t.chart_title_kind.to_string();
    chart.series = AllocationKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| Series {
            label: allocation_kind_label(*k, lang).to_string(),
            color: i,
            hatched: *k == AllocationKind::CarriedOver,
        })
        .collect();
    let has_disbursed = !c
        .counter
        .periods(Some(AllocationKind::Disbursed))
        .is_empty();
    let areas = c.sorted_areas(c.counter.shown_areas(None));
    let parts = part_notes(c, &areas);
    let periods = c.counter.periods(None);
    let per_period = if has_disbursed { 2 } else { 1 };
    chart.slots = periods.len() * per_period;
    let mut notes = Vec::new();
    for area in areas {
        let mut group = Group {
            label: c.area_name(area),
            bars: vec![],
        };
        for (pi, period) in periods.iter().enumerate() {
            let seg = |k: AllocationKind| -> Result<Option<Segment>, MoneyError> {
                let tally = c.total(Some(area), None, k, Some(*period))?;
                Ok((!tally.is_empty()).then(|| c.money_segment(k as usize, tally, Some(k), None)))
            };
            let mut stack: Vec<Segment> = Vec::new();
            for k in [AllocationKind::Allocated, AllocationKind::CarriedOver] {
                stack.extend(seg(k)?);
            }
            let disbursed = seg(AllocationKind::Disbursed)?;
            if let Some(first) = stack.first().or(disbursed.as_ref()) {
                notes.push((area, *period, first.value));
            }
            if !stack.is_empty() {
                let total = (stack.len() > 1)
                    .then(|| {
                        c.counter.available(&crate::analysis::count::Query {
                            areas: Some(std::slice::from_ref(&area)),
                            projects: None,
                            kind: AllocationKind::Allocated,
                            periods: Some(std::slice::from_ref(period)),
                        })
                    })
                    .transpose()?;
                group.bars.push(Bar {
                    slot: pi * per_period,
                    label: period.to_string(),
                    area_id: Some(area),
                    period: Some(*period),
                    segments: stack,
                    total,
                });
            }
            if let Some(s) = disbursed {
                group.bars.push(Bar {
                    slot: pi * per_period + 1,
                    label: period.to_string(),
                    area_id: Some(area),
                    period: Some(*period),
                    segments: vec![s],
                    total: None,
                });
            }
        }
        chart.groups.push(group);
    }
    chart.notes = span_notes(c, notes, money, unit);
    chart.notes.extend(parts);
    Ok(chart)
}
