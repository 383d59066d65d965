//! Administrative areas: typed units with a parent. After the 2025 reform a commune may carry a
//! former district's name, so a name alone never identifies an area.

use super::ids::AreaId;
use serde::{Deserialize, Serialize};

/// The type of an administrative unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    /// tỉnh
    Tinh,
    /// thành phố trực thuộc trung ương
    ThanhPhoTw,
    /// thành phố thuộc tỉnh
    ThanhPho,
    /// quận
    Quan,
    /// huyện
    Huyen,
    /// thị xã
    ThiXa,
    /// xã
    Xa,
    /// phường
    Phuong,
    /// thị trấn
    ThiTran,
    /// đặc khu
    DacKhu,
}

/// The tier an area belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaLevel {
    Province,
    District,
    Commune,
}

impl AreaKind {
    pub const ALL: [AreaKind; 10] = [
        AreaKind::Tinh,
        AreaKind::ThanhPhoTw,
        AreaKind::ThanhPho,
        AreaKind::Quan,
        AreaKind::Huyen,
        AreaKind::ThiXa,
        AreaKind::Xa,
        AreaKind::Phuong,
        AreaKind::ThiTran,
        AreaKind::DacKhu,
    ];

    pub fn level(self) -> AreaLevel {
        match self {
            AreaKind::Tinh | AreaKind::ThanhPhoTw => AreaLevel::Province,
            AreaKind::ThanhPho | AreaKind::Quan | AreaKind::Huyen | AreaKind::ThiXa => {
                AreaLevel::District
            }
            AreaKind::Xa | AreaKind::Phuong | AreaKind::ThiTran | AreaKind::DacKhu => {
                AreaLevel::Commune
            }
        }
    }

    /// The ASCII code used in files and csv (`huyen`, `xa` …).
    pub fn code(self) -> &'static str {
        match self {
            AreaKind::Tinh => "tinh",
            AreaKind::ThanhPhoTw => "thanh_pho_tw",
            AreaKind::ThanhPho => "thanh_pho",
            AreaKind::Quan => "quan",
            AreaKind::Huyen => "huyen",
            AreaKind::ThiXa => "thi_xa",
            AreaKind::Xa => "xa",
            AreaKind::Phuong => "phuong",
            AreaKind::ThiTran => "thi_tran",
            AreaKind::DacKhu => "dac_khu",
        }
    }

    pub fn from_code(code: &str) -> Option<AreaKind> {
        AreaKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The word put before the name in Vietnamese: "huyện" Hữu Lũng.
    pub fn label_vi(self) -> &'static str {
        match self {
            AreaKind::Tinh => "tỉnh",
            AreaKind::ThanhPhoTw | AreaKind::ThanhPho => "thành phố",
            AreaKind::Quan => "quận",
            AreaKind::Huyen => "huyện",
            AreaKind::ThiXa => "thị xã",
            AreaKind::Xa => "xã",
            AreaKind::Phuong => "phường",
            AreaKind::ThiTran => "thị trấn",
            AreaKind::DacKhu => "đặc khu",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            AreaKind::Tinh => "province",
            AreaKind::ThanhPhoTw => "municipality",
            AreaKind::ThanhPho => "city",
            AreaKind::Quan => "urban district",
            AreaKind::Huyen => "district",
            AreaKind::ThiXa => "town",
            AreaKind::Xa => "commune",
            AreaKind::Phuong => "ward",
            AreaKind::ThiTran => "township",
            AreaKind::DacKhu => "special zone",
        }
    }
}

/// An administrative unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: AreaId,
    /// The name without its type: "Hữu Lũng".
    pub name: String,
    pub kind: AreaKind,
    pub parent_id: Option<AreaId>,
    /// First calendar year the unit existed in this form, when known.
    pub valid_from: Option<i32>,
    /// Last calendar year the unit existed in this form (e.g. 2025 for the former districts).
    pub valid_to: Option<i32>,
}

impl Area {
    /// "huyện Hữu Lũng".
    pub fn full_name_vi(&self) -> String {
        format!("{} {}", self.kind.label_vi(), self.name)
    }

    /// "huyện Hữu Lũng" / "Hữu Lũng (district)" in the user's language.
    pub fn full_name(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::Vi => self.full_name_vi(),
            crate::i18n::Lang::En => self.full_name_en(),
        }
    }

    /// "Hữu Lũng (district)".
    pub fn full_name_en(&self) -> String {
        format!("{} ({})", self.name, self.kind.label_en())
    }

    pub fn level(&self) -> AreaLevel {
        self.kind.level()
    }
}

/// One line of a reorganisation: the unit `from_area_id` passed (wholly or in part) to
/// `to_area_id` on `date`, by `act` (e.g. "Nghị quyết số 1672/NQ-UBTVQH15"). A district
/// abolished into several communes has one line per commune; a commune merged from several
/// has one line per former unit. The lines say where a unit went, never in what shares, so
/// figures are never split along them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Succession {
    pub id: super::ids::SuccessionId,
    pub from_area_id: AreaId,
    pub to_area_id: AreaId,
    /// The day the new unit took over (01/7/2025 for the 2025 reform).
    pub date: chrono::NaiveDate,
    /// The legal act that made the change, as the user wrote it.
    #[serde(default)]
    pub act: String,
}

