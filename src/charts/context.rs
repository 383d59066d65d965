//! What every chart kind is built from: the context of one build (names, order and sources of
//! areas and allocations, and the counting module's view of the figures) and the small helpers
//! the kinds share — a bar's total, the table's totals, periods in reading order, notes for
//! period totals, an indicator's values. Apart from the kinds so that each kind's file holds
//! only its own chart. Every amount comes from `analysis::count`; nothing here adds money.

use super::{Chart, ChartKind, ChartSpec, ChartTotals, Segment, SegmentValue, ValueFormat};
use crate::analysis::count::{Counter, Query, Tally};
use crate::analysis::{self, AllocationFilter};
use crate::i18n::labels::{allocation_kind_label, unit_label};
use crate::i18n::{Lang, fill};
use crate::model::*;
use std::collections::{BTreeSet, HashMap};

/// How many of a big total's figures a chart keeps by id (to name in a tooltip or list in the
/// records panel): a province's total is made of a million.
pub(super) const BRIEF: usize = 200;

/// What one build of a chart shares with its kind: the dossier, the spec (narrowed to the
/// ranked areas), and what is looked up or named once for all of them.
pub(super) struct Ctx<'a> {
    pub(super) d: &'a Dossier,
    pub(super) spec: &'a ChartSpec,
    pub(super) lang: Lang,
    pub(super) area_order: HashMap<AreaId, usize>,
    pub(super) labels: HashMap<AreaId, String>,
    /// How `spec`'s money is written, in its unit.
    pub(super) money: ValueFormat,
    /// The name of `spec`'s unit of money.
    pub(super) unit: String,
    /// The name of `spec`'s kind of money.
    pub(super) kind_name: &'static str,
    /// The figures the chart shows, counted by the rules of `analysis::count`.
    pub(super) counter: Counter,
}

impl<'a> Ctx<'a> {
    /// The context of building `spec`'s chart, its areas drawn in `area_order`.
    pub(super) fn new(
        d: &'a Dossier,
        spec: &'a ChartSpec,
        lang: Lang,
        area_order: HashMap<AreaId, usize>,
    ) -> Result<Ctx<'a>, MoneyError> {
        // Every kind of money the view's other choices take: a kind's chart asks for its own.
        let counter = Counter::new(
            d,
            &AllocationFilter {
                kinds: None,
                ..spec.filter.clone()
            },
        )?;
        Ok(Ctx {
            d,
            spec,
            lang,
            area_order,
            labels: analysis::area_labels(d, lang),
            money: ValueFormat::Money(spec.unit),
            unit: unit_label(spec.unit, lang).to_string(),
            kind_name: allocation_kind_label(spec.money_kind, lang),
            counter,
        })
    }
}

impl Ctx<'_> {
    pub(super) fn area_name(&self, id: AreaId) -> String {
        self.labels
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// A segment of money: its value and records from the counting module's total.
    pub(super) fn money_segment(
        &self,
        series: usize,
        tally: Tally,
        kind: Option<AllocationKind>,
        project: Option<ProjectId>,
    ) -> Segment {
        Segment {
            series,
            value: SegmentValue::from_tally(&tally),
            kind,
            project_id: project,
            tally,
            base_ids: vec![],
            indicator_value_ids: vec![],
            sources: vec![],
        }
    }

    /// The total of money of `kind` in an area (as shown; `None`: every area of the view),
    /// for one period (`None`: every period) and one project (`None`: every project).
    pub(super) fn total(
        &self,
        area: Option<AreaId>,
        project: Option<ProjectId>,
        kind: AllocationKind,
        period: Option<Period>,
    ) -> Result<Tally, MoneyError> {
        self.counter.tally(&Query {
            areas: area.as_ref().map(std::slice::from_ref),
            projects: project.as_ref().map(std::slice::from_ref),
            kind,
            periods: period.as_ref().map(std::slice::from_ref),
        })
    }

    /// The totals of a table of `kind` whose rows are `rows` and whose columns are the bars'
    /// slots `columns`: each row's and column's total and the grand total, asked of the
    /// counting module (which withholds what cannot be added, such as overlapping periods).
    pub(super) fn table_totals(
        &self,
        kind: AllocationKind,
        rows: &[Axis],
        columns: &[(usize, Axis)],
    ) -> Result<ChartTotals, MoneyError> {
        let of = |axis: &Axis| match axis {
            Axis::Area(a) => self.total(Some(*a), None, kind, None),
            Axis::Period(p) => self.total(None, None, kind, Some(*p)),
        };
        // A table's totals are shown and explained, never listed in full: kept in brief.
        let mut totals = ChartTotals {
            grand: Some(self.total(None, None, kind, None)?.brief(BRIEF)),
            ..Default::default()
        };
        for r in rows {
            totals.rows.push(Some(of(r)?.brief(BRIEF)));
        }
        for (slot, c) in columns {
            totals.columns.insert(*slot, of(c)?.brief(BRIEF));
        }
        Ok(totals)
    }

    pub(super) fn sorted_areas(&self, areas: impl IntoIterator<Item = AreaId>) -> Vec<AreaId> {
        let mut v: Vec<AreaId> = areas
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        v.sort_by_key(|a| self.area_order.get(a).copied().unwrap_or(usize::MAX));
        v
    }
}

