//! Rules 3 to 5: counting the cells of a view. A total over some areas, projects and periods
//! of one kind takes every cell inside; a cell inside a total that is also inside (its
//! district's total, its project's) is a part and is not added; what is left is added, unless
//! no rule decides — then the total is withheld with the reason.

use super::view::MAX_DEPTH;
use super::{Count, Piece, Query, Replaced, Tally, TallyMore, Whole, WholeShort, Withheld};
use crate::model::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// The figures of one area, project, kind, period and level in a view (one round's, its
/// funding sources added up).
#[derive(Clone, Debug)]
pub(super) struct Cell {
    pub(super) kind: AllocationKind,
    pub(super) period: Period,
    pub(super) area: AreaId,
    pub(super) project: ProjectId,
    pub(super) covers: Covers,
    pub(super) sum: AmountSum,
    /// Its figures in [`Counter::ids`].
    pub(super) start: u32,
    pub(super) len: u32,
    /// The round's place in time (0: no round).
    pub(super) rank: u32,
}

/// The cells of one kind and period, a run of [`Counter::cells`].
#[derive(Clone, Debug)]
pub(super) struct Slice {
    pub(super) kind: AllocationKind,
    pub(super) period: Period,
    pub(super) cells: Range<u32>,
}

/// Which areas a view shows.
#[derive(Clone, Debug)]
pub(super) enum Choice {
    /// Every area with a figure of its own.
    All,
    /// These (chosen, or every unit of a level), as shown.
    Listed(Vec<AreaId>),
}

/// A chart's cell: an area as shown, a period, and a project when the chart is by project.
pub type GridKey = (AreaId, Period, Option<ProjectId>);

/// One row of a summary: the figures of an area (as shown), project, kind and period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RowKey {
    pub area: AreaId,
    pub project: ProjectId,
    pub kind: AllocationKind,
    pub period: Period,
}

/// The figures a view counts, and what it knows of how they nest. Built once per view by
/// [`Counter::new`]; every total of the view is asked of it. Holds no borrow of the dossier.
pub struct Counter {
    pub(super) cells: Vec<Cell>,
    pub(super) ids: Vec<AllocationId>,
    pub(super) slices: Vec<Slice>,
    /// In (kind, period, area, project, id) order.
    pub(super) replaced: Vec<Replaced>,
    pub(super) area_parent: FxHashMap<AreaId, AreaId>,
    pub(super) has_children: FxHashSet<AreaId>,
    pub(super) project_parent: FxHashMap<ProjectId, ProjectId>,
    /// The unit each reorganised area is shown as, where it is not itself.
    pub(super) shown_of: FxHashMap<AreaId, AreaId>,
    /// The areas shown as another, by the one they are shown as.
    pub(super) members: FxHashMap<AreaId, Vec<AreaId>>,
    pub(super) listed: Choice,
    pub(super) area_order: FxHashMap<AreaId, usize>,
    pub(super) project_order: FxHashMap<ProjectId, usize>,
    /// The rounds in time: rank n is `rounds[n - 1]`.
    pub(super) rounds: Vec<RoundId>,
    /// For each cell at two levels of a chain, the cells whose coverage meets its own.
    pub(super) related: FxHashMap<u32, Vec<u32>>,
    /// Each area's children that have cells below them.
    pub(super) data_children: FxHashMap<AreaId, Vec<AreaId>>,
    /// (area, kind) with cells at or below the area.
    pub(super) below: FxHashSet<(AreaId, AllocationKind)>,
    /// Nothing nested anywhere: every cell counts as it is.
    pub(super) flat: bool,
}

/// Why a total is withheld, by cell.
#[derive(Clone, Debug)]
enum WithheldAt {
    PartsLarger(u32, AmountSum),
    PartsLater(u32, u32),
    Levels(u32, u32),
    Periods(u32, u32),
}

/// The counting of one query, by cell.
#[derive(Default)]
struct Eval {
    counted: Vec<u32>,
    parts: Vec<u32>,
    /// Counted totals with their parts: (whole, the parts directly under it, their sum).
    wholes: Vec<(u32, Vec<u32>, Option<AmountSum>)>,
    withheld: Vec<WithheldAt>,
    sum: AmountSum,
}