/// Areas in tree order with their depth.
pub fn tree_order(areas: &[Area]) -> Vec<(usize, Area)> {
    let ids: std::collections::HashSet<AreaId> = areas.iter().map(|a| a.id).collect();
    // Children by parent, in list order: one pass, so a province of a thousand units is not
    // walked a thousand times.
    let mut children: std::collections::HashMap<Option<AreaId>, Vec<&Area>> =
        std::collections::HashMap::new();
    for a in areas {
        children.entry(a.parent_id).or_default().push(a);
    }
    fn walk(
        children: &std::collections::HashMap<Option<AreaId>, Vec<&Area>>,
        parent: Option<AreaId>,
        depth: usize,
        out: &mut Vec<(usize, Area)>,
    ) {
        for a in children.get(&parent).into_iter().flatten() {
            out.push((depth, (*a).clone()));
            if depth < 6 {
                walk(children, Some(a.id), depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&children, None, 0, &mut out);
    // Areas whose parent is missing still show, at the top level.
    for a in areas
        .iter()
        .filter(|a| a.parent_id.is_some_and(|p| !ids.contains(&p)))
    {
        out.push((0, a.clone()));
    }
    out
}

/// The succession lines indexed both ways, for walking from a former unit to today's and
/// back.
#[derive(Clone, Debug, Default)]
pub struct SuccessionMap {
    next: std::collections::HashMap<AreaId, Vec<AreaId>>,
    prev: std::collections::HashMap<AreaId, Vec<AreaId>>,
}

impl SuccessionMap {
    pub fn new(lines: &[Succession]) -> SuccessionMap {
        let mut m = SuccessionMap::default();
        for x in lines {
            m.next.entry(x.from_area_id).or_default().push(x.to_area_id);
            m.prev.entry(x.to_area_id).or_default().push(x.from_area_id);
        }
        m
    }

    /// The units `id` passed to directly.
    pub fn successors(&self, id: AreaId) -> &[AreaId] {
        self.next.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The units that passed to `id` directly.
    pub fn predecessors(&self, id: AreaId) -> &[AreaId] {
        self.prev.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Whether following the lines from `from` ever arrives at `to` (a line to→from would then
    /// make a loop).
    pub fn reaches(&self, from: AreaId, to: AreaId) -> bool {
        let mut stack = vec![from];
        let mut seen = std::collections::HashSet::new();
        while let Some(a) = stack.pop() {
            if a == to {
                return true;
            }
            if seen.insert(a) {
                stack.extend(self.successors(a).iter().copied());
            }
        }
        false
    }

    /// Whether `id` was replaced by other units.
    pub fn is_former(&self, id: AreaId) -> bool {
        !self.successors(id).is_empty()
    }

    /// The units `id`'s territory belongs to today: the ends of its chains of successors
    /// (`id` itself when it has none), sorted.
    pub fn current_units(&self, id: AreaId) -> Vec<AreaId> {
        Self::ends(id, &self.next)
    }

    /// The earliest units `id` came from (`id` itself when it came from none), sorted.
    pub fn original_units(&self, id: AreaId) -> Vec<AreaId> {
        Self::ends(id, &self.prev)
    }

    fn ends(id: AreaId, links: &std::collections::HashMap<AreaId, Vec<AreaId>>) -> Vec<AreaId> {
        let mut out = std::collections::BTreeSet::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![id];
        while let Some(a) = stack.pop() {
            if !seen.insert(a) {
                continue;
            }
            match links.get(&a) {
                Some(v) if !v.is_empty() => stack.extend(v.iter().copied()),
                _ => {
                    out.insert(a);
                }
            }
        }
        out.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn line(id: i64, from: i64, to: i64) -> Succession {
        Succession {
            id: super::super::ids::SuccessionId(id),
            from_area_id: AreaId(from),
            to_area_id: AreaId(to),
            date: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default(),
            act: String::new(),
        }
    }

    #[test]
    fn chains_are_walked_to_their_ends_both_ways() {
        // District 1 split into communes 10 and 11; commune 11 later merged into 20;
        // communes 2 and 3 merged into 11 as well.
        let m = SuccessionMap::new(&[
            line(1, 1, 10),
            line(2, 1, 11),
            line(3, 11, 20),
            line(4, 2, 11),
            line(5, 3, 11),
        ]);
        assert_eq!(m.current_units(AreaId(1)), vec![AreaId(10), AreaId(20)]);
        assert_eq!(m.current_units(AreaId(2)), vec![AreaId(20)]);
        assert_eq!(m.current_units(AreaId(10)), vec![AreaId(10)]);
        assert_eq!(
            m.original_units(AreaId(20)),
            vec![AreaId(1), AreaId(2), AreaId(3)]
        );
        assert!(m.is_former(AreaId(11)));
        assert!(!m.is_former(AreaId(20)));
        assert_eq!(m.predecessors(AreaId(11)).len(), 3);
    }

    #[test]
    fn a_loop_does_not_hang_the_walk() {
        let m = SuccessionMap::new(&[line(1, 1, 2), line(2, 2, 1)]);
        assert!(m.current_units(AreaId(1)).is_empty());
    }
}
