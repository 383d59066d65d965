//! What each row is: an area (its name split from its type), a group heading, the total, the
//! column numbering, an office, the signature block.

use super::{Column, ColumnRole, Layout, Row, RowKind, SkipReason, key};
use crate::import::grid::{Cell, Sheet};
use crate::model::AreaKind;

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

/// The areas of a dossier a typed name can mean — "huyện Hữu Lũng" those of that type only,
/// "Hữu Lũng" any type — and the name without its type, for the message when there is none or
/// more than one.
pub fn areas_named<'d>(
    d: &'d crate::model::Dossier,
    wanted: &str,
) -> (Vec<&'d crate::model::Area>, Option<AreaKind>, String) {
    let (kind, name) = split_area_name(wanted);
    let k = key(&name);
    let found = d
        .areas
        .iter()
        .filter(|a| key(&a.name) == k && kind.is_none_or(|kind| a.kind == kind))
        .collect();
    (found, kind, name)
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

fn is_roman(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['.', ')']);
    !t.is_empty() && t.len() <= 5 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

pub(super) fn looks_numeric(c: &Cell) -> bool {
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

pub(super) const NAME_HEADINGS: [&str; 9] = [
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

/// The rows of `layout`'s table read again with `columns` (the user's or a template's choice of
/// the name and figure columns).
pub fn rows_with(layout: &Layout, columns: &[Column]) -> Vec<Row> {
    classify_rows(&layout.sheet, layout.header, columns)
}

pub(super) fn classify_rows(
    sheet: &Sheet,
    (_, bottom): (usize, usize),
    columns: &[Column],
) -> Vec<Row> {
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
pub(super) fn skip_empty_columns(sheet: &Sheet, rows: &[Row], columns: &mut [Column]) {
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
