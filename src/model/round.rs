//! A supervision round (đợt giám sát): the plan, the delegation, the subjects and the visits.

use super::ids::{AreaId, MemberId, ProjectId, RoundId, SessionId, SubjectId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub id: RoundId,
    /// "Giám sát việc thực hiện Dự án 7 … tại huyện Hữu Lũng và huyện Chi Lăng".
    pub title: String,
    /// The plan it follows: "Kế hoạch số 12/KH-MTTQ-BTT ngày 02/6/2023".
    pub plan_ref: String,
    /// "Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn".
    pub supervising_body: String,
    /// The program projects supervised.
    pub project_ids: Vec<ProjectId>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub subjects: Vec<Subject>,
    pub members: Vec<Member>,
    pub sessions: Vec<WorkSession>,
    pub notes: String,
    /// Where the round's conclusions and recommendations stand as a document.
    #[serde(default)]
    pub draft_status: DraftStatus,
    /// When they were issued.
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
}

/// The round's documents: drafted, under review, issued. Issued text is read-only; changing it
/// starts a new version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftStatus {
    #[default]
    Draft,
    Review,
    Issued,
}

impl DraftStatus {
    pub fn code(self) -> &'static str {
        match self {
            DraftStatus::Draft => "draft",
            DraftStatus::Review => "review",
            DraftStatus::Issued => "issued",
        }
    }

    pub fn from_code(s: &str) -> Option<DraftStatus> {
        [DraftStatus::Draft, DraftStatus::Review, DraftStatus::Issued]
            .into_iter()
            .find(|d| d.code() == s)
    }

    /// The steps a user may take from here. Leaving "issued" is done by starting a new version.
    pub fn can_become(self, next: DraftStatus) -> bool {
        matches!(
            (self, next),
            (DraftStatus::Draft, DraftStatus::Review)
                | (DraftStatus::Review, DraftStatus::Draft)
                | (DraftStatus::Review, DraftStatus::Issued)
                | (DraftStatus::Issued, DraftStatus::Draft)
        )
    }
}

/// A body supervised (đối tượng giám sát), usually tied to an area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub id: SubjectId,
    /// "UBND huyện Hữu Lũng".
    pub body: String,
    pub area_id: Option<AreaId>,
}

/// A member of the delegation. The person's name may be unknown when only the organisation is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: MemberId,
    pub person: String,
    pub organisation: String,
    /// "Trưởng đoàn", "Thành viên" …
    pub role: String,
}

/// A work session (buổi làm việc) with one subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkSession {
    pub id: SessionId,
    pub date: NaiveDate,
    pub subject_id: Option<SubjectId>,
    /// Topics clarified (nội dung trao đổi, làm rõ).
    pub topics: String,
    /// Documents received (tài liệu nhận được).
    pub documents: String,
}

/// What happened to a round's lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockAction {
    /// Its notice was issued: its texts and figures are locked.
    Issued,
    /// Unlocked to be edited, for the reason given.
    Unlocked,
}

impl LockAction {
    pub fn code(self) -> &'static str {
        match self {
            LockAction::Issued => "issued",
            LockAction::Unlocked => "unlocked",
        }
    }

    pub fn from_code(s: &str) -> Option<LockAction> {
        [LockAction::Issued, LockAction::Unlocked]
            .into_iter()
            .find(|a| a.code() == s)
    }
}

/// An entry of a round's lock log: only ever added to, like a recommendation's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundEvent {
    pub id: super::ids::RoundEventId,
    pub round_id: super::ids::RoundId,
    pub recorded_at: chrono::NaiveDateTime,
    pub recorded_by: String,
    pub action: LockAction,
    /// Why it was unlocked (required then).
    #[serde(default)]
    pub reason: String,
}

/// Rounds from the oldest to the newest: by start date, then end date, then id; a round with
/// no dates yet (being planned) is the newest.
pub fn in_time(rounds: &[Round]) -> Vec<&Round> {
    let mut out: Vec<&Round> = rounds.iter().collect();
    out.sort_by_key(|r| {
        (
            r.start_date.or(r.end_date).is_none(),
            r.start_date.or(r.end_date),
            r.id,
        )
    });
    out
}
