//! The order areas are drawn in when a chart asks for an order or a limit: ranked by money,
//! or for an indicator by its value in one period. Apart from the kinds because it is decided
//! before any of them is built and names itself in the chart's title.

use super::context::{indicator_value, indicator_values};
use super::{AreaOrder, Chart, ChartKind, ChartSpec, SegmentValue};
use crate::analysis::AllocationFilter;
use crate::analysis::count::{Counter, Query};
use crate::i18n::labels::allocation_kind_label;
use crate::i18n::{Lang, fill};
use crate::model::*;
use std::collections::HashMap;

/// The areas of an indicator chart in `spec`'s order, ranked by their value in the latest
/// period shown (an indicator's values need not add up across years — a rate does not — so
/// the rank is one period's); areas with no known value then come last, never as zero. Also
/// how many listed areas are ranked on a value partly unknown, and the period ranked by.
pub fn ranked_indicator_areas(
    d: &Dossier,
    spec: &ChartSpec,
) -> Result<Option<(Vec<AreaId>, usize, Period)>, MoneyError> {
    if spec.kind != ChartKind::Indicator
        || (spec.order == AreaOrder::AsListed && spec.limit.is_none())
    {
        return Ok(None);
    }
    let Some((_, values)) = indicator_values(d, spec) else {
        return Ok(None);
    };
    let Some(latest) = values
        .iter()
        .map(|v| v.period)
        .max_by_key(|p| p.column_key())
    else {
        return Ok(None);
    };
    let mut in_latest: HashMap<AreaId, Vec<&IndicatorValue>> = HashMap::new();
    let mut areas: Vec<AreaId> = Vec::new();
    for v in &values {
        if !areas.contains(&v.area_id) {
            areas.push(v.area_id);
        }
        if v.period == latest {
            in_latest.entry(v.area_id).or_default().push(v);
        }
    }
    let listed: HashMap<AreaId, usize> =
        d.areas.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let pos = |a: &AreaId| listed.get(a).copied().unwrap_or(usize::MAX);
    let mut ranked: Vec<(AreaId, SegmentValue)> = Vec::new();
    for a in areas {
        let value = match in_latest.get(&a) {
            Some(vs) => indicator_value(vs)?,
            None => SegmentValue::Unknown,
        };
        ranked.push((a, value));
    }
    let known = |v: &SegmentValue| !matches!(v, SegmentValue::Unknown);
    ranked.sort_by_key(|(a, v)| {
        let k = v.known_part();
        let by = match spec.order {
            AreaOrder::AsListed => 0,
            AreaOrder::LargestFirst => -(k as i128),
            AreaOrder::SmallestFirst => k as i128,
        };
        (spec.order != AreaOrder::AsListed && !known(v), by, pos(a))
    });
    if let Some(n) = spec.limit {
        ranked.truncate(n);
    }
    let partial = ranked.iter().filter(|(_, v)| v.has_unknown()).count();
    Ok(Some((
        ranked.into_iter().map(|(a, _)| a).collect(),
        partial,
        latest,
    )))
}

/// The areas a chart of `spec` shows, in its order, when it asks for an order or a limit:
/// ranked by the known amount of its money kind over the years shown. An area whose amounts
/// are all unknown is ranked after every known one, in either order — an unknown is not a
/// zero. Also how many of the listed areas have a part unknown (their rank is by what is
/// known).
pub fn ranked_areas(
    d: &Dossier,
    spec: &ChartSpec,
) -> Result<Option<(Vec<AreaId>, usize)>, MoneyError> {
    if (spec.order == AreaOrder::AsListed && spec.limit.is_none())
        || matches!(spec.kind, ChartKind::Indicator | ChartKind::Totals)
    {
        return Ok(None);
    }
    let kind = match spec.kind {
        ChartKind::ByKind | ChartKind::DisbursementRate => AllocationKind::Allocated,
        _ => spec.money_kind,
    };
    let counter = Counter::new(
        d,
        &AllocationFilter {
            kinds: Some([kind].into()),
            ..spec.filter.clone()
        },
    )?;
    // Each area's total over the years shown, by the counting rules. Where it is withheld —
    // a period total beside years inside it — the single years are ranked on (the period
    // total left out), and the area counts as ranked on part of its money.
    let single_years: Vec<Period> = counter
        .periods(Some(kind))
        .into_iter()
        .filter(|p| p.is_single_year())
        .collect();
    let mut per_area: HashMap<AreaId, AmountSum> = HashMap::new();
    for area in counter.shown_areas(Some(kind)) {
        let areas = std::slice::from_ref(&area);
        let all = Query {
            areas: Some(areas),
            projects: None,
            kind,
            periods: None,
        };
        let sum = match counter.tally(&all)?.total {
            Some(sum) => sum,
            None => {
                let years = Query {
                    periods: Some(&single_years),
                    ..all
                };
                let mut part = counter.tally(&years)?.total.unwrap_or_default();
                part.unknown_count += 1;
                part
            }
        };
        per_area.insert(area, sum);
    }
    let listed: HashMap<AreaId, usize> =
        d.areas.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let pos = |a: &AreaId| listed.get(a).copied().unwrap_or(usize::MAX);
    type Ranked<'a> = Vec<(AreaId, &'a AmountSum)>;
    let (mut known, mut unknown): (Ranked<'_>, Ranked<'_>) = per_area
        .iter()
        .map(|(a, s)| (*a, s))
        .partition(|(_, s)| !s.is_wholly_unknown());
    match spec.order {
        AreaOrder::AsListed => known.sort_by_key(|(a, _)| pos(a)),
        AreaOrder::LargestFirst => {
            known.sort_by_key(|(a, s)| (std::cmp::Reverse(s.known.get()), pos(a)))
        }
        AreaOrder::SmallestFirst => known.sort_by_key(|(a, s)| (s.known.get(), pos(a))),
    }
    unknown.sort_by_key(|(a, _)| pos(a));
    let mut list: Vec<(AreaId, &AmountSum)> = known;
    if spec.order == AreaOrder::AsListed {
        list.extend(unknown);
        list.sort_by_key(|(a, _)| pos(a));
    } else {
        list.extend(unknown);
    }
    if let Some(n) = spec.limit {
        list.truncate(n);
    }
    let partial = list
        .iter()
        .filter(|(_, s)| s.is_partly_unknown() || s.is_wholly_unknown())
        .count();
    Ok(Some((list.into_iter().map(|(a, _)| a).collect(), partial)))
}

