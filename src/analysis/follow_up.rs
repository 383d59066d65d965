//! The counts of the recommendation follow-up board: per addressee, per status.

use crate::model::*;

/// How many statuses a recommendation can have.
pub const STATUSES: usize = RecommendationStatus::ALL.len();

/// The numbers a recommendation follow-up board counts: per addressee, per status.
pub fn status_counts(d: &Dossier) -> Vec<(String, [usize; STATUSES])> {
    let mut out: Vec<(String, [usize; STATUSES])> = Vec::new();
    for r in &d.recommendations {
        let i = RecommendationStatus::ALL
            .iter()
            .position(|s| *s == r.status)
            .unwrap_or(0);
        for a in &r.addressees {
            match out.iter_mut().find(|(name, _)| name == a) {
                Some((_, counts)) => counts[i] += 1,
                None => {
                    let mut counts = [0; STATUSES];
                    counts[i] = 1;
                    out.push((a.clone(), counts));
                }
            }
        }
    }
    out
}
