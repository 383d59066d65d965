//! Rules 1 and 2: which figures are in play in a view — its kinds, years, projects, areas
//! and round, a round's documents only what the round supervised — and, of the same money
//! reported at several rounds, only the latest round's. What is left is grouped into cells
//! (one area, project, kind, period and level each), sorted so that a period of a kind is one
//! run and an area's cells within it are next to each other.

use super::Replaced;
use super::engine::{Cell, Choice, Counter, Slice};
use crate::analysis::filter::{AllocationFilter, RoundView, area_regrouping};
use crate::analysis::rounds::{RoundPlaces, rounds_in_time};
use crate::model::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// Where a figure goes among the cells: kind, period, area, project, level, then id.
type CellKey = (
    AllocationKind,
    Period,
    AreaId,
    ProjectId,
    Covers,
    AllocationId,
);

/// How far up a parent chain is followed: deeper than any real one (province, district,
/// commune; program, project, sub-project), short enough that a loop in a damaged file ends.
pub(super) const MAX_DEPTH: usize = 16;

/// Every area whose chain of parents (itself included) meets `roots`.
fn under<K: Copy + Eq + std::hash::Hash>(
    all: impl Iterator<Item = K>,
    parent: &FxHashMap<K, K>,
    roots: &FxHashSet<K>,
) -> FxHashSet<K> {
    all.filter(|k| {
        let mut at = *k;
        for _ in 0..MAX_DEPTH {
            if roots.contains(&at) {
                return true;
            }
            match parent.get(&at) {
                Some(p) => at = *p,
                None => return false,
            }
        }
        false
    })
    .collect()
}

/// Each area's place in reading order: the tree of areas, each unit right after the one above
/// it (a district's communes after the district), siblings as the dossier lists them.
pub fn tree_order(d: &Dossier) -> FxHashMap<AreaId, usize> {
    let known: FxHashSet<AreaId> = d.areas.iter().map(|a| a.id).collect();
    let mut children: FxHashMap<AreaId, Vec<AreaId>> = FxHashMap::default();
    for a in &d.areas {
        if let Some(p) = a.parent_id.filter(|p| known.contains(p)) {
            children.entry(p).or_default().push(a.id);
        }
    }
    let mut order: FxHashMap<AreaId, usize> = FxHashMap::default();
    let roots = d
        .areas
        .iter()
        .filter(|a| a.parent_id.is_none_or(|p| !known.contains(&p)));
    for root in roots {
        let mut stack = vec![root.id];
        while let Some(x) = stack.pop() {
            if order.contains_key(&x) {
                continue;
            }
            let n = order.len();
            order.insert(x, n);
            stack.extend(children.get(&x).into_iter().flatten().rev().copied());
        }
    }
    // Areas in a loop of parents (a damaged file): after the rest, as listed.
    for a in &d.areas {
        let n = order.len();
        order.entry(a.id).or_insert(n);
    }
    order
}

