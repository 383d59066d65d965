//! Bringing in where former units went, from a table the user keeps (CSV or Excel): one row
//! per "old unit → new unit", with columns in this order — old name, old type, new name, new
//! type, date, legal act. A first row that is not data (its date does not read as one) is a
//! heading. Units are found by name and type; a unit not yet in the project is created under
//! the province. Nothing is stored unless every row reads: a mistake is named by file, row and
//! column.

use super::grid::{Cell, Sheet};
use super::layout::{key, split_area_name};
use super::plan::column_name;
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// The columns, in order, as the user's table holds them.
pub const COLUMNS: [(&str, &str); 6] = [
    ("Tên đơn vị cũ", "Former unit's name"),
    ("Loại đơn vị cũ", "Former unit's type"),
    ("Tên đơn vị mới", "New unit's name"),
    ("Loại đơn vị mới", "New unit's type"),
    ("Ngày có hiệu lực", "Effective date"),
    ("Văn bản quy định", "Legal act"),
];

/// What an import would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuccessionImport {
    /// New areas first, then changed end years, then the lines: one undo step.
    pub edits: Vec<Edit>,
    pub new_areas: usize,
    pub new_lines: usize,
    /// Rows already recorded (the same pair), left as they are.
    pub already_known: usize,
}

/// A row that does not read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based, as the spreadsheet shows it.
    pub row: usize,
    /// "A" … "F".
    pub column: String,
    pub message: String,
    pub message_en: String,
}

impl RowProblem {
    pub fn message(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Vi => &self.message,
            crate::i18n::Lang::En => &self.message_en,
        }
    }

    /// "tệp X, dòng 3, cột B: …" in the user's language.
    pub fn located(&self, file: &str, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::Vi => format!(
                "{file}, dòng {}, cột {}: {}",
                self.row, self.column, self.message
            ),
            crate::i18n::Lang::En => format!(
                "{file}, row {}, column {}: {}",
                self.row, self.column, self.message_en
            ),
        }
    }
}

/// A unit's type written as a word: "huyện", "Xã", "thị trấn", "huyen", "district" …
pub fn kind_from_word(s: &str) -> Option<AreaKind> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(k) = AreaKind::from_code(&key(s).replace(' ', "_")) {
        return Some(k);
    }
    if let (Some(k), rest) = split_area_name(&format!("{s} x"))
        && rest == "X"
    {
        return Some(k);
    }
    let k = key(s);
    AreaKind::ALL
        .into_iter()
        .find(|kind| key(kind.label_en()) == k)
}

/// A date as a table holds it: "01/7/2025", "2025-07-01", or an Excel date (a day number).
pub fn date_from_cell(cell: &Cell) -> Option<NaiveDate> {
    let serial = |n: f64| -> Option<NaiveDate> {
        if !(1.0..=2_958_465.0).contains(&n) {
            return None;
        }
        NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n as u64))
    };
    match cell {
        Cell::Number(n) => serial(*n),
        Cell::Text(s) | Cell::Other(s) => {
            let s = s.trim();
            let head = s.split(['T', ' ']).next().unwrap_or(s);
            NaiveDate::parse_from_str(head, "%d/%m/%Y")
                .or_else(|_| NaiveDate::parse_from_str(head, "%d-%m-%Y"))
                .or_else(|_| NaiveDate::parse_from_str(head, "%d.%m.%Y"))
                .or_else(|_| NaiveDate::parse_from_str(head, "%Y-%m-%d"))
                .ok()
                .or_else(|| s.parse::<f64>().ok().and_then(serial))
        }
        Cell::Empty => None,
    }
}

struct Row {
    line: usize,
    old: (String, AreaKind),
    new: (String, AreaKind),
    date: NaiveDate,
    act: String,
}

