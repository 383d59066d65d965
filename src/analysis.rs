//! Pure aggregation functions over a dossier: the numbers the charts, the printed documents
//! and the command line all show, computed in one place. A period total stays one group; an
//! unknown amount is counted as unknown, never as zero.

use crate::model::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeSet, HashMap};

/// Which allocations to include. `None` everywhere means everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AllocationFilter {
    pub project_ids: Option<BTreeSet<ProjectId>>,
    pub area_ids: Option<BTreeSet<AreaId>>,
    pub area_level: Option<AreaLevel>,
    /// Keep allocations whose period overlaps these years (inclusive). A 2022–2023 total
    /// overlaps 2023 and is kept whole.
    pub years: Option<(i32, i32)>,
    pub kinds: Option<BTreeSet<AllocationKind>>,
    /// Under which unit each figure is shown.
    pub basis: AreaBasis,
    /// Which figures of those given at several supervision rounds count.
    pub round: RoundView,
}

/// Which figures count when the same figure was given at several supervision rounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RoundView {
    /// Every figure, but of one given at several rounds only the latest round's (see
    /// [`superseded`]).
    #[default]
    Latest,
    /// Only the figures given at this round, as it was told them ("compare rounds").
    At(RoundId),
    /// The figures as they stood at this round: its own, those of earlier rounds and those of
    /// no round, the latest of each — what the round's documents rest on, whatever later
    /// rounds were told.
    AsOf(RoundId),
}

/// Under which unit a figure is shown, across a reorganisation of units (2025: districts
/// abolished, communes merged). A figure is never split among units: a unit whose territory
/// went to several keeps its figures as its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AreaBasis {
    /// Each figure under the unit that reported it, as it was at the time.
    #[default]
    AsReported,
    /// A former unit whose whole territory went to one unit of today is shown as that unit;
    /// one split among several stays its own.
    Today,
    /// Each unit that replaced others (by the succession lines) under the former district
    /// (huyện, thị xã, thành phố thuộc tỉnh) all of whose land it came from — directly, or
    /// through former communes of that district — so the years before and after the reform
    /// compare. A unit drawn from several districts, or that replaced nothing, stays its own.
    FormerDistrict,
}

impl AreaBasis {
    pub const ALL: [AreaBasis; 3] = [
        AreaBasis::AsReported,
        AreaBasis::Today,
        AreaBasis::FormerDistrict,
    ];

    /// The name on the command line (`--areas today`).
    pub fn code(self) -> &'static str {
        match self {
            AreaBasis::AsReported => "as-reported",
            AreaBasis::Today => "today",
            AreaBasis::FormerDistrict => "former-district",
        }
    }

    pub fn from_code(s: &str) -> Option<AreaBasis> {
        AreaBasis::ALL.into_iter().find(|b| b.code() == s)
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let t = lang.texts();
        match self {
            AreaBasis::AsReported => t.basis_as_reported,
            AreaBasis::Today => t.basis_today,
            AreaBasis::FormerDistrict => t.basis_former_district,
        }
    }
}

/// Short names of areas for charts and tables: the bare name ("Hữu Lũng"), the full name when
/// another area shares it ("huyện Hữu Lũng", "xã Hữu Lũng"), and "(cũ)" after a unit that was
/// replaced by others.
pub fn area_labels(d: &Dossier, lang: crate::i18n::Lang) -> HashMap<AreaId, String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for a in &d.areas {
        *count.entry(a.name.as_str()).or_default() += 1;
    }
    let map = SuccessionMap::new(&d.successions);
    d.areas
        .iter()
        .map(|a| {
            let mut label = if count.get(a.name.as_str()).copied().unwrap_or(0) > 1 {
                a.full_name(lang)
            } else {
                a.name.clone()
            };
            if map.is_former(a.id) {
                label.push(' ');
                label.push_str(lang.texts().former_suffix);
            }
            (a.id, label)
        })
        .collect()
}

