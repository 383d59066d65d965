//! Figures summed per area × project × kind × period: overlapping periods flagged and never
//! added, totals per kind, rows for tables and a figure written for a sentence.

use super::filter::{AllocationFilter, RoundView, area_regrouping};
use super::rounds::left_out;
use crate::model::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

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
