//! "Compare rounds": the same areas' figures as each supervision round was told them, side by
//! side, and the figures that changed from one round to the next.

use crate::analysis::count::{Counter, Query, Tally};
use crate::analysis::{self, AllocationFilter};
use crate::charts::context::{Ctx, sorted_periods};
use crate::charts::{Bar, Chart, ChartSpec, Group, SegmentValue, Series, ValueFormat};
use crate::i18n::fill;
use crate::i18n::labels::project_label;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// Titles the chart and builds it by [`rounds_chart`].
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang, kind_name) = (c.d, c.spec, c.lang, c.kind_name);
    let t = lang.texts();
    chart.title = fill(t.chart_title_rounds, &[("kind", kind_name)]);
    rounds_chart(d, spec, c, &mut chart)?;
    Ok(chart)
}

/// How many figures revised between rounds are named under the chart, at most.
const MAX_REVISION_NOTES: usize = 8;

/// "Compare rounds": groups are areas; within each, one bar per period and round, coloured by
/// round. Each bar is what that round was told — rounds are never added to each other — and
/// the notes name the figures that changed from one round to the next.
fn rounds_chart(
    d: &Dossier,
    spec: &ChartSpec,
    c: &Ctx<'_>,
    chart: &mut Chart,
) -> Result<(), MoneyError> {
    let t = c.lang.texts();
    let style = c.lang.number_style();
    let labels = analysis::round_labels(d, c.lang);
    let kind = spec.money_kind;
    // What each round was told: its own figures only, counted by the same rules as any view.
    let mut cells: BTreeMap<(AreaId, Period, usize), Tally> = BTreeMap::new();
    let mut rounds: Vec<RoundId> = Vec::new();
    type Figure = (AreaId, ProjectId, Period, Covers);
    let mut told: BTreeMap<Figure, BTreeMap<usize, SegmentValue>> = BTreeMap::new();
    for round in analysis::rounds_in_time(d) {
        let filter = AllocationFilter {
            kinds: Some([kind].into()),
            round: analysis::RoundView::At(round.id),
            ..spec.filter.clone()
        };
        let counter = Counter::new(d, &filter)?;
        if counter.is_empty() {
            continue;
        }
        let ri = rounds.len();
        rounds.push(round.id);
        for area in counter.shown_areas(Some(kind)) {
            for period in counter.periods(Some(kind)) {
                let tally = counter.tally(&Query {
                    areas: Some(std::slice::from_ref(&area)),
                    projects: None,
                    kind,
                    periods: Some(std::slice::from_ref(&period)),
                })?;
                if !tally.is_empty() {
                    cells.insert((area, period, ri), tally);
                }
            }
        }
        // Each figure as this round was told it — its area as reported, project and period —
        // so that neither a project a round left out nor units added up under today's unit
        // are taken for a change.
        for (area, project, _, period, covers, sum) in counter.as_reported() {
            told.entry((area, project, period, covers))
                .or_default()
                .insert(ri, SegmentValue::from_sum(&sum));
        }
    }
    if rounds.is_empty() {
        chart.empty_message = Some(t.chart_rounds_none.to_string());
        return Ok(());
    }
    let label = |r: RoundId| labels.get(&r).cloned().unwrap_or_default();
    chart.series = rounds
        .iter()
        .enumerate()
        .map(|(i, r)| Series {
            label: label(*r),
            color: i,
            hatched: false,
        })
        .collect();
    let areas = c.sorted_areas(cells.keys().map(|k| k.0));
    let periods = sorted_periods(cells.keys().map(|k| k.1));
    chart.slots = periods.len() * rounds.len();
    for area in areas {
        let mut group = Group {
            label: c.area_name(area),
            bars: vec![],
        };
        for (pi, period) in periods.iter().enumerate() {
            for (ri, round) in rounds.iter().enumerate() {
                if let Some(tally) = cells.remove(&(area, *period, ri)) {
                    group.bars.push(Bar {
                        slot: pi * rounds.len() + ri,
                        label: format!("{period} · {}", label(*round)),
                        area_id: Some(area),
                        period: Some(*period),
                        segments: vec![c.money_segment(ri, tally, Some(kind), None)],
                        total: None,
                    });
                }
            }
        }
        chart.groups.push(group);
    }
    chart.notes.push(t.chart_rounds_note.to_string());
    // What changed from one round to the next that reported the same area, project and period.
    let money = ValueFormat::Money(spec.unit);
    let text = |v: SegmentValue| match v {
        SegmentValue::Known(x) => format!("{} {}", money.format(x, style), chart.value_label),
        SegmentValue::Partial(x) => fill(
            t.partly_unknown,
            &[(
                "known",
                &format!("{} {}", money.format(x, style), chart.value_label),
            )],
        ),
        SegmentValue::Unknown => t.unknown_amount.to_string(),
        SegmentValue::Withheld => t.withheld_short.to_string(),
    };
    let projects: BTreeSet<ProjectId> = told.keys().map(|k| k.1).collect();
    let mut revisions = Vec::new();
    for ((area, project, period, _), by_round) in &told {
        let by_round: Vec<(&usize, &SegmentValue)> = by_round.iter().collect();
        for pair in by_round.windows(2) {
            let [(r0, before), (r1, after)] = pair else {
                continue;
            };
            let (before, after) = (**before, **after);
            if before == after {
                continue;
            }
            // The project is named only where the chart shows several.
            let what = match d.project(*project).filter(|_| projects.len() > 1) {
                Some(p) => format!("{} ({})", c.area_name(*area), project_label(p, c.lang)),
                None => c.area_name(*area),
            };
            revisions.push(fill(
                t.chart_rounds_changed,
                &[
                    ("area", &what),
                    ("period", &period.to_string()),
                    ("before", &text(before)),
                    ("round_before", &label(rounds[**r0])),
                    ("after", &text(after)),
                    ("round_after", &label(rounds[**r1])),
                ],
            ));
        }
    }
    if revisions.is_empty() && rounds.len() > 1 {
        chart.notes.push(t.chart_rounds_unchanged.to_string());
    }
    let more = revisions.len().saturating_sub(MAX_REVISION_NOTES);
    revisions.truncate(MAX_REVISION_NOTES);
    chart.notes.extend(revisions);
    if more > 0 {
        chart
            .notes
            .push(fill(t.chart_rounds_more, &[("n", &more.to_string())]));
    }
    Ok(())
}