impl Counter {
    /// The figures of `d` that `filter` takes, the latest round's of each, ready to count.
    pub fn new(d: &Dossier, filter: &AllocationFilter) -> Result<Counter, MoneyError> {
        let area_parent: FxHashMap<AreaId, AreaId> = d
            .areas
            .iter()
            .filter_map(|a| Some((a.id, a.parent_id?)))
            .collect();
        let has_children: FxHashSet<AreaId> = area_parent.values().copied().collect();
        let project_parent: FxHashMap<ProjectId, ProjectId> = d
            .projects
            .iter()
            .filter_map(|p| Some((p.id, p.parent_id?)))
            .collect();
        let level: FxHashMap<AreaId, AreaLevel> =
            d.areas.iter().map(|a| (a.id, a.level())).collect();
        let shown_of: FxHashMap<AreaId, AreaId> =
            area_regrouping(d, filter.basis).into_iter().collect();
        let shown = |a: AreaId| shown_of.get(&a).copied().unwrap_or(a);
        let mut members: FxHashMap<AreaId, Vec<AreaId>> = FxHashMap::default();
        for a in &d.areas {
            if let Some(s) = shown_of.get(&a.id) {
                members.entry(*s).or_default().push(a.id);
            }
        }

        // The areas the view shows, when it chooses: the chosen ones (as shown), or every
        // unit of a level; each brings every area under it and every area shown as it.
        let listed: Option<Vec<AreaId>> = match (&filter.area_ids, filter.area_level) {
            (None, None) => None,
            (chosen, lvl) => {
                let chosen: Option<FxHashSet<AreaId>> = chosen
                    .as_ref()
                    .map(|s| s.iter().map(|a| shown(*a)).collect());
                Some(
                    d.areas
                        .iter()
                        .map(|a| a.id)
                        .filter(|a| shown(*a) == *a)
                        .filter(|a| chosen.as_ref().is_none_or(|c| c.contains(a)))
                        .filter(|a| lvl.is_none_or(|l| level.get(a) == Some(&l)))
                        .collect(),
                )
            }
        };
        let area_in: Option<FxHashSet<AreaId>> = listed.as_ref().map(|listed| {
            let roots: FxHashSet<AreaId> = listed
                .iter()
                .flat_map(|s| {
                    std::iter::once(*s).chain(members.get(s).into_iter().flatten().copied())
                })
                .collect();
            let mut inside = under(d.areas.iter().map(|a| a.id), &area_parent, &roots);
            // A unit shown as one inside (a former commune shown as today's commune of a chosen
            // area) is inside too, wherever it sat before.
            let shown_inside: Vec<AreaId> = shown_of
                .iter()
                .filter(|(_, s)| inside.contains(*s))
                .map(|(a, _)| *a)
                .collect();
            inside.extend(shown_inside);
            inside
        });
        let project_in: Option<FxHashSet<ProjectId>> = filter.project_ids.as_ref().map(|p| {
            let roots: FxHashSet<ProjectId> = p.iter().copied().collect();
            under(d.projects.iter().map(|p| p.id), &project_parent, &roots)
        });

        // A round's documents: the round's projects in the areas it supervised.
        let places = RoundPlaces::new(d);
        let (scope_areas, scope_projects, up_to) = match filter.round {
            RoundView::AsOf(r) => {
                let round = d.rounds.iter().find(|x| x.id == r);
                let subject_areas: FxHashSet<AreaId> = round
                    .iter()
                    .flat_map(|x| x.subjects.iter().filter_map(|s| s.area_id))
                    .collect();
                let projects: FxHashSet<ProjectId> = round
                    .iter()
                    .flat_map(|x| x.project_ids.iter().copied())
                    .collect();
                (
                    (!subject_areas.is_empty())
                        .then(|| under(d.areas.iter().map(|a| a.id), &area_parent, &subject_areas)),
                    (!projects.is_empty()).then(|| {
                        under(d.projects.iter().map(|p| p.id), &project_parent, &projects)
                    }),
                    // A round no longer there: every round's figures, as before it went.
                    match places.of(Some(r)) {
                        0 => usize::MAX,
                        n => n,
                    },
                )
            }
            _ => (None, None, usize::MAX),
        };
        let years = filter.years;
        let mut passing: Vec<&Allocation> = Vec::with_capacity(d.allocations.len());
        passing.extend(d.allocations.iter().filter(|a| {
            filter.kinds.as_ref().is_none_or(|k| k.contains(&a.kind))
                && years.is_none_or(|(from, to)| {
                    a.period.from_year() <= to && from <= a.period.to_year()
                })
                && project_in
                    .as_ref()
                    .is_none_or(|s| s.contains(&a.project_id))
                && scope_projects
                    .as_ref()
                    .is_none_or(|s| s.contains(&a.project_id))
                && area_in.as_ref().is_none_or(|s| s.contains(&a.area_id))
                && scope_areas.as_ref().is_none_or(|s| s.contains(&a.area_id))
                && match filter.round {
                    RoundView::At(r) => a.round_id == Some(r),
                    RoundView::AsOf(_) => places.of(a.round_id) <= up_to,
                    RoundView::Latest => true,
                }
        }));

        // Rule 2: of the same money reported at several rounds, the latest round's.
        let rank = |a: &Allocation| places.of(a.round_id);
        type Key = (AreaId, ProjectId, Period, AllocationKind, Covers);
        let key = |a: &Allocation| -> Key { (a.area_id, a.project_id, a.period, a.kind, a.covers) };
        let earliest = passing.iter().map(|a| rank(a)).min().unwrap_or(0);
        // Figures of the earliest round present can be replaced but replace nothing: only the
        // later rounds' figures (often a few revisions) go into the map.
        let mut newest: FxHashMap<Key, usize> = FxHashMap::default();
        for a in &passing {
            let r = rank(a);
            if r > earliest {
                let e = newest.entry(key(a)).or_default();
                *e = (*e).max(r);
            }
        }
        let in_time: Vec<RoundId> = rounds_in_time(d).into_iter().map(|r| r.id).collect();
        let round_at = |rank: usize| rank.checked_sub(1).and_then(|i| in_time.get(i).copied());
        let mut replaced: Vec<Replaced> = Vec::new();
        // What a cell needs of each figure sits beside its key while sorting: after the sort
        // the figures are in another order than the dossier's, and reaching back into it for
        // each (a province has a million) would cost a cache miss each.
        let mut keyed: Vec<(CellKey, Amount, u32)> = Vec::with_capacity(passing.len());
        for a in passing {
            let r = rank(a);
            match newest.get(&key(a)) {
                Some(n) if r < *n => replaced.push(Replaced {
                    id: a.id,
                    area: a.area_id,
                    project: a.project_id,
                    kind: a.kind,
                    period: a.period,
                    covers: a.covers,
                    amount: a.amount_dong,
                    round: a.round_id,
                    by: round_at(*n),
                }),
                _ => keyed.push((
                    (a.kind, a.period, a.area_id, a.project_id, a.covers, a.id),
                    a.amount_dong,
                    r as u32,
                )),
            }
        }
        replaced.sort_by_key(|r| (r.kind, r.period, r.area, r.project, r.id));

        // Cells: a kind's period is one run, an area's cells within it next to each other.
        keyed.sort_unstable_by_key(|x| x.0);
        let mut cells: Vec<Cell> = Vec::with_capacity(keyed.len());
        let mut ids: Vec<AllocationId> = Vec::with_capacity(keyed.len());
        let mut slices: Vec<Slice> = Vec::new();
        for ((kind, period, area, project, covers, id), amount, rank) in keyed {
            let same_cell = cells.last().is_some_and(|c| {
                (c.kind, c.period, c.area, c.project, c.covers)
                    == (kind, period, area, project, covers)
            });
            if !same_cell {
                if slices
                    .last()
                    .is_none_or(|s| (s.kind, s.period) != (kind, period))
                {
                    slices.push(Slice {
                        kind,
                        period,
                        cells: cells.len() as u32..cells.len() as u32,
                    });
                }
                cells.push(Cell {
                    kind,
                    period,
                    area,
                    project,
                    covers,
                    sum: AmountSum::default(),
                    start: ids.len() as u32,
                    len: 0,
                    rank,
                });
                if let Some(s) = slices.last_mut() {
                    s.cells.end = cells.len() as u32;
                }
            }
            if let Some(c) = cells.last_mut() {
                c.sum.add(amount)?;
                c.len += 1;
            }
            ids.push(id);
        }

        let mut counter = Counter {
            cells,
            ids,
            slices,
            replaced,
            area_parent,
            has_children,
            project_parent,
            shown_of,
            members,
            listed: match listed {
                None => Choice::All,
                Some(l) => Choice::Listed(l),
            },
            area_order: tree_order(d),
            project_order: d
                .projects
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id, i))
                .collect(),
            rounds: in_time,
            related: FxHashMap::default(),
            data_children: FxHashMap::default(),
            below: FxHashSet::default(),
            flat: true,
        };
        counter.link();
        Ok(counter)
    }

    /// Works out which cells' coverage meets another's — only where figures sit at two levels
    /// of one chain (a district and its commune, a project and its sub-project, an area's
    /// total and its own part); elsewhere nothing is nested and every cell counts as it is.
    fn link(&mut self) {
        // An area's cells of a period are next to each other: each run is looked at once.
        let mut data_areas: FxHashSet<AreaId> = FxHashSet::default();
        let mut data_projects: FxHashSet<ProjectId> = FxHashSet::default();
        let mut last: Option<(AllocationKind, AreaId)> = None;
        let mut runs: Vec<(AllocationKind, AreaId)> = Vec::new();
        for c in &self.cells {
            data_projects.insert(c.project);
            if last != Some((c.kind, c.area)) {
                last = Some((c.kind, c.area));
                data_areas.insert(c.area);
                runs.push((c.kind, c.area));
            }
        }
        // Where each area's cells sit below, for walking down from an area asked about — and
        // where the unit the view shows an area as sits, so that the walk meets it there.
        let mut linked: FxHashSet<(AreaId, AreaId)> = FxHashSet::default();
        let mut shown_as: Vec<AreaId> = Vec::new();
        for a in &data_areas {
            // To the end of a chain (a unit shown as one itself shown as another).
            let mut at = *a;
            for _ in 0..MAX_DEPTH {
                match self.shown_of.get(&at) {
                    Some(s) if *s != *a => {
                        shown_as.push(*s);
                        at = *s;
                    }
                    _ => break,
                }
            }
        }
        for a in data_areas.iter().chain(&shown_as) {
            let mut at = *a;
            for _ in 0..MAX_DEPTH {
                let Some(p) = self.area_parent.get(&at).copied() else {
                    break;
                };
                if !linked.insert((p, at)) {
                    break;
                }
                self.data_children.entry(p).or_default().push(at);
                at = p;
            }
        }
        // Which areas have figures at or below them, met as the view shows them too (a former
        // commune's figures are below the unit it is shown as, and that unit's areas above).
        let runs: Vec<(AllocationKind, AreaId)> = runs
            .iter()
            .copied()
            .chain(
                runs.iter()
                    .filter_map(|(k, a)| Some((*k, *self.shown_of.get(a)?))),
            )
            .collect();
        for (kind, area) in runs {
            let mut at = area;
            for _ in 0..MAX_DEPTH {
                if !self.below.insert((at, kind)) {
                    break;
                }
                match self.area_parent.get(&at) {
                    Some(p) => at = *p,
                    None => break,
                }
            }
        }
        let nested_area = data_areas.iter().any(|a| {
            self.area_ancestors(*a)
                .skip(1)
                .any(|x| data_areas.contains(&x))
        });
        let nested_project = data_projects.iter().any(|p| {
            self.project_ancestors(*p)
                .skip(1)
                .any(|x| data_projects.contains(&x))
        });
        let both_levels = self.cells.windows(2).any(|w| {
            (w[0].kind, w[0].period, w[0].area, w[0].project)
                == (w[1].kind, w[1].period, w[1].area, w[1].project)
        });
        self.flat = !(nested_area || nested_project || both_levels);
        if self.flat {
            return;
        }
        let mut related: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for si in 0..self.slices.len() {
            let slice = self.slices[si].cells.clone();
            for c in slice.clone() {
                let cell = &self.cells[c as usize];
                for (depth, a) in self.area_ancestors(cell.area).enumerate() {
                    if !data_areas.contains(&a) {
                        continue;
                    }
                    for g in self.cells_at(slice.clone(), a) {
                        // At the cell's own area each pair is met twice: take it once.
                        if g == c || (depth == 0 && g < c) {
                            continue;
                        }
                        if self.intersects(c, g) {
                            related.entry(c).or_default().push(g);
                            related.entry(g).or_default().push(c);
                        }
                    }
                }
            }
        }
        self.related = related;
    }
}
