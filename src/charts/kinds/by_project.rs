//! "By project": one money kind per area and period, stacked by program project.

use crate::analysis;
use crate::charts::context::{Ctx, by_area_period, one_kind, sorted_periods, span_notes};
use crate::charts::{Bar, Chart, ChartSpec, Group, Segment, Series, ValueFormat};
use crate::i18n::fill;
use crate::i18n::labels::{allocation_kind_label, project_label, unit_label};
use crate::model::*;
use std::collections::BTreeSet;

/// One bar per area and period, its segments the projects in the dossier's order.
pub(crate) fn build(
    d: &Dossier,
    spec: &ChartSpec,
    c: &Ctx<'_>,
    mut chart: Chart,
) -> Result<Chart, MoneyError> {
    let lang = c.lang;
    let t = lang.texts();
    let money = ValueFormat::Money(spec.unit);
    let unit = unit_label(spec.unit, lang).to_string();
    let kind_name = allocation_kind_label(spec.money_kind, lang);
    chart.title = fill(t.chart_title_project, &[("kind", kind_name)]);
    let groups = analysis::group_allocations(d, &one_kind(spec, spec.money_kind))?;
    let projects: Vec<ProjectId> = {
        let present: BTreeSet<ProjectId> = groups.iter().map(|g| g.project_id).collect();
        d.projects
            .iter()
            .map(|p| p.id)
            .filter(|p| present.contains(p))
            .collect()
    };
    chart.series = projects
        .iter()
        .enumerate()
        .map(|(i, p)| Series {
            label: d
                .project(*p)
                .map(|x| project_label(x, lang))
                .unwrap_or_default(),
            color: i,
            hatched: false,
        })
        .collect();
    let areas = c.sorted_areas(groups.iter().map(|g| g.area_id));
    let periods = sorted_periods(groups.iter().map(|g| g.period));
    chart.slots = periods.len();
    for area in areas {
        let mut group = Group {
            label: c.area_name(area),
            bars: vec![],
        };
        for (pi, period) in periods.iter().enumerate() {
            let segments: Vec<Segment> = projects
                .iter()
                .enumerate()
                .filter_map(|(si, p)| {
                    groups
                        .iter()
                        .find(|g| g.area_id == area && g.period == *period && g.project_id == *p)
                        .map(|g| {
                            c.money_segment(
                                si,
                                &g.sum,
                                g.allocation_ids.clone(),
                                Some(spec.money_kind),
                                Some(*p),
                            )
                        })
                })
                .collect();
            if !segments.is_empty() {
                group.bars.push(Bar {
                    slot: pi,
                    label: period.to_string(),
                    area_id: Some(area),
                    period: Some(*period),
                    segments,
                });
            }
        }
        chart.groups.push(group);
    }
    chart.notes = span_notes(c, &by_area_period(&groups)?, money, &unit);
    Ok(chart)
}
