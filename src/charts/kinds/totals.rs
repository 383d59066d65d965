//! "Totals": the province's total of one money kind, single years as a line and period totals
//! as spans, with the reorganisations of units marked on the year axis.

use crate::charts::context::{BRIEF, Ctx};
use crate::charts::{Chart, LinePoint, SegmentValue, Series, SpanTotal, TimeMarker};
use crate::i18n::{Lang, fill};
use crate::model::*;
use std::collections::BTreeSet;

/// Single years' totals as a line, period totals apart as spans, never one year's money.
/// Each is the province's total by the counting rules (a district and its communes once).
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang, kind_name) = (c.d, c.spec, c.lang, c.kind_name);
    let t = lang.texts();
    let kind = spec.money_kind;
    chart.title = fill(t.chart_title_totals, &[("kind", &kind_name.to_lowercase())]);
    chart.series = vec![Series {
        label: fill(t.chart_total_series, &[("kind", &kind_name.to_lowercase())]),
        color: 0,
        hatched: false,
    }];
    let mut periods = c.counter.periods(Some(kind));
    periods.sort();
    for period in periods {
        let tally = c.total(None, None, kind, Some(period))?;
        let value = SegmentValue::from_tally(&tally);
        let tally = tally.brief(BRIEF);
        if period.is_single_year() {
            chart.line.push(LinePoint {
                year: period.from_year(),
                value,
                tally,
            });
        } else {
            chart.spans.push(SpanTotal {
                period,
                value,
                tally,
            });
        }
    }
    if !chart.spans.is_empty() {
        chart.notes.push(t.chart_totals_span_note.to_string());
    }
    chart.totals.grand = Some(c.total(None, None, kind, None)?.brief(BRIEF));
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
