//! The dossier: everything one project file holds about one supervision subject, and the
//! rules that make it consistent (validation) and comparable (NFC text).

mod normalize;
mod validate;

use super::area::Area;
use super::figures::{Allocation, FundingSource, Indicator, IndicatorValue};
use super::findings::{Conclusion, FollowUpEvent, Phrase, Recommendation, TextTarget, TextVersion};
use super::ids::*;
use super::program::{Program, Project};
use super::round::Round;
use super::text::clean_line;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// Formulations common in the Front's supervision documents, written for GiamSat.
pub const DEFAULT_PHRASES: [&str; 8] = [
    "Cấp ủy, chính quyền địa phương đã quan tâm lãnh đạo, chỉ đạo triển khai thực hiện kịp thời, đúng quy định.",
    "Các kế hoạch, văn bản hướng dẫn được ban hành kịp thời, phù hợp với điều kiện thực tế của địa phương.",
    "Công tác tuyên truyền, phổ biến chính sách có lúc, có nơi chưa thường xuyên, chưa sâu rộng.",
    "Việc phân bổ, giải ngân vốn còn chậm so với kế hoạch.",
    "Một số nội dung trong báo cáo chưa đầy đủ, cần bổ sung số liệu cụ thể.",
    "Đề nghị tiếp tục chỉ đạo các phòng, ban chuyên môn tổ chức thực hiện có hiệu quả các nội dung của Chương trình.",
    "Đề nghị tăng cường kiểm tra, giám sát việc sử dụng nguồn vốn đúng mục đích, đúng đối tượng.",
    "Đề nghị báo cáo kết quả thực hiện các kiến nghị bằng văn bản gửi Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh.",
];

/// What the dossier is and who supervises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierInfo {
    /// "Giám sát thực hiện Dự án 7 tại Hữu Lũng và Chi Lăng".
    pub name: String,
    /// "Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn".
    pub supervising_body: String,
    /// The place written before the date in documents: "Lạng Sơn".
    pub place: String,
    pub notes: String,
}

/// The whole content of a project file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    pub info: DossierInfo,
    pub programs: Vec<Program>,
    pub projects: Vec<Project>,
    pub areas: Vec<Area>,
    pub funding_sources: Vec<FundingSource>,
    pub allocations: Vec<Allocation>,
    pub indicators: Vec<Indicator>,
    pub indicator_values: Vec<IndicatorValue>,
    pub rounds: Vec<Round>,
    pub conclusions: Vec<Conclusion>,
    pub recommendations: Vec<Recommendation>,
    /// The phrase library.
    #[serde(default)]
    pub phrases: Vec<Phrase>,
    /// The history of the conclusions' and recommendations' texts.
    #[serde(default)]
    pub text_versions: Vec<TextVersion>,
    /// The settings of printed documents, per round and kind (absent: defaults).
    #[serde(default)]
    pub documents: Vec<super::document::DocumentSettings>,
    /// The follow-up history of every recommendation, oldest first (by id).
    #[serde(default)]
    pub events: Vec<super::findings::FollowUpEvent>,
    /// What is known about each attached file; the bytes stay in the project file.
    #[serde(default)]
    pub attachments: Vec<super::findings::Attachment>,
    /// Each round's lock log: when its notice was issued, when and why it was unlocked.
    #[serde(default)]
    pub round_events: Vec<super::round::RoundEvent>,
    /// Where former units went: one line per old unit → new unit, with date and act.
    #[serde(default)]
    pub successions: Vec<super::area::Succession>,
    /// The documents of rounds as they were issued: bytes and what they quote, kept unchanged.
    #[serde(default)]
    pub issued_documents: Vec<super::issued::IssuedDocument>,
}

/// One thing wrong with a dossier, and where: `allocations[2].area_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    /// In Vietnamese.
    pub message: String,
    pub message_en: String,
}

