//! What importing a report would do to a project: each row matched to an area (or a new one),
//! each cell turned into a figure — amount, zero or unknown — or an error naming its sheet, row
//! and column; the report's own total checked against its rows; figures the project already
//! holds for the same period beside the imported ones; and the changes to make, a re-import
//! updating what it brought before instead of adding it twice. Nothing is written here.

use super::layout::{self, Column, ColumnRole, Layout, RowKind, Value, key};
use crate::model::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// A place in the report: sheet, row and column as Excel shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    pub sheet: String,
    /// 1-based, as in Excel.
    pub row: usize,
    /// "A", "B" … as in Excel; empty for a whole row.
    pub column: String,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(f, "trang tính “{}”, dòng {}", self.sheet, self.row)
        } else {
            write!(
                f,
                "trang tính “{}”, dòng {}, cột {}",
                self.sheet, self.row, self.column
            )
        }
    }
}

/// Excel's name of a 0-based column: 0 → "A", 26 → "AA".
pub fn column_name(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Something said to the user, in both languages (Vietnamese first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Said {
        Said {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Vi => &self.vi,
            crate::i18n::Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.vi)
    }
}

impl Place {
    /// "trang tính “Biểu 01”, dòng 13, cột C" / "sheet “Biểu 01”, row 13, column C".
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        match (lang, self.column.is_empty()) {
            (crate::i18n::Lang::Vi, _) => self.to_string(),
            (crate::i18n::Lang::En, true) => format!("sheet “{}”, row {}", self.sheet, self.row),
            (crate::i18n::Lang::En, false) => format!(
                "sheet “{}”, row {}, column {}",
                self.sheet, self.row, self.column
            ),
        }
    }
}

/// A cell that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellError {
    pub place: Place,
    pub text: String,
    pub why: Said,
}

impl CellError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let place = self.place.describe(lang);
        if self.text.is_empty() {
            format!("{place}: {}", self.why.get(lang))
        } else {
            format!("{place} (“{}”): {}", self.text, self.why.get(lang))
        }
    }
}