/// The unit each area's figures are shown under for `basis`; areas not in the map are shown
/// as themselves.
pub fn area_regrouping(d: &Dossier, basis: AreaBasis) -> HashMap<AreaId, AreaId> {
    let mut out = HashMap::new();
    if basis == AreaBasis::AsReported {
        return out;
    }
    let map = SuccessionMap::new(&d.successions);
    let by_id: HashMap<AreaId, &Area> = d.areas.iter().map(|a| (a.id, a)).collect();
    let district_of = |mut id: AreaId| -> Option<AreaId> {
        for _ in 0..8 {
            let a = by_id.get(&id)?;
            match a.level() {
                AreaLevel::District => return Some(id),
                AreaLevel::Province => return None,
                AreaLevel::Commune => id = a.parent_id?,
            }
        }
        None
    };
    for a in &d.areas {
        let target = match basis {
            AreaBasis::AsReported => None,
            AreaBasis::Today => match map.current_units(a.id).as_slice() {
                [one] => Some(*one),
                _ => None,
            },
            // Only units that replaced others, by the mapping: a commune that existed before
            // reported beside its district, whose report may already include it.
            AreaBasis::FormerDistrict if map.predecessors(a.id).is_empty() => None,
            AreaBasis::FormerDistrict => {
                let districts: Option<BTreeSet<AreaId>> = map
                    .original_units(a.id)
                    .into_iter()
                    .map(district_of)
                    .collect();
                match districts
                    .as_ref()
                    .map(|s| s.iter().copied().collect::<Vec<_>>())
                {
                    Some(v) if v.len() == 1 => Some(v[0]),
                    _ => None,
                }
            }
        };
        if let Some(t) = target
            && t != a.id
            && by_id.contains_key(&t)
        {
            out.insert(a.id, t);
        }
    }
    out
}

impl AllocationFilter {
    pub fn accepts(&self, a: &Allocation, area_level: Option<AreaLevel>) -> bool {
        self.accepts_as(a, a.area_id, area_level)
    }

    /// [`AllocationFilter::accepts`] for a figure shown under `shown_area` (see
    /// [`AreaBasis`]): the area choices apply to the unit it is shown under.
    pub fn accepts_as(&self, a: &Allocation, shown_area: AreaId, level: Option<AreaLevel>) -> bool {
        // A pick names either the unit that reported or the one it is shown under, so
        // changing how units are shown never empties a chosen set without a word.
        self.area_ids
            .as_ref()
            .is_none_or(|s| s.contains(&shown_area) || s.contains(&a.area_id))
            && self.accepts_ignoring_area(a, level)
    }

    fn accepts_ignoring_area(&self, a: &Allocation, area_level: Option<AreaLevel>) -> bool {
        self.project_ids
            .as_ref()
            .is_none_or(|s| s.contains(&a.project_id))
            && self.area_level.is_none_or(|l| area_level == Some(l))
            && self
                .years
                .is_none_or(|(from, to)| a.period.from_year() <= to && from <= a.period.to_year())
            && self.kinds.as_ref().is_none_or(|s| s.contains(&a.kind))
            && match self.round {
                RoundView::At(r) => a.round_id == Some(r),
                RoundView::Latest | RoundView::AsOf(_) => true,
            }
    }
}

/// The dossier's rounds from the oldest to the newest, each with its place (0 = oldest): by
/// start date, then end date, then id; a round with no dates yet (being planned) is the
/// newest.
pub fn rounds_in_time(d: &Dossier) -> Vec<&Round> {
    crate::model::round::in_time(&d.rounds)
}

/// A short name for each round, for legends, columns and lists: "Đợt 2 (06/2023)" — its
/// place in time and the month it began.
pub fn round_labels(d: &Dossier, lang: crate::i18n::Lang) -> HashMap<RoundId, String> {
    let word = lang.texts().round_short;
    rounds_in_time(d)
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let label = match r.start_date.or(r.end_date) {
                Some(date) => format!("{word} {} ({})", i + 1, date.format("%m/%Y")),
                None => format!("{word} {}", i + 1),
            };
            (r.id, label)
        })
        .collect()
}

/// Where each round stands in time, worked out once: [`RoundPlaces::of`] is 0 for no round
/// (or one no longer there), 1 for the earliest round, and so on.
pub struct RoundPlaces(FxHashMap<RoundId, usize>);

impl RoundPlaces {
    pub fn new(d: &Dossier) -> RoundPlaces {
        RoundPlaces(
            rounds_in_time(d)
                .into_iter()
                .enumerate()
                .map(|(i, r)| (r.id, i + 1))
                .collect(),
        )
    }

    pub fn of(&self, round: Option<RoundId>) -> usize {
        round.and_then(|r| self.0.get(&r).copied()).unwrap_or(0)
    }
}

