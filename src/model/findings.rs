//! What the delegation concludes (kết luận) and recommends (kiến nghị), and what becomes of
//! each recommendation afterwards.

use super::ids::{
    AreaId, AttachmentId, ConclusionId, EventId, PhraseId, RecommendationId, ResponseId, RoundId,
    TextVersionId,
};
use super::money::Dong;
use chrono::{NaiveDate, NaiveDateTime};
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
    /// The figures inserted into the text from the data.
    #[serde(default)]
    pub figures: Vec<FigureRef>,
}

/// A figure inserted into a text from the data: what it counts (an area's amount of one kind
/// for a period, in a round's view of the figures) and the words it was written as, with
/// where they stand in the text and what was counted then — so that when the data later gives
/// another value the text is flagged instead of going stale silently. The text itself stays
/// plain: the words are found again by their place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureRef {
    pub area: AreaId,
    pub period: super::Period,
    pub kind: super::AllocationKind,
    /// The round whose view of the figures it was counted in.
    pub round: RoundId,
    pub unit: super::MoneyUnit,
    /// The language it was written in.
    #[serde(default)]
    pub lang: crate::i18n::Lang,
    /// Where the words start in the text (a byte offset in the stored, NFC text).
    pub at: usize,
    /// The words inserted: "494 triệu đồng".
    pub shown: String,
    /// The total it showed.
    pub value: Option<super::AmountSum>,
    /// The figures counted then, with their amounts: what changed, when something does.
    #[serde(default)]
    pub parts: Vec<(super::AllocationId, super::Amount)>,
}

impl FigureRef {
    /// Whether the words still stand at its place in `text`.
    pub fn holds_in(&self, text: &str) -> bool {
        self.at
            .checked_add(self.shown.len())
            .and_then(|end| text.get(self.at..end))
            == Some(self.shown.as_str())
    }

    /// Where its words end (its place may come from a file: never past the largest offset).
    pub fn end(&self) -> usize {
        self.at.saturating_add(self.shown.len())
    }
}

/// Where a recommendation stands. The lifecycle: open → in progress → reported done by the
/// addressee → done (verified by the Front) → closed; or partly done, or not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationStatus {
    Open,
    InProgress,
    /// The addressee says it is done; the Front has not verified it yet.
    Reported,
    /// Part of it is done (the part and amount are in the history).
    PartlyDone,
    /// Done, as the Front has verified (or, in files from before the history, recorded).
    Done,
    /// Done and the file closed.
    Closed,
    NotAccepted,
}

impl RecommendationStatus {
    pub const ALL: [RecommendationStatus; 7] = [
        RecommendationStatus::Open,
        RecommendationStatus::InProgress,
        RecommendationStatus::Reported,
        RecommendationStatus::PartlyDone,
        RecommendationStatus::Done,
        RecommendationStatus::Closed,
        RecommendationStatus::NotAccepted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RecommendationStatus::Open => "open",
            RecommendationStatus::InProgress => "in_progress",
            RecommendationStatus::Reported => "reported",
            RecommendationStatus::PartlyDone => "partly_done",
            RecommendationStatus::Done => "done",
            RecommendationStatus::Closed => "closed",
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
            RecommendationStatus::Reported => "Báo cáo đã thực hiện (chưa xác minh)",
            RecommendationStatus::PartlyDone => "Thực hiện một phần",
            RecommendationStatus::Done => "Đã thực hiện",
            RecommendationStatus::Closed => "Đã kết thúc theo dõi",
            RecommendationStatus::NotAccepted => "Không tiếp thu",
        }
    }

    /// Carried out in full, as far as the Front knows: verified done or closed.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            RecommendationStatus::Done | RecommendationStatus::Closed
        )
    }

    /// Still to be carried out (in whole or in part): a deadline can pass on it.
    pub fn is_unfinished(self) -> bool {
        matches!(
            self,
            RecommendationStatus::Open
                | RecommendationStatus::InProgress
                | RecommendationStatus::PartlyDone
        )
    }
}

