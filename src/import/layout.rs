//! Finding the table in a district's report: the unit line, the (often two-row, merged) header,
//! what each column holds (a period and a kind of figure, the unit names, a note…), and what
//! each row is (an area, a group heading, the total, the column numbering, the signature block).
//! Every decision carries its reason, so that the wizard and `giamsat import-table --dry-run`
//! can show it and the user can change it.

use super::grid::{Cell, Sheet};
use super::legacy::{self, Legacy};
use crate::model::number::{NumberStyle, parse_money};
use crate::model::{AllocationKind, AreaKind, Dong, MoneyUnit, Period};
use serde::{Deserialize, Serialize};

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

const ALLOCATED: [&str; 10] = [
    "ke hoach von",
    "von phan bo",
    "du toan giao",
    "phan bo",
    "kh von",
    "ke hoach",
    "du toan",
    "giao von",
    "von giao",
    "duoc giao",
];
const DISBURSED: [&str; 4] = ["giai ngan", "thuc hien", "da chi", "quyet toan"];
const CARRIED: [&str; 3] = ["chuyen sang", "chuyen nguon", "keo dai"];

/// The kind of money a heading names, if it names one.
pub fn kind_in(heading_key: &str) -> Option<AllocationKind> {
    // "Kế hoạch vốn 2023 (gồm vốn 2022 chuyển sang)": what it includes does not make it
    // carried-over money.
    let main = ["(gom", "gom ca", "bao gom", "trong do"]
        .iter()
        .filter_map(|w| heading_key.find(w))
        .min()
        .map_or(heading_key, |at| &heading_key[..at]);
    if main.len() < heading_key.len() && kind_in(main).is_some() {
        return kind_in(main);
    }
    // What is left, or not yet done, is no kind of money GiamSat stores.
    let not_money = [
        "chua giai ngan",
        "con lai",
        "chua thuc hien",
        "chua phan bo",
    ];
    if not_money.iter().any(|w| main.contains(w)) {
        return None;
    }
    if CARRIED.iter().any(|w| heading_key.contains(w)) {
        Some(AllocationKind::CarriedOver)
    } else if DISBURSED.iter().any(|w| heading_key.contains(w)) {
        Some(AllocationKind::Disbursed)
    } else if ALLOCATED.iter().any(|w| heading_key.contains(w)) {
        Some(AllocationKind::Allocated)
    } else {
        None
    }
}

