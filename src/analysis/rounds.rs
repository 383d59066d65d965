//! The supervision rounds in time, their labels, and the figures a later round reported again.

use crate::model::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// The dossier's rounds from the oldest to the newest, each with its place (0 = oldest): by
/// start date, then end date, then id; a round with no dates yet (being planned) is the
/// newest.
pub fn rounds_in_time(d: &Dossier) -> Vec<&Round> {
    crate::model::round::in_time(&d.rounds)
}

/// A short name for each round, for legends, columns and lists: "Đợt 2 (06/2023)" — its
/// place in time and the month it began.
pub fn round_labels(d: &Dossier, lang: crate::i18n::Lang) -> HashMap<RoundId, String> {
    let word = lang.texts().round_short;
    rounds_in_time(d)
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let label = match r.start_date.or(r.end_date) {
                Some(date) => format!("{word} {} ({})", i + 1, date.format("%m/%Y")),
                None => format!("{word} {}", i + 1),
            };
            (r.id, label)
        })
        .collect()
}

/// Where each round stands in time, worked out once: [`RoundPlaces::of`] is 0 for no round
/// (or one no longer there), 1 for the earliest round, and so on.
pub struct RoundPlaces(FxHashMap<RoundId, usize>);

impl RoundPlaces {
    pub fn new(d: &Dossier) -> RoundPlaces {
        RoundPlaces(
            rounds_in_time(d)
                .into_iter()
                .enumerate()
                .map(|(i, r)| (r.id, i + 1))
                .collect(),
        )
    }

    pub fn of(&self, round: Option<RoundId>) -> usize {
        round.and_then(|r| self.0.get(&r).copied()).unwrap_or(0)
    }
}

/// The round labelled "Đợt `n`" (counted from 1 in time, as [`round_labels`] names them).
pub fn round_numbered(d: &Dossier, n: u32) -> Option<RoundId> {
    let i = usize::try_from(n).ok()?.checked_sub(1)?;
    rounds_in_time(d).get(i).map(|r| r.id)
}

/// The figures a later round reported again: one with the same area, project, period, kind
/// and level was given at a later supervision round (a figure of no round counts as earlier
/// than any). Ordinary views leave them out, so a figure revised between rounds is counted
/// once, as last reported; "compare rounds" shows every round's. See `count`, rule 2.
pub fn superseded(d: &Dossier) -> rustc_hash::FxHashSet<AllocationId> {
    super::count::roles(d)
        .map(|r| r.replaced)
        .unwrap_or_default()
}