/// What a recommendation asks for (the State Audit Office's kinds).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationKind {
    /// An amount to recover, reallocate or disburse.
    Financial,
    /// A document to issue or amend.
    Policy,
    /// Review, train, discipline.
    Organisation,
    #[default]
    Other,
}

impl RecommendationKind {
    pub const ALL: [RecommendationKind; 4] = [
        RecommendationKind::Financial,
        RecommendationKind::Policy,
        RecommendationKind::Organisation,
        RecommendationKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RecommendationKind::Financial => "financial",
            RecommendationKind::Policy => "policy",
            RecommendationKind::Organisation => "organisation",
            RecommendationKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<RecommendationKind> {
        RecommendationKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            RecommendationKind::Financial => "Tài chính",
            RecommendationKind::Policy => "Chính sách, văn bản",
            RecommendationKind::Organisation => "Tổ chức, trách nhiệm",
            RecommendationKind::Other => "Khác",
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
    #[serde(default)]
    pub kind: RecommendationKind,
    /// For a financial recommendation: the amount to recover, reallocate or disburse; `None`
    /// when the document names none (unknown, never taken as zero).
    #[serde(default)]
    pub amount_dong: Option<Dong>,
    /// The earlier round's recommendation this one repeats ("kiến nghị lặp lại").
    #[serde(default)]
    pub repeats: Option<RecommendationId>,
    /// The figures inserted into the text from the data.
    #[serde(default)]
    pub figures: Vec<FigureRef>,
}

impl Recommendation {
    /// The latest response, by date.
    pub fn last_response(&self) -> Option<&Response> {
        self.responses.iter().max_by_key(|r| (r.date, r.id))
    }

    /// Past its deadline and still unfinished (open, in progress or partly done).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.deadline.is_some_and(|d| d < today) && self.status.is_unfinished()
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
    /// The figures inserted into the text, as they stood in this version.
    #[serde(default)]
    pub figures: Vec<FigureRef>,
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

/// How the Front verified that a recommendation was carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyMethod {
    /// A document from the addressee was received and read.
    Document,
    SiteVisit,
    /// Seen at the next supervision round.
    NextSupervision,
}

impl VerifyMethod {
    pub const ALL: [VerifyMethod; 3] = [
        VerifyMethod::Document,
        VerifyMethod::SiteVisit,
        VerifyMethod::NextSupervision,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VerifyMethod::Document => "document",
            VerifyMethod::SiteVisit => "site_visit",
            VerifyMethod::NextSupervision => "next_supervision",
        }
    }

    pub fn from_code(code: &str) -> Option<VerifyMethod> {
        VerifyMethod::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            VerifyMethod::Document => "Nhận văn bản báo cáo",
            VerifyMethod::SiteVisit => "Kiểm tra thực tế",
            VerifyMethod::NextSupervision => "Qua đợt giám sát sau",
        }
    }
}

/// Why a recommendation was not (or not wholly) carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotDoneReason {
    Addressee,
    Front,
    ThirdParty,
    /// Objective conditions (weather, funds not yet allocated by the centre …).
    Objective,
}

impl NotDoneReason {
    pub const ALL: [NotDoneReason; 4] = [
        NotDoneReason::Addressee,
        NotDoneReason::Front,
        NotDoneReason::ThirdParty,
        NotDoneReason::Objective,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NotDoneReason::Addressee => "addressee",
            NotDoneReason::Front => "front",
            NotDoneReason::ThirdParty => "third_party",
            NotDoneReason::Objective => "objective",
        }
    }

    pub fn from_code(code: &str) -> Option<NotDoneReason> {
        NotDoneReason::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            NotDoneReason::Addressee => "Do cơ quan được kiến nghị",
            NotDoneReason::Front => "Do Mặt trận",
            NotDoneReason::ThirdParty => "Do bên thứ ba",
            NotDoneReason::Objective => "Do điều kiện khách quan",
        }
    }
}