/// The years written in a text, in order: "Năm 2022 - 2023" → [2022, 2023].
fn years_in(s: &str) -> Vec<i32> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let before_ok = start == 0 || !chars[start - 1].is_alphanumeric();
            if i - start == 4 && before_ok {
                let y: i32 = chars[start..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                if (1990..=2100).contains(&y) {
                    out.push(y);
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The period a heading names. Money carried over belongs to the year it is carried into:
/// "Vốn năm 2022 chuyển sang năm 2023" → 2023.
pub fn period_in(heading_key: &str, kind: Option<AllocationKind>) -> Option<Period> {
    let years = years_in(heading_key);
    if kind == Some(AllocationKind::CarriedOver) {
        return match (
            heading_key.find("sang"),
            years.first().copied(),
            years.last().copied(),
        ) {
            (_, Some(a), Some(b)) if a != b => Period::year(b).ok(),
            (Some(at), Some(y), _) => {
                // "năm 2022 chuyển sang" (into the next year) or "chuyển sang năm 2023".
                let into = heading_key[at..].contains(&y.to_string());
                Period::year(if into { y } else { y + 1 }).ok()
            }
            (None, Some(y), _) => Period::year(y).ok(),
            _ => None,
        };
    }
    match years.as_slice() {
        [] => None,
        [y] => Period::year(*y).ok(),
        [a, .., b] => Period::new(*a.min(b), *a.max(b)).ok(),
    }
}

/// The type of unit a name starts with, and the name without it: "  xã  Minh Sơn " →
/// (Xã, "Minh Sơn").
pub fn split_area_name(s: &str) -> (Option<AreaKind>, String) {
    let s = crate::model::text::nfc(s);
    let clean: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let k = key(&clean);
    const PREFIXES: [(&str, AreaKind); 12] = [
        ("thi tran ", AreaKind::ThiTran),
        ("tt. ", AreaKind::ThiTran),
        ("thi xa ", AreaKind::ThiXa),
        ("thanh pho ", AreaKind::ThanhPho),
        ("tp. ", AreaKind::ThanhPho),
        ("tp ", AreaKind::ThanhPho),
        ("phuong ", AreaKind::Phuong),
        ("xa ", AreaKind::Xa),
        ("huyen ", AreaKind::Huyen),
        ("quan ", AreaKind::Quan),
        ("tinh ", AreaKind::Tinh),
        ("dac khu ", AreaKind::DacKhu),
    ];
    for (prefix, kind) in PREFIXES {
        if k.starts_with(prefix) {
            // The same number of characters in the original (folding keeps one per letter).
            let n = prefix.chars().count();
            let rest: String = clean.chars().skip(n).collect();
            let rest = rest.trim_start_matches(['.', ':', '-', ' ']).trim();
            return (Some(kind), proper_case(rest));
        }
    }
    (None, proper_case(&clean))
}

/// A name written all in small letters or all in capitals, in the usual case: "MINH SƠN" →
/// "Minh Sơn". Mixed case is left as written.
fn proper_case(s: &str) -> String {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.iter().all(|c| !c.is_lowercase());
    let all_lower = letters.iter().all(|c| !c.is_uppercase());
    if letters.len() < 2 || !(all_upper || all_lower) {
        return s.to_string();
    }
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The unit a text names: "ĐVT: triệu đồng" → triệu đồng.
fn unit_in(text_key: &str) -> Option<MoneyUnit> {
    let after = ["dvt", "don vi tinh", "don vi:", "(don vi"]
        .iter()
        .find_map(|m| text_key.find(m).map(|at| &text_key[at + m.len()..]))?;
    unit_word(after)
}

/// The unit that `s` starts with, as whole words: "triệu đồng", "tr.đ", "nghìn đồng", "đồng".
/// "(đồng bào…)" or "(ngân sách…)" name no unit.
fn unit_word(s: &str) -> Option<MoneyUnit> {
    let s = s.trim_start_matches([':', ' ', '.']);
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ')' | ',' | ';' | '/'))
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    let dong = |w: &str| matches!(w, "dong" | "d" | "vnd" | "d." | "dong.");
    match words.as_slice() {
        ["trieu"] | ["tr.d" | "trd" | "tr.d." | "tr.dong" | "tr" | "tr.", ..] => {
            Some(MoneyUnit::Trieu)
        }
        ["trieu", w] if dong(w) => Some(MoneyUnit::Trieu),
        ["nghin" | "ngan" | "1.000" | "1000", w] if dong(w) => Some(MoneyUnit::Nghin),
        ["ty", w] if dong(w) => Some(MoneyUnit::Ty),
        [w] if dong(w) => Some(MoneyUnit::Dong),
        [w, _] if dong(w) && *w != "d" => {
            // "đồng" followed by another word is a unit only when that word is not part of a
            // phrase such as "đồng bào".
            let second = words[1];
            (!second.chars().next().is_some_and(char::is_alphabetic)).then_some(MoneyUnit::Dong)
        }
        _ => None,
    }
}

fn is_roman(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['.', ')']);
    !t.is_empty() && t.len() <= 5 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

fn looks_numeric(c: &Cell) -> bool {
    match c {
        Cell::Number(_) => true,
        Cell::Text(t) => {
            let t = t.trim();
            !t.is_empty()
                && t.chars().any(|c| c.is_ascii_digit())
                && t.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
        }
        _ => false,
    }
}

/// A cell of the column-numbering row: "A", "B", "1", "(2)", "3=1+2".
fn numbering_token(c: &Cell) -> bool {
    let t = match c {
        Cell::Number(n) => return n.fract() == 0.0 && *n >= 0.0 && *n < 100.0,
        Cell::Text(t) => t.trim(),
        _ => return false,
    };
    let t = t.trim_start_matches('(').trim_end_matches(')');
    (t.len() <= 2 && t.chars().all(|c| c.is_ascii_alphanumeric()))
        || (t.len() <= 12
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '=' | '+' | '-' | '*' | '/' | ' ')))
}

