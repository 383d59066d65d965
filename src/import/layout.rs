//! Finding the table in a district's report: the unit line, the (often two-row, merged) header,
//! what each column holds (a period and a kind of figure, the unit names, a note…), and what
//! each row is (an area, a group heading, the total, the column numbering, the signature block).
//! Every decision carries its reason, so that the wizard and `giamsat import-table --dry-run`
//! can show it and the user can change it.

mod header;
mod rows;
mod values;
mod words;

use super::grid::{Cell, Sheet};
use super::legacy::Legacy;
use crate::model::{AllocationKind, AreaKind, MoneyUnit, Period};
use header::{
    column_role, find_header, find_unit, headings, skip_same_columns, skip_total_columns, unicode,
};
pub use rows::{areas_named, rows_with, split_area_name};
use rows::{classify_rows, looks_numeric, skip_empty_columns};
use serde::{Deserialize, Serialize};
pub use values::{Value, number_style, value_of, value_of_in};
use words::years_in;
pub use words::{kind_in, period_in};

/// Lower case, no marks, single spaces: "  Xã  Minh Sơn " → "xa minh son".
pub fn key(s: &str) -> String {
    crate::model::text::search_key(s, true)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a column holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "role")]
pub enum ColumnRole {
    /// The names of the units (areas).
    Name,
    /// The row numbers ("STT").
    Number,
    /// A note for the row ("Ghi chú").
    Note,
    /// Figures of one kind for one period.
    Figure {
        from_year: i32,
        to_year: i32,
        kind: AllocationKind,
    },
    /// Not imported, and why.
    Skipped { reason: SkipReason },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Nothing in it.
    Empty,
    /// A ratio or percentage, computed from other columns.
    Ratio,
    /// A sum of other columns.
    Total,
    /// A year, but no word saying what kind of money.
    NoKind,
    /// A kind of money, but no year.
    NoPeriod,
    /// No heading GiamSat understands.
    Unrecognised,
    /// The user chose to leave it out.
    ByUser,
    /// A part (one funding source) of a total column of the same year and kind.
    PartOfTotal,
    /// The same year and kind as another column, neither a total: which to import is the
    /// user's choice.
    SameAsOther,
}

impl SkipReason {
    pub fn message(self, lang: crate::i18n::Lang) -> &'static str {
        let vi = lang == crate::i18n::Lang::Vi;
        match self {
            SkipReason::Empty => {
                if vi {
                    "cột trống"
                } else {
                    "empty column"
                }
            }
            SkipReason::Ratio => {
                if vi {
                    "tỷ lệ, tính từ các cột khác"
                } else {
                    "a ratio, computed from other columns"
                }
            }
            SkipReason::Total => {
                if vi {
                    "cột tổng của các cột khác"
                } else {
                    "a total of other columns"
                }
            }
            SkipReason::NoKind => {
                if vi {
                    "có năm nhưng không rõ loại số liệu (phân bổ, giải ngân…)"
                } else {
                    "a year, but no kind of figure (allocated, disbursed…)"
                }
            }
            SkipReason::NoPeriod => {
                if vi {
                    "có loại số liệu nhưng không rõ năm"
                } else {
                    "a kind of figure, but no year"
                }
            }
            SkipReason::Unrecognised => {
                if vi {
                    "tiêu đề cột không rõ nghĩa"
                } else {
                    "heading not understood"
                }
            }
            SkipReason::ByUser => {
                if vi {
                    "người dùng bỏ qua"
                } else {
                    "left out by the user"
                }
            }
            SkipReason::PartOfTotal => {
                if vi {
                    "một phần (nguồn vốn) của cột tổng cùng năm và loại"
                } else {
                    "a part (funding source) of the total column of the same year and kind"
                }
            }
            SkipReason::SameAsOther => {
                if vi {
                    "trùng năm và loại với cột khác — hãy chọn cột cần nhập"
                } else {
                    "the same year and kind as another column — choose which to import"
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    /// 0-based.
    pub index: usize,
    /// The column's heading, its header rows joined ("Năm 2022 Giải ngân").
    pub heading: String,
    pub role: ColumnRole,
}

impl Column {
    pub fn period(&self) -> Option<Period> {
        match self.role {
            ColumnRole::Figure {
                from_year, to_year, ..
            } => Period::new(from_year, to_year).ok(),
            _ => None,
        }
    }
}

/// What a row of the table is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A unit: its type when the name says it ("Xã", "Thị trấn"…), and its name.
    Area {
        kind: Option<AreaKind>,
        name: String,
    },
    /// An office of the district itself ("Phòng Lao động - TB&XH"): the district's own figure.
    Office(String),
    /// A group heading ("I", "Cấp xã"); its figures, if any, are a subtotal.
    Group(String),
    /// The report's own total ("Tổng cộng").
    Total,
    /// The column numbering under the header (A, B, 1, 2, 3…).
    Numbering,
    Blank,
    /// Notes, "Người lập biểu", the signature block: the table has ended.
    Footer,
    /// Figures but no name to put them to.
    Nameless,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// 0-based.
    pub index: usize,
    pub kind: RowKind,
    /// Within a "Cấp huyện" / "Cấp xã" group: the level it names.
    pub group_level: Option<crate::model::AreaLevel>,
}

/// The table found in a sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The sheet, its legacy-font text converted to Unicode.
    pub sheet: Sheet,
    pub legacy: Option<Legacy>,
    /// The money unit and the cell that says it (row, column), when one does.
    pub unit: Option<(MoneyUnit, (usize, usize))>,
    /// The header rows (0-based, inclusive range).
    pub header: (usize, usize),
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// A period named in the title above the table ("năm 2023"), used by columns naming none.
    pub title_period: Option<Period>,
}

/// Why no table was found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    #[error(
        "trang tính “{0}”: không tìm thấy dòng tiêu đề của bảng (một dòng có các cột như “Năm 2023”, “Vốn phân bổ”, “Giải ngân”)"
    )]
    NoHeader(String),
    #[error("trang tính “{0}”: không tìm thấy cột tên đơn vị (xã, huyện…)")]
    NoNameColumn(String),
}