/// The round labelled "Đợt `n`" (counted from 1 in time, as [`round_labels`] names them).
pub fn round_numbered(d: &Dossier, n: u32) -> Option<RoundId> {
    let i = usize::try_from(n).ok()?.checked_sub(1)?;
    rounds_in_time(d).get(i).map(|r| r.id)
}

/// The figures a later round reported again: one with the same area, project, period, kind
/// and funding source was given at a later supervision round (a figure of no round counts as
/// earlier than any). Ordinary views leave them out, so a figure revised between rounds is
/// counted once, as last reported; "compare rounds" shows every round's.
pub fn superseded(d: &Dossier) -> rustc_hash::FxHashSet<AllocationId> {
    let all: Vec<&Allocation> = d.allocations.iter().collect();
    left_out(d, &all, RoundView::Latest)
}

/// Which of `figures` `view` leaves out: those a later round gave again and, as of a round,
/// those given at later rounds. A figure and its later version agree on everything a filter
/// looks at (area, project, period, kind), so the figures that pass a filter are enough.
fn left_out(
    d: &Dossier,
    figures: &[&Allocation],
    view: RoundView,
) -> rustc_hash::FxHashSet<AllocationId> {
    let mut out = rustc_hash::FxHashSet::default();
    if matches!(view, RoundView::At(_)) || !figures.iter().any(|a| a.round_id.is_some()) {
        return out;
    }
    let place = RoundPlaces::new(d);
    let rank = |a: &Allocation| place.of(a.round_id);
    let up_to = match view {
        RoundView::AsOf(r) => place.0.get(&r).copied().unwrap_or(usize::MAX),
        _ => usize::MAX,
    };
    type Key = (
        AreaId,
        ProjectId,
        Period,
        AllocationKind,
        Option<FundingSourceId>,
    );
    let key = |a: &Allocation| -> Key {
        (
            a.area_id,
            a.project_id,
            a.period,
            a.kind,
            a.funding_source_id,
        )
    };
    // Figures of the earliest round present can be replaced but replace nothing: only the
    // later rounds' figures (often a few revisions) go into the map.
    let earliest = figures.iter().map(|a| rank(a)).min().unwrap_or(0);
    let mut newest: FxHashMap<Key, usize> = FxHashMap::default();
    for a in figures {
        let r = rank(a);
        if r > earliest && r <= up_to {
            let e = newest.entry(key(a)).or_default();
            *e = (*e).max(r);
        }
    }
    for a in figures {
        let r = rank(a);
        if r > up_to || (!newest.is_empty() && newest.get(&key(a)).is_some_and(|n| r < *n)) {
            out.insert(a.id);
        }
    }
    out
}

/// The allocations of one area × project × kind × period, summed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocationGroup {
    pub area_id: AreaId,
    pub project_id: ProjectId,
    pub kind: AllocationKind,
    pub period: Period,
    pub sum: AmountSum,
    /// The records behind the sum, in id order.
    pub allocation_ids: Vec<AllocationId>,
}

/// Allocations summed per area × project × kind × period, ordered as the dossier lists areas
/// and projects, then by kind and period.
pub fn group_allocations(
    d: &Dossier,
    filter: &AllocationFilter,
) -> Result<Vec<AllocationGroup>, MoneyError> {
    let area_pos: FxHashMap<AreaId, (usize, AreaLevel)> = d
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, (i, a.level())))
        .collect();
    let project_pos: FxHashMap<ProjectId, usize> = d
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let regroup = area_regrouping(d, filter.basis);
    // A group is found by what identifies it; its place in the list (the dossier's order of
    // areas and projects) is worked out once per group, not per figure.
    let mut index: FxHashMap<(AreaId, ProjectId, AllocationKind, Period), usize> =
        FxHashMap::default();
    let mut groups: Vec<AllocationGroup> = Vec::new();
    let passing: Vec<(&Allocation, AreaId)> = d
        .allocations
        .iter()
        .filter_map(|a| {
            let area_id = regroup.get(&a.area_id).copied().unwrap_or(a.area_id);
            let level = area_pos.get(&area_id).map(|(_, l)| *l);
            filter.accepts_as(a, area_id, level).then_some((a, area_id))
        })
        .collect();
    let left_out = {
        let figures: Vec<&Allocation> = passing.iter().map(|(a, _)| *a).collect();
        left_out(d, &figures, filter.round)
    };
    for (a, area_id) in passing {
        if left_out.contains(&a.id) {
            continue;
        }
        let i = *index
            .entry((area_id, a.project_id, a.kind, a.period))
            .or_insert_with(|| {
                groups.push(AllocationGroup {
                    area_id,
                    project_id: a.project_id,
                    kind: a.kind,
                    period: a.period,
                    sum: AmountSum::default(),
                    allocation_ids: Vec::new(),
                });
                groups.len() - 1
            });
        let g = &mut groups[i];
        g.sum.add(a.amount_dong)?;
        g.allocation_ids.push(a.id);
    }
    let pos = |g: &AllocationGroup| {
        (
            area_pos.get(&g.area_id).map_or(usize::MAX, |(p, _)| *p),
            project_pos
                .get(&g.project_id)
                .copied()
                .unwrap_or(usize::MAX),
            g.kind,
            g.period,
            g.area_id,
            g.project_id,
        )
    };
    groups.sort_by_cached_key(pos);
    for g in &mut groups {
        if !g.allocation_ids.is_sorted() {
            g.allocation_ids.sort();
        }
    }
    Ok(groups)
}

