//! The project's tables as an Excel workbook, for whoever asks for a spreadsheet: real number
//! cells (Excel shows them with the reader's own separators — 1.234,5 on a Vietnamese Windows),
//! unknown amounts as empty cells with a note saying so, a frozen and filtered header row, one
//! sheet per table. And a blank report form for the districts, which GiamSat imports as it is
//! once filled in. Knows nothing of egui.

use crate::analysis::{self, AllocationFilter};
use crate::model::*;
use rust_xlsxwriter::{DataValidation, Format, Note, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("không tạo được bảng tính: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("{0}")]
    Data(String),
}

const UNKNOWN_NOTE: &str = "Chưa có số liệu: nguồn không nêu số tiền.";
const WITHHELD_NOTE: &str =
    "Không cộng được theo quy tắc tính tổng: xem Ghi chú và giamsat check (giamsat explain).";

/// The number format of money in `unit`: grouped thousands, and the decimals the unit needs.
fn money_format(unit: MoneyUnit) -> Format {
    let code = match unit.exact_decimals() {
        0 => "#,##0".to_string(),
        n => format!("#,##0.{}", "#".repeat(n as usize)),
    };
    Format::new().set_num_format(code)
}

fn header_format() -> Format {
    Format::new().set_bold().set_text_wrap()
}

/// Writes a header row, freezes it and puts filters on it.
fn header(ws: &mut Worksheet, titles: &[(&str, f64)], last_row: u32) -> Result<(), XlsxError> {
    let bold = header_format();
    for (c, (title, width)) in titles.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *title, &bold)?;
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row.max(1), titles.len() as u16 - 1)?;
    Ok(())
}

/// Money in `unit` as a number cell, or an empty cell with a note when unknown.
fn write_amount(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    amount: Amount,
    unit: MoneyUnit,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match amount {
        Amount::Known(d) => {
            // Exact for every amount below 2^53 đồng (9 triệu tỷ).
            let value = d.get() as f64 / unit.dong_per_unit() as f64;
            ws.write_number_with_format(row, col, value, fmt)?;
        }
        Amount::Unknown => {
            ws.insert_note(row, col, &Note::new(UNKNOWN_NOTE).set_author("GiamSat"))?;
        }
    }
    Ok(())
}

/// An area's name and kind, looked up in a table made once (a province has thousands).
fn area_name(areas: &HashMap<AreaId, &Area>, id: AreaId) -> (String, String) {
    areas.get(&id).map_or_else(
        || (id.to_string(), String::new()),
        |a| (a.name.clone(), a.kind.label_vi().to_string()),
    )
}

/// "huyện Hữu Lũng", and the project when it is not the row's own: what a row is a part of.
fn whole_name(
    areas: &HashMap<AreaId, &Area>,
    d: &Dossier,
    (area, project): (AreaId, ProjectId),
    row_project: ProjectId,
) -> String {
    let mut s = areas
        .get(&area)
        .map_or_else(|| area.to_string(), |a| a.full_name_vi());
    if project != row_project
        && let Some(p) = d.project(project)
    {
        s.push_str(", ");
        s.push_str(&p.short_label_vi());
    }
    s
}

