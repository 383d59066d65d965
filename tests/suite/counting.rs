//! Every total staff see against a reference: a brute-force reading of the counting rules
//! (`analysis::count`'s module text) written here over plain sets of areas and projects,
//! sharing no code with the module, and property tests that generate dossiers with levels
//! (a province, its districts and their communes, offices' own parts), sub-projects, several
//! rounds reporting with differing funding sources, overlapping periods and unknown amounts.
//! Each surface is checked against it: the summary's csv and json, each chart kind and its
//! table, the figures each printed document quotes, and the figure phrase. Then the three
//! ways the Lạng Sơn sample once gave wrong totals, as regression tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use giamsat::analysis::{AllocationFilter, RoundView};
use giamsat::charts::{self, ChartKind, ChartSpec, SegmentValue, table::chart_table};
use giamsat::i18n::Lang;
use giamsat::model::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The counting rules, read as plainly as they are written: sets of areas and projects, every
/// pair of figures compared. Slow and obviously right.
mod reference {
    use super::*;

    /// What a total is: withheld, or the known part with how many figures are known and not.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Value {
        Withheld,
        Sum {
            known: i64,
            known_n: usize,
            unknown_n: usize,
        },
    }

    impl Value {
        pub fn is_empty(self) -> bool {
            matches!(
                self,
                Value::Sum {
                    known_n: 0,
                    unknown_n: 0,
                    ..
                }
            )
        }

        /// The same as an amount sum the module gives (`None`: withheld).
        pub fn of(s: Option<AmountSum>) -> Value {
            match s {
                None => Value::Withheld,
                Some(s) => Value::Sum {
                    known: s.known.get(),
                    known_n: s.known_count,
                    unknown_n: s.unknown_count,
                },
            }
        }
    }

    /// Which figures a view looks at.
    #[derive(Clone, Copy, Debug)]
    pub enum View {
        Latest,
        At(RoundId),
        AsOf(RoundId),
    }

    /// An id and everything under it, by walking each id's parents (a cycle stops at 20).
    fn below<T: Copy + Ord>(
        all: impl Iterator<Item = T>,
        top: T,
        parent: impl Fn(T) -> Option<T>,
    ) -> BTreeSet<T> {
        all.filter(|x| {
            let mut at = Some(*x);
            for _ in 0..20 {
                match at {
                    Some(x) if x == top => return true,
                    Some(x) => at = parent(x),
                    None => return false,
                }
            }
            false
        })
        .collect()
    }

    /// An area and everything under it.
    pub fn below_areas(d: &Dossier, top: AreaId) -> BTreeSet<AreaId> {
        below(d.areas.iter().map(|a| a.id), top, |x| {
            d.area(x).and_then(|a| a.parent_id)
        })
    }

    /// A project and its sub-projects.
    pub fn below_projects(d: &Dossier, top: ProjectId) -> BTreeSet<ProjectId> {
        below(d.projects.iter().map(|p| p.id), top, |x| {
            d.project(x).and_then(|p| p.parent_id)
        })
    }

    /// The round's place in time (the generator dates every round, in id order): 0 for none.
    fn rank(d: &Dossier, r: Option<RoundId>) -> usize {
        let mut rounds: Vec<&Round> = d.rounds.iter().collect();
        rounds.sort_by_key(|x| (x.start_date, x.id));
        r.and_then(|r| rounds.iter().position(|x| x.id == r))
            .map_or(0, |i| i + 1)
    }

    /// The figures a view looks at, before a later round replaces any.
    fn in_view(d: &Dossier, view: View) -> Vec<&Allocation> {
        d.allocations
            .iter()
            .filter(|a| match view {
                View::Latest => true,
                View::At(r) => a.round_id == Some(r),
                View::AsOf(r) => {
                    let round = d.rounds.iter().find(|x| x.id == r).unwrap();
                    let projects: BTreeSet<ProjectId> = round
                        .project_ids
                        .iter()
                        .flat_map(|p| below_projects(d, *p))
                        .collect();
                    let areas: BTreeSet<AreaId> = round
                        .subjects
                        .iter()
                        .filter_map(|s| s.area_id)
                        .flat_map(|a| below_areas(d, a))
                        .collect();
                    rank(d, a.round_id) <= rank(d, Some(r))
                        && (projects.is_empty() || projects.contains(&a.project_id))
                        && (areas.is_empty() || areas.contains(&a.area_id))
                }
            })
            .collect()
    }

    /// The figures a view counts from: those no later round reported again.
    pub fn figures(d: &Dossier, view: View) -> Vec<&Allocation> {
        let all = in_view(d, view);
        all.iter()
            .filter(|a| {
                !all.iter().any(|b| {
                    (b.area_id, b.project_id, b.period, b.kind, b.covers)
                        == (a.area_id, a.project_id, a.period, a.kind, a.covers)
                        && rank(d, b.round_id) > rank(d, a.round_id)
                })
            })
            .copied()
            .collect()
    }

    /// The figures of one area, project, period and level, added up, with the money they
    /// cover as sets.
    #[derive(Clone, Debug)]
    struct Cell {
        period: Period,
        land: BTreeSet<AreaId>,
        scope: BTreeSet<ProjectId>,
        total: bool,
        known: i64,
        known_n: usize,
        unknown_n: usize,
        rank: usize,
    }

    impl Cell {
        fn complete(&self) -> bool {
            self.unknown_n == 0 && self.known_n > 0
        }
    }

    fn meets(a: &Cell, b: &Cell) -> bool {
        !a.land.is_disjoint(&b.land) && !a.scope.is_disjoint(&b.scope)
    }

    /// Whether `g` includes `c`: all of its money and more, or the same as a total against an
    /// own part.
    fn includes(g: &Cell, c: &Cell) -> bool {
        let inside = c.land.is_subset(&g.land) && c.scope.is_subset(&g.scope);
        let same = c.land == g.land && c.scope == g.scope;
        inside && (!same || (g.total && !c.total))
    }

    /// The total of `kind` over `areas` (each with what is under it; `None`: all), `projects`
    /// (likewise) and `periods` (`None`: all) in `view`.
    pub fn value(
        d: &Dossier,
        view: View,
        areas: Option<&[AreaId]>,
        projects: Option<&[ProjectId]>,
        kind: AllocationKind,
        periods: Option<&[Period]>,
    ) -> Value {
        let area_set: Option<BTreeSet<AreaId>> =
            areas.map(|a| a.iter().flat_map(|x| below_areas(d, *x)).collect());
        let project_set: Option<BTreeSet<ProjectId>> =
            projects.map(|p| p.iter().flat_map(|x| below_projects(d, *x)).collect());
        let mut cells: BTreeMap<(AreaId, ProjectId, Period, bool), Cell> = BTreeMap::new();
        for a in figures(d, view) {
            if a.kind != kind
                || periods.is_some_and(|p| !p.contains(&a.period))
                || area_set.as_ref().is_some_and(|s| !s.contains(&a.area_id))
                || project_set
                    .as_ref()
                    .is_some_and(|s| !s.contains(&a.project_id))
            {
                continue;
            }
            let total = a.covers == Covers::Total;
            let c = cells
                .entry((a.area_id, a.project_id, a.period, total))
                .or_insert_with(|| Cell {
                    period: a.period,
                    land: if total {
                        below_areas(d, a.area_id)
                    } else {
                        [a.area_id].into()
                    },
                    scope: below_projects(d, a.project_id),
                    total,
                    known: 0,
                    known_n: 0,
                    unknown_n: 0,
                    rank: rank(d, a.round_id),
                });
            match a.amount_dong {
                Amount::Known(x) => {
                    c.known += x.get();
                    c.known_n += 1;
                }
                Amount::Unknown => c.unknown_n += 1,
            }
        }
        let cells: Vec<Cell> = cells.into_values().collect();
        let mut withheld = false;
        let mut counted: Vec<&Cell> = Vec::new();
        for c in &cells {
            let same_period: Vec<&Cell> = cells.iter().filter(|x| x.period == c.period).collect();
            if same_period
                .iter()
                .any(|g| !std::ptr::eq(*g, c) && includes(g, c))
            {
                continue;
            }
            counted.push(c);
            // A total counted with parts under it: they must not add up to more than it, nor
            // be reported after it.
            let parts: Vec<&Cell> = same_period
                .iter()
                .copied()
                .filter(|p| !std::ptr::eq(*p, c) && includes(c, p))
                .collect();
            let direct: Vec<&Cell> = parts
                .iter()
                .copied()
                .filter(|p| {
                    !parts
                        .iter()
                        .any(|o| !std::ptr::eq(*o, *p) && includes(o, p))
                })
                .collect();
            if direct.is_empty() {
                continue;
            }
            let overlap = direct
                .iter()
                .enumerate()
                .any(|(i, a)| direct[i + 1..].iter().any(|b| meets(a, b)));
            let known: i64 = direct.iter().map(|p| p.known).sum();
            if !overlap && c.complete() && known > c.known {
                withheld = true;
            }
            if parts.iter().any(|p| p.rank > c.rank) {
                withheld = true;
            }
        }
        for (i, a) in counted.iter().enumerate() {
            for b in &counted[i + 1..] {
                let same_money = meets(a, b);
                if same_money && (a.period == b.period || a.period.overlaps(b.period)) {
                    withheld = true;
                }
            }
        }
        if withheld {
            return Value::Withheld;
        }
        Value::Sum {
            known: counted.iter().map(|c| c.known).sum(),
            known_n: counted.iter().map(|c| c.known_n).sum(),
            unknown_n: counted.iter().map(|c| c.unknown_n).sum(),
        }
    }

    /// How many steps up from `below` to `top` (`None`: not under it).
    fn steps<K: Copy + PartialEq>(
        below: K,
        top: K,
        parent: impl Fn(K) -> Option<K>,
    ) -> Option<usize> {
        let mut at = Some(below);
        for n in 0..20 {
            match at {
                Some(x) if x == top => return Some(n),
                Some(x) => at = parent(x),
                None => return None,
            }
        }
        None
    }

    /// The row of the view whose area and project include a row's, nearest first (the row's
    /// area with a project above, then an area above): the row is a part of its total.
    pub fn part_of(
        d: &Dossier,
        view: View,
        (area, project, kind, period): (AreaId, ProjectId, AllocationKind, Period),
    ) -> Option<(AreaId, ProjectId)> {
        let rows: BTreeSet<(AreaId, ProjectId)> = figures(d, view)
            .iter()
            .filter(|a| a.kind == kind && a.period == period)
            .map(|a| (a.area_id, a.project_id))
            .collect();
        rows.into_iter()
            .filter(|r| *r != (area, project))
            .filter_map(|(a, p)| {
                let up_a = steps(area, a, |x| d.area(x).and_then(|y| y.parent_id))?;
                let up_p = steps(project, p, |x| d.project(x).and_then(|y| y.parent_id))?;
                Some(((up_a, up_p), (a, p)))
            })
            .min()
            .map(|(_, r)| r)
    }

    /// The areas a view shows with no choice of areas: every area with a figure of its own.
    pub fn shown_areas(d: &Dossier, view: View, kind: Option<AllocationKind>) -> BTreeSet<AreaId> {
        figures(d, view)
            .iter()
            .filter(|a| kind.is_none_or(|k| a.kind == k))
            .map(|a| a.area_id)
            .collect()
    }
}