const NAME_HEADINGS: [&str; 9] = [
    "ten don vi",
    "don vi",
    "dia ban",
    "ten xa",
    "xa, thi tran",
    "xa, phuong",
    "noi dung",
    "danh muc",
    "ten",
];
const FOOTER_STARTS: [&str; 13] = [
    "ghi chu",
    "nguoi lap",
    "lap bieu",
    "thu truong",
    "ke toan",
    "(ky",
    "noi nhan",
    "tm.",
    "tm ",
    "kt.",
    "chu tich",
    "xac nhan",
    "giam doc",
];
/// How the names of offices and organisations start, with their marks ("Phòng", not the
/// commune "Phong Thạnh"; "Hội Nông dân", not the commune "Hội Hoan").
const OFFICE_STARTS: [&str; 18] = [
    "phòng ",
    "văn phòng",
    "ubnd huyện",
    "ủy ban nhân dân huyện",
    "uỷ ban nhân dân huyện",
    "trung tâm",
    "ban quản lý",
    "ban dân tộc",
    "hội nông dân",
    "hội liên hiệp phụ nữ",
    "hội phụ nữ",
    "hội cựu chiến binh",
    "hội chữ thập đỏ",
    "sở ",
    "huyện đoàn",
    "đoàn thanh niên",
    "mặt trận",
    "ủy ban mặt trận",
];

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

/// The sheet with its text in Unicode: legacy font encodings converted, all text NFC.
fn unicode(sheet: &Sheet) -> (Sheet, Option<Legacy>) {
    let texts = sheet.rows.iter().flatten().filter_map(Cell::text);
    let legacy = legacy::detect(texts);
    let mut out = sheet.clone();
    for cell in out.rows.iter_mut().flatten() {
        if let Cell::Text(t) = cell {
            let converted = match legacy {
                // A name pasted in Unicode into an old-font sheet stays as it is.
                Some(l) if !legacy::has_unicode_only_letters(t) => legacy::convert(t, l),
                _ => t.clone(),
            };
            *t = crate::model::text::nfc(&converted);
        }
    }
    (out, legacy)
}

/// How much a row looks like the table's header: cells naming a kind of money or a year.
fn header_signs(sheet: &Sheet, r: usize) -> (usize, usize, bool) {
    let mut signs = 0;
    let mut filled = 0;
    let mut names_units = false;
    for c in &sheet.rows[r] {
        let Some(t) = c.text() else {
            if !c.is_empty() {
                filled += 1;
            }
            continue;
        };
        if t.trim().is_empty() {
            continue;
        }
        filled += 1;
        let k = key(t);
        if kind_in(&k).is_some() || !years_in(&k).is_empty() {
            signs += 1;
        }
        if NAME_HEADINGS.iter().any(|h| k.starts_with(h)) || k == "stt" || k == "tt" {
            names_units = true;
        }
    }
    (signs, filled, names_units)
}

/// The header rows: the first row with several cells and a year or a kind of money in them
/// (and a heading for the units, or two such cells), with the rows right under it that are
/// headings too (a merged two-row header).
fn find_header(sheet: &Sheet) -> Option<(usize, usize)> {
    let n = sheet.rows.len().min(80);
    let top = (0..n).find(|&r| {
        let (signs, filled, names_units) = header_signs(sheet, r);
        filled >= 3 && (signs >= 2 || (signs >= 1 && names_units))
    })?;
    let mut bottom = top;
    while bottom + 1 < sheet.rows.len() && bottom < top + 2 {
        let next = bottom + 1;
        let row = &sheet.rows[next];
        let (signs, filled, _) = header_signs(sheet, next);
        let numeric = row.iter().any(looks_numeric);
        if filled > 0 && signs > 0 && !numeric {
            bottom = next;
        } else {
            break;
        }
    }
    Some((top, bottom))
}

