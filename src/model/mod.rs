//! The domain: plain types, validation, money, periods. Knows nothing of SQL or egui.

pub mod area;
pub mod document;
pub mod dossier;
pub mod figure_place;
pub mod figures;
pub mod findings;
pub mod ids;
pub mod issued;
pub mod money;
pub mod number;
pub mod period;
pub mod program;
pub mod provinces;
pub mod record;
pub mod renumber;
pub mod round;
pub mod rules;
pub mod text;

pub use area::{Area, AreaKind, AreaLevel, Succession, SuccessionMap};
pub use document::{DocKind, DocumentSettings};
pub use dossier::{Dossier, DossierInfo, Problem, RecordCounts};
pub use figures::{
    Allocation, AllocationKind, Covers, FundingSource, Indicator, IndicatorKind, IndicatorValue,
    Measure, Quantity, YearMonth,
};
pub use findings::{
    Attachment, Conclusion, ConclusionKind, FigureRef, FollowUpEvent, Grouping,
    LARGE_PROJECT_BYTES, MAX_ATTACHMENT_BYTES, NotDoneReason, Phrase, Priority, Recommendation,
    RecommendationKind, RecommendationStatus, Response, TextTarget, TextVersion, VerifyMethod,
};
pub use ids::*;
pub use issued::{Blob, IssuedDocument, QuotedFigure};
pub use money::{Amount, AmountSum, Dong, MoneyError, MoneyUnit};
pub use number::NumberStyle;
pub use period::Period;
pub use program::{Program, Project};
pub use record::{Edit, EditConflict, Record, RecordKey, Table};
pub use round::{DraftStatus, LockAction, Member, Round, RoundEvent, Subject, WorkSession};
