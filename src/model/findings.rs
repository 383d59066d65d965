//! What the delegation concludes (kết luận) and recommends (kiến nghị), and what becomes of
//! each recommendation afterwards.

use super::ids::{
    AreaId, ConclusionId, PhraseId, RecommendationId, ResponseId, RoundId, TextVersionId,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The section a conclusion belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConclusionKind {
    /// Ưu điểm
    Strength,
    /// Hạn chế
    Shortcoming,
    /// Nguyên nhân
    Cause,
    /// Đánh giá chung
    Overall,
}

impl ConclusionKind {
    pub const ALL: [ConclusionKind; 4] = [
        ConclusionKind::Overall,
        ConclusionKind::Strength,
        ConclusionKind::Shortcoming,
        ConclusionKind::Cause,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConclusionKind::Strength => "strength",
            ConclusionKind::Shortcoming => "shortcoming",
            ConclusionKind::Cause => "cause",
            ConclusionKind::Overall => "overall",
        }
    }

    pub fn from_code(code: &str) -> Option<ConclusionKind> {
        ConclusionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            ConclusionKind::Strength => "Ưu điểm",
            ConclusionKind::Shortcoming => "Hạn chế",
            ConclusionKind::Cause => "Nguyên nhân",
            ConclusionKind::Overall => "Đánh giá chung",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    pub id: ConclusionId,
    pub round_id: RoundId,
    /// The area it is about; none for a general conclusion.
    pub area_id: Option<AreaId>,
    pub kind: ConclusionKind,
    pub text: String,
    /// Order within its section.
    pub position: i64,
}

/// Where a recommendation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationStatus {
    Open,
    InProgress,
    Done,
    NotAccepted,
}

impl RecommendationStatus {
    pub const ALL: [RecommendationStatus; 4] = [
        RecommendationStatus::Open,
        RecommendationStatus::InProgress,
        RecommendationStatus::Done,
        RecommendationStatus::NotAccepted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RecommendationStatus::Open => "open",
            RecommendationStatus::InProgress => "in_progress",
            RecommendationStatus::Done => "done",
            RecommendationStatus::NotAccepted => "not_accepted",
        }
    }

    pub fn from_code(code: &str) -> Option<RecommendationStatus> {
        RecommendationStatus::ALL
            .into_iter()
            .find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            RecommendationStatus::Open => "Chưa thực hiện",
            RecommendationStatus::InProgress => "Đang thực hiện",
            RecommendationStatus::Done => "Đã thực hiện",
            RecommendationStatus::NotAccepted => "Không tiếp thu",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: RecommendationId,
    pub round_id: RoundId,
    pub text: String,
    /// The bodies it is addressed to ("UBND huyện Hữu Lũng"); at least one.
    pub addressees: Vec<String>,
    pub area_ids: Vec<AreaId>,
    pub deadline: Option<NaiveDate>,
    pub status: RecommendationStatus,
    #[serde(default)]
    pub priority: Priority,
    /// Order within the round.
    pub position: i64,
    pub responses: Vec<Response>,
}

impl Recommendation {
    /// The latest response, by date.
    pub fn last_response(&self) -> Option<&Response> {
        self.responses.iter().max_by_key(|r| (r.date, r.id))
    }

    /// Past its deadline and neither done nor refused.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.deadline.is_some_and(|d| d < today)
            && matches!(
                self.status,
                RecommendationStatus::Open | RecommendationStatus::InProgress
            )
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Normal, Priority::Low];

    pub fn code(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
        }
    }

    pub fn from_code(s: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.code() == s)
    }
}

/// A ready-made formulation staff insert into drafts; the library is kept in the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub id: PhraseId,
    pub text: String,
    pub position: i64,
}

/// Which text a version belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextTarget {
    Conclusion(ConclusionId),
    Recommendation(RecommendationId),
}

/// A saved state of a text: kept automatically when the user finishes editing it, or named
/// by the user ("bản trình Ban Thường trực").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextVersion {
    pub id: TextVersionId,
    pub round_id: RoundId,
    pub target: TextTarget,
    pub saved_at: chrono::NaiveDateTime,
    /// Empty for automatic versions.
    pub name: String,
    pub text: String,
}

/// What an addressed body reported about carrying a recommendation out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub id: ResponseId,
    pub date: NaiveDate,
    pub text: String,
    /// The evidence document: "Báo cáo số 45/BC-UBND ngày 10/12/2023".
    pub evidence: String,
}
