//! `giamsat summary`: the allocations summed by area × project × kind × period, as a table to
//! read, csv or json.

use super::csv_field;
use crate::analysis::{self, SummaryRow};
use crate::model::number::{NumberStyle, format_money};
use crate::model::{AmountSum, Dossier, MoneyUnit};

const UNKNOWN_VI: &str = "chưa có số liệu";

/// An amount sum in words and figures: "1.911", "chưa có số liệu", or
/// "468 + khoản chưa có số liệu" when only part is known.
pub fn format_sum_vi(sum: &AmountSum, unit: MoneyUnit) -> String {
    let known = format_money(sum.known, unit, NumberStyle::Vi);
    if sum.is_wholly_unknown() {
        UNKNOWN_VI.to_string()
    } else if sum.is_partly_unknown() {
        format!("{known} + khoản {UNKNOWN_VI}")
    } else {
        known
    }
}

fn pad(s: &str, width: usize, right: bool) -> String {
    let n = s.chars().count();
    let fill = " ".repeat(width.saturating_sub(n));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

pub(super) fn summary_table(
    d: &Dossier,
    rows: &[SummaryRow],
    unit: MoneyUnit,
) -> Result<String, String> {
    let groups: Vec<_> = rows.iter().map(|r| r.group.clone()).collect();
    let totals = analysis::totals_by_kind(&groups).map_err(|e| e.to_string())?;
    let header = ["Địa bàn", "Dự án", "Loại vốn", "Kỳ", "Số tiền"];
    let mut body: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            let area = match r.area_kind {
                Some(k) => format!("{} {}", k.label_vi(), r.area),
                None => r.area.clone(),
            };
            [
                area,
                r.project.clone(),
                r.group.kind.label_vi().to_string(),
                r.group.period.to_string(),
                format_sum_vi(&r.group.sum, unit),
            ]
        })
        .collect();
    let total_rows: Vec<[String; 5]> = totals
        .iter()
        .map(|t| {
            [
                "Tổng cộng".to_string(),
                String::new(),
                t.kind.label_vi().to_string(),
                String::new(),
                match &t.sum {
                    Some(sum) => format_sum_vi(sum, unit),
                    None => analysis::NOT_ADDED_VI.to_string(),
                },
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in body.iter().chain(total_rows.iter()) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; 5]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(&pad(c, widths[i], i == 4));
        }
        s.trim_end().to_string() + "\n"
    };
    let mut s = format!(
        "Tổng hợp vốn: {}\nĐVT: {}\n\n",
        d.info.name,
        unit.label_vi()
    );
    s.push_str(&line(&header.map(String::from)));
    let rule: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    s.push_str(&"-".repeat(rule));
    s.push('\n');
    if body.is_empty() {
        s.push_str("(chưa có số liệu vốn nào)\n");
    }
    for row in body.drain(..) {
        s.push_str(&line(&row));
    }
    if !total_rows.is_empty() {
        s.push_str(&"-".repeat(rule));
        s.push('\n');
        for row in &total_rows {
            s.push_str(&line(row));
        }
    }
    let overlaps: Vec<_> = totals.iter().flat_map(|t| &t.overlaps).collect();
    if !overlaps.is_empty() {
        s.push_str(
            "
Cảnh báo số liệu:
",
        );
        for o in overlaps {
            s.push_str(&format!(
                "  - {}
",
                analysis::overlap_warning(d, o, crate::i18n::Lang::Vi)
            ));
        }
    }
    Ok(s)
}

/// The exact csv header of `giamsat summary --format csv`.
pub const SUMMARY_CSV_HEADER: &str = "area,area_type,project,kind,from_year,to_year,amount_dong";

pub(super) fn summary_csv(rows: &[SummaryRow]) -> String {
    let mut s = String::from(SUMMARY_CSV_HEADER);
    s.push('\n');
    for r in rows {
        let g = &r.group;
        // A sum with any unknown part is not a known total: the amount is left empty.
        let amount = g
            .sum
            .total()
            .map(|d| d.get().to_string())
            .unwrap_or_default();
        s.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            csv_field(&r.area),
            r.area_kind.map_or("", |k| k.code()),
            csv_field(&r.project),
            g.kind.code(),
            g.period.from_year(),
            g.period.to_year(),
            amount
        ));
    }
    s
}

pub(super) fn summary_json(rows: &[SummaryRow]) -> String {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let g = &r.group;
            serde_json::json!({
                "area": r.area,
                "area_id": g.area_id.0,
                "area_type": r.area_kind.map(|k| k.code()),
                "project": r.project,
                "project_id": g.project_id.0,
                "kind": g.kind.code(),
                "from_year": g.period.from_year(),
                "to_year": g.period.to_year(),
                "amount_dong": g.sum.total().map(|d| d.get()),
                "known_dong": g.sum.known.get(),
                "unknown_count": g.sum.unknown_count,
                "allocation_ids": g.allocation_ids.iter().map(|a| a.0).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_default();
    s.push('\n');
    s
}