/// The unit: an "ĐVT: …" line above or beside the table, else a unit named in a heading.
fn find_unit(sheet: &Sheet, header_end: usize) -> Option<(MoneyUnit, (usize, usize))> {
    let mut in_heading = None;
    for r in 0..=header_end.min(sheet.rows.len().saturating_sub(1)) {
        for (c, cell) in sheet.rows[r].iter().enumerate() {
            let Some(t) = cell.text() else { continue };
            let k = key(t);
            if let Some(u) = unit_in(&k) {
                return Some((u, (r, c)));
            }
            if in_heading.is_none()
                && let Some(open) = k.find('(')
                && let Some(u) = unit_word(&k[open + 1..])
            {
                in_heading = Some((u, (r, c)));
            }
        }
    }
    in_heading
}

/// Each column's heading: its header cells top to bottom. A heading merged across several
/// columns ("Năm 2022" over "Kế hoạch vốn" and "Giải ngân") is written in the first of them
/// only; it is carried to the columns under it.
fn headings(sheet: &Sheet, (top, bottom): (usize, usize)) -> Vec<String> {
    let width = sheet.width();
    let mut parts: Vec<Vec<String>> = vec![Vec::new(); width];
    for r in top..=bottom {
        let mut carried: Option<String> = None;
        for (c, part) in parts.iter_mut().enumerate() {
            let here = sheet.cell(r, c).shown().trim().to_string();
            let below_filled = (r + 1..=bottom).any(|b| !sheet.cell(b, c).is_empty());
            if !here.is_empty() {
                carried = below_filled.then(|| here.clone());
                part.push(here);
            } else if below_filled && let Some(text) = &carried {
                part.push(text.clone());
            } else {
                carried = None;
            }
        }
    }
    parts.into_iter().map(|p| p.join(" ")).collect()
}

fn column_role(
    heading: &str,
    title_period: Option<Period>,
    title_kind: Option<AllocationKind>,
) -> ColumnRole {
    let k = key(heading);
    let skipped = |reason| ColumnRole::Skipped { reason };
    if k.is_empty() {
        return skipped(SkipReason::Unrecognised);
    }
    if k == "stt" || k == "tt" || k.starts_with("so tt") || k.starts_with("stt ") {
        return ColumnRole::Number;
    }
    if k.starts_with("ghi chu") {
        return ColumnRole::Note;
    }
    if k.contains("ty le") || k.contains('%') {
        return skipped(SkipReason::Ratio);
    }
    let kind = kind_in(&k);
    let years = years_in(&k);
    if kind.is_none() && years.is_empty() {
        return if NAME_HEADINGS.iter().any(|h| k.starts_with(h)) {
            ColumnRole::Name
        } else {
            skipped(SkipReason::Unrecognised)
        };
    }
    let Some(kind) = kind.or(title_kind) else {
        return skipped(SkipReason::NoKind);
    };
    match period_in(&k, Some(kind)).or(title_period) {
        Some(p) => ColumnRole::Figure {
            from_year: p.from_year(),
            to_year: p.to_year(),
            kind,
        },
        None => skipped(SkipReason::NoPeriod),
    }
}

/// A "Tổng" column whose period covers other columns of the same kind is their sum.
fn skip_total_columns(columns: &mut [Column]) {
    let figures: Vec<(usize, Period, AllocationKind)> = columns
        .iter()
        .filter_map(|c| match c.role {
            ColumnRole::Figure { kind, .. } => Some((c.index, c.period()?, kind)),
            _ => None,
        })
        .collect();
    for c in columns.iter_mut() {
        let ColumnRole::Figure { kind, .. } = c.role else {
            continue;
        };
        let Some(p) = c.period() else { continue };
        let named_total = key(&c.heading).contains("tong");
        let covers_others = figures.iter().any(|(i, q, k)| {
            *i != c.index
                && *k == kind
                && q != &p
                && q.from_year() >= p.from_year()
                && q.to_year() <= p.to_year()
        });
        if named_total && covers_others {
            c.role = ColumnRole::Skipped {
                reason: SkipReason::Total,
            };
        }
    }
}

