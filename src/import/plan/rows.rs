//! Planning an import: each row matched to an area (or a new one), each cell turned into a
//! figure or an error, the report's own total checked against its rows.

use super::changes::{beside, changes};
use super::place::{CellError, Place, Said, column_name};
use super::{
    Figure, Options, Plan, RowOutcome, RowPlan, Target, TotalCheck, heading_without_years,
};
use crate::import::layout::{self, ColumnRole, Layout, RowKind, Value, key};
use crate::model::*;
use std::collections::HashMap;

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
    // The rows' amounts since the last total, per column, added up (by the counting module)
    // at the total.
    let mut running: HashMap<usize, Vec<Amount>> = HashMap::new();
    // A total written above its rows ("Tổng số" right under the header), checked at the end
    // against every row after it.
    let mut leading: Option<Vec<(usize, Place, Option<Dong>)>> = None;
    let mut after_leading: HashMap<usize, Vec<Amount>> = HashMap::new();
    let mut seen_data_row = false;
    // The rows' sum when every row is known (and it can be held).
    let sum_of = |amounts: Option<Vec<Amount>>| {
        crate::analysis::count::sum_amounts(amounts.unwrap_or_default())
            .ok()
            .and_then(|s| {
                if s.is_empty() {
                    Some(Dong::ZERO)
                } else {
                    s.total()
                }
            })
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
                        let sum = sum_of(running.remove(&col));
                        if let Some(value) = reported(col) {
                            plan.totals.push(TotalCheck {
                                place: place(r, Some(col)),
                                reported: Some(value),
                                sum_of_rows: sum,
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
            running.entry(col).or_default().push(amount);
            if leading.is_some() {
                after_leading.entry(col).or_default().push(amount);
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
            plan.totals.push(TotalCheck {
                place: at,
                reported: Some(value),
                sum_of_rows: sum_of(after_leading.remove(&col)),
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