/// The whole project's tables: figures, their summary, indicators and recommendations.
pub fn export(d: &Dossier, unit: MoneyUnit) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let money = money_format(unit);
    let unit_label = unit.label_vi();

    // Figures, one per row.
    let ws = wb.add_worksheet();
    ws.set_name("Số liệu vốn")?;
    let amount_title = format!("Số tiền ({unit_label})");
    header(
        ws,
        &[
            ("Địa bàn", 24.0),
            ("Loại địa bàn", 12.0),
            ("Dự án", 12.0),
            ("Loại vốn", 24.0),
            ("Từ năm", 8.0),
            ("Đến năm", 8.0),
            (&amount_title, 16.0),
            ("Ghi chú", 40.0),
            ("Nguồn", 40.0),
            ("Đợt giám sát", 18.0),
            ("Tính vào tổng hợp", 30.0),
            ("Phạm vi", 18.0),
        ],
        d.allocations.len() as u32,
    )?;
    let areas: HashMap<AreaId, &Area> = d.areas.iter().map(|a| (a.id, a)).collect();
    let rounds = analysis::round_labels(d, crate::i18n::Lang::Vi);
    // A figure a later round gave again, or one inside a total that is counted (a commune's
    // within its district's), stays listed; adding the column up would count it twice, so
    // each row says whether the totals count it — as the counting module decided.
    let summary = analysis::summary(d, &AllocationFilter::default())
        .map_err(|e| ExportError::Data(e.to_string()))?;
    let roles = analysis::count::roles_of(&summary.counter)
        .map_err(|e| ExportError::Data(e.to_string()))?;
    for (i, a) in d.allocations.iter().enumerate() {
        let r = i as u32 + 1;
        let (name, kind) = area_name(&areas, a.area_id);
        ws.write_string(r, 0, name)?;
        ws.write_string(r, 1, kind)?;
        let project = d
            .project(a.project_id)
            .map_or_else(|| a.project_id.to_string(), Project::short_label_vi);
        ws.write_string(r, 2, project)?;
        ws.write_string(r, 3, a.kind.label_vi())?;
        ws.write_number(r, 4, f64::from(a.period.from_year()))?;
        ws.write_number(r, 5, f64::from(a.period.to_year()))?;
        write_amount(ws, r, 6, a.amount_dong, unit, &money)?;
        ws.write_string(r, 7, &a.note)?;
        ws.write_string(r, 8, &a.source_doc)?;
        if let Some(round) = a.round_id.and_then(|id| rounds.get(&id)) {
            ws.write_string(r, 9, round)?;
        }
        ws.write_string(
            r,
            10,
            if roles.replaced.contains(&a.id) {
                "không: đợt sau đã báo cáo lại"
            } else if roles.parts.contains(&a.id) {
                "không cộng thêm: đã nằm trong một tổng được tính"
            } else {
                "có"
            },
        )?;
        ws.write_string(
            r,
            11,
            crate::i18n::labels::covers_label(a.covers, crate::i18n::Lang::Vi),
        )?;
    }

    // Each area's total per project, kind and period, and each kind's total, as `giamsat
    // summary` gives them: a row inside another row's total says so, and the totals are the
    // counting module's — a column added up in Excel would count a district and its communes
    // twice.
    let rows = &summary.rows;
    let ws = wb.add_worksheet();
    ws.set_name("Tổng hợp")?;
    header(
        ws,
        &[
            ("Địa bàn", 24.0),
            ("Loại địa bàn", 12.0),
            ("Dự án", 12.0),
            ("Loại vốn", 24.0),
            ("Kỳ", 12.0),
            (&amount_title, 16.0),
            ("Số bản ghi", 10.0),
            ("Ghi chú", 40.0),
        ],
        (rows.len() + summary.totals.len()) as u32,
    )?;
    // A total the counting rules withhold is left empty with why; one with an unknown part
    // is left empty as not reported.
    let total = |ws: &mut Worksheet, r: u32, t: &Option<AmountSum>| match t {
        None => ws
            .insert_note(r, 5, &Note::new(WITHHELD_NOTE).set_author("GiamSat"))
            .map(|_| ()),
        Some(sum) => write_amount(
            ws,
            r,
            5,
            sum.total().map_or(Amount::Unknown, Amount::Known),
            unit,
            &money,
        ),
    };
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &*row.area)?;
        ws.write_string(r, 1, row.area_kind.map_or("", AreaKind::label_vi))?;
        ws.write_string(r, 2, &*row.project)?;
        ws.write_string(r, 3, row.key.kind.label_vi())?;
        ws.write_string(r, 4, row.key.period.to_string())?;
        total(ws, r, &row.tally.total)?;
        ws.write_number(r, 6, row.tally.counted() as f64)?;
        let note = match (row.part_of, row.tally.total.is_none()) {
            (Some(whole), _) => format!(
                "phần của {} — không cộng thêm",
                whole_name(&areas, d, whole, row.key.project)
            ),
            (None, true) => "không cộng được (xem giamsat check)".to_string(),
            (None, false) => String::new(),
        };
        ws.write_string(r, 7, note)?;
    }
    let bold = Format::new().set_bold();
    for (i, t) in summary.totals.iter().enumerate() {
        let r = (rows.len() + i) as u32 + 1;
        ws.write_string_with_format(r, 0, "Tổng cộng", &bold)?;
        ws.write_string(r, 3, t.kind.label_vi())?;
        total(ws, r, &t.tally.total)?;
        ws.write_number(r, 6, t.tally.counted() as f64)?;
        if t.tally.total.is_none() {
            ws.write_string(r, 7, "không cộng được (xem giamsat check)")?;
        }
    }

    // Indicators.
    let ws = wb.add_worksheet();
    ws.set_name("Chỉ tiêu")?;
    header(
        ws,
        &[
            ("Chỉ tiêu", 40.0),
            ("Đơn vị tính", 12.0),
            ("Địa bàn", 24.0),
            ("Kỳ", 12.0),
            ("Giá trị", 14.0),
            ("Ghi chú", 40.0),
            ("Nguồn", 40.0),
        ],
        d.indicator_values.len() as u32,
    )?;
    for (i, v) in d.indicator_values.iter().enumerate() {
        let r = i as u32 + 1;
        let ind = d.indicator(v.indicator_id);
        ws.write_string(r, 0, ind.map_or("", |x| x.name.as_str()))?;
        ws.write_string(r, 1, ind.map_or("", |x| x.unit.as_str()))?;
        ws.write_string(r, 2, area_name(&areas, v.area_id).0)?;
        ws.write_string(r, 3, v.period.to_string())?;
        match v.value {
            Measure::Number(q) => {
                ws.write_number_with_format(
                    r,
                    4,
                    q.milli() as f64 / 1000.0,
                    &Format::new().set_num_format("#,##0.###"),
                )?;
            }
            Measure::Month(m) => {
                ws.write_string(r, 4, m.format_vi())?;
            }
            Measure::Unknown => {
                ws.insert_note(r, 4, &Note::new(UNKNOWN_NOTE).set_author("GiamSat"))?;
            }
        }
        ws.write_string(r, 5, &v.note)?;
        ws.write_string(r, 6, &v.source_doc)?;
    }

    // Recommendations and their follow-up.
    let ws = wb.add_worksheet();
    ws.set_name("Kiến nghị")?;
    header(
        ws,
        &[
            ("STT", 6.0),
            ("Kiến nghị", 60.0),
            ("Gửi đến", 30.0),
            ("Hạn", 12.0),
            ("Tình trạng", 16.0),
            ("Phản hồi gần nhất", 50.0),
        ],
        d.recommendations.len() as u32,
    )?;
    let wrap = Format::new().set_text_wrap();
    for (i, rec) in d.recommendations.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string_with_format(r, 1, &rec.text, &wrap)?;
        ws.write_string_with_format(r, 2, rec.addressees.join("; "), &wrap)?;
        if let Some(deadline) = rec.deadline {
            ws.write_string(r, 3, deadline.format("%d/%m/%Y").to_string())?;
        }
        ws.write_string(r, 4, rec.status.label_vi())?;
        if let Some(resp) = rec.last_response() {
            ws.write_string_with_format(
                r,
                5,
                format!("{}: {}", resp.date.format("%d/%m/%Y"), resp.text),
                &wrap,
            )?;
        }
    }
    Ok(wb.save_to_buffer()?)
}