use reference::{Value, View, value};

const PROVINCE: AreaId = AreaId(1);
const DISTRICTS: [AreaId; 3] = [AreaId(2), AreaId(3), AreaId(4)];
const COMMUNES: [(AreaId, AreaId); 3] = [
    (AreaId(5), AreaId(2)),
    (AreaId(6), AreaId(2)),
    (AreaId(7), AreaId(3)),
];
const PROJECT_A: ProjectId = ProjectId(11);
const PROJECT_B: ProjectId = ProjectId(12);
const SUB_A1: ProjectId = ProjectId(13);
const SUB_A2: ProjectId = ProjectId(14);
const PROJECTS: [ProjectId; 4] = [PROJECT_A, PROJECT_B, SUB_A1, SUB_A2];
const AREAS: [AreaId; 7] = [
    PROVINCE,
    DISTRICTS[0],
    DISTRICTS[1],
    DISTRICTS[2],
    COMMUNES[0].0,
    COMMUNES[1].0,
    COMMUNES[2].0,
];

fn periods() -> [Period; 3] {
    [
        Period::year(2022).unwrap(),
        Period::year(2023).unwrap(),
        Period::new(2022, 2023).unwrap(),
    ]
}

/// One generated figure: (area, project, kind, period, own part, source, amount in triệu or
/// unknown, round).
type Gen = (usize, usize, usize, usize, bool, usize, Option<i64>, usize);

/// One generated round: (its subjects' districts, its projects).
type GenRound = (Vec<usize>, Vec<usize>);

