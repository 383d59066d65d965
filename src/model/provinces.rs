//! The 34 provincial-level units of Vietnam since 01/7/2025 (Nghị quyết 202/2025/QH15): a
//! provincial committee's project starts in its own province, picked from this list or typed.

use super::{Area, AreaId, AreaKind, Dossier};
use crate::model::text::search_key;

/// Each unit's name and kind: the six cities under the centre, then the 28 provinces.
pub const PROVINCES: [(&str, AreaKind); 34] = [
    ("Hà Nội", AreaKind::ThanhPhoTw),
    ("Huế", AreaKind::ThanhPhoTw),
    ("Hải Phòng", AreaKind::ThanhPhoTw),
    ("Đà Nẵng", AreaKind::ThanhPhoTw),
    ("Hồ Chí Minh", AreaKind::ThanhPhoTw),
    ("Cần Thơ", AreaKind::ThanhPhoTw),
    ("An Giang", AreaKind::Tinh),
    ("Bắc Ninh", AreaKind::Tinh),
    ("Cà Mau", AreaKind::Tinh),
    ("Cao Bằng", AreaKind::Tinh),
    ("Đắk Lắk", AreaKind::Tinh),
    ("Điện Biên", AreaKind::Tinh),
    ("Đồng Nai", AreaKind::Tinh),
    ("Đồng Tháp", AreaKind::Tinh),
    ("Gia Lai", AreaKind::Tinh),
    ("Hà Tĩnh", AreaKind::Tinh),
    ("Hưng Yên", AreaKind::Tinh),
    ("Khánh Hòa", AreaKind::Tinh),
    ("Lai Châu", AreaKind::Tinh),
    ("Lâm Đồng", AreaKind::Tinh),
    ("Lạng Sơn", AreaKind::Tinh),
    ("Lào Cai", AreaKind::Tinh),
    ("Nghệ An", AreaKind::Tinh),
    ("Ninh Bình", AreaKind::Tinh),
    ("Phú Thọ", AreaKind::Tinh),
    ("Quảng Ngãi", AreaKind::Tinh),
    ("Quảng Ninh", AreaKind::Tinh),
    ("Quảng Trị", AreaKind::Tinh),
    ("Sơn La", AreaKind::Tinh),
    ("Tây Ninh", AreaKind::Tinh),
    ("Thái Nguyên", AreaKind::Tinh),
    ("Thanh Hóa", AreaKind::Tinh),
    ("Tuyên Quang", AreaKind::Tinh),
    ("Vĩnh Long", AreaKind::Tinh),
];

/// The province a person typed: "Lạng Sơn", "tỉnh Lạng Sơn", "lang son", "TP Hồ Chí Minh",
/// "thành phố Huế" — a listed unit by its own spelling and kind; any other name as typed
/// ("tỉnh Bắc Giang", a unit before 2025), a province unless it says "thành phố". `None` for
/// nothing typed.
pub fn parse_province(text: &str) -> Option<(String, AreaKind)> {
    // A space after, so that a bare "tỉnh" is read as the word and nothing after it.
    let text = format!("{} ", crate::model::text::clean_line(text));
    let lower = text.to_lowercase();
    let mut kind = None;
    let mut name = text.clone();
    // Hồ Chí Minh as people write it short.
    if matches!(
        search_key(text.trim(), true)
            .replace(['.', ' '], "")
            .as_str(),
        "tphcm" | "hcm" | "tphochiminh"
    ) {
        return Some(("Hồ Chí Minh".to_string(), AreaKind::ThanhPhoTw));
    }
    for (prefix, k) in [
        ("thành phố ", AreaKind::ThanhPhoTw),
        ("thanh pho ", AreaKind::ThanhPhoTw),
        ("tp. ", AreaKind::ThanhPhoTw),
        ("tp.", AreaKind::ThanhPhoTw),
        ("tp ", AreaKind::ThanhPhoTw),
        ("tỉnh ", AreaKind::Tinh),
        ("tinh ", AreaKind::Tinh),
    ] {
        if lower.starts_with(prefix) {
            kind = Some(k);
            name = text.chars().skip(prefix.chars().count()).collect();
            break;
        }
    }
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let wanted = search_key(name, true);
    if let Some((listed, k)) = PROVINCES
        .iter()
        .find(|(listed, _)| search_key(listed, true) == wanted)
    {
        return Some((listed.to_string(), *k));
    }
    Some((name.to_string(), kind.unwrap_or(AreaKind::Tinh)))
}

impl Dossier {
    /// A new project as a provincial committee starts one: its name, the national program
    /// for sustainable poverty reduction with its projects, the default phrases, and — when
    /// given — its province, so a district's report can be imported into it at once.
    pub fn new_project(name: &str, province: Option<&str>) -> Dossier {
        let mut d = Dossier::new(name);
        d.add_giam_ngheo_catalogue();
        d.add_default_phrases();
        if let Some((name, kind)) = province.and_then(parse_province) {
            d.add_province(&name, kind);
        }
        d
    }

    /// The project's province: the one area at the top tier.
    pub fn province(&self) -> Option<&Area> {
        let mut top = self
            .areas
            .iter()
            .filter(|a| a.level() == super::AreaLevel::Province);
        match (top.next(), top.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// Adds the province the project is in (its districts and communes are added under it,
    /// by hand or by an import). Returns its id.
    pub fn add_province(&mut self, name: &str, kind: AreaKind) -> AreaId {
        let id = AreaId(self.areas.iter().map(|a| a.id.0).max().unwrap_or(0) + 1);
        self.areas.push(Area {
            id,
            name: name.to_string(),
            kind,
            parent_id: None,
            valid_from: None,
            valid_to: None,
        });
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_province_is_read_as_people_write_it() {
        let lang_son = Some(("Lạng Sơn".to_string(), AreaKind::Tinh));
        for typed in [
            "Lạng Sơn",
            "tỉnh Lạng Sơn",
            "Tỉnh lạng sơn",
            " lang son ",
            "tinh lang son",
        ] {
            assert_eq!(parse_province(typed), lang_son, "{typed}");
        }
        let hcm = Some(("Hồ Chí Minh".to_string(), AreaKind::ThanhPhoTw));
        for typed in [
            "TP Hồ Chí Minh",
            "thành phố Hồ Chí Minh",
            "ho chi minh",
            "TP.HCM",
            "TP.Hồ Chí Minh",
            "tphcm",
        ] {
            assert_eq!(parse_province(typed), hcm, "{typed}");
        }
        // A unit before the 2025 reform, as typed.
        assert_eq!(
            parse_province("tỉnh Bắc Giang"),
            Some(("Bắc Giang".to_string(), AreaKind::Tinh))
        );
        // A city not in the list keeps its kind.
        assert_eq!(
            parse_province("thành phố Mới"),
            Some(("Mới".to_string(), AreaKind::ThanhPhoTw))
        );
        assert_eq!(parse_province("  "), None);
        assert_eq!(parse_province("tỉnh "), None);
        // Every listed unit is found by its own name.
        for (name, kind) in PROVINCES {
            assert_eq!(parse_province(name), Some((name.to_string(), kind)));
        }
    }

    #[test]
    fn a_new_project_knows_its_province() {
        let mut d = Dossier::new("Giám sát 2026");
        assert!(d.province().is_none());
        let id = d.add_province("Lạng Sơn", AreaKind::Tinh);
        assert_eq!(d.province().map(|a| a.id), Some(id));
        assert!(d.validate().is_empty());
    }
}
