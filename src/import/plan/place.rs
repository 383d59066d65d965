//! Where in a report something is (sheet, row, column) and what was said about it, in both
//! languages: the wording of every error and skipped row.

use serde::Serialize;

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
pub use crate::i18n::Said;

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
