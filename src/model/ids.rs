//! Typed record ids, so an area id can never be passed where a project id is expected.
//! Identity is the record: two areas may share a name, never an id.

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

id_type!(
    /// A program (chương trình).
    ProgramId,
    /// A project or sub-project of a program (dự án, tiểu dự án).
    ProjectId,
    /// An administrative area (tỉnh, huyện, xã …).
    AreaId,
    /// A funding source (nguồn vốn).
    FundingSourceId,
    /// One reported allocation figure.
    AllocationId,
    /// An indicator definition (e.g. training classes held).
    IndicatorId,
    /// One reported indicator value.
    IndicatorValueId,
    /// A supervision round (đợt giám sát).
    RoundId,
    /// A subject of a round (đối tượng giám sát).
    SubjectId,
    /// A delegation member (thành viên đoàn).
    MemberId,
    /// A work session (buổi làm việc).
    SessionId,
    /// A conclusion text (kết luận).
    ConclusionId,
    /// A recommendation (kiến nghị).
    RecommendationId,
    /// A dated response to a recommendation.
    ResponseId,
    /// A ready-made formulation in the phrase library.
    PhraseId,
    /// A saved state of a conclusion's or recommendation's text.
    TextVersionId,
    /// The settings of a printed document.
    DocumentId,
    /// One entry of a recommendation's follow-up history.
    EventId,
    /// A file kept as evidence inside the project file.
    AttachmentId,
    /// An entry of a round's lock log (issued, unlocked with a reason).
    RoundEventId,
    /// A line of the map from former units to the ones that replaced them.
    SuccessionId,
    /// A document of a round as it was issued, kept unchanged.
    IssuedDocumentId,
);
