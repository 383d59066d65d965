//! One module per chart kind, each building its chart from the shared context
//! ([`super::context::Ctx`]) into the chart [`super::build`] started: so a kind reads as one
//! piece, and the dispatch in `charts` stays a list of kinds.

pub(super) mod area_year;
pub(super) mod by_kind;
pub(super) mod by_project;
pub(super) mod disbursement;
pub(super) mod indicator;
pub(super) mod rounds;
pub(super) mod totals;
