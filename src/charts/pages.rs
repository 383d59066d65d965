//! Standing or lying bars, and a chart cut into printed pages: how a built chart is fitted to
//! the room it is drawn in. Apart from the building because it only reads finished charts.

use super::{Chart, ChartKind, Group};

/// Whether bars read better lying down: many areas (or many bars) leave a standing bar too
/// thin to carry its label, while lying bars take their names on the left, one per row.
pub fn prefers_horizontal(chart: &Chart) -> bool {
    chart.kind != ChartKind::Totals
        && !stands(
            chart.groups.len(),
            chart.groups.iter().map(|g| g.bars.len()).sum(),
        )
}

/// The lying bars a printed page holds.
pub const ROWS_PER_PAGE: usize = 36;

/// Whether `groups` groups of `bars` bars in all are few enough to stand.
fn stands(groups: usize, bars: usize) -> bool {
    const MOST_GROUPS: usize = 12;
    const MOST_BARS: usize = 40;
    groups <= MOST_GROUPS && bars <= MOST_BARS
}

/// A chart of many areas cut into parts of a printed page each, drawn lying: consecutive
/// groups of at most [`ROWS_PER_PAGE`] bars, every group in exactly one part, each part with
/// the whole chart's series and title and no notes (printed once, apart). A chart that stands
/// ([`prefers_horizontal`] is false) is its own single part.
pub fn split_for_pages(chart: &Chart) -> Vec<Chart> {
    if !prefers_horizontal(chart) {
        return vec![chart.clone()];
    }
    let part = |groups: &[Group]| Chart {
        groups: groups.to_vec(),
        notes: vec![],
        kind: chart.kind,
        title: chart.title.clone(),
        value_label: chart.value_label.clone(),
        format: chart.format,
        series: chart.series.clone(),
        slots: chart.slots,
        line: vec![],
        spans: vec![],
        markers: vec![],
        // A printed part is only drawn; its table is the document's own.
        totals: Default::default(),
        empty_message: None,
    };
    let mut parts = Vec::new();
    let (mut start, mut bars) = (0, 0);
    for (i, g) in chart.groups.iter().enumerate() {
        // A group too big for a page alone still gets a part of its own.
        if i > start && bars + g.bars.len() > ROWS_PER_PAGE {
            parts.push(part(&chart.groups[start..i]));
            (start, bars) = (i, 0);
        }
        bars += g.bars.len();
    }
    if start < chart.groups.len() {
        parts.push(part(&chart.groups[start..]));
    }
    parts
}