fn dossier(rounds: &[GenRound], figures: &[Gen]) -> Dossier {
    let mut d = Dossier::new("Tỉnh thử");
    d.info.supervising_body = "Ủy ban MTTQ Việt Nam tỉnh thử".into();
    d.programs.push(Program {
        id: ProgramId(1),
        name: "Chương trình thử".into(),
        decision: String::new(),
        from_year: None,
        to_year: None,
    });
    for (id, parent, code) in [
        (PROJECT_A, None, "1"),
        (PROJECT_B, None, "2"),
        (SUB_A1, Some(PROJECT_A), "1.1"),
        (SUB_A2, Some(PROJECT_A), "1.2"),
    ] {
        d.projects.push(Project {
            id,
            program_id: ProgramId(1),
            parent_id: parent,
            code: code.into(),
            name: format!("Dự án thử {code}"),
        });
    }
    let area = |id: AreaId, name: &str, kind, parent| Area {
        id,
        name: name.into(),
        kind,
        parent_id: parent,
        valid_from: None,
        valid_to: None,
    };
    d.areas.push(area(PROVINCE, "Thử", AreaKind::Tinh, None));
    for (i, id) in DISTRICTS.iter().enumerate() {
        d.areas.push(area(
            *id,
            &format!("Huyện {}", i + 1),
            AreaKind::Huyen,
            Some(PROVINCE),
        ));
    }
    for (i, (id, parent)) in COMMUNES.iter().enumerate() {
        d.areas.push(area(
            *id,
            &format!("Xã {}", i + 1),
            AreaKind::Xa,
            Some(*parent),
        ));
    }
    d.funding_sources = (1..=2)
        .map(|i| FundingSource {
            id: FundingSourceId(i),
            name: format!("Nguồn {i}"),
        })
        .collect();
    for (i, (subjects, projects)) in rounds.iter().enumerate() {
        let subjects: BTreeSet<usize> = subjects.iter().copied().collect();
        let projects: BTreeSet<usize> = projects.iter().copied().collect();
        d.rounds.push(Round {
            id: RoundId(i as i64 + 1),
            title: format!("Đợt thử {}", i + 1),
            plan_ref: String::new(),
            supervising_body: String::new(),
            project_ids: projects
                .iter()
                .map(|p| [PROJECT_A, PROJECT_B][*p])
                .collect(),
            start_date: NaiveDate::from_ymd_opt(2023 + i as i32, 6, 1),
            end_date: None,
            subjects: subjects
                .iter()
                .enumerate()
                .map(|(j, s)| Subject {
                    id: SubjectId(10 * i as i64 + j as i64 + 1),
                    body: format!("UBND huyện {}", s + 1),
                    area_id: Some(DISTRICTS[*s]),
                })
                .collect(),
            members: vec![],
            sessions: vec![],
            notes: String::new(),
            draft_status: DraftStatus::Draft,
            issued_on: None,
        });
    }
    for (i, &(area, project, kind, period, own, source, amount, round)) in
        figures.iter().enumerate()
    {
        d.allocations.push(Allocation {
            id: AllocationId(i as i64 + 1),
            area_id: AREAS[area],
            project_id: PROJECTS[project],
            period: periods()[period],
            kind: AllocationKind::ALL[kind],
            funding_source_id: (source > 0).then_some(FundingSourceId(source as i64)),
            amount_dong: amount.map_or(Amount::Unknown, |t| {
                Amount::Known(Dong::from_trieu(t).unwrap())
            }),
            note: String::new(),
            source_doc: format!("Báo cáo số {}", i + 1),
            round_id: (round > 0 && round <= rounds.len()).then_some(RoundId(round as i64)),
            covers: if own { Covers::Own } else { Covers::Total },
        });
    }
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    d
}

fn gen_figure() -> impl Strategy<Value = Gen> {
    (
        0..7usize,
        0..4usize,
        0..3usize,
        0..3usize,
        prop::bool::weighted(0.25),
        0..3usize,
        prop::option::weighted(0.8, 0..600i64),
        0..4usize,
    )
}

fn gen_round() -> impl Strategy<Value = GenRound> {
    (
        prop::collection::vec(0..3usize, 0..3),
        prop::collection::vec(0..2usize, 0..2),
    )
}

fn gen_dossier() -> impl Strategy<Value = Dossier> {
    (
        prop::collection::vec(gen_round(), 0..4),
        prop::collection::vec(gen_figure(), 0..22),
    )
        .prop_map(|(rounds, figures)| dossier(&rounds, &figures))
}

/// A chart segment's value as (known part, whether a part is unknown); `None`: withheld.
fn of_segment(v: SegmentValue) -> Option<(i64, bool)> {
    match v {
        SegmentValue::Known(x) => Some((x, false)),
        SegmentValue::Partial(x) => Some((x, true)),
        SegmentValue::Unknown => Some((0, true)),
        SegmentValue::Withheld => None,
    }
}

/// The reference's value as a chart segment would show it.
fn as_segment(v: Value) -> Option<(i64, bool)> {
    match v {
        Value::Withheld => None,
        Value::Sum {
            known, unknown_n, ..
        } => Some((known, unknown_n > 0)),
    }
}

/// The charts of one money kind, their bars and their tables' totals.
fn check_charts(d: &Dossier, kind: AllocationKind) {
    let v = View::Latest;
    for chart_kind in [
        ChartKind::AreaYear,
        ChartKind::YearArea,
        ChartKind::ByProject,
    ] {
        let spec = ChartSpec {
            kind: chart_kind,
            money_kind: kind,
            ..Default::default()
        };
        let chart = charts::build(d, &spec, Lang::Vi).unwrap();
        let shown: BTreeSet<AreaId> = chart
            .groups
            .iter()
            .flat_map(|g| g.bars.iter().filter_map(|b| b.area_id))
            .collect();
        assert_eq!(
            shown,
            reference::shown_areas(d, v, Some(kind)),
            "{chart_kind:?}: the areas drawn"
        );
        for g in &chart.groups {
            for bar in &g.bars {
                let (area, period) = (bar.area_id.unwrap(), bar.period.unwrap());
                let whole = value(d, v, Some(&[area]), None, kind, Some(&[period]));
                match chart_kind {
                    ChartKind::ByProject => {
                        for s in &bar.segments {
                            let p = s.project_id.unwrap();
                            let want =
                                value(d, v, Some(&[area]), Some(&[p]), kind, Some(&[period]));
                            assert_eq!(
                                of_segment(s.value),
                                as_segment(want),
                                "{area:?} {p:?} {period}"
                            );
                        }
                        let total = bar.total.as_ref().unwrap();
                        assert_eq!(Value::of(total.total), whole, "{area:?} {period} bar total");
                    }
                    _ => {
                        assert_eq!(
                            of_segment(bar.segments[0].value),
                            as_segment(whole),
                            "{chart_kind:?} {area:?} {period}"
                        );
                        assert_eq!(Value::of(bar.segments[0].tally.total), whole);
                    }
                }
            }
        }
        // The table's totals: per area, per period, and of everything.
        let table = chart_table(&chart, Lang::Vi);
        let by_area = chart_kind != ChartKind::YearArea;
        let periods = {
            let mut p: Vec<Period> = chart
                .groups
                .iter()
                .flat_map(|g| g.bars.iter().filter_map(|b| b.period))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            p.sort_by_key(|x| x.column_key());
            p
        };
        for (gi, g) in chart.groups.iter().enumerate() {
            let want = if by_area {
                let area = g.bars.first().and_then(|b| b.area_id);
                area.map(|a| value(d, v, Some(&[a]), None, kind, None))
            } else {
                Some(value(d, v, None, None, kind, Some(&[periods[gi]])))
            };
            if let Some(want) = want {
                assert_eq!(
                    Value::of(chart.totals.rows[gi].as_ref().unwrap().total),
                    want
                );
                assert_eq!(
                    table.rows[gi].total.and_then(of_segment),
                    as_segment(want),
                    "{chart_kind:?} row {}",
                    g.label
                );
            }
        }
        let grand = value(d, v, None, None, kind, None);
        if !chart.groups.is_empty() {
            assert_eq!(Value::of(chart.totals.grand.as_ref().unwrap().total), grand);
            assert_eq!(table.grand_total.and_then(of_segment), as_segment(grand));
        }
        if by_area {
            for (i, p) in periods.iter().enumerate() {
                let want = value(d, v, None, None, kind, Some(&[*p]));
                assert_eq!(
                    table.column_totals[i].and_then(of_segment),
                    as_segment(want),
                    "{chart_kind:?} column {p}"
                );
            }
        }
    }
    // The province's total, year by year and span by span.
    let spec = ChartSpec {
        kind: ChartKind::Totals,
        money_kind: kind,
        ..Default::default()
    };
    let chart = charts::build(d, &spec, Lang::Vi).unwrap();
    for p in &chart.line {
        let period = Period::year(p.year).unwrap();
        assert_eq!(
            of_segment(p.value),
            as_segment(value(d, v, None, None, kind, Some(&[period])))
        );
    }
    for s in &chart.spans {
        assert_eq!(
            of_segment(s.value),
            as_segment(value(d, v, None, None, kind, Some(&[s.period])))
        );
    }
    let table = chart_table(&chart, Lang::Vi);
    if !chart.line.is_empty() || !chart.spans.is_empty() {
        assert_eq!(
            table.grand_total.and_then(of_segment),
            as_segment(value(d, v, None, None, kind, None))
        );
    }
}

