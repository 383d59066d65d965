//! What importing a report would do to a project: each row matched to an area (or a new one),
//! each cell turned into a figure — amount, zero or unknown — or an error naming its sheet, row
//! and column; the report's own total checked against its rows; figures the project already
//! holds for the same period beside the imported ones; and the changes to make, a re-import
//! updating what it brought before instead of adding it twice. Nothing is written here.

mod changes;
mod edits;
mod place;
mod rows;

use super::layout::{Column, ColumnRole, key};
use crate::model::*;
pub use edits::{ids_above, source_prefix, warnings_after};
pub use place::{CellError, Place, Said, column_name};
pub use rows::plan;
use serde::{Deserialize, Serialize};

/// What the user chose (or the command line said) for this import.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub project_id: ProjectId,
    /// The area whose sub-areas the rows name ("huyện Hữu Lũng"); an office of that area's own
    /// is its figure.
    pub parent_id: Option<AreaId>,
    /// The money unit, when the report does not say it or says it wrongly.
    pub unit: Option<MoneyUnit>,
    /// The report's file name, written into each figure's source.
    pub source: String,
    /// A saved mapping (or the wizard's changes) in place of what was detected.
    pub mapping: Option<Mapping>,
    /// The supervision round whose reports these are. A figure another round reported is no
    /// conflict: the new one is stored beside it as this round's (see "compare rounds").
    pub round_id: Option<RoundId>,
}

/// How a report's table is read: saved as a template and reused for next year's report from
/// the same district.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The money unit.
    #[serde(default)]
    pub unit: Option<MoneyUnit>,
    /// Columns by number (0 = A) and what they hold; columns not listed are as detected.
    #[serde(default)]
    pub columns: Vec<MappedColumn>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumn {
    pub column: usize,
    #[serde(flatten)]
    pub role: ColumnRole,
    /// For a figure column of a saved template: its kind is the template's, its years the
    /// report's own heading's (next year's report names next year).
    #[serde(default)]
    pub years_from_report: bool,
    /// A template's column: its heading without years, to find it in the next report.
    #[serde(default)]
    pub heading: String,
}

/// A heading as a template finds it again: folded, without its years.
pub fn heading_without_years(heading: &str) -> String {
    key(heading)
        .split(' ')
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Mapping {
    /// A template for reports like this one: the user's changes to the columns (their years
    /// taken from each report), and the unit when the report did not state it.
    pub fn template(plan: &Plan, changes: &[MappedColumn]) -> Mapping {
        Mapping {
            unit: if plan.unit_place.is_none() {
                plan.unit
            } else {
                None
            },
            columns: changes
                .iter()
                .map(|c| MappedColumn {
                    years_from_report: matches!(c.role, ColumnRole::Figure { .. }),
                    heading: plan
                        .columns
                        .iter()
                        .find(|col| col.index == c.column)
                        .map(|col| heading_without_years(&col.heading))
                        .unwrap_or_default(),
                    ..c.clone()
                })
                .collect(),
        }
    }
}

/// The area a row's figures go to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "is")]
pub enum Target {
    Existing {
        id: AreaId,
        name: String,
    },
    /// To be created (the user confirms): index into [`Plan::new_areas`].
    New {
        index: usize,
        name: String,
    },
}

impl Target {
    pub fn name(&self) -> &str {
        match self {
            Target::Existing { name, .. } | Target::New { name, .. } => name,
        }
    }
}

/// One figure the report gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub place: Place,
    pub period: Period,
    pub kind: AllocationKind,
    pub amount: Amount,
    /// What the cell said when the amount is zero or unknown ("-", "x", "chưa xác định…").
    pub note: String,
    /// The cell was left blank (not reported this time).
    #[serde(skip)]
    pub blank: bool,
}