/// Two figures of one area, project and kind whose periods overlap — a 2022–2023 total and a
/// 2023 figure: added together they would count 2023 twice. Where the source meant the second
/// as a part of the first, or the first as a mistake, only the user can say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodOverlap {
    pub area_id: AreaId,
    pub project_id: ProjectId,
    pub kind: AllocationKind,
    pub first: Period,
    pub second: Period,
    /// The records of both periods, in id order.
    pub allocation_ids: Vec<AllocationId>,
}

/// Every pair of overlapping periods among the groups (see [`PeriodOverlap`]), in the groups'
/// order.
pub fn period_overlaps(groups: &[AllocationGroup]) -> Vec<PeriodOverlap> {
    let mut by_key: HashMap<(AreaId, ProjectId, AllocationKind), Vec<&AllocationGroup>> =
        HashMap::new();
    let mut order = Vec::new();
    for g in groups {
        let key = (g.area_id, g.project_id, g.kind);
        let list = by_key.entry(key).or_default();
        if list.is_empty() {
            order.push(key);
        }
        list.push(g);
    }
    let mut out = Vec::new();
    for key in order {
        let list = &by_key[&key];
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a.period != b.period && a.period.overlaps(b.period) {
                    let mut ids: Vec<AllocationId> = a
                        .allocation_ids
                        .iter()
                        .chain(&b.allocation_ids)
                        .copied()
                        .collect();
                    ids.sort();
                    out.push(PeriodOverlap {
                        area_id: key.0,
                        project_id: key.1,
                        kind: key.2,
                        first: a.period,
                        second: b.period,
                        allocation_ids: ids,
                    });
                }
            }
        }
    }
    out
}

/// What an overlap means, for the data screen, `giamsat check`, the summary and print.
pub fn overlap_warning(d: &Dossier, o: &PeriodOverlap, lang: crate::i18n::Lang) -> String {
    let area = d
        .area(o.area_id)
        .map(|a| a.full_name(lang))
        .unwrap_or_default();
    let project = d
        .project(o.project_id)
        .map(|p| p.short_label(lang))
        .unwrap_or_default();
    let (first, second) = (o.first.to_string(), o.second.to_string());
    match lang {
        crate::i18n::Lang::Vi => format!(
            "{area}, {project}, {}: số liệu kỳ {first} và kỳ {second} chồng lấn nhau — cộng lại sẽ tính trùng; hãy kiểm tra nguồn và sửa một trong hai",
            o.kind.label_vi().to_lowercase()
        ),
        crate::i18n::Lang::En => format!(
            "{area}, {project}, {}: the figures for {first} and for {second} overlap — adding them would count the same money twice; check the source and correct one of them",
            o.kind.label_en().to_lowercase()
        ),
    }
}

/// What a total cell says when the figures it would add overlap in time.
pub const NOT_ADDED_VI: &str = "không cộng (kỳ chồng lấn)";

/// One kind's total over some groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindTotal {
    pub kind: AllocationKind,
    /// The sum of the groups whose periods do not overlap another's. With overlaps, no total
    /// is given: a sum that counts money twice is not a figure the source gave.
    pub sum: Option<AmountSum>,
    pub overlaps: Vec<PeriodOverlap>,
}