/// Several columns of one year and kind (a total and its funding sources — "Tổng số", "NSTW",
/// "NSĐP"): the total is imported and its parts are not; without a total, none is until the
/// user chooses.
fn skip_same_columns(columns: &mut [Column]) {
    let mut groups: std::collections::HashMap<(Period, AllocationKind), Vec<usize>> =
        Default::default();
    for (i, c) in columns.iter().enumerate() {
        if let (ColumnRole::Figure { kind, .. }, Some(p)) = (&c.role, c.period()) {
            groups.entry((p, *kind)).or_default().push(i);
        }
    }
    for list in groups.values().filter(|l| l.len() > 1) {
        let totals: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&i| key(&columns[i].heading).contains("tong"))
            .collect();
        for &i in list {
            let reason = match totals.as_slice() {
                [total] if *total == i => continue,
                [_] => SkipReason::PartOfTotal,
                _ => SkipReason::SameAsOther,
            };
            columns[i].role = ColumnRole::Skipped { reason };
        }
    }
}

/// The rows of `layout`'s table read again with `columns` (the user's or a template's choice of
/// the name and figure columns).
pub fn rows_with(layout: &Layout, columns: &[Column]) -> Vec<Row> {
    classify_rows(&layout.sheet, layout.header, columns)
}

fn classify_rows(sheet: &Sheet, (_, bottom): (usize, usize), columns: &[Column]) -> Vec<Row> {
    let find = |role: &ColumnRole| columns.iter().find(|c| &c.role == role).map(|c| c.index);
    let name_col = find(&ColumnRole::Name).unwrap_or(0);
    let number_col = find(&ColumnRole::Number);
    let figure_cols: Vec<usize> = columns
        .iter()
        .filter(|c| matches!(c.role, ColumnRole::Figure { .. }))
        .map(|c| c.index)
        .collect();
    let mut rows = Vec::new();
    let mut footer = false;
    let mut group_level = None;
    for index in bottom + 1..sheet.rows.len() {
        let row = &sheet.rows[index];
        let kind = if footer {
            RowKind::Footer
        } else if row.iter().all(Cell::is_empty) {
            RowKind::Blank
        } else {
            let name = sheet.cell(index, name_col).shown().trim().to_string();
            let number = number_col
                .map(|c| sheet.cell(index, c).shown().trim().to_string())
                .unwrap_or_default();
            let first_text = row
                .iter()
                .filter_map(Cell::text)
                .map(str::trim)
                .find(|t| !t.is_empty())
                .unwrap_or("");
            let k = key(if name.is_empty() { first_text } else { &name });
            let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_empty()).collect();
            let has_figures = figure_cols
                .iter()
                .any(|&c| !sheet.cell(index, c).is_empty());
            if FOOTER_STARTS.iter().any(|w| key(first_text).starts_with(w))
                || key(first_text).starts_with("ngay ") && key(first_text).contains(" thang ")
                || first_text.starts_with('*')
            {
                footer = true;
                RowKind::Footer
            } else if filled.len() >= 2 && filled.iter().all(|c| numbering_token(c)) {
                RowKind::Numbering
            } else if k.starts_with("tong cong")
                || k.starts_with("tong so")
                || k.starts_with("tong toan")
                || k.starts_with("toan huyen")
                || k.starts_with("toan tinh")
                || k.starts_with("toan xa")
                || k == "tong"
                || k == "cong"
                || k.starts_with("cong:")
                || (k.starts_with("cong ")
                    && is_roman(k[5..].trim_end_matches([':', '.']).to_uppercase().as_str()))
            {
                RowKind::Total
            } else if is_roman(&number)
                || k.starts_with("cap huyen")
                || k.starts_with("cap xa")
                || k.starts_with("khoi ")
                || (number.is_empty() && is_roman(name.split(['.', ' ']).next().unwrap_or("")))
            {
                group_level = if k.contains("huyen") {
                    Some(crate::model::AreaLevel::District)
                } else if k.contains("xa") || k.contains("phuong") || k.contains("thi tran") {
                    Some(crate::model::AreaLevel::Commune)
                } else {
                    group_level
                };
                RowKind::Group(name.clone())
            } else if name.is_empty() {
                if has_figures {
                    RowKind::Nameless
                } else {
                    RowKind::Blank
                }
            } else {
                // A name that says its unit's type is that unit, whatever group it is in.
                let (kind, unit_name) = split_area_name(&name);
                let marked = crate::model::text::search_key(&name, false);
                let office = kind.is_none()
                    && (group_level == Some(crate::model::AreaLevel::District)
                        || OFFICE_STARTS.iter().any(|w| marked.starts_with(w)));
                if office {
                    RowKind::Office(name.clone())
                } else {
                    RowKind::Area {
                        kind,
                        name: unit_name,
                    }
                }
            }
        };
        rows.push(Row {
            index,
            kind,
            group_level,
        });
    }
    rows
}