/// What happens to a row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum RowOutcome {
    Imported {
        target: Target,
        /// The district's own office ("Phòng Lao động…"): its figure is the district's.
        office: bool,
        figures: Vec<Figure>,
    },
    Skipped {
        reason: Said,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowPlan {
    /// 1-based.
    pub row: usize,
    /// The row's name as written.
    pub text: String,
    #[serde(flatten)]
    pub outcome: RowOutcome,
}

/// The report's own "Tổng cộng" for one column against the sum of the rows above it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TotalCheck {
    pub place: Place,
    pub reported: Option<Dong>,
    /// `None` when a row's figure is unknown (the sum cannot be known).
    pub sum_of_rows: Option<Dong>,
}

impl TotalCheck {
    pub fn agrees(&self) -> Option<bool> {
        Some(self.reported? == self.sum_of_rows?)
    }
}

/// A figure the project already holds for an area whose sub-areas the report covers, for a
/// period overlapping the imported ones: the imported parts beside it, never added to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Beside {
    pub existing: AllocationId,
    pub area: String,
    pub period: Period,
    pub kind: AllocationKind,
    pub amount: Amount,
    pub parts: usize,
    /// `None` when a part is unknown.
    pub parts_sum: Option<Dong>,
    /// The figure less its parts, when both are known.
    pub difference: Option<i64>,
}

/// What importing does to one figure of the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum Change {
    /// A new figure, for a row's target.
    New { row: usize, figure: Figure },
    /// A figure this report brought before, changed since.
    Update {
        row: usize,
        before: Allocation,
        figure: Figure,
    },
    /// A figure this report brought before, the same now.
    Unchanged { row: usize, id: AllocationId },
    /// A figure this report brought before, its cell blank now: kept (and shown, in case the
    /// amount moved to another row).
    KeptOverBlank { row: usize, existing: Allocation },
    /// The project holds a figure for the same area, project, period and kind from another
    /// source: it is kept, and the report's is not added on top of it.
    Conflict {
        row: usize,
        existing: Allocation,
        figure: Figure,
    },
}

impl Change {
    /// For a figure the project already holds: the row, the figure held, the report's, and
    /// whether it is updated (this report's own earlier figure) or kept (another source's).
    pub fn against_existing(&self) -> Option<(usize, &Allocation, &Figure, bool)> {
        match self {
            Change::Update {
                row,
                before,
                figure,
            } => Some((*row, before, figure, true)),
            Change::Conflict {
                row,
                existing,
                figure,
            } => Some((*row, existing, figure, false)),
            Change::New { .. } | Change::Unchanged { .. } | Change::KeptOverBlank { .. } => None,
        }
    }
}

/// Everything importing a report would do. `problems` and `errors` empty: it can be imported.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub sheet: String,
    /// A legacy font encoding the sheet was converted from.
    pub legacy: Option<&'static str>,
    pub unit: Option<MoneyUnit>,
    /// Where the unit was read (when the report says it).
    pub unit_place: Option<Place>,
    /// The header rows, 1-based.
    pub header_rows: (usize, usize),
    /// How numbers written as text are read: "1.234,5" (Vietnamese) or "1,234.5" (English).
    #[serde(skip)]
    pub number_style: crate::model::NumberStyle,
    pub columns: Vec<Column>,
    pub rows: Vec<RowPlan>,
    /// Areas the import would create, under their parent.
    pub new_areas: Vec<Area>,
    pub errors: Vec<CellError>,
    /// What stops the import as a whole (no unit, no parent…).
    pub problems: Vec<Said>,
    pub totals: Vec<TotalCheck>,
    pub beside: Vec<Beside>,
    pub changes: Vec<Change>,
}

impl Plan {
    pub fn can_import(&self) -> bool {
        self.problems.is_empty() && self.errors.is_empty()
    }

    /// How many figures are new, updated, unchanged and in conflict.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut n = (0, 0, 0, 0);
        for c in &self.changes {
            match c {
                Change::New { .. } => n.0 += 1,
                Change::Update { .. } => n.1 += 1,
                Change::Unchanged { .. } | Change::KeptOverBlank { .. } => n.2 += 1,
                Change::Conflict { .. } => n.3 += 1,
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_in_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