/// The total of each kind over the groups, in kind order; kinds with no group are left out.
/// Kinds are never added together: carried-over money was already allocated the year before.
/// Groups whose periods overlap are never added either: that kind's total is withheld and the
/// overlaps are returned for the reader.
pub fn totals_by_kind(groups: &[AllocationGroup]) -> Result<Vec<KindTotal>, MoneyError> {
    let overlaps = period_overlaps(groups);
    let mut out: Vec<KindTotal> = Vec::new();
    for kind in AllocationKind::ALL {
        let mut sum = AmountSum::default();
        let mut any = false;
        for g in groups.iter().filter(|g| g.kind == kind) {
            sum.merge(&g.sum)?;
            any = true;
        }
        if any {
            let mine: Vec<PeriodOverlap> = overlaps
                .iter()
                .filter(|o| o.kind == kind)
                .cloned()
                .collect();
            out.push(KindTotal {
                kind,
                sum: mine.is_empty().then_some(sum),
                overlaps: mine,
            });
        }
    }
    Ok(out)
}

/// A group with the names a reader needs, for tables and exports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    /// The area's name without its type: "Hữu Lũng".
    pub area: String,
    pub area_kind: Option<AreaKind>,
    /// "Dự án 7".
    pub project: String,
    pub group: AllocationGroup,
}

