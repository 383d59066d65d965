//! Programs (chương trình mục tiêu quốc gia …) and their projects and sub-projects.

use super::ids::{ProgramId, ProjectId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub id: ProgramId,
    pub name: String,
    /// The decision that approved it: "Quyết định số 90/QĐ-TTg ngày 18/01/2022".
    pub decision: String,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
}

/// A project (dự án) of a program, or a sub-project (tiểu dự án) when it has a parent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: ProjectId,
    pub program_id: ProgramId,
    pub parent_id: Option<ProjectId>,
    /// Short code as the program numbers it: "7", or "1.2" for a sub-project.
    pub code: String,
    pub name: String,
}

impl Project {
    /// "Dự án 7" or "Tiểu dự án 1.2".
    pub fn short_label_vi(&self) -> String {
        let word = if self.parent_id.is_some() {
            "Tiểu dự án"
        } else {
            "Dự án"
        };
        if self.code.is_empty() {
            self.name.clone()
        } else {
            format!("{word} {}", self.code)
        }
    }

    /// "Dự án 7" / "Project 7" in the user's language.
    pub fn short_label(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::Vi => self.short_label_vi(),
            crate::i18n::Lang::En => self.short_label_en(),
        }
    }

    /// "Project 7" or "Sub-project 1.2".
    pub fn short_label_en(&self) -> String {
        let word = if self.parent_id.is_some() {
            "Sub-project"
        } else {
            "Project"
        };
        if self.code.is_empty() {
            self.name.clone()
        } else {
            format!("{word} {}", self.code)
        }
    }
}

/// The national target program for sustainable poverty reduction 2021–2025.
pub const GIAM_NGHEO_NAME: &str =
    "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021–2025";
pub const GIAM_NGHEO_DECISION: &str =
    "Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ";

/// The seven projects of Quyết định 90/QĐ-TTg, a ready-made catalogue users may extend.
/// Sub-projects are not listed: they were not verified against the decision's text, so users
/// add the ones they need.
pub const GIAM_NGHEO_PROJECTS: [(&str, &str); 7] = [
    (
        "1",
        "Hỗ trợ đầu tư phát triển hạ tầng kinh tế – xã hội các huyện nghèo, các xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo",
    ),
    ("2", "Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo"),
    ("3", "Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng"),
    ("4", "Phát triển giáo dục nghề nghiệp, việc làm bền vững"),
    (
        "5",
        "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo",
    ),
    ("6", "Truyền thông và giảm nghèo về thông tin"),
    ("7", "Nâng cao năng lực và giám sát, đánh giá Chương trình"),
];
