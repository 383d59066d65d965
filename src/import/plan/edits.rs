//! The plan as the edits of one undo step, and the data warnings those edits would add.

use super::{Change, Options, Plan, RowOutcome, Target};
use crate::model::*;
use std::collections::HashMap;

impl Plan {
    /// The source written into a figure: file, sheet and row.
    fn source_of(source: &str, sheet: &str, row: usize) -> String {
        format!("{} dòng {row}", source_prefix(source, sheet))
    }

    /// The changes as edits of one undo step: new areas first, then the figures. `new_id`
    /// gives fresh ids (the session's, never reused).
    pub fn edits(&self, options: &Options, mut new_id: impl FnMut(Table) -> i64) -> Vec<Edit> {
        let mut edits = Vec::new();
        let mut area_ids = Vec::new();
        for a in &self.new_areas {
            let mut a = a.clone();
            a.id = AreaId(new_id(Table::Areas));
            area_ids.push(a.id);
            edits.push(Edit::insert(Record::Area(a)));
        }
        // The area a row's figures go to, and what they cover there: an office's row is its
        // area's own part, any other row its area's total.
        let target_of = |row: usize| {
            self.rows
                .iter()
                .find(|r| r.row == row)
                .and_then(|r| match &r.outcome {
                    RowOutcome::Imported { target, office, .. } => Some((
                        match target {
                            Target::Existing { id, .. } => *id,
                            Target::New { index, .. } => area_ids[*index],
                        },
                        if *office { Covers::Own } else { Covers::Total },
                    )),
                    RowOutcome::Skipped { .. } => None,
                })
        };
        for change in &self.changes {
            match change {
                Change::New { row, figure } => {
                    let Some((area_id, covers)) = target_of(*row) else {
                        continue;
                    };
                    edits.push(Edit::insert(Record::Allocation(Allocation {
                        id: AllocationId(new_id(Table::Allocations)),
                        area_id,
                        project_id: options.project_id,
                        period: figure.period,
                        kind: figure.kind,
                        funding_source_id: None,
                        amount_dong: figure.amount,
                        note: figure.note.clone(),
                        source_doc: Self::source_of(&options.source, &self.sheet, *row),
                        round_id: options.round_id,
                        covers,
                    })));
                }
                Change::Update {
                    row,
                    before,
                    figure,
                } => {
                    let mut after = before.clone();
                    after.amount_dong = figure.amount;
                    after.note = figure.note.clone();
                    after.source_doc = Self::source_of(&options.source, &self.sheet, *row);
                    after.round_id = options.round_id.or(before.round_id);
                    edits.push(Edit::update(
                        Record::Allocation(before.clone()),
                        Record::Allocation(after),
                    ));
                }
                Change::Unchanged { .. }
                | Change::KeptOverBlank { .. }
                | Change::Conflict { .. } => {}
            }
        }
        edits
    }
}

/// What every figure from this report's sheet starts its source with: a re-import finds its own
/// figures by it.
pub fn source_prefix(source: &str, sheet: &str) -> String {
    format!("{source}, trang tính “{sheet}”,")
}

/// Fresh ids above every id `d` holds, for edits planned against it without a session (a dry
/// run, the warnings an import would add). The session's `new_id` is used to import.
pub fn ids_above(d: &Dossier) -> impl FnMut(Table) -> i64 + '_ {
    let mut issued: HashMap<Table, i64> = HashMap::new();
    move |t| {
        let n = issued.entry(t).or_insert_with(|| d.next_id(t) - 1);
        *n += 1;
        *n
    }
}

/// The data warnings the import would add (more disbursed than available, a thousandfold
/// year…), worded against the project as it would be.
pub fn warnings_after(
    d: &Dossier,
    p: &Plan,
    options: &Options,
    lang: crate::i18n::Lang,
) -> Vec<String> {
    let before: std::collections::HashSet<String> = crate::checks::warnings(d)
        .map(|w| w.iter().map(|w| w.message(d, lang)).collect())
        .unwrap_or_default();
    let mut after = d.clone();
    for e in p.edits(options, ids_above(d)) {
        if after.apply_edit(&e).is_err() {
            return Vec::new();
        }
    }
    crate::checks::warnings(&after)
        .map(|w| {
            w.iter()
                .map(|w| w.message(&after, lang))
                .filter(|m| !before.contains(m))
                .collect()
        })
        .unwrap_or_default()
}