pub fn summary_rows(d: &Dossier, groups: &[AllocationGroup]) -> Vec<SummaryRow> {
    let areas: HashMap<AreaId, &Area> = d.areas.iter().map(|a| (a.id, a)).collect();
    let projects: HashMap<ProjectId, &Project> = d.projects.iter().map(|p| (p.id, p)).collect();
    groups
        .iter()
        .map(|g| SummaryRow {
            area: areas
                .get(&g.area_id)
                .map_or_else(|| g.area_id.to_string(), |a| a.name.clone()),
            area_kind: areas.get(&g.area_id).map(|a| a.kind),
            project: projects
                .get(&g.project_id)
                .map_or_else(|| g.project_id.to_string(), |p| p.short_label_vi()),
            group: g.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{self, CHI_LANG, HUU_LUNG};

    fn trieu(n: i64) -> Dong {
        Dong::from_trieu(n).unwrap()
    }

    #[test]
    fn sample_groups_keep_spans_and_unknowns() {
        let d = sample::lang_son();
        let groups = group_allocations(&d, &AllocationFilter::default()).unwrap();
        let view: Vec<_> = groups
            .iter()
            .map(|g| (g.area_id, g.kind, g.period.to_string(), g.sum.total()))
            .collect();
        assert_eq!(
            view,
            vec![
                (
                    HUU_LUNG,
                    AllocationKind::Allocated,
                    "2022".into(),
                    Some(trieu(468))
                ),
                (
                    HUU_LUNG,
                    AllocationKind::Allocated,
                    "2023".into(),
                    Some(trieu(494))
                ),
                (HUU_LUNG, AllocationKind::CarriedOver, "2023".into(), None),
                (
                    CHI_LANG,
                    AllocationKind::Allocated,
                    "2022–2023".into(),
                    Some(trieu(949))
                ),
            ]
        );
        assert!(groups[2].sum.is_wholly_unknown());
        let totals = totals_by_kind(&groups).unwrap();
        assert_eq!(totals[0].kind, AllocationKind::Allocated);
        let allocated = totals[0].sum.as_ref().unwrap();
        assert_eq!(allocated.total(), Some(trieu(1911)));
        assert_eq!(totals[1].kind, AllocationKind::CarriedOver);
        let carried = totals[1].sum.as_ref().unwrap();
        assert_eq!(carried.total(), None);
        assert!(carried.is_wholly_unknown());
        assert!(
            period_overlaps(&groups).is_empty(),
            "the sample has no overlap"
        );
    }

    /// The sample with a 2023 figure for Chi Lăng beside its 2022–2023 total.
    pub(crate) fn with_an_overlap() -> Dossier {
        let mut d = sample::lang_son();
        d.allocations.push(Allocation {
            id: AllocationId(d.next_id(Table::Allocations)),
            area_id: CHI_LANG,
            project_id: sample::DU_AN_7,
            period: Period::year(2023).unwrap(),
            kind: AllocationKind::Allocated,
            funding_source_id: None,
            amount_dong: Amount::Known(trieu(500)),
            note: String::new(),
            source_doc: String::new(),
            round_id: None,
        });
        d
    }

    #[test]
    fn overlapping_periods_are_flagged_and_never_added() {
        let d = with_an_overlap();
        let groups = group_allocations(&d, &AllocationFilter::default()).unwrap();
        let overlaps = period_overlaps(&groups);
        assert_eq!(overlaps.len(), 1);
        let o = &overlaps[0];
        assert_eq!((o.area_id, o.kind), (CHI_LANG, AllocationKind::Allocated));
        assert_eq!(
            (o.first.to_string(), o.second.to_string()),
            ("2022–2023".to_string(), "2023".to_string())
        );
        assert_eq!(o.allocation_ids.len(), 2);
        let totals = totals_by_kind(&groups).unwrap();
        assert_eq!(totals[0].kind, AllocationKind::Allocated);
        assert_eq!(totals[0].sum, None, "1.911 + 500 would count 2023 twice");
        assert_eq!(totals[0].overlaps, overlaps);
        // Other kinds are still added.
        assert!(totals[1].sum.is_some());
        assert_eq!(
            overlap_warning(&d, o, crate::i18n::Lang::Vi),
            "huyện Chi Lăng, Dự án 7, vốn phân bổ: số liệu kỳ 2022–2023 và kỳ 2023 chồng lấn nhau — cộng lại sẽ tính trùng; hãy kiểm tra nguồn và sửa một trong hai"
        );
        // Disjoint periods of the same area are no overlap; nor is the same period twice
        // (that is one group, summed).
        let groups = group_allocations(&sample::lang_son(), &AllocationFilter::default()).unwrap();
        assert!(period_overlaps(&groups).is_empty());
    }

    #[test]
    fn year_filter_keeps_a_span_whole() {
        let d = sample::lang_son();
        let f = AllocationFilter {
            years: Some((2023, 2023)),
            kinds: Some([AllocationKind::Allocated].into()),
            ..Default::default()
        };
        let groups = group_allocations(&d, &f).unwrap();
        let totals = totals_by_kind(&groups).unwrap();
        // 494 for Hữu Lũng 2023 plus Chi Lăng's whole 2022–2023 total; never a made-up half.
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].period.to_string(), "2022–2023");
        assert_eq!(
            totals[0].sum.as_ref().and_then(AmountSum::total),
            Some(trieu(494 + 949))
        );
        let f2022 = AllocationFilter {
            years: Some((2021, 2021)),
            ..Default::default()
        };
        assert!(group_allocations(&d, &f2022).unwrap().is_empty());
    }

    #[test]
    fn records_of_the_same_group_are_summed_and_listed() {
        let mut d = sample::lang_son();
        let mut extra = d.allocations[0].clone();
        extra.id = AllocationId(10);
        extra.amount_dong = Amount::Known(Dong::new(1).unwrap());
        d.allocations.push(extra);
        let mut unknown = d.allocations[0].clone();
        unknown.id = AllocationId(11);
        unknown.amount_dong = Amount::Unknown;
        d.allocations.push(unknown);
        let groups = group_allocations(&d, &AllocationFilter::default()).unwrap();
        let g = &groups[0];
        assert_eq!(
            g.allocation_ids,
            vec![AllocationId(1), AllocationId(10), AllocationId(11)]
        );
        assert_eq!(g.sum.known, Dong::new(468_000_001).unwrap());
        assert!(g.sum.is_partly_unknown());
        assert_eq!(g.sum.total(), None);
    }

    #[test]
    fn filters_by_area_level_and_project() {
        let d = sample::lang_son();
        let province = AllocationFilter {
            area_level: Some(AreaLevel::Province),
            ..Default::default()
        };
        assert!(group_allocations(&d, &province).unwrap().is_empty());
        let other_project = AllocationFilter {
            project_ids: Some([ProjectId(1)].into()),
            ..Default::default()
        };
        assert!(group_allocations(&d, &other_project).unwrap().is_empty());
        let rows = summary_rows(
            &d,
            &group_allocations(&d, &AllocationFilter::default()).unwrap(),
        );
        assert_eq!(rows[0].area, "Hữu Lũng");
        assert_eq!(rows[0].area_kind, Some(AreaKind::Huyen));
        assert_eq!(rows[0].project, "Dự án 7");
    }
}