/// A blank report form for the units under `parent`: their names down the side, a column for
/// each kind of money in `year` (the kind in the header is a drop-down list), rows for units
/// not listed (names from a drop-down list of the parent's units), the unit line, a total and a
/// signature line. Filled in and sent back, it imports with no question asked.
pub fn report_form(
    d: &Dossier,
    parent: AreaId,
    project: ProjectId,
    year: i32,
    unit: MoneyUnit,
) -> Result<Vec<u8>, ExportError> {
    let parent_area = d
        .area(parent)
        .ok_or_else(|| ExportError::Data(format!("không có địa bàn mã {parent}")))?;
    let project = d
        .project(project)
        .ok_or_else(|| ExportError::Data(format!("không có dự án mã {project}")))?;
    let children: Vec<&Area> = d
        .areas
        .iter()
        .filter(|a| a.parent_id == Some(parent))
        .collect();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Biểu số liệu")?;
    let bold = header_format();
    let title = Format::new().set_bold();
    ws.write_string_with_format(0, 0, parent_area.full_name_vi().to_uppercase(), &title)?;
    ws.write_string_with_format(
        2,
        0,
        format!(
            "BIỂU SỐ LIỆU KINH PHÍ {} NĂM {year}",
            project.short_label_vi().to_uppercase()
        ),
        &title,
    )?;
    ws.write_string(3, 0, format!("ĐVT: {}", unit.label_vi()))?;
    let kinds = [
        format!("Năm {year}"),
        format!("Năm {year}"),
        format!("Vốn năm {} chuyển sang năm {year}", year - 1),
    ];
    let (top, below) = (5u32, 6u32);
    ws.write_string_with_format(top, 0, "STT", &bold)?;
    ws.write_string_with_format(top, 1, "Đơn vị", &bold)?;
    for (i, k) in kinds.iter().enumerate() {
        ws.write_string_with_format(top, 2 + i as u16, k, &bold)?;
    }
    ws.write_string_with_format(top, 5, "Ghi chú", &bold)?;
    ws.write_string_with_format(below, 2, "Kế hoạch vốn", &bold)?;
    ws.write_string_with_format(below, 3, "Giải ngân", &bold)?;
    let kind_list = DataValidation::new().allow_list_strings(&[
        "Kế hoạch vốn",
        "Giải ngân",
        "Dự toán giao",
        "Thực hiện",
    ])?;
    ws.add_data_validation(below, 2, below, 3, &kind_list)?;
    ws.set_column_width(0, 6.0)?;
    ws.set_column_width(1, 36.0)?;
    for c in 2..=4 {
        ws.set_column_width(c, 16.0)?;
    }
    ws.set_column_width(5, 30.0)?;
    ws.set_freeze_panes(below + 1, 2)?;
    let money = money_format(unit);
    // The parent's own office first, then its units, then blank rows for units not listed.
    let mut r = below + 1;
    ws.write_number(r, 0, 1.0)?;
    ws.write_string(
        r,
        1,
        format!("Phòng chuyên môn của {}", parent_area.full_name_vi()),
    )?;
    r += 1;
    for (i, a) in children.iter().enumerate() {
        ws.write_number(r, 0, (i + 2) as f64)?;
        ws.write_string(r, 1, a.full_name_vi())?;
        for c in 2..=4 {
            ws.write_blank(r, c, &money)?;
        }
        r += 1;
    }
    let spare_first = r;
    let spare = 10;
    let mut names: Vec<String> = children.iter().map(|a| a.full_name_vi()).collect();
    names.truncate(200);
    if !names.is_empty() {
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let list = DataValidation::new().allow_list_strings(&refs);
        // Excel allows 255 characters for a list written into the validation itself.
        if let Ok(list) = list {
            ws.add_data_validation(spare_first, 1, spare_first + spare - 1, 1, &list)?;
        }
    }
    r += spare;
    ws.write_string_with_format(r, 1, "Tổng cộng", &bold)?;
    for c in 2..=4u16 {
        let col = crate::import::plan::column_name(c as usize);
        let formula = format!("=SUM({col}{}:{col}{})", below + 2, r);
        // The result is written with the formula: readers that do not calculate see 0, which
        // the importer reads as the total of an empty form.
        ws.write_formula_with_format(r, c, formula.as_str(), &money)?;
    }
    ws.write_string(r + 2, 1, "Người lập biểu")?;
    ws.write_string(r + 2, 4, "Thủ trưởng đơn vị")?;
    ws.write_string(r + 3, 4, "(Ký, ghi rõ họ tên, đóng dấu)")?;
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats_have_the_unit_s_decimals() {
        assert_eq!(
            money_format(MoneyUnit::Dong),
            Format::new().set_num_format("#,##0")
        );
        assert_eq!(
            money_format(MoneyUnit::Trieu),
            Format::new().set_num_format("#,##0.######")
        );
    }
}
