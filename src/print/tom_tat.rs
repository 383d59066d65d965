//! The figures summary (tóm tắt số liệu): every figure with its period, unknowns and totals.

use super::figures::{as_of, chart_blocks, chart_of, overlap_notes, span_notes};
use super::{Block, NOT_ADDED, PrintDoc, PrintError, Row, area_name, money};
use crate::analysis::group_allocations;
use crate::charts::ChartKind;
use crate::model::number::NumberStyle;
use crate::model::*;
use std::collections::BTreeSet;

pub(super) fn tom_tat(
    d: &Dossier,
    round: &Round,
    unit: MoneyUnit,
    doc: &mut PrintDoc,
) -> Result<(), PrintError> {
    let groups = group_allocations(d, &as_of(round))?;
    let kinds: Vec<AllocationKind> = AllocationKind::ALL
        .into_iter()
        .filter(|k| groups.iter().any(|g| g.kind == *k))
        .collect();
    if kinds.is_empty() {
        doc.blocks.push(Block::Para {
            text: "Chưa có số liệu vốn.".into(),
        });
    }
    let mut periods: Vec<Period> = groups
        .iter()
        .map(|g| g.period)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    periods.sort_by_key(|p| p.column_key());
    let mut areas: Vec<AreaId> = vec![];
    for a in &d.areas {
        if groups.iter().any(|g| g.area_id == a.id) {
            areas.push(a.id);
        }
    }
    let overlaps = crate::analysis::period_overlaps(&groups);
    for (ki, kind) in kinds.iter().enumerate() {
        doc.blocks.push(Block::Subheading {
            text: format!("{}. {}", ki + 1, kind.label_vi()),
        });
        // An area whose figures of this kind overlap in time gets no row total, and the
        // table no grand total: they would count money twice.
        let overlapping: BTreeSet<AreaId> = overlaps
            .iter()
            .filter(|o| o.kind == *kind)
            .map(|o| o.area_id)
            .collect();
        let mut header = vec!["Địa bàn".to_string()];
        header.extend(periods.iter().map(Period::to_string));
        header.push("Tổng cộng".into());
        let mut rows = vec![];
        let mut col_totals: Vec<AmountSum> = vec![AmountSum::default(); periods.len()];
        let mut grand = AmountSum::default();
        for area in &areas {
            let mut cells = vec![area_name(d, *area)];
            let mut row_total = AmountSum::default();
            for (pi, p) in periods.iter().enumerate() {
                let mut sum = AmountSum::default();
                for g in groups
                    .iter()
                    .filter(|g| g.area_id == *area && g.period == *p && g.kind == *kind)
                {
                    sum.merge(&g.sum)?;
                }
                if sum.is_empty() {
                    cells.push("–".into());
                } else {
                    cells.push(money(&sum, unit));
                    row_total.merge(&sum)?;
                    col_totals[pi].merge(&sum)?;
                    grand.merge(&sum)?;
                }
            }
            cells.push(if row_total.is_empty() {
                "–".into()
            } else if overlapping.contains(area) {
                NOT_ADDED.into()
            } else {
                money(&row_total, unit)
            });
            rows.push(Row { cells, bold: false });
        }
        let mut total_cells = vec!["Tổng cộng".to_string()];
        total_cells.extend(col_totals.iter().map(|s| {
            if s.is_empty() {
                "–".into()
            } else {
                money(s, unit)
            }
        }));
        total_cells.push(if overlapping.is_empty() {
            money(&grand, unit)
        } else {
            NOT_ADDED.into()
        });
        rows.push(Row {
            cells: total_cells,
            bold: true,
        });
        let n = periods.len() + 2;
        let mut widths = vec![1.8];
        widths.extend(std::iter::repeat_n(1.0, n - 1));
        let mut align = vec!["left".to_string()];
        align.extend(std::iter::repeat_n("right".to_string(), n - 1));
        doc.blocks.push(Block::Table {
            unit: Some(format!("ĐVT: {}", unit.label_vi())),
            header,
            widths,
            align,
            rows,
        });
    }
    doc.blocks.extend(overlap_notes(d, &overlaps));
    if !kinds.is_empty() {
        // The two ways a cell can lack a figure mean different things to the reader.
        doc.blocks.push(Block::Note {
            text: "Ghi chú: “–”: báo cáo không nêu khoản này; “chưa có số liệu”: báo cáo có \
                   nêu khoản này nhưng chưa có số tiền."
                .into(),
        });
    }
    let by_kind = chart_of(d, round, ChartKind::ByKind, unit)?;
    doc.blocks.extend(span_notes(&by_kind));
    let mut next = kinds.len() + 1;
    let first = chart_blocks(
        &chart_of(d, round, ChartKind::AreaYear, unit)?,
        "Biểu đồ 1: vốn phân bổ theo địa bàn và năm",
    );
    if !first.is_empty() {
        doc.blocks.push(Block::Subheading {
            text: format!("{next}. Biểu đồ"),
        });
        next += 1;
        doc.blocks.extend(first);
        doc.blocks.extend(chart_blocks(
            &by_kind,
            "Biểu đồ 2: vốn theo loại (phân bổ, năm trước chuyển sang, giải ngân)",
        ));
    }
    if !d.indicator_values.is_empty() {
        doc.blocks.push(Block::Subheading {
            text: format!("{next}. Chỉ tiêu đã báo cáo"),
        });
        let rows = d
            .indicator_values
            .iter()
            .filter_map(|v| {
                let ind = d.indicator(v.indicator_id)?;
                let value = match v.value {
                    Measure::Number(q) => format!("{} {}", q.format(NumberStyle::Vi), ind.unit)
                        .trim()
                        .to_string(),
                    Measure::Month(m) => m.format_vi(),
                    Measure::Unknown => "chưa có số liệu".into(),
                };
                Some(Row {
                    cells: vec![
                        ind.name.clone(),
                        area_name(d, v.area_id),
                        v.period.to_string(),
                        value,
                        v.source_doc.clone(),
                    ],
                    bold: false,
                })
            })
            .collect();
        doc.blocks.push(Block::Table {
            unit: None,
            header: ["Chỉ tiêu", "Địa bàn", "Kỳ", "Giá trị", "Nguồn số liệu"]
                .map(String::from)
                .to_vec(),
            widths: vec![2.4, 1.2, 0.9, 0.9, 1.8],
            align: ["left", "left", "center", "right", "left"]
                .map(String::from)
                .to_vec(),
            rows,
        });
    }
    Ok(())
}
