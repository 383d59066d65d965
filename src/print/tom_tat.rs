//! The figures summary (tóm tắt số liệu): every figure with its period, unknowns and totals,
//! each kind a table of areas by period whose totals come from the counting module.

use super::figures::{
    chart_blocks, chart_of, count_notes, counter, once, quote, scope_note, span_notes, total_text,
    tree_order, withheld_notes,
};
use super::{Block, PrintDoc, PrintError, Row, area_name};
use crate::analysis::count::Query;
use crate::charts::ChartKind;
use crate::model::number::NumberStyle;
use crate::model::*;

pub(super) fn tom_tat(
    d: &Dossier,
    round: &Round,
    unit: MoneyUnit,
    doc: &mut PrintDoc,
) -> Result<(), PrintError> {
    let counter = counter(d, round)?;
    let kinds = counter.kinds();
    if kinds.is_empty() {
        doc.blocks.push(Block::Para {
            text: "Chưa có số liệu vốn.".into(),
        });
    } else {
        doc.blocks.push(scope_note(d, round));
    }
    let periods = counter.periods(None);
    let areas = tree_order(d, &counter.shown_areas(None));
    let mut notes = Vec::new();
    let mut any_part = false;
    for (ki, kind) in kinds.iter().enumerate() {
        doc.blocks.push(Block::Subheading {
            text: format!("{}. {}", ki + 1, kind.label_vi()),
        });
        // A cell's total, and why it is withheld when it is (whether or not the table's
        // total is).
        let mut cell_notes = Vec::new();
        let mut total = |area: Option<AreaId>, period: Option<Period>| {
            let q = Query {
                areas: area.as_ref().map(std::slice::from_ref),
                projects: None,
                kind: *kind,
                periods: period.as_ref().map(std::slice::from_ref),
            };
            let t = counter.tally(&q)?;
            if t.withheld.is_some() {
                cell_notes.extend(withheld_notes(d, &counter.count(&q)?, unit));
            }
            Ok::<_, MoneyError>(t)
        };
        let mut header = vec!["Địa bàn".to_string()];
        header.extend(periods.iter().map(Period::to_string));
        header.push("Tổng cộng".into());
        let mut rows = vec![];
        for (area, above) in &areas {
            let mut cells = vec![match above {
                // A unit under another in the table: its figures are inside that one's total.
                Some(up) => {
                    any_part = true;
                    format!("– {} (thuộc {})", area_name(d, *area), area_name(d, *up))
                }
                None => area_name(d, *area),
            }];
            let mut any = false;
            for p in &periods {
                let t = total(Some(*area), Some(*p))?;
                if t.is_empty() {
                    cells.push("–".into());
                } else {
                    any = true;
                    cells.push(total_text(&t, unit));
                    quote(doc, (Some(*area), None, *kind, Some(*p)), t.total);
                }
            }
            if !any {
                continue;
            }
            let row_total = total(Some(*area), None)?;
            cells.push(total_text(&row_total, unit));
            quote(doc, (Some(*area), None, *kind, None), row_total.total);
            rows.push(Row { cells, bold: false });
        }
        let mut total_cells = vec!["Tổng cộng".to_string()];
        for p in &periods {
            let t = total(None, Some(*p))?;
            if t.is_empty() {
                total_cells.push("–".into());
            } else {
                total_cells.push(total_text(&t, unit));
                quote(doc, (None, None, *kind, Some(*p)), t.total);
            }
        }
        let grand = counter.count(&Query {
            kind: *kind,
            ..Default::default()
        })?;
        total_cells.push(match &grand.total {
            Some(sum) => super::money(sum, unit),
            None => crate::i18n::Lang::Vi.texts().withheld_short.to_string(),
        });
        quote(doc, (None, None, *kind, None), grand.total);
        notes.extend(count_notes(d, &grand, unit));
        notes.extend(cell_notes);
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
    doc.blocks.extend(once(notes));
    if !kinds.is_empty() {
        // The two ways a cell can lack a figure mean different things to the reader.
        let mut text = "Ghi chú: “–”: báo cáo không nêu khoản này; “chưa có số liệu”: báo cáo \
                        có nêu khoản này nhưng chưa có số tiền."
            .to_string();
        if any_part {
            text.push_str(
                " Dòng “thuộc …” là số liệu của đơn vị trực thuộc, đã nằm trong tổng của đơn vị \
                 cấp trên: không cộng thêm vào dòng Tổng cộng.",
            );
        }
        doc.blocks.push(Block::Note { text });
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