/// A chart of one level of units (the districts, say): each unit's bar is its total with what
/// lies under it, and the table's total adds the units, never one inside another.
fn check_level_charts(d: &Dossier, kind: AllocationKind) {
    let v = View::Latest;
    for (level, units) in [
        (AreaLevel::District, &DISTRICTS[..]),
        (
            AreaLevel::Commune,
            &[COMMUNES[0].0, COMMUNES[1].0, COMMUNES[2].0][..],
        ),
    ] {
        let spec = ChartSpec {
            kind: ChartKind::AreaYear,
            money_kind: kind,
            filter: AllocationFilter {
                area_level: Some(level),
                ..Default::default()
            },
            ..Default::default()
        };
        let chart = charts::build(d, &spec, Lang::Vi).unwrap();
        // Every unit of the level with a figure at or under it, and none other.
        let want: BTreeSet<AreaId> = units
            .iter()
            .copied()
            .filter(|u| !value(d, v, Some(&[*u]), None, kind, None).is_empty())
            .collect();
        let shown: BTreeSet<AreaId> = chart
            .groups
            .iter()
            .flat_map(|g| g.bars.iter().filter_map(|b| b.area_id))
            .collect();
        assert_eq!(shown, want, "{level:?}");
        for g in &chart.groups {
            for bar in &g.bars {
                let (area, period) = (bar.area_id.unwrap(), bar.period.unwrap());
                assert_eq!(
                    Value::of(bar.segments[0].tally.total),
                    value(d, v, Some(&[area]), None, kind, Some(&[period])),
                    "{level:?} {area:?} {period}"
                );
            }
        }
        if !chart.groups.is_empty() {
            assert_eq!(
                Value::of(chart.totals.grand.as_ref().unwrap().total),
                value(d, v, Some(units), None, kind, None),
                "{level:?}: the level's total"
            );
        }
    }
}

/// Allocated and carried over stacked (their total what the period had to spend), disbursed
/// beside, and the rate of one to the other.
fn check_kinds_and_rate(d: &Dossier) {
    let v = View::Latest;
    let chart = charts::build(
        d,
        &ChartSpec {
            kind: ChartKind::ByKind,
            ..Default::default()
        },
        Lang::Vi,
    )
    .unwrap();
    let available = |area: AreaId, period: Period| {
        let a = value(
            d,
            v,
            Some(&[area]),
            None,
            AllocationKind::Allocated,
            Some(&[period]),
        );
        let c = value(
            d,
            v,
            Some(&[area]),
            None,
            AllocationKind::CarriedOver,
            Some(&[period]),
        );
        match (a, c) {
            (
                Value::Sum {
                    known: k1,
                    known_n: n1,
                    unknown_n: u1,
                },
                Value::Sum {
                    known: k2,
                    known_n: n2,
                    unknown_n: u2,
                },
            ) => Value::Sum {
                known: k1 + k2,
                known_n: n1 + n2,
                unknown_n: u1 + u2,
            },
            _ => Value::Withheld,
        }
    };
    for g in &chart.groups {
        for bar in &g.bars {
            let (area, period) = (bar.area_id.unwrap(), bar.period.unwrap());
            for s in &bar.segments {
                let want = value(d, v, Some(&[area]), None, s.kind.unwrap(), Some(&[period]));
                assert_eq!(of_segment(s.value), as_segment(want));
            }
            if bar.segments.len() > 1 {
                let total = bar.total.as_ref().unwrap();
                assert_eq!(Value::of(total.total), available(area, period));
            }
        }
    }
    let chart = charts::build(
        d,
        &ChartSpec {
            kind: ChartKind::DisbursementRate,
            ..Default::default()
        },
        Lang::Vi,
    )
    .unwrap();
    for g in &chart.groups {
        for bar in &g.bars {
            let (area, period) = (bar.area_id.unwrap(), bar.period.unwrap());
            let Value::Sum {
                known: dv,
                unknown_n: 0,
                known_n,
            } = value(
                d,
                v,
                Some(&[area]),
                None,
                AllocationKind::Disbursed,
                Some(&[period]),
            )
            else {
                panic!("a rate drawn on a disbursed amount not known");
            };
            assert!(known_n > 0);
            let Value::Sum {
                known: base,
                unknown_n: 0,
                ..
            } = available(area, period)
            else {
                panic!("a rate drawn on what was available not known");
            };
            let want = ((i128::from(dv) * 2000 + i128::from(base)) / (i128::from(base) * 2)) as i64;
            assert_eq!(bar.segments[0].value, SegmentValue::Known(want));
        }
    }
}

