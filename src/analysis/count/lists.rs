//! What the surfaces ask of a view in bulk: the areas, periods, projects and kinds it shows,
//! a chart's cells at once, a summary's rows with their totals, what a period had to spend,
//! the totals beside their parts, the figures replaced — each by the rules of
//! [`super::engine`], in one pass where nothing is nested.

use super::engine::{Choice, Counter, GridKey, RowKey};
use super::{Query, Replaced, Tally, TallyMore, Whole};
use crate::model::*;
use rustc_hash::{FxHashMap, FxHashSet};

impl Counter {
    /// Every shown area's total of `kind` for each period (and, `by_project`, for each
    /// project of [`Counter::projects`]), as [`Counter::tally`] gives each: the cells of a
    /// chart. In one pass over the kind's cells where nothing is nested and no unit is shown
    /// as another (each cell then counts in the shown areas it lies in); otherwise asked key
    /// by key.
    pub fn grid(
        &self,
        kind: AllocationKind,
        by_project: bool,
    ) -> Result<FxHashMap<GridKey, Tally>, MoneyError> {
        let mut out: FxHashMap<GridKey, Tally> = FxHashMap::default();
        if !(self.flat && self.members.is_empty()) {
            let areas = self.shown_areas(Some(kind));
            let periods = self.periods(Some(kind));
            let projects: Vec<Option<ProjectId>> = if by_project {
                self.projects(Some(kind)).into_iter().map(Some).collect()
            } else {
                vec![None]
            };
            for area in &areas {
                for period in &periods {
                    for project in &projects {
                        let t = self.tally(&Query {
                            areas: Some(std::slice::from_ref(area)),
                            projects: project.as_ref().map(std::slice::from_ref),
                            kind,
                            periods: Some(std::slice::from_ref(period)),
                        })?;
                        if !t.is_empty() {
                            out.insert((*area, *period, *project), t);
                        }
                    }
                }
            }
            return Ok(out);
        }
        // Nothing nested: a cell's shown areas are its own area, or the listed areas it lies
        // in; a project is its own.
        let listed: Option<FxHashSet<AreaId>> = match &self.listed {
            Choice::All => None,
            Choice::Listed(l) => Some(l.iter().copied().collect()),
        };
        let targets = |area: AreaId| -> Vec<AreaId> {
            match &listed {
                None => vec![area],
                Some(listed) => self
                    .area_ancestors(area)
                    .filter(|a| listed.contains(a))
                    .collect(),
            }
        };
        for slice in self.slices_of(&Query {
            kind,
            ..Default::default()
        }) {
            for c in slice.cells.clone() {
                let cell = &self.cells[c as usize];
                let project = by_project.then_some(cell.project);
                for area in targets(cell.area) {
                    let t = out
                        .entry((area, cell.period, project))
                        .or_insert_with(|| Tally {
                            total: Some(AmountSum::default()),
                            ..Default::default()
                        });
                    if let Some(sum) = &mut t.total {
                        sum.merge(&cell.sum)?;
                    }
                    t.ids.extend_from_slice(self.cell_ids(c));
                }
            }
        }
        for r in self.replaced.iter().filter(|r| r.kind == kind) {
            let project = by_project.then_some(r.project);
            for area in targets(r.area) {
                if let Some(t) = out.get_mut(&(area, r.period, project)) {
                    t.more
                        .get_or_insert_with(Default::default)
                        .replaced_ids
                        .push(r.id);
                }
            }
        }
        for t in out.values_mut() {
            t.ids.sort_unstable();
            if let Some(m) = &mut t.more {
                m.replaced_ids.sort_unstable();
            }
        }
        Ok(out)
    }