/// A figure column with nothing in any unit's row has nothing to import.
fn skip_empty_columns(sheet: &Sheet, rows: &[Row], columns: &mut [Column]) {
    for c in columns.iter_mut() {
        if !matches!(c.role, ColumnRole::Figure { .. }) {
            continue;
        }
        let any = rows
            .iter()
            .filter(|r| matches!(r.kind, RowKind::Area { .. } | RowKind::Office(_)))
            .any(|r| !sheet.cell(r.index, c.index).is_empty());
        if !any {
            c.role = ColumnRole::Skipped {
                reason: SkipReason::Empty,
            };
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_periods_and_kinds() {
        let role = |h: &str| column_role(h, None, None);
        assert_eq!(
            role("Năm 2022 Kế hoạch vốn"),
            ColumnRole::Figure {
                from_year: 2022,
                to_year: 2022,
                kind: AllocationKind::Allocated
            }
        );
        assert_eq!(
            role("Năm 2022 - 2023 Giải ngân"),
            ColumnRole::Figure {
                from_year: 2022,
                to_year: 2023,
                kind: AllocationKind::Disbursed
            }
        );
        assert_eq!(
            role("Vốn năm 2022 chuyển sang năm 2023"),
            ColumnRole::Figure {
                from_year: 2023,
                to_year: 2023,
                kind: AllocationKind::CarriedOver
            }
        );
        assert_eq!(
            role("Vốn năm 2022 chuyển sang"),
            ColumnRole::Figure {
                from_year: 2023,
                to_year: 2023,
                kind: AllocationKind::CarriedOver
            }
        );
        assert_eq!(
            role("Dự toán giao 2024").period_kind(),
            Some((2024, AllocationKind::Allocated))
        );
        assert_eq!(
            role("Thực hiện 2024").period_kind(),
            Some((2024, AllocationKind::Disbursed))
        );
        assert_eq!(
            role("Tỷ lệ giải ngân (%)"),
            ColumnRole::Skipped {
                reason: SkipReason::Ratio
            }
        );
        assert_eq!(
            role("Năm 2023"),
            ColumnRole::Skipped {
                reason: SkipReason::NoKind
            }
        );
        assert_eq!(
            role("Giải ngân"),
            ColumnRole::Skipped {
                reason: SkipReason::NoPeriod
            }
        );
        assert_eq!(role("STT"), ColumnRole::Number);
        assert_eq!(role("Tên đơn vị"), ColumnRole::Name);
        assert_eq!(role("Ghi chú"), ColumnRole::Note);
        // A title above the table gives what a heading leaves out.
        assert_eq!(
            column_role("Giải ngân", Period::year(2023).ok(), None).period_kind(),
            Some((2023, AllocationKind::Disbursed))
        );
    }

    impl ColumnRole {
        fn period_kind(&self) -> Option<(i32, AllocationKind)> {
            match self {
                ColumnRole::Figure {
                    from_year, kind, ..
                } => Some((*from_year, *kind)),
                _ => None,
            }
        }
    }

    #[test]
    fn area_names_lose_stray_spaces_and_say_their_type() {
        assert_eq!(
            split_area_name("  xã  Minh Sơn "),
            (Some(AreaKind::Xa), "Minh Sơn".into())
        );
        assert_eq!(
            split_area_name("Thị trấn Hữu Lũng"),
            (Some(AreaKind::ThiTran), "Hữu Lũng".into())
        );
        assert_eq!(
            split_area_name("PHƯỜNG ĐÔNG KINH"),
            (Some(AreaKind::Phuong), "Đông Kinh".into())
        );
        assert_eq!(
            split_area_name("Huyện Chi Lăng"),
            (Some(AreaKind::Huyen), "Chi Lăng".into())
        );
        assert_eq!(
            split_area_name("TT. Đồng Mỏ"),
            (Some(AreaKind::ThiTran), "Đồng Mỏ".into())
        );
        assert_eq!(split_area_name("Yên Thịnh"), (None, "Yên Thịnh".into()));
    }

    #[test]
    fn cells_become_amounts_zeros_unknowns_or_errors() {
        let t = |s: &str| Cell::Text(s.into());
        let tr = MoneyUnit::Trieu;
        assert_eq!(
            value_of(&t("1.234,5"), tr),
            Value::Amount(Dong::new(1_234_500_000).unwrap())
        );
        assert_eq!(
            value_of(&t("14,5"), tr),
            Value::Amount(Dong::new(14_500_000).unwrap())
        );
        assert_eq!(
            value_of(&Cell::Number(468.0), tr),
            Value::Amount(Dong::from_trieu(468).unwrap())
        );
        assert_eq!(
            value_of(&Cell::Number(0.1), MoneyUnit::Trieu),
            Value::Amount(Dong::new(100_000).unwrap())
        );
        assert_eq!(value_of(&t("-"), tr), Value::Zero);
        assert_eq!(value_of(&Cell::Number(0.0), tr), Value::Zero);
        assert_eq!(value_of(&Cell::Empty, tr), Value::Blank);
        assert_eq!(value_of(&t("   "), tr), Value::Blank);
        assert_eq!(value_of(&t("x"), tr), Value::Unknown("x".into()));
        assert_eq!(
            value_of(&t("chưa xác định số liệu"), tr),
            Value::Unknown("chưa xác định số liệu".into())
        );
        assert!(matches!(value_of(&t("12a"), tr), Value::Error(..)));
        assert!(matches!(
            value_of(&Cell::Number(-5.0), tr),
            Value::Error(..)
        ));
        assert!(matches!(
            value_of(&Cell::Other("#REF!".into()), tr),
            Value::Error(..)
        ));
    }

    #[test]
    fn units_are_found_in_their_usual_words() {
        assert_eq!(unit_in(&key("ĐVT: triệu đồng")), Some(MoneyUnit::Trieu));
        assert_eq!(
            unit_in(&key("Đơn vị tính: nghìn đồng")),
            Some(MoneyUnit::Nghin)
        );
        assert_eq!(unit_in(&key("(Đơn vị: đồng)")), Some(MoneyUnit::Dong));
        assert_eq!(unit_in(&key("ĐVT: Tr.đ")), Some(MoneyUnit::Trieu));
        assert_eq!(unit_in(&key("Báo cáo năm 2023")), None);
    }

    #[test]
    fn offices_are_told_from_units_by_their_first_words() {
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: "S".into(),
            rows: vec![
                vec![t("ĐVT: triệu đồng")],
                vec![t("STT"), t("Đơn vị"), t("Kế hoạch vốn 2024")],
                vec![t("1"), t("Xã Số 1"), Cell::Number(1.0)],
                vec![t("2"), t("Phòng Dân tộc"), Cell::Number(1.0)],
                vec![t("3"), t("Sở Tài chính"), Cell::Number(1.0)],
                vec![t("4"), t("Hội Nông dân huyện"), Cell::Number(1.0)],
                vec![t("5"), t("Bản Sáng"), Cell::Number(1.0)],
            ],
        };
        let layout = detect(&sheet).unwrap();
        let kinds: Vec<&RowKind> = layout.rows.iter().map(|r| &r.kind).collect();
        assert_eq!(
            kinds,
            vec![
                &RowKind::Area {
                    kind: Some(AreaKind::Xa),
                    name: "Số 1".into()
                },
                &RowKind::Office("Phòng Dân tộc".into()),
                &RowKind::Office("Sở Tài chính".into()),
                &RowKind::Office("Hội Nông dân huyện".into()),
                &RowKind::Area {
                    kind: None,
                    name: "Bản Sáng".into()
                },
            ]
        );
    }
}