/// One place where a search matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    /// Where it is, in words: "Kiến nghị 2 · Đợt …".
    pub place: String,
    /// The whole text that matched.
    pub text: String,
    /// The record, to open it.
    pub key: RecordKey,
}

/// Every text of the dossier that contains `query`, ignoring case and, when asked, Vietnamese
/// marks ("huu lung" finds "Hữu Lũng").
pub fn search(
    d: &Dossier,
    query: &str,
    ignore_marks: bool,
    lang: crate::i18n::Lang,
) -> Vec<SearchHit> {
    use crate::model::text::search_key;
    let needle = search_key(query.trim(), ignore_marks);
    if needle.is_empty() {
        return vec![];
    }
    let t = lang.texts();
    let area = |id: Option<AreaId>| id.and_then(|a| d.area(a)).map(|a| a.name.clone());
    let mut hits = Vec::new();
    let mut check = |place: String, text: &str, key: RecordKey| {
        if !text.is_empty() && search_key(text, ignore_marks).contains(&needle) {
            hits.push(SearchHit {
                place,
                text: text.to_string(),
                key,
            });
        }
    };
    check(t.f_dossier_name.to_string(), &d.info.name, RecordKey::Info);
    check(t.f_notes.to_string(), &d.info.notes, RecordKey::Info);
    for a in &d.areas {
        check(t.what_area.to_string(), &a.name, RecordKey::Area(a.id));
    }
    for c in &d.conclusions {
        let kind = match c.kind {
            ConclusionKind::Strength => t.ck_strength,
            ConclusionKind::Shortcoming => t.ck_shortcoming,
            ConclusionKind::Cause => t.ck_cause,
            ConclusionKind::Overall => t.ck_overall,
        };
        let place = match area(c.area_id) {
            Some(a) => format!("{} · {kind} · {a}", t.what_conclusion),
            None => format!("{} · {kind}", t.what_conclusion),
        };
        check(place, &c.text, RecordKey::Conclusion(c.id));
    }
    for (i, r) in d.recommendations.iter().enumerate() {
        let place = format!(
            "{} {} · {}",
            t.what_recommendation,
            i + 1,
            r.addressees.join("; ")
        );
        check(place.clone(), &r.text, RecordKey::Recommendation(r.id));
        for a in &r.addressees {
            check(place.clone(), a, RecordKey::Recommendation(r.id));
        }
        for x in &r.responses {
            let when = x.date.format("%d/%m/%Y").to_string();
            check(
                format!("{place} · {} {when}", t.response),
                &x.text,
                RecordKey::Recommendation(r.id),
            );
            check(
                format!("{place} · {} {when}", t.response),
                &x.evidence,
                RecordKey::Recommendation(r.id),
            );
        }
    }
    for a in &d.allocations {
        let place = format!(
            "{} · {} {}",
            t.what_allocation,
            area(Some(a.area_id)).unwrap_or_default(),
            a.period
        );
        check(place.clone(), &a.note, RecordKey::Allocation(a.id));
        check(place, &a.source_doc, RecordKey::Allocation(a.id));
    }
    for r in &d.rounds {
        check(t.what_round.to_string(), &r.title, RecordKey::Round(r.id));
        check(t.what_round.to_string(), &r.notes, RecordKey::Round(r.id));
        for s in &r.sessions {
            check(
                format!("{} · {}", t.what_round, t.sessions),
                &s.topics,
                RecordKey::Round(r.id),
            );
        }
    }
    // One hit per record and place is enough.
    hits.dedup_by(|a, b| a.key == b.key && a.place == b.place && a.text == b.text);
    for h in &mut hits {
        h.place = capitalize_first(&h.place);
    }
    hits
}

/// "kết luận" → "Kết luận".
pub fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How many statuses a recommendation can have.
pub const STATUSES: usize = RecommendationStatus::ALL.len();

