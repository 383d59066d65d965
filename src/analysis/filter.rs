//! Which figures a view takes (areas, projects, kinds, years, the round it looks from) and
//! under which area it shows them, across a reorganisation of administrative units.

use crate::model::*;
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
