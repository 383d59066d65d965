//! Pure aggregation functions over a dossier: the numbers the charts, the printed documents
//! and the command line all show, computed in one place. A period total stays one group; an
//! unknown amount is counted as unknown, never as zero.

mod filter;
mod follow_up;
mod groups;
mod rounds;
mod search;

#[cfg(test)]
mod follow_up_tests;
#[cfg(test)]
mod tests;

pub use filter::{AllocationFilter, AreaBasis, RoundView, area_labels, area_regrouping};
pub use follow_up::{STATUSES, status_counts};
pub use groups::{
    AllocationGroup, KindTotal, NOT_ADDED_VI, PeriodOverlap, SummaryRow, figure_phrase,
    group_allocations, overlap_warning, period_overlaps, summary_rows, totals_by_kind,
};
pub use rounds::{RoundPlaces, round_labels, round_numbered, rounds_in_time, superseded};
pub use search::{SearchHit, search};

/// "kết luận" → "Kết luận".
pub fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