/// Finds the table in `sheet` (see the module's description).
pub fn detect(sheet: &Sheet) -> Result<Layout, LayoutError> {
    detect_with(sheet, None)
}

/// As [`detect`], with the header rows the user says (0-based, inclusive) instead of the ones
/// found.
pub fn detect_with(sheet: &Sheet, header: Option<(usize, usize)>) -> Result<Layout, LayoutError> {
    let (sheet, legacy) = unicode(sheet);
    let last = sheet.rows.len().saturating_sub(1);
    let header = match header {
        Some((top, bottom)) if top <= bottom && bottom <= last => (top, bottom),
        _ => find_header(&sheet).ok_or_else(|| LayoutError::NoHeader(sheet.name.clone()))?,
    };
    let unit = find_unit(&sheet, header.1);
    // A title saying "năm 2023" (and no other year) gives the columns that name none their
    // year. Dates ("ngày 10/6/2023") and the program's span do not; nor does a title's wording
    // give a kind of money ("kinh phí thực hiện" is not "disbursed").
    let title_period = {
        let mut periods = (0..header.0)
            .flat_map(|r| sheet.rows[r].iter())
            .filter_map(Cell::text)
            .map(key)
            .filter(|k| !k.contains('/') && !k.contains("thang "))
            .flat_map(|k| {
                years_in(&k)
                    .into_iter()
                    .filter(move |y| k.contains(&format!("nam {y}")))
                    .collect::<Vec<_>>()
            });
        match (periods.next(), periods.next()) {
            (Some(y), None) => Period::year(y).ok(),
            _ => None,
        }
    };
    let title_kind = None;
    let mut columns = headings(&sheet, header)
        .into_iter()
        .enumerate()
        .map(|(index, heading)| Column {
            index,
            role: column_role(&heading, title_period, title_kind),
            heading,
        })
        .collect::<Vec<_>>();
    if !columns.iter().any(|c| c.role == ColumnRole::Name) {
        // No heading says it: the first column of text that is not the row number.
        let guess = columns
            .iter()
            .filter(|c| matches!(c.role, ColumnRole::Skipped { .. }))
            .map(|c| c.index)
            .find(|&col| {
                let texts = (header.1 + 1..sheet.rows.len())
                    .filter(|&r| matches!(sheet.cell(r, col), Cell::Text(t) if !looks_numeric(&Cell::Text(t.clone())) && t.trim().chars().count() > 3))
                    .count();
                texts >= 2
            })
            .ok_or_else(|| LayoutError::NoNameColumn(sheet.name.clone()))?;
        columns[guess].role = ColumnRole::Name;
    }
    skip_total_columns(&mut columns);
    let rows = classify_rows(&sheet, header, &columns);
    // An empty total column leaves its parts to import: empties go before parts are skipped.
    skip_empty_columns(&sheet, &rows, &mut columns);
    skip_same_columns(&mut columns);
    Ok(Layout {
        sheet,
        legacy,
        unit,
        header,
        columns,
        rows,
        title_period,
    })
}

#[cfg(test)]
mod tests;