/// The numbers a recommendation follow-up board counts: per addressee, per status.
pub fn status_counts(d: &Dossier) -> Vec<(String, [usize; STATUSES])> {
    let mut out: Vec<(String, [usize; STATUSES])> = Vec::new();
    for r in &d.recommendations {
        let i = RecommendationStatus::ALL
            .iter()
            .position(|s| *s == r.status)
            .unwrap_or(0);
        for a in &r.addressees {
            match out.iter_mut().find(|(name, _)| name == a) {
                Some((_, counts)) => counts[i] += 1,
                None => {
                    let mut counts = [0; STATUSES];
                    counts[i] = 1;
                    out.push((a.clone(), counts));
                }
            }
        }
    }
    out
}

/// A figure written for a sentence: "468 triệu đồng", "chưa có số liệu", or "468 triệu đồng
/// (và một khoản chưa có số liệu)" — as `round` sees it (a round's text quotes its figures as
/// they stood at that round, see [`RoundView::AsOf`]).
pub fn figure_phrase(
    d: &Dossier,
    (area, period, kind): (AreaId, Period, AllocationKind),
    round: RoundView,
    unit: MoneyUnit,
    lang: crate::i18n::Lang,
) -> Result<Option<String>, MoneyError> {
    let filter = AllocationFilter {
        area_ids: Some([area].into()),
        kinds: Some([kind].into()),
        round,
        ..Default::default()
    };
    let mut sum = AmountSum::default();
    for g in group_allocations(d, &filter)?
        .iter()
        .filter(|g| g.period == period)
    {
        sum.merge(&g.sum)?;
    }
    if sum.is_empty() {
        return Ok(None);
    }
    let t = lang.texts();
    let unit_name = match lang {
        crate::i18n::Lang::Vi => unit.label_vi(),
        crate::i18n::Lang::En => unit.label_en(),
    };
    let known = format!(
        "{} {unit_name}",
        crate::model::number::format_money(sum.known, unit, lang.number_style())
    );
    Ok(Some(if sum.is_wholly_unknown() {
        t.unknown_amount.to_string()
    } else if sum.is_partly_unknown() {
        crate::i18n::fill(t.figure_partly_unknown, &[("known", &known)])
    } else {
        known
    }))
}

#[cfg(test)]
mod follow_up_tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::sample::{self, CHI_LANG, HUU_LUNG};

    #[test]
    fn search_finds_text_with_and_without_marks() {
        let d = sample::lang_son();
        let exact = search(&d, "Hữu Lũng", false, Lang::Vi);
        assert!(!exact.is_empty());
        assert!(
            search(&d, "huu lung", false, Lang::Vi).is_empty(),
            "with marks required, plain letters do not match"
        );
        let loose = search(&d, "huu lung", true, Lang::Vi);
        assert_eq!(loose.len(), exact.len());
        assert!(
            loose
                .iter()
                .any(|h| h.key == RecordKey::Conclusion(ConclusionId(3)))
        );
        assert!(
            search(&d, "TRÔNG CHỜ", false, Lang::Vi)
                .iter()
                .any(|h| h.key == RecordKey::Recommendation(RecommendationId(2)))
        );
        assert!(search(&d, "  ", true, Lang::Vi).is_empty());
    }

    #[test]
    fn figures_for_sentences() {
        let d = sample::lang_son();
        let p = |area, from, to, kind| {
            figure_phrase(
                &d,
                (area, Period::new(from, to).unwrap(), kind),
                RoundView::Latest,
                MoneyUnit::Trieu,
                Lang::Vi,
            )
            .unwrap()
        };
        assert_eq!(
            p(HUU_LUNG, 2022, 2022, AllocationKind::Allocated).as_deref(),
            Some("468 triệu đồng")
        );
        assert_eq!(
            p(HUU_LUNG, 2023, 2023, AllocationKind::CarriedOver).as_deref(),
            Some("chưa có số liệu")
        );
        assert_eq!(
            p(CHI_LANG, 2022, 2023, AllocationKind::Allocated).as_deref(),
            Some("949 triệu đồng")
        );
        assert_eq!(
            p(CHI_LANG, 2022, 2022, AllocationKind::Allocated),
            None,
            "no invented 2022 share of a 2022–2023 total"
        );
    }

    #[test]
    fn counts_by_addressee_and_status() {
        let mut d = sample::lang_son();
        d.recommendations[0].status = RecommendationStatus::Done;
        let counts = status_counts(&d);
        assert_eq!(counts.len(), 2);
        assert_eq!(
            counts[0],
            ("UBND huyện Hữu Lũng".to_string(), [2, 0, 0, 0, 1, 0, 0])
        );
    }
}