impl Problem {
    pub fn message(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Vi => &self.message,
            crate::i18n::Lang::En => &self.message_en,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The counts of each kind of record, as `giamsat check` prints them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RecordCounts {
    pub programs: usize,
    pub projects: usize,
    pub areas: usize,
    pub funding_sources: usize,
    pub allocations: usize,
    pub indicators: usize,
    pub indicator_values: usize,
    pub rounds: usize,
    pub conclusions: usize,
    pub recommendations: usize,
    pub responses: usize,
    pub phrases: usize,
    pub text_versions: usize,
    pub events: usize,
    pub attachments: usize,
    pub successions: usize,
    pub issued_documents: usize,
}

impl Dossier {
    /// An empty dossier with only a name.
    pub fn new(name: &str) -> Dossier {
        Dossier {
            info: DossierInfo {
                name: clean_line(name),
                supervising_body: String::new(),
                place: String::new(),
                notes: String::new(),
            },
            programs: vec![],
            projects: vec![],
            areas: vec![],
            funding_sources: vec![],
            allocations: vec![],
            indicators: vec![],
            indicator_values: vec![],
            rounds: vec![],
            conclusions: vec![],
            recommendations: vec![],
            phrases: vec![],
            text_versions: vec![],
            documents: vec![],
            events: vec![],
            attachments: vec![],
            round_events: vec![],
            successions: vec![],
            issued_documents: vec![],
        }
    }

    /// Adds the ready-made formulations new projects start with (users edit the library).
    pub fn add_default_phrases(&mut self) {
        let start = self.phrases.iter().map(|p| p.id.0).max().unwrap_or(0);
        for (i, text) in DEFAULT_PHRASES.iter().enumerate() {
            self.phrases.push(Phrase {
                id: PhraseId(start + 1 + i as i64),
                text: (*text).to_string(),
                position: i as i64 + 1,
            });
        }
    }

    /// The versions of one text, oldest first.
    pub fn versions_of(&self, target: TextTarget) -> Vec<&TextVersion> {
        let mut v: Vec<&TextVersion> = self
            .text_versions
            .iter()
            .filter(|t| t.target == target)
            .collect();
        v.sort_by_key(|t| (t.saved_at, t.id));
        v
    }

    /// Adds the national poverty-reduction program and its seven projects (Quyết định
    /// 90/QĐ-TTg) as a ready catalogue, with ids after the existing ones.
    pub fn add_giam_ngheo_catalogue(&mut self) -> ProgramId {
        use super::program::{GIAM_NGHEO_DECISION, GIAM_NGHEO_NAME, GIAM_NGHEO_PROJECTS};
        let program_id = ProgramId(self.programs.iter().map(|p| p.id.0).max().unwrap_or(0) + 1);
        self.programs.push(Program {
            id: program_id,
            name: GIAM_NGHEO_NAME.to_string(),
            decision: GIAM_NGHEO_DECISION.to_string(),
            from_year: Some(2021),
            to_year: Some(2025),
        });
        let mut next = self.projects.iter().map(|p| p.id.0).max().unwrap_or(0);
        for (code, name) in GIAM_NGHEO_PROJECTS {
            next += 1;
            self.projects.push(Project {
                id: ProjectId(next),
                program_id,
                parent_id: None,
                code: code.to_string(),
                name: name.to_string(),
            });
        }
        program_id
    }

    pub fn counts(&self) -> RecordCounts {
        RecordCounts {
            programs: self.programs.len(),
            projects: self.projects.len(),
            areas: self.areas.len(),
            funding_sources: self.funding_sources.len(),
            allocations: self.allocations.len(),
            indicators: self.indicators.len(),
            indicator_values: self.indicator_values.len(),
            rounds: self.rounds.len(),
            conclusions: self.conclusions.len(),
            recommendations: self.recommendations.len(),
            responses: self.recommendations.iter().map(|r| r.responses.len()).sum(),
            phrases: self.phrases.len(),
            text_versions: self.text_versions.len(),
            events: self.events.len(),
            attachments: self.attachments.len(),
            successions: self.successions.len(),
            issued_documents: self.issued_documents.len(),
        }
    }

    pub fn area(&self, id: AreaId) -> Option<&Area> {
        // Areas are kept in id order (the store reads them so, new ones get the next id): a
        // province's thousands are searched by halves; a list out of order still finds it.
        match self.areas.binary_search_by_key(&id, |a| a.id) {
            Ok(i) => self.areas.get(i),
            Err(_) => self.areas.iter().find(|a| a.id == id),
        }
    }

    pub fn project(&self, id: ProjectId) -> Option<&Project> {
        match self.projects.binary_search_by_key(&id, |p| p.id) {
            Ok(i) => self.projects.get(i),
            Err(_) => self.projects.iter().find(|p| p.id == id),
        }
    }

    pub fn program(&self, id: ProgramId) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }

    pub fn funding_source(&self, id: FundingSourceId) -> Option<&FundingSource> {
        self.funding_sources.iter().find(|f| f.id == id)
    }

    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// A recommendation's follow-up history, oldest first.
    pub fn history_of(&self, id: RecommendationId) -> Vec<&super::findings::FollowUpEvent> {
        let mut v: Vec<_> = self
            .events
            .iter()
            .filter(|e| e.recommendation_id == id)
            .collect();
        v.sort_by_key(|e| e.order_key());
        v
    }

    /// The latest history entry of each recommendation that has one.
    pub fn latest_events(&self) -> HashMap<RecommendationId, &FollowUpEvent> {
        let mut latest: HashMap<RecommendationId, &FollowUpEvent> = HashMap::new();
        for e in &self.events {
            let slot = latest.entry(e.recommendation_id).or_insert(e);
            if e.order_key() > slot.order_key() {
                *slot = e;
            }
        }
        latest
    }

    pub fn recommendation(&self, id: RecommendationId) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests;
