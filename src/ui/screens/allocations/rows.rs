//! Which figures the funds table shows, and in which order: filtered by area, kind, year and
//! text, sorted by a column — worked out once per change of the data or the choice.

use crate::i18n::Lang;
use crate::model::text::search_key;
use crate::model::*;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortBy {
    #[default]
    Area,
    Project,
    Kind,
    Period,
    Amount,
    Source,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct RowsKey {
    pub(super) search: String,
    pub(super) area: Option<AreaId>,
    pub(super) kind: Option<AllocationKind>,
    pub(super) year: Option<i32>,
    pub(super) sort: SortBy,
    pub(super) ascending: bool,
    pub(super) lang: Lang,
}

/// The figures the filter lets through, in the order asked for.
pub(super) fn filtered_sorted(d: &Dossier, key: &RowsKey) -> Vec<AllocationId> {
    let areas: HashMap<AreaId, &Area> = d.areas.iter().map(|a| (a.id, a)).collect();
    let area_pos: HashMap<AreaId, usize> =
        d.areas.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let project_pos: HashMap<ProjectId, usize> = d
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let needle = search_key(key.search.trim(), true);
    let mut rows: Vec<&Allocation> = d
        .allocations
        .iter()
        .filter(|a| key.area.is_none_or(|x| x == a.area_id))
        .filter(|a| key.kind.is_none_or(|x| x == a.kind))
        .filter(|a| key.year.is_none_or(|y| a.period.contains_year(y)))
        .filter(|a| {
            needle.is_empty() || {
                let area = areas.get(&a.area_id).map(|x| x.name.as_str()).unwrap_or("");
                let hay = format!("{area} {} {} {}", a.period, a.source_doc, a.note);
                search_key(&hay, true).contains(&needle)
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        let by_area = area_pos.get(&x.area_id).cmp(&area_pos.get(&y.area_id));
        let o = match key.sort {
            SortBy::Area => by_area
                .then(x.period.cmp(&y.period))
                .then(x.kind.cmp(&y.kind)),
            SortBy::Project => project_pos
                .get(&x.project_id)
                .cmp(&project_pos.get(&y.project_id))
                .then(by_area),
            SortBy::Kind => x.kind.cmp(&y.kind).then(by_area),
            SortBy::Period => x.period.cmp(&y.period).then(by_area),
            // Unknown amounts sort after every known one.
            SortBy::Amount => match (x.amount_dong.known(), y.amount_dong.known()) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
            SortBy::Source => x.source_doc.cmp(&y.source_doc),
        };
        let o = o.then(x.id.cmp(&y.id));
        if key.ascending { o } else { o.reverse() }
    });
    rows.iter().map(|a| a.id).collect()
}
