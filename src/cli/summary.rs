//! `giamsat summary`: each area's total by project, kind and period, counted by
//! `analysis::count` (a commune inside its district's total is marked, never added to it), as
//! a table to read — each kind's total with a line on what it is made of — csv or json.

use super::csv_field;
use crate::analysis::count::{self, Tally};
use crate::analysis::{Summary, SummaryRow};
use crate::i18n::Lang;
use crate::model::number::{NumberStyle, format_money};
use crate::model::{AmountSum, AreaId, Dossier, MoneyUnit, ProjectId};

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

/// A total as the table writes it: its sum, or that it is not added.
fn total_vi(t: &Tally, unit: MoneyUnit) -> String {
    match &t.total {
        Some(sum) => format_sum_vi(sum, unit),
        None => Lang::Vi.texts().withheld_short.to_string(),
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

/// "huyện Hữu Lũng" (and the project when it is another's than the row's).
fn whole_name(d: &Dossier, (area, project): (AreaId, ProjectId), row: &SummaryRow) -> String {
    let mut s = d
        .area(area)
        .map_or_else(|| area.to_string(), |a| a.full_name_vi());
    if project != row.key.project
        && let Some(p) = d.project(project)
    {
        s.push_str(", ");
        s.push_str(&p.short_label_vi());
    }
    s
}

/// What the table says beside a row: that it is a part of another row's total, or that its
/// own total stands beside parts that add up differently.
fn row_note(d: &Dossier, s: &Summary, r: &SummaryRow, unit: MoneyUnit) -> String {
    if let Some(whole) = r.part_of {
        return format!("phần của {}", whole_name(d, whole, r));
    }
    if r.tally.total.is_none() {
        return "xem cảnh báo".into();
    }
    match s.own_whole(r) {
        Some(w) => match (&w.parts, w.difference()) {
            (Some(parts), Some(diff)) if diff != 0 => format!(
                "các phần: {}, chênh lệch {}{}",
                format_sum_vi(parts, unit),
                if diff < 0 { "-" } else { "" },
                format_money(
                    crate::model::Dong::new(diff.abs()).unwrap_or_default(),
                    unit,
                    NumberStyle::Vi
                )
            ),
            (Some(parts), _) => format!("các phần: {}", format_sum_vi(parts, unit)),
            (None, _) => "các phần chồng lấn nhau".into(),
        },
        None => String::new(),
    }
}

pub(super) fn summary_table(d: &Dossier, s: &Summary, unit: MoneyUnit) -> String {
    let header = ["Địa bàn", "Dự án", "Loại vốn", "Kỳ", "Số tiền", "Ghi chú"];
    let mut body: Vec<[String; 6]> = s
        .rows
        .iter()
        .map(|r| {
            let area = match r.area_kind {
                Some(k) => format!("{} {}", k.label_vi(), r.area),
                None => r.area.to_string(),
            };
            [
                area,
                r.project.to_string(),
                r.key.kind.label_vi().to_string(),
                r.key.period.to_string(),
                total_vi(&r.tally, unit),
                row_note(d, s, r, unit),
            ]
        })
        .collect();
    let total_rows: Vec<[String; 6]> = s
        .totals
        .iter()
        .map(|t| {
            [
                "Tổng cộng".to_string(),
                String::new(),
                t.kind.label_vi().to_string(),
                String::new(),
                total_vi(&t.tally, unit),
                String::new(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in body.iter().chain(total_rows.iter()) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; 6]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(&pad(c, widths[i], i == 4));
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = format!(
        "Tổng hợp vốn: {}\nĐVT: {}\n\n",
        d.info.name,
        unit.label_vi()
    );
    out.push_str(&line(&header.map(String::from)));
    let rule: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    out.push_str(&"-".repeat(rule));
    out.push('\n');
    if body.is_empty() {
        out.push_str("(chưa có số liệu vốn nào)\n");
    }
    for row in body.drain(..) {
        out.push_str(&line(&row));
    }
    if !total_rows.is_empty() {
        out.push_str(&"-".repeat(rule));
        out.push('\n');
        for (row, t) in total_rows.iter().zip(&s.totals) {
            out.push_str(&line(row));
            // What the total is made of, and what it leaves out and why.
            let Ok(c) = s.count(t.kind) else { continue };
            for l in count::count_lines_brief(d, &c, unit, Lang::Vi) {
                out.push_str("    ");
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
    out
}

/// The exact csv header of `giamsat summary --format csv`.
pub const SUMMARY_CSV_HEADER: &str =
    "area,area_type,project,kind,from_year,to_year,amount_dong,part_of,parts_dong,withheld";

pub(super) fn summary_csv(d: &Dossier, s: &Summary) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(64 * (s.rows.len() + 1));
    out.push_str(SUMMARY_CSV_HEADER);
    out.push('\n');
    // A whole province is a million rows: each is written straight into the text.
    for r in &s.rows {
        let _ = write!(
            out,
            "{},{},{},{},{},{},",
            csv_field(&r.area),
            r.area_kind.map_or("", |k| k.code()),
            csv_field(&r.project),
            r.key.kind.code(),
            r.key.period.from_year(),
            r.key.period.to_year(),
        );
        // A total with any unknown part is not a known total: the amount is left empty.
        if let Some(amount) = r.tally.total.as_ref().and_then(AmountSum::total) {
            let _ = write!(out, "{}", amount.get());
        }
        out.push(',');
        if let Some(w) = r.part_of {
            out.push_str(&csv_field(&whole_name(d, w, r)));
        }
        out.push(',');
        if let Some(parts) = s.own_whole(r).and_then(|w| w.parts.as_ref()?.total()) {
            let _ = write!(out, "{}", parts.get());
        }
        out.push(',');
        out.push_str(r.tally.withheld.map_or("", |w| w.code()));
        out.push('\n');
    }
    out
}

pub(super) fn summary_json(d: &Dossier, s: &Summary) -> String {
    let ids = |v: &[crate::model::AllocationId]| v.iter().map(|a| a.0).collect::<Vec<_>>();
    let items: Vec<serde_json::Value> = s
        .rows
        .iter()
        .map(|r| {
            let t = &r.tally;
            let sum = t.total.unwrap_or_default();
            serde_json::json!({
                "area": r.area,
                "area_id": r.key.area.0,
                "area_type": r.area_kind.map(|k| k.code()),
                "project": r.project,
                "project_id": r.key.project.0,
                "kind": r.key.kind.code(),
                "from_year": r.key.period.from_year(),
                "to_year": r.key.period.to_year(),
                "amount_dong": t.total.as_ref().and_then(AmountSum::total).map(|d| d.get()),
                "known_dong": t.total.map(|_| sum.known.get()),
                "unknown_count": t.total.map(|_| sum.unknown_count),
                "withheld": t.withheld.map(|w| w.code()),
                "part_of": r.part_of.map(|w| serde_json::json!({
                    "area_id": w.0.0,
                    "project_id": w.1.0,
                    "name": whole_name(d, w, r),
                })),
                "beside": t.beside().iter().map(|w| serde_json::json!({
                    "area_id": w.area.0,
                    "project_id": w.project.0,
                    "whole_dong": w.whole.total().map(|d| d.get()),
                    "parts_dong": w.parts.as_ref().and_then(AmountSum::total).map(|d| d.get()),
                    "difference_dong": w.difference(),
                })).collect::<Vec<_>>(),
                "allocation_ids": ids(&t.ids),
                "part_ids": ids(t.part_ids()),
                "replaced_ids": ids(t.replaced_ids()),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_default();
    s.push('\n');
    s
}