    /// What a period had to spend — allocated plus carried over — over `q`'s areas, projects
    /// and periods (its kind is not read): the base of the disbursement rate. Withheld when
    /// either is.
    pub fn available(&self, q: &Query<'_>) -> Result<Tally, MoneyError> {
        let allocated = self.tally(&Query {
            kind: AllocationKind::Allocated,
            ..*q
        })?;
        let carried = self.tally(&Query {
            kind: AllocationKind::CarriedOver,
            ..*q
        })?;
        super::available_of(Some(&allocated), Some(&carried))
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
        keys.sort_by_cached_key(|k| self.row_order(k));
        keys
    }

    /// Every row of the view with its total ([`Counter::rows`], each [`Counter::row`]) — in
    /// one pass where nothing is nested and no unit is shown as another, each row then being
    /// one cell.
    pub fn row_tallies(&self) -> Result<Vec<(RowKey, Tally)>, MoneyError> {
        if !(self.flat && self.members.is_empty()) {
            return self
                .rows()
                .into_iter()
                .map(|k| Ok((k, self.row(&k)?)))
                .collect();
        }
        let mut out: Vec<(RowKey, Tally)> = Vec::with_capacity(self.cells.len());
        let mut replaced = self.replaced.iter().peekable();
        for (i, c) in self.cells.iter().enumerate() {
            let key = (c.kind, c.period, c.area, c.project);
            let mut replaced_ids = Vec::new();
            // Both lists run in (kind, period, area, project) order.
            while let Some(r) = replaced.next_if(|r| (r.kind, r.period, r.area, r.project) <= key) {
                if (r.kind, r.period, r.area, r.project) == key {
                    replaced_ids.push(r.id);
                }
            }
            replaced_ids.sort_unstable();
            out.push((
                RowKey {
                    area: c.area,
                    project: c.project,
                    kind: c.kind,
                    period: c.period,
                },
                Tally {
                    total: Some(c.sum),
                    ids: self.cell_ids(i as u32).to_vec(),
                    withheld: None,
                    more: TallyMore {
                        replaced_ids,
                        ..Default::default()
                    }
                    .boxed(),
                    ids_left: 0,
                },
            ));
        }
        out.sort_by_cached_key(|(k, _)| self.row_order(k));
        Ok(out)
    }

    fn row_order(
        &self,
        k: &RowKey,
    ) -> (
        usize,
        AreaId,
        usize,
        ProjectId,
        AllocationKind,
        (bool, i32, i32),
    ) {
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

    /// The total a row's figures are inside, as (area as shown, project): the nearest other
    /// row of the view whose area or project includes this row's — a commune's row inside its
    /// district's (whether the district reported a total or its own part and communes add up
    /// to it), a sub-project's inside its project's.
    pub fn part_of(&self, k: &RowKey) -> Option<(AreaId, ProjectId)> {
        self.parts_of_rows(std::slice::from_ref(k))[0]
    }

    /// [`Counter::part_of`] for each of `rows`, the view's rows all looked at once.
    pub fn parts_of_rows(&self, rows: &[RowKey]) -> Vec<Option<(AreaId, ProjectId)>> {
        if self.flat {
            return vec![None; rows.len()];
        }
        let all: FxHashSet<RowKey> = self.rows().into_iter().collect();
        rows.iter()
            .map(|k| {
                // Nearest first: the row's own area with the projects above its project, then
                // each area above with the project and those above it.
                for (ai, a) in self.area_ancestors(k.area).enumerate() {
                    let area = self.shown(a);
                    for (pi, project) in self.project_ancestors(k.project).enumerate() {
                        if ai == 0 && pi == 0 {
                            continue;
                        }
                        let above = RowKey {
                            area,
                            project,
                            kind: k.kind,
                            period: k.period,
                        };
                        if above != *k && all.contains(&above) {
                            return Some((area, project));
                        }
                    }
                }
                None
            })
            .collect()
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

    /// Whether nothing in the view is nested (no figure inside another's coverage): every
    /// figure then counts as it is.
    pub fn is_flat(&self) -> bool {
        self.flat
    }

    /// Whether the view holds no figure.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}
