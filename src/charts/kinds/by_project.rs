//! "By project": one money kind per area and period, stacked by program project.

use crate::analysis;
use crate::charts::context::{Ctx, by_area_period, sorted_periods, span_notes};
use crate::charts::{Bar, Chart, Group, Segment, Series};
use crate::i18n::fill;
use crate::i18n::labels::project_label;
use crate::model::*;
use std::collections::BTreeSet;

/// One bar per area and period, its segments the projects in the dossier's order.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang, money, unit, kind_name) =
        (c.d, c.spec, c.lang, c.money, &c.unit, c.kind_name);
    let t = lang.texts();
    chart.title = fill(t.chart_title_project, &[("kind", kind_name)]);
    let groups = analysis::group_allocations(d, &c.one_kind(spec.money_kind))?;
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
    chart.notes = span_notes(c, &by_area_period(&groups)?, money, unit);
    Ok(chart)
}
