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
