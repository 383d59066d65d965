//! Rules 3 to 5: counting the cells of a view. A total over some areas, projects and periods
//! of one kind takes every cell inside; a cell inside a total that is also inside (its
//! district's total, its project's) is a part and is not added; what is left is added, unless
//! no rule decides — then the total is withheld with the reason.

use super::view::MAX_DEPTH;
use super::{Count, Piece, Query, Replaced, Tally, Whole, WholeShort, Withheld};
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

    fn cell_ids(&self, c: u32) -> &[AllocationId] {
        let cell = &self.cells[c as usize];
        &self.ids[cell.start as usize..(cell.start + cell.len) as usize]
    }

    fn piece(&self, c: u32) -> Piece {
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

    /// The areas a query over `shown` areas starts from: each with the areas shown as it, none
    /// under another (its cells are reached from the one above).
    fn roots(&self, shown: &[AreaId]) -> Vec<AreaId> {
        let all: FxHashSet<AreaId> = shown
            .iter()
            .flat_map(|s| {
                std::iter::once(*s).chain(self.members.get(s).into_iter().flatten().copied())
            })
            .collect();
        let mut roots: Vec<AreaId> = all
            .iter()
            .copied()
            .filter(|a| !self.area_ancestors(*a).skip(1).any(|x| all.contains(&x)))
            .collect();
        roots.sort();
        roots
    }

    /// The cells of `slice` inside the query's areas and projects, in order.
    fn candidates(
        &self,
        slice: &Slice,
        roots: Option<&[AreaId]>,
        in_project: &dyn Fn(ProjectId) -> bool,
    ) -> Vec<u32> {
        let Some(roots) = roots else {
            return slice
                .cells
                .clone()
                .filter(|c| in_project(self.cells[*c as usize].project))
                .collect();
        };
        let mut out = Vec::new();
        let mut seen: FxHashSet<AreaId> = FxHashSet::default();
        let mut stack: Vec<AreaId> = roots.to_vec();
        while let Some(x) = stack.pop() {
            if !seen.insert(x) {
                continue;
            }
            out.extend(
                self.cells_at(slice.cells.clone(), x)
                    .filter(|c| in_project(self.cells[*c as usize].project)),
            );
            if let Some(children) = self.data_children.get(&x) {
                stack.extend(children.iter().copied());
            }
        }
        out.sort_unstable();
        out
    }

    /// Counts one query by cell: rules 3 to 5 within each period, then periods against each
    /// other.
    fn eval(&self, q: &Query<'_>) -> Result<Eval, MoneyError> {
        let roots = q.areas.map(|s| self.roots(s));
        let project_roots: Option<FxHashSet<ProjectId>> =
            q.projects.map(|p| p.iter().copied().collect());
        let in_project = |p: ProjectId| {
            project_roots
                .as_ref()
                .is_none_or(|r| self.project_ancestors(p).any(|x| r.contains(&x)))
        };
        let slices: Vec<&Slice> = self
            .slices
            .iter()
            .filter(|s| s.kind == q.kind && q.periods.is_none_or(|p| p.contains(&s.period)))
            .collect();
        let mut e = Eval::default();
        let mut counted_by_slice: Vec<Vec<u32>> = Vec::with_capacity(slices.len());
        for slice in &slices {
            let cand = self.candidates(slice, roots.as_deref(), &in_project);
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
                if let Some(p) = direct
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
    fn parts_under(&self, parts: &[u32]) -> (Vec<u32>, Option<AmountSum>) {
        let direct: Vec<u32> = parts
            .iter()
            .copied()
            .filter(|&p| !parts.iter().any(|&o| o != p && self.covers(o, p)))
            .collect();
        let overlap = direct
            .iter()
            .enumerate()
            .any(|(i, a)| direct[i + 1..].iter().any(|b| self.intersects(*a, *b)));
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

    /// The figures a later round replaced within the query.
    fn replaced_in(&self, q: &Query<'_>) -> Vec<&Replaced> {
        let roots = q.areas.map(|s| self.roots(s));
        let project_roots: Option<FxHashSet<ProjectId>> =
            q.projects.map(|p| p.iter().copied().collect());
        self.replaced
            .iter()
            .filter(|r| r.kind == q.kind && q.periods.is_none_or(|p| p.contains(&r.period)))
            .filter(|r| {
                roots
                    .as_ref()
                    .is_none_or(|roots| self.area_ancestors(r.area).any(|x| roots.contains(&x)))
            })
            .filter(|r| {
                project_roots
                    .as_ref()
                    .is_none_or(|p| self.project_ancestors(r.project).any(|x| p.contains(&x)))
            })
            .collect()
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

    /// The total `q` asks for, with everything it is made of.
    pub fn count(&self, q: &Query<'_>) -> Result<Count, MoneyError> {
        let e = self.eval(q)?;
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
                        whole: cell.sum,
                        parts: *s,
                    }
                })
                .collect(),
            withheld: e.withheld.first().map(|w| self.withheld(w).why()),
        })
    }

    /// What a period had to spend — allocated plus carried over — over `q`'s areas, projects
    /// and periods (its kind is not read): the base of the disbursement rate. Withheld when
    /// either is.
    pub fn available(&self, q: &Query<'_>) -> Result<Tally, MoneyError> {
        let mut allocated = self.tally(&Query {
            kind: AllocationKind::Allocated,
            ..*q
        })?;
        let carried = self.tally(&Query {
            kind: AllocationKind::CarriedOver,
            ..*q
        })?;
        allocated.total = match (allocated.total, carried.total) {
            (Some(mut a), Some(c)) => {
                a.merge(&c)?;
                Some(a)
            }
            _ => None,
        };
        allocated.withheld = allocated.withheld.or(carried.withheld);
        for (to, from) in [
            (&mut allocated.ids, carried.ids),
            (&mut allocated.part_ids, carried.part_ids),
            (&mut allocated.replaced_ids, carried.replaced_ids),
        ] {
            to.extend(from);
            to.sort_unstable();
        }
        allocated.beside.extend(carried.beside);
        Ok(allocated)
    }

    /// The areas the view shows, as shown, in the dossier's order: those with a figure of
    /// their own (of `kind`, if given), or of a chosen set those with any figure at or below
    /// them.
    pub fn shown_areas(&self, kind: Option<AllocationKind>) -> Vec<AreaId> {
        let order = |a: &AreaId| self.area_order.get(a).copied().unwrap_or(usize::MAX);
        let mut out: Vec<AreaId> = match &self.listed {
            Choice::All => self
                .cells
                .iter()
                .filter(|c| kind.is_none_or(|k| c.kind == k))
                .map(|c| self.shown(c.area))
                .collect::<FxHashSet<_>>()
                .into_iter()
                .collect(),
            Choice::Listed(listed) => listed
                .iter()
                .copied()
                .filter(|s| {
                    std::iter::once(*s)
                        .chain(self.members.get(s).into_iter().flatten().copied())
                        .any(|m| match kind {
                            Some(k) => self.below.contains(&(m, k)),
                            None => AllocationKind::ALL
                                .iter()
                                .any(|k| self.below.contains(&(m, *k))),
                        })
                })
                .collect(),
        };
        out.sort_by_key(|a| (order(a), *a));
        out
    }

    /// The periods with a figure (of `kind`, if given), in reading order.
    pub fn periods(&self, kind: Option<AllocationKind>) -> Vec<Period> {
        let mut v: Vec<Period> = self
            .slices
            .iter()
            .filter(|s| kind.is_none_or(|k| s.kind == k))
            .map(|s| s.period)
            .collect::<FxHashSet<_>>()
            .into_iter()
            .collect();
        v.sort_by_key(|p| p.column_key());
        v
    }

    /// The projects with a figure (of `kind`, if given) that are inside no other such, in the
    /// dossier's order: a sub-project's figures count within its project's.
    pub fn projects(&self, kind: Option<AllocationKind>) -> Vec<ProjectId> {
        let present: FxHashSet<ProjectId> = self
            .cells
            .iter()
            .filter(|c| kind.is_none_or(|k| c.kind == k))
            .map(|c| c.project)
            .collect();
        let mut v: Vec<ProjectId> = present
            .iter()
            .copied()
            .filter(|p| {
                !self
                    .project_ancestors(*p)
                    .skip(1)
                    .any(|x| present.contains(&x))
            })
            .collect();
        v.sort_by_key(|p| (self.project_order.get(p).copied().unwrap_or(usize::MAX), *p));
        v
    }

    /// The kinds with a figure, in kind order.
    pub fn kinds(&self) -> Vec<AllocationKind> {
        AllocationKind::ALL
            .into_iter()
            .filter(|k| self.slices.iter().any(|s| s.kind == *k))
            .collect()
    }

    /// Every area (as shown), project, kind and period the view holds figures of, in the
    /// dossier's order of areas and projects, then kind and period.
    pub fn rows(&self) -> Vec<RowKey> {
        let mut keys: Vec<RowKey> = self
            .cells
            .iter()
            .map(|c| RowKey {
                area: self.shown(c.area),
                project: c.project,
                kind: c.kind,
                period: c.period,
            })
            .collect::<FxHashSet<_>>()
            .into_iter()
            .collect();
        keys.sort_by_cached_key(|k| {
            (
                self.area_order.get(&k.area).copied().unwrap_or(usize::MAX),
                k.area,
                self.project_order
                    .get(&k.project)
                    .copied()
                    .unwrap_or(usize::MAX),
                k.project,
                k.kind,
                k.period.column_key(),
            )
        });
        keys
    }

    /// A row's total: its area's and project's figures, with what lies under them.
    pub fn row(&self, k: &RowKey) -> Result<Tally, MoneyError> {
        self.tally(&Query {
            areas: Some(std::slice::from_ref(&k.area)),
            projects: Some(std::slice::from_ref(&k.project)),
            kind: k.kind,
            periods: Some(std::slice::from_ref(&k.period)),
        })
    }

    /// The total a row's own figures are a part of, nearest first, as (area as shown,
    /// project): a commune's figure inside its district's total, a sub-project's inside its
    /// project's.
    pub fn part_of(&self, k: &RowKey) -> Option<(AreaId, ProjectId)> {
        if self.flat {
            return None;
        }
        let slice = self
            .slices
            .iter()
            .find(|s| s.kind == k.kind && s.period == k.period)?;
        let own: Vec<u32> = std::iter::once(k.area)
            .chain(self.members.get(&k.area).into_iter().flatten().copied())
            .flat_map(|m| self.cells_at(slice.cells.clone(), m))
            .filter(|c| self.cells[*c as usize].project == k.project)
            .collect();
        // The row's top: its totals, else its own parts (an own part inside the row's own
        // total is no part of another row).
        let top: Vec<u32> = if own
            .iter()
            .any(|c| self.cells[*c as usize].covers == Covers::Total)
        {
            own.into_iter()
                .filter(|c| self.cells[*c as usize].covers == Covers::Total)
                .collect()
        } else {
            own
        };
        for c in top {
            let over: Vec<u32> = self
                .related
                .get(&c)
                .into_iter()
                .flatten()
                .copied()
                .filter(|g| self.covers(*g, c))
                .filter(|g| {
                    let cell = &self.cells[*g as usize];
                    (self.shown(cell.area), cell.project) != (k.area, k.project)
                })
                .collect();
            // The nearest: the one inside every other.
            if let Some(g) = over
                .iter()
                .find(|g| over.iter().all(|o| o == *g || self.covers(*o, **g)))
            {
                let cell = &self.cells[*g as usize];
                return Some((self.shown(cell.area), cell.project));
            }
        }
        None
    }

    /// Every total in the view that includes parts, with them: where the two disagree, staff
    /// look at both.
    pub fn wholes(&self) -> Vec<Whole> {
        if self.flat {
            return Vec::new();
        }
        let mut out = Vec::new();
        for c in 0..self.cells.len() as u32 {
            let parts: Vec<u32> = self
                .related
                .get(&c)
                .into_iter()
                .flatten()
                .copied()
                .filter(|p| self.covers(c, *p))
                .collect();
            if parts.is_empty() {
                continue;
            }
            let (direct, sum) = self.parts_under(&parts);
            out.push(Whole {
                whole: self.piece(c),
                parts: direct.iter().map(|p| self.piece(*p)).collect(),
                parts_sum: sum,
            });
        }
        out
    }

    /// Each figure of the view as its area reported it — the area as reported (not as shown),
    /// project, kind, period and level, one round's funding sources added up — for comparing
    /// what rounds were told.
    pub fn as_reported(
        &self,
    ) -> Vec<(AreaId, ProjectId, AllocationKind, Period, Covers, AmountSum)> {
        self.cells
            .iter()
            .map(|c| (c.area, c.project, c.kind, c.period, c.covers, c.sum))
            .collect()
    }

    /// Every figure a later round's report replaced in this view.
    pub fn replaced(&self) -> &[Replaced] {
        &self.replaced
    }

    /// Whether the view holds no figure.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}