/// The numeric indicator a chart of `spec` shows (the one chosen, else the first) and its
/// values that pass the filter's level, areas and years.
pub(super) fn indicator_values<'a>(
    d: &'a Dossier,
    spec: &ChartSpec,
) -> Option<(&'a Indicator, Vec<&'a IndicatorValue>)> {
    let ind = spec
        .indicator
        .and_then(|i| d.indicator(i))
        .filter(|i| i.kind == IndicatorKind::Number)
        .or_else(|| {
            d.indicators
                .iter()
                .find(|i| i.kind == IndicatorKind::Number)
        })?;
    let level: HashMap<AreaId, AreaLevel> = d.areas.iter().map(|a| (a.id, a.level())).collect();
    let f = &spec.filter;
    let values = d
        .indicator_values
        .iter()
        .filter(|v| v.indicator_id == ind.id)
        .filter(|v| {
            f.area_level
                .is_none_or(|l| level.get(&v.area_id) == Some(&l))
        })
        .filter(|v| f.area_ids.as_ref().is_none_or(|s| s.contains(&v.area_id)))
        .filter(|v| {
            f.years
                .is_none_or(|(a, b)| v.period.from_year() <= b && a <= v.period.to_year())
        })
        .collect();
    Some((ind, values))
}

/// The values of one area and period added up: unknown when none is known, partly so when
/// some are missing.
pub(super) fn indicator_value(vs: &[&IndicatorValue]) -> Result<SegmentValue, MoneyError> {
    let mut known = 0i64;
    let mut unknown = 0;
    for v in vs {
        match v.value {
            Measure::Number(q) => {
                known = known
                    .checked_add(q.milli())
                    .ok_or(MoneyError::ValueOverflow)?
            }
            _ => unknown += 1,
        }
    }
    Ok(if unknown == vs.len() {
        SegmentValue::Unknown
    } else if unknown > 0 {
        SegmentValue::Partial(known)
    } else {
        SegmentValue::Known(known)
    })
}

/// Periods in reading order ([`Period::column_key`]).
pub(super) fn sorted_periods(periods: impl IntoIterator<Item = Period>) -> Vec<Period> {
    let mut v: Vec<Period> = periods
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    v.sort_by_key(|p| p.column_key());
    v
}

/// What a row or a column of a chart's table stands for: an area (as shown) or a period.
#[derive(Clone, Copy, Debug)]
pub(super) enum Axis {
    Area(AreaId),
    Period(Period),
}

/// Notes for period totals, so a reader never takes them for one year's money: one for each
/// (area, period total, value) given.
pub(super) fn span_notes(
    c: &Ctx<'_>,
    cells: impl IntoIterator<Item = (AreaId, Period, SegmentValue)>,
    format: ValueFormat,
    unit: &str,
) -> Vec<String> {
    let t = c.lang.texts();
    let style = c.lang.number_style();
    let mut cells: Vec<(AreaId, Period, SegmentValue)> = cells
        .into_iter()
        .filter(|(_, p, _)| !p.is_single_year())
        .collect();
    cells.sort_by_key(|(a, p, _)| (*a, *p));
    cells.dedup_by_key(|(a, p, _)| (*a, *p));
    cells
        .into_iter()
        .map(|(area, period, value)| {
            let value = match value {
                SegmentValue::Known(v) => format.format(v, style),
                SegmentValue::Partial(v) => {
                    fill(t.partly_unknown, &[("known", &format.format(v, style))])
                }
                SegmentValue::Unknown => t.unknown_amount.to_string(),
                SegmentValue::Withheld => t.withheld_short.to_string(),
            };
            fill(
                t.chart_span_note,
                &[
                    ("area", &c.area_name(area)),
                    ("value", &value),
                    ("unit", unit),
                    ("period", &period.to_string()),
                ],
            )
        })
        .collect()
}

/// A note for each area drawn whose figures lie inside another area drawn (a commune beside
/// its district): the reader must not add its bars to the district's.
pub(super) fn part_notes(c: &Ctx<'_>, areas: &[AreaId]) -> Vec<String> {
    let t = c.lang.texts();
    let drawn: BTreeSet<AreaId> = areas.iter().copied().collect();
    let parents: HashMap<AreaId, AreaId> =
        c.d.areas
            .iter()
            .filter_map(|a| Some((a.id, a.parent_id?)))
            .collect();
    let parent = |a: AreaId| parents.get(&a).copied();
    areas
        .iter()
        .filter_map(|a| {
            let mut at = parent(*a);
            for _ in 0..16 {
                match at {
                    Some(p) if drawn.contains(&p) => {
                        return Some(fill(
                            t.chart_part_note,
                            &[("area", &c.area_name(*a)), ("whole", &c.area_name(p))],
                        ));
                    }
                    Some(p) => at = parent(p),
                    None => return None,
                }
            }
            None
        })
        .collect()
}

/// The note, under any chart but compared rounds and indicators, of how many figures it leaves
/// out because a later round gave them again.
pub(super) fn note_superseded(c: &Ctx<'_>, chart: &mut Chart) {
    let (spec, t) = (c.spec, c.lang.texts());
    if spec.filter.round != analysis::RoundView::Latest
        || matches!(spec.kind, ChartKind::Rounds | ChartKind::Indicator)
    {
        return;
    }
    let money_kind = spec.kind.uses_money_kind().then_some(spec.money_kind);
    let n = c
        .counter
        .replaced()
        .iter()
        .filter(|r| money_kind.is_none_or(|k| r.kind == k))
        .count();
    if n > 0 {
        let text = if n == 1 {
            t.chart_superseded_note_one
        } else {
            t.chart_superseded_note
        };
        chart.notes.push(fill(text, &[("n", &n.to_string())]));
    }
}