/// Each round's own figures, side by side.
fn check_rounds_chart(d: &Dossier, kind: AllocationKind) {
    let chart = charts::build(
        d,
        &ChartSpec {
            kind: ChartKind::Rounds,
            money_kind: kind,
            ..Default::default()
        },
        Lang::Vi,
    )
    .unwrap();
    let labels = giamsat::analysis::round_labels(d, Lang::Vi);
    for g in &chart.groups {
        for bar in &g.bars {
            let (area, period) = (bar.area_id.unwrap(), bar.period.unwrap());
            let round = labels
                .iter()
                .find(|(_, l)| bar.label.ends_with(l.as_str()))
                .map(|(r, _)| *r)
                .unwrap();
            let want = value(
                d,
                View::At(round),
                Some(&[area]),
                None,
                kind,
                Some(&[period]),
            );
            assert_eq!(of_segment(bar.segments[0].value), as_segment(want));
        }
    }
}

/// Every amount a round's printed summary and report quote.
fn check_prints(d: &Dossier) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    for round in &d.rounds {
        for doc in [DocKind::TomTat, DocKind::BaoCao] {
            let printed =
                giamsat::print::build(d, Some(round.id), doc, MoneyUnit::Trieu, today).unwrap();
            let figures = reference::figures(d, View::AsOf(round.id));
            assert_eq!(
                printed.quoted.is_empty(),
                figures.is_empty(),
                "{doc:?}: quotes figures exactly when the round has some"
            );
            for q in &printed.quoted {
                let want = value(
                    d,
                    View::AsOf(round.id),
                    q.area.as_ref().map(std::slice::from_ref),
                    q.project.as_ref().map(std::slice::from_ref),
                    q.kind,
                    q.period.as_ref().map(std::slice::from_ref),
                );
                assert_eq!(
                    Value::of(q.value),
                    want,
                    "{doc:?} round {:?}: {q:?}",
                    round.id
                );
            }
        }
    }
}

/// The summary on the command line, as csv and json, row by row.
fn check_summary_cli(d: &Dossier) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thu.giamsat");
    giamsat::store::ProjectFile::create(&path, d).unwrap();
    let run = |format: &str| {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let outcome = giamsat::cli::run(
            [
                "giamsat",
                "summary",
                path.to_str().unwrap(),
                "--format",
                format,
            ]
            .map(std::ffi::OsString::from),
            &mut out,
            &mut err,
        );
        assert_eq!(
            outcome,
            giamsat::cli::Outcome::Exit(0),
            "{}",
            String::from_utf8_lossy(&err)
        );
        String::from_utf8(out).unwrap()
    };
    let area_of = |name: &str, kind: &str| {
        d.areas
            .iter()
            .find(|a| a.name == name && a.kind.code() == kind)
            .unwrap()
            .id
    };
    let project_of = |label: &str| {
        d.projects
            .iter()
            .find(|p| p.short_label_vi() == label)
            .unwrap()
            .id
    };
    let v = View::Latest;
    let mut rows = HashSet::new();
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        let record = record.unwrap();
        let f: Vec<&str> = record.iter().collect();
        let line = f.join("|");
        let area = area_of(f[0], f[1]);
        let project = project_of(f[2]);
        let kind = AllocationKind::from_code(f[3]).unwrap();
        let period = Period::new(f[4].parse().unwrap(), f[5].parse().unwrap()).unwrap();
        rows.insert((area, project, kind, period));
        let want = value(d, v, Some(&[area]), Some(&[project]), kind, Some(&[period]));
        match want {
            Value::Withheld => assert!(f[6].is_empty() && !f[9].is_empty(), "{line}"),
            Value::Sum {
                known,
                known_n,
                unknown_n,
            } => {
                assert!(f[9].is_empty(), "{line}: not withheld");
                if unknown_n == 0 && known_n > 0 {
                    assert_eq!(f[6], known.to_string(), "{line}");
                } else {
                    assert_eq!(f[6], "", "{line}: a total with an unknown part");
                }
            }
        }
    }
    // One row for every area, project, kind and period with figures of its own.
    let want: HashSet<(AreaId, ProjectId, AllocationKind, Period)> = reference::figures(d, v)
        .iter()
        .map(|a| (a.area_id, a.project_id, a.kind, a.period))
        .collect();
    assert_eq!(rows, want);
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    for r in json.as_array().unwrap() {
        let area = AreaId(r["area_id"].as_i64().unwrap());
        let project = ProjectId(r["project_id"].as_i64().unwrap());
        let kind = AllocationKind::from_code(r["kind"].as_str().unwrap()).unwrap();
        let period = Period::new(
            r["from_year"].as_i64().unwrap() as i32,
            r["to_year"].as_i64().unwrap() as i32,
        )
        .unwrap();
        // A row inside another row's total says which.
        let inside = r["part_of"].as_object().map(|o| {
            (
                AreaId(o["area_id"].as_i64().unwrap()),
                ProjectId(o["project_id"].as_i64().unwrap()),
            )
        });
        assert_eq!(
            inside,
            reference::part_of(d, v, (area, project, kind, period)),
            "{r}"
        );
        match value(d, v, Some(&[area]), Some(&[project]), kind, Some(&[period])) {
            Value::Withheld => assert!(r["withheld"].is_string(), "{r}"),
            Value::Sum {
                known, unknown_n, ..
            } => {
                assert_eq!(r["known_dong"].as_i64(), Some(known), "{r}");
                assert_eq!(r["unknown_count"].as_u64(), Some(unknown_n as u64), "{r}");
            }
        }
    }
    // Each kind's total, under the table.
    let s = giamsat::analysis::summary(d, &AllocationFilter::default()).unwrap();
    for t in &s.totals {
        assert_eq!(
            Value::of(t.tally.total),
            value(d, v, None, None, t.kind, None)
        );
        assert_eq!(s.count(t.kind).unwrap().total, t.tally.total);
    }
}