/// One entry of a recommendation's follow-up history: the status it moved to, when, who wrote
/// it down and why. Entries are only ever added — the store refuses to change or remove one;
/// a mistake is corrected by a later entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpEvent {
    pub id: EventId,
    pub recommendation_id: RecommendationId,
    /// When it was written down, on the recording computer's clock.
    pub recorded_at: NaiveDateTime,
    /// The user's name from the settings.
    pub recorded_by: String,
    /// The day it happened: the report's date, the site visit's.
    pub date: NaiveDate,
    pub status: RecommendationStatus,
    pub note: String,
    /// For a verification (status done or closed): how the Front knows.
    #[serde(default)]
    pub method: Option<VerifyMethod>,
    /// Who in the Front verified it, when not the one recording.
    #[serde(default)]
    pub verifier: String,
    /// For partly done or not accepted: why not (all of) it.
    #[serde(default)]
    pub reason: Option<NotDoneReason>,
    /// The addressee's explanation.
    #[serde(default)]
    pub explanation: String,
    /// For partly done financial recommendations: the amount carried out so far.
    #[serde(default)]
    pub amount_done_dong: Option<Dong>,
    /// For partly done other recommendations: the share carried out, in percent (1–99).
    #[serde(default)]
    pub share_percent: Option<u8>,
}

impl FollowUpEvent {
    /// An entry moving `recommendation` to `status` on `date`, recorded by `by` at `at`, with
    /// nothing else said yet (the caller fills in what the status needs).
    pub fn new(
        id: EventId,
        recommendation: RecommendationId,
        status: RecommendationStatus,
        date: NaiveDate,
        at: NaiveDateTime,
        by: &str,
    ) -> FollowUpEvent {
        FollowUpEvent {
            id,
            recommendation_id: recommendation,
            recorded_at: at,
            recorded_by: by.to_string(),
            date,
            status,
            note: String::new(),
            method: None,
            verifier: String::new(),
            reason: None,
            explanation: String::new(),
            amount_done_dong: None,
            share_percent: None,
        }
    }

    /// The order of the history: the order entries were written in, which ids keep (they only
    /// grow within a file). Not the recording time: a PC whose clock is behind (a project on a
    /// USB stick moved between communes) must not put a new entry before an old one.
    pub fn order_key(&self) -> EventId {
        self.id
    }
}

/// The largest file GiamSat keeps inside a project: scans of reports, photos of a site visit
/// and spreadsheets fit; a video does not.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;

/// When a project file with its attachments grows past this, the user is told.
pub const LARGE_PROJECT_BYTES: u64 = 500 * 1024 * 1024;

/// A file kept as evidence with a recommendation (a report, a photo, a spreadsheet), stored
/// inside the project file. The dossier holds what is known about it; its bytes stay in the
/// file and are read and written in pieces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub id: AttachmentId,
    pub recommendation_id: RecommendationId,
    /// The response it came with, if any.
    #[serde(default)]
    pub response_id: Option<ResponseId>,
    /// The history entry (a verification) it proves, if any.
    #[serde(default)]
    pub event_id: Option<EventId>,
    /// The file's original name: "BC 45-UBND.pdf".
    pub name: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
    /// When the Front received it.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    /// The date the document itself bears.
    #[serde(default)]
    pub document_date: Option<NaiveDate>,
    pub added_at: NaiveDateTime,
    #[serde(default)]
    pub added_by: String,
    #[serde(default)]
    pub note: String,
}

/// How the follow-up board groups its implementation rates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    #[default]
    Addressee,
    Round,
    Year,
    Kind,
}

impl Grouping {
    pub const ALL: [Grouping; 4] = [
        Grouping::Addressee,
        Grouping::Round,
        Grouping::Year,
        Grouping::Kind,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Grouping::Addressee => "addressee",
            Grouping::Round => "round",
            Grouping::Year => "year",
            Grouping::Kind => "kind",
        }
    }
}
