//! Each planned figure against what the project already holds: new, an update of this
//! report's earlier import, unchanged, or in conflict; and the figures kept beside it.

use super::edits::source_prefix;
use super::{Beside, Change, Figure, Options, Plan, RowOutcome, Target};
use crate::model::*;

/// Each figure against what the project holds: new, an update of this report's earlier
/// import, unchanged, or in conflict with a figure from elsewhere.
pub(super) fn changes(d: &Dossier, options: &Options, plan: &mut Plan) {
    let prefix = source_prefix(&options.source, &plan.sheet);
    let places = crate::analysis::RoundPlaces::new(d);
    let round_rank = |r: Option<RoundId>| places.of(r);
    let mut out = Vec::new();
    for row in &plan.rows {
        let RowOutcome::Imported {
            target,
            figures,
            office,
        } = &row.outcome
        else {
            continue;
        };
        // An office's row is its area's own part: it meets the area's own part, never the
        // area's total (which the office's part is inside of).
        let covers = if *office { Covers::Own } else { Covers::Total };
        for f in figures {
            let existing = match target {
                // For a round: that round's own figure (another round's, or one of no round,
                // is another report, kept beside it). Without one: the figure the views count —
                // the latest round's. Among several, this report's own earlier import.
                Target::Existing { id, .. } => d
                    .allocations
                    .iter()
                    .filter(|a| {
                        a.area_id == *id
                            && a.project_id == options.project_id
                            && a.period == f.period
                            && a.kind == f.kind
                            && a.covers == covers
                            && (options.round_id.is_none() || a.round_id == options.round_id)
                    })
                    .max_by_key(|a| {
                        (
                            round_rank(a.round_id),
                            a.source_doc.starts_with(&prefix),
                            std::cmp::Reverse(a.id),
                        )
                    }),
                Target::New { .. } => None,
            };
            out.push(match existing {
                None => Change::New {
                    row: row.row,
                    figure: f.clone(),
                },
                Some(a) if a.source_doc.starts_with(&prefix) => {
                    // A cell left blank this time says nothing new: a figure the report gave
                    // before is kept.
                    if f.blank && a.amount_dong.known().is_some() {
                        Change::KeptOverBlank {
                            row: row.row,
                            existing: a.clone(),
                        }
                    } else if a.amount_dong == f.amount && a.note == f.note {
                        Change::Unchanged {
                            row: row.row,
                            id: a.id,
                        }
                    } else {
                        Change::Update {
                            row: row.row,
                            before: a.clone(),
                            figure: f.clone(),
                        }
                    }
                }
                Some(a) => Change::Conflict {
                    row: row.row,
                    existing: a.clone(),
                    figure: f.clone(),
                },
            });
        }
    }
    plan.changes = out;
}

/// The parent's totals for periods the imported parts overlap: shown beside their parts —
/// the office's own part and the sub-areas' figures — never added to them (the rule and the
/// sum are `analysis::count`'s).
pub(super) fn beside(d: &Dossier, options: &Options, parent: Option<&Area>, plan: &mut Plan) {
    let Some(parent) = parent else { return };
    let parts: Vec<&Figure> = plan
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            RowOutcome::Imported { figures, .. } => Some(figures),
            RowOutcome::Skipped { .. } => None,
        })
        .flatten()
        .collect();
    for a in d.allocations.iter().filter(|a| {
        a.area_id == parent.id && a.project_id == options.project_id && a.covers == Covers::Total
    }) {
        let mine: Vec<&&Figure> = parts
            .iter()
            .filter(|f| f.kind == a.kind && f.period.overlaps(a.period))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let b = crate::analysis::count::beside(a.amount_dong, mine.iter().map(|f| f.amount));
        plan.beside.push(Beside {
            existing: a.id,
            area: parent.full_name_vi(),
            period: a.period,
            kind: a.kind,
            amount: a.amount_dong,
            parts: mine.len(),
            parts_sum: b.parts_total(),
            difference: b.difference,
        });
    }
}