fn read_rows(sheet: &Sheet) -> Result<Vec<Row>, Vec<RowProblem>> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, cells) in sheet.rows.iter().enumerate() {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let at = |c: usize| cells.get(c).cloned().unwrap_or(Cell::Empty);
        // Rows before the first line of data that read as neither (no date, no unit type)
        // are a title or the heading.
        if rows.is_empty()
            && problems.is_empty()
            && date_from_cell(&at(4)).is_none()
            && kind_from_word(&at(1).shown()).is_none()
            && kind_from_word(&at(3).shown()).is_none()
        {
            continue;
        }
        let mut bad = |col: usize, vi: String, en: String| {
            problems.push(RowProblem {
                row: i + 1,
                column: column_name(col),
                message: vi,
                message_en: en,
            })
        };
        let mut unit = |name_col: usize, kind_col: usize| -> Option<(String, AreaKind)> {
            let name = at(name_col).shown();
            let (prefix, name) = split_area_name(&name);
            if name.is_empty() {
                bad(
                    name_col,
                    "thiếu tên đơn vị".into(),
                    "the unit's name is missing".into(),
                );
                return None;
            }
            let word = at(kind_col).shown();
            match kind_from_word(&word).or(if word.trim().is_empty() { prefix } else { None }) {
                Some(k) => Some((name, k)),
                None if word.trim().is_empty() => {
                    bad(
                        kind_col,
                        "thiếu loại đơn vị (huyện, xã, phường, thị trấn …)".into(),
                        "the unit's type is missing (district, commune, ward …)".into(),
                    );
                    None
                }
                None => {
                    bad(
                        kind_col,
                        format!(
                            "không rõ loại đơn vị “{}” — ghi huyện, thị xã, thành phố, xã, phường, thị trấn, đặc khu hoặc tỉnh",
                            word.trim()
                        ),
                        format!(
                            "unknown unit type “{}” — write district, town, city, commune, ward, township, special zone or province",
                            word.trim()
                        ),
                    );
                    None
                }
            }
        };
        let old = unit(0, 1);
        let new = unit(2, 3);
        let date = date_from_cell(&at(4));
        let date = match date {
            Some(d) if (period::MIN_YEAR..=period::MAX_YEAR).contains(&d.year()) => Some(d),
            _ => {
                let shown = at(4).shown();
                problems.push(RowProblem {
                    row: i + 1,
                    column: column_name(4),
                    message: if shown.trim().is_empty() {
                        "thiếu ngày có hiệu lực (dd/mm/yyyy)".into()
                    } else {
                        format!("“{}” không phải ngày (dd/mm/yyyy)", shown.trim())
                    },
                    message_en: if shown.trim().is_empty() {
                        "the effective date is missing (dd/mm/yyyy)".into()
                    } else {
                        format!("“{}” is not a date (dd/mm/yyyy)", shown.trim())
                    },
                });
                None
            }
        };
        if let (Some(old), Some(new), Some(date)) = (old, new, date) {
            rows.push(Row {
                line: i + 1,
                old,
                new,
                date,
                act: crate::model::text::nfc(at(5).shown().trim()),
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Plans the import of `sheet` into `d`. `new_id` hands out ids (the session's, so ids are
/// never reused). Either every row reads and the edits are returned, or nothing is and every
/// problem is.
pub fn plan(
    d: &Dossier,
    sheet: &Sheet,
    mut new_id: impl FnMut(Table) -> i64,
) -> Result<SuccessionImport, Vec<RowProblem>> {
    let rows = read_rows(sheet)?;
    let mut out = SuccessionImport::default();
    let mut problems = Vec::new();
    if rows.is_empty() {
        return Err(vec![RowProblem {
            row: 1,
            column: "A".into(),
            message: "bảng không có dòng nào (cột: tên đơn vị cũ, loại, tên đơn vị mới, loại, ngày, văn bản)".into(),
            message_en: "the table has no rows (columns: former name, type, new name, type, date, act)".into(),
        }]);
    }
    let provinces: Vec<AreaId> = d
        .areas
        .iter()
        .filter(|a| a.level() == AreaLevel::Province)
        .map(|a| a.id)
        .collect();
    // Areas by (name, kind), including the ones this import creates: by the name as written
    // (case aside), and by the name without marks for a table typed without them. A name
    // written with marks is never matched to another name's marks ("Tân Thạnh" is not "Tân
    // Thành").
    let exact = |name: &str| crate::model::text::search_key(name, false);
    let has_marks = |name: &str| exact(name) != key(name);
    let mut known: HashMap<(String, AreaKind), Vec<AreaId>> = HashMap::new();
    let mut loose: HashMap<(String, AreaKind), Vec<AreaId>> = HashMap::new();
    for a in &d.areas {
        known
            .entry((exact(&a.name), a.kind))
            .or_default()
            .push(a.id);
        loose.entry((key(&a.name), a.kind)).or_default().push(a.id);
    }
    let mut created: HashMap<AreaId, Area> = HashMap::new();
    let mut ended: HashMap<AreaId, Area> = HashMap::new();
    let mut pairs: std::collections::HashSet<(AreaId, AreaId)> = d
        .successions
        .iter()
        .map(|x| (x.from_area_id, x.to_area_id))
        .collect();
    let mut lines = Vec::new();
    for row in &rows {
        let mut find = |(name, kind): &(String, AreaKind),
                        col: usize,
                        is_new: bool,
                        problems: &mut Vec<RowProblem>|
         -> Option<AreaId> {
            let found = match known.get(&(exact(name), *kind)) {
                Some(v) => Some(v),
                None if !has_marks(name) => loose.get(&(key(name), *kind)),
                None => None,
            };
            match found.map(Vec::as_slice) {
                Some([one]) => Some(*one),
                Some([_, _, ..]) => {
                    problems.push(RowProblem {
                        row: row.line,
                        column: column_name(col),
                        message: format!(
                            "dự án có nhiều địa bàn “{} {name}” — hãy đổi tên cho phân biệt trên màn hình Địa bàn rồi nhập lại",
                            kind.label_vi()
                        ),
                        message_en: format!(
                            "the project has several areas “{name} ({})” — rename them apart on the Areas screen, then import again",
                            kind.label_en()
                        ),
                    });
                    None
                }
                _ => {
                    let Some(province) =
                        provinces.first().copied().filter(|_| provinces.len() == 1)
                    else {
                        problems.push(RowProblem {
                            row: row.line,
                            column: column_name(col),
                            message: format!(
                                "chưa có địa bàn “{} {name}” và không rõ tỉnh nào để tạo nó trong đó — hãy thêm tỉnh trên màn hình Địa bàn",
                                kind.label_vi()
                            ),
                            message_en: format!(
                                "there is no area “{name} ({})” and no single province to create it in — add the province on the Areas screen",
                                kind.label_en()
                            ),
                        });
                        return None;
                    };
                    let id = AreaId(new_id(Table::Areas));
                    let year = row.date.year();
                    created.insert(
                        id,
                        Area {
                            id,
                            name: name.clone(),
                            kind: *kind,
                            parent_id: Some(province),
                            valid_from: is_new.then_some(year),
                            valid_to: (!is_new).then(|| last_year(row.date)),
                        },
                    );
                    known.insert((exact(name), *kind), vec![id]);
                    loose.entry((key(name), *kind)).or_default().push(id);
                    Some(id)
                }
            }
        };
        let from = find(&row.old, 0, false, &mut problems);
        let to = find(&row.new, 2, true, &mut problems);
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        if from == to {
            problems.push(RowProblem {
                row: row.line,
                column: "C".into(),
                message: "đơn vị mới trùng đơn vị cũ".into(),
                message_en: "the new unit is the former one".into(),
            });
            continue;
        }
        if !pairs.insert((from, to)) {
            out.already_known += 1;
            continue;
        }
        // A former unit already in the project gets the year it ended, if none was written.
        if let Some(a) = d.area(from)
            && a.valid_to.is_none()
            && !ended.contains_key(&from)
        {
            let mut after = a.clone();
            after.valid_to = Some(last_year(row.date));
            ended.insert(from, after);
        }
        lines.push((
            row.line,
            Succession {
                id: SuccessionId(new_id(Table::Successions)),
                from_area_id: from,
                to_area_id: to,
                date: row.date,
                act: row.act.clone(),
            },
        ));
    }
    // A line that leads back to its own former unit (A → B here, B → A before) would make
    // "today's unit" meaningless: named by its row.
    let all: Vec<Succession> = d
        .successions
        .iter()
        .chain(lines.iter().map(|(_, x)| x))
        .cloned()
        .collect();
    let map = SuccessionMap::new(&all);
    for (line, x) in &lines {
        if map.reaches(x.to_area_id, x.from_area_id) {
            problems.push(RowProblem {
                row: *line,
                column: "C".into(),
                message: "dòng này tạo vòng lặp: đơn vị mới lại là (hoặc dẫn về) đơn vị cũ của nó"
                    .into(),
                message_en:
                    "this line makes a loop: the new unit is (or leads back to) its former unit"
                        .into(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let lines: Vec<Succession> = lines.into_iter().map(|(_, x)| x).collect();
    let mut created: Vec<Area> = created.into_values().collect();
    created.sort_by_key(|a| a.id);
    out.new_areas = created.len();
    out.new_lines = lines.len();
    out.edits
        .extend(created.into_iter().map(|a| Edit::insert(Record::Area(a))));
    let mut ended: Vec<Area> = ended.into_values().collect();
    ended.sort_by_key(|a| a.id);
    for after in ended {
        if let Some(before) = d.area(after.id) {
            out.edits.push(Edit::update(
                Record::Area(before.clone()),
                Record::Area(after),
            ));
        }
    }
    out.edits.extend(
        lines
            .into_iter()
            .map(|x| Edit::insert(Record::Succession(x))),
    );
    Ok(out)
}

/// The last year a unit replaced on `date` existed: the year before when it ended on 1
/// January, else that year (units abolished on 01/7/2025 last reported for 2025).
fn last_year(date: NaiveDate) -> i32 {
    if date.ordinal() == 1 {
        date.year() - 1
    } else {
        date.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_types_read_in_the_ways_people_write_them() {
        assert_eq!(kind_from_word("huyện"), Some(AreaKind::Huyen));
        assert_eq!(kind_from_word("Xã"), Some(AreaKind::Xa));
        assert_eq!(kind_from_word(" thị trấn "), Some(AreaKind::ThiTran));
        assert_eq!(kind_from_word("THỊ XÃ"), Some(AreaKind::ThiXa));
        assert_eq!(kind_from_word("huyen"), Some(AreaKind::Huyen));
        assert_eq!(kind_from_word("thi_tran"), Some(AreaKind::ThiTran));
        assert_eq!(kind_from_word("ward"), Some(AreaKind::Phuong));
        assert_eq!(kind_from_word("làng"), None);
        assert_eq!(kind_from_word(""), None);
    }

    #[test]
    fn dates_read_as_typed_or_as_excel_day_numbers() {
        let want = NaiveDate::from_ymd_opt(2025, 7, 1);
        assert_eq!(date_from_cell(&Cell::Text("01/7/2025".into())), want);
        assert_eq!(date_from_cell(&Cell::Text("2025-07-01".into())), want);
        assert_eq!(date_from_cell(&Cell::Number(45839.0)), want);
        assert_eq!(date_from_cell(&Cell::Other("45839".into())), want);
        assert_eq!(date_from_cell(&Cell::Text("1/7".into())), None);
        assert_eq!(date_from_cell(&Cell::Empty), None);
    }
}
