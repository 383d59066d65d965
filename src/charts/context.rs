//! What every chart kind is built from: the context of one build (names, order and sources of
//! areas and allocations) and the small helpers the kinds share — sums per area and period,
//! periods in reading order, notes for period totals, an indicator's values. Apart from the
//! kinds so that each kind's file holds only its own chart.

use super::{Chart, ChartKind, ChartSpec, Segment, SegmentValue, ValueFormat};
use crate::analysis::{self, AllocationFilter, AllocationGroup};
use crate::i18n::labels::{allocation_kind_label, unit_label};
use crate::i18n::{Lang, fill};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A sum and the records behind it.
pub(super) type Cell = (AmountSum, Vec<AllocationId>);

/// Sums allocation groups per (area, period) across projects.
pub(super) fn by_area_period(
    groups: &[AllocationGroup],
) -> Result<BTreeMap<(AreaId, Period), Cell>, MoneyError> {
    let mut out: BTreeMap<(AreaId, Period), (AmountSum, Vec<AllocationId>)> = BTreeMap::new();
    for g in groups {
        let e = out.entry((g.area_id, g.period)).or_default();
        e.0.merge(&g.sum)?;
        e.1.extend(g.allocation_ids.iter().copied());
    }
    Ok(out)
}

pub(super) enum SourceIndex<'a> {
    Sorted(&'a [Allocation]),
    Map(HashMap<AllocationId, &'a str>),
}

impl<'a> SourceIndex<'a> {
    pub(super) fn new(allocations: &'a [Allocation]) -> SourceIndex<'a> {
        if allocations.is_sorted_by_key(|a| a.id) {
            SourceIndex::Sorted(allocations)
        } else {
            SourceIndex::Map(
                allocations
                    .iter()
                    .map(|a| (a.id, a.source_doc.as_str()))
                    .collect(),
            )
        }
    }

    fn source(&self, id: AllocationId) -> Option<&'a str> {
        match self {
            SourceIndex::Sorted(list) => list
                .binary_search_by_key(&id, |a| a.id)
                .ok()
                .map(|i| list[i].source_doc.as_str()),
            SourceIndex::Map(m) => m.get(&id).copied(),
        }
    }
}

/// What one build of a chart shares with its kind: the dossier, the spec (narrowed to the
/// ranked areas), and what is looked up or named once for all of them.
pub(super) struct Ctx<'a> {
    pub(super) d: &'a Dossier,
    pub(super) spec: &'a ChartSpec,
    pub(super) lang: Lang,
    /// The allocations by id, to find a segment's sources: the dossier's own list when it is
    /// in id order (as loaded), else an index built once.
    pub(super) sources: SourceIndex<'a>,
    pub(super) area_order: HashMap<AreaId, usize>,
    pub(super) labels: HashMap<AreaId, String>,
    /// How `spec`'s money is written, in its unit.
    pub(super) money: ValueFormat,
    /// The name of `spec`'s unit of money.
    pub(super) unit: String,
    /// The name of `spec`'s kind of money.
    pub(super) kind_name: &'static str,
}

impl<'a> Ctx<'a> {
    /// The context of building `spec`'s chart, its areas drawn in `area_order`.
    pub(super) fn new(
        d: &'a Dossier,
        spec: &'a ChartSpec,
        lang: Lang,
        area_order: HashMap<AreaId, usize>,
    ) -> Ctx<'a> {
        Ctx {
            d,
            spec,
            lang,
            sources: SourceIndex::new(&d.allocations),
            area_order,
            labels: analysis::area_labels(d, lang),
            money: ValueFormat::Money(spec.unit),
            unit: unit_label(spec.unit, lang).to_string(),
            kind_name: allocation_kind_label(spec.money_kind, lang),
        }
    }

    /// `spec`'s filter narrowed to money of kind `k`.
    pub(super) fn one_kind(&self, k: AllocationKind) -> AllocationFilter {
        AllocationFilter {
            kinds: Some([k].into()),
            ..self.spec.filter.clone()
        }
    }
}

impl Ctx<'_> {
    pub(super) fn area_name(&self, id: AreaId) -> String {
        self.labels
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    pub(super) fn sources(&self, ids: &[AllocationId]) -> Vec<String> {
        let set: BTreeSet<&str> = ids
            .iter()
            .filter_map(|i| self.sources.source(*i))
            .filter(|s| !s.is_empty())
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    pub(super) fn money_segment(
        &self,
        series: usize,
        sum: &AmountSum,
        ids: Vec<AllocationId>,
        kind: Option<AllocationKind>,
        project: Option<ProjectId>,
    ) -> Segment {
        Segment {
            series,
            value: SegmentValue::from_sum(sum),
            kind,
            project_id: project,
            sources: self.sources(&ids),
            allocation_ids: ids,
            indicator_value_ids: vec![],
        }
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

/// Notes for period totals, so a reader never takes them for one year's money.
pub(super) fn span_notes(
    c: &Ctx<'_>,
    cells: &BTreeMap<(AreaId, Period), (AmountSum, Vec<AllocationId>)>,
    format: ValueFormat,
    unit: &str,
) -> Vec<String> {
    let t = c.lang.texts();
    let style = c.lang.number_style();
    cells
        .iter()
        .filter(|((_, p), _)| !p.is_single_year())
        .map(|((area, period), (sum, _))| {
            let value = match SegmentValue::from_sum(sum) {
                SegmentValue::Known(v) => format.format(v, style),
                SegmentValue::Partial(v) => {
                    fill(t.partly_unknown, &[("known", &format.format(v, style))])
                }
                SegmentValue::Unknown => t.unknown_amount.to_string(),
            };
            fill(
                t.chart_span_note,
                &[
                    ("area", &c.area_name(*area)),
                    ("value", &value),
                    ("unit", unit),
                    ("period", &period.to_string()),
                ],
            )
        })
        .collect()
}

/// The note, under any chart but compared rounds and indicators, of how many figures it leaves
/// out because a later round gave them again.
pub(super) fn note_superseded(d: &Dossier, spec: &ChartSpec, lang: Lang, chart: &mut Chart) {
    let t = lang.texts();
    // Figures a later round gave again are left out of the ordinary views: say so, once.
    if spec.filter.round == analysis::RoundView::Latest
        && !matches!(spec.kind, ChartKind::Rounds | ChartKind::Indicator)
    {
        let superseded = analysis::superseded(d);
        if !superseded.is_empty() {
            // The figures this chart would have shown: its money, under the units it shows.
            let filter = AllocationFilter {
                kinds: spec
                    .kind
                    .uses_money_kind()
                    .then(|| [spec.money_kind].into()),
                ..spec.filter.clone()
            };
            let regroup = analysis::area_regrouping(d, spec.filter.basis);
            let level: HashMap<AreaId, AreaLevel> =
                d.areas.iter().map(|a| (a.id, a.level())).collect();
            let n = d
                .allocations
                .iter()
                .filter(|a| superseded.contains(&a.id))
                .filter(|a| {
                    let shown = regroup.get(&a.area_id).copied().unwrap_or(a.area_id);
                    filter.accepts_as(a, shown, level.get(&shown).copied())
                })
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
    }
}
