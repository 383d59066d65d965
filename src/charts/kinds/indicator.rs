//! "Indicator": a numeric indicator's values per area and period, added up only within one
//! area and period.

use crate::charts::context::{Ctx, indicator_value, indicator_values, sorted_periods};
use crate::charts::{Bar, Chart, Group, Segment, Series, ValueFormat};
use crate::i18n::fill;
use crate::model::*;
use std::collections::{BTreeSet, HashMap};

/// One bar per area and period with values of the indicator, partly unknown where some are.
pub(crate) fn build(c: &Ctx<'_>, mut chart: Chart) -> Result<Chart, MoneyError> {
    let (d, spec, lang) = (c.d, c.spec, c.lang);
    let t = lang.texts();
    chart.format = ValueFormat::Quantity;
    let Some((ind, values)) = indicator_values(d, spec) else {
        chart.title = t.chart_view_indicator.to_string();
        chart.empty_message = Some(t.chart_no_indicator.to_string());
        return Ok(chart);
    };
    chart.title = fill(t.chart_title_indicator, &[("indicator", &ind.name)]);
    chart.value_label = ind.unit.clone();
    let periods = sorted_periods(values.iter().map(|v| v.period));
    let areas = c.sorted_areas(values.iter().map(|v| v.area_id));
    chart.series = periods
        .iter()
        .enumerate()
        .map(|(i, p)| Series {
            label: p.to_string(),
            color: i,
            hatched: false,
        })
        .collect();
    chart.slots = periods.len();
    let mut cells: HashMap<(AreaId, Period), Vec<&IndicatorValue>> = HashMap::new();
    for v in &values {
        cells.entry((v.area_id, v.period)).or_default().push(v);
    }
    for area in areas {
        let mut group = Group {
            label: c.area_name(area),
            bars: vec![],
        };
        for (si, period) in periods.iter().enumerate() {
            let Some(vs) = cells.get(&(area, *period)) else {
                continue;
            };
            let value = indicator_value(vs)?;
            let sources: BTreeSet<String> = vs
                .iter()
                .map(|v| v.source_doc.clone())
                .filter(|s| !s.is_empty())
                .collect();
            group.bars.push(Bar {
                slot: si,
                label: period.to_string(),
                area_id: Some(area),
                period: Some(*period),
                segments: vec![Segment {
                    series: si,
                    value,
                    kind: None,
                    project_id: None,
                    tally: Default::default(),
                    base_ids: vec![],
                    indicator_value_ids: vs.iter().map(|v| v.id).collect(),
                    sources: sources.into_iter().collect(),
                }],
                total: None,
            });
        }
        chart.groups.push(group);
    }
    Ok(chart)
}
