//! What a cell is worth: an amount in đồng, zero, unknown or an error, read in the number style
//! the sheet writes.

use super::{Column, ColumnRole, Row, RowKind, key};
use crate::import::grid::{Cell, Sheet};
use crate::model::number::{NumberStyle, parse_money};
use crate::model::{Dong, MoneyUnit};

/// What a figure cell becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Amount(Dong),
    /// "-" or 0.
    Zero,
    /// Left blank: not reported, so unknown — never 0.
    Blank,
    /// Reported to exist, amount not given ("x", "chưa xác định số liệu"); the text kept.
    Unknown(String),
    /// Cannot be read; why, in Vietnamese and English.
    Error(String, String),
}

const UNKNOWN_WORDS: [&str; 8] = [
    "chua",
    "khong ro",
    "dang ",
    "xac dinh",
    "so lieu",
    "bao cao",
    "tong hop",
    "khong co so",
];

/// Reads a figure cell in `unit`, numbers written as text the Vietnamese way.
pub fn value_of(cell: &Cell, unit: MoneyUnit) -> Value {
    value_of_in(cell, unit, NumberStyle::Vi)
}

/// How the report writes numbers as text: the style its unambiguous numbers use ("1.234,5" or
/// "14,5" are Vietnamese, "1,234.5" or "14.5" English); Vietnamese when none says.
pub fn number_style(sheet: &Sheet, columns: &[Column], rows: &[Row]) -> NumberStyle {
    let (mut vi, mut en) = (0, 0);
    let data_rows = rows.iter().filter(|r| {
        matches!(
            r.kind,
            RowKind::Area { .. } | RowKind::Office(_) | RowKind::Total
        )
    });
    for r in data_rows {
        for c in columns
            .iter()
            .filter(|c| matches!(c.role, ColumnRole::Figure { .. }))
        {
            let Cell::Text(t) = sheet.cell(r.index, c.index) else {
                continue;
            };
            let t = t.trim();
            if !t
                .chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | ' '))
            {
                continue;
            }
            let last_comma = t.rfind(',');
            let last_dot = t.rfind('.');
            let digits_after = |at: usize| t.len() - at - 1;
            let dots = t.matches('.').count();
            let commas = t.matches(',').count();
            match (last_comma, last_dot) {
                (Some(c), Some(d)) if c > d => vi += 1,
                (Some(_), Some(_)) => en += 1,
                // "1.234.567" groups with dots; "1,234,567" with commas.
                (None, Some(_)) if dots > 1 => vi += 1,
                (Some(_), None) if commas > 1 => en += 1,
                (Some(c), None) if digits_after(c) != 3 => vi += 1,
                (None, Some(d)) if digits_after(d) != 3 => en += 1,
                _ => {}
            }
        }
    }
    // English only when the report says so more than once and more than it says Vietnamese:
    // one mistyped "3.75" in a Vietnamese report does not turn every "1.234" into 1,234.
    if en >= 2 && en > vi {
        NumberStyle::En
    } else {
        NumberStyle::Vi
    }
}

/// Reads a figure cell in `unit`, numbers written as text in `style`.
pub fn value_of_in(cell: &Cell, unit: MoneyUnit, style: NumberStyle) -> Value {
    match cell {
        Cell::Empty => Value::Blank,
        Cell::Number(n) => {
            if !n.is_finite() {
                return Value::Error("không phải số".into(), "not a number".into());
            }
            if *n < 0.0 {
                return Value::Error("số âm".into(), "a negative number".into());
            }
            let exact = n * unit.dong_per_unit() as f64;
            let dong = exact.round();
            if dong > i64::MAX as f64 / 2.0 {
                return Value::Error("số quá lớn".into(), "the number is too large".into());
            }
            // Money is whole đồng; a fraction beyond a float's own noise is a mistake.
            if (exact - dong).abs() > 0.01 {
                return Value::Error(
                    format!("số lẻ dưới một đồng ({n} {})", unit.label_vi()),
                    format!("a fraction of a đồng ({n} {})", unit.label_en()),
                );
            }
            match Dong::new(dong as i64) {
                Ok(d) if d == Dong::ZERO => Value::Zero,
                Ok(d) => Value::Amount(d),
                Err(_) => Value::Error("số quá lớn".into(), "the number is too large".into()),
            }
        }
        Cell::Other(t) => Value::Error(
            format!("ô không chứa số (“{t}”)"),
            format!("the cell holds no number (“{t}”)"),
        ),
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Value::Blank;
            }
            if matches!(t, "-" | "–" | "—" | "0") {
                return Value::Zero;
            }
            if t.eq_ignore_ascii_case("x") {
                return Value::Unknown(t.to_string());
            }
            match parse_money(t, unit, style) {
                Ok(d) if d == Dong::ZERO => Value::Zero,
                Ok(d) => Value::Amount(d),
                Err(e) => {
                    let k = key(t);
                    if t.chars().any(char::is_alphabetic)
                        && UNKNOWN_WORDS.iter().any(|w| k.contains(w))
                    {
                        Value::Unknown(t.to_string())
                    } else {
                        Value::Error(
                            format!("không đọc được số “{t}”: {e}"),
                            format!(
                                "“{t}” cannot be read as a number: {}",
                                e.message(crate::i18n::Lang::En)
                            ),
                        )
                    }
                }
            }
        }
    }
}
