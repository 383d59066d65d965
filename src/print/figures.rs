//! The figures as printed blocks, shared by the report and the summary: the allocation table,
//! the notes on overlapping periods and the charts, as the figures stood at the round.

use super::{Block, NOT_ADDED, PrintError, Row, area_name, money};
use crate::analysis::{AllocationFilter, group_allocations};
use crate::charts::{self, Chart, ChartKind, ChartSpec};
use crate::i18n::Lang;
use crate::model::*;
use std::collections::BTreeSet;

/// The allocation table of the report: area, project, kind, period, amount, source; then the
/// warnings about figures whose periods overlap. Empty when there are no figures.
pub(super) fn allocation_table(
    d: &Dossier,
    round: &Round,
    unit: MoneyUnit,
) -> Result<Vec<Block>, PrintError> {
    let groups = group_allocations(d, &as_of(round))?;
    if groups.is_empty() {
        return Ok(vec![]);
    }
    let mut rows = vec![];
    for (i, g) in groups.iter().enumerate() {
        let sources: BTreeSet<String> = g
            .allocation_ids
            .iter()
            .filter_map(|id| d.allocations.iter().find(|a| a.id == *id))
            .map(|a| a.source_doc.clone())
            .filter(|s| !s.is_empty())
            .collect();
        rows.push(Row {
            cells: vec![
                (i + 1).to_string(),
                area_name(d, g.area_id),
                d.project(g.project_id)
                    .map(|p| p.short_label_vi())
                    .unwrap_or_default(),
                g.kind.label_vi().to_string(),
                g.period.to_string(),
                money(&g.sum, unit),
                sources.into_iter().collect::<Vec<_>>().join("; "),
            ],
            bold: false,
        });
    }
    let totals = crate::analysis::totals_by_kind(&groups)?;
    for t in &totals {
        rows.push(Row {
            cells: vec![
                String::new(),
                "Tổng cộng".into(),
                String::new(),
                t.kind.label_vi().into(),
                String::new(),
                match &t.sum {
                    Some(sum) => money(sum, unit),
                    None => NOT_ADDED.into(),
                },
                String::new(),
            ],
            bold: true,
        });
    }
    let table = Block::Table {
        unit: Some(format!("ĐVT: {}", unit.label_vi())),
        header: [
            "TT",
            "Địa bàn",
            "Dự án",
            "Loại vốn",
            "Kỳ",
            "Số tiền",
            "Nguồn số liệu",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![0.35, 1.3, 0.8, 1.3, 0.9, 1.0, 2.0],
        align: ["center", "left", "left", "left", "center", "right", "left"]
            .map(String::from)
            .to_vec(),
        rows,
    };
    let overlaps: Vec<_> = totals.iter().flat_map(|t| &t.overlaps).cloned().collect();
    Ok(std::iter::once(table)
        .chain(overlap_notes(d, &overlaps))
        .collect())
}

/// A note for each pair of figures whose periods overlap, under the table whose total they
/// kept from being added.
pub(super) fn overlap_notes<'a>(
    d: &'a Dossier,
    overlaps: &'a [crate::analysis::PeriodOverlap],
) -> impl Iterator<Item = Block> + 'a {
    overlaps.iter().map(move |o| Block::Note {
        text: format!(
            "Cảnh báo số liệu: {}.",
            crate::analysis::overlap_warning(d, o, Lang::Vi)
        ),
    })
}

/// The figures a round's documents rest on: as they stood at that round, so a later round's
/// report never changes what an earlier round printed.
pub(super) fn as_of(round: &Round) -> AllocationFilter {
    AllocationFilter {
        round: crate::analysis::RoundView::AsOf(round.id),
        ..AllocationFilter::default()
    }
}

pub(super) fn chart_of(
    d: &Dossier,
    round: &Round,
    kind: ChartKind,
    unit: MoneyUnit,
) -> Result<Chart, PrintError> {
    Ok(charts::build(
        d,
        &ChartSpec {
            kind,
            unit,
            filter: as_of(round),
            ..Default::default()
        },
        Lang::Vi,
    )?)
}

/// A chart as printed figures with their captions; none when there is nothing to draw. A
/// chart of too many areas for one page (a whole province) is printed in parts of a page each,
/// every area in exactly one part, each part captioned "(phần 2/7)".
pub(super) fn chart_blocks(chart: &Chart, caption: &str) -> Vec<Block> {
    if chart.empty_message.is_some() {
        return vec![];
    }
    let parts = charts::split_for_pages(chart);
    let n = parts.len();
    let options = charts::svg::SvgOptions {
        lying: charts::prefers_horizontal(chart),
        // One scale for every part, so bars on different pages compare.
        value_max: Some(charts::layout(chart).y_max),
        ..charts::svg::SvgOptions::print()
    };
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| Block::Chart {
            svg: charts::svg::render_with(part, Lang::Vi, options),
            caption: if n == 1 {
                caption.to_string()
            } else {
                format!("{caption} (phần {}/{n})", i + 1)
            },
        })
        .collect()
}

/// The chart's notes on period totals, so a reader never takes them for one year's money.
pub(super) fn span_notes(chart: &Chart) -> impl Iterator<Item = Block> + '_ {
    chart
        .notes
        .iter()
        .map(|text| Block::Note { text: text.clone() })
}
