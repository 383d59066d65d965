//! "Totals": the province's total of one money kind, single years as a line and period totals
//! as spans, with the reorganisations of units marked on the year axis.

use crate::analysis;
use crate::charts::context::Ctx;
use crate::charts::{Chart, LinePoint, SegmentValue, Series, SpanTotal, TimeMarker};
use crate::i18n::{Lang, fill};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// Single years' totals as a line, period totals apart as spans, never one year's money.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang, kind_name) = (c.d, c.spec, c.lang, c.kind_name);
    let t = lang.texts();
    chart.title = fill(t.chart_title_totals, &[("kind", &kind_name.to_lowercase())]);
    let groups = analysis::group_allocations(d, &c.one_kind(spec.money_kind))?;
    let mut per_period: BTreeMap<Period, (AmountSum, Vec<AllocationId>)> = BTreeMap::new();
    for g in &groups {
        let e = per_period.entry(g.period).or_default();
        e.0.merge(&g.sum)?;
        e.1.extend(g.allocation_ids.iter().copied());
    }
    chart.series = vec![Series {
        label: fill(t.chart_total_series, &[("kind", &kind_name.to_lowercase())]),
        color: 0,
        hatched: false,
    }];
    for (period, (sum, ids)) in per_period {
        if period.is_single_year() {
            chart.line.push(LinePoint {
                year: period.from_year(),
                value: SegmentValue::from_sum(&sum),
                allocation_ids: ids,
            });
        } else {
            chart.spans.push(SpanTotal {
                period,
                value: SegmentValue::from_sum(&sum),
                allocation_ids: ids,
            });
        }
    }
    if !chart.spans.is_empty() {
        chart.notes.push(t.chart_totals_span_note.to_string());
    }
    let years = chart.line.iter().map(|p| (p.year, p.year)).chain(
        chart
            .spans
            .iter()
            .map(|s| (s.period.from_year(), s.period.to_year())),
    );
    if let Some((from, to)) = years.reduce(|a, b| (a.0.min(b.0), a.1.max(b.1))) {
        chart.markers = time_markers(d, from, to, lang);
    }
    Ok(chart)
}

/// The reorganisations in the succession lines that fall between the years `from` and `to`
/// shown, oldest first.
pub fn time_markers(d: &Dossier, from: i32, to: i32, lang: Lang) -> Vec<TimeMarker> {
    use chrono::Datelike;
    // A change on 1 January falls before its year; any other day, after it (the former units
    // reported that year).
    let place = |date: chrono::NaiveDate| {
        if date.ordinal() == 1 {
            f64::from(date.year()) - 0.5
        } else {
            f64::from(date.year()) + 0.5
        }
    };
    let dates: BTreeSet<chrono::NaiveDate> = d
        .successions
        .iter()
        .map(|x| x.date)
        .filter(|x| place(*x) > f64::from(from) && place(*x) < f64::from(to))
        .collect();
    dates
        .into_iter()
        .map(|date| TimeMarker {
            date,
            x: place(date),
            label: fill(
                lang.texts().reform_marker,
                &[("date", &date.format("%d/%m/%Y").to_string())],
            ),
        })
        .collect()
}