/// The ranking a chart is built in, decided before its kind is built: the areas in their order
/// and how many of them are ranked on a value partly unknown, and for an indicator the period
/// ranked by.
pub(super) struct Ranking {
    ranked: Option<(Vec<AreaId>, usize)>,
    ranked_on: Option<Period>,
}

impl Ranking {
    pub(super) fn new(d: &Dossier, spec: &ChartSpec) -> Result<Ranking, MoneyError> {
        let (ranked, ranked_on) = match ranked_indicator_areas(d, spec)? {
            Some((list, partial, period)) => (Some((list, partial)), Some(period)),
            None => (ranked_areas(d, spec)?, None),
        };
        Ok(Ranking { ranked, ranked_on })
    }

    /// `spec` narrowed to the ranked areas. An order alone draws every area (those without the
    /// ranking's money after the others); only a limit narrows the areas.
    pub(super) fn narrowed(&self, spec: &ChartSpec) -> Option<ChartSpec> {
        match &self.ranked {
            Some((list, _)) if spec.limit.is_some() => Some(ChartSpec {
                filter: AllocationFilter {
                    area_ids: Some(list.iter().copied().collect()),
                    ..spec.filter.clone()
                },
                ..spec.clone()
            }),
            _ => None,
        }
    }

    /// Where each area is drawn: in the ranked order, else in the tree's (a district's
    /// communes after it), as the summary and the print list them.
    pub(super) fn area_order(&self, d: &Dossier) -> HashMap<AreaId, usize> {
        match &self.ranked {
            Some((list, _)) => list.iter().enumerate().map(|(i, a)| (*a, i)).collect(),
            None => crate::analysis::count::tree_order(d).into_iter().collect(),
        }
    }

    /// Names the ranking in the chart's title, and says how many areas are ranked on a value
    /// partly unknown.
    pub(super) fn name_in_title(&self, spec: &ChartSpec, lang: Lang, chart: &mut Chart) {
        let t = lang.texts();
        if let Some((list, partial)) = &self.ranked {
            let kind = match spec.kind {
                ChartKind::ByKind | ChartKind::DisbursementRate => AllocationKind::Allocated,
                _ => spec.money_kind,
            };
            let kind = allocation_kind_label(kind, lang).to_lowercase();
            let count = list.len().to_string();
            // An indicator is ranked by its value in one period, money by its kind.
            let (top, bottom, desc, asc, what) = match self.ranked_on {
                Some(period) => (
                    t.chart_rank_top_value,
                    t.chart_rank_bottom_value,
                    t.chart_rank_desc_value,
                    t.chart_rank_asc_value,
                    ("period", period.to_string()),
                ),
                None => (
                    t.chart_rank_top,
                    t.chart_rank_bottom,
                    t.chart_rank_desc,
                    t.chart_rank_asc,
                    ("kind", kind),
                ),
            };
            let what = (what.0, what.1.as_str());
            let suffix = match (spec.order, spec.limit) {
                (AreaOrder::LargestFirst, Some(_)) => Some(fill(top, &[("count", &count), what])),
                (AreaOrder::SmallestFirst, Some(_)) => {
                    Some(fill(bottom, &[("count", &count), what]))
                }
                (AreaOrder::LargestFirst, None) => Some(fill(desc, &[what])),
                (AreaOrder::SmallestFirst, None) => Some(fill(asc, &[what])),
                (AreaOrder::AsListed, _) => None,
            };
            if let Some(suffix) = suffix {
                chart.title = format!("{} — {suffix}", chart.title);
            }
            if *partial > 0 && spec.order != AreaOrder::AsListed {
                chart.notes.insert(
                    0,
                    fill(
                        t.chart_rank_unknown_note,
                        &[("count", &partial.to_string())],
                    ),
                );
            }
        }
    }
}