/// The figure a drafted sentence quotes, as a round sees it.
fn check_phrases(d: &Dossier) {
    for round in &d.rounds {
        for area in AREAS {
            for period in periods() {
                let kind = AllocationKind::Allocated;
                let phrase = giamsat::analysis::figure_phrase(
                    d,
                    (area, period, kind),
                    RoundView::AsOf(round.id),
                    MoneyUnit::Dong,
                    Lang::En,
                )
                .unwrap();
                let want = value(
                    d,
                    View::AsOf(round.id),
                    Some(&[area]),
                    None,
                    kind,
                    Some(&[period]),
                );
                match want {
                    Value::Withheld => assert_eq!(phrase, None),
                    v if v.is_empty() => assert_eq!(phrase, None),
                    Value::Sum {
                        known,
                        known_n,
                        unknown_n,
                    } => {
                        let phrase = phrase.unwrap();
                        if known_n == 0 {
                            assert_eq!(phrase, "not reported");
                        } else {
                            let digits: String =
                                phrase.chars().filter(|c| c.is_ascii_digit()).collect();
                            assert_eq!(digits, known.to_string(), "{phrase}");
                            assert_eq!(phrase.contains("plus"), unknown_n > 0, "{phrase}");
                        }
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn every_surface_agrees_with_the_reference(d in gen_dossier()) {
        for kind in AllocationKind::ALL {
            check_charts(&d, kind);
            check_level_charts(&d, kind);
            check_rounds_chart(&d, kind);
        }
        check_kinds_and_rate(&d);
        check_prints(&d);
        check_summary_cli(&d);
        check_phrases(&d);
    }
}

// The three ways the Lạng Sơn sample once gave a wrong total, end to end.

fn giamsat(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn allocated_total(table: &str) -> String {
    table
        .lines()
        .find(|l| l.starts_with("Tổng cộng") && l.contains("Vốn phân bổ"))
        .unwrap_or_else(|| panic!("no total in\n{table}"))
        .split_whitespace()
        .last()
        .unwrap()
        .to_string()
}

/// Importing Hữu Lũng's commune-level report (communes and the district office) into the
/// sample, which holds the district's 468 for 2022, once made the province's total 2.091 (the
/// district added to its own communes) and `check` said nothing.
#[test]
fn a_district_is_never_added_to_its_own_communes_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    giamsat(&["sample", "mau.giamsat"], d);
    std::fs::write(d.join("Báo cáo.csv"), super::cli::report_csv(false)).unwrap();
    let (code, _, err) = giamsat(
        &[
            "import-table",
            "mau.giamsat",
            "Báo cáo.csv",
            "--project",
            "Dự án 7",
            "--parent",
            "huyện Hữu Lũng",
        ],
        d,
    );
    assert_eq!(code, 0, "{err}");
    let (_, table, _) = giamsat(&["summary", "mau.giamsat"], d);
    assert_eq!(allocated_total(&table), "1.911", "{table}");
    // The line under the total says the district's total was taken, its parts beside it.
    assert!(
        table.contains("chênh lệch 288 triệu đồng — không cộng thêm"),
        "{table}"
    );
    // The totals chart's table: 2022 is the district's 468, not 468 + 100 + 50 + 30.
    let (code, _, err) = giamsat(
        &[
            "chart",
            "mau.giamsat",
            "--by",
            "totals",
            "--kind",
            "allocated",
            "--table",
            "tong.csv",
        ],
        d,
    );
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(d.join("tong.csv")).unwrap();
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let at = head.iter().position(|h| *h == "2022").unwrap();
    assert_eq!(row[at], "468", "{csv}");
    // `check` names the total beside parts that add up to less, with the difference.
    let (code, out, _) = giamsat(&["check", "mau.giamsat"], d);
    assert_eq!(code, 0, "warnings are not errors");
    assert!(
        out.contains("huyện Hữu Lũng, Dự án 7, vốn phân bổ 2022: tổng 468 triệu đồng"),
        "{out}"
    );
    assert!(out.contains("chênh lệch 288 triệu đồng"), "{out}");
    // And `explain` says what the district's 2022 is made of, and what it leaves out.
    let (code, out, err) = giamsat(
        &[
            "explain",
            "mau.giamsat",
            "--area",
            "huyện Hữu Lũng",
            "--year",
            "2022",
            "--kind",
            "allocated",
        ],
        d,
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "huyện Hữu Lũng · mọi dự án · Vốn phân bổ · 2022: 468 triệu đồng"
    );
    assert!(lines[1].starts_with("Tính vào tổng (1):"), "{out}");
    assert!(
        out.contains("các phần bên dưới cộng lại 180 triệu đồng, chênh lệch 288 triệu đồng"),
        "{out}"
    );
    assert!(
        out.contains("huyện Hữu Lũng, Dự án 7, 2022, phần riêng: 100 triệu đồng"),
        "{out}"
    );
    assert!(
        out.contains("xã Minh Sơn, Dự án 7, 2022: 50 triệu đồng"),
        "{out}"
    );
    let (_, json, _) = giamsat(
        &[
            "explain",
            "mau.giamsat",
            "--area",
            "huyện Hữu Lũng",
            "--year",
            "2022",
            "--format",
            "json",
        ],
        d,
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["total"]["amount_dong"], 468_000_000);
    assert_eq!(v["wholes"][0]["parts"].as_array().unwrap().len(), 3);
    assert_eq!(v["wholes"][0]["difference_dong"], 288_000_000);
    // A name the project does not hold is said so, with what there is.
    let (code, _, err) = giamsat(&["explain", "mau.giamsat", "--area", "huyện Bắc Sơn"], d);
    assert_eq!(code, 1);
    assert!(
        err.contains("--area “huyện Bắc Sơn”: hồ sơ không có địa bàn này"),
        "{err}"
    );
}

/// A second round re-reporting Hữu Lũng's 2022 allocation as 470 without naming the funding
/// source (round 1's 468 named the state budget) was once added to it: 938.
#[test]
fn a_figure_reported_again_is_counted_once_whatever_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = giamsat::sample::lang_son();
    d.rounds.push(Round {
        id: RoundId(2),
        start_date: NaiveDate::from_ymd_opt(2024, 6, 1),
        end_date: None,
        subjects: vec![],
        members: vec![],
        sessions: vec![],
        ..d.rounds[0].clone()
    });
    d.allocations.push(Allocation {
        id: AllocationId(d.next_id(Table::Allocations)),
        funding_source_id: None,
        amount_dong: Amount::Known(Dong::from_trieu(470).unwrap()),
        round_id: Some(RoundId(2)),
        source_doc: "Báo cáo đợt 2".into(),
        ..d.allocations[0].clone()
    });
    let path = dir.path().join("hai-dot.giamsat");
    giamsat::store::ProjectFile::create(&path, &d).unwrap();
    let (_, table, _) = giamsat(&["summary", "hai-dot.giamsat"], dir.path());
    let hl_2022 = table
        .lines()
        .find(|l| {
            l.starts_with("huyện Hữu Lũng") && l.contains("Vốn phân bổ") && l.contains("2022 ")
        })
        .unwrap();
    assert!(hl_2022.trim_end().ends_with(" 470"), "{table}");
    assert_eq!(allocated_total(&table), "1.913", "{table}");
    let (_, out, _) = giamsat(&["check", "hai-dot.giamsat"], dir.path());
    assert!(
        out.contains("đã được báo cáo lại ở Đợt 2 (06/2024)"),
        "{out}"
    );
}

/// A figure for a district round 1 did not supervise and one for another project, neither
/// tagged with a round, once entered round 1's report: its total became 8.243.
#[test]
fn a_rounds_report_and_phrases_count_only_what_it_supervised() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = giamsat::sample::lang_son();
    let bac_son = AreaId(d.next_id(Table::Areas));
    d.areas.push(Area {
        id: bac_son,
        name: "Bắc Sơn".into(),
        kind: AreaKind::Huyen,
        parent_id: Some(giamsat::sample::LANG_SON),
        valid_from: None,
        valid_to: Some(2025),
    });
    let base = d.allocations[0].clone();
    let next = d.next_id(Table::Allocations);
    d.allocations.push(Allocation {
        id: AllocationId(next),
        area_id: bac_son,
        amount_dong: Amount::Known(Dong::from_trieu(3000).unwrap()),
        round_id: None,
        ..base.clone()
    });
    d.allocations.push(Allocation {
        id: AllocationId(next + 1),
        project_id: ProjectId(1),
        amount_dong: Amount::Known(Dong::from_trieu(3332).unwrap()),
        round_id: None,
        ..base
    });
    let path = dir.path().join("them.giamsat");
    giamsat::store::ProjectFile::create(&path, &d).unwrap();
    // The whole project's summary has them all; round 1's report only its own.
    let (_, table, _) = giamsat(&["summary", "them.giamsat"], dir.path());
    assert_eq!(allocated_total(&table), "8.243", "{table}");
    let doc = giamsat::print::build(
        &d,
        Some(RoundId(1)),
        DocKind::BaoCao,
        MoneyUnit::Trieu,
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
    )
    .unwrap();
    let total = doc
        .quoted
        .iter()
        .find(|q| q.area.is_none() && q.period.is_none() && q.kind == AllocationKind::Allocated)
        .unwrap();
    assert_eq!(
        total.value.unwrap().total(),
        Some(Dong::from_trieu(1911).unwrap())
    );
    let (code, _, err) = giamsat(
        &[
            "print",
            "them.giamsat",
            "--doc",
            "bao-cao",
            "--pdf",
            "bc.pdf",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let text: String =
        pdf_extract::extract_text_from_mem(&std::fs::read(dir.path().join("bc.pdf")).unwrap())
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    assert!(text.contains("1.911"), "{text}");
    assert!(
        !text.contains("8.243") && !text.contains("Bắc Sơn"),
        "{text}"
    );
    assert!(
        text.contains("Số liệu của Dự án 7"),
        "the report says what it covers"
    );
    // The figure phrase a drafter inserts for Hữu Lũng 2022 is Dự án 7's 468, not 468 + 3.332.
    let phrase = giamsat::analysis::figure_phrase(
        &d,
        (
            giamsat::sample::HUU_LUNG,
            Period::year(2022).unwrap(),
            AllocationKind::Allocated,
        ),
        RoundView::AsOf(RoundId(1)),
        MoneyUnit::Trieu,
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(phrase.as_deref(), Some("468 triệu đồng"));
}

/// A file from before figures said what they cover: upgrading it marks the office rows of an
/// imported report as the district's own part — its report gave the same project's figures to
/// communes under the district — and leaves every other figure its area's total, so the
/// district's total is not added to its own communes once the file is opened.
#[test]
fn an_older_files_office_rows_become_own_parts_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.giamsat");
    let mut d = giamsat::sample::lang_son();
    let minh_son = AreaId(d.next_id(Table::Areas));
    d.areas.push(Area {
        id: minh_son,
        name: "Minh Sơn".into(),
        kind: AreaKind::Xa,
        parent_id: Some(giamsat::sample::HUU_LUNG),
        valid_from: None,
        valid_to: None,
    });
    let report = "Báo cáo HL.xlsx, trang tính “Biểu 01”,";
    let next = d.next_id(Table::Allocations);
    let base = d.allocations[0].clone();
    for (i, (area, row, trieu)) in [(giamsat::sample::HUU_LUNG, 10, 100), (minh_son, 12, 50)]
        .into_iter()
        .enumerate()
    {
        d.allocations.push(Allocation {
            id: AllocationId(next + i as i64),
            area_id: area,
            funding_source_id: None,
            amount_dong: Amount::Known(Dong::from_trieu(trieu).unwrap()),
            source_doc: format!("{report} dòng {row}"),
            round_id: None,
            ..base.clone()
        });
    }
    giamsat::store::ProjectFile::create(&path, &d).unwrap();
    // Back to schema 10, as such a file was written.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE server_origin; DROP TABLE issued_documents;
             ALTER TABLE conclusions DROP COLUMN figures;
             ALTER TABLE recommendations DROP COLUMN figures;
             ALTER TABLE text_versions DROP COLUMN figures;
             ALTER TABLE allocations DROP COLUMN covers; PRAGMA user_version = 10;",
        )
        .unwrap();
    }
    let (_, up) =
        giamsat::store::ProjectFile::open_and_load(&path, giamsat::store::Access::ReadOnly)
            .unwrap();
    let covers = |id: i64| {
        up.allocations
            .iter()
            .find(|a| a.id == AllocationId(id))
            .unwrap()
            .covers
    };
    assert_eq!(covers(next), Covers::Own, "the office's row");
    assert_eq!(covers(next + 1), Covers::Total, "a commune's row");
    assert_eq!(covers(1), Covers::Total, "the district's own report");
    let s = giamsat::analysis::summary(&up, &AllocationFilter::default()).unwrap();
    assert_eq!(
        s.totals[0].tally.total.unwrap().total(),
        Some(Dong::from_trieu(1911).unwrap())
    );
}

/// The summary's "parts" of a row are its own reported total's: a province row that counts
/// its office's own part beside its districts' totals does not show a district's parts as its
/// own, in the csv's parts_dong nor in the table's note.
#[test]
fn a_summary_rows_parts_are_its_own_totals_not_another_areas() {
    use giamsat::sample::{HUU_LUNG, LANG_SON};
    let dir = tempfile::tempdir().unwrap();
    let mut d = giamsat::sample::lang_son();
    let minh_son = AreaId(d.next_id(Table::Areas));
    d.areas.push(Area {
        id: minh_son,
        name: "Minh Sơn".into(),
        kind: AreaKind::Xa,
        parent_id: Some(HUU_LUNG),
        valid_from: None,
        valid_to: None,
    });
    let base = d
        .allocations
        .iter()
        .find(|a| {
            a.area_id == HUU_LUNG
                && a.kind == AllocationKind::Allocated
                && a.period == Period::year(2022).unwrap()
        })
        .unwrap()
        .clone();
    let next = d.next_id(Table::Allocations);
    for (i, (area, trieu, covers)) in [(minh_son, 50, Covers::Total), (LANG_SON, 10, Covers::Own)]
        .into_iter()
        .enumerate()
    {
        d.allocations.push(Allocation {
            id: AllocationId(next + i as i64),
            area_id: area,
            amount_dong: Amount::Known(Dong::from_trieu(trieu).unwrap()),
            covers,
            ..base.clone()
        });
    }
    giamsat::store::ProjectFile::create(&dir.path().join("p.giamsat"), &d).unwrap();
    let (code, csv, err) = giamsat(&["summary", "p.giamsat", "--format", "csv"], dir.path());
    assert_eq!(code, 0, "{err}");
    let row = |area: &str| -> Vec<String> {
        csv.lines()
            .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
            .find(|f| f[0] == area && f[3] == "allocated" && f[4] == "2022")
            .unwrap_or_else(|| panic!("no {area} 2022 in\n{csv}"))
    };
    // Hữu Lũng's 468 with Minh Sơn's 50 beside it; the province's row has no total of its own.
    assert_eq!(row("Hữu Lũng")[8], "50000000", "{csv}");
    assert_eq!(row("Lạng Sơn")[8], "", "{csv}");
    let (_, table, _) = giamsat(&["summary", "p.giamsat"], dir.path());
    let province = table
        .lines()
        .find(|l| l.contains("Lạng Sơn") && l.contains("2022") && l.contains("phân bổ"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(!province.contains("các phần"), "{table}");
}

/// A printed row or cell left without a total says why, though the table's total is given: a
/// commune whose sub-project's figure is larger than its own total, inside the district's
/// counted total.
#[test]
fn a_printed_row_without_its_total_says_why() {
    use giamsat::print::Block;
    use giamsat::sample::{DU_AN_7, HUU_LUNG};
    let mut d = giamsat::sample::lang_son();
    let minh_son = AreaId(d.next_id(Table::Areas));
    d.areas.push(Area {
        id: minh_son,
        name: "Minh Sơn".into(),
        kind: AreaKind::Xa,
        parent_id: Some(HUU_LUNG),
        valid_from: None,
        valid_to: None,
    });
    let sub = ProjectId(d.next_id(Table::Projects));
    let program = d.project(DU_AN_7).unwrap().program_id;
    d.projects.push(Project {
        id: sub,
        program_id: program,
        parent_id: Some(DU_AN_7),
        code: "7.1".into(),
        name: "Tiểu dự án 1".into(),
    });
    let base = d
        .allocations
        .iter()
        .find(|a| {
            a.area_id == HUU_LUNG
                && a.kind == AllocationKind::Allocated
                && a.period == Period::year(2022).unwrap()
        })
        .unwrap()
        .clone();
    let next = d.next_id(Table::Allocations);
    for (i, (project, trieu)) in [(DU_AN_7, 10), (sub, 20)].into_iter().enumerate() {
        d.allocations.push(Allocation {
            id: AllocationId(next + i as i64),
            area_id: minh_son,
            project_id: project,
            amount_dong: Amount::Known(Dong::from_trieu(trieu).unwrap()),
            source_doc: "Báo cáo xã Minh Sơn".into(),
            ..base.clone()
        });
    }
    assert_eq!(d.validate(), vec![]);
    for kind in [DocKind::TomTat, DocKind::BaoCao] {
        let doc = giamsat::print::build(
            &d,
            Some(RoundId(1)),
            kind,
            MoneyUnit::Trieu,
            NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        )
        .unwrap();
        // The district's 468 is still the round's 2022 figure for it: the table's total given.
        let grand = doc
            .quoted
            .iter()
            .find(|q| q.area.is_none() && q.period.is_none() && q.kind == AllocationKind::Allocated)
            .unwrap();
        assert!(grand.value.is_some(), "{kind:?}: {grand:?}");
        let minh_son_2022 = doc.quoted.iter().find(|q| {
            q.area == Some(minh_son)
                && q.period == Some(Period::year(2022).unwrap())
                && q.kind == AllocationKind::Allocated
        });
        assert!(
            minh_son_2022.is_some_and(|q| q.value.is_none()),
            "{kind:?}: {minh_son_2022:?}"
        );
        let notes: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Note { text } => Some(text.as_str()),
                _ => None,
            })
            .filter(|t| t.starts_with("Cảnh báo số liệu") && t.contains("Minh Sơn"))
            .collect();
        assert_eq!(notes.len(), 1, "{kind:?}: said once: {:#?}", doc.blocks);
    }
}

/// `explain` has no csv: asked for one, it says so and what to use, rather than print a table
/// a script would read wrongly.
#[test]
fn explain_refuses_csv_and_says_what_to_use() {
    let dir = tempfile::tempdir().unwrap();
    giamsat(&["sample", "mau.giamsat"], dir.path());
    let (code, out, err) = giamsat(
        &[
            "explain",
            "mau.giamsat",
            "--year",
            "2022",
            "--format",
            "csv",
        ],
        dir.path(),
    );
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("--format csv") && err.contains("summary"),
        "{err}"
    );
}

/// A commune added after the districts is read right after its own district — in the
/// summary, the chart and the printed report — not after every district.
#[test]
fn areas_read_in_the_trees_order_everywhere() {
    use giamsat::sample::{CHI_LANG, HUU_LUNG};
    let mut d = giamsat::sample::lang_son();
    let minh_son = AreaId(d.next_id(Table::Areas));
    d.areas.push(Area {
        id: minh_son,
        name: "Minh Sơn".into(),
        kind: AreaKind::Xa,
        parent_id: Some(HUU_LUNG),
        valid_from: None,
        valid_to: None,
    });
    let mut a = d
        .allocations
        .iter()
        .find(|a| a.area_id == HUU_LUNG && a.kind == AllocationKind::Allocated)
        .unwrap()
        .clone();
    a.id = AllocationId(d.next_id(Table::Allocations));
    a.area_id = minh_son;
    a.amount_dong = Amount::Known(Dong::from_trieu(5).unwrap());
    d.allocations.push(a);
    let firsts = |areas: Vec<AreaId>| {
        let mut seen = Vec::new();
        for x in areas {
            if !seen.contains(&x) {
                seen.push(x);
            }
        }
        seen
    };
    let want = vec![HUU_LUNG, minh_son, CHI_LANG];
    let summary = giamsat::analysis::summary(&d, &AllocationFilter::default()).unwrap();
    assert_eq!(
        firsts(summary.rows.iter().map(|r| r.key.area).collect()),
        want
    );
    let chart = charts::build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
    assert_eq!(
        firsts(
            chart
                .groups
                .iter()
                .flat_map(|g| g.bars.iter().filter_map(|b| b.area_id))
                .collect()
        ),
        want
    );
    let doc = giamsat::print::build(
        &d,
        Some(RoundId(1)),
        DocKind::BaoCao,
        MoneyUnit::Trieu,
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
    )
    .unwrap();
    assert_eq!(
        firsts(doc.quoted.iter().filter_map(|q| q.area).collect()),
        want
    );
}
