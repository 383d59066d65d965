//! Small multiples: one small chart per former district, built through [`super::build`] like
//! any other chart, so it lives beside the kinds rather than among them.

use super::{AreaOrder, Chart, ChartKind, ChartSpec, build};
use crate::analysis::{self, AllocationFilter};
use crate::i18n::Lang;
use crate::model::*;
use std::collections::{BTreeSet, HashMap};

/// One small chart per former district (a unit of district level that was replaced): its own
/// figures and those of the units that replaced it, side by side, so a district's years before
/// the reform and its communes' years after read together. Figures stay under the unit that
/// reported them; a commune drawn from two districts appears in both panels, each panel's title
/// says which units it holds. In the dossier's order of districts.
pub fn small_multiples(
    d: &Dossier,
    spec: &ChartSpec,
    lang: Lang,
) -> Result<Vec<Chart>, MoneyError> {
    let map = SuccessionMap::new(&d.successions);
    let mut out = Vec::new();
    for district in d
        .areas
        .iter()
        .filter(|a| a.level() == AreaLevel::District && map.is_former(a.id))
    {
        let mut ids: BTreeSet<AreaId> = map.current_units(district.id).into_iter().collect();
        ids.insert(district.id);
        let panel = ChartSpec {
            kind: ChartKind::AreaYear,
            filter: AllocationFilter {
                area_ids: Some(ids),
                basis: analysis::AreaBasis::AsReported,
                area_level: None,
                ..spec.filter.clone()
            },
            order: AreaOrder::AsListed,
            limit: None,
            ..spec.clone()
        };
        let mut chart = build(d, &panel, lang)?;
        chart.title = district.full_name(lang);
        out.push(chart);
    }
    // A period has one colour in every panel: the colours of all the panels' periods together,
    // in reading order.
    let mut periods: Vec<Period> = out
        .iter()
        .flat_map(|c| {
            c.groups
                .iter()
                .flat_map(|g| g.bars.iter().filter_map(|b| b.period))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    periods.sort_by_key(|p| p.column_key());
    let colour: HashMap<String, usize> = periods
        .iter()
        .enumerate()
        .map(|(i, p)| (p.to_string(), i))
        .collect();
    for chart in &mut out {
        for s in &mut chart.series {
            if let Some(c) = colour.get(&s.label) {
                s.color = *c;
            }
        }
    }
    Ok(out)
}
