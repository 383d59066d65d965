//! Pure aggregation functions over a dossier: the numbers the charts, the printed documents
//! and the command line all show. Every total is counted in one place, [`count`], by rules
//! written at its top; a period total stays one figure, an unknown amount is counted as
//! unknown, never as zero.

pub mod count;
pub mod figure_refs;
mod filter;
mod follow_up;
mod groups;
pub mod number_check;
mod rounds;
mod search;

#[cfg(test)]
mod follow_up_tests;
#[cfg(test)]
mod tests;

pub use filter::{AllocationFilter, AreaBasis, RoundView, area_labels, area_regrouping};
pub use follow_up::{STATUSES, status_counts};
pub use groups::{
    KindTotal, Phrased, Summary, SummaryRow, figure_phrase, phrased, summary, summary_of,
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