impl std::fmt::Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.text.is_empty() {
            write!(f, "{}: {}", self.place, self.why)
        } else {
            write!(f, "{} (“{}”): {}", self.place, self.text, self.why)
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
        let target_of = |row: usize| {
            self.rows
                .iter()
                .find(|r| r.row == row)
                .and_then(|r| match &r.outcome {
                    RowOutcome::Imported { target, .. } => Some(match target {
                        Target::Existing { id, .. } => *id,
                        Target::New { index, .. } => area_ids[*index],
                    }),
                    RowOutcome::Skipped { .. } => None,
                })
        };
        for change in &self.changes {
            match change {
                Change::New { row, figure } => {
                    let Some(area_id) = target_of(*row) else {
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

/// The kind of unit a row names when it does not say: one level under its parent.
fn child_kind(parent: Option<&Area>) -> AreaKind {
    match parent.map(Area::level) {
        Some(AreaLevel::Province) => AreaKind::Huyen,
        _ => AreaKind::Xa,
    }
}

/// Plans the import of `layout`'s table into `d` (see the module's description).
pub fn plan(d: &Dossier, layout: &Layout, options: &Options) -> Plan {
    let sheet = &layout.sheet;
    let mut columns = layout.columns.clone();
    let detected_unit = layout.unit.map(|(u, _)| u);
    let mut unit = detected_unit;
    if let Some(m) = &options.mapping {
        for mc in &m.columns {
            // A template's column is found by its heading (without years) when it has one: next
            // year's form may have a column more; none matching, the change is not applied.
            let found = if mc.heading.is_empty() {
                columns.iter_mut().find(|c| c.index == mc.column)
            } else {
                columns
                    .iter_mut()
                    .find(|c| heading_without_years(&c.heading) == mc.heading)
            };
            let Some(c) = found else { continue };
            let mut role = mc.role.clone();
            if let (true, ColumnRole::Figure { kind, .. }) = (mc.years_from_report, &role) {
                // The years the report's heading names, else those the column was found with.
                let detected = c.period();
                if let Some(p) = layout::period_in(&key(&c.heading), Some(*kind)).or(detected) {
                    role = ColumnRole::Figure {
                        from_year: p.from_year(),
                        to_year: p.to_year(),
                        kind: *kind,
                    };
                }
            }
            c.role = role;
        }
        // A template's unit stands in only for a report that states none.
        unit = detected_unit.or(m.unit);
    }
    unit = options.unit.or(unit);
    // The rows are read again when the name or figure columns were changed.
    let reread;
    let rows: &[layout::Row] = if columns == layout.columns {
        &layout.rows
    } else {
        reread = layout::rows_with(layout, &columns);
        &reread
    };
    let number_style = layout::number_style(sheet, &columns, rows);
    let place = |row: usize, col: Option<usize>| Place {
        sheet: sheet.name.clone(),
        row: row + 1,
        column: col.map(column_name).unwrap_or_default(),
    };
    let mut plan = Plan {
        sheet: sheet.name.clone(),
        legacy: layout.legacy.map(|l| l.name()),
        unit,
        unit_place: layout.unit.map(|(_, (r, c))| place(r, Some(c))),
        header_rows: (layout.header.0 + 1, layout.header.1 + 1),
        number_style,
        columns: columns.clone(),
        rows: Vec::new(),
        new_areas: Vec::new(),
        errors: Vec::new(),
        problems: Vec::new(),
        totals: Vec::new(),
        beside: Vec::new(),
        changes: Vec::new(),
    };
    let parent = options.parent_id.and_then(|id| d.area(id));
    if d.project(options.project_id).is_none() {
        plan.problems.push(Said::new(
            format!("dự án mã {} không có trong hồ sơ", options.project_id),
            format!("the dossier has no project with id {}", options.project_id),
        ));
    }
    let Some(unit) = unit else {
        plan.problems.push(Said::new(
            "báo cáo không ghi đơn vị tính (ví dụ “ĐVT: triệu đồng”): hãy chọn đơn vị",
            "the report does not state its unit (e.g. “ĐVT: triệu đồng”): choose one",
        ));
        return plan;
    };
    let figure_cols: Vec<(usize, Period, AllocationKind)> = columns
        .iter()
        .filter_map(|c| match c.role {
            ColumnRole::Figure { kind, .. } => Some((c.index, c.period()?, kind)),
            _ => None,
        })
        .collect();
    if figure_cols.is_empty() {
        plan.problems.push(Said::new(
            "không có cột số liệu nào (năm và loại vốn) để nhập",
            "no column of figures (year and kind of money) to import",
        ));
    }
    let note_col = columns
        .iter()
        .find(|c| c.role == ColumnRole::Note)
        .map(|c| c.index);

    // Rows → targets and figures.
    let mut seen: HashMap<(String, Period, AllocationKind), usize> = HashMap::new();
    let mut new_index: HashMap<(String, AreaKind), usize> = HashMap::new();
    // Sums of the rows since the last total, per column: (sum, partly unknown).
    let mut running: HashMap<usize, (Dong, bool)> = HashMap::new();
    // A total written above its rows ("Tổng số" right under the header), checked at the end
    // against every row after it.
    let mut leading: Option<Vec<(usize, Place, Option<Dong>)>> = None;
    let mut after_leading: HashMap<usize, (Dong, bool)> = HashMap::new();
    let mut seen_data_row = false;
    let add = |slot: &mut (Dong, bool), amount: Amount| match amount {
        Amount::Known(a) => match slot.0.checked_add(a) {
            Ok(s) => slot.0 = s,
            Err(_) => slot.1 = true,
        },
        Amount::Unknown => slot.1 = true,
    };
    let name_col = columns
        .iter()
        .find(|c| c.role == ColumnRole::Name)
        .map(|c| c.index);
    for row in rows {
        let r = row.index;
        let text = name_col
            .map(|c| sheet.cell(r, c).shown().trim().to_string())
            .unwrap_or_default();
        // What the row becomes, or why it is skipped (said once, below).
        let target: Result<(Target, bool), (&str, &str)> = match &row.kind {
            RowKind::Blank => Err(("dòng trống", "blank row")),
            RowKind::Footer => Err((
                "ghi chú, chữ ký dưới bảng",
                "notes and signatures below the table",
            )),
            RowKind::Numbering => Err(("dòng đánh số cột", "column numbering")),
            RowKind::Group(_) => Err(("dòng nhóm", "group heading")),
            RowKind::Total => {
                let reported = |col: usize| match layout::value_of_in(
                    sheet.cell(r, col),
                    unit,
                    number_style,
                ) {
                    Value::Amount(d) => Some(d),
                    Value::Zero => Some(Dong::ZERO),
                    _ => None,
                };
                if !seen_data_row && leading.is_none() {
                    leading = Some(
                        figure_cols
                            .iter()
                            .map(|&(col, ..)| (col, place(r, Some(col)), reported(col)))
                            .collect(),
                    );
                } else {
                    for &(col, ..) in &figure_cols {
                        let (sum, unknown) = running.remove(&col).unwrap_or((Dong::ZERO, false));
                        if let Some(value) = reported(col) {
                            plan.totals.push(TotalCheck {
                                place: place(r, Some(col)),
                                reported: Some(value),
                                sum_of_rows: (!unknown).then_some(sum),
                            });
                        }
                    }
                }

                Err((
                    "dòng tổng cộng (dùng để đối chiếu)",
                    "total row (used for the check)",
                ))
            }
            RowKind::Nameless => {
                plan.errors.push(CellError {
                    place: place(r, None),
                    text: String::new(),
                    why: Said::new(
                        "dòng có số liệu nhưng không có tên đơn vị",
                        "the row has figures but no unit name",
                    ),
                });
                Err(("không có tên đơn vị", "no unit name"))
            }
            RowKind::Office(_) => match parent {
                Some(p) => Ok((
                    Target::Existing {
                        id: p.id,
                        name: p.full_name_vi(),
                    },
                    true,
                )),
                None => {
                    plan.errors.push(CellError {
                        place: place(r, None),
                        text: text.clone(),
                        why: Said::new(
                            "dòng của một cơ quan cấp huyện, nhưng chưa chọn địa bàn cấp trên",
                            "a district office's row, but no parent area is chosen",
                        ),
                    });
                    Err(("chưa rõ địa bàn", "area not known"))
                }
            },
            RowKind::Area { kind, name } => match match_area(d, parent, *kind, name) {
                Ok(Some(a)) => Ok((
                    Target::Existing {
                        id: a.id,
                        name: a.full_name_vi(),
                    },
                    false,
                )),
                Ok(None) => {
                    let kind = kind.unwrap_or_else(|| child_kind(parent));
                    let k = (key(name), kind);
                    let index = *new_index.entry(k).or_insert_with(|| {
                        plan.new_areas.push(Area {
                            id: AreaId(0),
                            name: name.clone(),
                            kind,
                            parent_id: parent.map(|p| p.id),
                            valid_from: None,
                            valid_to: None,
                        });
                        plan.new_areas.len() - 1
                    });
                    Ok((
                        Target::New {
                            index,
                            name: format!("{} {}", kind.label_vi(), name),
                        },
                        false,
                    ))
                }
                Err(why) => {
                    plan.errors.push(CellError {
                        place: place(r, None),
                        text: text.clone(),
                        why,
                    });
                    Err(("không xác định được địa bàn", "area cannot be found"))
                }
            },
        };
        let (target, office) = match target {
            Ok(t) => t,
            Err((vi, en)) => {
                plan.rows.push(RowPlan {
                    row: r + 1,
                    text,
                    outcome: RowOutcome::Skipped {
                        reason: Said::new(vi, en),
                    },
                });
                continue;
            }
        };
        let note = note_col
            .map(|c| sheet.cell(r, c).shown().trim().to_string())
            .unwrap_or_default();
        let mut figures = Vec::new();
        seen_data_row = true;
        for &(col, period, kind) in &figure_cols {
            let cell = sheet.cell(r, col);
            let value = layout::value_of_in(cell, unit, number_style);
            let blank = value == Value::Blank;
            let (amount, cell_note) = match value {
                Value::Amount(a) => (Amount::Known(a), String::new()),
                Value::Zero => (Amount::Known(Dong::ZERO), String::new()),
                Value::Blank => (
                    Amount::Unknown,
                    "ô để trống trong báo cáo (chưa báo cáo)".to_string(),
                ),
                Value::Unknown(t) => (Amount::Unknown, t),
                Value::Error(vi, en) => {
                    plan.errors.push(CellError {
                        place: place(r, Some(col)),
                        text: cell.shown(),
                        why: Said::new(vi, en),
                    });
                    continue;
                }
            };
            add(running.entry(col).or_insert((Dong::ZERO, false)), amount);
            if leading.is_some() {
                add(
                    after_leading.entry(col).or_insert((Dong::ZERO, false)),
                    amount,
                );
            }
            let dup_key = (target.name().to_string(), period, kind);
            if let Some(first) = seen.insert(dup_key, r + 1) {
                plan.errors.push(CellError {
                    place: place(r, Some(col)),
                    text: cell.shown(),
                    why: Said::new(
                        format!(
                            "{} đã có số liệu {} {} ở dòng {first}",
                            target.name(),
                            kind.label_vi().to_lowercase(),
                            period
                        ),
                        format!(
                            "{} already has {} {} in row {first}",
                            target.name(),
                            kind.label_en().to_lowercase(),
                            period
                        ),
                    ),
                });
                continue;
            }
            let note = [cell_note, note.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            figures.push(Figure {
                place: place(r, Some(col)),
                period,
                kind,
                amount,
                note,
                blank,
            });
        }
        plan.rows.push(RowPlan {
            row: r + 1,
            text,
            outcome: RowOutcome::Imported {
                target,
                office,
                figures,
            },
        });
    }
    for (col, at, reported) in leading.into_iter().flatten() {
        if let Some(value) = reported {
            let (sum, unknown) = after_leading.remove(&col).unwrap_or((Dong::ZERO, false));
            plan.totals.push(TotalCheck {
                place: at,
                reported: Some(value),
                sum_of_rows: (!unknown).then_some(sum),
            });
        }
    }
    changes(d, options, &mut plan);
    beside(d, options, parent, &mut plan);
    plan
}

/// The existing area a row names: among the parent's sub-areas (by name, and by type when the
/// row says it), else any area of that name and type. `Ok(None)`: a new one.
fn match_area<'a>(
    d: &'a Dossier,
    parent: Option<&Area>,
    kind: Option<AreaKind>,
    name: &str,
) -> Result<Option<&'a Area>, Said> {
    let k = key(name);
    let fits = |a: &&Area| key(&a.name) == k && kind.is_none_or(|kind| a.kind == kind);
    let under: Vec<&Area> = d
        .areas
        .iter()
        .filter(|a| parent.is_some_and(|p| a.parent_id == Some(p.id)))
        .filter(fits)
        .collect();
    match under.as_slice() {
        [one] => return Ok(Some(one)),
        [_, _, ..] => {
            return Err(Said::new(
                format!(
                    "có nhiều đơn vị tên “{name}” thuộc cùng địa bàn; hãy ghi rõ loại (xã, thị trấn…)"
                ),
                format!(
                    "several units named “{name}” belong to the same area; write their type (xã, thị trấn…)"
                ),
            ));
        }
        [] => {}
    }
    if parent.is_some() {
        return Ok(None);
    }
    let anywhere: Vec<&Area> = d.areas.iter().filter(fits).collect();
    match anywhere.as_slice() {
        [one] => Ok(Some(one)),
        [] => Err(Said::new(
            format!("không có địa bàn “{name}” trong hồ sơ; hãy chọn địa bàn cấp trên để tạo mới"),
            format!("the dossier has no area “{name}”; choose the parent area to create it"),
        )),
        _ => Err(Said::new(
            format!("có nhiều địa bàn tên “{name}”; hãy chọn địa bàn cấp trên"),
            format!("several areas are named “{name}”; choose the parent area"),
        )),
    }
}

/// Each figure against what the project holds: new, an update of this report's earlier
/// import, unchanged, or in conflict with a figure from elsewhere.
fn changes(d: &Dossier, options: &Options, plan: &mut Plan) {
    let prefix = source_prefix(&options.source, &plan.sheet);
    let places = crate::analysis::RoundPlaces::new(d);
    let round_rank = |r: Option<RoundId>| places.of(r);
    let mut out = Vec::new();
    for row in &plan.rows {
        let RowOutcome::Imported {
            target, figures, ..
        } = &row.outcome
        else {
            continue;
        };
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

/// The parent's own figures for periods the imported parts overlap: shown beside their parts.
fn beside(d: &Dossier, options: &Options, parent: Option<&Area>, plan: &mut Plan) {
    let Some(parent) = parent else { return };
    let parts: Vec<&Figure> = plan
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            RowOutcome::Imported {
                figures,
                office: false,
                ..
            } => Some(figures),
            _ => None,
        })
        .flatten()
        .collect();
    for a in d
        .allocations
        .iter()
        .filter(|a| a.area_id == parent.id && a.project_id == options.project_id)
    {
        let mine: Vec<&&Figure> = parts
            .iter()
            .filter(|f| f.kind == a.kind && f.period.overlaps(a.period))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut sum = Some(Dong::ZERO);
        for f in &mine {
            sum = match (sum, f.amount) {
                (Some(s), Amount::Known(x)) => s.checked_add(x).ok(),
                _ => None,
            };
        }
        plan.beside.push(Beside {
            existing: a.id,
            area: parent.full_name_vi(),
            period: a.period,
            kind: a.kind,
            amount: a.amount_dong,
            parts: mine.len(),
            parts_sum: sum,
        });
    }
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
    let before: Vec<String> = crate::checks::warnings(d)
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