/// At most this many overlapping pairs are named for one total: one is enough to withhold it.
const MAX_OVERLAPS: usize = 50;

impl Counter {
    pub(super) fn area_ancestors(&self, a: AreaId) -> impl Iterator<Item = AreaId> + '_ {
        std::iter::successors(Some(a), |x| self.area_parent.get(x).copied()).take(MAX_DEPTH)
    }

    pub(super) fn project_ancestors(&self, p: ProjectId) -> impl Iterator<Item = ProjectId> + '_ {
        std::iter::successors(Some(p), |x| self.project_parent.get(x).copied()).take(MAX_DEPTH)
    }

    fn area_under(&self, a: AreaId, top: AreaId) -> bool {
        self.area_ancestors(a).any(|x| x == top)
    }

    fn project_under(&self, p: ProjectId, top: ProjectId) -> bool {
        self.project_ancestors(p).any(|x| x == top)
    }

    /// The cells of `area` within a slice's `range` (an area's cells are next to each other).
    pub(super) fn cells_at(&self, range: Range<u32>, area: AreaId) -> Range<u32> {
        let slice = &self.cells[range.start as usize..range.end as usize];
        let from = slice.partition_point(|c| c.area < area);
        let to = slice.partition_point(|c| c.area <= area);
        range.start + from as u32..range.start + to as u32
    }

    /// Whether two cells of a slice cover some money in common.
    pub(super) fn intersects(&self, c: u32, g: u32) -> bool {
        let (c, g) = (&self.cells[c as usize], &self.cells[g as usize]);
        let land = c.area == g.area
            || (g.covers == Covers::Total && self.area_under(c.area, g.area))
            || (c.covers == Covers::Total && self.area_under(g.area, c.area));
        land && (self.project_under(c.project, g.project)
            || self.project_under(g.project, c.project))
    }

    /// Whether cell `g` includes cell `c`: all the money `c` covers, and more — or the same
    /// money as a total against an own part.
    pub(super) fn covers(&self, g: u32, c: u32) -> bool {
        let (gc, cc) = (&self.cells[g as usize], &self.cells[c as usize]);
        if (gc.area, gc.project) == (cc.area, cc.project) {
            return gc.covers == Covers::Total && cc.covers == Covers::Own;
        }
        let land = match gc.covers {
            Covers::Total => self.area_under(cc.area, gc.area),
            // An own part holds only its area's own money: another own part of the same area
            // (a sub-project's), or the total of an area with nothing under it.
            Covers::Own => {
                cc.area == gc.area
                    && (cc.covers == Covers::Own || !self.has_children.contains(&cc.area))
            }
        };
        land && self.project_under(cc.project, gc.project)
    }

    fn round_of(&self, rank: u32) -> Option<RoundId> {
        (rank as usize)
            .checked_sub(1)
            .and_then(|i| self.rounds.get(i).copied())
    }

    pub(super) fn cell_ids(&self, c: u32) -> &[AllocationId] {
        let cell = &self.cells[c as usize];
        &self.ids[cell.start as usize..(cell.start + cell.len) as usize]
    }

    pub(super) fn piece(&self, c: u32) -> Piece {
        let cell = &self.cells[c as usize];
        Piece {
            area: cell.area,
            project: cell.project,
            kind: cell.kind,
            period: cell.period,
            covers: cell.covers,
            sum: cell.sum,
            ids: self.cell_ids(c).to_vec(),
            round: self.round_of(cell.rank),
        }
    }

    /// The unit `area` is shown as in this view.
    pub fn shown(&self, area: AreaId) -> AreaId {
        self.shown_of.get(&area).copied().unwrap_or(area)
    }

    /// The areas whose cells a query over `shown` areas takes: each shown area with the
    /// areas shown as it and every area with figures under them (but those the view shows as
    /// another unit), in id order. `None`: every area of the view.
    fn areas_of(&self, shown: Option<&[AreaId]>) -> Option<Vec<AreaId>> {
        let shown = shown?;
        // The usual question — one area with nothing under it — needs no search.
        if let [one] = shown
            && !self.members.contains_key(one)
            && !self.data_children.contains_key(one)
        {
            return Some(vec![*one]);
        }
        let mut stack: Vec<AreaId> = shown.to_vec();
        let mut seen: FxHashSet<AreaId> = FxHashSet::default();
        while let Some(x) = stack.pop() {
            if !seen.insert(x) {
                continue;
            }
            // The units the view shows as this one (a former commune shown as today's), met
            // wherever this one is — asked about or under an area asked about.
            stack.extend(self.members.get(&x).into_iter().flatten().copied());
            if let Some(children) = self.data_children.get(&x) {
                // A unit under it that the view shows as another unit is counted there, not
                // here too.
                stack.extend(
                    children
                        .iter()
                        .copied()
                        .filter(|c| !self.shown_of.contains_key(c)),
                );
            }
        }
        let mut out: Vec<AreaId> = seen.into_iter().collect();
        out.sort_unstable();
        Some(out)
    }

    /// Whether `p` is one of `projects` or under one (`None`: every project).
    fn in_projects(&self, p: ProjectId, projects: Option<&[ProjectId]>) -> bool {
        match projects {
            None => true,
            Some([one]) => p == *one || self.project_ancestors(p).any(|x| x == *one),
            Some(list) => self.project_ancestors(p).any(|x| list.contains(&x)),
        }
    }

    /// The cells of `slice` inside the query's areas and projects, in order.
    fn candidates(
        &self,
        slice: &Slice,
        areas: Option<&[AreaId]>,
        projects: Option<&[ProjectId]>,
    ) -> Vec<u32> {
        let take = |c: &u32| self.in_projects(self.cells[*c as usize].project, projects);
        match areas {
            None => slice.cells.clone().filter(take).collect(),
            Some(areas) => areas
                .iter()
                .flat_map(|a| self.cells_at(slice.cells.clone(), *a))
                .filter(take)
                .collect(),
        }
    }

    /// Counts one query by cell: rules 3 to 5 within each period, then periods against each
    /// other.
    fn eval(&self, q: &Query<'_>) -> Result<Eval, MoneyError> {
        let areas = self.areas_of(q.areas);
        let slices = self.slices_of(q);
        let mut e = Eval::default();
        let mut counted_by_slice: Vec<Vec<u32>> = Vec::with_capacity(slices.len());
        for slice in &slices {
            let cand = self.candidates(slice, areas.as_deref(), q.projects);
            let counted = self.count_slice(&cand, &mut e);
            counted_by_slice.push(counted);
        }
        for i in 0..slices.len() {
            for j in i + 1..slices.len() {
                let (a, b) = (slices[i].period, slices[j].period);
                if a != b && a.overlaps(b) {
                    self.period_overlaps(&counted_by_slice[i], &counted_by_slice[j], &mut e);
                }
            }
        }
        for counted in counted_by_slice {
            for c in &counted {
                e.sum.merge(&self.cells[*c as usize].sum)?;
            }
            e.counted.extend(counted);
        }
        Ok(e)
    }

    /// Within one slice: which candidates are counted (none includes them), the parts of the
    /// totals counted, and what withholds the total.
    fn count_slice(&self, cand: &[u32], e: &mut Eval) -> Vec<u32> {
        if self.flat {
            return cand.to_vec();
        }
        let inside = |x: u32| cand.binary_search(&x).is_ok();
        let related = |c: u32| self.related.get(&c).map(Vec::as_slice).unwrap_or(&[]);
        let mut counted = Vec::new();
        for &c in cand {
            if related(c).iter().any(|&g| inside(g) && self.covers(g, c)) {
                e.parts.push(c);
            } else {
                counted.push(c);
            }
        }
        for &c in &counted {
            let parts: Vec<u32> = related(c)
                .iter()
                .copied()
                .filter(|&p| inside(p) && self.covers(c, p))
                .collect();
            if !parts.is_empty() {
                let (direct, sum) = self.parts_under(&parts);
                let whole = &self.cells[c as usize];
                if let (Some(w), Some(s)) = (whole.sum.total(), &sum)
                    && s.known > w
                {
                    e.withheld.push(WithheldAt::PartsLarger(c, *s));
                }
                // Any part reported after the total, however deep: the total may be out of date.
                if let Some(p) = parts
                    .iter()
                    .find(|p| self.cells[**p as usize].rank > whole.rank)
                {
                    e.withheld.push(WithheldAt::PartsLater(c, *p));
                }
                e.wholes.push((c, direct, sum));
            }
            for &g in related(c) {
                if g > c && counted.binary_search(&g).is_ok() && e.withheld.len() < MAX_OVERLAPS {
                    e.withheld.push(WithheldAt::Levels(c, g));
                }
            }
        }
        counted
    }

    /// Of the cells a total includes, those directly under it (inside no other of them), and
    /// their sum — `None` when two of them overlap and cannot be added, or it overflows.
    pub(super) fn parts_under(&self, parts: &[u32]) -> (Vec<u32>, Option<AmountSum>) {
        // Only cells whose coverage meets a part's can include it or overlap it: looked for
        // among those (a province's total has thousands of parts).
        let related = |c: u32| self.related.get(&c).map(Vec::as_slice).unwrap_or(&[]);
        let mut sorted = parts.to_vec();
        sorted.sort_unstable();
        let direct: Vec<u32> = parts
            .iter()
            .copied()
            .filter(|&p| {
                !related(p)
                    .iter()
                    .any(|&o| sorted.binary_search(&o).is_ok() && self.covers(o, p))
            })
            .collect();
        let mut direct_sorted = direct.clone();
        direct_sorted.sort_unstable();
        // Two parts directly under the total whose money meets cannot both be added.
        let overlap = direct.iter().any(|&a| {
            related(a)
                .iter()
                .any(|&b| b != a && direct_sorted.binary_search(&b).is_ok())
        });
        let sum = (!overlap)
            .then(|| {
                let mut s = AmountSum::default();
                for p in &direct {
                    s.merge(&self.cells[*p as usize].sum).ok()?;
                }
                Some(s)
            })
            .flatten();
        (direct, sum)
    }

    /// Counted cells of two overlapping periods that cover the same money.
    fn period_overlaps(&self, a: &[u32], b: &[u32], e: &mut Eval) {
        let at = |list: &[u32], area: AreaId| -> Range<usize> {
            let from = list.partition_point(|c| self.cells[*c as usize].area < area);
            let to = list.partition_point(|c| self.cells[*c as usize].area <= area);
            from..to
        };
        let mut found = |x: u32, y: u32| {
            if e.withheld.len() < MAX_OVERLAPS {
                e.withheld.push(WithheldAt::Periods(x, y));
            }
        };
        // Each direction walks up from its own cells, so every nesting is met from below.
        for (from, to, forward) in [(a, b, true), (b, a, false)] {
            for &c in from {
                let cell = &self.cells[c as usize];
                let walk: Vec<AreaId> = if self.flat {
                    vec![cell.area]
                } else {
                    self.area_ancestors(cell.area).collect()
                };
                for (depth, area) in walk.into_iter().enumerate() {
                    // The same area is met from both sides: take it from the first.
                    if depth == 0 && !forward {
                        continue;
                    }
                    for i in at(to, area) {
                        let g = to[i];
                        if self.intersects(c, g) {
                            if forward { found(c, g) } else { found(g, c) }
                        }
                    }
                }
            }
        }
    }

    /// The slices (kind and period) a query takes, in order.
    pub(super) fn slices_of(&self, q: &Query<'_>) -> Vec<&Slice> {
        let from = self.slices.partition_point(|s| s.kind < q.kind);
        self.slices[from..]
            .iter()
            .take_while(|s| s.kind == q.kind)
            .filter(|s| q.periods.is_none_or(|p| p.contains(&s.period)))
            .collect()
    }

    /// The figures a later round replaced within the query (a figure is replaced only by one
    /// of its own area: its area has cells, and is found as the query's cells are).
    fn replaced_in(&self, q: &Query<'_>) -> Vec<&Replaced> {
        if self.replaced.is_empty() {
            return Vec::new();
        }
        let areas = self.areas_of(q.areas);
        let mut out: Vec<&Replaced> = Vec::new();
        for slice in self.slices_of(q) {
            let key = (slice.kind, slice.period);
            let from = self.replaced.partition_point(|r| (r.kind, r.period) < key);
            let to = self.replaced.partition_point(|r| (r.kind, r.period) <= key);
            let run: &[Replaced] = &self.replaced[from..to];
            let runs: Vec<&[Replaced]> = match &areas {
                None => vec![run],
                Some(areas) => areas
                    .iter()
                    .map(|a| {
                        let lo = run.partition_point(|r| r.area < *a);
                        let hi = run.partition_point(|r| r.area <= *a);
                        &run[lo..hi]
                    })
                    .collect(),
            };
            for list in runs {
                out.extend(
                    list.iter()
                        .filter(|r| self.in_projects(r.project, q.projects)),
                );
            }
        }
        out
    }

    fn withheld(&self, w: &WithheldAt) -> Withheld {
        match w {
            WithheldAt::PartsLarger(c, s) => Withheld::PartsLarger {
                whole: self.piece(*c),
                parts_sum: *s,
            },
            WithheldAt::PartsLater(c, p) => Withheld::PartsLater {
                whole: self.piece(*c),
                part: self.piece(*p),
            },
            WithheldAt::Levels(a, b) => Withheld::LevelsOverlap(self.piece(*a), self.piece(*b)),
            WithheldAt::Periods(a, b) => Withheld::PeriodsOverlap(self.piece(*a), self.piece(*b)),
        }
    }

    /// Where a cell comes in reading order: the dossier's order of areas and projects, then
    /// periods.
    fn reading_key(&self, c: u32) -> (usize, usize, (bool, i32, i32), Covers) {
        let cell = &self.cells[c as usize];
        (
            self.area_order
                .get(&cell.area)
                .copied()
                .unwrap_or(usize::MAX),
            self.project_order
                .get(&cell.project)
                .copied()
                .unwrap_or(usize::MAX),
            cell.period.column_key(),
            cell.covers,
        )
    }

    fn reading_order(&self, cells: &mut [u32]) {
        cells.sort_by_cached_key(|c| self.reading_key(*c));
    }

    /// The total `q` asks for, with everything it is made of.
    pub fn count(&self, q: &Query<'_>) -> Result<Count, MoneyError> {
        let mut e = self.eval(q)?;
        self.reading_order(&mut e.counted);
        e.wholes.sort_by_cached_key(|(w, ..)| self.reading_key(*w));
        for (_, parts, _) in &mut e.wholes {
            self.reading_order(parts);
        }
        Ok(Count {
            kind: q.kind,
            total: e.withheld.is_empty().then_some(e.sum),
            counted: e.counted.iter().map(|c| self.piece(*c)).collect(),
            wholes: e
                .wholes
                .iter()
                .map(|(w, parts, sum)| Whole {
                    whole: self.piece(*w),
                    parts: parts.iter().map(|p| self.piece(*p)).collect(),
                    parts_sum: *sum,
                })
                .collect(),
            withheld: e.withheld.iter().map(|w| self.withheld(w)).collect(),
            replaced: self.replaced_in(q).into_iter().cloned().collect(),
        })
    }

    /// The total `q` asks for, in short.
    pub fn tally(&self, q: &Query<'_>) -> Result<Tally, MoneyError> {
        let e = self.eval(q)?;
        let ids_of = |cells: &[u32]| -> Vec<AllocationId> {
            let mut v: Vec<AllocationId> = cells
                .iter()
                .flat_map(|c| self.cell_ids(*c).iter().copied())
                .collect();
            v.sort_unstable();
            v
        };
        let mut replaced_ids: Vec<AllocationId> =
            self.replaced_in(q).into_iter().map(|r| r.id).collect();
        replaced_ids.sort_unstable();
        Ok(Tally {
            total: e.withheld.is_empty().then_some(e.sum),
            ids: ids_of(&e.counted),
            withheld: e.withheld.first().map(|w| self.withheld(w).why()),
            more: TallyMore {
                part_ids: ids_of(&e.parts),
                replaced_ids,
                beside: e
                    .wholes
                    .iter()
                    .map(|(w, _, s)| {
                        let cell = &self.cells[*w as usize];
                        WholeShort {
                            area: cell.area,
                            project: cell.project,
                            period: cell.period,
                            covers: cell.covers,
                            whole: cell.sum,
                            parts: *s,
                        }
                    })
                    .collect(),
                ..Default::default()
            }
            .boxed(),
            ids_left: 0,
        })
    }
}
